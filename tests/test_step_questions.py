"""The "Questions for therapists" step: ticking, own questions, stars and order."""

from __future__ import annotations

import pytest
from a11y import unnamed_widgets
from conftest import saved_sheet
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QMessageBox,
)

from firstsession import content
from firstsession.app.models import ChosenQuestionsModel
from firstsession.app.steps.questions import QuestionsStep
from firstsession.model import ChosenQuestion
from firstsession.sample import sample_sheet


@pytest.fixture
def page(make_page) -> QuestionsStep:  # type: ignore[no-untyped-def]
    return make_page(QuestionsStep, size=(1000, 1400))


def bank_ids() -> list[str]:
    return [q.id for q in content.load().all_questions()]


def tick(qtbot, page: QuestionsStep, qid: str) -> None:
    """Move to a bank question and press Space, as a keyboard user would."""
    page.tree.setFocus()
    page.tree.setCurrentItem(page.question_items[qid])
    qtbot.keyClick(page.tree, Qt.Key.Key_Space)


def test_space_ticks_a_bank_question_into_the_sheet(qtbot, page, session) -> None:
    """Space on a bank question adds it, by its id alone, at the end of the saved list."""
    first, second = bank_ids()[:2]
    tick(qtbot, page, first)
    tick(qtbot, page, second)
    assert [q.id for q in session.sheet.questions] == [first, second]
    assert page.question_items[first].checkState(0) == Qt.CheckState.Checked
    on_disk = saved_sheet(session)
    assert [q.id for q in on_disk.questions] == [first, second]
    assert on_disk.questions[0].text == ""  # no copy of the bank's English words
    assert content.load().question_text(on_disk.questions[0]) == content.load().question(
        first).text
    assert page.model.rowCount() == 2
    assert not page.empty_label.isVisible()


def test_space_again_unticks_and_removes(qtbot, page, session) -> None:
    """Unticking a starred bank question takes it off the list (and the saved file)."""
    qid = bank_ids()[3]
    tick(qtbot, page, qid)
    page.select_row(0)
    qtbot.mouseClick(page.star_button, Qt.MouseButton.LeftButton)
    tick(qtbot, page, qid)
    assert session.sheet.questions == []
    assert saved_sheet(session).questions == []
    assert page.empty_label.isVisible()


def test_why_is_shown_for_the_current_question(qtbot, page) -> None:
    """Moving to a bank question shows why to ask it, in words and for screen readers."""
    question = content.load().all_questions()[0]
    page.tree.setCurrentItem(page.question_items[question.id])
    assert question.why in page.why_label.text()
    item = page.question_items[question.id]
    assert item.data(0, Qt.ItemDataRole.AccessibleDescriptionRole) == question.why


def test_add_own_question(qtbot, page, session) -> None:
    """Typing a question and pressing Add puts an own question at the end; Enter works too."""
    tick(qtbot, page, bank_ids()[0])
    assert not page.add_button.isEnabled()
    qtbot.keyClicks(page.own_edit, "Do you see people on Saturdays & <evenings>?")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.own_edit, "Can I bring a friend?")
    qtbot.keyClick(page.own_edit, Qt.Key.Key_Return)
    own = session.sheet.questions[1:]
    assert [q.text for q in own] == ["Do you see people on Saturdays & <evenings>?",
                                     "Can I bring a friend?"]
    assert all(q.own and q.id.startswith("own-") for q in own)
    assert own[0].id != own[1].id
    assert page.own_edit.text() == ""
    assert page.current_row() == 2
    on_disk = saved_sheet(session).questions[1:]
    assert [(q.text, q.own) for q in on_disk] == [(q.text, True) for q in own]


def test_star_shows_in_text_and_accessible_text(qtbot, page, session) -> None:
    """Star marks the current question with a sign AND the word "starred", and saves it."""
    tick(qtbot, page, bank_ids()[0])
    page.select_row(0)
    assert page.star_button.text() == "Star"
    qtbot.mouseClick(page.star_button, Qt.MouseButton.LeftButton)
    index = page.model.index(0)
    assert index.data().startswith("\u2605 ")
    assert "starred" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert index.data(ChosenQuestionsModel.StarredRole) is True
    assert page.star_button.text() == "Unstar"
    assert page.star_button.accessibleName() == "Unstar"
    assert saved_sheet(session).questions[0].starred
    qtbot.mouseClick(page.star_button, Qt.MouseButton.LeftButton)
    assert not index.data().startswith("\u2605")
    assert not saved_sheet(session).questions[0].starred


