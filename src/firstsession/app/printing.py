"""Printing a PDF we made: the printer set up for our paper, the pages drawn at actual size.

Printing draws each page as an image at the printer's resolution, which works the same on
every platform and printer driver. QtPdf and QtPrintSupport are imported here, and this
module is imported only when something is printed (``exporting``), never at start-up.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from firstsession.app.preview import load_bytes
from firstsession.app.widgets import tr
from firstsession.i18n import _

# Rendering a page at 1200 dpi (a "high resolution" printer's default) would need
# over half a gigabyte per A4 page; 300 dpi prints crisp text at a sane size.
PRINT_DPI = 300
MAX_RENDER_DPI = 600


class PrintError(Exception):
    """Printing could not start; the message is plain words for people."""


PAPER_POINTS = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
PAPER_TOLERANCE_PT = 3.0  # drivers round paper sizes to whole millimetres or points


def page_size_for(paper: str) -> QPageSize:
    return QPageSize(
        QPageSize.PageSizeId.Letter if paper == "Letter" else QPageSize.PageSizeId.A4
    )


def full_page_layout(page_size: QPageSize) -> QPageLayout:
    """A portrait layout of ``page_size`` with no margins: the PDF brings its own."""
    return QPageLayout(
        page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Point, QMarginsF(0, 0, 0, 0),
    )


def use_full_page(printer: QPrinter) -> None:
    """Print on the whole sheet of paper, at actual size.

    Qt's default fits the page inside the printer's hardware margins (about 97%);
    our PDF has its own margins, so the page image is drawn from the paper's corner.
    Keeps whatever paper the printer (or the person, in the dialog) has chosen.
    """
    size = printer.pageLayout().pageSize()
    if not size.isValid():
        size = page_size_for("A4")
    # Full page first: with it on, a driver accepts margins inside its hardware limits.
    printer.setFullPage(True)
    if not printer.setPageLayout(full_page_layout(size)):
        printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    printer.setFullPage(True)  # setting a layout can turn it off again


def paper_of(printer: QPrinter) -> str | None:
    """The printer's paper as "A4" or "Letter" (in either orientation), or None for any
    other paper (A5, Legal, ...)."""
    rect = printer.pageLayout().pageSize().size(QPageSize.Unit.Point)
    short, long_ = sorted((rect.width(), rect.height()))
    for name, (width, height) in PAPER_POINTS.items():
        if abs(short - width) <= PAPER_TOLERANCE_PT and abs(long_ - height) <= PAPER_TOLERANCE_PT:
            return name
    return None


def paper_name(printer: QPrinter) -> str:
    """The printer's paper as a person would name it ("A4", "US Letter", "Legal")."""
    known = paper_of(printer)
    if known == "Letter":
        return tr("US Letter", "PdfView")
    if known == "A4":
        return tr("A4", "PdfView")
    return printer.pageLayout().pageSize().name()


def make_printer(paper: str) -> QPrinter:
    """A printer set up for our paper ("A4" or "Letter"), full page, ready for a print dialog.

    Tests (and anything else that needs no dialog) can point it at a file with
    ``setOutputFormat(QPrinter.OutputFormat.PdfFormat)`` and ``setOutputFileName``.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(PRINT_DPI)
    printer.setPageSize(page_size_for(paper))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    use_full_page(printer)
    printer.setDocName(_("First Session preparation"))  # the print queue's name for the job
    printer.setCreator("First Session")
    return printer


def file_target(printer: QPrinter) -> Path | None:
    """The PDF file a printer writes to ("Print to File" in the print dialog), or None.

    Qt would write that file itself: 0644, dated, with its own XMP metadata, each
    page a picture. We save our own PDF there instead (``pdf.write_pdf``: 0600, the
    same neutral metadata as every export, real text).
    """
    if printer.outputFormat() != QPrinter.OutputFormat.PdfFormat:
        return None
    name = printer.outputFileName()
    return Path(name) if name else None


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """The 0-based pages the person asked for (all of them unless a range was chosen)."""
    everything = list(range(page_count))
    if printer.printRange() != QPrinter.PrintRange.PageRange:
        return everything
    ranges = printer.pageRanges()
    if ranges.isEmpty():
        first, last = printer.fromPage(), printer.toPage()
        if first <= 0 and last <= 0:
            return everything
        first = max(first, 1)
        last = last if last > 0 else page_count
        return [n for n in everything if first <= n + 1 <= last]
    return [n for n in everything if ranges.contains(n + 1)]


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Print the chosen pages of ``document`` at actual size; how many pages went out.

    The printer is switched to full-page printing with no margins first, so a page
    whose paper matches the printer's lands exactly where the PDF puts it (1 point
    of the PDF is 1 point of paper). Raises PrintError if the printer will not start.
    """
    pages = pages_to_print(printer, document.pageCount())
    if not pages:
        return 0
    use_full_page(printer)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(
            tr("The printer could not be started. Check that it is on and try again.", "PdfView")
        )
    try:
        for i, page in enumerate(pages):
            if i > 0:
                printer.newPage()
            draw_page(painter, printer, document, page)
    finally:
        painter.end()
    return len(pages)


def draw_page(painter: QPainter, device: QPagedPaintDevice, document: QPdfDocument,
              page: int) -> QRectF:
    """Draw ``page`` (0-based) of ``document`` on ``device`` at actual size.

    ``painter`` is active on ``device``, whose painter origin is the paper's corner
    (full page). The page is rendered as an image at the device's resolution (at
    most MAX_RENDER_DPI) and drawn 1:1 in points: a Letter page on Letter paper fills
    it exactly. A page larger than the paper (which we never lay out, but a driver
    may offer odd paper) is scaled down to fit; a smaller one is centred. Returns
    the rectangle drawn, in device pixels.
    """
    resolution = device.logicalDpiX() if device.logicalDpiX() > 0 else 72
    dpi = min(resolution, MAX_RENDER_DPI)
    points = document.pagePointSize(page)
    image = document.render(
        page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    )
    paper = device.pageLayout().fullRectPoints()
    scale = min(1.0, paper.width() / points.width(), paper.height() / points.height())
    width_pt, height_pt = points.width() * scale, points.height() * scale
    left_pt = (paper.width() - width_pt) / 2
    top_pt = (paper.height() - height_pt) / 2
    px = resolution / 72
    target = QRectF(left_pt * px, top_pt * px, width_pt * px, height_pt * px)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    painter.drawImage(target, image)
    return target


def paper_label(paper: str) -> str:
    """ "A4" or "Letter" as a person names it."""
    return tr("US Letter", "PdfView") if paper == "Letter" else tr("A4", "PdfView")


def page_count(data: bytes) -> int:
    """How many pages the PDF ``data`` has (0 if it cannot be read)."""
    document = QPdfDocument()
    try:
        return document.pageCount() if load_bytes(document, data) else 0
    finally:
        document.close()


def fits_on(printer: QPrinter, paper: str) -> bool:
    """True when a page of ``paper`` ("A4" or "Letter") fits on the printer's paper."""
    have = printer.pageLayout().fullRectPoints()
    width, height = PAPER_POINTS.get(paper, PAPER_POINTS["A4"])
    slack = PAPER_TOLERANCE_PT
    return width <= have.width() + slack and height <= have.height() + slack
