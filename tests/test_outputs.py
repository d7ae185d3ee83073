"""Outputs never destroy anything: our own data files, devices, folders, notes typed by
hand, links and odd file names are all safe from ``-o`` and from the app's save dialogs.

Every refusal is checked the way a person meets it: a whole process, one line on
stderr, exit status 2, no traceback, and every input and data file byte-identical.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import AnswerDialogs, click_button, run_cli
from pypdf import PdfReader

from firstsession import outputs, paths, storage
from firstsession.sample import sample_sheet

SAMPLE_WORD = "nervous"  # a word the sample sheet's PDF holds (checked below)


# -- helpers ------------------------------------------------------------------------


def assert_one_clear_line(result: subprocess.CompletedProcess) -> str:
    stderr = result.stderr if isinstance(result.stderr, str) else result.stderr.decode(
        "utf-8", "backslashreplace")
    assert result.returncode == 2, (result.returncode, stderr)
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("firstsession: ")
    return lines[0]


def snapshot(*folders: Path) -> dict[str, bytes | str]:
    """Every entry under the folders: file bytes, or the kind of a non-file."""
    seen: dict[str, bytes | str] = {}
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            for name in dirs + files:
                p = Path(root) / name
                st = p.lstat()
                if stat.S_ISREG(st.st_mode):
                    seen[str(p)] = p.read_bytes()
                elif stat.S_ISLNK(st.st_mode):
                    seen[str(p)] = "link -> " + os.readlink(p)
                else:
                    seen[str(p)] = f"kind {stat.S_IFMT(st.st_mode)}"
    return seen


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A saved sheet with a backup, and a sample sheet file to export: returns the sample."""
    other = tmp_path / "other.json"
    other.write_bytes(storage.encode_sheet(sample_sheet()))
    storage.save_sheet(sample_sheet())
    changed = sample_sheet()
    changed.notes = "a second version, so there is a backup"
    storage.save_sheet(changed)
    assert storage.backup_of(paths.sheet_path()).exists()
    return other


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


# -- never our own data files -------------------------------------------------------


DATA_TARGETS = ["sheet.json", "sheet.json.bak", "sheet.unreadable-20260101-000000.json",
                ".sheet.json.abc123.tmp", "new.pdf"]


@pytest.mark.parametrize("target", DATA_TARGETS)
@pytest.mark.parametrize("command", ["export", "blank", "sample", "sample --packet"])
def test_no_command_writes_into_the_data_folder(
    tmp_path: Path, data_dir: Path, saved: Path, command: str, target: str
) -> None:
    """export, blank and sample refuse any path in the data folder, even with --force."""
    (data_dir / "sheet.unreadable-20260101-000000.json").write_bytes(b"{kept aside")
    (data_dir / ".sheet.json.abc123.tmp").write_bytes(b"half a save")
    before = snapshot(tmp_path)
    out = str(data_dir / target)
    args = {
        "export": ["export", str(saved), "-o", out, "--force"],
        "blank": ["blank", "-o", out, "--force"],
        "sample": ["sample", "-o", out, "--force"],
        "sample --packet": ["sample", "--packet", "-o", out, "--force"],
    }[command]
    line = assert_one_clear_line(run_cli(*args))
    assert "data folder" in line
    assert snapshot(tmp_path) == before


def test_export_of_the_saved_sheet_cannot_replace_it(data_dir: Path, saved: Path) -> None:
    """export with no SHEET and -o the saved sheet itself is refused."""
    before = snapshot(data_dir)
    assert_one_clear_line(run_cli("export", "-o", str(paths.sheet_path()), "--force"))
    assert snapshot(data_dir) == before


def _link_kinds(tmp_path: Path, data_dir: Path) -> dict[str, Path]:
    folder_link = tmp_path / "looks-like-documents"
    folder_link.symlink_to(data_dir, target_is_directory=True)
    file_link = tmp_path / "my sheet link.json"
    file_link.symlink_to(paths.sheet_path())
    hard = tmp_path / "hard.json"
    os.link(paths.sheet_path(), hard)
    return {
        "a symlinked folder": folder_link / "sheet.json",
        "a new file in a symlinked folder": folder_link / "new.pdf",
        "a symlink to the sheet": file_link,
        "a hard link to the sheet": hard,
    }


