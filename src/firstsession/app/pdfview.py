"""Showing and printing a PDF we made, straight from memory.

The preview never touches the disk: the bytes go into a ``QBuffer`` that a
``QPdfDocument`` reads. Printing draws each page as an image at the printer's
resolution, which works the same on every platform and printer driver.

QtPdf and QtPrintSupport are imported here, and this module is only imported by
the export step, which is built the first time the person opens it; so none of
this slows down start-up.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from firstsession.app.widgets import tr

# Rendering a page at 1200 dpi (a "high resolution" printer's default) would need
# over half a gigabyte per A4 page; 300 dpi prints crisp text at a sane size.
PRINT_DPI = 300
MAX_RENDER_DPI = 600


class PrintError(Exception):
    """Printing could not start; the message is plain words for people."""


def load_bytes(document: QPdfDocument, data: bytes) -> bool:
    """Show ``data`` in ``document``, read from memory; True when it loaded.

    The buffer is a child of the document so it lives exactly as long as it is
    needed; the previous one is released.
    """
    old = [child for child in document.children() if isinstance(child, QBuffer)]
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.close()
    document.load(buffer)  # a QBuffer holds everything, so this finishes at once
    for child in old:
        child.close()
        child.deleteLater()
    return document.status() == QPdfDocument.Status.Ready


def document_from_bytes(data: bytes, parent: QObject | None = None) -> QPdfDocument:
    document = QPdfDocument(parent)
    if not load_bytes(document, data):
        raise PrintError(tr("The PDF could not be read back for printing.", "PdfView"))
    return document


def page_size_for(paper: str) -> QPageSize:
    return QPageSize(
        QPageSize.PageSizeId.Letter if paper == "Letter" else QPageSize.PageSizeId.A4
    )


def make_printer(paper: str) -> QPrinter:
    """A printer set up for our paper ("A4" or "Letter"), ready for a print dialog.

    Tests (and anything else that needs no dialog) can point it at a file with
    ``setOutputFormat(QPrinter.OutputFormat.PdfFormat)`` and ``setOutputFileName``.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(PRINT_DPI)
    printer.setPageSize(page_size_for(paper))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setDocName("First Session preparation")
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
    """Print the chosen pages of ``document``; returns how many pages went out.

    Each page is drawn as an image at the printer's resolution (capped), scaled to
    fit the printable area without changing its shape, and centred.
    """
    pages = pages_to_print(printer, document.pageCount())
    if not pages:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(
            tr("The printer could not be started. Check that it is on and try again.", "PdfView")
        )
    try:
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        target_area = QRect(0, 0, area.width(), area.height())
        for i, page in enumerate(pages):
            if i > 0:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, size)
            fitted = image.size().scaled(target_area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = (target_area.width() - fitted.width()) // 2
            y = (target_area.height() - fitted.height()) // 2
            painter.drawImage(QRect(x, y, fitted.width(), fitted.height()), image)
    finally:
        painter.end()
    return len(pages)
