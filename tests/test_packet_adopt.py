"""A client who prepared, then gets a counsellor's packet: taking the packet in keeps every
word already written, says what moved, and never sends a private answer to paper."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import AnswerDialogs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from firstsession import content
from firstsession.model import ChosenQuestion, Feeling, PromptAnswer, Sheet, Therapist
from firstsession.packet import Packet, PacketPrompt, PacketQuestion, Practice, packet_item_id
from firstsession.packet_content import content_for_sheet, packet_prompts
from firstsession.packet_format import packet_from_dict, save_packet
from firstsession.pdf.sheet import render
from firstsession.sheet_format import SheetFormatError, sheet_from_dict, sheet_to_dict
from firstsession.sheet_merge import adopt_packet

BANK = content.load()


def a_packet(**changes: Any) -> Packet:
    base = Packet(
        practice=Practice(name="Harbour Counselling"),
        country="GB",
        prompts=[PacketPrompt("home", "What does home mean to you?")],
        questions=[PacketQuestion("fees", "How do your fees work?")],
    )
    return replace(base, **changes)


def prepared_sheet() -> Sheet:
    """A sheet written without a packet: two culture answers (one shared), two bank questions."""
    first, second = BANK.culture_prompts[0], BANK.culture_prompts[1]
    q1, q2 = BANK.all_questions()[0], BANK.all_questions()[1]
    return Sheet(
        what_brings_me="I cannot sleep.",
        culture=[
            PromptAnswer(first.id, "My family speaks Tagalog at home.", share=True),
            PromptAnswer(second.id, "Faith matters to me, privately.", share=False),
        ],
        questions=[ChosenQuestion(q1.id, starred=True), ChosenQuestion(q2.id)],
        therapists=[Therapist(id="t-tom", name="Tom Reid", answers={q1.id: "Yes, weekly."})],
        notes="Bring my letter.",
    )


def pdf_text(sheet: Sheet) -> str:
    reader = PdfReader(io.BytesIO(render(sheet, content=BANK)))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_answers_to_prompts_the_packet_still_asks_stay_where_they_are() -> None:
    """In add mode every bank prompt is still asked, so its answers are untouched."""
    sheet = prepared_sheet()
    adopted = adopt_packet(sheet, a_packet(), BANK)
    assert adopted.sheet.culture == sheet.culture
    assert adopted.sheet.notes == sheet.notes
    assert adopted.moved == []
    assert adopted.sheet.questions == sheet.questions
    assert adopted.sheet.packet is not None
    assert packet_from_dict(adopted.sheet.packet).practice.name == "Harbour Counselling"


def test_the_old_sheet_is_not_changed() -> None:
    """Taking a packet in makes a new sheet; the one passed in is left exactly as it was."""
    sheet = prepared_sheet()
    before = sheet_to_dict(sheet)
    adopt_packet(sheet, a_packet(prompts_mode="replace", questions_mode="replace"), BANK)
    assert sheet_to_dict(sheet) == before


def test_answers_to_prompts_the_packet_drops_stay_answers_with_their_prompt_as_label() -> None:
    """Replace mode drops the bank's prompts: each answer stays an answer, labelled with its
    prompt's text, and is listed as moved."""
    sheet = prepared_sheet()
    adopted = adopt_packet(sheet, a_packet(prompts_mode="replace"), BANK)
    first, second = BANK.culture_prompts[0], BANK.culture_prompts[1]
    assert adopted.sheet.culture == [
        PromptAnswer(first.id, "My family speaks Tagalog at home.", True, first.label),
        PromptAnswer(second.id, "Faith matters to me, privately.", False, second.label)]
    assert [(m.kind, m.label, m.private) for m in adopted.moved] == [
        ("answer", first.label, False), ("answer", second.label, True)]


def test_each_moved_answer_keeps_its_own_share_choice() -> None:
    """Moving never changes whether an answer is shared: shared stays shared, private private."""
    sheet = prepared_sheet()
    adopted = adopt_packet(sheet, a_packet(prompts_mode="replace"), BANK)
    assert [a.share for a in adopted.sheet.culture] == [a.share for a in sheet.culture]


def test_the_persons_notes_and_export_choices_are_not_touched() -> None:
    """The notes stay exactly as written, with the same export choice, ticked or not."""
    for sections in (["summary", "background", "notes"], ["summary", "background"]):
        sheet = prepared_sheet()
        sheet.export.sections = list(sections)
        adopted = adopt_packet(sheet, a_packet(prompts_mode="replace"), BANK)
        assert adopted.sheet.notes == "Bring my letter."
        assert adopted.sheet.export.sections == sections


