"""The "Before the day" step: the checklist, nervous questions and notes."""

from __future__ import annotations

import pytest
from a11y import INTERACTIVE
from conftest import saved_sheet
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QScrollBar,
    QWidget,
)

from firstsession.app.steps.before import BeforeStep
from firstsession.sample import sample_sheet


def is_scroll_area_part(widget: QWidget) -> bool:
    """A text area's own scroll bar: never focused, and named through its text area."""
    return isinstance(widget, QScrollBar) and widget.focusPolicy() == Qt.FocusPolicy.NoFocus


@pytest.fixture
def page(make_page) -> BeforeStep:  # type: ignore[no-untyped-def]
    return make_page(BeforeStep, size=(900, 700))


def test_space_ticks_and_unticks_checklist_items(qtbot, page: BeforeStep, content) -> None:
    """Space on a focused checklist item ticks it in the sheet and the saved file, and untick."""
    first, second = content.checklist[0].id, content.checklist[1].id
    box = page.rows[first].box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert page.session.sheet.checklist[first] is True
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    qtbot.keyClick(page.rows[second].box, Qt.Key.Key_Space)
    assert page.progress.text() == f"2 of {len(content.checklist)} done"
    assert page.session.save_now()
    assert saved_sheet().checklist == {first: True, second: True}

    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert page.session.sheet.checklist[first] is False
    assert page.progress.text() == f"1 of {len(content.checklist)} done"
    page.session.save_now()
    assert saved_sheet().checklist[first] is False


def test_clicking_the_item_text_ticks_the_box(qtbot, page: BeforeStep, content) -> None:
    """The wrapped text of an item toggles its box, like a check box's own text."""
    row = page.rows[content.checklist[2].id]
    qtbot.mouseClick(row.label, Qt.MouseButton.LeftButton)
    assert row.box.isChecked()
    assert page.session.sheet.checklist[content.checklist[2].id] is True


def test_typed_questions_and_notes_are_saved(qtbot, page: BeforeStep) -> None:
    """Typing in the two text areas fills the sheet and reaches the saved file."""
    qtbot.keyClicks(page.nervous, "Can I bring a friend? <b>&")
    qtbot.keyClicks(page.notes, "Bus 12 at 9:40")
    assert page.session.sheet.nervous_questions == "Can I bring a friend? <b>&"
    assert page.session.sheet.notes == "Bus 12 at 9:40"
    page.session.save_now()
    on_disk = saved_sheet()
    assert on_disk.nervous_questions == "Can I bring a friend? <b>&"
    assert on_disk.notes == "Bus 12 at 9:40"


def test_reload_shows_the_new_sheet_without_reporting_changes(
    qtbot, page: BeforeStep, content
) -> None:
    """After New/Open the page shows the other sheet and does not mark anything changed."""
    new = sample_sheet(content)
    changes: list[int] = []
    page.session.replace(new)
    page.session.save_now()
    page.session.changed.connect(lambda: changes.append(1))
    done = sum(new.checklist.values())
    assert page.progress.text() == f"{done} of {len(content.checklist)} done"
    for item in content.checklist:
        assert page.rows[item.id].box.isChecked() == new.checklist.get(item.id, False)
    assert page.nervous.toPlainText() == new.nervous_questions
    assert page.notes.toPlainText() == new.notes
    assert changes == []
    assert not page.session.dirty


def test_every_interactive_widget_has_an_accessible_name(page: BeforeStep) -> None:
    """Screen readers can name every control on the page."""
    nameless = [
        w for w in page.findChildren(QWidget)
        if isinstance(w, INTERACTIVE) and not w.isHidden() and not w.accessibleName().strip()
        and not is_scroll_area_part(w)
    ]
    assert nameless == []
    assert page.rows  # the walk did see the checklist


def test_a_message_about_the_notes_names_them_as_the_page_labels_them(
    qtbot, page: BeforeStep
) -> None:
    """Writing no font can print (Javanese) typed in the notes is reported under the words
    the page shows above that field, "Anything else to remember" (never "Notes")."""
    from firstsession.pdf import undrawable

    page.notes.insertPlainText("Bring \ua9b2\ua9a4\ua995\ua9ab\ua98f")  # as pasted
    page.session.sheet.export.sections = ["notes"]
    [problem] = undrawable(page.session.sheet)
    shown = [label.text() for label in page.findChildren(QLabel) if label.buddy() is page.notes]
    assert shown == [problem.field] == ["Anything else to remember"]
    assert page.notes.accessibleName() == problem.field
