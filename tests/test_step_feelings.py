"""The "My feelings" step, driven as a person would: search, choose, rate, reorder, remove."""

from __future__ import annotations

import pytest
from a11y import unnamed_widgets
from conftest import saved_sheet
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QMessageBox,
    QWidget,
)

from firstsession import content
from firstsession.app.models import FeelingListModel
from firstsession.app.session import Session
from firstsession.app.steps.feelings import FeelingsStep
from firstsession.model import Feeling, Sheet
from firstsession.sample import sample_sheet


@pytest.fixture
def page(make_page) -> FeelingsStep:  # type: ignore[no-untyped-def]
    return make_page(FeelingsStep, show=False)


def words(page: FeelingsStep) -> list[str]:
    return [f.word for f in page.session.sheet.feelings]


def choose(qtbot, page: FeelingsStep, word: str) -> None:  # type: ignore[no-untyped-def]
    """Search for a word, go down into the list, walk to the word and press Enter."""
    page.search.clear()
    qtbot.keyClicks(page.search, word)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    tree = page.vocabulary
    for _ in range(40):
        if tree.currentItem() is not None and tree.currentItem().text(0) == word:
            break
        qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert tree.currentItem().text(0) == word
    qtbot.keyClick(tree, Qt.Key.Key_Return)


def test_search_filters_the_families(qtbot, page: FeelingsStep) -> None:  # type: ignore[no-untyped-def]
    """Typing in the search box leaves only matching words and their families showing."""
    qtbot.keyClicks(page.search, "lonely")
    shown = page.visible_words()
    assert "lonely" in shown
    assert "furious" not in shown
    meanings = {w.word: w.meaning for w in content.load().all_words()}
    assert all("lonely" in w or "lonely" in meanings[w] for w in shown)
    tree = page.vocabulary
    families = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert [f.text(0) for f in families if not f.isHidden()] == ["Sad or low"]
    assert families[1].isExpanded()
    assert "match" in page.search_status.text()

    page.search.clear()
    qtbot.keyClicks(page.search, "zzqx")
    assert page.visible_words() == []
    assert "own word" in page.search_status.text()

    qtbot.keyClick(page.search, Qt.Key.Key_Escape)  # Escape clears the search
    assert page.search.text() == ""
    assert len(page.visible_words()) == len(content.load().all_words())
    assert not any(f.isExpanded() for f in families)

    tree.setCurrentItem(families[0])
    qtbot.keyClick(tree, Qt.Key.Key_Return)  # Enter on a family opens it
    assert families[0].isExpanded()
    assert page.session.sheet.feelings == []


def test_choose_a_word_by_keyboard(qtbot, page: FeelingsStep) -> None:  # type: ignore[no-untyped-def]
    """Select a word and press Enter: it joins the chosen feelings once, and is selected."""
    choose(qtbot, page, "lonely")
    assert page.session.sheet.feelings == [Feeling("lonely")]
    assert page.session.dirty
    assert page.model.index(0).data() == "lonely \u2014 not rated"
    assert page.detail.title() == "About \u201clonely\u201d"

    choose(qtbot, page, "worried")
    choose(qtbot, page, "lonely")  # again: no duplicate, the existing one is selected
    assert words(page) == ["lonely", "worried"]
    assert page.current_row() == 0
    assert "already" in page.add_status.text()


def test_add_this_feeling_button(qtbot, page: FeelingsStep) -> None:  # type: ignore[no-untyped-def]
    """The "Add this feeling" button adds the word selected in the list."""
    assert not page.add_word_button.isEnabled()
    qtbot.keyClicks(page.search, "calm")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    first = page.vocabulary.currentItem().text(0)
    assert page.add_word_button.isEnabled()
    qtbot.mouseClick(page.add_word_button, Qt.MouseButton.LeftButton)
    assert words(page) == [first]


