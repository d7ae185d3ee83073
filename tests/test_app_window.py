"""The main window as a person meets it: steps, crisis line, autosave, reopening, recovery."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from a11y import INTERACTIVE, is_qt_internal
from conftest import NORMAL_POINT_SIZE, AnswerDialogs, app_font, click_button
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from firstsession import content, paths, storage
from firstsession.app import helpmenu
from firstsession.app.session import Session
from firstsession.app.window import MainWindow, settings
from firstsession.model import Sheet
from firstsession.sample import sample_sheet
from firstsession.sheet_format import sheet_to_dict
from firstsession.steps import STEP_IDS


def open_app(qtbot, sheet: Sheet | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    """Start the window the way main.run does, from what is on disk."""
    outcome = storage.load_saved()
    session = Session(sheet or outcome.sheet, content.load())
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture(autouse=True)
def fresh_settings() -> None:
    settings().clear()


def test_steps_are_listed_in_order_and_next_back_walk_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The side list shows the eight steps; Next and Back move through them."""
    window = open_app(qtbot)
    titles = [window.ui.stepList.item(i).text() for i in range(window.ui.stepList.count())]
    assert titles[0] == "Welcome" and titles[-1].startswith("Print and export")
    assert len(titles) == 8
    assert not window.ui.backButton.isEnabled()
    for step in STEP_IDS[1:]:
        qtbot.mouseClick(window.ui.nextButton, Qt.MouseButton.LeftButton)
        assert window.current_step() == step
    assert not window.ui.nextButton.isEnabled()
    qtbot.mouseClick(window.ui.backButton, Qt.MouseButton.LeftButton)
    assert window.current_step() == "before"


def test_pages_are_built_only_when_first_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Start-up builds just the first page; others wait until they are opened."""
    window = open_app(qtbot)
    assert set(window.pages) == {"welcome"}
    window.go_to("questions")
    assert set(window.pages) == {"welcome", "questions"}


def test_privacy_comes_before_any_question(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The first page explains privacy and asks nothing: it has no text fields."""
    window = open_app(qtbot)
    page = window.page("welcome")
    text = " ".join(w.text() for w in page.findChildren(QWidget) if hasattr(w, "text")
                    and isinstance(w.text(), str))
    assert "stays on this computer" in text
    assert "Delete all my data" in text
    assert "not a substitute" in text
    assert not page.findChildren(QLineEdit) and not page.findChildren(QPlainTextEdit)


