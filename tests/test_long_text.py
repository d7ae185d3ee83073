"""Very long text in any field: the PDF holds every word, and layout stays linear.

Each kind of user text (headings and labels made of it too) goes through the same
chunking (pdf.paragraphs.paras), because reportlab re-wraps the whole rest of one
Paragraph at every page break: one 200,000-character background heading took
6.8 s, 400,000 took 38 s. Speed is measured by bench/bench_long_text.py; these
tests only check that every word of a 200,000-character value is printed.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable

import pytest
from pypdf import PdfReader
from reportlab.platypus import Flowable, Paragraph  # type: ignore[import-untyped]

from firstsession import pdf
from firstsession.model import (
    SECTIONS,
    ChosenQuestion,
    ExportOptions,
    Feeling,
    PromptAnswer,
    Sheet,
    Therapist,
)
from firstsession.packet import LocalCrisisLine
from firstsession.packet_sample import sample_packet
from firstsession.pdf.text import PIECE_CHARS

LENGTH = 200_000


def long_value(length: int = LENGTH) -> str:
    """Words ``q000001z`` ... that are all different, so a missing piece shows."""
    return "".join(f"q{i:06d}z " for i in range(length // 9 + 1))[:length].rstrip()


def assert_every_word_printed(data: bytes, value: str) -> None:
    """Every word of ``value`` is in the PDF's text, in order (page furniture may sit
    between words at a page break)."""
    pages = PdfReader(io.BytesIO(data)).pages
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in pages))
    at = 0
    for word in value.split():
        found = text.find(word, at)
        assert found >= 0, f"{word} is missing (or out of order) in the PDF"
        at = found + len(word)


def laid_out_stories(monkeypatch: pytest.MonkeyPatch, module: str) -> list[list[Flowable]]:
    """Keep the story each render hands to the page builder (which still runs)."""
    import importlib

    target = importlib.import_module(f"firstsession.pdf.{module}")
    real = target.build_pdf
    stories: list[list[Flowable]] = []

    def keep(story: list[Flowable], **kwargs: object) -> bytes:
        stories.append(list(story))
        return real(story, **kwargs)

    monkeypatch.setattr(target, "build_pdf", keep)
    return stories


def paragraphs_in(flowables: object, seen: set[int] | None = None) -> list[Paragraph]:
    """Every Paragraph in a story, also inside our wrappers (Meter, Marked, Indented...)."""
    seen = set() if seen is None else seen
    found: list[Paragraph] = []
    items = flowables if isinstance(flowables, list | tuple) else [flowables]
    for item in items:
        if id(item) in seen or not isinstance(item, Flowable | list | tuple):
            continue
        seen.add(id(item))
        if isinstance(item, Paragraph):
            found.append(item)
        elif isinstance(item, Flowable):
            for value in vars(item).values():
                found.extend(paragraphs_in(value, seen))
        else:
            found.extend(paragraphs_in(list(item), seen))
    return found


def assert_laid_out_in_pieces(stories: list[list[Flowable]]) -> None:
    """No one Paragraph holds more than a piece of text: reportlab re-wraps the rest
    of a paragraph at every page break, so one huge paragraph takes quadratic time."""
    longest = max(len(p.getPlainText()) for story in stories for p in paragraphs_in(story))
    assert longest <= PIECE_CHARS + 200


# kind -> how the value goes into a sheet
SHEET_FIELDS: dict[str, Callable[[Sheet, str], None]] = {
    "name I go by": lambda s, v: setattr(s.about, "name", v),
    "pronouns": lambda s, v: setattr(s.about, "pronouns", v),
    "feeling word": lambda s, v: s.feelings.append(Feeling(word=v, own=True)),
    "feeling: when and where": lambda s, v: s.feelings.append(Feeling("sad", when_where=v)),
    "what brings me": lambda s, v: setattr(s, "what_brings_me", v),
    "background heading (a prompt the content does not know)":
        lambda s, v: s.culture.append(PromptAnswer(v, "my answer", share=True)),
    "background answer": lambda s, v: s.culture.append(PromptAnswer("understand", v, share=True)),
    "preference heading": lambda s, v: s.preferences.append(PromptAnswer(v, "yes", share=True)),
    "my question":
        lambda s, v: s.questions.append(ChosenQuestion("own-1", v, starred=True, own=True)),
    "therapist name (and table cell)":
        lambda s, v: s.therapists.extend([Therapist(name=v), Therapist(name="Dr B")]),
    "therapist contact": lambda s, v: s.therapists.append(Therapist(name="A", contact=v)),
    "therapist's answer": lambda s, v: s.therapists.append(Therapist(name="A", answers={"q": v})),
    "nervous questions": lambda s, v: setattr(s, "nervous_questions", v),
    "notes": lambda s, v: setattr(s, "notes", v),
}


@pytest.mark.parametrize("kind", list(SHEET_FIELDS))
def test_a_200000_character_value_is_printed_in_full_in_any_sheet_field(
        kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any field of the sheet, however long, is laid out in pieces and is in the PDF word
    for word (page 1 may shorten it; then it is printed in full later)."""
    value = long_value()
    sheet = Sheet(export=ExportOptions(sections=list(SECTIONS)))  # therapists too
    SHEET_FIELDS[kind](sheet, value)
    stories = laid_out_stories(monkeypatch, "sheet")
    data = pdf.render_sheet(sheet)
    assert_laid_out_in_pieces(stories)
    assert_every_word_printed(data, value)


PACKET_FIELDS: dict[str, Callable[[str], dict[str, object]]] = {
    "practice address": lambda v: {"practice": dataclasses.replace(
        sample_packet().practice, address=v)},
    "crisis line detail": lambda v: {"crisis_lines": [LocalCrisisLine("Line", "555 0100", v)]},
}


@pytest.mark.parametrize("kind", list(PACKET_FIELDS))
def test_a_200000_character_practice_text_is_printed_in_full_in_the_handout(
        kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The practice's own page lays out its text in the same pieces as the sheet's
    (a packet file limits these lengths; the layout does not depend on it)."""
    value = long_value()
    packet = dataclasses.replace(  # only the practice's pages and the crisis lines: quick
        sample_packet(), steps=[], **PACKET_FIELDS[kind](value))  # type: ignore[arg-type]
    stories = laid_out_stories(monkeypatch, "handout")
    data = pdf.render_blank(packet=packet)
    assert_laid_out_in_pieces(stories)
    assert_every_word_printed(data, value)
