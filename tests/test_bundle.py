"""The bundle and the Debian package, built from a clean copy, used as a person would.

Behind the ``bundle`` marker (deselected by default; `.ci/run` runs them after the main
suite with `pip install '.[bundle]' && python -m pytest -m bundle`). One build of about
2-4 minutes serves every test here: tools/build_bundle.py from a copy of this tree.
The programs run from a folder with nothing else in it and an empty environment (no
virtual environment on PATH, no Python variables), offscreen.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
import platforms  # noqa: E402

pytestmark = pytest.mark.bundle

APP_ID = platforms.APP_ID


def _need(*programs: str) -> None:
    for program in programs:
        if shutil.which(program) is None:
            pytest.skip(f"{program} is not installed (see the README's developer section)")


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """tools/build_bundle.py run on a clean copy of this tree; its output folder."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed: pip install '.[bundle]'")
    _need("dpkg-deb")
    scratch = tmp_path_factory.mktemp("bundle")
    clean = scratch / "clone"
    shutil.copytree(ROOT, clean, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "__pycache__", "*.egg-info", ".mypy_cache", ".ruff_cache"))
    out = scratch / "out"
    subprocess.run([sys.executable, str(clean / "tools" / "build_bundle.py"),
                    "--python", sys.executable, "--out", str(out)],
                   check=True, timeout=1800)
    yield out


