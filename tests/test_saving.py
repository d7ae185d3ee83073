"""The write path: a failed save changes nothing, every file is private, symlinks are
written through, non-files are refused, killed saves leave nothing behind, and the
app never writes a sheet it could not read back."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from firstsession import files, paths, storage
from firstsession.model import Sheet


def sheet_with(notes: str) -> Sheet:
    return Sheet(notes=notes)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- privacy: every file we write or keep is 0600 -------------------------------------


def test_an_existing_0644_sheet_becomes_private_on_the_next_save(data_dir: Path) -> None:
    """A sheet.json left at 0644 (by an older version or by hand) is 0600 after a save."""
    storage.save_sheet(sheet_with("one"))
    os.chmod(paths.sheet_path(), 0o644)
    storage.save_sheet(sheet_with("two"))
    assert mode_of(paths.sheet_path()) == 0o600
    assert mode_of(storage.backup_of(paths.sheet_path())) == 0o600
    assert storage.read_backup().notes == "one"


def test_saving_the_same_words_again_still_makes_the_sheet_private(data_dir: Path) -> None:
    """Even a save with nothing new to write leaves a 0644 sheet at 0600."""
    storage.save_sheet(sheet_with("same"))
    os.chmod(paths.sheet_path(), 0o644)
    storage.save_sheet(sheet_with("same"))
    assert mode_of(paths.sheet_path()) == 0o600


def test_a_set_aside_copy_is_private(data_dir: Path) -> None:
    """An unreadable 0644 sheet set aside at start-up is kept as 0600, bytes unchanged."""
    data_dir.mkdir()
    paths.sheet_path().write_bytes(b"{damaged")
    os.chmod(paths.sheet_path(), 0o644)
    outcome = storage.load_saved()
    assert outcome.set_aside_to is not None
    assert outcome.set_aside_to.read_bytes() == b"{damaged"
    assert mode_of(outcome.set_aside_to) == 0o600


# -- a failed save changes nothing -------------------------------------------------------

FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    from firstsession import storage
    from firstsession.model import Sheet
    # A real write failure, unprivileged: files may not grow past 64 KiB (EFBIG),
    # as when a disk fills up. The old sheet and backup are small; the new one is not.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))
    try:
        storage.save_sheet(Sheet(notes="big " + "x" * 200_000))
    except OSError as err:
        print("failed:", err.strerror)
    else:
        print("saved")
    """
)