@pytest.mark.parametrize("kind", ["a symlinked folder", "a new file in a symlinked folder",
                                  "a symlink to the sheet", "a hard link to the sheet"])
@pytest.mark.parametrize("command", ["export", "blank", "sample"])
def test_links_to_our_data_are_seen_through(
    tmp_path: Path, data_dir: Path, saved: Path, kind: str, command: str
) -> None:
    """A symlink, a symlinked folder or a hard link cannot smuggle an output into our data."""
    out = str(_link_kinds(tmp_path, data_dir)[kind])
    before = snapshot(tmp_path)
    args = {"export": ["export", str(saved)], "blank": ["blank"], "sample": ["sample"]}[command]
    line = assert_one_clear_line(run_cli(*args, "-o", out, "--force"))
    assert "data folder" in line
    assert snapshot(tmp_path) == before


def test_a_bind_mounted_data_folder_is_seen_through(
    tmp_path: Path, data_dir: Path, saved: Path
) -> None:
    """The data folder mounted a second time elsewhere is still our data folder."""
    if os.geteuid() != 0:
        pytest.skip("only root can bind-mount a folder")
    other = tmp_path / "elsewhere"
    other.mkdir()
    if subprocess.run(["mount", "--bind", str(data_dir), str(other)],
                      capture_output=True).returncode != 0:
        pytest.skip("this machine does not allow mounts")
    try:
        before = snapshot(data_dir)
        line = assert_one_clear_line(run_cli("blank", "-o", str(other / "x.pdf"), "--force"))
        assert "data folder" in line
        assert snapshot(data_dir) == before
    finally:
        subprocess.run(["umount", str(other)], check=True)


# -- never a device, a pipe or a folder ---------------------------------------------


