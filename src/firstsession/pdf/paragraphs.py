"""Plain text as paragraphs: split at blank lines, long text in pieces, any script.

Each paragraph takes the route ``pdf/rich.py`` describes: simple text becomes reportlab
Paragraphs (long text in pieces laid out without gaps, see ``_Chain``); other text
becomes one ScriptText per paragraph, which splits itself across pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Paragraph  # type: ignore[import-untyped]
from reportlab.platypus.paragraph import cleanBlockQuotedText  # type: ignore[import-untyped]

from firstsession import scripts
from firstsession.i18n import _
from firstsession.pdf.rich import Part, Text, block, markup_of, parts_of, prepared
from firstsession.pdf.text import markup, paragraphs, pieces, printable


def para(content: Text, style: ParagraphStyle) -> Flowable:
    """One paragraph from plain text or parts (escaped; newlines kept); see ``rich.block``."""
    return block(content, style)


def paras(
    text: str,
    style: ParagraphStyle,
    *,
    first: Sequence[Part] = (),
    last: Sequence[Part] = (),
    bullet: str | None = None,
) -> list[Flowable]:
    """Plain text as paragraphs, split at blank lines (long answers flow across pages).

    ``first`` and ``last`` (parts, e.g. a bold label) go before the first words and
    after the last; ``bullet`` marks the first paragraph.
    """
    out: list[Flowable] = []
    texts = paragraphs(text)
    before_all, after_all = parts_of(first), parts_of(last)
    for n, raw in enumerate(texts):
        before = before_all if n == 0 else ()
        after = after_all if n == len(texts) - 1 else ()
        body = printable(raw)
        first_bullet = bullet if not out else None
        if scripts.is_simple(body) and all(scripts.is_simple(t) for t, _ in before + after):
            out.extend(_simple(body, style, markup_of(before), markup_of(after), first_bullet))
        else:
            out.append(prepared((*before, (body, ""), *after), style, first_bullet))
    return out


def _simple(
    text: str, style: ParagraphStyle, before: str, after: str, bullet: str | None
) -> list[Paragraph]:
    """One simple paragraph as reportlab Paragraphs, in pieces when it is long
    (``text.pieces``); ``before`` and ``after`` are markup."""
    out: list[Paragraph] = []
    parts = pieces(text)
    chain = _Chain() if any(cont for _, cont in parts) else None
    for i, (piece, continues) in enumerate(parts):
        start = before if i == 0 else ""
        end = after if i == len(parts) - 1 else ""
        joined = _joined(style, i > 0, i < len(parts) - 1)
        first_bullet = bullet if i == 0 else None
        if chain is None:
            out.append(Paragraph(start + markup(piece) + end, joined, bulletText=first_bullet))
        else:
            out.append(chain.add(piece, continues, start, end, joined, first_bullet))
    return out


class _Chain:
    """The pieces of one paragraph cut inside a line (see ``text.pieces``), laid out as
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
        self.texts: list[str] = []  # each piece's plain text (already printable)
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


def labelled(
    label: str, text: str, style: ParagraphStyle, *, alone: bool = True
) -> list[Flowable]:
    """'**Label:** text' as paragraphs in pieces like ``paras``; when ``text`` is empty,
    the label alone (``alone``) or nothing. Both are plain text."""
    bold: tuple[Part, ...] = ((_("{label}:").format(label=label), "b"), (" ", ""))
    return paras(text, style, first=bold) or ([para(bold, style)] if alone else [])


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
