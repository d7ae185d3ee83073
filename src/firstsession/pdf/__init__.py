"""PDFs: the filled preparation sheet and the blank printable handout.

Importing this package is cheap: reportlab is imported on the first render, so
the app can name ``PdfError`` without paying for it at start-up.

Every user value is escaped before layout, every page carries the crisis line
and "Page X of Y", and the file's metadata names nobody (no user, no machine).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from firstsession.content import Content
    from firstsession.model import Sheet

__all__ = [
    "PdfError",
    "Undrawable",
    "export_blank",
    "export_sheet",
    "render_blank",
    "render_sheet",
    "undrawable",
]


class PdfError(Exception):
    """The PDF could not be made or saved; the message is plain words for people."""


@dataclass(frozen=True)
class Undrawable:
    """Characters in one field that the bundled font cannot draw."""

    field: str  # a label a person recognises, e.g. "Notes" or "Feeling 2: what helps"
    chars: str  # the distinct characters, in order of appearance


def undrawable(sheet: Sheet, *, content: Content | None = None) -> list[Undrawable]:
    """Every printed text field with characters the font cannot draw.

    Only what the PDF would print is checked: private answers and sections left
    out of ``sheet.export.sections`` never stop an export.
    """
    from firstsession.pdf import sheet as sheet_pdf

    return sheet_pdf.undrawable(sheet, content)


def render_sheet(
    sheet: Sheet,
    *,
    content: Content | None = None,
    paper: str | None = None,
    replace_missing: bool = False,
) -> bytes:
    """The filled sheet as PDF bytes.

    ``paper`` is "A4" or "Letter"; None (or "auto") follows the sheet's choice and
    then the locale. Characters the font cannot draw raise PdfError naming the
    fields, unless ``replace_missing`` shows them as ``[U+XXXX]``.
    """
    from firstsession.pdf import sheet as sheet_pdf

    return sheet_pdf.render(sheet, content=content, paper=paper, replace_missing=replace_missing)


def render_blank(
    *, content: Content | None = None, paper: str | None = None, country: str = ""
) -> bytes:
    """The blank handout to fill in by hand, as PDF bytes (crisis lines for ``country``)."""
    from firstsession.pdf import handout

    return handout.render(content=content, paper=paper, country=country)


def export_sheet(
    sheet: Sheet,
    out: Path,
    *,
    content: Content | None = None,
    paper: str | None = None,
    replace_missing: bool = False,
) -> None:
    """Render the filled sheet and save it atomically to ``out``."""
    data = render_sheet(sheet, content=content, paper=paper, replace_missing=replace_missing)
    _write(out, data)


def export_blank(
    out: Path, *, content: Content | None = None, paper: str | None = None, country: str = ""
) -> None:
    """Render the blank handout and save it atomically to ``out``."""
    _write(out, render_blank(content=content, paper=paper, country=country))


def _write(out: Path, data: bytes) -> None:
    from firstsession.storage import atomic_write

    try:
        atomic_write(Path(out), data)
    except OSError as err:
        reason = err.strerror or str(err)
        raise PdfError(f"cannot write {out}: {reason}") from None