def _special(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"special-{kind}"
    if kind == "pipe":
        os.mkfifo(path)
    elif kind == "device":
        if os.geteuid() != 0:
            pytest.skip("only root can make a device node (and only root could replace one)")
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a private /dev/null
    elif kind == "folder":
        path.mkdir()
    elif kind == "dangling link":
        path.symlink_to(tmp_path / "nothing-here")
    return path


@pytest.mark.parametrize("kind", ["pipe", "device", "folder", "dangling link"])
@pytest.mark.parametrize("command", ["export", "blank", "sample", "sample --packet"])
def test_an_output_that_is_not_a_file_is_refused(
    tmp_path: Path, data_dir: Path, saved: Path, kind: str, command: str
) -> None:
    """A pipe, a device node, a folder or a link to nothing is never replaced, even with --force."""
    out = _special(tmp_path, kind)
    mode_before = out.lstat().st_mode
    before = snapshot(tmp_path)
    args = {
        "export": ["export", str(saved)],
        "blank": ["blank"],
        "sample": ["sample"],
        "sample --packet": ["sample", "--packet"],
    }[command]
    line = assert_one_clear_line(run_cli(*args, "-o", str(out), "--force"))
    assert str(out) in line
    assert out.lstat().st_mode == mode_before
    assert snapshot(tmp_path) == before


# -- links are written through, the link kept ---------------------------------------


def test_a_symlinked_pdf_is_written_through_and_the_link_kept(
    tmp_path: Path, saved: Path
) -> None:
    """export -o LINK replaces the PDF the link points to; the link itself stays a link."""
    real = tmp_path / "synced" / "prep.pdf"
    real.parent.mkdir()
    assert run_cli("blank", "-o", str(real)).returncode == 0
    link = tmp_path / "prep.pdf"
    link.symlink_to(real)
    result = run_cli("export", str(saved), "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert SAMPLE_WORD in pdf_text(real).lower()
    assert [p.name for p in real.parent.iterdir()] == ["prep.pdf"]  # no temp file left


def test_a_symlinked_sheet_output_is_written_through_with_force(tmp_path: Path) -> None:
    """sample --force -o LINK writes the sheet the link points to and keeps the link."""
    real = tmp_path / "real.json"
    real.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    result = run_cli("sample", "-o", str(link), "--force")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert storage.read_sheet_file(real) == sample_sheet()


# -- one replace rule ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["export", "blank"])
def test_an_existing_pdf_is_replaced_without_force(
    tmp_path: Path, saved: Path, command: str
) -> None:
    """A PDF is an output the person asked for: export and blank replace an earlier one."""
    out = tmp_path / "out.pdf"
    assert run_cli("blank", "-o", str(out), "--country", "GB").returncode == 0
    first = out.read_bytes()
    args = ["export", str(saved)] if command == "export" else ["blank", "--country", "US"]
    result = run_cli(*args, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() != first and out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("command", ["export", "blank", "blank --split"])
def test_a_file_that_is_not_a_pdf_needs_force(tmp_path: Path, saved: Path, command: str) -> None:
    """A mistyped -o naming someone's notes is refused unless --force says so."""
    names = tmp_path / "names.txt"
    names.write_text("Sam Rivera\nAlex Kim\n")
    notes = tmp_path / ("out-002-Alex-Kim.pdf" if command == "blank --split" else "notes.txt")
    notes.write_text("my own notes, typed by hand\n")
    args = {
        "export": ["export", str(saved), "-o", str(notes)],
        "blank": ["blank", "-o", str(notes)],
        "blank --split": ["blank", "--names", str(names), "--split", "-o",
                          str(tmp_path / "out.pdf")],
    }[command]
    before = snapshot(tmp_path)
    line = assert_one_clear_line(run_cli(*args))
    assert "--force" in line and str(notes) in line
    assert snapshot(tmp_path) == before  # not even the first handout of --split was written
    result = run_cli(*args, "--force")
    assert result.returncode == 0, result.stderr
    assert notes.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("packet", [False, True])
def test_a_data_file_is_never_replaced_without_force(tmp_path: Path, packet: bool) -> None:
    """sample (a sheet or a packet) never replaces a file, even a PDF, without --force."""
    extra = ["--packet"] if packet else []
    for existing in (b"%PDF-1.4 a pdf", b'{"a sheet": "of mine"}'):
        target = tmp_path / "existing"
        target.write_bytes(existing)
        line = assert_one_clear_line(run_cli("sample", *extra, "-o", str(target)))
        assert "--force" in line
        assert target.read_bytes() == existing
    assert run_cli("sample", *extra, "-o", str(target), "--force").returncode == 0
    assert target.read_bytes() != existing


@pytest.mark.parametrize("command", ["sample", "export", "blank"])
def test_help_names_the_force_rule(command: str) -> None:
    """Each writing command's --help says what --force replaces."""
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert "--force" in result.stdout and "data folder" in " ".join(result.stdout.split())


def test_an_input_is_never_the_output_even_with_force(tmp_path: Path) -> None:
    """blank --names FILE -o FILE --force keeps the names file."""
    names = tmp_path / "names.txt"
    names.write_text("Sam Rivera\n")
    before = snapshot(tmp_path)
    line = assert_one_clear_line(
        run_cli("blank", "--names", str(names), "-o", str(names), "--force"))
    assert "input" in line
    assert snapshot(tmp_path) == before


# -- file names that are not UTF-8 ----------------------------------------------------


LOCALES = {
    "C.UTF-8": {"LANG": "C.UTF-8"},
    "en_US.UTF-8": {"LANG": "en_US.UTF-8"},
    "C": {"LC_ALL": "C"},
    # A UTF-8 locale that is installed (en_US.UTF-8 on a desktop) gives Python strict
    # stdio; a bare machine has only C.UTF-8, so set what such a locale sets.
    "strict UTF-8 stdio": {"LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"},
    "ASCII stdio": {"LANG": "C.UTF-8", "PYTHONIOENCODING": "ascii:strict"},
}


def run_cli_bytes(*args: str | bytes, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the command with arguments given as raw bytes, as a shell passes them."""
    full = {k: v for k, v in os.environ.items()
            if k not in ("LANG", "LC_ALL", "LC_CTYPE", "PYTHONIOENCODING", "PYTHONUTF8")}
    full.update(env)
    return subprocess.run([sys.executable, "-m", "firstsession", *args],
                          capture_output=True, env=full, timeout=120)


def out_text(result: subprocess.CompletedProcess) -> str:
    return (result.stdout + result.stderr).decode("utf-8", "backslashreplace")


@pytest.mark.parametrize("locale", list(LOCALES))
@pytest.mark.parametrize("command", ["sample", "export", "blank", "import"])
def test_a_file_name_that_is_not_utf8_is_written_and_shown(
    tmp_path: Path, data_dir: Path, locale: str, command: str
) -> None:
    """A name holding the byte 0xE9 is written and then named as \\xe9, under any locale."""
    folder = os.fsencode(tmp_path)
    sheet_name = folder + b"/caf\xc3\xa9-\xe9.json"  # a valid "é", then a lone byte
    pdf_name = folder + b"/caf\xc3\xa9-\xe9.pdf"
    if command != "sample":
        with open(sheet_name, "wb") as handle:
            handle.write(storage.encode_sheet(sample_sheet()))
    args: list[str | bytes] = {
        "sample": ["sample", "-o", sheet_name],
        "export": ["export", sheet_name, "-o", pdf_name],
        "blank": ["blank", "-o", pdf_name],
        "import": ["import", sheet_name],
    }[command]
    result = run_cli_bytes(*args, env=LOCALES[locale])
    text = out_text(result)
    assert result.returncode == 0, text
    assert "Traceback" not in text
    # The lone byte is named so a person can see it, and the output is clean UTF-8.
    assert b"-\\xe9." in result.stdout
    result.stdout.decode("utf-8")
    if command == "sample":
        assert storage.read_sheet_file(Path(os.fsdecode(sheet_name))) == sample_sheet()
    elif command == "import":
        assert storage.read_sheet_file(paths.sheet_path()) == sample_sheet()
    else:
        with open(pdf_name, "rb") as handle:
            assert handle.read(5) == b"%PDF-"


@pytest.mark.parametrize("locale", list(LOCALES))
@pytest.mark.parametrize("command", ["export", "import", "blank --names"])
def test_an_input_name_that_is_not_utf8_is_shown_in_the_error(
    tmp_path: Path, data_dir: Path, locale: str, command: str
) -> None:
    """A damaged input with a non-UTF-8 name: one line naming it with \\xe9, exit 2."""
    bad = os.fsencode(tmp_path) + b"/bad-\xe9.json"
    with open(bad, "wb") as handle:
        handle.write(b"\x00\x01 not a sheet, not names")
    before = snapshot(tmp_path)
    out = os.fsencode(tmp_path) + b"/out.pdf"
    args: list[str | bytes] = {
        "export": ["export", bad, "-o", out],
        "import": ["import", bad],
        "blank --names": ["blank", "--names", bad, "-o", out],
    }[command]
    result = run_cli_bytes(*args, env=LOCALES[locale])
    line = assert_one_clear_line(result)
    assert "bad-\\xe9.json" in line
    result.stderr.decode("utf-8")  # the byte itself is never written to the terminal
    assert snapshot(tmp_path) == before


def test_show_path_never_fails() -> None:
    """Undecodable bytes, control characters and lone surrogates all become visible escapes."""
    shown = outputs.show_path(os.fsdecode(b"a\xe9\nb\x1b") + "\ud800")
    assert shown == "a\\xe9\\x0ab\\x1b\\ud800"
    shown.encode("ascii")  # plain ASCII: prints anywhere


# -- error lines name the file and the folder ---------------------------------------


def fill(path: Path) -> None:
    """Write to ``path`` until its disk is full."""
    with open(path, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"x" * 512)
        except OSError:
            pass


@contextlib.contextmanager
def small_disk(folder: Path, size_kib: int) -> Iterator[Path]:
    """A tmpfs of ``size_kib`` KiB mounted at ``folder`` for the duration."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tiny disk needs root (CI runs as root)")
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0755", "tmpfs",
                       str(folder)], capture_output=True).returncode != 0:
        pytest.skip("this machine does not allow mounts")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 32 KiB tmpfs, full, with an earlier PDF already in it."""
    with small_disk(tmp_path / "disk", 32) as disk:
        (disk / "already-here.pdf").write_bytes(b"%PDF-1.4 an earlier export\n")
        fill(disk / "filler")
        yield disk


def test_split_handouts_on_a_disk_that_fills_up_say_which_were_written(tmp_path: Path) -> None:
    """blank --split runs out of space after one file: the line says exactly which exist."""
    names = tmp_path / "names.txt"
    names.write_text("Sam Rivera\nAlex Kim\n")
    first = tmp_path / "first.txt"
    first.write_text("Sam Rivera\n")
    probe = tmp_path / "probe"
    probe.mkdir()
    assert run_cli("blank", "--names", str(first), "--split", "-o", str(probe)).returncode == 0
    one = sum(p.stat().st_size for p in probe.iterdir())  # the first file, as --split writes it
    with small_disk(tmp_path / "disk", (one * 3 // 2) // 1024 + 8) as disk:  # room for one
        line = assert_one_clear_line(
            run_cli("blank", "--names", str(names), "--split", "-o", str(disk / "out.pdf")))
        written = sorted(p.name for p in disk.iterdir())
    assert written == ["out-001-Sam-Rivera.pdf"], written
    assert f"cannot write {disk / 'out-002-Alex-Kim.pdf'}" in line
    assert "the first 1 of 2 handouts were written" in line
    assert "nothing was changed" not in line


@pytest.mark.parametrize("command", ["sample", "export", "blank", "blank --names"])
def test_a_full_disk_names_the_file_and_says_nothing_changed(
    tmp_path: Path, full_disk: Path, saved: Path, command: str
) -> None:
    """No space left: the line names the output and its folder and says nothing was changed."""
    names = tmp_path / "names.txt"
    names.write_text("Sam Rivera\n")
    target = full_disk / ("new.json" if command == "sample" else "already-here.pdf")
    args = {
        "sample": ["sample", "-o", str(target)],
        "export": ["export", str(saved), "-o", str(target)],
        "blank": ["blank", "-o", str(target)],
        "blank --names": ["blank", "--names", str(names), "-o", str(target)],
    }[command]
    before = snapshot(tmp_path)
    line = assert_one_clear_line(run_cli(*args))
    assert f"cannot write {target}" in line
    assert "no space left" in line and str(full_disk) in line
    assert "nothing was changed" in line
    assert ".tmp" not in line
    assert snapshot(tmp_path) == before


def test_import_onto_a_full_disk_keeps_the_saved_sheet(
    tmp_path: Path, full_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """import with no room for the new sheet: named, and the saved sheet unchanged."""
    monkeypatch.setenv("FIRSTSESSION_DATA_DIR", str(full_disk))
    (full_disk / "filler").unlink()
    storage.save_sheet(sample_sheet())
    fill(full_disk / "filler")
    other = tmp_path / "other.json"
    bigger = sample_sheet()
    bigger.notes = "more words " * 400
    other.write_bytes(storage.encode_sheet(bigger))
    before = snapshot(tmp_path)
    line = assert_one_clear_line(run_cli("import", str(other)))
    assert "no space left" in line and str(full_disk) in line
    assert "your saved sheet was not changed" in line
    assert ".tmp" not in line
    assert snapshot(tmp_path) == before


def run_cli_unprivileged(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the command as a user who cannot write a root-owned folder.

    As root, the child becomes ``nobody``; it keeps only the right to read and search
    (CAP_DAC_READ_SEARCH), because the interpreter may live under a private /root.
    As anyone else, the command runs as that user (who cannot write a 0555 folder).
    """
    full = dict(os.environ)
    full.update(env)
    command = [sys.executable, "-m", "firstsession", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to drop root in this test"
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
                   "--inh-caps=-all,+dac_read_search", "--ambient-caps=-all,+dac_read_search",
                   *command]
    return subprocess.run(command, capture_output=True, text=True, env=full, timeout=120)


@pytest.fixture
def locked(tmp_path: Path) -> Path:
    """A folder the person cannot write: root-owned 0755 (as root), 0555 otherwise."""
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "already-here.pdf").write_bytes(b"%PDF-1.4 an earlier export\n")
    folder.chmod(0o755 if os.geteuid() == 0 else 0o555)
    return folder


