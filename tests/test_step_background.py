"""The "My background" step: about me, optional prompts that stay private unless shared."""

from __future__ import annotations

import pytest
from a11y import unnamed_widgets
from conftest import saved_sheet
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from firstsession import content
from firstsession.app.steps.background import BackgroundStep
from firstsession.model import AboutMe, PromptAnswer, Sheet
from firstsession.sample import sample_sheet

CONTENT = content.load()
FIRST = CONTENT.culture_prompts[0].id
SECOND = CONTENT.culture_prompts[1].id
PREF = CONTENT.preference_prompts[0].id


@pytest.fixture
def page(make_page) -> BackgroundStep:  # type: ignore[no-untyped-def]
    return make_page(BackgroundStep)


def test_building_the_page_writes_nothing(page: BackgroundStep) -> None:
    """An untouched page adds no empty answers to the sheet and reports no change."""
    assert page.session.sheet == Sheet()
    assert not page.session.dirty
    assert len(page.culture_editors) == len(CONTENT.culture_prompts)
    assert len(page.preference_editors) == len(CONTENT.preference_prompts)


def test_answers_are_private_by_default(qtbot, page: BackgroundStep) -> None:  # type: ignore[no-untyped-def]
    """Typing an answer stores it as private, and the page says so in words."""
    editor = page.editor_for(FIRST)
    assert editor.status.text().startswith("Private")
    qtbot.keyClicks(editor.editor, "Irish and Nigerian")
    assert page.session.sheet.culture == [PromptAnswer(FIRST, "Irish and Nigerian", False)]
    assert not editor.share.isChecked()
    assert page.session.sheet.preferences == []
    page.session.save_now()
    assert saved_sheet().culture == [PromptAnswer(FIRST, "Irish and Nigerian", False)]


def test_share_switch_writes_share(qtbot, page: BackgroundStep) -> None:  # type: ignore[no-untyped-def]
    """Ticking "Share this in my PDF" (mouse or Space) marks the answer shared, and says so."""
    editor = page.editor_for(FIRST)
    qtbot.keyClicks(editor.editor, "Scottish")
    qtbot.mouseClick(editor.share, Qt.MouseButton.LeftButton, pos=editor.share.rect().center())
    assert page.session.sheet.culture == [PromptAnswer(FIRST, "Scottish", True)]
    assert editor.status.text().startswith("Shared")
    assert editor.share.accessibleDescription() == editor.status.text()
    qtbot.keyClick(editor.share, Qt.Key.Key_Space)
    assert page.session.sheet.culture == [PromptAnswer(FIRST, "Scottish", False)]
    assert editor.status.text().startswith("Private")


def test_share_before_writing_and_undoing_leaves_no_entry(  # type: ignore[no-untyped-def]
    qtbot, page: BackgroundStep
) -> None:
    """Sharing an empty prompt records the choice; unsharing it and clearing text removes it."""
    editor = page.editor_for(SECOND)
    editor.share.click()
    assert page.session.sheet.culture == [PromptAnswer(SECOND, "", True)]
    editor.share.click()
    assert page.session.sheet.culture == []

    qtbot.keyClicks(editor.editor, "ab")
    qtbot.keyClick(editor.editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor.editor, Qt.Key.Key_Backspace)
    assert page.session.sheet.culture == []
    page.session.save_now()
    assert saved_sheet().culture == []


def test_preferences_have_their_own_answers(qtbot, page: BackgroundStep) -> None:  # type: ignore[no-untyped-def]
    """Therapist preferences go to sheet.preferences, private unless shared."""
    editor = page.editor_for(PREF)
    assert editor.share.accessibleName() == (
        "Share answer to: " + CONTENT.preference_prompts[0].label
    )
    qtbot.keyClicks(editor.editor, "No preference")
    editor.share.click()
    assert page.session.sheet.preferences == [PromptAnswer(PREF, "No preference", True)]
    assert page.session.sheet.culture == []


