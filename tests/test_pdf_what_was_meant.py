"""What goes on paper is what the person meant (issue 9): no invented ratings, nothing
about other people on the therapist's page, the person's order, a label on every item,
nothing twice, no empty headings, "continued" names, no early line breaks, and a
practice page that does not spill a line or two onto a new page.

Every test reads the PDF's text back with pypdf, as a person reading it would.
"""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]

from firstsession.model import (
    SECTIONS,
    ChosenQuestion,
    ExportOptions,
    Feeling,
    PromptAnswer,
    Sheet,
    Therapist,
)
from firstsession.packet_sample import sample_packet
from firstsession.pdf import fonts, render_blank, render_sheet
from firstsession.pdf.handout import COVER_TITLE
from firstsession.pdf.printed import IN_FULL_LEAD, IN_FULL_TITLE
from firstsession.pdf.styles import MARGIN, PAGE_SIZES
from firstsession.sample import sample_sheet


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return "".join(text.split())


def sheet_with(sections: list[str] | None = None, **changes: object) -> Sheet:
    sheet = Sheet(country="US", export=ExportOptions(paper="A4"))
    if sections is not None:
        sheet.export.sections = sections
    for key, value in changes.items():
        setattr(sheet, key, value)
    return sheet


def drawn_boxes(data: bytes, page: int) -> int:
    """How many rectangles page ``page`` (0-based) draws: a rating's dots are squares."""
    contents = PdfReader(io.BytesIO(data)).pages[page].get_contents()
    assert contents is not None
    return len(re.findall(rb"\bre\b", contents.get_data()))


# -- no invented answers ---------------------------------------------------------------------


def test_a_feeling_never_rated_says_not_rated_with_no_number_and_no_dots() -> None:
    """A feeling whose strength the person never set is "not rated" on page 1 and in the
    feelings section: no "5 / 10" and no row of dots; a rated one keeps both."""
    unrated = sheet_with(feelings=[Feeling("overwhelmed")])
    data = render_sheet(unrated)
    first, rest = squash(pages_text(data)[0]), squash("".join(pages_text(data)[1:]))
    assert "overwhelmed—notrated" in first and "overwhelmed—notrated" in rest
    assert "/10" not in first + rest
    assert drawn_boxes(data, 0) == 0 and drawn_boxes(data, 1) == 0
    rated = render_sheet(sheet_with(feelings=[Feeling("overwhelmed", intensity=5)]))
    assert "overwhelmed—5/10" in squash(pages_text(rated)[0])
    assert drawn_boxes(rated, 0) == 10  # the bar the clinician sees: 10 dots


def test_a_therapist_never_rated_says_not_rated_in_the_table_and_their_notes() -> None:
    """A therapist's fit the person never set is "not rated" everywhere, never "0 / 5"."""
    sheet = sheet_with(
        ["therapists"], therapists=[Therapist(name="Tom Reid"), Therapist(name="Ana Ruiz", fit=4)]
    )
    text = squash("".join(pages_text(render_sheet(sheet))))
    assert "TomReidnotrated" in text  # the side-by-side table
    assert "Howwelltheyfitme:notrated" in text and "Howwelltheyfitme:4/5" in text
    assert "0/5" not in text


# -- other people's details stay with the person -------------------------------------------------


def test_notes_on_therapists_are_left_out_of_a_new_sheets_pdf() -> None:
    """A new sheet's PDF (made for the therapist the person chooses) has no therapist's
    name, rating or note: the comparison is the person's own, off by default."""
    sheet = Sheet(country="US", therapists=[
        Therapist(name="Mr. Tom Reid", fit=2, notes="SEEMED-RUSHED"),
        Therapist(name="Dr. Ana Ruiz", fit=5, notes="WARM-AND-CLEAR"),
    ], what_brings_me="Work stress.")
    text = squash("".join(pages_text(render_sheet(sheet))))
    for private in ("TomReid", "AnaRuiz", "2/5", "5/5", "SEEMED-RUSHED", "WARM-AND-CLEAR"):
        assert private not in text
    assert "Workstress." in text


