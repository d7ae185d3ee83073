"""PDFs: the filled preparation sheet and the blank printable handout (the public API).

Importing this package is cheap: reportlab is imported on the first render, so
the app can name ``PdfError`` without paying for it at start-up. This module only
forwards to the submodules; none of them imports it.

Every user value is escaped before layout, every page carries the crisis line
and "Page X of Y", and the file's metadata names nobody (no user, no machine).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from firstsession.pdf.errors import PdfError, Undrawable, UndrawableError
from firstsession.pdf.options import HandoutOptions, SheetOptions

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Unpack

    from firstsession.content import Content
    from firstsession.model import Sheet

__all__ = [
    "HandoutOptions",
    "SheetOptions",
    "PdfError",
    "Undrawable",
    "UndrawableError",
    "export_blank",
    "export_sheet",
    "write_pdf",
    "render_blank",
    "render_blank_copies",
    "render_sheet",
    "undrawable",
]


def undrawable(sheet: Sheet, *, content: Content | None = None) -> list[Undrawable]:
    """Every printed text field holding writing no bundled font can draw, by script.

    Only what the PDF would print is checked: private answers and sections left
    out of ``sheet.export.sections`` never stop an export.
    """
    from firstsession.pdf import printed

    return printed.undrawable(sheet, content)


def render_sheet(sheet: Sheet, **options: Unpack[SheetOptions]) -> bytes:
    """The filled sheet as PDF bytes (options: ``SheetOptions``).

    ``paper`` is "A4" or "Letter"; None (or "auto") follows the sheet's choice and
    then the locale. Writing no bundled font can draw raises PdfError naming the
    fields, unless ``replace_missing`` prints its script's name ("[Javanese]"). ``pages`` (1-based
    page numbers) keeps only those pages, numbered as in the whole sheet.
    """
    from firstsession.pdf import sheet as sheet_pdf

    return sheet_pdf.render(sheet, **options)


def render_blank(*, client_name: str = "", **options: Unpack[HandoutOptions]) -> bytes:
    """The blank handout to fill in by hand, as PDF bytes (options: ``HandoutOptions``).

    With a ``packet``: the practice's handout (its header on every page, its details
    page first, its steps, prompts, questions and crisis lines). ``client_name``
    prints "Prepared for: <name>" on the first page. ``fillable`` makes it a PDF form.
    PdfError (a plain sentence) for an unknown paper size.
    """
    from firstsession.pdf import handout

    return handout.render(names=[client_name] if client_name.strip() else [], **options)


def render_blank_copies(
    names: Sequence[str], *, pad_to_even: bool = True, **options: Unpack[HandoutOptions]
) -> bytes:
    """One personalised handout per name, as one PDF to print in a single job.

    The handout is laid out once and each copy reuses the layout, so this is fast
    and linear in the number of names. Each copy starts on a new page; with
    ``pad_to_even`` a copy with an odd page count is followed by a blank page, so a
    duplex print never puts two people's pages on one sheet of paper. Each copy
    has a bookmark; in a fillable PDF each copy's fields start with "clientNNN_".
    """
    from firstsession.pdf import handout

    return handout.render(names=names, pad_to_even=pad_to_even, **options)


def export_sheet(sheet: Sheet, out: Path, **options: Unpack[SheetOptions]) -> None:
    """Render the filled sheet and save it atomically to ``out``; PdfError when that fails."""
    write_pdf(out, render_sheet(sheet, **options))


def export_blank(out: Path, *, client_name: str = "", **options: Unpack[HandoutOptions]) -> None:
    """Render the blank handout and save it atomically to ``out``; PdfError when that fails."""
    write_pdf(out, render_blank(client_name=client_name, **options))


def write_pdf(out: Path, data: bytes) -> None:
    """Save PDF bytes atomically; PdfError with a plain message when that fails."""
    from firstsession.files import atomic_write
    from firstsession.i18n import _

    try:
        atomic_write(Path(out), data)
    except OSError as err:
        reason = err.strerror or str(err)
        raise PdfError(_("cannot write {file}: {reason}").format(file=out, reason=reason)) from None
