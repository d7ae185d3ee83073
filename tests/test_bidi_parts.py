"""Right-to-left text never crashes the PDF and never reorders the fixed wording next to it.

Inputs are the fresh-eyes tester's (issue 11, /work/wt/fresh11a-out): bidi isolates and
embeddings in a person's words, and feeling words mixing English with Hebrew or Arabic
next to the sheet's own " — 8 / 10".
"""

from __future__ import annotations

import io
import unicodedata
from typing import Any

import pytest
from pypdf import PdfReader

from firstsession import bidilevels, scripts
from firstsession.model import Feeling
from firstsession.packet_sample import sample_packet
from firstsession.pdf import render_blank, render_sheet
from firstsession.sample import sample_sheet

ISOLATES_NOTES = "\u2068Sam\u2069 wrote: \u2067שלום\u2069"
CONTROLS_WHAT_BRINGS_ME = ("\u2067RLI שלום 123\u2069 PDI \u2066LRI abc\u2069 \u2068FSI مرحبا\u2069"
                           " unbalanced \u2067\u2067\u2067 \u2069\u2069\u2069\u2069")
CONTROLS_NOTES = ("abc \u202bRLE עברית \u202c def \u202eRLO override\u202c x \u202a LRE \u202d LRO"
                  " unbalanced \u202e\u202e\u202e")
PACKET_WELCOME = "مرحبا بكم في \u2068Riverside\u2069 عيادتنا"
# Every explicit bidi formatting character (UAX #9 table 2), each next to RTL letters.
CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def read(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def letters(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text)
                   if unicodedata.category(ch)[0] in "LN")


@pytest.mark.parametrize("text", [ISOLATES_NOTES, CONTROLS_WHAT_BRINGS_ME, CONTROLS_NOTES,
                                  PACKET_WELCOME, "abc \u2067x"])
