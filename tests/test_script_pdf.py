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
from firstsession.pdf.scripttext import Content, ScriptText, flowable

STYLE = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=11, leading=15)


def build(*contents: Content, style: ParagraphStyle = STYLE, width: float | None = None
          ) -> tuple[bytes, list[Any]]:
    """A PDF holding one flowable per content, and the flowables (laid out by the build)."""
    fonts.register()
    made = [flowable(content, style) for content in contents]
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
            assert item._laid is not None
            for line, _base, _first in item._laid.lines:
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
    """Each script sample is drawn from a face that has every glyph (no .notdef, no private
    codes in the ToUnicode map) and pypdf reads it back as the table says."""
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
