"""The look of every PDF: paper sizes, margins, colours and the paragraph styles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib.colors import HexColor  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4, LETTER  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import cm  # type: ignore[import-untyped]

import firstsession.pdf.fonts as fonts

PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": LETTER}
MARGIN = 2 * cm
WRITE_IN_GAP = 0.9 * cm

# Calm, high-contrast colours. Nothing is said by colour alone: every colour
# sits next to words that say the same thing.
INK = HexColor("#1F2328")
MUTED = HexColor("#4B535C")
ACCENT_HEX = "#2A6467"  # soft teal, 6.9:1 on white
ACCENT = HexColor(ACCENT_HEX)
ACCENT_SOFT = HexColor("#E9F2F1")
RULE = HexColor("#A7B0B8")


@dataclass(frozen=True)
class Styles:
    """The paragraph styles every PDF uses, by role."""

    title: ParagraphStyle
    lead: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    item: ParagraphStyle
    listed: ParagraphStyle
    small: ParagraphStyle
    help: ParagraphStyle
    note: ParagraphStyle
    label: ParagraphStyle
    continued: ParagraphStyle
    tight: ParagraphStyle
    callout: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    footer: ParagraphStyle
    footer_right: ParagraphStyle


@cache
def styles() -> Styles:
    """Every paragraph style, made once (registers the fonts first)."""
    fonts.register()
    base = ParagraphStyle(
        "fs-body",
        fontName=fonts.REGULAR,
        fontSize=11,
        leading=16,
        textColor=INK,
        spaceAfter=6,
    )

    def like(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(f"fs-{name}", parent=base, **kw)

    return Styles(
        title=like(
            "title", fontName=fonts.BOLD, fontSize=20, leading=26, textColor=ACCENT, spaceAfter=6
        ),
        lead=like("lead", fontSize=11.5, leading=17, textColor=MUTED, spaceAfter=14),
        h1=like(
            "h1",
            fontName=fonts.BOLD,
            fontSize=16,
            leading=21,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=8,
            keepWithNext=1,
        ),
        h2=like(
            "h2",
            fontName=fonts.BOLD,
            fontSize=12.5,
            leading=17,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=4,
            keepWithNext=1,
        ),
        h3=like(
            "h3",
            fontName=fonts.BOLD,
            fontSize=11,
            leading=15,
            spaceBefore=8,
            spaceAfter=2,
            keepWithNext=1,
        ),
        body=base,
        item=like("item", spaceAfter=3),
        listed=like(
            "listed", spaceAfter=3, leftIndent=20, bulletIndent=2, bulletFontName=fonts.REGULAR
        ),
        small=like("small", fontSize=9.5, leading=13, textColor=MUTED, spaceAfter=4),
        help=like(
            "help",
            fontName=fonts.ITALIC,
            fontSize=9.5,
            leading=13,
            textColor=MUTED,
            spaceAfter=2,
            keepWithNext=1,
        ),
        note=like("note", fontName=fonts.ITALIC, textColor=MUTED, spaceBefore=6),
        label=like(
            "label",
            fontName=fonts.BOLD,
            fontSize=10,
            leading=14,
            textColor=MUTED,
            spaceBefore=4,
            spaceAfter=1,
            keepWithNext=1,
        ),
        continued=like(
            "continued",
            fontName=fonts.BOLD,
            fontSize=10,
            leading=14,
            textColor=MUTED,
            spaceAfter=4,
        ),
        tight=like("tight", spaceAfter=1),
        callout=like(
            "callout",
            backColor=ACCENT_SOFT,
            borderPadding=(8, 10, 8, 10),
            spaceBefore=10,
            spaceAfter=14,
            leftIndent=10,
            rightIndent=10,
        ),
        cell=like("cell", fontSize=10, leading=13.5, spaceAfter=0),
        cell_head=like(
            "cell-head",
            fontName=fonts.BOLD,
            fontSize=10,
            leading=13.5,
            textColor=ACCENT,
            spaceAfter=0,
        ),
        footer=like("footer", fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=0),
        footer_right=like(
            "footer-right",
            fontSize=8.5,
            leading=11,
            textColor=MUTED,
            spaceAfter=0,
            alignment=TA_RIGHT,
        ),
    )