@pytest.mark.parametrize("command", ["sample", "export", "blank"])
def test_a_read_only_folder_is_named_not_a_temp_file(
    tmp_path: Path, locked: Path, saved: Path, command: str
) -> None:
    """A folder that cannot be written: the line names it (no hidden .tmp) and says so."""
    target = locked / ("new.json" if command == "sample" else "already-here.pdf")
    args = {
        "sample": ["sample", "-o", str(target)],
        "export": ["export", str(saved), "-o", str(target)],
        "blank": ["blank", "-o", str(target)],
    }[command]
    before = snapshot(tmp_path)
    line = assert_one_clear_line(run_cli_unprivileged(*args, env={}))
    assert f"the folder {locked} cannot be written to" in line
    assert "nothing was changed" in line
    assert ".tmp" not in line
    assert snapshot(tmp_path) == before


def test_import_into_a_read_only_data_folder_names_the_folder(
    tmp_path: Path, locked: Path
) -> None:
    """import when the data folder cannot be written: named, and the saved sheet unchanged."""
    locked.chmod(0o755)
    storage.save_sheet(sample_sheet(), locked / "sheet.json")
    locked.chmod(0o755 if os.geteuid() == 0 else 0o555)
    other = tmp_path / "other.json"
    changed = sample_sheet()
    changed.notes = "a new version"
    other.write_bytes(storage.encode_sheet(changed))
    before = snapshot(tmp_path)
    line = assert_one_clear_line(
        run_cli_unprivileged("import", str(other), env={"FIRSTSESSION_DATA_DIR": str(locked)}))
    assert f"the folder {locked} cannot be written to" in line
    assert "your saved sheet was not changed" in line
    assert ".tmp" not in line
    assert snapshot(tmp_path) == before


