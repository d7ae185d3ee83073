"""The app's privacy (issue 15): the passphrase screen at start, Help > Privacy…, the idle
lock, Quick exit (button and Escape twice), and a PDF password on export. Real widgets,
real files; every wait is for a signal or a state, never for wall-clock time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import AnswerDialogs
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit

from firstsession import content, passphrase, paths, storage, vault
from firstsession.app import lock, main
from firstsession.app.appsettings import settings
from firstsession.app.privacy import PrivacyDialog
from firstsession.app.secretdialog import SecretDialog
from firstsession.app.session import Session
from firstsession.app.window import MainWindow
from firstsession.model import Sheet

MARKER = "MARKER-app-private-77"
FAST = vault.KdfParams(memory_kib=1024, passes=1, lanes=1)


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(vault, "DEFAULT_PARAMS", FAST)
    settings().clear()
    yield
    settings().clear()


def marked() -> Sheet:
    sheet = Sheet()
    sheet.about.name = MARKER
    return sheet


def encrypted_store(secret: str = "tea and toast") -> None:
    storage.save_sheet(marked())
    passphrase.set_passphrase(secret)
    vault.lock()
    storage._known_good.clear()  # as a new process would start


def open_window(qtbot, sheet: Sheet | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(Session(sheet or storage.load_saved().sheet, content.load()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    lock.install(window)
    return window


def started_locked(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    """The window as main._start makes it when a passphrase is set (that wiring is checked
    in a process of its own by the next test)."""
    outcome = storage.load_saved()
    assert outcome.locked and not outcome.set_aside_to
    window = open_window(qtbot, outcome.sheet)
    locker = lock.locker_of(window)
    assert locker is not None
    locker.start_locked(lambda: main._load_unlocked(window))
    return window


START_PROBE = """
import json
from firstsession import vault
from firstsession.app import main
app, window, outcome = main._start()
locker = window.locker
print(json.dumps({"locked": locker.is_locked, "pages": window.ui.stepStack.isVisible(),
                  "crisis": window.ui.crisisBar.isVisible(), "screen": locker.screen.isVisible(),
                  "name": window.session.sheet.about.name, "key": vault.current() is not None}))
"""


def test_the_real_start_up_opens_locked_when_a_passphrase_is_set() -> None:
    """main._start, in a process of its own: the window opens on the lock screen with the
    crisis bar, holding nothing of the sheet, with no key."""
    import json
    import os
    import subprocess
    import sys

    encrypted_store()
    done = subprocess.run([sys.executable, "-c", START_PROBE], capture_output=True, text=True,
                          env=dict(os.environ), timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"locked": True, "pages": False, "crisis": True, "screen": True,
                    "name": "", "key": False}


def only_lock_screen(window: MainWindow) -> bool:
    locker = lock.locker_of(window)
    assert locker is not None
    ui = window.ui
    return (locker.is_locked and locker.screen.isVisible() and ui.crisisBar.isVisible()
            and not ui.stepStack.isVisible() and not ui.stepList.isVisible()
            and not ui.navBar.isVisible()
            and not any(a.isVisible() for a in window.menuBar().actions()))


def test_the_app_starts_locked_and_a_wrong_passphrase_changes_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    """With a passphrase set the window opens on the lock screen (crisis bar visible); a
    wrong passphrase gets a plain message and no file changes; the right one shows the
    sheet."""
    encrypted_store()
    before = {p: p.read_bytes() for p in paths.data_dir().iterdir()}
    window = started_locked(qtbot)
    locker = lock.locker_of(window)
    assert locker is not None and only_lock_screen(window)
    assert window.session.sheet.about.name == ""  # nothing of the sheet is in the window
    field = locker.screen.field
    assert window.focusWidget() is field and field.accessibleName() == "Passphrase"
    QTest.keyClicks(field, "wrong one")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert "did not open" in locker.screen.message.text()
    assert "Nothing was changed" in locker.screen.message.text()
    assert only_lock_screen(window) and vault.current() is None
    assert {p: p.read_bytes() for p in paths.data_dir().iterdir()} == before
    with qtbot.waitSignal(locker.unlocked):
        QTest.keyClicks(field, "tea and toast")
        QTest.keyClick(field, Qt.Key.Key_Return)
    assert window.session.sheet.about.name == MARKER
    assert window.ui.stepStack.isVisible() and not locker.screen.isVisible()


def test_escape_twice_right_after_unlocking_is_a_quick_exit(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Unlocked by typing the passphrase and Return, the keys go to the window's pages at
    once: Esc pressed twice, with no click first, locks again (fresh-eyes finding)."""
    encrypted_store()
    window = started_locked(qtbot)
    locker = lock.locker_of(window)
    assert locker is not None
    field = locker.screen.field
    with qtbot.waitSignal(locker.unlocked):
        QTest.keyClicks(field, "tea and toast")
        QTest.keyClick(field, Qt.Key.Key_Return)
    focused = window.focusWidget()
    assert focused is not None and focused.isVisible() and focused is not field
    window.activateWindow()  # as a real window is, under the person's hands
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(locker.locked):
        QTest.keyClick(focused, Qt.Key.Key_Escape)
        QTest.keyClick(focused, Qt.Key.Key_Escape)
    assert only_lock_screen(window)


