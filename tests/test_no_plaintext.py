"""No plaintext of the sheet ever reaches the disk while a passphrase is set (issue 15).

A sheet holding a marker goes through autosaves (off the window's thread), backups, a copy
set aside, the preview, "Open in your PDF viewer" and a save killed with SIGKILL; then every
file under the data folder, the temporary folder and the settings folder is searched for the
marker (UTF-8 and UTF-16)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from firstsession import content, passphrase, paths, storage, vault
from firstsession.app import lock
from firstsession.app.appsettings import settings, settings_file
from firstsession.app.session import Session
from firstsession.app.window import MainWindow
from firstsession.model import Sheet

MARKER = "MARKER-never-on-disk-5150"
FAST = vault.KdfParams(memory_kib=1024, passes=1, lanes=1)

KILLED_SAVER = r"""
import sys
from firstsession import passphrase, storage
from firstsession.model import Sheet
passphrase.unlock(sys.argv[1])
n = 0
while True:
    n += 1
    sheet = Sheet(notes=sys.argv[2] * (1 + n % 5000))
    print(n, flush=True)
    storage.save_sheet(sheet)
"""


@pytest.fixture
def private_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary folder of this test's own, for this process and every child."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder


def holding_marker(*folders: Path) -> list[Path]:
    needles = [MARKER.encode("utf-8"), MARKER.encode("utf-16-le"), MARKER.encode("utf-16-be")]
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                if any(needle in data for needle in needles):
                    found.append(path)
    return found


def test_no_plaintext_is_written_anywhere_while_a_passphrase_is_set(  # type: ignore[no-untyped-def]
        qtbot, data_dir: Path, private_temp: Path, monkeypatch: pytest.MonkeyPatch,
        messages: list[str]) -> None:
    """Saves, backups, a set-aside, the preview, the viewer copy and a killed save leave
    the marker in no file under the data, temporary and settings folders."""
    import firstsession

    monkeypatch.setattr(vault, "DEFAULT_PARAMS", FAST)
    settings().clear()
    passphrase.set_passphrase("s3cret words")  # on an empty store: an empty sheet, encrypted
    window = MainWindow(Session(Sheet(), content.load()))
    qtbot.addWidget(window)
    window.show()
    lock.install(window)
    # Autosaves off the window's thread, several of them: each rotates the backup.
    window.go_to("before")
    notes = window.page("before").notes
    notes.setFocus()
    for n in range(3):
        with qtbot.waitSignal(window.session.saved, timeout=10_000):
            qtbot.keyClicks(notes, f" {MARKER} {n}")
    assert storage.backup_of(paths.sheet_path()).exists()
    # A damaged copy is set aside by the next save (it is only ciphertext, cut short).
    sealed = paths.sheet_path().read_bytes()
    paths.sheet_path().write_bytes(sealed[: len(sealed) // 2])
    storage._known_good.clear()
    with qtbot.waitSignal(window.session.saved, timeout=10_000):
        qtbot.keyClicks(notes, " again")
    assert any(".unreadable-" in p.name for p in data_dir.iterdir())
    # The preview (made in another process, passed back through a pipe).
    window.go_to("export")
    page = window.page("export")
    with qtbot.waitSignal(page.preview_updated, timeout=60_000):
        page.refresh_preview()
    # "Open in your PDF viewer" writes no readable copy.
    window.exporter().open_in_viewer()
    # A quick exit (saves, locks) and the window's settings written on close.
    window.locker.quick_exit()  # type: ignore[attr-defined]
    window.close()
    settings().sync()
    # A save killed part way, in another process.
    env = dict(os.environ, PYTHONPATH=str(Path(firstsession.__file__).parents[1]))
    child = subprocess.Popen([sys.executable, "-c", KILLED_SAVER, "s3cret words", MARKER],
                             stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    for _ in range(40):
        child.stdout.readline()
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    folders = [data_dir, private_temp, settings_file().parent]
    assert holding_marker(*folders) == []
    assert sum(1 for _ in data_dir.iterdir()) >= 3
    # The check can fail: with the passphrase removed the marker is on disk again.
    passphrase.remove_passphrase("s3cret words")
    assert holding_marker(data_dir)


def test_the_notes_reach_the_disk_only_encrypted(qtbot, data_dir: Path,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """What was typed is in the saved sheet once opened with the passphrase, and only so."""
    monkeypatch.setattr(vault, "DEFAULT_PARAMS", FAST)
    passphrase.set_passphrase("pw")
    window = MainWindow(Session(Sheet(), content.load()))
    qtbot.addWidget(window)
    window.show()
    window.go_to("before")
    notes = window.page("before").notes
    notes.setFocus()
    with qtbot.waitSignal(window.session.saved, timeout=10_000):
        qtbot.keyClicks(notes, MARKER)
    qtbot.keyClick(notes, Qt.Key.Key_End)
    assert storage.read_sheet_file(paths.sheet_path()).notes == MARKER
    assert MARKER.encode() not in paths.sheet_path().read_bytes()