# -- the app's save dialogs ---------------------------------------------------------


def save_dialog_returns(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Stand in for the system's save dialog (the one OS dialog we replace in tests)."""
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(path), "")))


def press_ok_in_next_message_box() -> AnswerDialogs:
    """Answer the next message box as a person would; holds its text once it came."""
    from PySide6.QtWidgets import QMessageBox

    return AnswerDialogs(QMessageBox, click_button("Ok"))


@pytest.mark.parametrize("action", ["save_pdf", "save_blank"])
@pytest.mark.parametrize("target", ["sheet.json", "new.pdf"])
def test_the_export_step_will_not_save_into_the_data_folder(
    qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch, action: str, target: str
) -> None:
    """Save PDF / Save blank handout into the data folder: a plain message, nothing written."""
    from firstsession import content
    from firstsession.app.session import Session
    from firstsession.app.steps.export import ExportStep

    storage.save_sheet(sample_sheet())
    page = ExportStep(Session(sample_sheet(), content.load()))
    qtbot.addWidget(page)
    before = snapshot(data_dir)
    save_dialog_returns(monkeypatch, data_dir / target)
    seen = press_ok_in_next_message_box()
    assert getattr(page, action)() is None
    headline = ("Your PDF could not be saved." if action == "save_pdf"
                else "The blank handout could not be saved.")
    assert seen and seen[0].startswith(headline)
    assert "data folder" in seen[0] and "Traceback" not in seen[0]
    assert page.saved_row.isHidden()
    assert snapshot(data_dir) == before