def test_page_one_never_mentions_other_people_even_with_every_section_chosen() -> None:
    """With the therapist notes chosen, they are printed after page 1, never on it."""
    sheet = sample_sheet()
    sheet.export.sections = list(SECTIONS)
    pages = pages_text(render_sheet(sheet, paper="A4"))
    first, rest = squash(pages[0]), squash("".join(pages[1:]))
    for t in sheet.therapists:
        assert squash(t.name) not in first and squash(t.name) in rest
        assert squash(t.notes)[:30] not in first
    assert "/5" not in first


# -- the person's order, labels, nothing twice -------------------------------------------------


def test_page_one_keeps_the_persons_order_and_says_how_many_more() -> None:
    """The first five feelings, in the order the person put them, then "And 1 more
    feeling in the full sheet." (not the strongest five, re-sorted)."""
    words = ["calm", "angry", "tired", "hopeful", "numb", "furious"]
    strengths = [1, 9, 3, 2, 4, 10]
    sheet = sheet_with(feelings=[Feeling(w, intensity=n) for w, n in zip(words, strengths,
                                                                          strict=True)])
    first = squash(pages_text(render_sheet(sheet))[0])
    found = [first.index(f"{w}—") for w in words[:5]]
    assert found == sorted(found)
    assert "furious—" not in first and "And1morefeelinginthefullsheet." in first


def test_every_answer_on_page_one_has_its_label() -> None:
    """'What I hope will change' is printed under its own label, after 'What I hope for'."""
    sheet = sheet_with(goals="GOAL-TEXT", hoped_change="CHANGE-TEXT")
    first = squash(pages_text(render_sheet(sheet))[0])
    assert first.index("WhatIhopefor") < first.index("GOAL-TEXT")
    assert first.index("GOAL-TEXT") < first.index("WhatIhopewillchange") < first.index(
        "CHANGE-TEXT")


def test_questions_i_am_nervous_to_ask_are_printed_once() -> None:
    """With page 1 and "Before the day" both chosen, the nervous questions appear once (on
    page 1, for the therapist); without page 1 they are in "Before the day"."""
    both = sheet_with(["summary", "before_the_day"], nervous_questions="WHAT-IF-I-CRY",
                      checklist={"check-time": True})
    text = squash("".join(pages_text(render_sheet(both))))
    assert text.count("WHAT-IF-I-CRY") == 1 and text.count("QuestionsI’mnervoustoask") == 1
    assert "WHAT-IF-I-CRY" in squash(pages_text(render_sheet(both))[0])
    alone = sheet_with(["before_the_day"], nervous_questions="WHAT-IF-I-CRY")
    assert squash("".join(pages_text(render_sheet(alone)))).count("WHAT-IF-I-CRY") == 1


# -- layout ------------------------------------------------------------------------------------


def test_a_therapists_answers_on_the_next_page_repeat_their_name() -> None:
    """Notes that run onto a new page start it with "Tom Reid, continued"; the next
    therapist's page does not."""
    notes = "\n\n".join(f"Paragraph {i}: " + "How it felt to talk to them. " * 14
                        for i in range(12))
    sheet = sheet_with(["therapists"], therapists=[
        Therapist(name="Tom Reid", notes=notes), Therapist(name="Ana Ruiz", notes="Short.")])
    pages = [squash(p) for p in pages_text(render_sheet(sheet))]
    with_tom = [i for i, p in enumerate(pages) if "Paragraph" in p]
    assert len(with_tom) >= 2
    for i in with_tom[1:]:
        assert pages[i].startswith("TomReid,continued")
    assert sum(p.count("TomReid,continued") for p in pages) == len(with_tom) - 1
    assert "AnaRuiz,continued" not in "".join(pages)


def test_no_heading_is_printed_without_anything_under_it() -> None:
    """A therapist who answered none of my questions gets no "Their answers to my questions
    (0 of 5)" heading; one who answered gets it with the count."""
    questions = [ChosenQuestion(f"q{i}", f"Question {i}?") for i in range(5)]
    sheet = sheet_with(["therapists"], questions=questions, therapists=[
        Therapist(name="Tom Reid"), Therapist(name="Ana Ruiz", answers={"q1": "Yes, ten years."})])
    text = squash("".join(pages_text(render_sheet(sheet))))
    assert "(0of5)" not in text
    assert "Theiranswerstomyquestions(1of5)Question1?Yes,tenyears." in text


