"""What the filled sheet and the blank handout share: text, styles, drawings, pages.

- ``markup``: the only way text (user or content) becomes Paragraph markup. It is
  escaped first, so ``<img src=...>``, ``&`` or ``{{ }}`` are shown as typed, and
  characters the font cannot draw become visible ``[U+XXXX]`` markers, never
  empty boxes.
- ``build_pdf``: lays out a story on A4 or Letter with a header and a footer
  (crisis line, "Page X of Y") on every page and neutral metadata.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.lib.colors import Color, HexColor  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4, LETTER  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfdoc import (  # type: ignore[import-untyped]
    PDFArray,
    PDFName,
    PDFObject,
    PDFString,
)
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfbase.pdfmetrics import getAscent, stringWidth  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    Flowable,
    Frame,
    LayoutError,
    PageTemplate,
    Paragraph,
)
from reportlab.platypus.paragraph import cleanBlockQuotedText  # type: ignore[import-untyped]

from firstsession.content import Content, CrisisCountry
from firstsession.pdf import PdfError, fonts

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

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# -- text ---------------------------------------------------------------------------


def clean(text: str) -> str:
    """Windows and old-Mac line ends become plain newlines (they are line breaks, not marks)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Characters looked at in one go: one C call over a 5 MB answer holds Python's GIL for
# about 100 ms, which would freeze the app's window while its preview is made on a thread.
CHECK_CHUNK = 65_536


def missing_chars(text: str) -> str:
    """The distinct characters of ``text`` the font cannot draw, in order of appearance."""
    allowed = fonts.drawable_chars()
    text = clean(text)
    missing: dict[str, None] = {}
    for start in range(0, len(text), CHECK_CHUNK):
        piece = text[start:start + CHECK_CHUNK]
        if allowed.issuperset(piece):
            continue
        for ch in dict.fromkeys(piece):
            if ch not in allowed:
                missing.setdefault(ch)
    return "".join(missing)


