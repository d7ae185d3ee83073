"""Every script sample printed through the engine: real glyphs, text read back, bidi order."""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph, SimpleDocTemplate
from script_samples import ISSUE_EXAMPLE, SAMPLES

from firstsession.pdf import fonts, shaping
from firstsession.pdf.rich import Text, block
from firstsession.pdf.scripttext import ScriptText

STYLE = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=11, leading=15)


def build(*contents: Text, style: ParagraphStyle = STYLE, width: float | None = None
          ) -> tuple[bytes, list[Any]]:
    """A PDF holding one flowable per content, and the flowables (laid out by the build)."""
    fonts.register()
    made = [block(content, style) for content in contents]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=(width + 144, 842) if width else (595, 842))
    doc.build(list(made))
    return out.getvalue(), made


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


def letters(text: str) -> Counter[str]:
    """Letters, marks and digits of ``text`` after NFKC, as a multiset."""
    return Counter(ch for ch in unicodedata.normalize("NFKC", text)
                   if unicodedata.category(ch)[0] in "LMN")


def letter_share(text: str, read: str) -> float:
    want = letters(text)
    got = letters(read)
    return sum((want & got).values()) / max(sum(want.values()), 1)


def glyph_ids(made: list[Any]) -> list[int]:
    """Every glyph id the ScriptTexts drew (Paragraphs: the regular face's glyph per character)."""
    ids: list[int] = []
    for item in made:
        if isinstance(item, ScriptText):
            for line, _base in item.laid_lines():
                for piece in line:
                    ids.extend(piece.shaped.glyphs)
        else:
            assert isinstance(item, Paragraph)
            face = pdfmetrics.getFont(fonts.REGULAR).face
            ids.extend(face.charToGlyph.get(ord(ch), 0) for ch in item.text if ch not in "\n")
    return ids


_BFCHAR = re.compile(rb"<([0-9A-F]+)> <([0-9A-F]*)>")


def to_unicode_texts(pdf: bytes) -> list[str]:
    """The text of every ToUnicode entry of every font on every page."""
    texts: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type1":
                continue  # reportlab's initial Helvetica: declared, never used for text
            data = font["/ToUnicode"].get_object().get_data()
            widths = font["/Widths"]
            entries = _BFCHAR.findall(data.split(b"beginbfchar", 1)[1])
            assert len(entries) == len(widths), "a code without a ToUnicode entry"
            texts.extend(bytes.fromhex(dest.decode()).decode("utf-16-be")
                         for _code, dest in entries)
    return texts


def is_private(ch: str) -> bool:
    return unicodedata.category(ch) == "Co"


@pytest.mark.parametrize("key, tag, text, readback", SAMPLES, ids=[row[0] for row in SAMPLES])
def test_every_sample_prints_with_real_glyphs_and_reads_back(
    key: str, tag: str | None, text: str, readback: str | float
) -> None:
    """Each sample prints with real glyphs only and pypdf reads it back as the table says."""
    pdf, made = build(text)
    ids = glyph_ids(made)
    assert ids and 0 not in ids, f"{key}: .notdef drawn"
    assert not any(is_private(ch) for t in to_unicode_texts(pdf) for ch in t), key
    read = text_of(pdf)
    if readback == "exact":
        assert squash(read) == squash(text)
    elif readback == "words":
        def words(t: str) -> list[str]:
            return sorted(unicodedata.normalize("NFKC", t).split())
        assert words(read) == words(text)
    else:
        assert isinstance(readback, float)
        assert letter_share(text, read) >= readback


def test_the_issues_example_prints_every_word() -> None:
    """"Say hello to my mum: شكرا جزيلا and 谢谢你 🙂" prints each word, none as a code."""
    pdf, _made = build(ISSUE_EXAMPLE)
    read = text_of(pdf)
    assert sorted(unicodedata.normalize("NFKC", read).split()) == sorted(ISSUE_EXAMPLE.split())
    assert "U+" not in read