def paragraph_lines(data: bytes, headings: tuple[str, ...]) -> list[str]:
    """The lines of a one-paragraph answer made of letters, digits, commas and full
    stops, in order: page furniture and headings have other characters or are named."""
    lines = [line.strip() for page in pages_text(data) for line in page.splitlines()]
    return [line for line in lines if re.fullmatch(r"[A-Za-z0-9 ,.]+", line)
            and not line.startswith("Page ") and line not in headings]


def test_a_long_paragraph_breaks_lines_only_where_the_page_width_forces_it() -> None:
    """A 100,000-character paste (one paragraph of short sentences, far longer than a
    layout piece) has no early line break anywhere, not even after a sentence: every
    line but the paragraph's last is filled (the next word would not have fitted, and
    the line is at least 80% of the width), and the text reads back whole and in order
    ("My partner says I seem far / away." and half lines ending "on day 143." must not
    happen)."""
    sentences: list[str] = []
    while sum(len(x) + 1 for x in sentences) < 100_000:
        i = len(sentences)
        sentences.append(f"My partner says I seem far away{', again' * (i % 4)} on day {i}.")
    paragraph = " ".join(sentences)
    sheet = sheet_with(["notes"], notes=paragraph)
    body = paragraph_lines(render_sheet(sheet), ("My preparation sheet", "My notes"))
    assert " ".join(body) == paragraph  # complete, in order, nothing twice
    width = PAGE_SIZES["A4"][0] - 2 * MARGIN
    font, size = fonts.REGULAR, 11
    for line, following in zip(body, body[1:], strict=False):
        nxt = following.split()[0]
        assert stringWidth(f"{line} {nxt}", font, size) > width - 1, f"early break: {line!r}"
        assert stringWidth(line, font, size) >= 0.8 * width, f"short line: {line!r}"


def test_a_long_labelled_answer_and_a_long_key_question_have_no_early_breaks() -> None:
    """The same for a labelled answer (a therapist's notes: bold label first) and a
    long own question (numbered, marked as key): the pieces join into full lines."""
    sentences = [f"She said I could call on day {i}." for i in range(1500)]
    paragraph = " ".join(sentences)
    question = sheet_with(["questions"], questions=[
        ChosenQuestion("own-1", paragraph, starred=True, own=True)])
    notes = sheet_with(["therapists"], therapists=[Therapist(name="Ana", notes=paragraph)])
    for sheet in (question, notes):
        headings = ("My preparation sheet", "My questions for therapists",
                    "Therapists I have talked to", "Ana", "Ana, continued")
        body = paragraph_lines(render_sheet(sheet), headings)
        body = [line.removeprefix("1. ") for line in body]
        assert len(body) > 100 and " ".join(body) in paragraph  # in order, nothing twice
        width = PAGE_SIZES["A4"][0] - 2 * MARGIN - 30  # the key mark and the number
        for line in body[:-1]:  # (the label's line and the key mark's have other characters)
            assert stringWidth(line, fonts.REGULAR, 11) >= 0.8 * width, f"short: {line!r}"


def test_the_practice_page_never_spills_a_line_or_two_onto_a_new_page() -> None:
    """A practice page a little too long for one page is fitted on it (the next page is
    the handout's cover); a much longer one runs on by whole sections, so no page of it
    holds only a stray line or two."""
    base = sample_packet()
    for paper, extras in (("A4", (0, 6, 14)), ("Letter", (0, 2))):
        for extra in extras:
            packet = dataclasses.replace(
                base, steps=[], confidentiality=base.confidentiality + " More words." * extra)
            pages = pages_text(render_blank(packet=packet, paper=paper))
            assert "How to reach us" in pages[0] and COVER_TITLE in pages[1], (paper, extra)
    long_packet = dataclasses.replace(
        base, steps=[], cancellation="\n\n".join(["Please tell us a day ahead. " * 6] * 12))
    pages = pages_text(render_blank(packet=long_packet, paper="Letter"))
    cover = next(i for i, page in enumerate(pages) if COVER_TITLE in page)
    assert cover >= 2
    furniture = ("Riverside Counseling Collective", "Dr. Amara Okafor", "www.riverside",
                 "988 Suicide", "Page ")
    for page in pages[:cover]:
        body = [line for line in page.splitlines()
                if line.strip() and not any(part in line for part in furniture)]
        assert len(body) >= 3, page


