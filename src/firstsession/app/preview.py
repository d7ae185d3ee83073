"""One PDF preview widget, for the export step and the packet editor.

One PDF preview widget, for the export step and the packet editor: a QPdfView of every page,
fit to the width or zoomed, its pages kept sharp, the page number, read from memory.

The preview never touches the disk: the bytes go into a ``QBuffer`` that a ``QPdfDocument``
reads. ``PdfPreview`` is cheap to make: QtPdf is imported, and the view made, only when a
PDF is first shown (or the view is asked for); until then a blank widget holds its place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from firstsession.app.widgets import tr

# Classes used only once a PDF is shown are imported where used: PySide sets up a class
# and every enum in it on first import (QBuffer, QIODevice, QThread, QImage: about 1.5 ms),
# and the page is built at start-up when the app reopens on Print and export.
if TYPE_CHECKING:
    from PySide6.QtCore import QThread
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument, QPdfPageRenderer
    from PySide6.QtPdfWidgets import QPdfView

ZOOM_STEP = 1.25  # one step of zoom in or out
ZOOM_MIN, ZOOM_MAX = 0.25, 4.0


class UnreadablePdf(Exception):
    """The bytes are not a PDF QtPdf can read; the message is plain words for people."""


def load_bytes(document: QPdfDocument, data: bytes) -> bool:
    """Show ``data`` in ``document``, read from memory; True when it loaded.

    The buffer is a child of the document so it lives exactly as long as it is
    needed; the previous one is released.
    """
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

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


def prepared_document(data: bytes, thread: QThread) -> QPdfDocument:
    """A QPdfDocument holding ``data``, ready to show, handed over to ``thread``.

    Meant for a worker thread: loading is quick, but the first look at each page's size
    (which a QPdfView does for every page as it lays them out) costs about 80 ms per
    1,000 pages; done here, the view finds them ready. The document (and its buffer)
    then belongs to ``thread``, normally the GUI thread. Raises UnreadablePdf if the bytes
    are not a PDF QtPdf can read.
    """
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    if not load_bytes(document, data):
        raise UnreadablePdf(tr("The PDF could not be read back for the preview.", "PdfView"))
    for page in range(document.pageCount()):
        document.pagePointSize(page)
    document.moveToThread(thread)
    return document


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
        from PySide6.QtPdf import QPdfPageRenderer

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
        from PySide6.QtPdfWidgets import QPdfView

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


# -- the widget ---------------------------------------------------------------------------------


class PdfPreview(QWidget):
    """Every page of a PDF, one under the other, fit to the width (or zoomed), scrolled with
    the keyboard too. Its QPdfView and QPdfDocument are made on first use (``view``,
    ``document``, or the first PDF shown); the document belongs to this widget, not the view
    (a view that outlives its document's signals as it is destroyed crashes).

    ``page_changed`` is emitted when the page being read, or the page count, may have
    changed: read ``current_page()`` and ``page_count()``.
    """

    page_changed = Signal()

    def __init__(self, accessible_name: str, description: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name, self._description = accessible_name, description
        self._view_made: QPdfView | None = None
        self._document_made: QPdfDocument | None = None
        self._reading_at = 0  # where the view was scrolled before its document was replaced
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._place: QWidget | None = QWidget()  # the view's place until it is made
        self._layout.addWidget(self._place)

    # -- made on first use -----------------------------------------------------------------

    def has_view(self) -> bool:
        """True once the PDF view has been made (QtPdf loaded)."""
        return self._view_made is not None

    @property
    def view(self) -> QPdfView:
        """The QPdfView (made, with QtPdf loaded, on first use)."""
        if self._view_made is None:
            self._make_view()
        assert self._view_made is not None
        return self._view_made

    @property
    def document(self) -> QPdfDocument:
        """The PDF shown (made on first use; empty until a PDF is shown)."""
        if self._document_made is None:
            self._make_view()
        assert self._document_made is not None
        return self._document_made

    def _make_view(self) -> None:
        from PySide6.QtCore import Qt  # with QtPdf: not on the start-up path
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        document = QPdfDocument(self)
        view = QPdfView()
        view.setDocument(document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        keep_pages_sharp(view)  # never a page image made for another size
        view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        view.setAccessibleName(self._name)
        if self._description:
            view.setAccessibleDescription(self._description)
        view.pageNavigator().currentPageChanged.connect(self.page_changed)
        self._document_made, self._view_made = document, view
        place, self._place = self._place, None
        assert place is not None
        self._layout.replaceWidget(place, view)
        QWidget.setTabOrder(place, view)  # where the place was in the keyboard order
        place.hide()
        place.deleteLater()

    # -- showing a PDF ---------------------------------------------------------------------

    def show_pdf(self, data: bytes) -> bool:
        """Show the PDF ``data`` (read from memory); True when it could be read."""
        shown = load_bytes(self.document, data)
        self.page_changed.emit()
        return shown

    def show_document(self, document: QPdfDocument) -> None:
        """Show ``document`` (e.g. from ``prepared_document``) in place of the one shown,
        which is closed; the view stays where the person was reading."""
        view = self.view
        self._reading_at = view.verticalScrollBar().value()
        old, self._document_made = self.document, document
        document.setParent(self)
        view.setDocument(document)
        old.close()
        old.deleteLater()
        # Back to the reading place once the view has laid out the new pages.
        QTimer.singleShot(0, self, self._back_to_reading_place)
        self.page_changed.emit()

    def clear(self) -> None:
        """Show nothing (the document is closed)."""
        self.document.close()
        self.page_changed.emit()

    def _back_to_reading_place(self) -> None:
        scroll = self.view.verticalScrollBar()
        scroll.setValue(min(self._reading_at, scroll.maximum()))

    def page_count(self) -> int:
        """How many pages are shown (0 when nothing is)."""
        from PySide6.QtPdf import QPdfDocument

        if self._document_made is None:
            return 0
        document = self._document_made
        return document.pageCount() if document.status() == QPdfDocument.Status.Ready else 0

    def current_page(self) -> int:
        """The page being read, 1-based (0 when nothing is shown)."""
        count = self.page_count()
        if count == 0:
            return 0
        return min(self.view.pageNavigator().currentPage(), count - 1) + 1

    def page_renderer(self) -> QPdfPageRenderer | None:
        """The view's page renderer (its ``pageRendered`` says a page image arrived)."""
        from PySide6.QtPdf import QPdfPageRenderer

        return self.view.findChild(QPdfPageRenderer)

    # -- zoom ------------------------------------------------------------------------------

    def fits_width(self) -> bool:
        """True while the pages are shown as wide as the preview (as it opens)."""
        from PySide6.QtPdfWidgets import QPdfView

        return self._view_made is None or (
            self._view_made.zoomMode() == QPdfView.ZoomMode.FitToWidth)

    def fit_factor(self) -> float:
        """The zoom (1.0 = actual size) at which the first page fills the preview's width."""
        if self.page_count() < 1:
            return 1.0
        view = self.view
        margins = view.documentMargins()
        width = view.viewport().width() - margins.left() - margins.right()
        page = self.document.pagePointSize(0).width() * view.logicalDpiX() / 72
        return max(width, 1) / page if page > 0 else 1.0

    def zoom(self) -> float:
        """The zoom now (1.0 = actual size)."""
        return self.fit_factor() if self.fits_width() else self.view.zoomFactor()

    def zoom_by(self, steps: int) -> None:
        """Zoom in (``steps`` > 0) or out, by 25% a step, within 25% to 400%."""
        from PySide6.QtPdfWidgets import QPdfView

        factor = min(max(self.zoom() * ZOOM_STEP ** steps, ZOOM_MIN), ZOOM_MAX)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    def fit_width(self) -> None:
        """Show the pages as wide as the preview."""
        from PySide6.QtPdfWidgets import QPdfView

        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