def test_reportlab_internals_that_shaping_relies_on_are_still_there() -> None:
    """shaping.check_reportlab passes on the reportlab installed (pinned >=5.0.1,<5.2)."""
    shaping.check_reportlab()


# Mixed-direction lines (from the research's bidi cases, /work/wt/r11/flow_test.py).
BIDI_CASES = [
    ("arabic_lines", "واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة أحد عشر اثنا عشر"
                     " ثلاثة عشر أربعة عشر"),
    ("hebrew_latin_digits", "אני גר ב-Tel Aviv כבר 12 שנים, ואני עובד ב-Google."),
    ("english_hebrew_phrase", "My grandmother said אני אוהבת אותך מאוד at dinner on 3 May."),
    ("arabic_phrase_wrapping", "She always told me كان يا ما كان في قديم الزمان before we slept,"
                               " every night."),
    ("four_kinds", "Call שלום and مرحبا at 10:30, room 42 please"),
    ("parentheses", "ولدت في (القاهرة) عام 2024 مع عائلتي"),
]


def is_rtl_text(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def visual_letters(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text)
                   if unicodedata.category(ch)[0] in "LN")


def drawn_lines(pdf: bytes) -> list[str]:
    """Each line of the page as its letters and digits left to right by x position (pypdf's
    visitor: one call per drawn piece, whose text is logical; RTL pieces are reversed)."""
    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            found.append((round(tm[5] + cm[5], 1), tm[4] + cm[4], text))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    lines: dict[float, list[tuple[float, str]]] = {}
    for y, x, text in found:
        lines.setdefault(y, []).append((x, text[::-1] if is_rtl_text(text) else text))
    return ["".join(visual_letters(t) for _x, t in sorted(lines[y])) for y in sorted(lines)[::-1]]


@pytest.mark.parametrize("key, text", BIDI_CASES, ids=[c[0] for c in BIDI_CASES])
def test_mixed_direction_lines_are_drawn_in_bidi_order(key: str, text: str) -> None:
    """Each line's letters, left to right on the page, are in python-bidi's display order."""
    from bidi import get_display

    pdf, made = build(text, width=200)
    (flow,) = made
    assert isinstance(flow, ScriptText)
    expected = []
    for line, base in flow.laid_lines():
        logical = "".join(piece.text for piece in line)
        expected.append(visual_letters(get_display(logical, base_dir="R" if base else "L")))
    assert len(expected) > 1 or key in ("four_kinds", "parentheses")
    assert drawn_lines(pdf) == expected


def test_fonts_without_shaped_glyphs_keep_reportlabs_own_tounicode_map() -> None:
    """Plain subsets keep reportlab's ToUnicode byte for byte; above U+FFFF: surrogates."""
    shaping.install()
    original = shaping._original_cmap
    assert original is not None and original is not shaping.to_unicode_cmap
    subset = [0, 65, 0xE9, 0x20AC]
    assert shaping.to_unicode_cmap("AAAAAA+Plain-Regular", subset) == \
        original("AAAAAA+Plain-Regular", subset)
    emoji = shaping.to_unicode_cmap("AAAAAA+Plain-Regular", [0x1F642])
    assert "<00> <D83DDE42>" in emoji


@pytest.mark.parametrize("text", ["ପରିବାର", "ପରିବାର ଓଡ଼ିଆ ଭାଷା", "བོད་ཡིག"])
def test_a_vowel_sign_pulled_back_over_its_letter_reads_back_without_a_space(text: str) -> None:
    """Oriya "ପରିବାର" (the tester's word, through rich.block as the product prints it)
    reads back as typed, not "ପରି ବାର": the mark is drawn before its letter, so no
    reader takes the move back for a gap between words."""
    from firstsession.pdf import rich

    fonts.register()
    out = io.BytesIO()
    SimpleDocTemplate(out, invariant=True).build([rich.block(text, STYLE)])
    assert text_of(out.getvalue()).strip() == text
