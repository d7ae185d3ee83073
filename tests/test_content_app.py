"""The app keeps ids in the sheet and shows every word of the content in the language chosen now."""

from __future__ import annotations

import pytest
from conftest import new_session, saved_sheet
from PySide6.QtCore import Qt

from firstsession import content as content_mod
from firstsession.app.models import ChosenQuestionsModel, ComparisonModel, FeelingListModel
from firstsession.app.steps.feelings import FeelingsStep
from firstsession.model import ChosenQuestion, Feeling, Sheet, Therapist

ENGLISH = content_mod.in_language("en")
SPANISH_FILES = content_mod.in_language("es")

pytest_plugins = ["languages"]  # the translations and speak fixtures


def a_sheet() -> Sheet:
    """One list word, one own word, one bank question, one own question, one therapist."""
    first = ENGLISH.all_questions()[0]
    return Sheet(
        feelings=[Feeling("fed-up", intensity=7), Feeling("wobbly inside", own=True)],
        questions=[ChosenQuestion(first.id, starred=True),
                   ChosenQuestion("own-1", "Can my sister come?", own=True)],
        therapists=[Therapist(id="t-1", name="Dr. Okafor", answers={first.id: "Yes."})],
    )


def test_a_word_chosen_from_the_list_is_saved_as_its_id(qtbot, make_page) -> None:  # type: ignore[no-untyped-def]
    """Choosing "fed up" in the list saves the id "fed-up", not the English word."""
    page = make_page(FeelingsStep, show=False)
    tree = page.vocabulary
    item = next(tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
                for j in range(tree.topLevelItem(i).childCount())
                if tree.topLevelItem(i).child(j).text(0) == "fed up")
    tree.setCurrentItem(item)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert page.session.sheet.feelings == [Feeling("fed-up")]
    assert saved_sheet(page.session).feelings == [Feeling("fed-up")]
    assert page.model.index(0).data() == "fed up \u2014 not rated"
    assert page.detail.title() == "About \u201cfed up\u201d"


def test_the_chosen_words_and_questions_show_in_spanish_under_spanish(  # type: ignore[no-untyped-def]
    qapp, speak
) -> None:
    """Under es the same sheet's list word, question and comparison row are Spanish; own
    words stay as typed; back under en they are English again. Nothing in the sheet changes."""
    sheet = a_sheet()
    session = new_session(sheet, content_mod.load())
    feelings, questions = FeelingListModel(session), ChosenQuestionsModel(session)
    compare = ComparisonModel(session)
    first = sheet.questions[0]
    speak("es")
    assert feelings.index(0).data() == "hartazgo \u2014 7 / 10"
    assert feelings.index(1).data().startswith("wobbly inside")
    assert questions.index(0).data(ChosenQuestionsModel.TextRole) == SPANISH_FILES.question_text(
        first)
    assert questions.index(1).data(ChosenQuestionsModel.TextRole) == "Can my sister come?"
    assert compare.row_label(ComparisonModel.FIRST_QUESTION_ROW).endswith(
        SPANISH_FILES.question_text(first))
    speak("en")
    assert feelings.index(0).data() == "fed up \u2014 7 / 10"
    assert questions.index(0).data(ChosenQuestionsModel.TextRole) == ENGLISH.all_questions()[0].text
    assert sheet == a_sheet()


@pytest.mark.parametrize("tag", ["en", "es"])
def test_the_feeling_list_and_its_meanings_are_in_the_language_chosen(  # type: ignore[no-untyped-def]
    qtbot, speak, tag
) -> None:
    """The word list a page builds shows each word and meaning in the language chosen,
    and a word picked from it is saved by id in any language."""
    speak(tag)
    shown = content_mod.in_language(tag)
    page = FeelingsStep(new_session(Sheet(), content_mod.load()))
    qtbot.addWidget(page)
    first_family = page.vocabulary.topLevelItem(0)
    word = shown.families[0].words[5]
    child = first_family.child(5)
    assert (child.text(0), child.text(1)) == (word.word, word.meaning)
    page.vocabulary.setCurrentItem(child)
    qtbot.keyClick(page.vocabulary, Qt.Key.Key_Return)
    assert page.session.sheet.feelings == [Feeling("fed-up")]