def test_a_failed_save_never_rotates_the_backup(data_dir: Path) -> None:
    """When the new sheet cannot be written, the sheet and the older backup stay as they were."""
    storage.save_sheet(sheet_with("older"))
    storage.save_sheet(sheet_with("current"))
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    done = subprocess.run([sys.executable, "-c", FULL_DISK], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.stdout.startswith("failed:"), done.stdout + done.stderr
    after = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    assert after == before  # no temporary file left either
    assert storage.read_backup().notes == "older"
    assert storage.load_saved().sheet.notes == "current"


def test_a_sheet_over_the_limit_is_never_written(data_dir: Path) -> None:
    """A sheet that could not be read back (over MAX_SHEET_BYTES) is refused; nothing changes."""
    storage.save_sheet(sheet_with("small"))
    before = paths.sheet_path().read_bytes()
    with pytest.raises(storage.SheetTooLargeError, match="too large"):
        storage.save_sheet(sheet_with("x" * storage.MAX_SHEET_BYTES))
    assert paths.sheet_path().read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["sheet.json"]


def test_a_saved_sheet_over_the_limit_is_called_too_large_never_damaged(data_dir: Path) -> None:
    """A too-large sheet on disk is reported as too large and kept under a name that says so."""
    data_dir.mkdir()
    raw = b'{"notes": "' + b"x" * (storage.MAX_SHEET_BYTES + 10) + b'"}'
    paths.sheet_path().write_bytes(raw)
    outcome = storage.load_saved()
    assert outcome.problem is not None and "too large" in outcome.problem
    assert "damaged" not in outcome.problem and "unreadable" not in outcome.problem
    assert outcome.set_aside_to is not None and "too-large" in outcome.set_aside_to.name
    assert outcome.set_aside_to.stat().st_size == len(raw)


def test_a_failed_folder_sync_after_import_is_not_reported_as_failure(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If only the final folder fsync fails, the import has happened and says so (no error)."""
    storage.save_sheet(sheet_with("old"))
    source = tmp_path / "other.json"
    source.write_bytes(storage.encode_sheet(sheet_with("imported")))
    real_fsync = os.fsync

    def fsync_refusing_folders(fd: int) -> None:  # as some file systems do
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_refusing_folders)
    storage.import_sheet(source)
    assert storage.read_sheet_file(paths.sheet_path()).notes == "imported"
    assert storage.read_backup().notes == "old"


# -- symlinks and things that are not files ----------------------------------------------


def test_a_symlinked_sheet_is_written_through_and_the_link_kept(
    data_dir: Path, tmp_path: Path
) -> None:
    """Saving through a symlinked sheet.json replaces the target's contents; the link stays."""
    synced = tmp_path / "synced"
    synced.mkdir()
    real = synced / "my-sheet.json"
    files.atomic_write(real, storage.encode_sheet(sheet_with("first")))
    data_dir.mkdir()
    paths.sheet_path().symlink_to(real)
    assert storage.load_saved().sheet.notes == "first"
    storage.save_sheet(sheet_with("second"))
    assert paths.sheet_path().is_symlink()
    assert os.readlink(paths.sheet_path()) == str(real)
    assert storage.read_sheet_file(real).notes == "second"
    assert storage.read_backup().notes == "first"
    assert mode_of(real) == 0o600
    assert not [p for p in synced.iterdir() if p.name != "my-sheet.json"]


def _not_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    fifo = tmp_path / "a-fifo"
    os.mkfifo(fifo)
    device_link = tmp_path / "device-link"
    device_link.symlink_to("/dev/null")
    found = [folder, fifo, device_link]
    if os.geteuid() == 0:  # only root may make a device node; it must be refused too
        device = tmp_path / "a-device"
        os.mknod(device, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        found.append(device)
    return found


def test_atomic_write_refuses_folders_pipes_and_devices(tmp_path: Path) -> None:
    """A path that is a folder, FIFO or device (or a link to one) is refused; nothing changes."""
    for path in _not_files(tmp_path):
        before = os.lstat(path)
        with pytest.raises(OSError) as caught:  # NotAFileError
            files.atomic_write(path, b"%PDF-1.4 not for you")
        assert str(path) in (caught.value.strerror or "")
        after = os.lstat(path)
        assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode), path
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# -- killed saves leave nothing behind -----------------------------------------------------


def test_stale_temporary_files_of_ours_are_removed_at_start_up(data_dir: Path) -> None:
    """Start-up removes old hidden copies left by killed saves, and nothing else."""
    storage.save_sheet(sheet_with("kept"))
    hour_ago = time.time() - 3600
    stale = [data_dir / ".sheet.json.k3j9x_a2.tmp", data_dir / ".sheet.json.bak.0a1b2c3d.tmp"]
    for path in stale:
        path.write_bytes(b"x" * 1000)
        os.utime(path, (hour_ago, hour_ago))
    fresh = data_dir / ".sheet.json.abcdefgh.tmp"  # another copy of the app saving now
    fresh.write_bytes(b"in flight")
    others = [data_dir / ".notes.abcdefgh.tmp", data_dir / "sheet.json.tmp",
              data_dir / ".sheet.json.toolongname.tmp"]
    for path in others:
        path.write_bytes(b"not ours")
        os.utime(path, (hour_ago, hour_ago))
    link = data_dir / ".sheet.json.zzzzzzzz.tmp"
    link.symlink_to(data_dir / "sheet.json")
    assert storage.load_saved().sheet.notes == "kept"
    for path in stale:
        assert not path.exists()
    for path in [fresh, *others, link, paths.sheet_path()]:
        assert os.path.lexists(path), path


# -- a damaged sheet in a folder that cannot be changed -----------------------------------


def _as_a_normal_user() -> list[str]:
    """A command prefix under which chmod 555 really stops writes, as for a normal user.

    Tests run as root in CI, and root ignores file modes. The child keeps uid 0 (so it
    can still run this Python, which may live in /root) but loses the capabilities
    that let root ignore permissions.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to drop root's file permissions"
    caps = "-dac_override,-dac_read_search,-fowner"
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]


def test_the_app_starts_with_a_damaged_sheet_in_a_folder_it_cannot_change() -> None:
    """The app starts, says the sheet could not be opened or set aside, and leaves it alone."""
    base = Path(tempfile.mkdtemp(prefix="firstsession-ro-"))
    folder = base / "data"
    folder.mkdir()
    sheet = folder / "sheet.json"
    sheet.write_bytes(b'{"format": "firstsession-sheet", "notes": "cut sh')
    os.chmod(sheet, 0o644)
    os.chmod(folder, 0o555)
    before = sheet.stat()
    digest = hashlib.sha256(sheet.read_bytes()).hexdigest()
    try:
        config = base / "config"
        config.mkdir()
        env = dict(os.environ, FIRSTSESSION_DATA_DIR=str(folder), QT_QPA_PLATFORM="offscreen",
                   XDG_CONFIG_HOME=str(config), PYTHONPATH=os.pathsep.join(sys.path))
        probe = subprocess.run([*_as_a_normal_user(), "touch", str(folder / "probe")],
                               capture_output=True)
        assert probe.returncode != 0, "the folder must really be read-only for the child"
        done = subprocess.run(
            [*_as_a_normal_user(), sys.executable, "-m", "firstsession", "--smoke-test"],
            capture_output=True, text=True, env=env, timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert "could not open the saved sheet" in done.stderr
        assert "could not be moved aside" in done.stderr and "unchanged" in done.stderr
        after = sheet.stat()
        assert hashlib.sha256(sheet.read_bytes()).hexdigest() == digest
        assert (after.st_mode, after.st_mtime_ns, after.st_ino) == (
            before.st_mode, before.st_mtime_ns, before.st_ino)
        assert sorted(p.name for p in folder.iterdir()) == ["sheet.json"]
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(base)


def test_saving_never_writes_over_a_damaged_sheet_it_cannot_set_aside(data_dir: Path) -> None:
    """If the damaged sheet cannot be moved aside, the save fails and the file is untouched."""
    data_dir.mkdir()
    damaged = b"{not json"
    paths.sheet_path().write_bytes(damaged)
    script = textwrap.dedent(
        """
        from firstsession import storage
        from firstsession.model import Sheet
        print(storage.load_saved().left_in_place, flush=True)
        try:
            storage.save_sheet(Sheet(notes="new words"))
        except OSError as err:
            print("refused", flush=True)
        """
    )
    os.chmod(data_dir, 0o555)
    try:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
        done = subprocess.run([*_as_a_normal_user(), sys.executable, "-c", script],
                              capture_output=True, text=True, env=env, timeout=60)
    finally:
        os.chmod(data_dir, 0o700)
    assert done.stdout.split() == ["True", "refused"], done.stdout + done.stderr
    assert paths.sheet_path().read_bytes() == damaged
    assert [p.name for p in data_dir.iterdir()] == ["sheet.json"]


def test_the_lone_surrogate_in_a_sheet_is_saved_as_a_replacement_character(
    data_dir: Path,
) -> None:
    """Text UTF-8 cannot hold (half an emoji) never makes a save fail: it is saved as U+FFFD."""
    storage.save_sheet(Sheet(notes="broken \ud83d emoji, whole \ud83d\ude00"))
    saved = json.loads(paths.sheet_path().read_bytes().decode("utf-8"))
    assert saved["notes"] == "broken \ufffd emoji, whole \U0001f600"


# -- in the app: text comes in only if it can be kept --------------------------------------


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    from firstsession import content
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow

    shown = MainWindow(Session(Sheet(), content.load()))
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_a_paste_too_long_to_keep_is_refused_with_a_plain_message(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A paste that would make the sheet too large to read back does not go in; the person
    is told so, and the sheet on disk stays readable."""
    from PySide6.QtWidgets import QApplication

    window.session.sheet.goals = "y" * (storage.MAX_SHEET_BYTES - 4000)  # not on this page
    window.session.touch()
    assert window.session.save_now()
    window.go_to("before")
    area = window.page("before").notes
    area.setFocus()
    QApplication.clipboard().setText("z" * 5000)
    area.paste()
    qtbot.waitUntil(lambda: area.toPlainText() == "")  # the paste was taken back
    assert window.ui.statusbar.currentMessage().startswith("This is too long to keep")
    assert window.session.sheet.notes == ""
    qtbot.keyClicks(area, "still here")  # small text still goes in
    with qtbot.waitSignal(window.session.saved, timeout=5000):
        pass
    assert storage.read_sheet_file(paths.sheet_path()).notes == "still here"


def test_a_lone_surrogate_in_the_open_sheet_never_stops_autosave(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A sheet holding half an emoji (as an old file could bring in) still autosaves,
    and the saved file reads back."""
    window.session.sheet.notes = "half \ud83d an emoji"
    with qtbot.waitSignal(window.session.saved, timeout=5000):
        window.session.touch()
    assert storage.read_sheet_file(paths.sheet_path()).notes == "half \ufffd an emoji"
    assert not window.session.dirty


def test_text_typed_or_pasted_with_a_lone_surrogate_is_saved_and_readable(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Text with half an emoji put into a field through the widget autosaves to a file
    that reads back (PySide 6.11 already drops the half on its way out of Qt)."""
    window.go_to("before")
    area = window.page("before").notes
    area.setFocus()
    with qtbot.waitSignal(window.session.saved, timeout=5000):
        area.insertPlainText("broken \ud83d half, whole \U0001f600")
    notes = storage.read_sheet_file(paths.sheet_path()).notes
    assert notes.startswith("broken ") and notes.endswith(" half, whole \U0001f600")
    notes.encode("utf-8")  # nothing UTF-8 cannot hold