def test_a_private_moved_answer_is_never_printed_and_shared_ones_are() -> None:
    """In the PDF a shared earlier answer prints under its prompt's text; a private one never
    does; the notes still print as the person chose."""
    sheet = prepared_sheet()
    sheet.export.sections = ["summary", "background", "notes"]
    adopted = adopt_packet(sheet, a_packet(prompts_mode="replace"), BANK)
    text = " ".join(pdf_text(adopted.sheet).split())
    assert "privately" not in text
    assert "My family speaks Tagalog at home." in text
    assert " ".join(BANK.culture_prompts[0].label.split()) in text
    assert "Bring my letter." in text


def _pages(sheet: Sheet) -> list[str]:
    reader = PdfReader(io.BytesIO(render(sheet, content=BANK)))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_the_understand_answer_stays_on_page_one_while_the_packet_asks_it() -> None:
    """"What I want you to understand" stays on page 1 in add mode; in replace mode it is no
    longer asked, so it prints once, in the background section, under its prompt."""
    understand = BANK.culture_prompt("understand")
    assert understand is not None
    sheet = prepared_sheet()
    sheet.culture.append(PromptAnswer("understand", "I need time to trust.", share=True))
    kept = _pages(adopt_packet(sheet, a_packet(), BANK).sheet)
    assert "I need time to trust." in kept[0]
    moved = _pages(adopt_packet(sheet, a_packet(prompts_mode="replace"), BANK).sheet)
    assert "I need time to trust." not in moved[0]
    rest = " ".join(moved[1:])
    assert rest.count("I need time to trust.") == 1
    label = " ".join(understand.label.split())
    assert rest.index(label) < rest.index("I need time to trust.")


def test_a_label_is_text_of_at_most_a_thousand_characters_in_the_file() -> None:
    """The strict reader takes a label as text, refuses a number or an overlong one, and a
    sheet written before labels (none) reads with an empty label."""
    data = sheet_to_dict(Sheet(culture=[PromptAnswer("gone", "Words.", True, "Old prompt?")]))
    assert sheet_from_dict(data).culture[0].label == "Old prompt?"
    del data["culture"][0]["label"]
    assert sheet_from_dict(data).culture[0].label == ""
    for bad in (3, None, "x" * 1001):
        data["culture"][0]["label"] = bad
        with pytest.raises(SheetFormatError, match=r"culture\[0\]\.label"):
            sheet_from_dict(data)
    data["culture"][0]["label"] = "x" * 1000
    assert len(sheet_from_dict(data).culture[0].label) == 1000


def test_empty_answers_to_dropped_prompts_are_not_reported() -> None:
    """An answer with nothing written holds no words: it is dropped, not listed as moved."""
    sheet = Sheet(culture=[PromptAnswer(BANK.culture_prompts[0].id, "   ")])
    adopted = adopt_packet(sheet, a_packet(prompts_mode="replace"), BANK)
    assert adopted.moved == [] and adopted.sheet.culture == []


def test_questions_the_packet_drops_stay_as_the_persons_own_with_their_answers() -> None:
    """Replace mode drops the bank's questions: they stay, as the person's own, answers kept."""
    sheet = prepared_sheet()
    adopted = adopt_packet(sheet, a_packet(questions_mode="replace"), BANK)
    new = adopted.sheet
    assert [(q.id, q.text, q.starred) for q in new.questions] == [
        (q.id, BANK.question_text(q), q.starred) for q in sheet.questions]
    assert all(q.own for q in new.questions)
    assert new.therapists[0].answers == sheet.therapists[0].answers
    assert [(m.kind, m.label) for m in adopted.moved] == [
        ("question", BANK.question_text(q)) for q in sheet.questions]


def test_a_second_packet_keeps_answers_to_the_first_packets_prompts_with_their_labels() -> None:
    """Answers to an earlier packet's own prompts are labelled with that packet's prompt."""
    first = a_packet(prompts=[PacketPrompt("faith", "How does faith shape your week?")],
                     questions=[PacketQuestion("wait", "How long is the wait?")])
    sheet = adopt_packet(Sheet(), first, BANK).sheet
    sheet.culture.append(PromptAnswer(packet_item_id("faith"), "Sunday is for family."))
    sheet.questions.append(ChosenQuestion(packet_item_id("wait")))  # kept by id alone
    second = a_packet(practice=Practice(name="Valley Clinic"))
    adopted = adopt_packet(sheet, second, BANK)
    assert adopted.sheet.culture == [PromptAnswer(
        packet_item_id("faith"), "Sunday is for family.", False,
        "How does faith shape your week?")]
    assert adopted.sheet.questions[0].own and adopted.sheet.questions[0].text == (
        "How long is the wait?")


