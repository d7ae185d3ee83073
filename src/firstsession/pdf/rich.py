"""Text with a little emphasis on its way to the page: one route for every script.

Every piece of text a PDF prints (a person's words, a practice's, our fixed wording)
becomes a flowable through ``block`` or a line on the canvas through ``line``. Text is
given as plain strings or as ``Part``s, (text, look) pairs such as a bold label before an
answer, never as markup: markup is made here, escaped, for the route that needs it.

- Text the bundled Noto Sans draws as it is (``scripts.is_simple``: Latin, Greek,
  Cyrillic with precomposed accents) is laid out as before, as reportlab Paragraph
  markup, so its PDF and its speed stay what they were.
- Anything else (other scripts, combining marks, emoji, right-to-left text) goes to
  the engine's ``ScriptText``/``draw_line`` (``pdf/scripttext.py``), which picks a face
  per cluster, shapes it with HarfBuzz and orders right-to-left runs.
- Clusters no bundled face can draw never reach either route: ``printable`` puts
  their script's name in brackets ("[Javanese]"). The filled sheet stops before that
  and asks the person first (``printed.undrawable``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from reportlab.lib.colors import Color  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Paragraph  # type: ignore[import-untyped]

import firstsession.pdf.fonts as fonts
from firstsession import scripts
from firstsession.pdf.styles import ACCENT_HEX
from firstsession.pdf.text import markup, printable

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

# How a part looks: plain, bold, italic, bold italic, or a key mark (bold, in the accent
# colour). ScriptText has bold and plain only: italic parts are plain there.
Look = Literal["", "b", "i", "bi", "key"]
Part = tuple[str, Look]
Text = str | Sequence[Part]

_TAGS: dict[str, tuple[str, str]] = {
    "": ("", ""),
    "b": ("<b>", "</b>"),
    "i": ("<i>", "</i>"),
    "bi": ("<b><i>", "</i></b>"),
    "key": (f'<font color="{ACCENT_HEX}"><b>', "</b></font>"),
}
_BOLD_FONTS = frozenset({fonts.BOLD, fonts.BOLD_ITALIC})
_BOLD_LOOKS = frozenset({"b", "bi", "key"})


def parts_of(content: Text) -> tuple[Part, ...]:
    """``content`` as parts, each made printable (see ``printable``); empty parts dropped."""
    parts: Sequence[Part] = ((content, ""),) if isinstance(content, str) else content
    return tuple((printable(text), look) for text, look in parts if text)


def is_simple(parts: Sequence[Part]) -> bool:
    """True when every part can take today's Paragraph route (``scripts.is_simple``)."""
    return all(scripts.is_simple(text) for text, _ in parts)


def markup_of(parts: Sequence[Part]) -> str:
    """Simple parts as Paragraph markup: each escaped (``text.markup``), in its look's tags."""
    out = []
    for text, look in parts:
        start, end = _TAGS[look]
        out.append(start + markup(text) + end)
    return "".join(out)


def spans_of(parts: Sequence[Part], bold: bool = False) -> list[tuple[str, bool]]:
    """Parts as the engine's spans (text, bold): bold and key parts are bold, and every
    part is bold when ``bold`` (a style whose font is bold, such as a heading)."""
    return [(text, bold or look in _BOLD_LOOKS) for text, look in parts]


def style_is_bold(style: ParagraphStyle) -> bool:
    """True when ``style`` prints in the bold face (headings, labels)."""
    return style.fontName in _BOLD_FONTS


def block(content: Text, style: ParagraphStyle, *, bullet: str | None = None) -> Flowable:
    """One paragraph of ``content`` in ``style``, with an optional ``bullet`` ("1.", "•").

    Returns a reportlab Paragraph for simple text (exactly the markup and speed of
    before) and the engine's ScriptText otherwise (a ``Bulleted`` one with a bullet).
    """
    return prepared(parts_of(content), style, bullet)


def prepared(parts: Sequence[Part], style: ParagraphStyle, bullet: str | None = None) -> Flowable:
    """``block`` for parts already made printable (``parts_of``): not made so twice."""
    if is_simple(parts):
        return Paragraph(markup_of(parts), style, bulletText=bullet)
    from firstsession.pdf.scripttext import ScriptText

    text = ScriptText(spans_of(parts, style_is_bold(style)), style)
    return text if bullet is None else Bulleted(text, bullet, style)


class Bulleted(Flowable):  # type: ignore[misc]
    """A ScriptText with a bullet ("1.", "•") drawn where a Paragraph draws its bulletText.

    The style's ``leftIndent`` makes room for it; ``bulletIndent`` says where it goes.
    When split across pages, only the first part keeps the bullet.
    """

    def __init__(self, inner: Flowable, bullet: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.inner, self.bullet, self.style = inner, bullet, style

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = self.inner.split(avail_width, avail_height)
        if len(parts) < 2:
            return parts
        return [Bulleted(parts[0], self.bullet, self.style), *parts[1:]]

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802
        return float(self.inner.getSpaceAfter())

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, 0)
        style = self.style
        font = getattr(style, "bulletFontName", None) or style.fontName
        size = getattr(style, "bulletFontSize", None) or style.fontSize
        c = self.canv
        c.saveState()
        c.setFont(font, size)
        c.setFillColor(style.textColor)
        c.drawString(style.bulletIndent, self.height - style.fontSize, self.bullet)
        c.restoreState()


def line_width(content: Text, font: str, size: float) -> float:
    """The width in points of ``content`` drawn as one line in ``font`` at ``size`` points."""
    parts = parts_of(content)
    if is_simple(parts):
        return sum(float(stringWidth(text, _font_for(font, look), size)) for text, look in parts)
    from firstsession.pdf import scripttext

    return float(scripttext.line_width(spans_of(parts, font in _BOLD_FONTS), size))


def _font_for(font: str, look: Look) -> str:
    """The face a part of a simple line is drawn in: bold parts in the bold face."""
    return fonts.BOLD if look in _BOLD_LOOKS else font


def line(
    c: Canvas,
    x: float,
    y: float,
    content: Text,
    *,
    font: str,
    size: float,
    colour: Color | None = None,
    align: Literal["left", "right", "centre"] = "left",
) -> float:
    """Draw ``content`` as one line at (x, y) (points; the baseline), ``align``ed on x.

    Simple text is drawn in ``font`` (bold parts in the bold face) as before; other
    text through the engine's ``draw_line`` (bold when ``font`` is). Returns the
    width drawn in points.
    """
    parts = parts_of(content)
    if not is_simple(parts):
        from firstsession.pdf import scripttext

        spans = spans_of(parts, font in _BOLD_FONTS)
        return float(scripttext.draw_line(c, x, y, spans, size, colour=colour, align=align))
    width = line_width(parts, font, size)
    start = {"left": x, "right": x - width, "centre": x - width / 2}[align]
    c.saveState()
    if colour is not None:
        c.setFillColor(colour)
    if len(parts) == 1 and parts[0][1] in ("", "i"):
        # One plain part: the same drawing call as before (the same page code).
        c.setFont(font, size)
        draw = {"left": c.drawString, "right": c.drawRightString, "centre": c.drawCentredString}
        draw[align](x, y, parts[0][0])
    else:
        for text, look in parts:
            c.setFont(_font_for(font, look), size)
            c.drawString(start, y, text)
            start += stringWidth(text, _font_for(font, look), size)
    c.restoreState()
    return width