def test_add_my_own_word(qtbot, page: FeelingsStep) -> None:  # type: ignore[no-untyped-def]
    """An own word is added with Enter or the button, marked as the person's own."""
    assert not page.add_own_button.isEnabled()
    qtbot.keyClicks(page.own_word, "  wobbly   inside ")
    qtbot.keyClick(page.own_word, Qt.Key.Key_Return)
    qtbot.keyClicks(page.own_word, "Zoned out")
    qtbot.mouseClick(page.add_own_button, Qt.MouseButton.LeftButton)
    assert page.session.sheet.feelings == [
        Feeling("wobbly inside", own=True),
        Feeling("Zoned out", own=True),
    ]
    assert page.own_word.text() == ""
    qtbot.keyClicks(page.own_word, "zoned OUT")
    qtbot.keyClick(page.own_word, Qt.Key.Key_Return)
    assert len(page.session.sheet.feelings) == 2
    assert page.current_row() == 1


def test_intensity_by_keyboard(qtbot, page: FeelingsStep) -> None:  # type: ignore[no-untyped-def]
    """Arrow keys on the slider or the number box set the strength; both stay in step."""
    choose(qtbot, page, "nervous")
    for _ in range(7):
        qtbot.keyClick(page.intensity_slider, Qt.Key.Key_Right)
    feeling = page.session.sheet.feelings[0]
    assert feeling.intensity == 7
    assert page.intensity_spin.value() == 7
    assert page.intensity_spin.text() == "7 out of 10"
    qtbot.keyClick(page.intensity_spin, Qt.Key.Key_Up)
    assert feeling.intensity == 8
    assert page.intensity_slider.value() == 8
    assert page.model.index(0).data() == "nervous \u2014 8 / 10"
    assert page.model.index(0).data(Qt.ItemDataRole.AccessibleTextRole) == "nervous, 8 out of 10"
    qtbot.keyClick(page.intensity_slider, Qt.Key.Key_End)
    assert feeling.intensity == 10


def test_a_new_feeling_is_not_rated_until_the_person_sets_it(  # type: ignore[no-untyped-def]
        qtbot, page: FeelingsStep) -> None:
    """A chosen feeling shows "Not rated yet" (number box, list, accessible text) and is
    saved unrated; the first touch of the slider sets a value even where the handle
    already is (Home at 0); Clear, or going below 0 in the number box, undoes it."""
    choose(qtbot, page, "overwhelmed")
    feeling = page.session.sheet.feelings[0]
    assert feeling.intensity is None
    assert page.intensity_spin.text() == "Not rated yet"
    assert page.model.index(0).data() == "overwhelmed \u2014 not rated"
    assert page.model.index(0).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "overwhelmed, not rated")
    assert "Not rated yet" in page.intensity_slider.accessibleDescription()
    assert not page.clear_intensity.isEnabled()
    assert page.session.save_now() and saved_sheet().feelings[0].intensity is None

    page.intensity_slider.setFocus()
    qtbot.keyClick(page.intensity_slider, Qt.Key.Key_Home)  # the handle does not move
    assert feeling.intensity == 0 and page.intensity_spin.text() == "0 out of 10"
    assert page.clear_intensity.isEnabled()
    assert page.clear_intensity.accessibleName() == "Clear how strong it is"
    qtbot.keyClick(page.clear_intensity, Qt.Key.Key_Space)
    assert feeling.intensity is None and page.intensity_spin.text() == "Not rated yet"
    assert page.model.index(0).data() == "overwhelmed \u2014 not rated"

    qtbot.keyClick(page.intensity_spin, Qt.Key.Key_Up)  # from "Not rated yet" to 0
    qtbot.keyClick(page.intensity_spin, Qt.Key.Key_Up)
    assert feeling.intensity == 1
    qtbot.keyClick(page.intensity_spin, Qt.Key.Key_Down)
    qtbot.keyClick(page.intensity_spin, Qt.Key.Key_Down)
    assert feeling.intensity is None
    assert page.session.save_now() and saved_sheet().feelings[0].intensity is None


def test_a_click_on_the_slider_handle_rates_an_unrated_feeling(  # type: ignore[no-untyped-def]
        qtbot, page: FeelingsStep) -> None:
    """Pressing the mouse on the slider's handle (without moving it) sets that value."""
    choose(qtbot, page, "lonely")
    page.show()
    qtbot.waitExposed(page)
    feeling = page.session.sheet.feelings[0]
    slider = page.intensity_slider
    from PySide6.QtWidgets import QStyle, QStyleOptionSlider

    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    handle = slider.style().subControlRect(
        QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, slider)
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=handle.center())
    assert feeling.intensity == 0