def test_reorder_by_keyboard_and_buttons(qtbot, page, session) -> None:
    """Alt+Up / Alt+Down and the Move buttons change the order that is saved."""
    a, b, c = bank_ids()[:3]
    for qid in (a, b, c):
        tick(qtbot, page, qid)
    page.list_view.setFocus()
    page.select_row(2)
    qtbot.keyClick(page.list_view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [q.id for q in saved_sheet(session).questions] == [a, c, b]
    assert page.current_row() == 1
    qtbot.keyClick(page.list_view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [q.id for q in saved_sheet(session).questions] == [c, a, b]
    assert not page.up_button.isEnabled()
    qtbot.keyClick(page.list_view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [q.id for q in saved_sheet(session).questions] == [a, c, b]
    qtbot.mouseClick(page.down_button, Qt.MouseButton.LeftButton)
    assert [q.id for q in saved_sheet(session).questions] == [a, b, c]
    assert page.current_row() == 2
    assert not page.down_button.isEnabled()
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    assert [q.id for q in saved_sheet(session).questions] == [c, a, b]


def test_drag_and_drop_moves_rows(qtbot, page, session) -> None:
    """Dropping dragged rows (the model's mime data) moves them; moveRows works directly."""
    ids = bank_ids()[:4]
    for qid in ids:
        tick(qtbot, page, qid)
    model = page.model
    moves: list[tuple[int, int]] = []
    model.rowsMoved.connect(lambda _p, start, _end, _d, row: moves.append((start, row)))
    data = model.mimeData([model.index(0)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert [q.id for q in session.sheet.questions] == [ids[1], ids[2], ids[0], ids[3]]
    assert moves == [(0, 3)]  # a real move, not a reset, so the selection follows
    # Two rows dropped at the end keep their order.
    data = model.mimeData([model.index(0), model.index(1)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert [q.id for q in session.sheet.questions] == [ids[0], ids[3], ids[1], ids[2]]
    # Straight through moveRows, as QListView's internal move calls it.
    assert model.moveRows(QModelIndex(), 3, 1, QModelIndex(), 0)
    assert not model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 2)  # onto itself
    # The list view is set up for internal moves that use the model's moveRows.
    view = page.list_view
    assert view.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    assert view.defaultDropAction() == Qt.DropAction.MoveAction
    assert model.supportedDropActions() == Qt.DropAction.MoveAction
    assert [q.id for q in saved_sheet(session).questions] == [ids[2], ids[0], ids[3], ids[1]]


def test_remove_and_delete_key(qtbot, page, session, monkeypatch) -> None:
    """Remove takes a bank question off at once; an own question asks first."""
    tick(qtbot, page, bank_ids()[0])
    page.model.append(ChosenQuestion("own-x", "Mine", own=True))
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    page.select_row(1)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert len(session.sheet.questions) == 2  # said No
    page.list_view.setFocus()
    qtbot.keyClick(page.list_view, Qt.Key.Key_Delete)
    assert [q.id for q in session.sheet.questions] == [bank_ids()[0]]
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert saved_sheet(session).questions == []
    assert page.question_items[bank_ids()[0]].checkState(0) == Qt.CheckState.Unchecked


def test_own_question_can_be_reworded_in_place(qtbot, page, session) -> None:
    """F2 on an own question edits its words; bank questions are not editable."""
    tick(qtbot, page, bank_ids()[0])
    page.model.append(ChosenQuestion("own-x", "Old words", own=True))
    assert not page.model.flags(page.model.index(0)) & Qt.ItemFlag.ItemIsEditable
    page.list_view.setFocus()
    page.select_row(1)
    qtbot.keyClick(page.list_view, Qt.Key.Key_F2)
    editor = page.list_view.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "New words")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The item delegate commits on Return through a queued call.
    qtbot.waitUntil(lambda: session.sheet.questions[1].text == "New words", timeout=2000)
    assert saved_sheet(session).questions[1].text == "New words"
    assert not page.model.setData(page.model.index(1), "   ")  # empty is ignored


def test_reload_shows_the_new_sheet_quietly(qtbot, page, session) -> None:
    """After New/Open the bank ticks and the list match the new sheet, with no extra change."""
    tick(qtbot, page, bank_ids()[-1])
    sample = sample_sheet()
    changes: list[int] = []
    session.changed.connect(lambda: changes.append(1))
    session.replace(sample)
    assert changes == [1]  # only replace()'s own touch
    assert page.model.rowCount() == len(sample.questions)
    chosen = {q.id for q in sample.questions}
    for qid, item in page.question_items.items():
        expected = Qt.CheckState.Checked if qid in chosen else Qt.CheckState.Unchecked
        assert item.checkState(0) == expected
    starred = [content.load().question_text(q) for q in sample.questions if q.starred]
    shown = [page.model.index(r).data() for r in range(page.model.rowCount())]
    assert [s[2:] for s in shown if s.startswith("\u2605 ")] == starred
    assert session.sheet.questions is sample.questions


def test_every_interactive_widget_has_an_accessible_name(qtbot, page, session) -> None:
    """Screen readers get a name for every button, field and list on the page."""
    session.replace(sample_sheet())
    page.select_row(0)
    assert unnamed_widgets(page) == []