@pytest.fixture(scope="module")
def installed(build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb unpacked into a scratch root (never the real system), as dpkg would lay it."""
    (deb,) = build.glob("firstsession_*.deb")
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def _run_bare(program: Path, *args: str, cwd: Path,
              lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    """Run ``program`` as on a machine with no Python: an empty environment, a plain PATH."""
    home = cwd.parent / "home"
    home.mkdir(exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": lang,
           "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(program), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(path).pages)


def _use_every_command(program: Path, folder: Path) -> None:
    """--smoke-test, sample, export, sample --packet and blank --packet each exit 0, and
    the PDFs hold the sample's words."""
    folder.mkdir()
    for args in (["--smoke-test"], ["sample", "-o", "sheet.json"],
                 ["export", "sheet.json", "-o", "sheet.pdf"],
                 ["sample", "--packet", "-o", "packet.json"],
                 ["blank", "--packet", "packet.json", "-o", "handout.pdf"]):
        result = _run_bare(program, *args, cwd=folder)
        assert result.returncode == 0, f"{args}: {result.stderr}"
        assert "Traceback" not in result.stderr
    assert "what I want you to know" in _pdf_text(folder / "sheet.pdf")
    assert "Riverside Counseling Collective" in _pdf_text(folder / "handout.pdf")
    assert sorted(p.name for p in folder.iterdir()) == [
        "handout.pdf", "packet.json", "sheet.json", "sheet.pdf"]


def test_the_bundle_runs_every_command_with_nothing_else_installed(build: Path,
                                                                   tmp_path: Path) -> None:
    """The bundled program's smoke test, sample, export and blank --packet work from an
    empty folder with an empty environment and no Python on PATH."""
    _use_every_command(build / "dist" / "firstsession" / "firstsession", tmp_path / "work")


def test_the_bundle_speaks_spanish_and_knows_each_countrys_crisis_lines(build: Path,
                                                                      tmp_path: Path) -> None:
    """From the bundle: `blank --lang es` and a Spanish sheet's export are in Spanish
    (catalogue, Spanish templates, CLDR dates), `blank --country GB` names the UK's
    emergency number and crisis line (templates/emergency.toml, crisis data), and the app's
    smoke test passes under LANG=es_ES.UTF-8 (Qt's own Spanish words bundled)."""
    program = build / "dist" / "firstsession" / "firstsession"
    for args in (["blank", "--lang", "es", "-o", "es.pdf"],
                 ["sample", "--lang", "es", "-o", "hoja.json"],
                 ["export", "--lang", "es", "hoja.json", "-o", "hoja.pdf"],
                 ["blank", "--country", "GB", "-o", "gb.pdf"]):
        result = _run_bare(program, *args, cwd=tmp_path)
        assert result.returncode == 0 and "Traceback" not in result.stderr, f"{args}: {result}"
    assert "Prepararse para su primera sesión" in _pdf_text(tmp_path / "es.pdf")
    assert "lo que quiero que sepa" in _pdf_text(tmp_path / "hoja.pdf")
    uk = _pdf_text(tmp_path / "gb.pdf")
    assert "999" in uk and "Samaritans" in uk
    smoke = _run_bare(program, "--smoke-test", cwd=tmp_path, lang="es_ES.UTF-8")
    assert smoke.returncode == 0 and "Traceback" not in smoke.stderr, smoke.stderr
    qt_words = build / "dist" / "firstsession" / "_internal" / platforms.QT_TRANSLATIONS
    assert sorted(p.name for p in qt_words.iterdir()) == ["qtbase_es.qm"]


def test_the_bundles_preview_renderer_starts_as_a_copy_of_the_program(build: Path,
                                                                      tmp_path: Path) -> None:
    """multiprocessing's spawned copy of the frozen program (the preview's renderer, and
    its resource tracker) runs the renderer, not the app, though PyInstaller's start-up
    hook for multiprocessing is left out of every normal start (firstsession.spec)."""
    program = build / "dist" / "firstsession" / "firstsession"
    # What multiprocessing runs to start its resource tracker: the frozen interpreter's
    # flags (subprocess._args_from_interpreter_flags() there), -c and the code (fd 0: an
    # empty stdin, so it ends at once); the app's own command line would refuse "-c".
    result = _run_bare(program, "-B", "-I", "-S", "-c",
                       "from multiprocessing.resource_tracker import main;main(0)", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_bundle_holds_every_file_of_the_package(build: Path) -> None:
    """Every non-Python file the wheel carries (templates of every language, forms, fonts,
    icons, any translations) is in the bundle at the same place."""
    site = build / "site" / "firstsession"
    inside = build / "dist" / "firstsession" / "_internal" / "firstsession"
    wanted = [p.relative_to(site) for p in site.rglob("*")
              if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert any(p.parts[:2] == ("templates", "es") for p in wanted)
    assert any(p.parts[0] == "fonts" for p in wanted)
    assert [p for p in wanted if not (inside / p).is_file()] == []


def test_the_bundle_leaves_out_the_qt_parts_the_app_never_uses(build: Path) -> None:
    """No Qt Quick/QML, virtual keyboard or embedded-device platform files are bundled."""
    bundle = build / "dist" / "firstsession"
    names = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*")]
    languages = platforms.shipped_languages(build / "site" / "firstsession")
    assert languages == ["es"]
    assert [n for n in names if not platforms.keep_file(n, languages)] == []
    assert not (bundle / "_internal" / "PySide6" / "QtQml.abi3.so").exists()
    assert (bundle / "_internal" / "PySide6" / "QtPdf.abi3.so").exists()  # what we use stays


def test_the_installed_package_starts_exports_and_prints_a_handout(installed: Path,
                                                                   tmp_path: Path) -> None:
    """From the package's files, the `firstsession` command (a link into usr/lib) starts
    offscreen, exports the sample sheet and makes the practice's handout as PDFs."""
    command = installed / platforms.DEB_COMMAND
    assert command.is_symlink()
    _use_every_command(command, tmp_path / "work")


def test_the_desktop_entry_is_valid_and_names_our_icon_and_files(installed: Path) -> None:
    """desktop-file-validate passes; the entry runs `firstsession FILE`, shows our icon and
    opens our sheets and packets; every icon size is in the icon theme at its size."""
    _need("desktop-file-validate")
    from PIL import Image

    share = installed / "usr" / "share"
    entry = share / "applications" / f"{APP_ID}.desktop"
    result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                            text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    keys = dict(line.split("=", 1) for line in entry.read_text().splitlines() if "=" in line)
    assert keys["Exec"] == "firstsession %f"
    assert keys["Icon"] == APP_ID
    assert {"application/x-firstsession-sheet", "application/x-firstsession-packet"} <= set(
        keys["MimeType"].split(";"))
    from firstsession.icons import ICON_SIZES

    for size in ICON_SIZES:
        png = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert Image.open(png).size == (size, size)
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()


def test_the_metainfo_validates_and_names_this_version(installed: Path) -> None:
    """`appstreamcli validate --strict` passes, and its newest release is this version."""
    _need("appstreamcli")
    import xml.etree.ElementTree as ET

    from firstsession import __version__

    metainfo = installed / "usr" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"
    result = subprocess.run(["appstreamcli", "validate", "--strict", "--no-net", str(metainfo)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    release = ET.parse(metainfo).getroot().find("releases/release")
    assert release is not None and release.get("version") == __version__


def test_sheets_and_packets_get_our_mime_types_and_other_json_does_not(
    installed: Path, build: Path, tmp_path: Path
) -> None:
    """With the package's MIME file, a saved sheet is application/x-firstsession-sheet, a
    packet application/x-firstsession-packet, and any other JSON stays application/json."""
    _need("update-mime-database", "gio")
    share = tmp_path / "share"
    shutil.copytree(installed / "usr" / "share" / "mime", share / "mime")
    subprocess.run(["update-mime-database", str(share / "mime")], check=True)
    program = build / "dist" / "firstsession" / "firstsession"
    work = tmp_path / "work"
    work.mkdir()
    for args in (["sample", "-o", "sheet.json"], ["sample", "--packet", "-o", "packet.json"]):
        assert _run_bare(program, *args, cwd=work).returncode == 0
    (work / "other.json").write_text('{"format": "something else"}\n')
    env = dict(os.environ, XDG_DATA_DIRS=f"{share}:/usr/share", XDG_DATA_HOME=str(tmp_path))
    seen = {}
    for name in ("sheet", "packet", "other"):
        out = subprocess.run(["gio", "info", "-a", "standard::content-type",
                              str(work / f"{name}.json")], env=env, capture_output=True,
                             text=True, check=True).stdout
        seen[name] = out.split("standard::content-type:")[1].strip()
    assert seen == {"sheet": "application/x-firstsession-sheet",
                    "packet": "application/x-firstsession-packet",
                    "other": "application/json"}


def test_the_package_depends_on_every_system_library_the_bundle_links_to(
    installed: Path, build: Path
) -> None:
    """Every library the bundle's programs and plugins load from the system belongs to a
    package in Depends (GTK, which only Qt's GTK theme plugin uses where GTK is, aside)."""
    _need("ldd", "readelf", "dpkg-query")
    bundle = installed / platforms.DEB_BUNDLE_DIR
    (deb,) = build.glob("firstsession_*.deb")
    control = subprocess.run(["dpkg-deb", "-f", str(deb), "Depends"], capture_output=True,
                             text=True, check=True).stdout
    depends = {name.split("(")[0].strip() for name in control.split(",")}
    outside: set[str] = set()
    for path in bundle.rglob("*.so*"):
        # The libraries it names itself (NEEDED): the ones it loads through them come with
        # those libraries' own packages.
        dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True,
                                 text=True).stdout
        needed = {line.split("[")[1].split("]")[0] for line in dynamic.splitlines()
                  if "(NEEDED)" in line}
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True)
        for line in result.stdout.splitlines():
            library = line.split("=>")[0].strip()
            if "=>" not in line or library not in needed:
                continue
            if "not found" in line:  # not on this machine: its package is named by hand
                assert library in platforms.DEB_LIBRARY_PACKAGES, f"{path.name}: {line}"
                package = platforms.DEB_LIBRARY_PACKAGES[library]
                assert package in depends or not package, f"{library}: {package}"
                continue
            target = line.split("=>")[1].split("(")[0].strip()
            if target and not target.startswith(str(bundle)):
                outside.add(os.path.realpath(target))
    owners: dict[str, str] = {}
    for library in sorted(outside):
        result = subprocess.run(["dpkg-query", "-S", library], capture_output=True, text=True)
        if result.returncode != 0:  # a merged /usr: the same file under /lib
            alt = library.replace("/usr/lib/", "/lib/", 1)
            result = subprocess.run(["dpkg-query", "-S", alt], capture_output=True, text=True)
        owners[library] = result.stdout.split(":")[0].strip()
    missing = {lib: pkg for lib, pkg in owners.items() if pkg not in depends}
    assert missing == {}