def test_quick_exit_saves_hides_everything_and_locks(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The visible Quick exit button saves the newest words, leaves only the lock screen
    and the crisis bar, minimises the window and forgets the key."""
    encrypted_store()
    passphrase.unlock("tea and toast")
    window = open_window(qtbot)
    locker = lock.locker_of(window)
    assert locker is not None
    button = locker.quick_exit_button
    assert button.isVisible() and button.accessibleName() == "Quick exit"
    window.session.sheet.notes = "words typed a second ago"
    window.session.touch()
    with qtbot.waitSignal(locker.locked):
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert only_lock_screen(window) and window.isMinimized()
    assert vault.current() is None
    passphrase.check("tea and toast")
    data = paths.sheet_path().read_bytes()
    opened = vault.open_sealed(data, vault.key_for("tea and toast", data))
    assert b"words typed a second ago" in opened
    assert MARKER.encode() not in data


def test_escape_pressed_twice_is_a_quick_exit_and_once_is_not(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Escape first clears the feelings search (nothing more); once more does nothing of
    ours; twice in a row exits quickly. Without a passphrase the window shows a neutral
    screen with Continue."""
    window = open_window(qtbot, marked())
    locker = lock.locker_of(window)
    assert locker is not None
    window.session.touch()  # unsaved words
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.go_to("feelings")
    search = next(e for e in window.page("feelings").findChildren(QLineEdit)
                  if e.accessibleName().lower().startswith("search"))
    search.setFocus()
    QTest.keyClicks(search, "calm")
    QTest.keyClick(search, Qt.Key.Key_Escape)  # clears the search, nothing more
    assert search.text() == "" and not locker.is_locked
    QTest.keyClick(search, Qt.Key.Key_Escape)
    assert not locker.is_locked
    with qtbot.waitSignal(locker.locked):
        QTest.keyClick(search, Qt.Key.Key_Escape)
    assert only_lock_screen(window)
    assert not locker.screen.field.isVisible()
    assert locker.screen.button.accessibleName() == "Continue"
    assert MARKER not in window.windowTitle()
    assert storage.read_sheet_file(paths.sheet_path()).about.name == MARKER  # saved first
    with qtbot.waitSignal(locker.unlocked):
        QTest.mouseClick(locker.screen.button, Qt.MouseButton.LeftButton)
    assert window.ui.stepStack.isVisible()


def test_quick_exit_closes_open_dialogs(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A dialog open over the window (here Help > Privacy…) is closed by a quick exit."""
    window = open_window(qtbot, marked())
    locker = lock.locker_of(window)
    assert locker is not None
    seen: list[bool] = []

    def exit_from_dialog(dialog: QDialog) -> None:
        seen.append(dialog.isVisible())
        locker.quick_exit()

    answers = AnswerDialogs(PrivacyDialog, exit_from_dialog)
    window.ui.actionPrivacy.trigger()
    answers.assert_answered()
    assert seen == [True] and only_lock_screen(window)


def test_the_idle_lock_saves_first_then_locks(qtbot) -> None:  # type: ignore[no-untyped-def]
    """After the idle time with no input the sheet is saved and the window locked."""
    encrypted_store()
    passphrase.unlock("tea and toast")
    window = open_window(qtbot)
    locker = lock.locker_of(window)
    assert locker is not None
    window.session.sheet.notes = "idle words"
    window.session.touch()
    with qtbot.waitSignal(locker.locked, timeout=10_000):
        locker.set_idle_ms(50)
    assert only_lock_screen(window) and locker.screen.field.isVisible()
    data = paths.sheet_path().read_bytes()
    assert b"idle words" in vault.open_sealed(data, vault.key_for("tea and toast", data))


def test_the_idle_time_is_chosen_in_privacy_and_kept(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Help > Privacy… offers Never and minutes; the choice is applied and saved."""
    window = open_window(qtbot, marked())
    dialog = PrivacyDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.idle.itemText(0) == "Never"
    dialog.idle.setCurrentIndex(dialog.idle.findData(5))
    locker = lock.locker_of(window)
    assert locker is not None and locker.idle_ms() == 5 * 60_000
    assert int(str(settings().value(lock.IDLE_KEY))) == 5


def test_setting_a_passphrase_in_the_app_warns_offers_a_pdf_and_encrypts(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Set a passphrase…: the dialog says a forgotten one cannot be recovered and offers a
    PDF first; mismatched entries are refused plainly; then every copy is encrypted."""
    storage.save_sheet(marked())
    storage.save_sheet(marked())
    window = open_window(qtbot, marked())
    dialog = PrivacyDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.set_button.isEnabled() and not dialog.remove_button.isEnabled()
    notes: list[str] = []

    def mismatch(d: SecretDialog) -> None:
        notes.append(d.warning.text())
        assert any(b.text().replace("&", "").startswith("Save a PDF first")
                   for b in d.findChildren(type(d.ok)))
        d.new.setText("my passphrase")
        d.again.setText("my passphrasf")
        d.ok.click()
        notes.append(d.message.text())
        d.again.setText("my passphrase")
        d.ok.click()

    answers = AnswerDialogs(SecretDialog, mismatch)
    assert dialog.set_passphrase()
    answers.assert_answered()
    assert "nobody can open your sheet again" in notes[0] and "PDF" in notes[0]
    assert "not the same" in notes[1]
    assert passphrase.is_set() and dialog.remove_button.isEnabled()
    for path in paths.data_dir().iterdir():
        assert MARKER.encode() not in path.read_bytes()


def test_changing_with_a_wrong_passphrase_in_the_app_changes_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Change passphrase… with a wrong current one: a plain message in the dialog, and
    every file stays as it was."""
    encrypted_store()
    passphrase.unlock("tea and toast")
    before = {p: p.read_bytes() for p in paths.data_dir().iterdir()}
    window = open_window(qtbot)
    dialog = PrivacyDialog(window)
    qtbot.addWidget(dialog)
    said: list[str] = []

    def wrong_then_cancel(d: SecretDialog) -> None:
        d.current.setText("not it")
        d.new.setText("x")
        d.again.setText("x")
        d.ok.click()
        said.append(d.message.text())
        d.reject()

    answers = AnswerDialogs(SecretDialog, wrong_then_cancel)
    assert not dialog.change_passphrase()
    answers.assert_answered()
    assert "Nothing was changed" in said[0]
    assert {p: p.read_bytes() for p in paths.data_dir().iterdir()} == before


def test_a_pdf_saved_with_a_password_is_aes_256_encrypted(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The export step says PDFs are not encrypted unless locked; ticked, Save PDF… asks
    for a password and the file opens only with it."""
    from pypdf import PdfReader

    from firstsession.app import exporting

    out = tmp_path / "locked.pdf"
    monkeypatch.setattr(exporting, "ask_output_path", lambda *a, **k: out)
    window = open_window(qtbot, marked())
    window.go_to("export")
    page = window.page("export")
    from PySide6.QtWidgets import QCheckBox

    box = page.findChild(QCheckBox, "pdfPassword")
    assert box is not None and "password" in box.accessibleName()
    box.setChecked(True)

    def password(d: SecretDialog) -> None:
        d.new.setText("pdf secret")
        d.again.setText("pdf secret")
        d.ok.click()

    answers = AnswerDialogs(SecretDialog, password)
    page.save_pdf()
    answers.assert_answered()
    reader = PdfReader(out)
    assert reader.is_encrypted and not reader.decrypt("nope") and reader.decrypt("pdf secret")
    assert MARKER in reader.pages[0].extract_text()
    assert "opens only with its password" in page.saved_label.text()


def test_no_readable_viewer_copy_is_written_while_encrypted(qtbot, messages: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Open in your PDF viewer would leave a plain copy in the data folder: with a
    passphrase it explains and writes nothing."""
    encrypted_store()
    passphrase.unlock("tea and toast")
    window = open_window(qtbot)
    before = sorted(p.name for p in paths.data_dir().iterdir())
    window.exporter().open_in_viewer()
    assert messages and "encrypted" in messages[0]
    assert sorted(p.name for p in paths.data_dir().iterdir()) == before


def test_a_copy_saved_while_encrypted_is_encrypted_too(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """File > Save a copy writes the copy encrypted with the same passphrase, and delete
    all forgets the passphrase with the files."""
    from firstsession.app import filemenu

    encrypted_store()
    passphrase.unlock("tea and toast")
    out = tmp_path / "copy.json"
    monkeypatch.setattr(filemenu, "ask_output_path", lambda *a, **k: out)
    window = open_window(qtbot)
    assert filemenu.save_copy(window) == out
    data = out.read_bytes()
    assert MARKER.encode() not in data and vault.is_sealed(data)
    assert storage.read_sheet_file(out).about.name == MARKER
    storage.delete_all_data()
    assert vault.current() is None and not passphrase.is_set()
    storage.save_sheet(Sheet())
    assert not vault.is_sealed(paths.sheet_path().read_bytes())


def test_encrypted_autosave_runs_off_the_window_thread(qtbot,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Typing with a passphrase set: the sheet is encrypted (and written) by the autosave's
    worker thread, never by the window's."""
    import threading

    encrypted_store()
    passphrase.unlock("tea and toast")
    sealed_on: list[int] = []
    real_seal = vault.seal

    def seal(plaintext: bytes, key: vault.Key) -> bytes:
        sealed_on.append(threading.get_ident())
        return real_seal(plaintext, key)

    monkeypatch.setattr(vault, "seal", seal)
    window = open_window(qtbot)
    window.go_to("before")
    notes = window.page("before").notes
    notes.setFocus()
    with qtbot.waitSignal(window.session.saved, timeout=10_000):
        QTest.keyClicks(notes, "typed while encrypted")
    assert sealed_on and threading.get_ident() not in sealed_on
    data = paths.sheet_path().read_bytes()
    assert b"typed while encrypted" in vault.open_sealed(data, vault.key_for("tea and toast", data))


def test_quick_exit_hides_the_packet_editor_and_brings_it_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A window of ours that is not a question (the packet editor, with unsaved work) is
    hidden, not closed, by a quick exit, and shown again after Continue: nothing is asked."""
    from firstsession.app import filemenu

    window = open_window(qtbot, marked())
    locker = lock.locker_of(window)
    assert locker is not None
    editor = filemenu.new_packet(window)
    qtbot.addWidget(editor)
    editor.name.setText("A practice")
    assert editor.dirty and editor.isVisible()
    with qtbot.waitSignal(locker.locked):
        locker.quick_exit()
    assert not editor.isVisible() and editor.dirty
    with qtbot.waitSignal(locker.unlocked):
        QTest.mouseClick(locker.screen.button, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and editor.name.text() == "A practice"
    editor.dirty = False  # closing it after the test asks nothing


@pytest.mark.parametrize("since", ["changed", "removed"])
def test_file_open_asks_for_the_passphrase_a_copy_was_locked_with(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str],
        since: str) -> None:
    """File > Open of a copy locked with an older passphrase (changed or removed since)
    asks for that passphrase as the command line does: a wrong one is said in the dialog
    and nothing changes; the right one opens the copy, and the saved sheet keeps today's
    form (the new passphrase, or plain)."""
    from firstsession.app import filemenu

    encrypted_store("old words")
    passphrase.unlock("old words")
    copy = tmp_path / "older copy.json"
    monkeypatch.setattr(filemenu, "ask_output_path", lambda *a, **k: copy)
    assert filemenu.save_copy(open_window(qtbot)) == copy
    if since == "changed":
        passphrase.change_passphrase("old words", "new words")
    else:
        passphrase.remove_passphrase("old words")
    storage.save_sheet(Sheet())
    window = open_window(qtbot, Sheet())
    copy_before = copy.read_bytes()
    store_before = {p: p.read_bytes() for p in paths.data_dir().iterdir()}
    said: list[str] = []

    def wrong_then_right(d: SecretDialog) -> None:
        said.append(d.warning.text())
        d.current.setText("new words" if since == "changed" else "not it")
        d.ok.click()
        said.append(d.message.text())
        said.append(str({p: p.read_bytes() for p in paths.data_dir().iterdir()}
                        == store_before))
        d.current.setText("old words")
        d.ok.click()

    answers = AnswerDialogs(SecretDialog, wrong_then_right)
    assert filemenu.open_sheet(window, copy)
    answers.assert_answered()
    assert not messages, messages
    assert "older copy.json" in said[0] and "passphrase" in said[0]
    assert "did not open" in said[1] and "Nothing was changed" in said[1]
    assert said[2] == "True"
    assert window.session.sheet.about.name == MARKER
    assert copy.read_bytes() == copy_before
    window.session.save_now()
    saved = paths.sheet_path().read_bytes()
    if since == "changed":
        assert vault.is_sealed(saved) and MARKER.encode() not in saved
        passphrase.check("new words")
    else:
        assert not vault.is_sealed(saved)
    assert storage.read_sheet_file(paths.sheet_path()).about.name == MARKER
