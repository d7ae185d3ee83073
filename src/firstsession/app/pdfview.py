"""Showing and printing a PDF we made, straight from memory.

The preview never touches the disk: the bytes go into a ``QBuffer`` that a
``QPdfDocument`` reads. Printing draws each page as an image at the printer's
resolution, which works the same on every platform and printer driver.

QtPdf and QtPrintSupport are imported here, and this module is only imported by
the export step, which is built the first time the person opens it; so none of
this slows down start-up.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.process
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QMarginsF,
    QObject,
    QRectF,
    QSize,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtGui import QImage, QPagedPaintDevice, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfPageRenderer
from PySide6.QtPdfWidgets import QPdfView
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


# -- rendering away from the window ---------------------------------------------------------

# reportlab keeps global state (registered fonts, caches): one render at a time, whichever
# thread it runs on. The preview's render process is asked under this lock too (tests hold
# it to keep a preview "still rendering").
render_lock = threading.Lock()


class LatestJob(QObject):
    """Runs jobs one at a time on a worker thread; only the newest job's result counts.

    ``submit(job)`` queues ``job`` (a function of no arguments, run on the worker thread,
    so it must only read a snapshot, never live widgets or the live sheet). A job
    submitted while another runs replaces any job still waiting; a running job cannot
    be stopped, but its result is dropped once a newer job was submitted (or ``cancel``
    was called). ``finished(number, result)`` is emitted on the GUI thread with the
    newest job's number and its return value, or the exception it raised.
    """

    finished = Signal(int, object)
    _delivered = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._waiting: tuple[int, Callable[[], object]] | None = None
        self._running = False
        self._latest = 0
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(self, job: Callable[[], object]) -> int:
        """Queue ``job``; its number (the newest)."""
        self._latest += 1
        with self._lock:
            self._waiting = (self._latest, job)
            if self._running:
                return self._latest
            self._running = True
        threading.Thread(target=self._work, name="firstsession-render", daemon=True).start()
        return self._latest

    def cancel(self) -> None:
        """Forget every job submitted so far: nothing more is reported for them."""
        self._latest += 1
        with self._lock:
            self._waiting = None

    def busy(self) -> bool:
        """True while a job is waiting or running."""
        with self._lock:
            return self._running

    def latest(self) -> int:
        return self._latest

    def _work(self) -> None:
        while True:
            with self._lock:
                if self._waiting is None:
                    self._running = False
                    return
                number, job = self._waiting
                self._waiting = None
            try:
                result: object = job()
            except Exception as err:  # reported to the GUI thread, which explains it
                result = err
            try:
                self._delivered.emit(number, result)
            except RuntimeError:  # the window went away while this job ran
                return

    def _deliver(self, number: int, result: object) -> None:
        if number == self._latest:
            self.finished.emit(number, result)


class RenderStopped(Exception):
    """The render process ended before it answered (superseded, closed, or it died)."""


class RenderProcess:
    """A separate Python process (``firstsession._render``) that makes preview PDFs.

    Started on first use with multiprocessing's "spawn" method (the same on every
    platform), then kept for the next render. Requests and PDFs go over a pipe, never
    through a file. ``run`` is called from a worker thread and waits there (the window's
    thread never waits for the process); ``supersede`` and ``close`` are called from the
    window's thread and end the process, which the next ``run`` starts again.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._running: int | None = None  # the ticket of the request being answered
        self._tickets = 0

    def ticket(self) -> int:
        """A number for the next request; later requests get larger numbers."""
        self._tickets += 1
        return self._tickets

    def run(self, ticket: int, request: tuple[object, ...]) -> object:
        """Send ``request`` (pickled, e.g. ``(sheet, content, anyway)``) and wait for the
        answer. Raises RenderStopped if the process ends first."""
        with self._lock:
            if self._process is None or not self._process.is_alive():
                self._end()  # reaps one that died by itself
                self._start()
            conn, process = self._conn, self._process
            self._running = ticket
        assert conn is not None
        try:
            conn.send(request)
            return conn.recv()
        except (EOFError, OSError) as err:
            with self._lock:
                if self._conn is conn:
                    self._conn = None
                if self._process is process:  # it died by itself: reap it now
                    self._end()
            conn.close()
            raise RenderStopped(
                tr("it was interrupted. Choose \u201cRefresh preview\u201d to try again.",
                   "PdfView")) from err
        finally:
            with self._lock:
                self._running = None

    def supersede(self, ticket: int) -> None:
        """End the process if it is still working on a request older than ``ticket``:
        its answer would be thrown away, and the newer request need not wait for it."""
        with self._lock:
            if self._running is not None and self._running < ticket:
                self._end()

    def close(self) -> None:
        """End the process (if any) and wait for it: no process outlives the window."""
        with self._lock:
            self._end()

    def pid(self) -> int | None:
        """The process's id while it runs (for tests), else None."""
        with self._lock:
            alive = self._process is not None and self._process.is_alive()
            return self._process.pid if alive and self._process is not None else None

    def _start(self) -> None:
        from firstsession import _render

        multiprocessing.active_children()  # reaps any earlier one that ended by itself
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe(duplex=True)
        process = context.Process(target=_render.serve, args=(theirs,),
                                  name="firstsession-preview", daemon=True)
        process.start()
        theirs.close()  # only the child holds its end: its death reads as end-of-file here
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn = process, ours

    def _end(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        # It holds nothing to tidy up (no files, only the request), so it is ended at once.
        process.kill()
        process.join()
        process.close()
        # The worker thread waiting on the pipe reads end-of-file and closes its end.


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


# -- a preview that never shows a page image made for another size ---------------------------

# QPdfView lays pages out 6 px from its edges (its default document margins).
_VIEW_MARGINS = 12
_SIZE_SLACK_PX = 2  # QSize arithmetic rounds each side on its own
_MAX_RETRIES = 4


class _SharpPages(QObject):
    """Keeps a QPdfView from showing a page image rendered for another size.

    QPdfView renders pages on a worker thread and caches each image as it arrives,
    without checking that it was made for the page's current size; it then draws the
    cached image stretched into the page's place, with no smoothing. When the view
    changes size (or pixel ratio) while renders are on their way (the window still
    settling as the app starts on the preview, a resize, a move to another screen), a
    render made for the old size lands after the cache was cleared and stays: text
    drawn with missing strokes until something clears the cache again. This watches
    every image the view's renderer delivers and clears the cache when one does not
    fit, so the view asks again for the right size.
    """

    def __init__(self, view: QPdfView) -> None:
        super().__init__(view)
        self._view = view
        self._retries = 0
        renderer = view.findChild(QPdfPageRenderer)
        if renderer is not None:
            # Connected after the view's own handler, so the stale image is already
            # cached when this runs, and clearing the cache removes it.
            renderer.pageRendered.connect(self._rendered)
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if watched is self._view and event.type() == QEvent.Type.DevicePixelRatioChange:
            invalidate_pages(self._view)
        return False

    def expected_width(self) -> int:
        """The width in device pixels the view wants for a page (fit to width)."""
        view = self._view
        width = view.viewport().width() - _VIEW_MARGINS
        return round(width * view.devicePixelRatioF())

    def _rendered(self, _page: int, _requested: QSize, image: QImage, *_rest: object) -> None:
        view = self._view
        if view.zoomMode() != QPdfView.ZoomMode.FitToWidth:
            return
        if abs(image.width() - self.expected_width()) <= _SIZE_SLACK_PX:
            self._retries = 0
            return
        if self._retries >= _MAX_RETRIES:  # never loop, whatever a platform does
            return
        self._retries += 1
        invalidate_pages(view)


def invalidate_pages(view: QPdfView) -> None:
    """Drop every cached page image of ``view``; the pages are rendered again at the
    view's current size (QPdfView has no public call for it: changing a layout property
    and back clears its cache and keeps the scroll position)."""
    spacing = view.pageSpacing()
    view.setPageSpacing(spacing + 1)
    view.setPageSpacing(spacing)


def keep_pages_sharp(view: QPdfView) -> None:
    """Make ``view`` (fit to width) re-render pages whose image was made for another size."""
    _SharpPages(view)


def prepared_document(data: bytes, thread: QThread) -> QPdfDocument:
    """A QPdfDocument holding ``data``, ready to show, handed over to ``thread``.

    Meant for a worker thread: loading is quick, but the first look at each page's size
    (which a QPdfView does for every page as it lays them out) costs about 80 ms per
    1,000 pages; done here, the view finds them ready. The document (and its buffer)
    then belongs to ``thread``, normally the GUI thread. Raises PrintError if the bytes
    are not a PDF QtPdf can read.
    """
    document = QPdfDocument()
    if not load_bytes(document, data):
        raise PrintError(tr("The PDF could not be read back for the preview.", "PdfView"))
    for page in range(document.pageCount()):
        document.pagePointSize(page)
    document.moveToThread(thread)
    return document