def test_bidi_levels_of_text_with_isolates_and_embeddings_never_raise(text: str) -> None:
    """Isolates (LRI/RLI/FSI/PDI) and embeddings (LRE/RLE/PDF/LRO/RLO) give one level
    per character in either paragraph direction, with or without part boundaries."""
    for base in (None, 0, 1):
        for cuts in ((), (1, len(text) // 2)):
            levels, found = scripts.bidi_levels(text, base, cuts)
            assert len(levels) == len(text) and found in (0, 1)


def test_every_bidi_control_next_to_right_to_left_letters_has_levels() -> None:
    """Each explicit formatting character, alone or paired, before, between and after
    Hebrew and Arabic letters, digits and Latin, has levels (no assertion inside the UBA)."""
    for a in CONTROLS:
        for b in CONTROLS:
            for text in (f"{a}א{b}", f"ب {a}12{b} x", f"x {a}{b}ש", f"{a}{b}"):
                assert len(scripts.bidi_levels(text)[0]) == len(text)


def test_a_sheet_and_a_packet_with_bidi_isolates_print_every_word() -> None:
    """The tester's notes with FSI/PDI and RLI, the controls sheet and a packet welcome note
    with FSI/PDI print (blank and fillable) with their words."""
    sheet = sample_sheet()
    sheet.notes = ISOLATES_NOTES
    assert "שלום" in read(render_sheet(sheet))
    sheet.what_brings_me, sheet.notes = CONTROLS_WHAT_BRINGS_ME, CONTROLS_NOTES
    text = read(render_sheet(sheet))
    assert all(word in text for word in ("abc", "def", "עברית", "unbalanced", "123"))
    packet = sample_packet()
    packet.welcome_note = PACKET_WELCOME
    for fillable in (False, True):
        assert "Riverside" in read(render_blank(paper="A4", country="US", packet=packet,
                                                fillable=fillable))


def test_python_bidi_internals_that_bidi_levels_relies_on_are_still_there() -> None:
    """bidilevels.check_bidi passes on the python-bidi installed (pinned >=0.6,<0.7)."""
    bidilevels.check_bidi()


def test_check_bidi_names_what_a_changed_python_bidi_lacks() -> None:
    """A python-bidi without one of the steps bidi_levels calls is reported by name."""
    from types import SimpleNamespace

    from bidi import algorithm

    changed = SimpleNamespace(**{name: getattr(algorithm, name) for name in bidilevels._UBA_STEPS
                                 if name != "resolve_weak_types"})
    with pytest.raises(bidilevels.BidiChanged, match="resolve_weak_types"):
        bidilevels.check_bidi(changed)


def drawn_lines(pdf: bytes, page: int) -> list[str]:
    """Each line of a page as its letters and digits left to right by x position (pypdf's
    visitor gives each drawn piece's logical text: right-to-left pieces are reversed)."""
    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            found.append((round(tm[5] + cm[5], 1), tm[4] + cm[4], text))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    lines: dict[float, list[tuple[float, str]]] = {}
    for y, x, text in found:
        rtl = any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)
        lines.setdefault(y, []).append((x, text[::-1] if rtl else text))
    return ["".join(letters(t) for _x, t in sorted(lines[y])) for y in sorted(lines)[::-1]]


@pytest.mark.parametrize("word, intensity, drawn", [
    ("sad עצוב", 8, "sad" + "בוצע" + "810"),
    ("angry (غاضب)", 6, "angry" + "بضاغ" + "610"),
])
def test_the_rating_after_a_right_to_left_feeling_word_stays_in_its_own_order(
    word: str, intensity: int, drawn: str
) -> None:
    """"sad עצוב" at 8 is drawn "sad בוצע — 8 / 10" (not "sad 10 / 8 — בוצע"), in the
    summary and on the feelings page: the sheet's wording is never reordered by the words."""
    sheet = sample_sheet()
    sheet.feelings = [Feeling(word, intensity=intensity)]
    pdf = render_sheet(sheet)
    for page in range(len(PdfReader(io.BytesIO(pdf)).pages)):
        found = [line for line in drawn_lines(pdf, page) if line.startswith(drawn[:3])]
        for line in found:
            assert line == drawn
    assert sum(line == drawn for page in (0, 1) for line in drawn_lines(pdf, page)) >= 2


def test_part_boundaries_keep_a_number_after_hebrew_left_to_right() -> None:
    """With a boundary after "עצוב", the rating that follows is at the paragraph's level."""
    text = "sad עצוב — 8"
    assert scripts.bidi_levels(text)[0][-1:] == [2]  # one unit: the number joins the Hebrew
    levels, base = scripts.bidi_levels(text, None, [8])
    assert base == 0 and levels == [0] * 4 + [1] * 4 + [0] * 4


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Call 988 · خط الأزمات المحلي: (555) 014-7700", "(555) 014-7700"),
        ("خط الأزمات المحلي: +44 20 7946 0958", "+44 20 7946 0958"),
        ("sad עצוב — 8 / 10", "8 / 10"),
        ("שלום, נתראה ב-10:30", "10:30"),
    ],
)
def test_a_number_written_in_groups_stays_in_reading_order_next_to_right_to_left_words(
    text: str, number: str
) -> None:
    """A phone number, rating or time after RTL words is one left-to-right unit: every
    character of it has the same even level, so its groups are never reordered."""
    levels, _base = scripts.bidi_levels(text)
    start = text.index(number)
    unit = set(levels[start:start + len(number)])
    assert len(unit) == 1 and unit.pop() % 2 == 0
    assert bidilevels.isolate_numbers(text).count("\u2066" + number + "\u2069") == 1
    assert bidilevels.isolate_numbers("Call (555) 014-7700") == "Call (555) 014-7700"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("המחיר 1,234.50 ש״ח", None),  # one part: already one unit in UAX #9
        ("الرسوم المخفضة: 1,000 - 1,500 درهم", "1,000 - 1,500"),
        ("ירידה של 10-20% בשינה", "10-20%"),
        ("תתקשרו (טלפון 050-1234567) מחר", "050-1234567"),  # the brackets stay the text's
        ("(שלוחה 3) 1-800-363-363", "1-800-363-363"),
    ],
)
def test_amounts_percentages_and_brackets_are_never_split_by_the_number_rule(
    text: str, number: str | None
) -> None:
    """A thousands comma and a decimal point stay inside one part; a bracket joins a number
    only with its other half; a percent sign stays with its number (fresh-eyes findings)."""
    found = [m.group() for m in bidilevels._NUMBER_GROUP.finditer(text)]
    assert found == ([] if number is None else [number])
    levels, _base = scripts.bidi_levels(text)
    digits = [levels[i] for i, ch in enumerate(text) if ch.isdigit() or ch in ",.%-"]
    if number is None:
        assert len(set(digits)) == 1
    else:
        start = text.index(number)
        assert len(set(levels[start:start + len(number)])) == 1


def test_a_crisis_line_named_in_hebrew_keeps_its_contact_and_the_emergency_number_apart() -> None:
    """The footer isolates each value that holds RTL letters (FSI..PDI); the paragraph's
    direction comes from what is outside the isolates, so "Emergency: 112" stays last."""
    import datetime as dt

    from firstsession.content import CrisisCountry, CrisisLine

    line = CrisisLine(name="ער״ן", contact="1-800-273-TALK", detail="")
    country = CrisisCountry(code="IL", name="Israel", emergency="112",
                            reviewed=dt.date(2026, 11, 30), lines=(line,))
    text = country.footer()
    assert text == "\u2068ער״ן\u2069: 1-800-273-TALK \u00b7 Emergency: 112"
    levels, base = scripts.bidi_levels(text)
    assert base == 0
    tail = text.index(": 1-800")
    assert set(levels[tail:]) == {0}