def test_a_prompt_in_both_packets_keeps_its_answer_in_place() -> None:
    """A packet prompt with the same id in the new packet keeps its answer where it is."""
    sheet = adopt_packet(Sheet(), a_packet(), BANK).sheet
    sheet.culture.append(PromptAnswer(packet_item_id("home"), "Two countries.", share=True))
    adopted = adopt_packet(sheet, a_packet(practice=Practice(name="Valley Clinic")), BANK)
    assert adopted.sheet.culture == [PromptAnswer(packet_item_id("home"), "Two countries.", True)]
    assert adopted.moved == []


def test_a_step_the_packet_leaves_out_stays_when_the_person_wrote_there() -> None:
    """The therapists step stays listed when it holds the person's comparison; others go."""
    sheet = prepared_sheet()
    packet = a_packet(steps=["welcome", "feelings", "export"])
    adopted = adopt_packet(sheet, packet, BANK)
    assert adopted.sheet.packet is not None
    steps = adopted.sheet.packet["steps"]
    assert steps == ["welcome", "feelings", "background", "questions", "therapists",
                     "before", "export"]
    assert [m.label for m in adopted.moved if m.kind == "step"] == [
        "background", "questions", "therapists", "before"]
    empty = adopt_packet(Sheet(), packet, BANK).sheet
    assert empty.packet is not None and empty.packet["steps"] == ["welcome", "feelings", "export"]


def test_the_adopted_sheet_reads_back_from_its_file() -> None:
    """The new sheet, packet included, passes the strict sheet reader unchanged."""
    adopted = adopt_packet(prepared_sheet(), a_packet(prompts_mode="replace",
                                                      questions_mode="replace"), BANK)
    assert sheet_from_dict(sheet_to_dict(adopted.sheet)) == adopted.sheet


# -- nothing typed is ever lost ---------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
_PROMPT_IDS = st.sampled_from(
    [p.id for p in BANK.culture_prompts[:4]] + [packet_item_id("a"), packet_item_id("b"),
                                                 "gone-prompt"])
_QUESTION_IDS = st.sampled_from(
    [q.id for q in BANK.all_questions()[:4]] + [packet_item_id("a"), packet_item_id("c"),
                                                 "own-1"])
_LOCAL_IDS = st.sampled_from(["a", "b", "c"])


@st.composite
def packets(draw: st.DrawFn) -> Packet:
    prompt_ids = draw(st.lists(_LOCAL_IDS, unique=True))
    question_ids = draw(st.lists(_LOCAL_IDS, unique=True))
    return Packet(
        practice=Practice(name=draw(st.sampled_from(["Harbour", "Valley Clinic"]))),
        prompts=[PacketPrompt(i, f"Prompt {i}?") for i in prompt_ids],
        questions=[PacketQuestion(i, f"Question {i}?") for i in question_ids],
        prompts_mode=draw(st.sampled_from(["add", "replace"])),
        questions_mode=draw(st.sampled_from(["add", "replace"])),
        steps=draw(st.lists(st.sampled_from(["expect", "feelings", "background", "questions",
                                             "therapists", "before"]), unique=True)),
    )


@st.composite
def sheets(draw: st.DrawFn) -> Sheet:
    culture_ids = draw(st.lists(_PROMPT_IDS, unique=True, max_size=5))
    question_ids = draw(st.lists(_QUESTION_IDS, unique=True, max_size=5))
    sheet = Sheet(
        what_brings_me=draw(_TEXT),
        feelings=[Feeling(w) for w in draw(st.lists(_TEXT.filter(str.strip), max_size=2))],
        culture=[PromptAnswer(i, draw(_TEXT), draw(st.booleans())) for i in culture_ids],
        preferences=[PromptAnswer(BANK.preference_prompts[0].id, draw(_TEXT))],
        # A bank or packet question is kept by id alone (format 5); own ones by their text.
        questions=[ChosenQuestion(i, draw(_TEXT), own=True) if i.startswith("own-")
                   else ChosenQuestion(i) for i in question_ids],
        therapists=[Therapist(name=draw(_TEXT), notes=draw(_TEXT),
                              answers={i: draw(_TEXT) for i in question_ids})],
        nervous_questions=draw(_TEXT),
        notes=draw(_TEXT),
    )
    if draw(st.booleans()):  # a sheet that already came from a packet
        sheet = adopt_packet(sheet, draw(packets()), BANK).sheet
    return sheet


