"""Every way out honours every "unsaved changes" question: Quit, closing either window,
app.quit(), the desktop's logout, New, Open and Delete all my data. Cancel keeps both
windows open and every word in them; a failed save always asks before closing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from firstsession import content, paths, storage
from firstsession.app import filemenu, helpmenu
from firstsession.app.packet_editor import PacketEditor
from firstsession.app.session import Session
from firstsession.app.window import MainWindow, settings
from firstsession.model import Sheet

PACKET_NAME = "Hillside Therapy"


@pytest.fixture(autouse=True)
def fresh_settings_and_quiet_teardown(qtbot):  # type: ignore[no-untyped-def]
    """Fresh settings; after the test, nothing is left to ask about when the windows close."""
    settings().clear()
    yield
    # The windows are closed here, not by qtbot (whose closing would ask and wait).
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, PacketEditor):
            widget.dirty = False
        elif isinstance(widget, MainWindow):
            widget.session.sheet = Sheet()
            widget.session.dirty = False
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.close()
            widget.deleteLater()


def open_app(qtbot, sheet: Sheet | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(Session(sheet or Sheet(notes="my own words"), content.load()))
    window.show()
    qtbot.waitExposed(window)
    return window


def editor_with_unsaved_packet(qtbot, window: MainWindow) -> PacketEditor:  # type: ignore[no-untyped-def]
    editor = filemenu.new_packet(window)
    editor.name.setFocus()
    qtbot.keyClicks(editor.name, PACKET_NAME)
    editor.practice_country.setCurrentIndex(editor.practice_country.findData("US"))
    assert editor.dirty
    return editor


def answer_boxes(choose: str, seen: list[str]) -> QTimer:
    """Answer every message box that appears by clicking the button whose text is
    ``choose`` (as a person would), recording each box's title."""

    def answer() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                seen.append(widget.windowTitle())
                button = next(b for b in widget.buttons() if b.text().replace("&", "") == choose)
                button.click()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(answer)
    timer.start()
    return timer


def quit_from_menu(window: MainWindow) -> None:
    window.ui.actionQuit.trigger()


def close_main_window(window: MainWindow) -> None:
    window.close()


def application_quit(window: MainWindow) -> None:
    """QApplication.quit() while the app runs: Qt asks every window to close first."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    QTimer.singleShot(0, app.quit)
    # Once the quit has been asked (and refused), leave the event loop ourselves.
    QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: app.exit(0)))
    app.exec()


WAYS_OUT: list[Callable[[MainWindow], None]] = [quit_from_menu, close_main_window,
                                                application_quit]


@pytest.mark.parametrize("way_out", WAYS_OUT, ids=lambda f: f.__name__)
def test_cancel_on_save_the_packet_keeps_both_windows_and_the_packet(
    qtbot, way_out: Callable[[MainWindow], None]  # type: ignore[no-untyped-def]
) -> None:
    """With an unsaved packet, every way out asks "Save the packet?" and Cancel keeps all."""
    window = open_app(qtbot)
    editor = editor_with_unsaved_packet(qtbot, window)
    seen: list[str] = []
    timer = answer_boxes("Cancel", seen)
    way_out(window)
    qtbot.waitUntil(lambda: len(seen) >= 1)
    timer.stop()
    assert seen == ["Save the packet?"]
    assert window.isVisible() and editor.isVisible()
    assert editor.name.text() == PACKET_NAME and editor.dirty


def test_closing_the_packet_editor_with_cancel_keeps_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Closing the editor itself asks too, and Cancel keeps it with its text."""
    window = open_app(qtbot)
    editor = editor_with_unsaved_packet(qtbot, window)
    seen: list[str] = []
    timer = answer_boxes("Cancel", seen)
    editor.close()
    qtbot.waitUntil(lambda: len(seen) >= 1)
    timer.stop()
    assert editor.isVisible() and editor.name.text() == PACKET_NAME