def test_everything_is_saved(qtbot, page: BackgroundStep) -> None:  # type: ignore[no-untyped-def]
    """About me and every answer land in the saved file exactly as typed."""
    qtbot.keyClicks(page.name, "Ana")
    qtbot.keyClicks(page.pronouns, "she/her")
    qtbot.keyClicks(page.language, "Spanish & English")
    qtbot.keyClicks(page.editor_for(FIRST).editor, "<b>not bold</b>")
    qtbot.keyClicks(page.editor_for(SECOND).editor, "Food")
    page.editor_for(SECOND).share.click()
    qtbot.keyClicks(page.editor_for(PREF).editor, "Video")
    assert page.session.save_now()
    on_disk = saved_sheet()
    assert on_disk.about == AboutMe("Ana", "she/her", "Spanish & English")
    assert on_disk.culture == [
        PromptAnswer(FIRST, "<b>not bold</b>", False),
        PromptAnswer(SECOND, "Food", True),
    ]
    assert on_disk.preferences == [PromptAnswer(PREF, "Video", False)]
    assert on_disk == page.session.sheet


def test_reload_shows_the_new_sheet_quietly(qtbot, page: BackgroundStep) -> None:  # type: ignore[no-untyped-def]
    """After New/Open the page shows the new sheet, creates nothing and reports no change."""
    session = page.session
    sample = sample_sheet()
    session.sheet = sample
    before = (list(sample.culture), list(sample.preferences))
    changes: list[int] = []
    session.changed.connect(lambda: changes.append(1))
    page.reload()
    assert changes == []
    assert (sample.culture, sample.preferences) == before  # showing it added no entries
    assert page.name.text() == sample.about.name
    for answer in sample.culture:
        editor = page.editor_for(answer.prompt_id)
        assert editor.editor.toPlainText() == answer.answer
        assert editor.share.isChecked() == answer.share
        assert editor.status.text().startswith("Shared" if answer.share else "Private")
    for answer in sample.preferences:
        assert page.editor_for(answer.prompt_id).editor.toPlainText() == answer.answer

    session.replace(Sheet())
    assert page.name.text() == ""
    assert all(e.editor.toPlainText() == "" for e in page.culture_editors)
    assert not any(e.share.isChecked() for e in page.culture_editors)
    assert session.sheet == Sheet()


def test_go_to_buttons_move_to_a_section(qtbot, session, normal_app_font: None) -> None:  # type: ignore[no-untyped-def]
    """The "Go to" buttons scroll to a section and put the keyboard in its first field
    (measured with a font the test loads, so the width check is the same on every machine)."""
    step = BackgroundStep(session)
    scroller = QScrollArea()
    scroller.setWidgetResizable(True)
    scroller.setWidget(step)
    scroller.resize(1024, 700)
    qtbot.addWidget(scroller)
    scroller.show()
    qtbot.waitExposed(scroller)
    scroller.activateWindow()
    qtbot.mouseClick(step.jump_buttons[2], Qt.MouseButton.LeftButton)
    assert scroller.verticalScrollBar().value() > 0
    qtbot.waitUntil(lambda: step.preference_editors[0].editor.hasFocus())
    # Nothing sticks out sideways at this size.
    assert scroller.horizontalScrollBar().maximum() == 0


def test_every_control_is_named_and_labelled(qtbot, make_page) -> None:  # type: ignore[no-untyped-def]
    """Every control has an accessible name, and every text field a visible label."""
    step = make_page(BackgroundStep, sheet=sample_sheet(), size=None, show=False)
    assert unnamed_widgets(step) == []
    buddies = {label.buddy() for label in step.findChildren(QLabel)}
    fields = [w for w in step.findChildren(QWidget) if isinstance(w, QLineEdit | QPlainTextEdit)]
    assert len(fields) == 3 + len(CONTENT.culture_prompts) + len(CONTENT.preference_prompts)
    assert all(f in buddies for f in fields)
    for editor in step.culture_editors:
        assert editor.share.accessibleName() == f"Share answer to: {editor.prompt.label}"
