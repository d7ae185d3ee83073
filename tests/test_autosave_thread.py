"""Autosave writes off the GUI thread (the window never waits for the disk), one save at
a time with the newest change winning, and closing during a save loses nothing.

What the writer does is observed through Python's audit events (``sys.addaudithook``):
the real ``tempfile.mkstemp`` / ``os.replace`` calls of ``storage`` report which thread
made them, and a test can hold the writer at its first file operation to close the
window in the middle of a save. Nothing of the writer is replaced.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication

from firstsession import content, paths, sheet_format, storage
from firstsession.app.session import Session
from firstsession.model import ChosenQuestion, Feeling, PromptAnswer, Sheet, Therapist
from firstsession.sheet_format import sheet_to_dict

# -- watching the real writer ---------------------------------------------------------------

# The audit hook cannot be removed once added: it stays for the test process and does
# nothing unless a test has set a watcher.
_watcher: list[Callable[[str, tuple[object, ...]], None]] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _watcher and event in ("open", "os.rename"):
        _watcher[0](event, args)


sys.addaudithook(_audit)


class Writes:
    """Each file operation on the saved sheet's folder: (thread id, event, path). With
    ``hold`` set, the first writer to create a temporary file waits until ``release``."""

    def __init__(self, folder: Path) -> None:
        self.folder = str(folder)
        self.seen: list[tuple[int, str, str, str]] = []  # thread, event, path, renamed to
        self.hold = False
        self.held = threading.Event()  # a writer is waiting at the gate
        self.gate = threading.Event()
        self.writing: int | None = None  # the thread between its temporary file and rename
        self.overlaps = 0

    def __call__(self, event: str, args: tuple[object, ...]) -> None:
        path = str(args[0])
        if not path.startswith(self.folder):
            return
        target = str(args[1]) if event == "os.rename" else ""
        me = threading.get_ident()
        self.seen.append((me, event, path, target))
        if event == "open" and path.endswith(".tmp") and Path(path).name.startswith(".sheet."):
            if self.writing is not None and self.writing != me:
                self.overlaps += 1  # two saves at once
            self.writing = me
            if self.hold and not self.held.is_set():  # only the first writer waits
                self.held.set()
                self.gate.wait(30)
        elif event == "os.rename" and Path(target).name == "sheet.json":
            self.writing = None

    def writer_threads(self) -> set[int]:
        """The threads that moved a written sheet into place."""
        return {ident for ident, event, _, target in self.seen
                if event == "os.rename" and Path(target).name == "sheet.json"}

    def saves(self) -> int:
        """How many times a new sheet.json was moved into place."""
        return sum(1 for _, event, _, target in self.seen
                   if event == "os.rename" and Path(target).name == "sheet.json")


@pytest.fixture
def writes(data_dir: Path) -> Iterator[Writes]:
    watcher = Writes(data_dir)
    _watcher.append(watcher)
    yield watcher
    watcher.gate.set()
    _watcher.clear()


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    from firstsession.app.window import MainWindow

    shown = MainWindow(Session(Sheet(), content.load()))
    qtbot.addWidget(shown)
    shown.show()
    shown.go_to("before")
    return shown


def notes_field(window):  # type: ignore[no-untyped-def]
    area = window.page("before").notes
    area.setFocus()
    return area


def saved_notes() -> str:
    return storage.read_sheet_file(paths.sheet_path()).notes


# -- off the GUI thread -----------------------------------------------------------------------


def test_autosave_writes_the_sheet_on_another_thread_than_the_window(
    qtbot, window, writes: Writes  # type: ignore[no-untyped-def]
) -> None:
    """Typing autosaves within a second, and the file is written by a thread that is not
    the window's: the window never waits for the disk."""
    with qtbot.waitSignal(window.session.saved, timeout=5000):
        qtbot.keyClicks(notes_field(window), "my own words")
    assert saved_notes() == "my own words"
    assert not window.session.dirty
    assert writes.writer_threads(), writes.seen
    assert threading.get_ident() not in writes.writer_threads()