def test_reorder_with_buttons_and_keys(qtbot, page: FeelingsStep) -> None:  # type: ignore[no-untyped-def]
    """Move up/down buttons and Alt+Up/Alt+Down on the list change the order."""
    for word in ("a", "b", "c"):
        qtbot.keyClicks(page.own_word, word)
        qtbot.keyClick(page.own_word, Qt.Key.Key_Return)
    page.chosen.setCurrentIndex(page.model.index(0))
    assert not page.up_button.isEnabled()
    qtbot.mouseClick(page.down_button, Qt.MouseButton.LeftButton)
    assert words(page) == ["b", "a", "c"]
    assert page.current_row() == 1
    qtbot.keyClick(page.chosen, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert words(page) == ["b", "c", "a"]
    assert page.current_row() == 2
    assert not page.down_button.isEnabled()
    qtbot.keyClick(page.chosen, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # at the end
    assert words(page) == ["b", "c", "a"]
    qtbot.keyClick(page.chosen, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    assert words(page) == ["a", "b", "c"]
    assert page.detail.title() == "About \u201ca\u201d"
    page.session.save_now()
    assert [f.word for f in saved_sheet().feelings] == ["a", "b", "c"]


def test_remove_asks_only_when_words_would_be_lost(  # type: ignore[no-untyped-def]
    qtbot, page: FeelingsStep, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Removing a feeling with writing asks first; No keeps it; an empty one goes at once."""
    answers: list[QMessageBox.StandardButton] = []
    asked: list[str] = []

    def fake_question(*args: object, **_: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", fake_question)
    for word in ("empty", "written"):
        qtbot.keyClicks(page.own_word, word)
        qtbot.keyClick(page.own_word, Qt.Key.Key_Return)
    qtbot.keyClicks(page.helps, "a warm bath")
    assert page.session.sheet.feelings[1].helps == "a warm bath"

    answers.append(QMessageBox.StandardButton.No)
    qtbot.keyClick(page.chosen, Qt.Key.Key_Delete)
    assert words(page) == ["empty", "written"]
    assert len(asked) == 1 and "written" in asked[0]

    answers.append(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert words(page) == ["empty"]
    assert page.current_row() == 0

    qtbot.keyClick(page.chosen, Qt.Key.Key_Delete)  # nothing written: no question
    assert words(page) == []
    assert len(asked) == 2
    assert not page.detail.isVisibleTo(page)
    assert not page.remove_button.isEnabled()


def test_everything_typed_is_saved(qtbot, page: FeelingsStep) -> None:  # type: ignore[no-untyped-def]
    """Every field on the page lands in the saved file, exactly as typed."""
    qtbot.keyClicks(page.what_brings_me, "Work & <stress>")
    qtbot.keyClicks(page.goals, "Sleep better")
    qtbot.keyClicks(page.hoped_change, "Speak up more")
    choose(qtbot, page, "anxious")
    qtbot.keyClick(page.intensity_slider, Qt.Key.Key_Right)
    qtbot.keyClick(page.intensity_slider, Qt.Key.Key_Right)
    qtbot.keyClick(page.intensity_slider, Qt.Key.Key_Left)
    qtbot.keyClicks(page.when_where, "Sunday nights")
    qtbot.keyClicks(page.body, "tight")
    page.body_words.setCurrentIndex(page.body_words.findText("racing heart"))
    assert page.body_meaning.text() == "your heart beating fast or hard"
    qtbot.mouseClick(page.add_body_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.helps, "Walking")
    page.own_word.insert("\u00e9puis\u00e9e")  # QTest can only type ASCII
    qtbot.keyClick(page.own_word, Qt.Key.Key_Return)

    expected = [
        Feeling("anxious", False, 1, "Sunday nights", "tight, racing heart", "Walking"),
        Feeling("\u00e9puis\u00e9e", own=True),
    ]
    sheet = page.session.sheet
    assert sheet.feelings == expected
    assert page.session.save_now()
    on_disk = saved_sheet()
    assert on_disk.what_brings_me == "Work & <stress>"
    assert on_disk.goals == "Sleep better"
    assert on_disk.hoped_change == "Speak up more"
    assert on_disk.feelings == expected


def test_reload_shows_the_new_sheet_quietly(qtbot, page: FeelingsStep) -> None:  # type: ignore[no-untyped-def]
    """After New/Open the page shows the new sheet and reports no change of its own."""
    session = page.session
    session.save_now()
    changes: list[int] = []
    session.changed.connect(lambda: changes.append(1))
    sample = sample_sheet()
    session.replace(sample)
    assert len(changes) == 1  # replace() itself reports the new sheet once
    assert page.what_brings_me.toPlainText() == sample.what_brings_me
    assert page.goals.toPlainText() == sample.goals
    assert page.model.rowCount() == len(sample.feelings)
    first = sample.feelings[0]
    assert page.current_row() == 0
    assert page.intensity_spin.value() == first.intensity
    assert page.when_where.toPlainText() == first.when_where

    session.save_now()
    session.sheet = Sheet()
    page.reload()
    assert changes == [1]
    assert not session.dirty
    assert page.model.rowCount() == 0
    assert page.what_brings_me.toPlainText() == ""
    assert not page.detail.isVisibleTo(page)
    qtbot.keyClicks(page.goals, "new")
    assert session.sheet.goals == "new"


def test_feeling_list_model_moves_rows(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The list model reports moves so views keep the selection on the moved row."""
    session = Session(Sheet(feelings=[Feeling("a"), Feeling("b"), Feeling("c")]), content.load())
    model = FeelingListModel(session)
    assert model.move(0, 1) == 1
    assert model.move(2, 1) == 2  # already last
    assert model.move(2, -1) == 1
    assert [f.word for f in session.sheet.feelings] == ["b", "c", "a"]
    assert model.data(model.index(0), FeelingListModel.ItemRole) is session.sheet.feelings[0]


def test_every_control_has_an_accessible_name(qtbot, make_page) -> None:  # type: ignore[no-untyped-def]
    """Screen readers can name every control on the page, even inner parts like the header."""
    step = make_page(FeelingsStep, sheet=sample_sheet(), size=None, show=False)
    step.body_words.showPopup()  # builds the drop-down list too
    step.body_words.hidePopup()
    assert unnamed_widgets(step) == []
    labelled = {label.buddy() for label in step.findChildren(QWidget) if hasattr(label, "buddy")}
    for w in (step.search, step.own_word, step.chosen, step.intensity_slider, step.body_words,
              step.what_brings_me, step.when_where, step.body, step.helps):
        assert w in labelled, w.accessibleName()


def test_keyboard_mnemonics_do_not_clash(qtbot, make_page) -> None:  # type: ignore[no-untyped-def]
    """Each Alt+letter on the page is used once, and none takes the window's own letters."""
    step = make_page(FeelingsStep, size=None, show=False)
    texts = [b.text() for b in step.findChildren(QAbstractButton)]
    texts += [label.text() for label in step.findChildren(QLabel) if label.buddy() is not None]
    letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t.replace("&&", "")]
    assert len(letters) == len(set(letters)), letters
    assert not set(letters) & set("bncfeh")  # Back, Next, Country, File, Edit, Help


def test_the_mouse_wheel_passing_over_the_slider_does_not_rate(  # type: ignore[no-untyped-def]
        qtbot, page: FeelingsStep) -> None:
    """Scrolling the page with the wheel over the strength slider leaves an unrated
    feeling unrated; with the focus on the slider, the wheel sets it."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    choose(qtbot, page, "lonely")
    page.show()
    qtbot.waitExposed(page)
    feeling = page.session.sheet.feelings[0]
    slider = page.intensity_slider

    def wheel() -> None:
        centre = QPointF(slider.rect().center())
        event = QWheelEvent(centre, QPointF(slider.mapToGlobal(centre.toPoint())), QPoint(),
                            QPoint(0, -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(slider, event)

    page.search.setFocus()
    wheel()
    assert feeling.intensity is None
    slider.setFocus()
    qtbot.waitUntil(slider.hasFocus)
    wheel()
    assert feeling.intensity is not None