def test_continued_is_never_printed_above_the_next_therapist() -> None:
    """However long one therapist's notes are (so their end falls anywhere on a page,
    also at its very bottom), a page that starts with "Tom Reid, continued" goes on
    with Tom Reid's words, never with the next person."""
    for count in range(30, 75):
        notes = "\n\n".join(f"Line {n} of my notes." for n in range(count))
        sheet = sheet_with(["therapists"], therapists=[
            Therapist(name="Tom Reid", notes=notes), Therapist(name="Ana Ruiz", notes="Kind.")])
        for page in pages_text(render_sheet(sheet)):
            text = squash(page)
            if text.startswith("TomReid,continued"):
                assert text[len("TomReid,continued"):].startswith("Line"), (count, page)


def test_what_page_one_prints_in_full_is_not_printed_again() -> None:
    """An answer shown whole on page 1 (what brings me, hopes, a shared background answer,
    a key question) is not repeated in its section, which says where it is; a cut one is
    printed in full there; a section with nothing else is left out."""
    sheet = sheet_with(
        ["summary", "feelings", "background", "questions"],
        what_brings_me="WORK-STRESS", goals="SLEEP-BETTER",
        culture=[PromptAnswer("understand", "FAMILY-FIRST", share=True)],
        questions=[ChosenQuestion("q1", "ARE-YOU-LICENSED?", starred=True),
                   ChosenQuestion("q2", "HOW-MUCH?")],
        feelings=[Feeling("tired", intensity=3)],
    )
    pages = [squash(p) for p in pages_text(render_sheet(sheet))]
    text = "".join(pages)
    for answer in ("WORK-STRESS", "SLEEP-BETTER", "FAMILY-FIRST", "ARE-YOU-LICENSED?"):
        assert text.count(answer) == 1 and answer in pages[0]
    assert "Notrepeatedhere,seepage1:“Whatbringsmehere”and“WhatIhopefor”." in text
    assert "1.HOW-MUCH?" in text and "Mybackgroundandculture" not in text
    long = "A long story about why I came. " * 60
    cut = render_sheet(sheet_with(["summary", "feelings"], what_brings_me=long + "THE-END"))
    cut_text = squash("".join(pages_text(cut)))
    assert cut_text.count("THE-END") == 1 and "continuedinthefullsheet" in cut_text


# -- page 1 shows only ticked sections ------------------------------------------------------

LONG = " and it goes on" * 60  # long enough for page 1 to cut it short


def marked_sheet() -> Sheet:
    """A sheet with a distinctive marker in every field, each marker naming its section;
    some answers long enough that page 1 must cut them short."""
    sheet = Sheet(country="US", export=ExportOptions(paper="A4"))
    sheet.about.name = "Summaryname"
    sheet.about.pronouns = "summarypronouns"
    sheet.about.language = "Summarylanguage"
    sheet.feelings = [
        Feeling(f"feelingsword{n}", own=True, intensity=n, when_where=f"Feelingswhen{n}",
                body=f"Feelingsbody{n}", helps=f"Feelingshelps{n}")
        for n in range(7)
    ]
    sheet.what_brings_me = "Feelingsbrings" + LONG
    sheet.goals = "Feelingsgoals"
    sheet.hoped_change = "Feelingschange"
    sheet.culture = [
        PromptAnswer("understand", "Backgroundunderstand" + LONG, share=True),
        PromptAnswer("heritage", "Backgroundheritage", share=True),
        PromptAnswer("faith", "Backgroundfaith", share=True),
        PromptAnswer("family-roles", "Backgroundfamily", share=True),
        PromptAnswer("culture-today", "Neverprinted", share=False),
    ]
    sheet.preferences = [PromptAnswer("gender", "Backgroundpreference", share=True)]
    sheet.questions = [
        ChosenQuestion(f"own-{n}", f"Questionstext{n}?", starred=n < 4, own=True)
        for n in range(6)
    ]
    sheet.therapists = [
        Therapist(name="Therapistsname", contact="Therapistscontact", notes="Therapistsnotes",
                  fit=3, answers={"own-5": "Therapistsanswer"}),
    ]
    sheet.nervous_questions = "Beforenervous" + LONG
    sheet.notes = "Notesnotes"
    return sheet


