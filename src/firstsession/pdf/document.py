"""Pages around the story and the document itself: header, footer, copies, ``build_pdf``.

``build_pdf`` lays out a story on A4 or Letter with a header and a footer (crisis
line, "Page X of Y") on every page and neutral metadata, once, and prints one or
more copies from that one layout.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    Flowable,
    Frame,
    LayoutError,
    PageTemplate,
)

import firstsession.pdf.fonts as fonts
from firstsession import localeinfo, scripts
from firstsession.content import Content, CrisisCountry
from firstsession.i18n import N_, _
from firstsession.pdf.errors import PdfError
from firstsession.pdf.forms import Recorder, SlotSpot, draw_field
from firstsession.pdf.rich import block, line, line_width
from firstsession.pdf.styles import ACCENT, INK, MARGIN, MUTED, PAGE_SIZES, RULE, styles
from firstsession.pdf.text import printable, shorten


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
BLANK_PAGE_NOTE = N_("This page is left blank so that the next handout starts on a new sheet.")
PREPARED_FOR = N_("Prepared for:")  # followed by a space and the client's name
PAGE_OF = N_("Page {number} of {total}")


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
                            draw_field(self, spot, copy.field_prefix)
                    Canvas.showPage(self)
                if pad_to_even and total % 2:
                    self._restore(self._held_pages[-1])
                    self.__dict__.update(_code=[], _annotationrefs=[])
                    line(self, self._pagesize[0] / 2, self._pagesize[1] / 2, _(BLANK_PAGE_NOTE),
                         font=fonts.ITALIC, size=9, colour=MUTED, align="centre")
                    Canvas.showPage(self)
            Canvas.save(self)

    return HeldCanvas


# Canvas attributes that belong to the document, not to a held page.
_CANVAS_COUNTERS = frozenset({"_annotationCount", "_pageNumber", "_doc", "_acroForm"})
_PAGE_LISTS = frozenset({"_code", "_annotationrefs", "_formsinuse", "_psCommandsAfterPage",
                         "_psCommandsBeforePage"})


def _footer_paragraph(furniture: Furniture) -> Flowable:
    return block(furniture.crisis, styles().footer)


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
    name: Flowable
    details: Flowable | None
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
    name_text, _cut = shorten(practice.name, 200, 1)
    name = block(name_text, name_style)
    _width, height = name.wrap(text_width, 100)
    details = None
    if practice.details.strip():
        details_text, cut = shorten(practice.details, 300, 1)
        details = block(details_text + (" \u2026" if cut else ""), details_style)
        height += details.wrap(text_width, 100)[1]
    return _HeaderParts(
        logo, logo_width, logo_height, name, details, text_x, max(height, logo_height)
    )


def geometry(paper: str, furniture: Furniture) -> Geometry:
    """Where the header, footer and story go on ``paper`` ("A4" or "Letter")."""
    width, height = PAGE_SIZES[paper]
    number_width = 2.6 * cm
    crisis_width = width - 2 * MARGIN - number_width - 0.4 * cm
    # A long crisis line wraps; the story's frame moves up to make room for it.
    _width, crisis_height = _footer_paragraph(furniture).wrap(crisis_width, height)
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
    """ "Prepared for: <name>" in its slot: smaller type for a long name, then cut short
    (between clusters, so a letter never loses its marks). The name may be in any script."""
    name = printable(" ".join(text.split()))
    label = _(PREPARED_FOR) + " "
    size = 12.0
    label_font, name_font = fonts.BOLD, fonts.REGULAR

    def width_at(points: float, shown: str) -> float:
        return line_width(label, label_font, points) + line_width(shown, name_font, points)

    while size > 8 and width_at(size, name) > slot.width:
        size -= 0.5
    shown = name
    if width_at(size, name) > slot.width:  # still too wide at the smallest size: cut it
        kept = scripts.clusters(name)
        while kept and width_at(size, "".join(kept) + "\u2026") > slot.width:
            kept.pop()
        shown = "".join(kept).rstrip() + "\u2026"
    y = slot.y + (slot.height - size) / 2 + 2
    label_width = line(c, slot.x, y, label, font=label_font, size=size, colour=ACCENT)
    line(c, slot.x + label_width, y, shown, font=name_font, size=size, colour=INK)


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
    _width, crisis_h = crisis.wrap(crisis_width, height)

    def draw(c: Canvas, number: int, total: int) -> None:
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        if header is None:
            line(c, MARGIN, height - 1.25 * cm, furniture.header, font=fonts.REGULAR, size=8.5,
                 colour=MUTED)
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
        page = block(_(PAGE_OF).format(number=number, total=total), s.footer_right)
        _width, ph = page.wrap(number_width, height)
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
        raise PdfError(_("the PDF could not be laid out ({reason})").format(reason=err)) from err
    return buffer.getvalue()


def resolve_paper(paper: str | None, choice: str, country: str) -> str:
    """'A4' or 'Letter' from an explicit option, else the sheet's choice, else the locale."""
    if paper is None or paper.lower() == "auto":
        return localeinfo.resolve_paper(choice, country)
    for name in PAGE_SIZES:
        if paper.lower() == name.lower():
            return name
    raise PdfError(_("unknown paper size {paper} (use A4 or Letter)").format(paper=repr(paper)))


def crisis_country(content: Content, code: str) -> tuple[CrisisCountry, ...]:
    """The countries whose help is shown for a person in ``code`` (an empty code means the
    system locale's country): that one; with a packet, the packet's country first, then
    the person's own when it differs (Content.crisis_shown)."""
    if content.packet is not None and content.packet.country:
        # A packet names its country: the printing computer's locale is not the client's.
        return content.crisis_shown(code.strip())
    return content.crisis_shown(code.strip() or localeinfo.guess_country())