def test_a_change_made_during_a_save_is_saved_right_after_it(
    qtbot, window, writes: Writes  # type: ignore[no-untyped-def]
) -> None:
    """One save at a time: words typed while a save is being written are saved by the
    next one, from the newest state, and the sheet counts as saved only then."""
    writes.hold = True
    area = notes_field(window)
    qtbot.keyClicks(area, "first")
    qtbot.waitUntil(writes.held.is_set, timeout=5000)  # the writer is at work
    qtbot.keyClicks(area, " second")
    assert window.session.dirty
    with qtbot.waitSignals([window.session.saved, window.session.saved], timeout=10000):
        writes.gate.set()
    qtbot.waitUntil(lambda: not window.session.dirty, timeout=5000)
    assert saved_notes() == "first second"
    assert writes.saves() == 2  # the first snapshot, then the newest; nothing in between
    assert threading.get_ident() not in writes.writer_threads()


class _Releaser(threading.Thread):
    """Opens the gate once the window's thread waits for the held save inside ``caller``
    (seen in its stack: ``caller`` waiting in ``_Job.result``), so the overlap really
    happens; ``waited`` says whether it did (after 10 s the gate opens anyway, so that the
    test fails on ``waited`` instead of hanging)."""

    def __init__(self, main: int, writes: Writes, caller: str) -> None:
        super().__init__()
        self.main, self.writes, self.caller = main, writes, caller
        self.waited = False

    def run(self) -> None:
        deadline = time.monotonic() + 10  # a guard against hanging, not a condition
        while time.monotonic() < deadline:
            frame = sys._current_frames().get(self.main)
            names = set()
            while frame is not None:
                names.add(frame.f_code.co_name)
                frame = frame.f_back
            if {self.caller, "result"} <= names:
                self.waited = True
                break
            time.sleep(0.005)  # polling a real condition, not waiting for time to pass
        self.writes.gate.set()


def _release_when_waiting(main: int, writes: Writes, caller: str) -> _Releaser:
    """Start a ``_Releaser`` for ``caller``."""
    releaser = _Releaser(main, writes, caller)
    releaser.start()
    return releaser


def test_closing_during_a_save_waits_for_it_and_keeps_the_newest_words(
    qtbot, window, writes: Writes  # type: ignore[no-untyped-def]
) -> None:
    """Closing the window while a save is being written waits for that save, then saves
    what was typed after it: every word is on disk, and closing asks nothing."""
    writes.hold = True
    area = notes_field(window)
    qtbot.keyClicks(area, "before the save")
    qtbot.waitUntil(writes.held.is_set, timeout=5000)
    qtbot.keyClicks(area, ", and during it")
    releaser = _release_when_waiting(threading.get_ident(), writes, "save_now")
    failures: list[str] = []
    window.session.save_failed.connect(failures.append)
    assert window.close()
    releaser.join()
    assert releaser.waited, "the window's thread never waited for the held save"
    assert not window.isVisible()
    assert saved_notes() == "before the save, and during it"
    assert not window.session.dirty and not failures
    assert writes.saves() == 2 and writes.overlaps == 0


def test_delete_all_my_data_waits_for_a_save_in_progress(
    qtbot, window, writes: Writes  # type: ignore[no-untyped-def]
) -> None:
    """Forgetting the sheet (after Delete all my data) waits for a save being written, so
    nothing is written after the files are gone."""
    writes.hold = True
    qtbot.keyClicks(notes_field(window), "private")
    qtbot.waitUntil(writes.held.is_set, timeout=5000)
    releaser = _release_when_waiting(threading.get_ident(), writes, "reset_without_saving")
    window.session.reset_without_saving()
    storage.delete_all_data()
    releaser.join()
    assert releaser.waited, "the window's thread never waited for the held save"
    qtbot.waitUntil(lambda: writes.saves() == 1, timeout=5000)  # the held save is done
    QApplication.processEvents()  # its result arrives: nothing is written again
    assert not paths.sheet_path().exists()
    assert window.session.sheet.notes == ""


