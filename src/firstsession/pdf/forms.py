"""Fillable form fields and per-copy slots: noted during layout, drawn for every copy.

A handout is laid out once. Flowables that become form fields (or the slot for a
client's name) do not draw them during layout: they note where they landed on the
canvas's Recorder, and ``document.build_pdf`` draws them for every copy. So one
layout serves 200 personalised, fillable copies, each with its own field names.

Text fields are multiline, have no length cap and draw what is typed or filled in the
form's own embedded Unicode font at auto size (``formfont``), so Greek, Cyrillic and
Vietnamese show in readers, not only Latin-1; tools/form_matrix.py measures which readers
show which scripts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import Color  # type: ignore[import-untyped]
from reportlab.pdfbase.acroform import bsPDF, makeFlags  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfdoc import (  # type: ignore[import-untyped]
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFString,
)
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from firstsession.pdf import formfont
from firstsession.pdf.styles import ACCENT, ACCENT_SOFT, INK, RULE, WRITE_IN_GAP


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
    """Where one layout put its form fields and name slots (``build_pdf`` draws them per copy)."""

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
    """The Recorder of a canvas made by ``build_pdf``; None on any other canvas."""
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


FIELD_FONT_SIZE = 0  # auto: readers shrink the text to fit the box (PDF 32000-1, 12.7.3.3)
MULTILINE = 1 << 12  # the text field flag "multiline" (PDF 32000-1, table 228): long text wraps
TEXT_BORDER_WIDTH = 0.6  # points


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


def _field_font(form: Any) -> Any:
    """The form's Unicode font (``formfont``), written into the document on first use.

    It becomes the form's default resource (``/DR /Font``) and default appearance
    (``/DA``), so a reader that draws a typed or filled value uses it.
    """
    ref = getattr(form, "_fs_font", None)
    if ref is None:
        doc = form.canv._doc
        ref = form._fs_font = formfont.add_to_document(doc)
        name = formfont.RESOURCE_NAME
        form.extras["DR"] = PDFDictionary({"Font": PDFDictionary({name: ref})})
        form.extras["DA"] = PDFString(_default_appearance(form))
    return ref


def _default_appearance(form: Any) -> str:
    """``/DA`` for text fields: the form font at auto size (0 Tf), in the ink colour."""
    return f"/{formfont.RESOURCE_NAME} {FIELD_FONT_SIZE} Tf {form.streamFillColor(INK)}"


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


def draw_field(c: Canvas, spot: FieldSpot, prefix: str) -> None:
    """Draw one form field of one copy: a text box or a check box, named ``prefix + spot.name``."""
    form = _form(c)
    name = prefix + spot.name
    tooltip = spot.tooltip[:200]
    doc = c._doc
    templates: dict[tuple[str, float, float], tuple[bytes, bytes | None]] = (
        form.__dict__.setdefault("_fs_templates", {})
    )
    key = (spot.kind, round(spot.width, 3), round(spot.height, 3))
    if key not in templates:  # the first of its kind and size: format what all share, once
        templates[key] = (_text_template(form, spot) if spot.kind == "text"
                          else _check_template(form, spot, name, tooltip))
        if spot.kind != "text":
            return  # reportlab drew this one
    common, look_bytes = templates[key]
    look = None if look_bytes is None else doc.Reference(_Formatted(look_bytes))
    rect = (spot.x, spot.y, spot.x + spot.width, spot.y + spot.height)
    widget = _Widget(common, doc.thisPageRef(), rect, name, tooltip, look)
    c._addAnnotation(widget)
    form.fields.append(form.getRef(widget))


def _common_bytes(doc: Any, entries: dict[str, Any]) -> bytes:
    return b" ".join(
        pdf_format(PDFName(k), doc) + b" " + pdf_format(v, doc) for k, v in sorted(entries.items())
    )


def _check_template(form: Any, spot: FieldSpot, name: str, tooltip: str) -> tuple[bytes, None]:
    """Draw a check box with reportlab and keep the entries every check box of its size shares."""
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
    doc = form.canv._doc
    made = doc.idToObject[form.fields[-1].name]
    shared = {k: v for k, v in made.dict.items() if k not in _Widget.VARYING}
    return _common_bytes(doc, shared), None


def _text_template(form: Any, spot: FieldSpot) -> tuple[bytes, bytes]:
    """The entries every text box of this size shares, and the bytes of its empty look.

    A text box is multiline (long answers wrap), has no length cap, and draws typed
    text in the form's Unicode font at auto size (``formfont``; PDF 32000-1, 12.7.4.3).
    """
    doc = form.canv._doc
    font_ref = _field_font(form)
    look = form.txAP(
        "N", "", formfont.RESOURCE_NAME,
        f"<</{formfont.RESOURCE_NAME} {font_ref.format(doc).decode('ascii')}>>",
        FIELD_FONT_SIZE, fillColor=ACCENT_SOFT, borderColor=RULE, textColor=INK,
        borderWidth=TEXT_BORDER_WIDTH, width=spot.width, height=spot.height,
    )
    shared = {
        "FT": PDFName("Tx"),
        "Ff": MULTILINE,
        "V": PDFString(""),
        "DV": PDFString(""),
        "DA": PDFString(_default_appearance(form)),
        "F": makeFlags("print"),
        "Subtype": PDFName("Widget"),
        "Type": PDFName("Annot"),
        "MK": PDFDictionary({"BG": PDFArray(form.colorTuple(ACCENT_SOFT)),
                             "BC": PDFArray(form.colorTuple(RULE))}),
        "BS": bsPDF(TEXT_BORDER_WIDTH, "solid", 3),
    }
    return _common_bytes(doc, shared), look.format(doc)
