"""Step 8, "Print and export": choose what goes in, preview the real PDF, then
save it, print it, open it in the computer's PDF viewer, or save a blank handout.

The preview is the very PDF that would be saved, rendered in memory (never to a
temporary file) and re-rendered on demand: when the page is shown (once the window
has painted), a moment after a change while the page is visible, and with "Refresh
preview". A snapshot of the sheet (copy.deepcopy: 0.2 ms at 5 MB, as its text is shared)
is rendered in a separate process (firstsession._render, reportlab would hold the
interpreter lock the window needs), which a worker thread waits for and loads the PDF
from; so the window never waits for it. A newer change ends a render still running.

Printing prints what the preview shows at actual size on the whole paper; a printer
with the other paper gets the pages laid out again for it, and one line says so.

This module is imported only when the person first opens the step. When the app reopens
on this step, the page is built right after the window's first paint, so building it stays
cheap: QtPdf, printing and the render machinery (firstsession.app.pdfview, which brings
multiprocessing) are imported, and the PDF view made, only when the first preview is
rendered (or something else needs them); until then a blank widget of the same size
holds the view's place.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    QThread,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from firstsession import localeinfo, paths, pdf, storage
from firstsession.app.filedialogs import ask_output_path, check_chosen, write_chosen
from firstsession.app.layouts import BreakAnywhereLabel, CheckRow, flow_row
from firstsession.app.session import Session
from firstsession.app.steps.base import StepPage
from firstsession.app.widgets import (
    action_button,
    heading,
    paragraph,
    set_by_name,
    wrapping_policy,
)
from firstsession.model import SECTIONS
from firstsession.outputs import show_path

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
    from PySide6.QtPrintSupport import QPrinter

    from firstsession import _render
    from firstsession.app import pdfview
    from firstsession.content import Content
    from firstsession.model import Sheet
    from firstsession.packet import Packet

# In the data folder next to the saved sheet, so "Delete all my data" removes it
# (its name starts with "sheet"); rewritten each time, never a growing pile.
PREVIEW_FILE = "sheet-preview.pdf"
DEFAULT_PDF_NAME = "First Session preparation.pdf"
DEFAULT_BLANK_NAME = "First Session blank handout.pdf"
DEBOUNCE_MS = 800
PAPER_CHOICES = ("auto", "A4", "Letter")
EXAMPLE_CODE = "[U+1F600]"
SIDE_BY_SIDE_EMS = 60  # page width (in "M"s of the current font) that fits both columns


def hint(text: str) -> QLabel:
    return paragraph(text, object_name="hint")


def _show_char(ch: str) -> str:
    """A character for a message: itself and its code, or only the code if invisible."""
    code = f"U+{ord(ch):04X}"
    return f"{ch} ({code})" if ch.isprintable() and not ch.isspace() else code


@dataclass(frozen=True)
class PreviewResult:
    """What a preview render found: the characters the font cannot
    draw, and the PDF (None when it waits for the person, or ``error`` says why not)."""

    problems: list[pdf.Undrawable]
    document: QPdfDocument | None = None  # the PDF, loaded, belonging to the GUI thread
    error: str | None = None


def render_preview(renderer: pdfview.RenderProcess, ticket: int, sheet: Sheet,
                   content: Content, anyway: bool, gui_thread: QThread) -> PreviewResult:
    """The preview of ``sheet`` (a snapshot nobody else changes), made by ``renderer``'s
    process while this (worker) thread waits.

    With characters the font cannot draw, no PDF is made unless ``anyway`` (then codes
    stand in for them). The PDF comes loaded in a QPdfDocument handed to ``gui_thread``,
    its page sizes read, so showing it costs the window next to nothing. Never raises for
    a sheet that cannot be rendered: the reason is in ``error``. Raises
    pdfview.RenderStopped if the process was ended first (a newer render superseded it).
    """
    from firstsession.app import pdfview

    with pdfview.render_lock:  # one render at a time, as for saving and printing
        answer = renderer.run(ticket, (sheet, content, anyway))
    problems, data, error = cast("_render.Rendered", answer)
    if data is None:
        return PreviewResult(problems, error=error)
    try:
        document = pdfview.prepared_document(data, gui_thread)
    except pdfview.PrintError as err:
        return PreviewResult(problems, error=str(err))
    return PreviewResult(problems, document)


class ExportStep(StepPage):
    # Emitted on the GUI thread once a preview render has been shown or explained.
    preview_updated = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        # The preview is rendered on a worker thread from a snapshot of the sheet; a
        # newer change supersedes a render still running (its result is dropped).
        # The PDF itself is made in a separate process (reportlab would otherwise hold the
        # interpreter lock the window needs); the worker thread only waits for it.
        # Both are made with the PDF view, on first use (_ensure_preview).
        self._jobs_made: pdfview.LatestJob | None = None
        self._renderer_made: pdfview.RenderProcess | None = None
        self._view_made: QPdfView | None = None
        self._document_made: QPdfDocument | None = None
        self._waiting_for_window = False
        self._stale = True  # the preview does not show the sheet as it is now
        self._preview_anyway = False  # the person chose to see codes for missing characters
        self._saved_path: Path | None = None
        self._reading_at = 0  # where the preview was scrolled before it was rendered again
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh_preview)

        self.add_title(
            self.tr("Print and export"),
            self.tr(
                "Choose what goes in your PDF and check the preview. "
                "Then save it, print it, or open it."
            ),
        )
        # Choices and buttons beside the preview when there is room, above it when not
        # (a narrow window or a large font); see resizeEvent.
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.body.setSpacing(self.fontMetrics().horizontalAdvance("M") * 2)
        self.options = QVBoxLayout()
        self.preview_column = QVBoxLayout()
        self.body.addLayout(self.options, 2)
        self.body.addLayout(self.preview_column, 3)
        self.column.addLayout(self.body, 1)
        self._build_choices()
        self._build_actions()
        self._build_preview()
        self.reload_widgets()

        session.changed.connect(self._sheet_changed)

    # -- building ------------------------------------------------------------------------

    def section_names(self) -> dict[str, str]:
        return {
            "summary": self.tr("A one-page summary for your therapist"),
            "feelings": self.tr("My feelings"),
            "background": self.tr("My background (only what you chose to share)"),
            "questions": self.tr("My questions for therapists"),
            "therapists": self.tr("My notes on therapists"),
            "before_the_day": self.tr("Before the day: my checklist and questions"),
            "notes": self.tr("Anything else to remember"),
        }

    def section_readers(self) -> dict[str, str]:
        """Who will read each part, in one short plain line (the PDF is one document: what
        is ticked goes to whoever gets it)."""
        return {
            "summary": self.tr("Goes to your therapist: a first page written to them."),
            "feelings": self.tr("Goes to your therapist."),
            "background": self.tr("Goes to your therapist."),
            "questions": self.tr("Goes to your therapist."),
            "therapists": self.tr("Only for you: other therapists\u2019 names, ratings and notes."),
            "before_the_day": self.tr("Mostly for you: what is done and what is left."),
            "notes": self.tr("For you, and your therapist if you give them the sheet."),
        }

    def _build_choices(self) -> None:
        group = QGroupBox(self.tr("What goes in"))
        box = QVBoxLayout(group)
        box.setSpacing(self.fontMetrics().lineSpacing() // 3)
        self.section_boxes: dict[str, QCheckBox] = {}
        names = self.section_names()
        readers = self.section_readers()
        self.section_readers_labels: dict[str, QLabel] = {}
        for section_id in SECTIONS:  # the PDF's own order
            # Long names wrap at large text sizes (a QCheckBox's own text never does).
            row = CheckRow(names.get(section_id, section_id))
            check = row.box
            who = readers.get(section_id, "")
            check.setAccessibleDescription(who or self.tr("Put this part in your PDF"))
            check.toggled.connect(self._sections_changed)
            self.section_boxes[section_id] = check
            box.addWidget(row)
            if who:  # under the box's text, lined up with it
                reader = hint(who)
                line = QHBoxLayout()
                indent = row.box.sizeHint().width() + row.layout().spacing()
                line.setContentsMargins(indent, 0, 0, 0)
                line.addWidget(reader, 1)
                box.addLayout(line)
                self.section_readers_labels[section_id] = reader
        self.nothing_chosen = hint(
            self.tr("Nothing is chosen yet, so your PDF would be nearly empty.")
        )
        box.addWidget(self.nothing_chosen)
        box.addWidget(
            hint(self.tr("Only answers you chose to share are included."))
        )

        box.addSpacing(self.fontMetrics().lineSpacing() // 2)
        caption = QLabel(self.tr("&Paper size"))
        self.paper = QComboBox()
        self.paper.addItem(self.tr("Automatic (from your region)"), "auto")
        self.paper.addItem(self.tr("A4"), "A4")
        self.paper.addItem(self.tr("US Letter"), "Letter")
        self.paper.setAccessibleName(self.tr("Paper size"))
        self.paper.setAccessibleDescription(self.tr("The paper your PDF is laid out for"))
        self.paper.view().setAccessibleName(self.tr("Paper sizes"))
        self.paper.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        caption.setBuddy(self.paper)
        self.paper.currentIndexChanged.connect(self._paper_changed)
        box.addLayout(flow_row(caption, self.paper))  # the list goes under its caption if need be
        self.paper_hint = hint("")
        box.addWidget(self.paper_hint)
        self.options.addWidget(group)

    def _build_actions(self) -> None:
        group = QGroupBox(self.tr("Save or print"))
        # One column: a hint, the buttons in a row that wraps when the page is narrow or
        # the text large (never a fixed grid, which made the page scroll sideways), a hint.
        column = QVBoxLayout(group)
        column.setSpacing(self.fontMetrics().lineSpacing() // 2)
        column.addWidget(
            hint(
                self.tr(
                    "Your PDF is an ordinary file. It is not locked with a password. "
                    "Keep it somewhere private."
                )
            )
        )
        self.save_button = action_button(
            self.tr("Save PDF\u2026"), self.tr("Choose where to save your PDF")
        )
        self.print_button = action_button(
            self.tr("Print\u2026"), self.tr("Choose a printer and print your sheet")
        )
        self.viewer_button = action_button(
            self.tr("Open in your PDF viewer"),
            self.tr("Opens a copy in the PDF program on this computer"),
        )
        self.blank_button = action_button(
            self.tr("Blank handout\u2026"),
            self.tr("Save a printable sheet with none of your answers, to fill in by hand"),
        )
        self.print_blank_button = action_button(
            self.tr("Print blank handout\u2026"),
            self.tr("Print a sheet with none of your answers, to fill in by hand"),
        )
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_pdf)
        self.viewer_button.clicked.connect(self.open_in_viewer)
        self.blank_button.clicked.connect(self.save_blank)
        self.print_blank_button.clicked.connect(self.print_blank)
        column.addLayout(
            flow_row(self.save_button, self.print_button, self.viewer_button, self.blank_button,
                     self.print_blank_button)
        )
        column.addWidget(
            hint(
                self.tr(
                    "A blank handout has none of your answers. "
                    "You can save it or print it, and fill it in by hand."
                )
            )
        )

        # Where the last file went, in the page rather than in a pop-up.
        self.saved_row = QWidget()
        saved = QHBoxLayout(self.saved_row)
        saved.setContentsMargins(0, 0, 0, 0)
        # A file's path can be one long word: this label breaks it rather than the page.
        self.saved_label = BreakAnywhereLabel()
        self.open_saved_button = action_button(
            self.tr("Open it"), self.tr("Open the file you just saved")
        )
        self.open_saved_button.clicked.connect(self._open_saved)
        saved.addWidget(self.saved_label, 1)
        # At the top of the row (not centred on a long path): a column with a stretch below,
        # as an alignment flag would build PySide's costly Qt namespace (widgets.set_by_name).
        button_column = QVBoxLayout()
        button_column.addWidget(self.open_saved_button)
        button_column.addStretch(1)
        saved.addLayout(button_column)
        self.saved_row.hide()
        column.addWidget(self.saved_row)
        self.options.addWidget(group)
        self.options.addStretch(1)

    def _build_preview(self) -> None:
        self.preview_column.addWidget(heading(self.tr("Preview"), 2))
        row = QHBoxLayout()
        self.preview_status = QLabel()
        self.preview_status.setWordWrap(True)
        set_by_name(self.preview_status, "textFormat", "PlainText")
        self.preview_status.setSizePolicy(wrapping_policy(QSizePolicy.Policy.Expanding))
        self.refresh_button = action_button(
            self.tr("Refresh preview"), self.tr("Show your PDF again with your latest changes")
        )
        self.refresh_button.clicked.connect(self.refresh_preview)
        row.addWidget(self.preview_status, 1)
        row.addWidget(self.refresh_button)
        self.preview_column.addLayout(row)

        # Characters the font cannot draw: said in the page, with a way to go on.
        self.problem_box = QFrame()
        self.problem_box.setFrameShape(QFrame.Shape.StyledPanel)
        problem = QVBoxLayout(self.problem_box)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        set_by_name(self.problem_label, "textFormat", "PlainText")
        set_by_name(self.problem_label, "textInteractionFlags", "TextSelectableByMouse")
        self.preview_anyway_button = action_button(
            self.tr("Preview anyway"),
            self.tr("Show the preview with codes in place of the missing characters"),
        )
        self.preview_anyway_button.clicked.connect(self._show_anyway)
        problem.addWidget(self.problem_label)
        anyway_row = QHBoxLayout()  # on the left, as wide as its text
        anyway_row.addWidget(self.preview_anyway_button)
        anyway_row.addStretch(1)
        problem.addLayout(anyway_row)
        self.problem_box.hide()
        self.preview_column.addWidget(self.problem_box)

        # The PDF view's place, the same size, until the view is made (_ensure_preview).
        self._view_place = QWidget()
        self._size_preview(self._view_place)
        self.preview_column.addWidget(self._view_place, 1)

    def _size_preview(self, widget: QWidget) -> None:
        # Tall enough to read a page, but never taller than most of the screen, so the
        # page around it can still be scrolled to the top and bottom of the preview.
        screen_height = self.screen().availableGeometry().height()
        widget.setMinimumHeight(
            min(self.fontMetrics().lineSpacing() * 26, screen_height * 3 // 5)
        )
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def _ensure_preview(self) -> None:
        """Make the PDF view, its document, the render process and its worker thread, once
        (when the first preview is rendered, or something asks for them)."""
        if self._view_made is not None:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        from firstsession.app import pdfview

        # The preview is rendered on a worker thread from a snapshot of the sheet; a
        # newer change supersedes a render still running (its result is dropped).
        # The PDF itself is made in a separate process (reportlab would otherwise hold the
        # interpreter lock the window needs); the worker thread only waits for it.
        jobs = pdfview.LatestJob(self)
        jobs.finished.connect(self._preview_ready)
        renderer = pdfview.RenderProcess()
        # No render process outlives the page or the app (and none is left a zombie).
        self.destroyed.connect(renderer.close)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(renderer.close)
        self._jobs_made, self._renderer_made = jobs, renderer

        document = QPdfDocument(self)
        view = QPdfView()
        view.setDocument(document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        pdfview.keep_pages_sharp(view)  # never a page image made for another size
        view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        view.setAccessibleName(self.tr("Preview of your PDF"))
        view.setAccessibleDescription(
            self.tr("Scroll with the arrow keys, or Page Up and Page Down.")
        )
        self._size_preview(view)
        view.pageNavigator().currentPageChanged.connect(self._show_page_number)
        self._document_made, self._view_made = document, view
        place = self._view_place
        self.preview_column.replaceWidget(place, view)
        QWidget.setTabOrder(place, view)  # where the place was in the keyboard order
        place.hide()
        place.deleteLater()

    @property
    def view(self) -> QPdfView:
        """The preview's PDF view (made on first use)."""
        self._ensure_preview()
        assert self._view_made is not None
        return self._view_made

    @property
    def document(self) -> QPdfDocument:
        """The PDF the preview shows (made on first use)."""
        self._ensure_preview()
        assert self._document_made is not None
        return self._document_made

    @property
    def _jobs(self) -> pdfview.LatestJob:
        self._ensure_preview()
        assert self._jobs_made is not None
        return self._jobs_made

    @property
    def _renderer(self) -> pdfview.RenderProcess:
        self._ensure_preview()
        assert self._renderer_made is not None
        return self._renderer_made

    # -- the sheet's choices ------------------------------------------------------------

    def reload_widgets(self) -> None:
        """Show the sheet's export choices without reporting changes."""
        chosen = set(self.session.sheet.export.sections)
        for section_id, check in self.section_boxes.items():
            check.blockSignals(True)
            check.setChecked(section_id in chosen)
            check.blockSignals(False)
        index = self.paper.findData(self.session.sheet.export.paper)
        self.paper.blockSignals(True)
        self.paper.setCurrentIndex(max(index, 0))
        self.paper.blockSignals(False)
        self._show_choice_hints()

    def reload(self) -> None:
        self.reload_widgets()
        self._preview_anyway = False
        self.saved_row.hide()
        self._saved_path = None
        self._sheet_changed()

    def _sections_changed(self) -> None:
        self.session.sheet.export.sections = [
            sid for sid in SECTIONS if self.section_boxes[sid].isChecked()
        ]
        self._show_choice_hints()
        self.session.touch()

    def _paper_changed(self, index: int) -> None:
        choice = self.paper.itemData(index)
        if choice in PAPER_CHOICES:
            self.session.sheet.export.paper = choice
            self._show_choice_hints()
            self.session.touch()

    def _show_choice_hints(self) -> None:
        self.nothing_chosen.setVisible(not self.session.sheet.export.sections)
        paper = self._paper()
        if self.session.sheet.export.paper == "auto":
            name = self.tr("US Letter") if paper == "Letter" else self.tr("A4")
            self.paper_hint.setText(self.tr("For your region, that is %1.").replace("%1", name))
            self.paper_hint.show()
        else:
            self.paper_hint.hide()

    def _paper(self) -> str:
        """The paper as "A4" or "Letter", with "Automatic" worked out from the region."""
        sheet = self.session.sheet
        return localeinfo.resolve_paper(sheet.export.paper, self._country())

    def _country(self) -> str:
        return self.session.sheet.country or localeinfo.guess_country()

    # -- the preview ----------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        super().resizeEvent(event)
        wide = event.size().width() >= self.fontMetrics().horizontalAdvance("M") * SIDE_BY_SIDE_EMS
        direction = (
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        if self.body.direction() != direction:
            self.body.setDirection(direction)

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        super().showEvent(event)
        if not self._stale:
            return
        self.preview_status.setText(self.tr("Updating preview\u2026"))
        handle = self.window().windowHandle()
        if handle is not None and handle.isExposed():
            # Let the page paint first, then render.
            QTimer.singleShot(0, self, self._refresh_if_stale)
        elif not self._waiting_for_window:
            # The window is still being built (the app reopened on this step): the
            # preview waits until the window has been painted once, with its final size
            # and pixel ratio, so it never slows the start or renders at a passing size.
            self._waiting_for_window = True
            self.window().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if self._waiting_for_window and watched is self.window() and (
            event.type() == QEvent.Type.Paint
        ):
            self._waiting_for_window = False
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._refresh_if_stale)
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:  # Qt's name
        if self._debounce.isActive():
            self._debounce.stop()
            self._stale = True
        super().hideEvent(event)

    def _refresh_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self.refresh_preview()

    def _sheet_changed(self) -> None:
        self._stale = True
        self._show_choice_hints()
        if self.isVisible():
            self._debounce.start()  # restarts, so typing only renders once it pauses

    def refresh_preview(self) -> None:
        """Render the sheet as it is now, on a worker thread, and show it once it is made.

        Only a snapshot of the sheet goes to the worker, so the person can go on typing
        and ticking; a newer refresh supersedes this one. ``preview_updated`` is emitted
        when the result is shown.
        """
        self._debounce.stop()
        self._stale = False
        snapshot = copy.deepcopy(self.session.sheet)
        content = self.session.content
        anyway = self._preview_anyway
        self.preview_status.setText(self.tr("Updating preview\u2026"))
        gui_thread = self.thread()
        renderer = self._renderer
        ticket = renderer.ticket()
        self._jobs.submit(
            lambda: render_preview(renderer, ticket, snapshot, content, anyway, gui_thread))
        renderer.supersede(ticket)  # a render still running for older words is ended

    def close_renderer(self) -> None:
        """End the render process (if any) and drop any render under way: for closing."""
        if self._jobs_made is None or self._renderer_made is None:
            return  # never made: nothing runs
        self._jobs_made.cancel()
        self._renderer_made.close()

    def _preview_ready(self, _number: int, result: object) -> None:
        try:
            self._show_preview(result)
        finally:
            self.preview_updated.emit()

    def _show_preview(self, result: object) -> None:
        if not isinstance(result, PreviewResult):  # the worker raised: say so, calmly
            self.document.close()
            self.preview_status.setText(
                self.tr("The preview could not be made: %1").replace("%1", str(result))
            )
            return
        problems = result.problems
        if not problems:
            self._preview_anyway = False
            self.problem_box.hide()
        elif result.document is None and result.error is None:
            self._show_problems(problems, stopped=True)
            self.document.close()
            self.preview_status.setText(
                self.tr("The preview is waiting. See the note below.")
            )
            return
        else:
            self._show_problems(problems, stopped=False)
        if result.document is None:
            self.document.close()
            self.preview_status.setText(
                self.tr("The preview could not be made: %1").replace("%1", result.error or "")
            )
            return
        self._reading_at = self.view.verticalScrollBar().value()
        old, self._document_made = self.document, result.document
        result.document.setParent(self)
        self.view.setDocument(result.document)
        old.close()
        old.deleteLater()
        # Stay where the person was reading, once the view has laid out the new pages.
        QTimer.singleShot(0, self, self._back_to_reading_place)
        self._show_page_number()

    def wait_for_preview(self, timeout_ms: int) -> bool:
        """Run the event loop until the preview shows the sheet as it is now and its
        first page is drawn, for at most ``timeout_ms`` (for tools such as the
        screenshots; the app itself never waits). True when it is shown."""
        from PySide6.QtPdf import QPdfPageRenderer

        loop = QEventLoop()
        deadline = QTimer()
        deadline.setSingleShot(True)
        deadline.timeout.connect(loop.quit)
        deadline.start(timeout_ms)
        if self._stale or self._jobs.busy():
            self.preview_updated.connect(loop.quit)
            if self._stale and self.isVisible():
                self.refresh_preview()
            loop.exec()
            self.preview_updated.disconnect(loop.quit)
        renderer = self.view.findChild(QPdfPageRenderer)
        if deadline.isActive() and renderer is not None and self.document.pageCount() > 0:
            renderer.pageRendered.connect(loop.quit)
            self.view.viewport().update()
            loop.exec()
            renderer.pageRendered.disconnect(loop.quit)
        shown = deadline.isActive()
        deadline.stop()
        return shown

    def _back_to_reading_place(self) -> None:
        scroll = self.view.verticalScrollBar()
        scroll.setValue(min(self._reading_at, scroll.maximum()))

    def _show_problems(self, problems: list[pdf.Undrawable], *, stopped: bool) -> None:
        listing = self._problem_listing(problems)
        if stopped:
            text = (
                self.tr(
                    "Some characters can't be shown in the PDF:\n%1\n\nYou can change them, "
                    "or see the preview with codes like %2 in their place."
                )
                .replace("%1", listing)
                .replace("%2", EXAMPLE_CODE)
            )
        else:
            text = self.tr(
                "Some characters can't be shown in the PDF, so the preview shows codes "
                "in their place:\n%1"
            ).replace("%1", listing)
        self.problem_label.setText(text)
        self.problem_label.setAccessibleName(text)
        self.preview_anyway_button.setVisible(stopped)
        self.problem_box.show()

    def _problem_listing(self, problems: list[pdf.Undrawable], limit: int = 6) -> str:
        lines = [
            "\u2022 " + p.field + ": " + ", ".join(_show_char(ch) for ch in p.chars)
            for p in problems[:limit]
        ]
        if len(problems) > limit:
            lines.append(
                self.tr("\u2022 and %1 more places").replace("%1", str(len(problems) - limit))
            )
        return "\n".join(lines)

    def _show_anyway(self) -> None:
        self._preview_anyway = True
        self.refresh_preview()
        from PySide6.QtCore import Qt  # built already with the preview (_ensure_preview)

        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_page_number(self) -> None:
        from PySide6.QtPdf import QPdfDocument

        count = self.document.pageCount()
        if self.document.status() != QPdfDocument.Status.Ready or count == 0:
            return
        current = min(self.view.pageNavigator().currentPage(), count - 1) + 1
        self.preview_status.setText(
            self.tr("Page %1 of %2").replace("%1", str(current)).replace("%2", str(count))
        )

    # -- saving, printing, opening (also called from the File menu) ----------------------

    def _ask_about_codes(self) -> bool | None:
        """False when every character can be drawn; True when the person agrees to see
        codes instead of the missing ones; None when they would rather stop."""
        problems = pdf.undrawable(self.session.sheet, content=self.session.content)
        if not problems:
            return False
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Some characters can't be shown"))
        box.setText(
            self.tr(
                "Some characters can't be shown in the PDF:\n%1\n\nExport anyway? "
                "They will appear as codes like %2."
            )
            .replace("%1", self._problem_listing(problems))
            .replace("%2", EXAMPLE_CODE)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Yes, export anyway"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("No, let me change them"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        if box.exec() == QMessageBox.StandardButton.Yes:
            return True
        return None

    def _problem(self, headline: str, reason: str) -> None:
        QMessageBox.warning(self, self.tr("Something went wrong"), headline + "\n\n" + reason)

    def _ask_save_path(self, title: str, file_name: str, failed: str) -> Path | None:
        """The place the person chose, or None; a place we must not write is explained
        under the headline ``failed`` (see ``filedialogs.ask_output_path``)."""
        return ask_output_path(
            self, title, file_name, self.tr("PDF files (*.pdf)"), suffix=".pdf", kind="pdf",
            problem=lambda sentence: self._problem(failed, sentence),
        )

    def _write_chosen(self, path: Path, data: bytes, failed: str) -> Path | None:
        """Write ``data`` to ``path`` (checked already); the file written, or None after a
        plain message under the headline ``failed``."""
        return write_chosen(path, data, problem=lambda sentence: self._problem(failed, sentence))

    def _render(self, replace_missing: bool, paper: str | None = None) -> bytes | None:
        from firstsession.app import pdfview

        try:
            with pdfview.render_lock:
                return pdf.render_sheet(self.session.sheet, content=self.session.content,
                                        paper=paper, replace_missing=replace_missing)
        except pdf.PdfError as err:
            self._problem(self.tr("Your PDF could not be made."), str(err))
            return None

    def _show_saved(self, text: str, path: Path | None) -> None:
        self._saved_path = path
        self.saved_label.setText(text)
        self.saved_label.setAccessibleName(text)
        self.open_saved_button.setVisible(path is not None)
        self.saved_row.show()

    def _open_saved(self) -> None:
        if self._saved_path is not None:
            self._open_file(self._saved_path)

    def _open_file(self, path: Path) -> bool:
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        self._problem(
            self.tr("No program opened the file."),
            self.tr("You can find it here: %1").replace("%1", show_path(path)),
        )
        return False

    def save_pdf(self) -> Path | None:
        """Ask where, then save the filled sheet as a PDF; the path, or None if not saved."""
        from firstsession.app import pdfview

        replace = self._ask_about_codes()
        if replace is None:
            return None
        path = self._ask_save_path(
            self.tr("Save your PDF"), DEFAULT_PDF_NAME, self.tr("Your PDF could not be saved.")
        )
        if path is None:
            return None
        failed = self.tr("Your PDF could not be saved.")
        try:
            with pdfview.render_lock:
                data = pdf.render_sheet(self.session.sheet, content=self.session.content,
                                        replace_missing=replace)
        except pdf.PdfError as err:
            self._problem(failed, str(err))
            return None
        if self._write_chosen(path, data, failed) is None:
            return None
        self._show_saved(self.tr("Saved to %1").replace("%1", show_path(path)), path)
        return path

    def save_blank(self) -> Path | None:
        """Ask where, then save a blank handout to fill in by hand (it holds no answers,
        so there are no characters to ask about)."""
        path = self._ask_save_path(
            self.tr("Save a blank handout"),
            DEFAULT_BLANK_NAME,
            self.tr("The blank handout could not be saved."),
        )
        if path is None:
            return None
        failed = self.tr("The blank handout could not be saved.")
        try:
            data = self._render_blank(self._paper())
        except pdf.PdfError as err:
            self._problem(failed, str(err))
            return None
        if self._write_chosen(path, data, failed) is None:
            return None
        self._show_saved(self.tr("Saved to %1").replace("%1", show_path(path)), path)
        return path

    def open_in_viewer(self) -> None:
        """Open the PDF in the computer's own PDF program, from a copy kept in the
        data folder (removed by "Delete all my data")."""
        replace = self._ask_about_codes()
        if replace is None:
            return
        data = self._render(replace)
        if data is None:
            return
        path = paths.data_dir() / PREVIEW_FILE
        try:
            storage.atomic_write(path, data)
        except OSError as err:
            self._problem(self.tr("The PDF could not be opened."), err.strerror or str(err))
            return
        if self._open_file(path):
            self._show_saved(
                self.tr(
                    "Opened a copy kept with your saved answers: %1. "
                    "It is removed when you delete all your data."
                ).replace("%1", str(path)),
                None,
            )

    def _packet(self) -> Packet | None:
        """The counsellor's packet this sheet came from, if any."""
        from firstsession.packet import PacketContent

        content = self.session.content
        return content.packet if isinstance(content, PacketContent) else None

    def _render_blank(self, paper: str) -> bytes:
        """The blank handout for ``paper``: the practice's own (branded) one when the
        sheet came from a packet, like ``firstsession blank --packet``. Raises PdfError."""
        from firstsession.app import pdfview

        with pdfview.render_lock:
            return pdf.render_blank(content=self.session.content, paper=paper,
                                    country=self._country(), packet=self._packet())

    # -- printing -------------------------------------------------------------------------

    def print_pdf(self) -> None:
        """Choose a printer and pages, then print the filled sheet at actual size."""
        replace = self._ask_about_codes()
        if replace is None:
            return
        self._print_with_dialog(self.tr("Print your sheet"), self._sheet_job(replace))

    def print_blank(self) -> None:
        """Choose a printer and pages, then print the blank handout (the practice's own
        when the sheet came from a packet)."""
        self._print_with_dialog(self.tr("Print a blank handout"), self._blank_job())

    def print_to(self, printer: QPrinter, *, replace_missing: bool = False,
                 as_printer: bool = False) -> int:
        """Print the filled sheet on ``printer`` without a dialog; how many pages went out.

        A printer writing a PDF file gets our own PDF (see ``_print_to_file``) unless
        ``as_printer``: then the pages are drawn on it as on paper, which is what a real
        printer gets.
        """
        return self._print(printer, self._sheet_job(replace_missing), as_printer=as_printer)

    def print_blank_to(self, printer: QPrinter, *, as_printer: bool = False) -> int:
        """Print the blank handout on ``printer`` without a dialog (see ``print_to``)."""

        return self._print(printer, self._blank_job(), as_printer=as_printer)

    def _sheet_job(self, replace: bool) -> _PrintJob:
        from firstsession.app import pdfview

        def render(paper: str, pages: list[int] | None) -> bytes:
            with pdfview.render_lock:
                return pdf.render_sheet(self.session.sheet, content=self.session.content,
                                        paper=paper, replace_missing=replace, pages=pages)

        return _PrintJob(render, self.tr("Your sheet could not be printed."),
                         pages_selectable=True)

    def _blank_job(self) -> _PrintJob:
        def render(paper: str, _pages: list[int] | None) -> bytes:
            return self._render_blank(paper)

        return _PrintJob(render, self.tr("The blank handout could not be printed."),
                         pages_selectable=False)

    def _print_with_dialog(self, title: str, job: _PrintJob) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        from firstsession.app import pdfview

        try:
            data = job.render(self._paper(), None)
        except pdf.PdfError as err:
            self._problem(job.failed, str(err))
            return
        count = pdfview.page_count(data)
        printer = pdfview.make_printer(self._paper())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(title)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCurrentPage, False)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintSelection, False)
        dialog.setMinMax(1, max(count, 1))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self._print(printer, job, first=data)

    def _print(self, printer: QPrinter, job: _PrintJob, *, first: bytes | None = None,
               as_printer: bool = False) -> int:
        """Print ``job`` on ``printer``: what the preview shows, at actual size.

        The sheet's paper when the printer has it; when the printer (or the person, in
        the print dialog) uses the other paper, the PDF is laid out again for that
        paper and one plain line says so. ``first`` is the PDF already made for the
        sheet's paper. Returns how many pages went out.
        """
        from PySide6.QtPdf import QPdfDocument

        from firstsession.app import pdfview

        paper = self._paper()
        target = pdfview.file_target(printer)
        if target is not None and as_printer:  # Qt's engine writes the file: check it too
            if not check_chosen(target, kind="pdf",
                                problem=lambda sentence: self._problem(job.failed, sentence)):
                return 0
        elif target is not None:  # "Print to File": our own PDF, on the sheet's paper
            return self._print_to_file(target, printer, job, first)
        printer_paper = pdfview.paper_of(printer)
        note = ""
        if printer_paper is not None and printer_paper != paper:
            note = self.tr(
                "Your printer uses %1 paper, so your pages were laid out again for %1 "
                "(the preview shows %2)."
            ).replace("%1", pdfview.paper_label(printer_paper)).replace(
                "%2", pdfview.paper_label(paper))
            paper, first = printer_paper, None
        elif printer_paper is None:
            note = (
                self.tr("Your printer uses %1 paper, so your %2 pages are printed at actual "
                        "size in the middle of it.")
                if pdfview.fits_on(printer, paper)
                else self.tr("Your printer uses %1 paper, so your %2 pages are made smaller "
                             "to fit it.")
            ).replace("%1", pdfview.paper_name(printer)).replace(
                "%2", pdfview.paper_label(paper))
        try:
            data = first if first is not None else job.render(paper, None)
        except pdf.PdfError as err:
            self._problem(job.failed, str(err))
            return 0
        document = QPdfDocument(self)
        try:
            if not pdfview.load_bytes(document, data):
                self._problem(job.failed, "")
                return 0
            count = pdfview.print_document(document, printer)
        except pdfview.PrintError as err:
            self._problem(job.failed, str(err))
            return 0
        finally:
            document.close()
            document.deleteLater()
        text = (
            self.tr("Sent 1 page to the printer.")
            if count == 1
            else self.tr("Sent %1 pages to the printer.").replace("%1", str(count))
        )
        self._show_saved(f"{text} {note}".strip(), None)
        return count

    def _print_to_file(self, target: Path, printer: QPrinter, job: _PrintJob,
                       first: bytes | None) -> int:
        """"Print to File": our own PDF (all of it, or just the chosen pages), saved like
        any export, never Qt's: the same check and writer as a Save (never our own data
        files, a folder, a device or a pipe)."""
        from firstsession.app import pdfview

        failed = self.tr("Your PDF could not be printed to a file.")
        if not check_chosen(target, kind="pdf",
                            problem=lambda sentence: self._problem(failed, sentence)):
            return 0
        try:
            data = first if first is not None else job.render(self._paper(), None)
            page_count = pdfview.page_count(data)
            chosen = [n + 1 for n in pdfview.pages_to_print(printer, page_count)]
            if not chosen:
                return 0
            if len(chosen) < page_count and job.pages_selectable:
                data = job.render(self._paper(), chosen)
            else:
                chosen = list(range(1, page_count + 1))
        except pdf.PdfError as err:
            self._problem(failed, str(err))
            return 0
        if self._write_chosen(target, data, failed) is None:
            return 0
        self._show_saved(self.tr("Saved to %1").replace("%1", show_path(target)), target)
        return len(chosen)


@dataclass(frozen=True)
class _PrintJob:
    """Something to print: ``render(paper, pages)`` gives its PDF for "A4" or "Letter"
    (only the 1-based ``pages`` when given and ``pages_selectable``); raises PdfError.
    ``failed`` is the headline when it cannot be printed."""

    render: Callable[[str, list[int] | None], bytes]
    failed: str
    pages_selectable: bool
