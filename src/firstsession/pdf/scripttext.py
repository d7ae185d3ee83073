"""A person's text in any script on the page: the ScriptText flowable and one-line drawing.

The router that sends simple text to today's Paragraph and the rest here is
``pdf/rich.py`` (``block``, ``line``): every PDF text goes through it.
- ``ScriptText``: runs by face and bidi level (``scripts.runs``), pieces cut after
  spaces and between CJK characters, each shaped with its own face
  (``shaping.shape``), greedy line breaking on shaped widths, words longer than a
  line cut between clusters, per line UBA L1 and L2, right-to-left paragraphs
  right-aligned; flows and splits across pages like a Paragraph.
- ``draw_line``/``line_width``: one line (headers, footers, "Prepared for").

All lengths are in points. Drawing goes through reportlab's TrueType subsets, so
embedding, subsetting and the ToUnicode map stay reportlab's (with ``shaping``'s fix).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import ShapedStr  # type: ignore[import-untyped]
from reportlab.platypus.flowables import Flowable  # type: ignore[import-untyped]

from firstsession import scripts
from firstsession.pdf import fonts, shaping
from firstsession.pdf.text import printable

Span = tuple[str, bool]  # (text, bold)
Content = str | Sequence[Span]
_WORDS = re.compile(r" +|[^ ]+")
_NO_BREAK = frozenset("\u00a0\u2007\u202f")  # spaces a line must not break at (UAX #14 GL)
_OPENING = frozenset({"Ps", "Pi"})  # opening brackets and quotes: never end a line
_CJK = frozenset({"Hani", "Hira", "Kana", "Hang", "Bopo", "Yiii"})


def spans_of(content: Content) -> list[Span]:
    """``content`` as a list of (text, bold) spans (a str is one regular span)."""
    return [(content, False)] if isinstance(content, str) else list(content)


@dataclass
class Piece:
    """A word, a space or a CJK character: one font, one bidi level, drawn as one string."""

    text: str
    font: str
    level: int
    space: bool
    shaped: shaping.Shaped

    def width(self, size: float) -> float:
        """Width in points at ``size`` points."""
        return self.shaped.width(size)


Line = list[Piece]


def _prepare(spans: Sequence[Span]) -> tuple[str, list[bool], list[int]]:
    """The spans' text (each ``text.printable``, tabs as spaces), a bold flag per
    character, and the indices where one span meets the next (each its own bidi unit)."""
    text, bold, boundaries = "", [], []
    for part, is_bold in spans:
        part = printable(part).replace("\t", " ")
        if text and part:
            boundaries.append(len(text))
        text += part
        bold += [is_bold] * len(part)
    return text, bold, boundaries


def _font(face: scripts.Face, bold: bool, italic: bool) -> str:
    if italic and face.name == fonts.REGULAR:
        fonts.register()
        return fonts.BOLD_ITALIC if bold else fonts.ITALIC
    return fonts.face_font(face, bold)


def pieces(text: str, bold: Sequence[bool], *, base_level: int | None = None,
           bold_style: bool = False, italic: bool = False,
           boundaries: Sequence[int] = ()) -> tuple[list[Piece], int]:
    """One paragraph (no newline) as shaped pieces in logical order, and its base level.

    A piece ends after spaces, before each CJK character unless an opening bracket or
    quote comes first (a line may break there; closing punctuation such as "，" stays
    with the character before it, as UAX #14 asks), and where the face, level or
    boldness changes. ``bold`` holds one flag per
    character of ``text`` (NFC); ``bold_style`` makes every piece bold. ``boundaries``
    are where one span meets the next: each span is its own bidi unit
    (``scripts.bidi_levels``), so fixed wording is never reordered by a person's words.
    """
    if not base_level and scripts.is_simple(text) and not any(bold) and not bold_style:
        words = _WORDS.findall(unicodedata.normalize("NFC", text))
        return [_piece(word, scripts.FACES[0], 0, False, italic) for word in words], 0
    runs, base = scripts.runs(text, base_level, boundaries)
    out: list[Piece] = []
    pos = 0
    for run in runs:
        if run.face is None:  # no face draws it: its script's name instead, never .notdef
            is_bold = bold_style or bold[pos]
            pos += len(run.text)
            named = scripts.replace_missing(run.text)
            out.append(_piece(named, scripts.FACES[0], run.level, is_bold, italic))
            continue
        buf, buf_bold, buf_space = "", False, False
        buf_cjk = buf_opening = False  # buf holds a CJK character / only opening marks
        for cluster in scripts.clusters(run.text):
            is_bold = bold_style or bold[pos]
            pos += len(cluster)
            space = cluster.isspace() and cluster not in _NO_BREAK
            cjk = scripts.script_of(cluster) in _CJK
            opens = unicodedata.category(cluster[0]) in _OPENING
            if buf and (space != buf_space or is_bold != buf_bold
                        or (cjk and not buf_opening) or (opens and buf_cjk)):
                out.append(_piece(buf, run.face, run.level, buf_bold, italic))
                buf = ""
            if not buf:
                buf_cjk, buf_opening = cjk, opens
            buf += cluster
            buf_cjk = buf_cjk or cjk
            buf_opening = buf_opening and opens
            buf_bold, buf_space = is_bold, space
        if buf:
            out.append(_piece(buf, run.face, run.level, buf_bold, italic))
    return out, base


def _piece(text: str, face: scripts.Face, level: int, bold: bool, italic: bool) -> Piece:
    font = _font(face, bold, italic)
    space = text.isspace() and not _NO_BREAK.intersection(text)
    return Piece(text, font, level, space, shaping.shape(font, text, bool(level % 2)))


def cut_word(piece: Piece, width: float, size: float) -> list[Piece]:
    """A word wider than ``width`` points cut between clusters into pieces that fit (at
    least one cluster each); each cluster is measured once, so this is linear."""
    if piece.space or piece.width(size) <= width:
        return [piece]
    rtl = bool(piece.level % 2)
    out: list[Piece] = []
    buf, used = "", 0.0
    for cluster in scripts.clusters(piece.text):
        w = shaping.shape(piece.font, cluster, rtl).width(size)
        if buf and used + w > width:
            out.append(replace(piece, text=buf, shaped=shaping.shape(piece.font, buf, rtl)))
            buf, used = "", 0.0
        buf += cluster
        used += w
    if buf:
        out.append(replace(piece, text=buf, shaped=shaping.shape(piece.font, buf, rtl)))
    return out


def break_lines(items: list[Piece], first: float, rest: float, size: float
                ) -> list[tuple[int, int]]:
    """Greedy line breaking of pieces that each fit a line (see ``cut_word``): the
    (start, end) index range of ``items`` on each line. ``first`` and ``rest`` are the
    widths in points of the first and later lines; spaces at a line's start and end
    are left out. An empty paragraph is one empty line."""
    ranges: list[tuple[int, int]] = []
    start: int | None = None
    used, limit = 0.0, first

    def trimmed(begin: int, end: int) -> tuple[int, int]:
        while end > begin and items[end - 1].space:
            end -= 1
        return begin, end

    for i, item in enumerate(items):
        if start is None:
            if item.space:
                continue
            start, used = i, 0.0
        width = item.width(size)
        if not item.space and i > start and used + width > limit:
            ranges.append(trimmed(start, i))
            start, used, limit = i, 0.0, rest
        used += width
    if start is not None:
        ranges.append(trimmed(start, len(items)))
    return ranges or [(len(items), len(items))]


def visual_order(line: Line, base_level: int) -> Line:
    """One line's pieces in drawing order (left to right): UBA rule L1 (trailing spaces take
    the base level) then L2 (reverse every run at level >= k, highest k first)."""
    levels = [p.level for p in line]
    end = len(line)
    while end and line[end - 1].space:
        end -= 1
        levels[end] = base_level
    order = list(range(len(line)))
    if not levels:
        return []
    high = max(levels)
    low_odd = min((lv for lv in levels if lv % 2), default=high + 1)
    for k in range(high, low_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= k:
                j = i
                while j < len(order) and levels[order[j]] >= k:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return [line[i] for i in order]


def _draw_pieces(canvas: Any, x: float, y: float, line: Line, size: float) -> None:
    """Draw a line's pieces left to right from (x, y); neighbours in one font that need no
    positioning (plain strings: CJK, spaces, unshaped words) go out as one string."""
    text = canvas.beginText(x, y)
    start = x
    runs: list[tuple[str, str, float]] = []  # (font, string, width)
    for piece in line:
        string = piece.shaped.string
        if runs and runs[-1][0] == piece.font and not isinstance(string, ShapedStr) \
                and not isinstance(runs[-1][1], ShapedStr):
            font, pending, width = runs[-1]
            runs[-1] = (font, pending + string, width + piece.width(size))
        else:
            runs.append((piece.font, string, piece.width(size)))
    for font, string, width in runs:
        if x != start:
            text.setTextOrigin(x, y)
        text.setFont(font, size)
        text._textOut(string)
        x += width
    canvas.drawText(text)


@dataclass
class _Para:
    """One paragraph (text between newlines) as pieces in logical order, and its base level."""

    items: list[Piece]
    base: int


@dataclass
class _Line:
    """A laid-out line: pieces ``para.items[start:end]`` (logical order) of paragraph ``para``."""

    pieces: Line
    base: int
    first: bool  # the flowable's first line: firstLineIndent applies
    para: int
    start: int


@dataclass
class _Laid:
    """The paragraphs as cut for one width, and the lines laid out at it."""

    width: float
    paras: list[_Para]
    lines: list[_Line]


class ScriptText(Flowable):  # type: ignore[misc]
    """Text in any script laid out by us, with a ParagraphStyle's font size, leading, colour,
    alignment (justify as left), indents and space before/after; bold spans use a
    face's bold file when it has one. Splits across pages between lines.

    The text is cut into shaped pieces once; each width only re-breaks the lines.
    """

    def __init__(self, spans: Content, style: ParagraphStyle, *, base_level: int | None = None,
                 _paras: list[_Para] | None = None, _continued: bool = False) -> None:
        super().__init__()
        self.spans = spans_of(spans)
        self.style = style
        self.base_level = base_level
        self._paras = _paras
        self._continued = _continued  # the rest of a split: no first-line indent
        self._laid: _Laid | None = None
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter

    def _paragraphs(self) -> list[_Para]:
        if self._paras is None:
            name = self.style.fontName
            bold_style = name in (fonts.BOLD, fonts.BOLD_ITALIC)
            italic = name in (fonts.ITALIC, fonts.BOLD_ITALIC)
            text, bold, boundaries = _prepare(self.spans)
            self._paras = []
            start = 0
            for para in text.split("\n"):
                flags = bold[start:start + len(para)]
                cuts = [cut - start for cut in boundaries if start < cut < start + len(para)]
                start += len(para) + 1
                items, base = pieces(para, flags, base_level=self.base_level,
                                     bold_style=bold_style, italic=italic, boundaries=cuts)
                self._paras.append(_Para(items, base))
        return self._paras

    def _layout(self, width: float) -> _Laid:
        style = self.style
        size = style.fontSize
        inner = max(width - style.leftIndent - style.rightIndent, size)
        paras: list[_Para] = []
        lines: list[_Line] = []
        for n, para in enumerate(self._paragraphs()):
            parts = [part for item in para.items for part in cut_word(item, inner, size)]
            paras.append(_Para(parts, para.base))
            indent = style.firstLineIndent if not lines and not self._continued else 0
            for start, end in break_lines(parts, inner - indent, inner, size):
                lines.append(_Line(parts[start:end], para.base,
                                   not lines and not self._continued, n, start))
        return _Laid(width, paras, lines)

    def laid_lines(self) -> list[tuple[Line, int]]:
        """The lines of the last ``wrap``: (pieces in logical order, base level 0/1) each."""
        return [(line.pieces, line.base) for line in (self._laid.lines if self._laid else [])]

    def minWidth(self) -> float:
        """The widest word plus the indents, in points (what a table column needs)."""
        size = self.style.fontSize
        widest = max((p.width(size) for para in self._paragraphs() for p in para.items
                      if not p.space), default=0.0)
        return float(widest + self.style.leftIndent + self.style.rightIndent
                     + (0 if self._continued else max(self.style.firstLineIndent, 0)))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Lay out at ``availWidth`` points; returns (width, height) in points."""
        if self._laid is None or self._laid.width != availWidth:
            self._laid = self._layout(availWidth)
        self.width = availWidth
        self.height = len(self._laid.lines) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The lines that fit in ``availHeight`` points and the rest ([] if none fit)."""
        self.wrap(availWidth, availHeight)
        assert self._laid is not None
        fit = int(availHeight // self.style.leading)
        lines = self._laid.lines
        if fit <= 0:
            return []
        if fit >= len(lines):
            return [self]
        cut = lines[fit]
        paras = self._laid.paras
        before = paras[:cut.para] + ([_Para(paras[cut.para].items[:cut.start], cut.base)]
                                     if cut.start else [])
        after = [_Para(paras[cut.para].items[cut.start:], cut.base), *paras[cut.para + 1:]]
        head = ScriptText(self.spans, self.style, base_level=self.base_level, _paras=before,
                          _continued=self._continued)
        tail = ScriptText(self.spans, self.style, base_level=self.base_level, _paras=after,
                          _continued=True)
        head.spaceAfter = 0
        tail.spaceBefore = 0
        return [head, tail]

    def draw(self) -> None:
        """Draw every line: baseline one font size below the top, then one leading apart."""
        assert self._laid is not None
        style = self.style
        size = style.fontSize
        canvas = self.canv
        canvas.setFillColor(style.textColor)
        y = self.height - size
        for line in self._laid.lines:
            left = style.leftIndent + (style.firstLineIndent if line.first else 0)
            right = self.width - style.rightIndent
            visual = visual_order(line.pieces, line.base)
            total = sum(p.width(size) for p in visual)
            if style.alignment == TA_CENTER:
                x = (left + right - total) / 2
            elif style.alignment == TA_RIGHT or line.base % 2:
                x = right - total
            else:
                x = left
            _draw_pieces(canvas, x, y, visual, size)
            y -= style.leading


def _line(content: Content, size: float) -> tuple[Line, float]:
    text, bold, boundaries = _prepare(spans_of(content))
    items, base = pieces(text.replace("\n", " "), bold, boundaries=boundaries)
    line = visual_order(items, base)
    return line, sum(p.width(size) for p in line)


def line_width(content: Content, size: float) -> float:
    """Width in points of ``content`` drawn on one line at ``size`` points (as ``draw_line``)."""
    return _line(content, size)[1]


def draw_line(canvas: Any, x: float, y: float, content: Content, size: float, *,
              colour: Any = None, align: str = "left") -> float:
    """Draw ``content`` as one line (newlines become spaces) with its baseline at ``y``; returns its
    width in points.

    ``align`` "left" starts at ``x``, "right" ends at ``x``, "centre" centres on
    ``x``. ``colour`` (a reportlab colour) sets the fill colour; None keeps the
    canvas's. The canvas's state (colour, font) is as before afterwards. Raises
    ValueError for another ``align``.
    """
    if align not in ("left", "right", "centre"):
        raise ValueError(f"align must be left, right or centre, not {align!r}")
    line, width = _line(content, size)
    start = x if align == "left" else x - width if align == "right" else x - width / 2
    canvas.saveState()  # the colour and fonts set here do not leak to the caller's drawing
    if colour is not None:
        canvas.setFillColor(colour)
    _draw_pieces(canvas, start, y, line, size)
    canvas.restoreState()
    return width
