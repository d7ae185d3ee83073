"""The command line as a person uses it: whole processes, real files, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli
from pypdf import PdfReader

from firstsession import __version__, paths, storage


def assert_one_clear_line(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("firstsession: ")


def test_version() -> None:
    """--version prints the version and exits 0."""
    result = run_cli("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_sample_export_round_trip(tmp_path: Path) -> None:
    """sample writes a sheet; export turns it into a PDF with the sample's words."""
    sheet = tmp_path / "sample.json"
    assert run_cli("sample", "-o", str(sheet)).returncode == 0
    assert json.loads(sheet.read_text())["format"] == "firstsession-sheet"
    out = tmp_path / "out.pdf"
    result = run_cli("export", str(sheet), "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Sam" in text and "overwhelmed" in text


def test_sample_refuses_to_replace_a_file(tmp_path: Path) -> None:
    """sample never writes over an existing file unless told to."""
    target = tmp_path / "mine.json"
    target.write_text("my own words")
    assert_one_clear_line(run_cli("sample", "-o", str(target)))
    assert target.read_text() == "my own words"
    assert run_cli("sample", "-o", str(target), "--force").returncode == 0


def test_import_makes_the_saved_sheet_and_keeps_a_backup(tmp_path: Path) -> None:
    """import replaces the saved sheet, with the old one kept as the backup."""
    sheet = tmp_path / "s.json"
    run_cli("sample", "-o", str(sheet))
    storage.save_sheet(storage.read_sheet_file(sheet).__class__())  # an empty saved sheet
    before = sheet.read_bytes()
    assert run_cli("import", str(sheet)).returncode == 0
    assert sheet.read_bytes() == before
    assert storage.read_sheet_file(paths.sheet_path()).about.name == "Sam"
    assert storage.read_backup().about.name == ""


def test_export_without_sheet_uses_the_saved_one(tmp_path: Path) -> None:
    """export with no SHEET exports the saved sheet; with none saved, it says so."""
    out = tmp_path / "o.pdf"
    assert_one_clear_line(run_cli("export", "-o", str(out)))
    sheet = tmp_path / "s.json"
    run_cli("sample", "-o", str(sheet))
    run_cli("import", str(sheet))
    result = run_cli("export", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_blank_handout(tmp_path: Path) -> None:
    """blank writes a printable handout PDF."""
    out = tmp_path / "blank.pdf"
    result = run_cli("blank", "-o", str(out), "--country", "GB", "--paper", "A4")
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(out).pages) >= 4


BAD_FILES: dict[str, bytes] = {
    "truncated": b'{"format": "firstsession-sheet", "schema_version": 2, "notes": "ab',
    "random": bytes(range(256)) * 4,
    "foreign": b'{"name": "some other app"}',
    "newer": b'{"format": "firstsession-sheet", "schema_version": 999}',
    "control": b'{"format": "firstsession-sheet", "schema_version": 2, "notes": "a\x07b"}',
    "empty": b"",
    "wrongtype": b'{"format": "firstsession-sheet", "schema_version": 2, "feelings": 7}',
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
@pytest.mark.parametrize("command", ["export", "import"])
def test_bad_sheet_files_get_one_line_and_exit_2(tmp_path: Path, kind: str, command: str) -> None:
    """Every kind of bad sheet: one clear line, exit 2, and the file is unchanged."""
    bad = tmp_path / f"{kind}.json"
    bad.write_bytes(BAD_FILES[kind])
    args = [command, str(bad)] + (["-o", str(tmp_path / "o.pdf")] if command == "export" else [])
    result = run_cli(*args)
    assert_one_clear_line(result)
    assert bad.read_bytes() == BAD_FILES[kind]
    assert not (tmp_path / "o.pdf").exists()
    assert not paths.sheet_path().exists()


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["export"],
        ["export", "/no/such/sheet.json", "-o", "x.pdf"],
        ["blank", "-o", "/no/such/folder/x.pdf"],
        ["blank", "-o", "."],
        ["blank", "-o", "x.pdf", "--paper", "A5"],
        ["sample", "-o", "/proc/forbidden.json"],
        ["import", "."],
    ],
)
def test_bad_arguments_get_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    """Unknown commands, missing files and unwritable outputs: one line, exit 2."""
    assert_one_clear_line(run_cli(*args, cwd=tmp_path))


def test_control_characters_in_a_path_are_shown_safely(tmp_path: Path) -> None:
    """A path with control characters is named with them made visible, on one line."""
    result = run_cli("export", str(tmp_path / "a\nb\x1b[31m.json"), "-o", "x.pdf")
    assert_one_clear_line(result)
    assert "\x1b" not in result.stderr


def test_export_refuses_to_write_over_its_input(tmp_path: Path) -> None:
    """export -o pointing at the sheet itself is refused and the sheet kept."""
    sheet = tmp_path / "s.json"
    run_cli("sample", "-o", str(sheet))
    before = sheet.read_bytes()
    assert_one_clear_line(run_cli("export", str(sheet), "-o", str(sheet)))
    assert sheet.read_bytes() == before


def test_command_line_never_imports_qt(tmp_path: Path) -> None:
    """sample, export and blank run without importing any Qt module."""
    code = (
        "import sys\n"
        "from firstsession.cli import main\n"
        f"d = {str(tmp_path)!r}\n"
        "assert main(['sample', '-o', d + '/s.json']) == 0\n"
        "assert main(['export', d + '/s.json', '-o', d + '/s.pdf']) == 0\n"
        "assert main(['blank', '-o', d + '/b.pdf']) == 0\n"
        "qt = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))]\n"
        "assert not qt, qt\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