def test_a_failed_background_save_is_shown_and_keeps_the_sheet_unsaved(
    qtbot, window, data_dir: Path  # type: ignore[no-untyped-def]
) -> None:
    """A save that fails in the worker (the sheet's place is a folder) reaches the status
    bar on the window's thread, and the sheet stays unsaved."""
    paths.sheet_path().mkdir(parents=True)
    with qtbot.waitSignal(window.session.save_failed, timeout=5000):
        qtbot.keyClicks(notes_field(window), "words")
    assert "not a regular file" in window.ui.statusbar.currentMessage()
    assert window.session.dirty
    paths.sheet_path().rmdir()  # the problem goes away: the next save keeps the words
    assert window.session.save_now()
    assert saved_notes() == "words"


# -- the size check without encoding the sheet -----------------------------------------------


def test_text_that_fits_near_the_limit_is_taken_after_other_changes(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Near the size limit, ticks (whose size is only bounded, not measured) never make
    text that fits be refused: the sheet is measured exactly first; text that does not
    fit is still refused."""
    session = window.session
    session.sheet.goals = "y" * (storage.MAX_SHEET_BYTES - 60_000)
    session.touch()
    assert session.save_now()
    before = window.page("before")
    for row in list(before.rows.values())[:3]:
        row.box.setChecked(True)  # each adds a margin to the bound, not to the sheet
    room = storage.MAX_SHEET_BYTES - len(storage.encode_sheet(session.sheet))
    assert session.take_text("z" * (room - 100)) is not None
    assert session.take_text("z" * (room + 100)) is None


@settings(max_examples=300, deadline=None)
@given(old=st.text(max_size=300), start=st.integers(0, 300), end=st.integers(0, 300),
       inserted=st.text(max_size=20))
def test_the_size_change_of_an_edit_equals_encoding_both_texts(
    old: str, start: int, end: int, inserted: str
) -> None:
    """Encoding only the changed middle of a text gives the same size change, and the
    same storable text, as encoding the whole of both (quotes, escapes, accents, emoji,
    lone surrogates)."""
    old = sheet_format.storable_text(old)
    start, end = sorted((min(start, len(old)), min(end, len(old))))
    new = old[:start] + inserted + old[end:]
    kept, change = sheet_format.storable_change(old, new)
    assert kept == sheet_format.storable_text(new)
    assert change == sheet_format.encoded_text_size(kept) - sheet_format.encoded_text_size(old)


def test_the_snapshot_is_the_saved_data_and_shares_nothing_that_can_change() -> None:
    """The snapshot the worker encodes equals ``sheet_to_dict`` (so the file is the same,
    byte for byte), and changing the sheet afterwards does not change the snapshot."""
    sheet = Sheet(notes="n\u00e9", country="US")
    sheet.feelings.append(Feeling("calm", intensity=3, body="chest"))
    sheet.culture.append(PromptAnswer("faith", "yes", share=True))
    sheet.questions.append(ChosenQuestion("own-1", "Will it help?", own=True))
    sheet.therapists.append(Therapist(name="Ana", answers={"q1": "weekly"}, fit=4))
    sheet.checklist["id"] = True
    sheet.packet = {"format": "x", "nested": [{"a": [1, 2]}]}
    snapshot = storage.sheet_snapshot(sheet)
    assert snapshot == sheet_to_dict(sheet)
    assert list(snapshot) == list(sheet_to_dict(sheet))
    expected = storage.encode_snapshot(sheet_to_dict(sheet))
    sheet.feelings[0].intensity = 9
    sheet.therapists[0].answers["q1"] = "changed"
    sheet.checklist["id"] = False
    sheet.export.sections.append("x")
    assert sheet.packet is not None
    sheet.packet["nested"][0]["a"].append(3)
    sheet.questions.clear()
    assert storage.encode_snapshot(snapshot) == expected