_NOT_WRITTEN = {"packet", "format", "id", "prompt_id", "export", "country"}


def _strings(value: object) -> list[str]:
    """Every text the person wrote in a sheet's JSON (ids and the packet left out)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in _NOT_WRITTEN for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _shown_questions(sheet: Sheet) -> list[tuple[str, str, bool]]:
    """The question list as the person sees it: id, words shown, star."""
    shown = content_for_sheet(sheet.packet, BANK)
    return [(q.id, shown.question_text(q), q.starred) for q in sheet.questions]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet=sheets(), packet=packets())
def test_every_word_the_person_wrote_is_still_in_the_sheet(sheet: Sheet, packet: Packet) -> None:
    """Whatever the sheet and the packet, every non-empty text in the old sheet is in the new;
    answers to prompts the packet asks and the question list stay exactly as they were."""
    new = adopt_packet(sheet, packet, BANK).sheet
    asked = {p.id for p in packet_prompts(packet, BANK)}
    assert [a for a in sheet.culture if a.prompt_id in asked] == [
        a for a in new.culture if a.prompt_id in asked]
    assert [(a.prompt_id, a.answer, a.share) for a in sheet.culture
            if a.answer.strip() or a.prompt_id in asked] == [
        (a.prompt_id, a.answer, a.share) for a in new.culture]
    assert (new.notes, new.export) == (sheet.notes, sheet.export)
    assert _shown_questions(sheet) == _shown_questions(new)
    kept = _strings(sheet_to_dict(new))
    for text in _strings(sheet_to_dict(sheet)):
        if text.strip():
            assert any(text.strip() in k for k in kept), text
    assert sheet_from_dict(sheet_to_dict(new)) == new


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet=sheets(), packet=packets())
def test_a_private_answer_never_becomes_printable_by_moving(sheet: Sheet, packet: Packet) -> None:
    """After a packet is taken in, the answers the PDF can print are exactly the shared ones
    (moved or not): no private answer, and every shared one."""
    from firstsession.packet_content import content_for_sheet
    from firstsession.pdf.printed import printed_fields

    new = adopt_packet(sheet, packet, BANK).sheet
    printed = [f.text for f in printed_fields(new, content_for_sheet(new.packet, BANK))
               if f.sections == {"background"}]
    assert printed == [a.answer for a in new.culture + new.preferences
                       if a.share and a.answer.strip()]
    moved = [a.answer for a in sheet.culture if a.share and a.answer.strip()]
    assert all(text in printed for text in moved)


# -- the app: File > Open on a packet with a sheet already written ----------------------


def describe(box: QMessageBox) -> dict[str, str]:
    """What a test checks of a message box: its name, texts and default button."""
    default = box.defaultButton()
    return {"name": box.objectName(), "text": box.text(), "info": box.informativeText(),
            "details": box.detailedText(), "default": default.text() if default else ""}


def answer_boxes(*answers: Callable[[QMessageBox], None]) -> AnswerDialogs:
    """Answers message boxes as a person would, one after another as each appears; the
    result holds ``describe(box)`` of each box, once it came."""
    return AnswerDialogs(QMessageBox, *answers, note=describe)


def press_enter(box: QMessageBox) -> None:
    QTest.keyClick(box, Qt.Key.Key_Return)


def click(name: str) -> Callable[[QMessageBox], None]:
    def answer(box: QMessageBox) -> None:
        button = box.findChild(QAbstractButton, name)
        assert button is not None, name
        button.click()
    return answer


def cancel(box: QMessageBox) -> None:
    button = box.button(QMessageBox.StandardButton.Cancel)
    assert button is not None
    button.click()


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow, settings

    settings().clear()
    window = MainWindow(Session(prepared_sheet(), BANK))
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def packet_file(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.json"
    save_packet(a_packet(prompts_mode="replace", questions_mode="replace"), path)
    return path


def test_opening_a_packet_keeps_what_was_written_by_default_and_shows_what_moved(  # type: ignore[no-untyped-def]
        qtbot, window, packet_file: Path) -> None:
    """Enter on the question keeps everything; a short message counts what moved; the moved
    answers are on My background under "Your earlier answers", the notes untouched."""
    from firstsession.app import filemenu

    answers = answer_boxes(press_enter, press_enter)
    assert filemenu.open_sheet(window, packet_file)
    question, moved = answers.assert_answered()
    assert question["name"] == "adoptPacketQuestion"
    assert question["default"] == "Keep what I wrote"
    assert "keep everything you have written" in question["text"]
    sheet = window.session.sheet
    assert sheet.packet is not None and sheet.packet["practice"]["name"] == "Harbour Counselling"
    assert sheet.what_brings_me == "I cannot sleep."
    assert [t.name for t in sheet.therapists] == ["Tom Reid"]
    first, second = BANK.culture_prompts[0], BANK.culture_prompts[1]
    # What moved is said calmly: one sentence and a count per kind; the list is in the details.
    assert moved["name"] == "whatMoved"
    assert moved["info"] == (
        "Everything you wrote is kept. 2 answers to questions this practice does not ask are "
        "now under \u201cYour earlier answers\u201d on My background; private ones stay "
        "private. 2 questions are now your own.")
    assert f"Your answer to \u201c{first.label}\u201d is under" in moved["details"]
    assert f"Your answer to \u201c{second.label}\u201d is under" in moved["details"]
    assert "still private" in moved["details"]
    assert "stays in your questions, as your own question" in moved["details"]
    assert "Everything you wrote is kept" in window.ui.statusbar.currentMessage()
    # The notes are the person's own, untouched, with their export choice.
    assert sheet.notes == "Bring my letter."
    assert sheet.export == prepared_sheet().export
    window.go_to("before")
    assert window.page("before").notes.toPlainText() == "Bring my letter."
    # My background asks only the packet's prompt now, and shows the earlier answers, each
    # under its prompt with its own share choice, editable.
    window.go_to("background")
    page = window.page("background")
    assert [e.prompt.label for e in page.culture_editors] == ["What does home mean to you?"]
    assert page.earlier_box.isVisible()
    assert page.earlier_heading.text() == "Your earlier answers"
    shown = [(e.caption.text(), e.editor.toPlainText(), e.share.isChecked())
             for e in page.earlier_editors]
    assert shown == [(first.label, "My family speaks Tagalog at home.", True),
                     (second.label, "Faith matters to me, privately.", False)]
    page.earlier_editors[1].share.click()
    assert sheet.culture[1].share
    page.earlier_editors[0].editor.setPlainText("Tagalog and English.")
    assert sheet.culture[0].answer == "Tagalog and English."
    assert sheet.culture[0].label == first.label
    window.go_to("questions")
    model = window.page("questions").model
    shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert [text.removeprefix("\u2605 ") for text in shown] == [
        BANK.question_text(q) for q in prepared_sheet().questions]


def test_start_fresh_still_replaces_the_sheet(qtbot, window, packet_file: Path) -> None:  # type: ignore[no-untyped-def]
    """"Start fresh" gives a new sheet from the packet, as before, and says nothing moved."""
    from firstsession.app import filemenu

    answers = answer_boxes(click("startFresh"))
    assert filemenu.open_sheet(window, packet_file)
    assert len(answers.assert_answered()) == 1
    sheet = window.session.sheet
    assert sheet.packet is not None and sheet.notes == "" and sheet.culture == []


def test_cancel_leaves_the_sheet_as_it_was(qtbot, window, packet_file: Path) -> None:  # type: ignore[no-untyped-def]
    """Cancel on the question changes nothing at all."""
    from firstsession.app import filemenu

    answers = answer_boxes(cancel)
    assert not filemenu.open_sheet(window, packet_file)
    answers.assert_answered()
    assert window.session.sheet == prepared_sheet()


def test_save_a_copy_then_start_fresh_writes_the_old_sheet_first(  # type: ignore[no-untyped-def]
        qtbot, window, packet_file: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """"Save a copy, then start fresh" saves what was written, then starts from the packet."""
    from PySide6.QtWidgets import QFileDialog

    from firstsession import storage
    from firstsession.app import filemenu

    copy = tmp_path / "before the packet.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(copy), ""))
    answers = answer_boxes(click("saveThenFresh"))
    assert filemenu.open_sheet(window, packet_file)
    answers.assert_answered()
    assert storage.read_sheet_file(copy) == prepared_sheet()
    assert window.session.sheet.packet is not None and window.session.sheet.notes == ""