# Each section's markers; "Questionstext5" is also printed with the therapist's answer to it.
MARKERS = {
    "summary": ["Summaryname", "summarypronouns", "Summarylanguage"],
    "feelings": [*(f"feelingsword{n}" for n in range(7)), "Feelingswhen", "Feelingsbody",
                 "Feelingshelps", "Feelingsbrings", "Feelingsgoals", "Feelingschange"],
    "background": ["Backgroundunderstand", "Backgroundheritage", "Backgroundfaith",
                   "Backgroundfamily", "Backgroundpreference"],
    "questions": [f"Questionstext{n}" for n in range(5)],
    "therapists": ["Therapistsname", "Therapistscontact", "Therapistsnotes", "Therapistsanswer"],
    "before_the_day": ["Beforenervous"],
    "notes": ["Notesnotes"],
}
PAGE_ONE_HEADINGS = {
    "feelings": ["How I have been feeling", "What brings me", "more feelings"],
    "background": ["What I want you to understand about my background", "about my background"],
    "questions": ["My key questions", "more key questions"],
    "before_the_day": ["Questions I\u2019m nervous to ask"],
}


@pytest.mark.parametrize("left_out", SECTIONS)
def test_an_unticked_section_never_reaches_paper_not_even_on_page_one(left_out: str) -> None:
    """With one section unticked (every other ticked), none of its answers, page-1
    headings or "more in the full sheet" lines appear anywhere in the PDF; with every
    section ticked, every marker does (so the markers are really printed)."""
    sheet = marked_sheet()
    sheet.export.sections = [s for s in SECTIONS if s != left_out]
    text = squash("".join(pages_text(render_sheet(sheet))))
    for marker in MARKERS[left_out] + PAGE_ONE_HEADINGS.get(left_out, []):
        assert squash(marker) not in text, f"{marker!r} printed with {left_out!r} unticked"
    assert "Neverprinted" not in text
    for section, markers in MARKERS.items():
        if section != left_out:
            for marker in markers:
                assert marker in text, f"{marker!r} missing with {section!r} ticked"


@pytest.mark.parametrize("alone", SECTIONS)
def test_page_one_with_only_its_own_section_ticked_shows_only_that(alone: str) -> None:
    """Page 1 plus one section: page 1 holds nothing of the other sections, never says
    "in the full sheet" for them, and no "Page 1 in full" holds their answers."""
    sheet = marked_sheet()
    sheet.export.sections = ["summary", alone] if alone != "summary" else ["summary"]
    text = squash("".join(pages_text(render_sheet(sheet))))
    for section, markers in MARKERS.items():
        if section not in ("summary", alone):
            for marker in markers + PAGE_ONE_HEADINGS.get(section, []):
                assert squash(marker) not in text, f"{marker!r} printed with only {alone!r}"


def test_page_one_in_full_appears_only_for_what_page_one_cut_short() -> None:
    """"Page 1 in full" holds only answers page 1 cut short that no ticked section prints
    in full (a long name, the nervous questions), never items simply left off page 1;
    with nothing cut it is not printed at all."""
    short = marked_sheet()
    short.what_brings_me = short.nervous_questions = "Short"
    short.culture[0].answer = "Backgroundunderstand"
    pages = pages_text(render_sheet(short))
    assert IN_FULL_TITLE not in "".join(pages) and squash(IN_FULL_LEAD) not in squash(
        "".join(pages))
    cut = marked_sheet()
    cut.about.name = "Summaryname" + LONG + " Endofname"
    text = "".join(pages_text(render_sheet(cut)))
    in_full = squash(text[text.index(IN_FULL_TITLE):text.index("My feelings")])
    assert squash(IN_FULL_LEAD) in in_full
    assert "Endofname" in in_full and "Beforenervous" in in_full  # page 1 cut both
    for section in ("feelings", "background", "questions"):  # their sections print them
        assert not any(marker in in_full for marker in MARKERS[section])
    # Unticked: the cut answer of that section is not "in full" either.
    cut.export.sections = [s for s in SECTIONS if s != "before_the_day"]
    text = "".join(pages_text(render_sheet(cut)))
    assert "Beforenervous" not in text and "Endofname" in text
