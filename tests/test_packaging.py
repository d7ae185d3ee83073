"""The wheel carries everything the app needs, and works from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("firstsession-*.whl")
    return built


def test_wheel_holds_templates_ui_and_fonts(wheel: Path) -> None:
    """templates/ (each language's folder too), ui/ and the fonts with their licence are inside."""
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = [p for p in (ROOT / "templates").rglob("*") if p.is_file()]
    assert any(p.parent.name == "es" for p in templates)  # a language's folder, too
    for template in templates:
        inside = template.relative_to(ROOT / "templates").as_posix()
        assert f"firstsession/templates/{inside}" in names
    for form in (ROOT / "ui").glob("*"):
        assert f"firstsession/ui/{form.name}" in names
    for font in ("Regular", "Bold", "Italic", "BoldItalic"):
        assert f"firstsession/fonts/NotoSans-{font}.ttf" in names
    assert "firstsession/fonts/OFL.txt" in names


def test_unpacked_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    """The wheel's own copy (not the source tree) exports a blank handout from elsewhere."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import firstsession, sys\n"
        f"assert firstsession.__file__.startswith({str(site)!r}), firstsession.__file__\n"
        "from firstsession.cli import main\n"
        "sys.exit(main(['blank', '-o', 'handout.pdf']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "handout.pdf").read_bytes().startswith(b"%PDF")