def test_discard_closes_both_windows_once_asked(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Choosing Discard lets Quit go ahead, asking once, and the sheet is saved."""
    window = open_app(qtbot)
    window.session.touch()
    editor = editor_with_unsaved_packet(qtbot, window)
    seen: list[str] = []
    timer = answer_boxes("Discard", seen)
    window.ui.actionQuit.trigger()
    qtbot.waitUntil(lambda: not window.isVisible())
    timer.stop()
    assert seen == ["Save the packet?"]
    assert not editor.isVisible()
    assert storage.read_sheet_file(paths.sheet_path()).notes == "my own words"


class LogoutManager:
    """Stands in for QSessionManager, which only the desktop session can make: the
    three calls the app makes during a logout, recorded."""

    def __init__(self, interaction: bool) -> None:
        self.interaction = interaction
        self.calls: list[str] = []

    def allowsInteraction(self) -> bool:  # noqa: N802 (Qt's name)
        self.calls.append("allowsInteraction")
        return self.interaction

    def release(self) -> None:
        self.calls.append("release")

    def cancel(self) -> None:
        self.calls.append("cancel")


def test_logout_asks_about_the_packet_and_cancel_stops_the_logout(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The desktop's logout (commitDataRequest) asks the same question; Cancel cancels it."""
    window = open_app(qtbot)
    editor = editor_with_unsaved_packet(qtbot, window)
    seen: list[str] = []
    timer = answer_boxes("Cancel", seen)
    manager = LogoutManager(interaction=True)
    window.commit_data(manager)  # type: ignore[arg-type]
    timer.stop()
    assert seen == ["Save the packet?"]
    assert "cancel" in manager.calls
    assert window.isVisible() and editor.isVisible() and editor.name.text() == PACKET_NAME


def test_logout_without_questions_still_saves_the_sheet(qtbot) -> None:  # type: ignore[no-untyped-def]
    """When the desktop allows no questions, the sheet is saved at once."""
    window = open_app(qtbot)
    window.session.touch()
    window.commit_data(LogoutManager(interaction=False))  # type: ignore[arg-type]
    assert storage.read_sheet_file(paths.sheet_path()).notes == "my own words"


def test_the_desktop_logout_is_wired_to_the_same_questions(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Each main window listens to the application's commitDataRequest (the logout)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    signal = "2commitDataRequest(QSessionManager&)"
    before = app.receivers(signal)
    open_app(qtbot)
    assert app.receivers(signal) == before + 1


@pytest.mark.parametrize("action", ["new", "open", "delete"])
def test_cancel_on_new_open_or_delete_all_keeps_the_sheet_and_the_packet(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, action: str  # type: ignore[no-untyped-def]
) -> None:
    """New, Open and Delete all my data ask first; Cancel keeps the sheet and the open packet."""
    window = open_app(qtbot)
    window.session.touch()
    window.session.save_now()
    editor = editor_with_unsaved_packet(qtbot, window)
    other = tmp_path / "other.json"
    other.write_bytes(storage.encode_sheet(Sheet(notes="someone else's")))
    seen: list[str] = []
    timer = answer_boxes("Cancel", seen)
    if action == "new":
        filemenu.new_sheet(window)
    elif action == "open":
        filemenu.open_sheet(window, other)
    else:
        helpmenu.delete_all(window)
    timer.stop()
    assert len(seen) == 1
    assert window.session.sheet.notes == "my own words"
    assert storage.read_sheet_file(paths.sheet_path()).notes == "my own words"
    assert editor.isVisible() and editor.name.text() == PACKET_NAME


# -- a save that fails is never silent -------------------------------------------------------


def test_any_save_failure_is_shown_keeps_the_sheet_dirty_and_closing_asks(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A save that fails for any reason (here: too large to read back) shows in the status bar,
    leaves the sheet unsaved, and closing asks first; Cancel keeps the window."""
    window = open_app(qtbot)
    window.session.sheet.notes = "x" * storage.MAX_SHEET_BYTES
    window.session.touch()
    with qtbot.waitSignal(window.session.save_failed, timeout=5000):
        pass  # the autosave runs and fails
    assert "too large" in window.ui.statusbar.currentMessage()
    assert window.session.dirty
    assert not paths.sheet_path().exists()
    seen: list[str] = []
    timer = answer_boxes("Cancel", seen)
    window.close()
    qtbot.waitUntil(lambda: len(seen) >= 1)
    timer.stop()
    assert seen == ["Your latest changes are not saved"]
    assert window.isVisible()
