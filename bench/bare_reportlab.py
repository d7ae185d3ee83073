"""Baseline for bench_export.py: a bare reportlab script, no First Session code.

Registers the same four Noto Sans files and builds a comparable six-page PDF of
paragraphs (headings, bold and italic text, a page footer), then exits. The
benchmark times this whole process next to ``firstsession export``.

Usage: python bench/bare_reportlab.py OUT.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib.pagesizes import LETTER  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import Paragraph, SimpleDocTemplate  # type: ignore[import-untyped]

FONTS = Path(__file__).resolve().parents[1] / "src" / "firstsession" / "fonts"
STYLES = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}
TEXT = (
    "Work has been very stressful since the spring. I sleep badly, I snap at people I love, "
    "and I feel like I am always on edge. I hope to feel like myself again, and to enjoy "
    "weekends with my family. <i>When and where:</i> Sunday evenings, and in meetings. "
    "<b>What helps:</b> a long walk; talking to my sister. "
)


def main(out: str) -> None:
    for suffix, style in STYLES.items():
        pdfmetrics.registerFont(TTFont(f"Noto{suffix}", str(FONTS / f"NotoSans-{style}.ttf")))
    pdfmetrics.registerFontFamily(
        "Noto", normal="Noto", bold="Noto-Bold", italic="Noto-Italic", boldItalic="Noto-BoldItalic"
    )
    body = ParagraphStyle("body", fontName="Noto", fontSize=11, leading=16, spaceAfter=6)
    head = ParagraphStyle("head", fontName="Noto-Bold", fontSize=14, leading=19, spaceBefore=10)

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.setFont("Noto", 8.5)
        canvas.drawString(2 * cm, 1.2 * cm, "988 Suicide & Crisis Lifeline: Call or text 988")
        canvas.drawRightString(LETTER[0] - 2 * cm, 1.2 * cm, f"Page {doc.page}")

    story = []
    for section in range(7):
        story.append(Paragraph(f"Section {section + 1}", head))
        story.extend(Paragraph(TEXT * 2, body) for _ in range(4))
    doc = SimpleDocTemplate(out, pagesize=LETTER, leftMargin=2 * cm, rightMargin=2 * cm)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


if __name__ == "__main__":
    main(sys.argv[1])
