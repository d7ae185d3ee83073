"""The "Compare therapists" step: people, notes, answers and the side-by-side table."""

from __future__ import annotations

import pytest
from a11y import unnamed_widgets
from conftest import saved_sheet
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QMessageBox,
)

from firstsession.app.models import ComparisonModel
from firstsession.app.steps.questions import QuestionsStep
from firstsession.app.steps.therapists import TherapistsStep
from firstsession.model import MAX_THERAPISTS, ChosenQuestion, Sheet, Therapist
from firstsession.sample import sample_sheet


@pytest.fixture
def sheet(content) -> Sheet:  # type: ignore[no-untyped-def]
    """Two questions already chosen, so the comparison has rows."""
    return Sheet(questions=[ChosenQuestion(q.id, q.text) for q in content.all_questions()[:2]])


@pytest.fixture
def page(make_page) -> TherapistsStep:  # type: ignore[no-untyped-def]
    return make_page(TherapistsStep, size=(1000, 1600))


def click(qtbot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_add_up_to_five_then_add_is_disabled_with_a_reason(qtbot, page, session) -> None:
    """Add works five times; then it is disabled and a visible note says why."""
    assert not page.editor_box.isVisibleTo(page)
    assert page.nobody_label.isVisibleTo(page)
    for n in range(MAX_THERAPISTS):
        assert page.add_button.isEnabled()
        assert not page.limit_label.isVisibleTo(page)
        click(qtbot, page.add_button)
        assert page.current_row() == n
    assert len(session.sheet.therapists) == MAX_THERAPISTS
    assert not page.add_button.isEnabled()
    assert page.limit_label.isVisibleTo(page)
    assert "5" in page.limit_label.text()
    page.add_therapist()  # even if called, nothing more is added
    assert len(saved_sheet(session).therapists) == MAX_THERAPISTS
    click(qtbot, page.remove_button)  # an empty person goes without asking
    assert page.add_button.isEnabled()
    assert not page.limit_label.isVisibleTo(page)


def test_typed_notes_answers_and_fit_are_saved(qtbot, page, session) -> None:
    """Name, contact, fit (by keyboard), answers and notes all land in the saved file."""
    click(qtbot, page.add_button)
    assert page.editor_box.isVisibleTo(page)
    assert page.name_edit.hasFocus()
    qtbot.keyClicks(page.name_edit, "Dr. Ana Ruiz")
    qtbot.keyClicks(page.contact_edit, "ana@example.org")
    page.fit_combo.setFocus()
    for _ in range(4):
        qtbot.keyClick(page.fit_combo, Qt.Key.Key_Down)
    first, second = session.sheet.questions
    qtbot.keyClicks(page.answer_editors[first.id], "Yes, licensed & insured <LPC>.")
    qtbot.keyClicks(page.notes_edit, "Kind.")
    qtbot.keyClick(page.notes_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(page.notes_edit, "Easy to talk to.")
    therapist = saved_sheet(session).therapists[0]
    assert therapist.name == "Dr. Ana Ruiz"
    assert therapist.contact == "ana@example.org"
    assert therapist.fit == 4
    assert page.fit_combo.currentText() == "4 \u2013 a good fit"
    assert therapist.answers == {first.id: "Yes, licensed & insured <LPC>."}
    assert therapist.notes == "Kind.\nEasy to talk to."
    assert page.people_view.model().index(0).data() == "Dr. Ana Ruiz"
    assert "Dr. Ana Ruiz" in page.editor_box.title()
    # Clearing an answer removes it rather than saving an empty string.
    page.answer_editors[first.id].clear()
    assert saved_sheet(session).therapists[0].answers == {}


def test_switching_people_shows_each_ones_notes(qtbot, page, session) -> None:
    """Choosing another person in the list shows their own notes in the fields."""
    click(qtbot, page.add_button)
    qtbot.keyClicks(page.name_edit, "First")
    click(qtbot, page.add_button)
    assert page.name_edit.text() == ""
    qtbot.keyClicks(page.name_edit, "Second")
    page.people_view.setFocus()
    qtbot.keyClick(page.people_view, Qt.Key.Key_Up)
    assert page.name_edit.text() == "First"
    assert [t.name for t in saved_sheet(session).therapists] == ["First", "Second"]


def test_remove_asks_when_there_are_notes(qtbot, page, session, monkeypatch) -> None:
    """Removing a person with notes asks first; No keeps them, Yes deletes them."""
    click(qtbot, page.add_button)
    qtbot.keyClicks(page.name_edit, "Pat")
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    click(qtbot, page.remove_button)
    assert [t.name for t in session.sheet.therapists] == ["Pat"]
    click(qtbot, page.remove_button)
    assert saved_sheet(session).therapists == []
    assert not page.editor_box.isVisibleTo(page)
    assert not page.remove_button.isEnabled()


def test_answer_fields_follow_the_chosen_questions(qtbot, page, session) -> None:
    """New, removed or reordered questions rebuild the answer fields; other edits do not."""
    click(qtbot, page.add_button)
    first, second = (q.id for q in session.sheet.questions)
    before = page.answer_editors[first]
    qtbot.keyClicks(page.name_edit, "No rebuild")
    assert page.answer_editors[first] is before
    questions = QuestionsStep(session)  # the other step changes sheet.questions
    qtbot.addWidget(questions)
    questions.select_row(1)
    questions.move_current(-1)
    assert list(page.answer_editors) == [second, first]
    questions.model.remove(0)
    assert list(page.answer_editors) == [first]
    questions.model.remove(0)
    assert page.answer_editors == {}
    assert page.no_questions_label.isVisibleTo(page)
    assert "previous step" in page.no_questions_label.text()


def test_comparison_model_cells(qtbot, page, session) -> None:
    """The table shows fit, contact, answers and notes per person, in words when empty."""
    sample = sample_sheet()
    session.replace(sample)
    model = page.compare_model
    assert isinstance(model, ComparisonModel)
    assert model.columnCount() == ComparisonModel.FIRST_THERAPIST_COLUMN + 2
    assert model.rowCount() == ComparisonModel.FIRST_QUESTION_ROW + len(sample.questions) + 1
    horizontal = Qt.Orientation.Horizontal
    assert model.headerData(1, horizontal) == "Dr. Maya Okafor"
    assert model.headerData(2, horizontal) == "Jordan Lee, LCSW"

    def cell(row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
        return model.index(row, column).data(role)

    assert cell(ComparisonModel.FIT_ROW, 0) == "Fit"
    assert cell(ComparisonModel.FIT_ROW, 1) == "5 \u2013 a very good fit"
    assert cell(ComparisonModel.CONTACT_ROW, 2) == "jordan@example.org"
    q0 = sample.questions[0]
    shown = session.content.question_text(q0)
    assert cell(ComparisonModel.FIRST_QUESTION_ROW, 0) == "\u2605 " + shown
    assert cell(ComparisonModel.FIRST_QUESTION_ROW, 1) == sample.therapists[0].answers[q0.id]
    no_answer = ComparisonModel.FIRST_QUESTION_ROW + 2  # neither person answered question 3
    assert cell(no_answer, 2) == "No answer yet"
    accessible = cell(no_answer, 2, Qt.ItemDataRole.AccessibleTextRole)
    assert accessible.startswith("Jordan Lee, LCSW") and "No answer yet" in accessible
    assert cell(model.notes_row, 0) == "Notes"
    assert not model.flags(model.index(1, 1)) & Qt.ItemFlag.ItemIsEditable
    # An empty contact reads as words, not a blank cell.
    click(qtbot, page.add_button)
    assert cell(ComparisonModel.CONTACT_ROW, 3) == "\u2014"
    assert cell(ComparisonModel.CONTACT_ROW, 3, Qt.ItemDataRole.AccessibleTextRole).endswith(
        "Nothing written yet"
    )
    # The table follows typing at once.
    qtbot.keyClicks(page.name_edit, "Sky")
    assert model.headerData(3, horizontal) == "Sky"
    qtbot.waitUntil(lambda: page.table.isVisibleTo(page), timeout=2000)


def test_reload_shows_the_new_sheet(qtbot, page, session) -> None:
    """After New/Open the list, fields and table show the new sheet, without extra changes."""
    click(qtbot, page.add_button)
    qtbot.keyClicks(page.name_edit, "Old")
    sample = sample_sheet()
    changes: list[int] = []
    session.changed.connect(lambda: changes.append(1))
    session.replace(sample)
    assert changes == [1]  # only replace()'s own touch
    assert page.list_model.rowCount() == 2
    assert page.current_row() == 0
    assert page.name_edit.text() == "Dr. Maya Okafor"
    assert page.fit_combo.currentData() == 5
    assert list(page.answer_editors) == [q.id for q in sample.questions]
    q0 = sample.questions[0].id
    assert page.answer_editors[q0].toPlainText() == sample.therapists[0].answers[q0]
    assert page.notes_edit.toPlainText() == sample.therapists[0].notes
    assert page.compare_model.columnCount() == 3
    session.replace(Sheet())
    assert page.list_model.rowCount() == 0
    assert not page.editor_box.isVisibleTo(page)
    assert page.compare_model.columnCount() == 1
    qtbot.waitUntil(lambda: not page.table.isVisibleTo(page), timeout=2000)
    assert "Add people" in page.compare_hint.text()


def test_every_interactive_widget_has_an_accessible_name(qtbot, page, session) -> None:
    """Screen readers get a name for every field, button, list and table on both pages."""
    session.replace(sample_sheet())
    questions = QuestionsStep(session)
    qtbot.addWidget(questions)
    questions.show()
    questions.select_row(0)
    qtbot.waitUntil(page.table.isVisible, timeout=2000)
    for step in (page, questions):
        assert unnamed_widgets(step) == []
    assert page.fit_combo.accessibleName()
    assert all(e.accessibleName() for e in page.answer_editors.values())


def test_ampersand_in_a_question_is_kept_in_its_label(qtbot, session) -> None:
    """A question with "&" keeps it in the label and the accessible name (no shortcut)."""
    session.sheet.questions = [ChosenQuestion("own-a", "Fees & insurance?", own=True)]
    session.sheet.therapists = [Therapist(name="A")]
    page = TherapistsStep(session)
    qtbot.addWidget(page)
    editor = page.answer_editors["own-a"]
    assert editor.accessibleName() == "Fees & insurance?"


def test_a_new_therapists_fit_is_not_rated_and_can_be_cleared_back(qtbot, page, session) -> None:
    """A new person's fit shows "Not rated yet" (the box, the list's accessible text, the
    table) and is saved as not rated; choosing by keyboard sets it; choosing "Not rated
    yet" again clears it back."""
    click(qtbot, page.add_button)
    qtbot.keyClicks(page.name_edit, "Tom Reid")
    assert page.fit_combo.currentText() == "Not rated yet"
    assert page.fit_combo.accessibleName() == "How good a fit did they feel?"
    assert session.sheet.therapists[0].fit is None
    assert saved_sheet(session).therapists[0].fit is None
    assert page.people_view.model().index(0).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Tom Reid, fit: Not rated yet")
    assert page.compare_model.index(ComparisonModel.FIT_ROW, 1).data() == "Not rated yet"
    page.fit_combo.setFocus()
    qtbot.keyClick(page.fit_combo, Qt.Key.Key_Down)
    assert saved_sheet(session).therapists[0].fit == 1
    qtbot.keyClick(page.fit_combo, Qt.Key.Key_Home)
    assert page.fit_combo.currentText() == "Not rated yet"
    assert saved_sheet(session).therapists[0].fit is None