def test_the_export_step_will_not_replace_a_pipe(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Save PDF onto a named pipe: a plain message, and the pipe is still a pipe."""
    from firstsession import content
    from firstsession.app.session import Session
    from firstsession.app.steps.export import ExportStep

    page = ExportStep(Session(sample_sheet(), content.load()))
    qtbot.addWidget(page)
    pipe = tmp_path / "to-printer.pdf"
    os.mkfifo(pipe)
    save_dialog_returns(monkeypatch, pipe)
    seen = press_ok_in_next_message_box()
    assert page.save_pdf() is None
    assert seen and "not an ordinary file" in seen[0]
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_save_a_copy_will_not_write_over_the_saved_sheet(
    qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File > Save a copy naming the saved sheet itself: a plain message, the sheet kept."""
    from firstsession import content
    from firstsession.app import filemenu
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow

    storage.save_sheet(sample_sheet())
    window = MainWindow(Session(storage.load_saved().sheet, content.load()))
    qtbot.addWidget(window)
    before = snapshot(data_dir)
    save_dialog_returns(monkeypatch, paths.sheet_path())
    seen = press_ok_in_next_message_box()
    assert filemenu.save_copy(window) is None
    assert seen and "data folder" in seen[0]
    assert snapshot(data_dir) == before


def test_the_packet_editor_will_not_save_into_the_data_folder(
    qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saving a packet as the saved sheet's name: a plain message, nothing written."""
    from firstsession import content
    from firstsession.app.packet_editor import PacketEditor
    from firstsession.packet_sample import sample_packet

    storage.save_sheet(sample_sheet())
    editor = PacketEditor(content.load(), sample_packet())
    qtbot.addWidget(editor)
    before = snapshot(data_dir)
    save_dialog_returns(monkeypatch, paths.sheet_path())
    seen = press_ok_in_next_message_box()
    assert editor.save_as() is False
    assert seen and "data folder" in seen[0]
    assert snapshot(data_dir) == before