def test_crisis_line_follows_the_country(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The crisis line is shown on every step and changes with the chosen country."""
    window = open_app(qtbot)
    combo = window.ui.countryCombo
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)  # the whole list comes on first use
    qtbot.waitUntil(lambda: combo.count() > 2)
    combo.hidePopup()
    combo.setCurrentIndex(combo.findData("GB"))
    assert "116 123" in window.ui.crisisLabel.text().replace("\u00a0", " ")
    assert window.session.sheet.country == "GB"
    combo.setCurrentIndex(combo.findData("AU"))
    assert "13 11 14" in window.ui.crisisLabel.text().replace("\u00a0", " ")
    for step in STEP_IDS:
        window.go_to(step)
        assert window.ui.crisisBar.isVisible()


def test_unknown_country_gets_the_international_fallback(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A code that names no country shows "call your local emergency number", never
    another region's number (no 112, no "EU")."""
    sheet = Sheet(country="ZZ")
    window = open_app(qtbot, sheet)
    assert window.ui.countryCombo.currentData() == "INTL"
    text = window.ui.crisisLabel.text()
    assert "local emergency number" in text
    assert "112" not in text and "EU" not in text


def test_autosave_within_two_seconds_and_progress_mark(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Typing is saved by itself, on a timer of at most a second (the promise: on disk
    within 2 seconds), with no save asked for; the step is marked as having answers."""
    from firstsession.app.session import AUTOSAVE_DELAY_MS

    assert AUTOSAVE_DELAY_MS <= 1000  # the promise, as the app keeps it
    window = open_app(qtbot)
    window.go_to("before")
    page = window.page("before")
    area = next(w for w in page.findChildren(QPlainTextEdit)
                if "nervous" in w.accessibleName().lower())
    area.setFocus()
    qtbot.keyClicks(area, "Will they judge me?")

    def on_disk() -> str:
        path = paths.sheet_path()
        return storage.read_sheet_file(path).nervous_questions if path.exists() else ""

    qtbot.waitUntil(lambda: on_disk() == "Will they judge me?", timeout=30_000)
    row = STEP_IDS.index("before")
    assert "\u2713" in window.ui.stepList.item(row).text()
    assert "has your answers" in window.ui.stepList.item(row).data(
        Qt.ItemDataRole.AccessibleTextRole)


def test_close_and_reopen_finds_everything(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Closing saves at once; reopening shows the same sheet, step and country."""
    window = open_app(qtbot, sample_sheet())
    window.session.touch()
    window.go_to("therapists")
    window.close()
    assert storage.read_sheet_file(paths.sheet_path()) == sample_sheet()
    again = open_app(qtbot)
    assert again.session.sheet == sample_sheet()
    assert again.current_step() == "therapists"
    assert again.ui.countryCombo.currentData() == "US"


def test_corrupt_sheet_at_start_is_kept_aside_and_backup_offered(qtbot, monkeypatch,
                                                                 data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """A damaged saved sheet: the app opens, the file is kept aside, the backup can be used."""
    good = sample_sheet()
    storage.save_sheet(good)
    storage.save_sheet(Sheet(notes="latest"))
    paths.sheet_path().write_bytes(b'{"format": "firstsession-sheet", "sche')
    outcome = storage.load_saved()
    assert outcome.problem and outcome.backup_available
    session = Session(outcome.sheet, content.load())
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    # The notice is a modal box: choose "Use the backup copy" as a person would.
    def answer(box: QMessageBox) -> None:
        assert "kept, unchanged" in box.informativeText()
        click_button("backup")(box)

    boxes = AnswerDialogs(QMessageBox, answer)
    helpmenu.report_load_problem(window, outcome)
    boxes.assert_answered()
    assert window.session.sheet == good
    assert outcome.set_aside_to and outcome.set_aside_to.exists()
    window.session.save_now()
    assert storage.read_sheet_file(paths.sheet_path()) == good


def test_newer_version_sheet_opens_app_with_notice(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """A sheet from a newer version does not stop the app; it is kept aside."""
    data = sheet_to_dict(Sheet(notes="from the future"))
    data["schema_version"] = 99
    data_dir.mkdir()
    paths.sheet_path().write_text(json.dumps(data))
    outcome = storage.load_saved()
    assert outcome.problem and "newer" in outcome.problem
    window = open_app(qtbot, outcome.sheet)
    assert window.session.sheet == Sheet()
    assert json.loads(outcome.set_aside_to.read_text())["notes"] == "from the future"  # type: ignore[union-attr]


def test_delete_all_my_data(qtbot, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """After confirming, the sheet, backup and settings are gone and the window is empty."""
    window = open_app(qtbot, sample_sheet())
    window.session.touch()
    window.session.save_now()
    window.session.touch()
    window.session.save_now()
    window.save_state()
    assert storage.data_files()

    boxes = AnswerDialogs(QMessageBox, click_button("Delete everything"))
    assert helpmenu.delete_all(window)
    boxes.assert_answered()
    assert storage.data_files() == []
    assert settings().allKeys() == []
    assert window.session.sheet == Sheet()
    window.close()
    assert settings().allKeys() == []
    assert not paths.sheet_path().exists()


def test_every_control_on_every_step_has_an_accessible_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Walks every widget of every step (filled with the sample) and the window itself."""
    window = open_app(qtbot, sample_sheet())
    for step in STEP_IDS:
        window.go_to(step)
    missing = [
        f"{type(w).__name__} {w.objectName()!r} on {w.window().windowTitle()}"
        for w in window.findChildren(QWidget)
        if isinstance(w, INTERACTIVE)
        and not w.accessibleName().strip()
        and not is_qt_internal(w)
    ]
    assert missing == []


def test_edit_menu_undo_acts_on_the_focused_field(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Edit > Undo undoes typing in the field that has focus."""
    window = open_app(qtbot)
    window.go_to("before")
    area = window.page("before").findChildren(QPlainTextEdit)[0]
    area.setFocus()
    qtbot.waitUntil(area.hasFocus)
    qtbot.keyClicks(area, "hello")
    window.ui.actionUndo.trigger()
    assert area.toPlainText() == ""
    window.ui.actionRedo.trigger()
    assert area.toPlainText() == "hello"


def test_menu_shortcuts_are_set_and_never_shared(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The usual actions have keyboard shortcuts (the platform's own where it has
    them), and no key sequence belongs to two actions."""
    window = open_app(qtbot)
    ui = window.ui
    expected = [ui.actionNew, ui.actionOpen, ui.actionSaveCopy, ui.actionExportPdf,
                ui.actionPrint, ui.actionQuit, ui.actionUndo, ui.actionRedo, ui.actionCut,
                ui.actionCopy, ui.actionPaste, ui.actionSelectAll]
    for action in expected:
        assert action.shortcuts(), f"{action.objectName()} has no shortcut"
    owners: dict[str, str] = {}
    actions = window.findChildren(type(ui.actionNew))
    assert len(actions) >= len(expected)
    for action in actions:
        for key in action.shortcuts():
            text = key.toString()
            assert text not in owners, f"{text} is on {owners[text]} and {action.objectName()}"
            owners[text] = action.objectName()
    assert ui.actionExportPdf.shortcut().toString() == "Ctrl+E"
    assert ui.actionQuit.shortcut().toString() == "Ctrl+Q"


# The sizes a person may well use: 200% text on a small laptop screen, and normal text
# in a small window. (text size as a multiple of the normal size, window width, height)
LAYOUT_SIZES = {
    "200% text at 1024x700": (2.0, 1024, 700),
    "normal text at 640x480": (1.0, 640, 480),
}
# Words people type that end up in titles: as long as the fields allow (a feeling word
# holds 80 characters), so a title must never set the width of its page.
LONG_FEELING = "a heavy tiredness that sits on my chest every single morning before work starts"
LONG_NAME = "Dr. Alexandra Konstantinopoulou-Whitfield, PhD, LMFT, Certified Trauma Specialist"


def sheet_with_long_words() -> Sheet:
    """The sample sheet, with a long feeling word and a long therapist name, both shown."""
    sheet = sample_sheet()
    sheet.feelings[0].word = LONG_FEELING
    sheet.therapists[0].name = LONG_NAME
    return sheet


@pytest.mark.parametrize("size", LAYOUT_SIZES)
def test_window_is_usable_at_small_size_and_large_text(  # type: ignore[no-untyped-def]
    qtbot, layout_font: str, size: str
) -> None:
    """At 200% text in 1024x700 and at normal text in 640x480, with each common UI font the
    test loads itself, every step fits its width (no sideways scrolling, even with long
    words typed into titles) and still shows Next and the crisis line."""
    from firstsession.app.main import stylesheet

    factor, width, height = LAYOUT_SIZES[size]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with app_font(layout_font, NORMAL_POINT_SIZE * factor):
        app.setStyleSheet(stylesheet())
        try:
            window = open_app(qtbot, sheet_with_long_words())
            window.resize(width, height)
            qtbot.waitUntil(lambda: window.width() == width and window.height() == height)
            for step in STEP_IDS:
                window.go_to(step)
                qtbot.wait(10)
                page = window.page(step)
                # No sideways scrolling: the page fits the width it is given.
                assert page.minimumSizeHint().width() <= page.parentWidget().width(), step
                assert window.ui.nextButton.geometry().bottom() <= window.height()
                assert window.ui.crisisBar.isVisible()
                assert window.ui.crisisBar.geometry().bottom() <= window.height()
        finally:
            app.setStyleSheet("")


def test_a_long_file_name_after_saving_never_widens_the_page(  # type: ignore[no-untyped-def]
    qtbot, layout_font: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After Save PDF… to a file whose name is one long word, Print and export says where it
    went and still fits 200% text at 1024x700 (the path wraps, not the page)."""
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / ("my_first_session_preparation_for_the_therapist_" * 2 + "final.pdf")
    monkeypatch.setattr(  # the system's save dialog, the one OS dialog tests stand in for
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "PDF (*.pdf)"))
    )
    with app_font(layout_font, NORMAL_POINT_SIZE * 2):
        window = open_app(qtbot, sample_sheet())
        window.resize(1024, 700)
        qtbot.waitUntil(lambda: window.width() == 1024)
        window.go_to("export")
        page = window.page("export")
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        assert out.exists()
        assert page.saved_label.text() == (f"Saved to {out}. It is not encrypted: "
                                            "anyone who has the file can read it.")
        qtbot.waitUntil(page.saved_label.isVisible)
        assert page.minimumSizeHint().width() <= page.parentWidget().width()


def test_a_row_of_buttons_wraps_instead_of_widening_the_page(  # type: ignore[no-untyped-def]
    qtbot, normal_app_font: None
) -> None:
    """A flow row needs only its widest button; when narrow it puts buttons on more lines,
    and a hidden button takes no room."""
    from PySide6.QtWidgets import QPushButton

    from firstsession.app.layouts import flow_row

    holder = QWidget()
    qtbot.addWidget(holder)
    buttons = [QPushButton(text) for text in ("Save PDF", "Print", "Open in your PDF viewer")]
    for button in buttons:  # widths that no font changes: no two fit in the width of one
        button.setFixedWidth(100)
    row = flow_row(*buttons)
    holder.setLayout(row)
    widest = 100
    one_line = 3 * widest + 2 * row._gaps()[0]
    assert row.minimumSize().width() == widest
    assert row.sizeHint().width() == one_line
    tall = buttons[0].sizeHint().height()
    assert row.heightForWidth(one_line) == tall
    assert row.heightForWidth(widest) == 3 * tall + 2 * row._gaps()[1]
    holder.resize(widest, row.heightForWidth(widest))
    holder.show()
    qtbot.waitUntil(lambda: buttons[2].geometry().top() > buttons[1].geometry().top())
    assert all(b.geometry().right() < widest for b in buttons)
    buttons[1].hide()
    assert row.sizeHint().width() == one_line - widest - row._gaps()[0]


def test_a_long_title_is_shortened_on_screen_but_read_out_whole(  # type: ignore[no-untyped-def]
    qtbot, normal_app_font: None
) -> None:
    """A group titled with a long name fits a narrow page: the title shown ends in "…",
    while title() and the screen reader's name keep all of it."""
    from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

    from firstsession.app.layouts import TitledGroup

    group = TitledGroup(f"Your notes about {LONG_NAME}")
    QVBoxLayout(group).addWidget(QLabel("Name:"))
    qtbot.addWidget(group)
    group.resize(300, 120)
    group.show()
    qtbot.waitUntil(lambda: QGroupBox.title(group).endswith("\u2026"))
    assert group.title() == group.accessibleName() == f"Your notes about {LONG_NAME}"
    assert group.minimumSizeHint().width() < 150  # what "Name:" needs, not the title
    group.resize(3000, 120)
    qtbot.waitUntil(lambda: QGroupBox.title(group) == group.title())


def test_generated_form_is_up_to_date() -> None:
    """The committed ui_mainwindow.py matches what pyside6-uic makes of ui/mainwindow.ui."""
    import importlib.util

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("compile_ui", root / "tools" / "compile_ui.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    generated = root / "src" / "firstsession" / "app" / "generated" / "ui_mainwindow.py"
    assert module.compile_form(root / "ui" / "mainwindow.ui") == generated.read_text()


def test_the_step_list_measures_its_rows_after_pyside_drops_the_viewport_wrapper(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The step names' delegate asks the view for its viewport again when the wrapper it
    kept is no longer valid (seen after typing, then changing step with the focus in a
    field), instead of raising inside a Qt override, which aborts PySide 6.11."""
    import shiboken6
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

    window = open_app(qtbot)
    delegate = window.ui.stepList.itemDelegate()
    stale = QWidget()
    delegate.viewport = stale
    shiboken6.delete(stale)  # the kept wrapper now points at nothing
    index = window.ui.stepList.model().index(0, 0, QModelIndex())
    size = delegate.sizeHint(QStyleOptionViewItem(), index)
    assert size.height() > 0 and shiboken6.isValid(delegate.viewport)
    assert delegate.viewport is window.ui.stepList.viewport()