def code_of(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def visible(text: str) -> str:
    """Replace every character the font cannot draw with a visible ``[U+XXXX]``."""
    text = clean(text)
    allowed = fonts.drawable_chars()
    if allowed.issuperset(text):
        return text
    return "".join(ch if ch in allowed else f"[{code_of(ch)}]" for ch in text)


def escape(text: str) -> str:
    """Markup characters as entities: the same as ``xml.sax.saxutils.escape``.

    Written out because importing saxutils also imports urllib.request, http.client,
    email and ssl: about 25 ms of every export's start-up. tests/test_pdf.py checks
    that the two agree.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str) -> str:
    """Plain text -> safe Paragraph markup: escaped, newlines as <br/>."""
    return escape(visible(text)).replace("\t", " ").replace("\n", "<br/>")


_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
PIECE_LINES = 30
PIECE_CHARS = 2500


# The end of a sentence: its mark, any closing quotes or brackets, then a space.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?= )")


def _cut_line(line: str) -> list[str]:
    """One line (no newline) in segments of at most PIECE_CHARS, cut where a reader
    would not mind a new line: after a sentence, else at a space, else (one endless
    word) anywhere. Each window is searched once, so this is linear in the line."""
    segments: list[str] = []
    while len(line) > PIECE_CHARS:
        half = PIECE_CHARS // 2
        ends = [m.end() for m in _SENTENCE_END.finditer(line, half, PIECE_CHARS)]
        cut = ends[-1] if ends else line.rfind(" ", half, PIECE_CHARS)
        if cut <= 0:
            cut = PIECE_CHARS
        segments.append(line[:cut].rstrip(" "))
        line = line[cut:].lstrip(" ")
    segments.append(line)
    return segments


def _pieces(part: str) -> list[tuple[str, bool]]:
    """Cut one paragraph into pieces of at most PIECE_LINES lines and PIECE_CHARS,
    each with True when it continues the previous piece's last line.

    reportlab re-wraps the whole rest of a paragraph each time it splits it at a
    page end, so a 50,000-character answer as one Paragraph takes minutes; as
    pieces laid out without gaps it takes a second. Most pieces end where a line
    ends anyway (at the person's own line breaks); a single line longer than a
    piece is cut (after a sentence when there is one), and ``paras`` lays out such
    pieces as one line of text: the words of a cut piece's last, part-filled line
    move to the next piece once the width is known (see ``_Chain``).
    """
    pieces: list[tuple[str, bool]] = []
    lines: list[str] = []  # the current piece's lines
    size = 0
    continues = False  # whether the current piece continues the previous one's line

    def flush(next_continues: bool) -> None:
        nonlocal size, continues
        if lines:
            pieces.append(("\n".join(lines), continues))
            lines.clear()
            size = 0
            continues = next_continues

    for line in part.split("\n"):
        for n, segment in enumerate(_cut_line(line)):
            full = len(lines) >= PIECE_LINES or size + len(segment) + 1 > PIECE_CHARS
            if n > 0 or full:  # a line cut in two continues in a new piece
                flush(n > 0)
            lines.append(segment)
            size += len(segment) + 1
    flush(False)
    return pieces


def chunks(text: str) -> list[list[tuple[str, bool]]]:
    """Paragraphs (split at blank lines), each as the pieces to lay it out in (see
    ``_pieces``)."""
    parts = _BLANK_LINES.split(clean(text).strip("\n"))
    return [_pieces(part) for part in parts if part.strip()]


def shorten(text: str, max_chars: int, max_lines: int) -> tuple[str, bool]:
    """Cut ``text`` to fit a small space, at a word boundary when there is one nearby.

    Returns the (possibly) shortened text and whether anything was cut.
    """
    text = clean(text).strip()
    lines = text.split("\n")
    cut = False
    if len(lines) > max_lines:
        text = "\n".join(lines[:max_lines])
        cut = True
    if len(text) > max_chars:
        head = text[:max_chars]
        space = max(head.rfind(" "), head.rfind("\n"))
        if space > max_chars * 0.6:
            head = head[:space]
        text = head
        cut = True
    return text.rstrip(), cut


def long_date(day: dt.date) -> str:
    # Written out in full: "3/4/2024" means different days in different countries.
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def crisis_footer(country: CrisisCountry, today: dt.date | None = None) -> str:
    line = country.footer()
    if country.is_stale(today):
        line += (
            f" (numbers last checked {long_date(country.reviewed)}; please check they are current)"
        )
    return line


# -- styles ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Styles:
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


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """One Paragraph from plain text (escaped; newlines kept)."""
    return Paragraph(markup(text), style)


def paras(
    text: str,
    style: ParagraphStyle,
    *,
    first_markup: str = "",
    last_markup: str = "",
    bullet: str | None = None,
) -> list[Paragraph]:
    """Plain text as paragraphs, split at blank lines (long answers flow across pages).

    ``first_markup`` and ``last_markup`` (already markup, e.g. a bold label) go
    before the first words and after the last; ``bullet`` marks the first paragraph.
    """
    out: list[Paragraph] = []
    paragraphs = chunks(text)
    for n, pieces in enumerate(paragraphs):
        chain = _Chain() if any(cont for _, cont in pieces) else None
        for i, (piece, continues) in enumerate(pieces):
            before = first_markup if n == 0 and i == 0 else ""
            after = last_markup if n == len(paragraphs) - 1 and i == len(pieces) - 1 else ""
            joined = _joined(style, i > 0, i < len(pieces) - 1)
            first_bullet = bullet if not out else None
            if chain is None:
                out.append(Paragraph(before + markup(piece) + after, joined,
                                     bulletText=first_bullet))
            else:
                out.append(chain.add(visible(piece), continues, before, after, joined,
                                     first_bullet))
    return out


class _Chain:
    """The pieces of one paragraph cut inside a line (see ``_pieces``), laid out as
    one text: when a piece is wrapped at a width, the words of its last line (which
    the cut left part-filled) move to the start of the next piece, so every line but
    the paragraph's last is filled as far as the width allows.

    Each piece is broken into lines once more to find its last line (reportlab's
    own line breaking, at the width the piece is laid out at), so the work stays
    linear in the length of the text. When the words cannot be matched (characters
    reportlab does not split at), the piece keeps them: an early break, never a lost
    or repeated word.
    """

    def __init__(self) -> None:
        self.pieces: list[_ChainPiece] = []
        self.texts: list[str] = []  # each piece's plain text (already visible())
        self.continues: list[bool] = []
        self.fitted: dict[int, tuple[float, str]] = {}  # index -> (width, words moved in)
        self._moved: dict[tuple[int, float, str], tuple[str, str]] = {}

    def add(self, text: str, continues: bool, before: str, after: str,
            style: ParagraphStyle, bullet: str | None) -> _ChainPiece:
        body = before + markup(text) + after
        piece = _ChainPiece(body, style, bulletText=bullet)
        piece.chain, piece.index, piece.before, piece.after = self, len(self.pieces), before, after
        piece.body, piece.base_style = body, style
        self.pieces.append(piece)
        self.texts.append(text)
        self.continues.append(continues)
        return piece

    def _carry_in(self, index: int, width: float) -> str:
        """The words that move into piece ``index`` from the one before."""
        if not self.continues[index]:
            return ""
        start = index - 1  # back to a piece whose own words in are known
        while start > 0 and self.continues[start] and start not in self.fitted:
            start -= 1
        carry = self.fitted[start][1] if start in self.fitted else ""
        for k in range(start, index):
            at = self.fitted[k][0] if k in self.fitted else width
            carry = self._split(k, at, carry)[1]
        return carry

    def _split(self, index: int, width: float, carry: str) -> tuple[str, str]:
        """Piece ``index`` with ``carry`` in front, at ``width``: (the text it keeps,
        the words of its last line that move on to the next piece)."""
        key = (index, width, carry)
        if key in self._moved:
            return self._moved[key]
        text = f"{carry} {self.texts[index]}" if carry else self.texts[index]
        result = (text, "")
        following = index + 1
        if following < len(self.pieces) and self.continues[following]:
            piece = self.pieces[index]
            probe = Paragraph(piece.before + markup(text) + piece.after, piece.style,
                              bulletText=piece.bulletText)
            probe.wrap(width, 1e9)
            lines = probe.blPara.lines
            last = lines[-1]
            if len(lines) > 1:
                if probe.blPara.kind == 0:
                    count, shown = len(last[1]), " ".join(last[1])
                else:
                    count = last.wordCount
                    shown = "".join(getattr(w, "text", "") for w in last.words)
                words = list(re.finditer(r"[^ \t\n]+", text))
                if 0 < count < len(words):
                    cut = words[-count].start()
                    moved = text[cut:]
                    if " ".join(moved.split()) == " ".join(shown.split()):
                        result = (text[:cut].rstrip(" \t\n"), moved)
        self._moved[key] = result
        return result

    def fit(self, piece: _ChainPiece, width: float) -> None:
        """Set ``piece``'s text for laying it out at ``width``."""
        index = piece.index
        carry = self._carry_in(index, width)
        self.fitted[index] = (width, carry)
        kept = self._split(index, width, carry)[0]
        body = piece.before + markup(kept) + piece.after
        if body != piece.body:
            piece.body = body
            piece._setup(body, piece.base_style, piece.bulletText, None, cleanBlockQuotedText)


class _ChainPiece(Paragraph):  # type: ignore[misc]
    """A Paragraph that is one piece of a ``_Chain``: its text is set when it is wrapped.

    The parts reportlab splits it into at a page end are plain pieces (no chain)."""

    chain: _Chain | None = None
    index = 0
    before = ""
    after = ""
    body = ""  # the markup it was last set to
    base_style: ParagraphStyle | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.chain is not None:
            self.chain.fit(self, avail_width)
        return super().wrap(avail_width, avail_height)  # type: ignore[no-any-return]


def labelled(label: str, text: str, style: ParagraphStyle) -> list[Paragraph]:
    """'**Label:** text' as paragraphs in pieces like ``paras``; the label alone when
    ``text`` is empty. Both are plain text (escaped here)."""
    bold = f"<b>{markup(label)}:</b> "
    return paras(text, style, first_markup=bold) or [Paragraph(bold, style)]


@cache
def _joined(style: ParagraphStyle, after_piece: bool, before_piece: bool) -> ParagraphStyle:
    """``style`` without the gap between pieces of one paragraph."""
    if not (after_piece or before_piece):
        return style
    return ParagraphStyle(
        f"{style.name}-{int(after_piece)}{int(before_piece)}",
        parent=style,
        spaceBefore=0 if after_piece else style.spaceBefore,
        spaceAfter=0 if before_piece else style.spaceAfter,
    )


# -- drawings -------------------------------------------------------------------------


class WriteInLines(Flowable):  # type: ignore[misc]
    """Ruled lines to write on by hand; splits across pages like lined paper."""

    def __init__(
        self, count: int, gap: float = WRITE_IN_GAP, indent: float = 0, fill: bool = False
    ) -> None:
        super().__init__()
        self.count = count
        self.fill = fill
        self.gap = gap
        self.indent = indent

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        if self.fill:  # as many lines as the rest of the page holds
            self.count = max(1, int(avail_height // self.gap))
        return avail_width, self.count * self.gap

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int(avail_height // self.gap)
        if self.fill or fits < 1 or fits >= self.count:
            return []
        return [
            WriteInLines(fits, self.gap, self.indent),
            WriteInLines(self.count - fits, self.gap, self.indent),
        ]

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        for i in range(self.count):
            y = (self.count - 1 - i) * self.gap + 1
            c.line(self.indent, y, self.width, y)
        c.restoreState()


# -- fillable forms and per-copy stamps ---------------------------------------------------
#
# A handout is laid out once. Flowables that become form fields (or the slot for a
# client's name) do not draw them during layout: they note where they landed on the
# canvas's Recorder, and build_pdf draws them for every copy. So one layout serves
# 200 personalised, fillable copies, each with its own field names.


@dataclass(frozen=True)
class FieldSpot:
    """Where one form field goes: page (1-based) and rectangle in points."""

    page: int
    kind: str  # "text" or "check"
    name: str
    x: float
    y: float
    width: float
    height: float
    tooltip: str


@dataclass(frozen=True)
class SlotSpot:
    """Where the "Prepared for" line goes on its page."""

    page: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class Recorder:
    fields: list[FieldSpot] = field(default_factory=list)
    slots: list[SlotSpot] = field(default_factory=list)
    _names: set[str] = field(default_factory=set)

    def unique(self, name: str) -> str:
        """A field name not used before in this layout (a repeat gets "-2", "-3"...)."""
        candidate, n = name, 1
        while candidate in self._names:
            n += 1
            candidate = f"{name}-{n}"
        self._names.add(candidate)
        return candidate

    def add_field(self, canv: Canvas, kind: str, name: str, rect: tuple[float, float, float, float],
                  tooltip: str) -> None:
        x, y = canv.absolutePosition(rect[0], rect[1])
        self.fields.append(
            FieldSpot(canv.getPageNumber(), kind, self.unique(name), x, y, rect[2], rect[3],
                      tooltip)
        )

    def add_slot(self, canv: Canvas, width: float, height: float) -> None:
        x, y = canv.absolutePosition(0, 0)
        self.slots.append(SlotSpot(canv.getPageNumber(), x, y, width, height))


def recorder_of(canv: Canvas) -> Recorder | None:
    return getattr(canv, "fs_recorder", None)


class FormLines(Flowable):  # type: ignore[misc]
    """A multiline form field in place of ruled lines (the fillable handout).

    It never splits: one field is one box on one page. ``fill`` takes the rest of
    the page; ``max_width`` keeps a short answer's box short.
    """

    def __init__(
        self,
        count: int,
        name: str,
        tooltip: str,
        gap: float = WRITE_IN_GAP,
        fill: bool = False,
        max_width: float | None = None,
    ) -> None:
        super().__init__()
        self.count, self.name, self.tooltip = count, name, tooltip
        self.gap, self.fill, self.max_width = gap, fill, max_width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(avail_width, self.max_width or avail_width)
        if self.fill:
            self.count = max(2, int(avail_height // self.gap))
        return self.width, self.count * self.gap

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        rec = recorder_of(self.canv)
        height = self.count * self.gap - 4
        if rec is not None:
            rec.add_field(self.canv, "text", self.name, (0, 2, self.width, height), self.tooltip)


class NameSlot(Flowable):  # type: ignore[misc]
    """Room for "Prepared for: <name>", drawn per copy by build_pdf."""

    HEIGHT = 24.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.HEIGHT

    def draw(self) -> None:
        rec = recorder_of(self.canv)
        if rec is not None:
            rec.add_slot(self.canv, self.width, self.HEIGHT)


def field_name(*parts: str) -> str:
    """A readable form field name: "about_name", "question_licence", "culture_pk-best-times".

    No dots: in a PDF form a dot in a name means "child of", and ids never hold "_".
    """
    return "_".join(re.sub(r"[^a-z0-9-]+", "-", p.lower()).strip("-") or "x" for p in parts)


BOX = 9.5  # side of a check box, in points


def draw_box(c: Canvas, x: float, y: float, checked: bool) -> None:
    c.saveState()
    c.setStrokeColor(INK)
    c.setLineWidth(0.9)
    c.rect(x, y, BOX, BOX, stroke=1, fill=0)
    if checked:  # a drawn tick: the font has no ballot-box glyphs
        c.setStrokeColor(ACCENT)
        c.setLineWidth(1.6)
        path = c.beginPath()
        path.moveTo(x + 2, y + BOX * 0.5)
        path.lineTo(x + BOX * 0.42, y + 2)
        path.lineTo(x + BOX - 1.5, y + BOX - 1.5)
        c.drawPath(path, stroke=1, fill=0)
    c.restoreState()


def draw_star(c: Canvas, x: float, y: float) -> None:
    """A small filled five-pointed star (the font has no star glyph)."""
    cx, cy, outer, inner = x + BOX / 2, y + BOX / 2 - 0.3, BOX * 0.6, BOX * 0.25
    path = c.beginPath()
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        angle = math.pi / 2 + i * math.pi / 5
        px, py = cx + r * math.cos(angle), cy + r * math.sin(angle)
        if i == 0:
            path.moveTo(px, py)
        else:
            path.lineTo(px, py)
    path.close()
    c.saveState()
    c.setFillColor(ACCENT)
    c.setStrokeColor(ACCENT)
    c.drawPath(path, stroke=1, fill=1)
    c.restoreState()


MARKS: dict[str, Callable[[Canvas, float, float], None]] = {
    "box": lambda c, x, y: draw_box(c, x, y, checked=False),
    "tick": lambda c, x, y: draw_box(c, x, y, checked=True),
    "star": draw_star,
    "": lambda c, x, y: None,
}


class Marked(Flowable):  # type: ignore[misc]
    """A paragraph with a small drawing to its left: a check box, a ticked box or a star.

    The drawing is decoration only: the paragraph itself says the same in words.
    """

    INDENT = 18

    def __init__(
        self, paragraph: Paragraph, mark: str, field: tuple[str, str] | None = None
    ) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.mark = mark
        self.field = field  # (name, tooltip): a form check box instead of a drawn one

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self.paragraph.wrap(avail_width - self.INDENT, avail_height)
        self.width, self.height = avail_width, h
        return avail_width, h

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.paragraph.split(avail_width - self.INDENT, avail_height)
        if len(parts) < 2:
            return []
        rest = [Indented(p, self.INDENT) for p in parts[1:]]
        return [Marked(parts[0], self.mark, self.field), *rest]

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return float(self.paragraph.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802
        return float(self.paragraph.getSpaceAfter())

    def draw(self) -> None:
        style = self.paragraph.style
        # Sit the mark on the first line's baseline, as reportlab places it.
        baseline = self.height - getAscent(style.fontName, style.fontSize)
        rec = recorder_of(self.canv)
        if self.field is not None and rec is not None:
            size = BOX + 2
            rec.add_field(self.canv, "check", self.field[0], (-1, baseline - 2, size, size),
                          self.field[1])
        else:
            MARKS[self.mark](self.canv, 0, baseline - 1)
        self.paragraph.drawOn(self.canv, self.INDENT, 0)


class Indented(Flowable):  # type: ignore[misc]
    """Any flowable, shifted right (keeps the split parts of a Boxed in line)."""

    def __init__(self, inner: Flowable, indent: float) -> None:
        super().__init__()
        self.inner = inner
        self.indent = indent

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        w, h = self.inner.wrap(avail_width - self.indent, avail_height)
        self.width, self.height = w + self.indent, h
        return self.width, h

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.inner.split(avail_width - self.indent, avail_height)
        return [Indented(p, self.indent) for p in parts]

    def getSpaceBefore(self) -> float:  # noqa: N802
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802
        return float(self.inner.getSpaceAfter())

    def draw(self) -> None:
        self.inner.drawOn(self.canv, self.indent, 0)


class GroupMark(Flowable):  # type: ignore[misc]
    """Where a group (one therapist's answers) starts or ends: takes no room.

    When the frame reaches it, it sets what every following page starts with
    (``heading``, e.g. "Tom Reid, continued") until a mark with None ends the group.
    It acts as a frame action, not when measured, so a heading moved to the next page
    never gets "continued" above it; and an end mark needs no room, so a group that
    ends at the very bottom of a page does not put "continued" on the next.
    """

    def __init__(self, heading: Flowable | None) -> None:
        super().__init__()
        self.heading = heading
        # The mark sits between a heading and the text under it: keep them together.
        self.keepWithNext = heading is not None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def frameAction(self, frame: Frame) -> None:  # noqa: N802 (reportlab's name)
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is not None:
            doc._topFlowables = [] if self.heading is None else [self.heading]

    def draw(self) -> None:  # never drawn: the frame only calls frameAction
        pass


def _ungrouped(story: Sequence[Flowable]) -> list[Flowable]:
    """``story`` with each ``KeepTogether`` replaced by its content (one level)."""
    flat: list[Flowable] = []
    for f in story:
        inner = getattr(f, "_content", None)
        flat.extend(inner if isinstance(inner, list) else [f])
    return flat


def stack_height(story: Sequence[Flowable], width: float, canv: Canvas | None = None) -> float:
    """The height (points) a frame ``width`` points wide gives ``story`` when nothing
    breaks: like reportlab's Frame, a flowable's space before overlaps the previous
    one's space after. Groups kept together (``KeepTogether``) count as their content."""
    total = 0.0
    space_after = 0.0
    for i, f in enumerate(_ungrouped(story)):
        h = f.wrapOn(canv, width, 1e9)[1] if canv is not None else f.wrap(width, 1e9)[1]
        before = max(f.getSpaceBefore() - space_after, 0.0) if i else 0.0
        space_after = f.getSpaceAfter()
        total += before + h + space_after
    return total


class OnePageIfClose(Flowable):  # type: ignore[misc]
    """A page's worth of flowables that never spills a line or two onto a new page.

    When the content is at most ``slack`` (a fraction of the space) taller than the
    space left, it is shrunk a little to fit (text stays readable: at most 17% smaller
    at the default); when it is much taller it flows on as usual, so a long text still
    runs over as many pages as it needs (and is laid out once per page, in pieces).
    """

    def __init__(self, content: list[Flowable], slack: float = 0.2) -> None:
        super().__init__()
        self.content = content
        self.slack = slack
        self._box: Flowable | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        from reportlab.platypus.flowables import KeepInFrame  # type: ignore[import-untyped]

        height = stack_height(self.content, avail_width, self.canv)
        if height <= avail_height * (1 + self.slack):
            self._box = KeepInFrame(
                avail_width, avail_height, _ungrouped(self.content), mode="shrink"
            )
            return self._box.wrapOn(self.canv, avail_width, avail_height)  # type: ignore[no-any-return]
        self._box = None
        self.width, self.height = avail_width, height
        return avail_width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self._box is not None:
            return [self._box]
        return list(self.content)

    def draw(self) -> None:
        assert self._box is not None  # only drawn whole when it fits (wrap made the box)
        self._box.drawOn(self.canv, 0, 0)


class Meter(Flowable):  # type: ignore[misc]
    """A paragraph (which says the number in words) with a small row of dots to its right."""

    DOT = 6.0
    STEP = 8.5

    def __init__(self, paragraph: Paragraph, value: int, maximum: int) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.value = value
        self.maximum = maximum

    @property
    def meter_width(self) -> float:
        return self.maximum * self.STEP + 6

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self.paragraph.wrap(avail_width - self.meter_width, avail_height)
        self.width, self.height = avail_width, h
        return avail_width, h

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.paragraph.split(avail_width - self.meter_width, avail_height)
        if len(parts) < 2:
            return []
        return [Meter(parts[0], self.value, self.maximum), *parts[1:]]

    def getSpaceBefore(self) -> float:  # noqa: N802
        return float(self.paragraph.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802
        return float(self.paragraph.getSpaceAfter())

    def draw(self) -> None:
        c = self.canv
        self.paragraph.drawOn(c, 0, 0)
        style = self.paragraph.style
        y = self.height - style.leading / 2 - self.DOT / 2 + 1
        x0 = self.width - self.maximum * self.STEP
        c.saveState()
        c.setLineWidth(0.7)
        c.setStrokeColor(ACCENT)
        for i in range(self.maximum):
            filled = i < self.value
            c.setFillColor(ACCENT if filled else Color(1, 1, 1))
            # Plain squares: rounded ones cost eight curves each in the page stream.
            c.rect(x0 + i * self.STEP, y, self.DOT, self.DOT, stroke=1, fill=1)
        c.restoreState()


class Scale(Flowable):  # type: ignore[misc]
    """'0 1 2 ... 10' spread out for circling by hand, with words at both ends."""

    def __init__(self, low: str, high: str, indent: float = 0) -> None:
        super().__init__()
        self.low, self.high, self.indent = low, high, indent

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, 38  # room below the numbers before the next label

    def draw(self) -> None:
        c = self.canv
        s = styles()
        left, right = self.indent + 14, min(self.width, self.indent + 13 * cm) - 14
        step = (right - left) / 10
        c.saveState()
        c.setFillColor(INK)
        c.setFont(fonts.REGULAR, 12)
        for n in range(11):
            c.drawCentredString(left + n * step, 22, str(n))
        c.setFillColor(MUTED)
        c.setFont(fonts.ITALIC, s.small.fontSize - 1)
        c.drawString(left - 3, 10, self.low)
        c.drawRightString(right + 4, 10, self.high)
        c.restoreState()


# -- pages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PracticeHeader:
    """A practice's header on every page: logo, name, and a plain-text details line."""

    name: str
    details: str = ""  # clinicians, phone, website: plain text, never a link
    logo: bytes | None = field(default=None, repr=False)  # checked PNG or JPEG bytes
    logo_size: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Furniture:
    """What is printed on every page around the story."""

    header: str
    crisis: str
    practice: PracticeHeader | None = None


@dataclass(frozen=True)
class Copy:
    """One copy of a laid-out document (``build_pdf`` can print many from one layout)."""

    stamp: str = ""  # "Prepared for: Sam", printed in the story's NameSlot
    field_prefix: str = ""  # put before every form field name, so copies' fields differ
    outline: str = ""  # a bookmark at the copy's first page


LOGO_HEIGHT = 26.0  # points; the logo keeps its aspect ratio
LOGO_MAX_WIDTH = 3.6 * cm
HEADER_TOP = 0.9 * cm  # from the top edge of the page
BLANK_PAGE_NOTE = "This page is left blank so that the next handout starts on a new sheet."
PREPARED_FOR = "Prepared for: "


def _held_canvas(
    draw: Callable[[Canvas, int, int], None],
    recorder: Recorder,
    copies: Sequence[Copy],
    pad_to_even: bool,
    stamp: Callable[[Canvas, SlotSpot, str], None],
    pages: Collection[int] | None = None,
) -> type[Canvas]:
    """A canvas that keeps every page until the end, then prints each copy.

    Holding the pages lets each say "Page X of Y". Each copy replays the same page
    code (fonts and images live in the one document, so the code stays valid),
    with its own "Prepared for" line and its own form fields.
    """

    class HeldCanvas(Canvas):  # type: ignore[misc]
        fs_recorder = recorder

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            # reportlab starts fresh lists for the next page, so a shallow copy is enough.
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def _restore(self, state: dict[str, Any]) -> None:
            for key, value in state.items():
                if key in _CANVAS_COUNTERS:
                    continue  # document-wide counters keep counting across copies
                # Each copy adds its own page code and annotations: never share the lists.
                self.__dict__[key] = list(value) if key in _PAGE_LISTS else value

        def save(self) -> None:
            total = len(self._held_pages)
            # The header and footer are the same on every copy: drawn once per page
            # number, then their code (and the logo it uses) is reused.
            furniture: dict[int, tuple[list[str], list[str]]] = {}
            for n, copy in enumerate(copies):
                for number, state in enumerate(self._held_pages, start=1):
                    if pages is not None and number not in pages:
                        continue  # left out (printing a range to a file); numbers stay
                    self._restore(state)
                    code: list[str] = self.__dict__["_code"]
                    forms: list[str] = self.__dict__["_formsinuse"]
                    if number in furniture:
                        code.extend(furniture[number][0])
                        forms.extend(furniture[number][1])
                    else:
                        start, forms_start = len(code), len(forms)
                        draw(self, number, total)
                        furniture[number] = (code[start:], forms[forms_start:])
                    if number == 1 and copy.outline:
                        key = f"copy-{n}"
                        self.bookmarkPage(key)
                        self.addOutlineEntry(copy.outline, key, level=0)
                    for slot in recorder.slots:
                        if slot.page == number and copy.stamp:
                            stamp(self, slot, copy.stamp)
                    for spot in recorder.fields:
                        if spot.page == number:
                            _draw_field(self, spot, copy.field_prefix)
                    Canvas.showPage(self)
                if pad_to_even and total % 2:
                    self._restore(self._held_pages[-1])
                    self.__dict__.update(_code=[], _annotationrefs=[])
                    self.setFont(fonts.ITALIC, 9)
                    self.setFillColor(MUTED)
                    self.drawCentredString(self._pagesize[0] / 2, self._pagesize[1] / 2,
                                           BLANK_PAGE_NOTE)
                    Canvas.showPage(self)
            Canvas.save(self)

    return HeldCanvas


# Canvas attributes that belong to the document, not to a held page.
_CANVAS_COUNTERS = frozenset({"_annotationCount", "_pageNumber", "_doc", "_acroForm"})
_PAGE_LISTS = frozenset({"_code", "_annotationrefs", "_formsinuse", "_psCommandsAfterPage",
                         "_psCommandsBeforePage"})

FIELD_FONT = "Helvetica"  # AcroForm fields can only use the 14 standard fonts (Latin-1)
FIELD_FONT_SIZE = 10


def _form(c: Canvas) -> Any:
    """The canvas's AcroForm, with check box appearance streams made once per look.

    reportlab draws every check box's six appearance streams afresh and only then
    notices it already has the same ones; the streams only depend on the
    arguments, so the same arguments give the same stream objects.
    """
    form = c.acroForm
    if not getattr(form, "_fs_cached", False):
        # Only check boxes: their on and off looks may be shared, as reportlab shares them.
        # A text box's look is changed in place by some form fillers (pypdf), so each
        # text box must keep a look of its own.
        for method in ("checkboxAP",):
            original = getattr(form, method)
            made: dict[str, Any] = {}

            def cached(*args: Any, _original: Any = original, _made: dict[str, Any] = made,
                       **kwargs: Any) -> Any:
                key = repr((args, sorted(kwargs.items())))
                if key not in _made:
                    _made[key] = _original(*args, **kwargs)
                return _made[key]

            setattr(form, method, cached)
        form._fs_cached = True
    return form


class _Widget(PDFObject):  # type: ignore[misc]
    """A form field whose unchanging entries were formatted once, by reportlab.

    A batch of fillable handouts has tens of thousands of fields that differ only in
    name, tooltip, page and position; reportlab formats every entry of every field
    in pure Python. This keeps its output for the rest and formats only those four.
    """

    VARYING = ("T", "TU", "Rect", "P")

    def __init__(self, common: bytes, page: PDFObject, rect: tuple[float, ...], name: str,
                 tooltip: str, look: PDFObject | None = None) -> None:
        self.common, self.page, self.rect = common, page, rect
        self.name, self.tooltip, self.look = name, tooltip, look

    def format(self, document: Any) -> bytes:
        parts = [
            b"<< ", self.common,
            b" /P ", self.page.format(document),
            b" /Rect ", PDFArray(self.rect).format(document),
            b" /T ", PDFString(self.name).format(document),
        ]
        if self.tooltip:
            parts += [b" /TU ", PDFString(self.tooltip).format(document)]
        if self.look is not None:  # a text box's own appearance stream
            parts += [b" /AP << /N ", self.look.format(document), b" >>"]
        parts.append(b" >>")
        return b"".join(parts)


class _Formatted(PDFObject):  # type: ignore[misc]
    """An object whose bytes were formatted once (a text box's empty appearance)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


def _draw_field(c: Canvas, spot: FieldSpot, prefix: str) -> None:
    form = _form(c)
    name = prefix + spot.name
    tooltip = spot.tooltip[:200]
    doc = c._doc
    templates: dict[tuple[str, float, float], tuple[bytes, bytes | None]] = (
        form.__dict__.setdefault("_fs_templates", {})
    )
    key = (spot.kind, round(spot.width, 3), round(spot.height, 3))
    if key in templates:  # the same kind and size as one made before: only vary the rest
        common, look_bytes = templates[key]
        look = None if look_bytes is None else doc.Reference(_Formatted(look_bytes))
        rect = (spot.x, spot.y, spot.x + spot.width, spot.y + spot.height)
        widget = _Widget(common, doc.thisPageRef(), rect, name, tooltip, look)
        c._addAnnotation(widget)
        form.fields.append(form.getRef(widget))
        return
    _reportlab_field(form, spot, name, tooltip)
    made = doc.idToObject[form.fields[-1].name]
    varying = _Widget.VARYING + (("AP",) if spot.kind == "text" else ())
    look_bytes = None
    if spot.kind == "text":
        look_bytes = doc.idToObject[made.dict["AP"].dict["N"].name].format(doc)
    shared = {k: v for k, v in made.dict.items() if k not in varying}
    templates[key] = (
        b" ".join(
            pdf_format(PDFName(k), doc) + b" " + pdf_format(v, doc)
            for k, v in sorted(shared.items())
        ),
        look_bytes,
    )


def _reportlab_field(form: Any, spot: FieldSpot, name: str, tooltip: str) -> None:
    if spot.kind == "check":
        form.checkbox(
            name=name,
            tooltip=tooltip,
            x=spot.x,
            y=spot.y,
            size=spot.width,
            buttonStyle="check",
            borderColor=INK,
            fillColor=Color(1, 1, 1),
            textColor=ACCENT,
            borderWidth=0.9,
            fieldFlags="",  # not "required"
        )
    else:
        form.textfield(
            name=name,
            tooltip=tooltip,
            x=spot.x,
            y=spot.y,
            width=spot.width,
            height=spot.height,
            fieldFlags="multiline",
            maxlen=0,  # reportlab's default is 100 characters; 0 writes no MaxLen at all
            fontName=FIELD_FONT,
            fontSize=FIELD_FONT_SIZE,
            textColor=INK,
            borderColor=RULE,
            fillColor=ACCENT_SOFT,
            borderWidth=0.6,
        )


def _footer_paragraph(furniture: Furniture) -> Paragraph:
    return Paragraph(markup(furniture.crisis), styles().footer)


@dataclass(frozen=True)
class Geometry:
    """Where things go on a page: the story's frame sits between header and footer."""

    width: float
    height: float
    frame_bottom: float
    footer_top: float
    crisis_width: float
    number_width: float
    frame_top: float = 0.0
    header_rule: float = 0.0

    @property
    def frame_width(self) -> float:
        return float(self.width - 2 * MARGIN)

    @property
    def frame_height(self) -> float:
        return float(self.frame_top - self.frame_bottom)


@dataclass
class _HeaderParts:
    """The practice header, laid out once and drawn on every page."""

    logo: ImageReader | None
    logo_width: float
    logo_height: float
    name: Paragraph
    details: Paragraph | None
    text_x: float
    height: float


@cache
def _header_styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    s = styles()
    name = ParagraphStyle("fs-practice", parent=s.body, fontName=fonts.BOLD, fontSize=10.5,
                          leading=13, textColor=ACCENT, spaceAfter=0)
    details = ParagraphStyle("fs-practice-details", parent=s.footer, fontSize=8, leading=10)
    return name, details


def _header_parts(practice: PracticeHeader, width: float) -> _HeaderParts:
    name_style, details_style = _header_styles()
    logo, logo_width, logo_height = None, 0.0, 0.0
    if practice.logo and practice.logo_size[0] > 0 and practice.logo_size[1] > 0:
        w, h = practice.logo_size
        scale = min(LOGO_HEIGHT / h, LOGO_MAX_WIDTH / w)  # a small fixed height, aspect kept
        logo = ImageReader(io.BytesIO(practice.logo))
        logo_width, logo_height = w * scale, h * scale
    text_x = MARGIN + (logo_width + 0.35 * cm if logo else 0)
    text_width = width - MARGIN - text_x
    name_text, _ = shorten(practice.name, 200, 1)
    name = Paragraph(markup(name_text), name_style)
    _, height = name.wrap(text_width, 100)
    details = None
    if practice.details.strip():
        details_text, cut = shorten(practice.details, 300, 1)
        details = Paragraph(markup(details_text + (" \u2026" if cut else "")), details_style)
        height += details.wrap(text_width, 100)[1]
    return _HeaderParts(
        logo, logo_width, logo_height, name, details, text_x, max(height, logo_height)
    )


def geometry(paper: str, furniture: Furniture) -> Geometry:
    width, height = PAGE_SIZES[paper]
    number_width = 2.6 * cm
    crisis_width = width - 2 * MARGIN - number_width - 0.4 * cm
    # A long crisis line wraps; the story's frame moves up to make room for it.
    _, crisis_height = _footer_paragraph(furniture).wrap(crisis_width, height)
    footer_top = 1.1 * cm + crisis_height
    frame_top, header_rule = height - MARGIN, height - 1.4 * cm
    if furniture.practice is not None:
        # The practice header is taller than the plain one; the frame moves down.
        parts = _header_parts(furniture.practice, width)
        header_rule = height - HEADER_TOP - parts.height - 0.2 * cm
        frame_top = min(frame_top, header_rule - 0.5 * cm)
    return Geometry(
        width=width,
        height=height,
        frame_bottom=max(MARGIN, footer_top + 0.6 * cm),
        footer_top=footer_top,
        crisis_width=crisis_width,
        number_width=number_width,
        frame_top=frame_top,
        header_rule=header_rule,
    )


def _draw_stamp(c: Canvas, slot: SlotSpot, text: str) -> None:
    """ "Prepared for: <name>" in its slot: smaller type for a long name, then cut short."""
    name = visible(" ".join(text.split()))
    size = 12.0
    label_font, name_font = fonts.BOLD, fonts.REGULAR

    def width_at(points: float, shown: str) -> float:
        return float(stringWidth(PREPARED_FOR, label_font, points)
                     + stringWidth(shown, name_font, points))

    while size > 8 and width_at(size, name) > slot.width:
        size -= 0.5
    shown = name
    if width_at(size, name) > slot.width:  # still too wide at the smallest size: cut it
        while shown and width_at(size, shown + "\u2026") > slot.width:
            shown = shown[:-1]
        shown = shown.rstrip() + "\u2026"
    c.saveState()
    y = slot.y + (slot.height - size) / 2 + 2
    c.setFillColor(ACCENT)
    c.setFont(label_font, size)
    c.drawString(slot.x, y, PREPARED_FOR)
    c.setFillColor(INK)
    c.setFont(name_font, size)
    c.drawString(slot.x + stringWidth(PREPARED_FOR, label_font, size), y, shown)
    c.restoreState()


def build_pdf(
    story: list[Flowable],
    *,
    paper: str,
    furniture: Furniture,
    title: str,
    copies: Sequence[Copy] = (Copy(),),
    pad_to_even: bool = False,
    lang: str = "en",
    pages: Collection[int] | None = None,
) -> bytes:
    """Lay out ``story`` once and return the PDF's bytes, with one or more copies.

    Each copy has its own "Prepared for" stamp and field names. With
    ``pad_to_even`` a copy with an odd page count is followed by a blank page, so
    a duplex print never puts two people's pages on one sheet. ``pages`` (1-based
    numbers) keeps only those pages, still numbered "Page X of Y" as in the whole.
    """
    s = styles()
    # Binary (zlib) streams only: ASCII85 on top makes every stream a quarter bigger
    # and, in pure Python, costs more time than the layout of a batch of copies.
    rl_config.useA85 = 0
    g = geometry(paper, furniture)
    width, height, footer_top = g.width, g.height, g.footer_top
    crisis_width, number_width = g.crisis_width, g.number_width
    frame = Frame(
        MARGIN,
        g.frame_bottom,
        g.frame_width,
        g.frame_height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    header = None if furniture.practice is None else _header_parts(furniture.practice, width)
    crisis = _footer_paragraph(furniture)
    _, crisis_h = crisis.wrap(crisis_width, height)

    def draw(c: Canvas, number: int, total: int) -> None:
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        if header is None:
            c.setFont(fonts.REGULAR, 8.5)
            c.setFillColor(MUTED)
            c.drawString(MARGIN, height - 1.25 * cm, furniture.header)
        else:
            top = height - HEADER_TOP
            if header.logo is not None:
                c.drawImage(header.logo, MARGIN, top - header.logo_height,
                            width=header.logo_width, height=header.logo_height, mask="auto")
            y = top - header.name.height
            header.name.drawOn(c, header.text_x, y)
            if header.details is not None:
                header.details.drawOn(c, header.text_x, y - header.details.height)
        c.line(MARGIN, g.header_rule, width - MARGIN, g.header_rule)
        # footer: crisis line on the left, page number on the right
        c.line(MARGIN, footer_top, width - MARGIN, footer_top)
        crisis.drawOn(c, MARGIN, footer_top - 0.2 * cm - crisis_h)
        page = Paragraph(f"Page {number} of {total}", s.footer_right)
        _, ph = page.wrap(number_width, height)
        page.drawOn(c, width - MARGIN - number_width, footer_top - 0.2 * cm - ph)
        c.restoreState()

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(width, height),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=height - g.frame_top,
        bottomMargin=g.frame_bottom,
        title=title,
        author="",
        subject="",
        creator="First Session",
        producer="First Session",
        keywords="",
        invariant=1,  # fixed dates and ID: the file says nothing about when or where
        lang=lang,
        pageTemplates=[PageTemplate(id="page", frames=[frame])],
    )
    recorder = Recorder()
    canvas = _held_canvas(draw, recorder, copies, pad_to_even, _draw_stamp, pages)
    try:
        doc.build(story, canvasmaker=canvas)
    except LayoutError as err:  # a bug of ours, but the person gets a sentence, not a traceback
        raise PdfError(f"the PDF could not be laid out ({err})") from err
    return buffer.getvalue()


def iter_nonempty(*pairs: tuple[str, str]) -> Iterator[tuple[str, str]]:
    """The (label, text) pairs whose text is not blank."""
    return ((label, text) for label, text in pairs if text.strip())


def resolve_paper(paper: str | None, choice: str, country: str) -> str:
    """'A4' or 'Letter' from an explicit option, else the sheet's choice, else the locale."""
    from firstsession import localeinfo

    if paper is None or paper.lower() == "auto":
        return localeinfo.resolve_paper(choice, country)
    for name in PAGE_SIZES:
        if paper.lower() == name.lower():
            return name
    raise PdfError(f"unknown paper size {paper!r} (use A4 or Letter)")


def crisis_country(content: Content, code: str) -> CrisisCountry:
    """The crisis lines for ``code``; an empty code means the country of the system's locale."""
    from firstsession import localeinfo

    return content.crisis_for(code.strip() or localeinfo.guess_country())
