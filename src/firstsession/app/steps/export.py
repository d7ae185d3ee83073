"""Step 8, "Print and export": what goes in, a preview, and the ways out.

Choose what goes in (and who reads each part), preview the real PDF, then save it, print it,
open it in the PDF viewer, or save a blank handout: ``exporting.Exporter``'s actions (the
File menu's too); this page shows what they did. The preview is the very PDF that would be
saved, rendered in memory (never to a temporary file) and re-rendered on demand: when the
page is shown (once the window has painted), a moment after a change while the page is
visible, and with "Refresh preview". A snapshot of the sheet (copy.deepcopy: 0.2 ms at 5 MB,
as its text is shared) is rendered in a separate process (``rendering.SheetRenders``), so the
window never waits for it; a newer change ends a render still running. It is shown in a
``preview.PdfPreview``.

This module is imported only when the person first opens the step. When the app reopens on
this step, the page is built right after the window's first paint, so building it stays
cheap: QtPdf, printing and the render process are loaded, and the PDF view made, only when
the first preview is rendered; the PDF actions (``exporting``: file dialogs, the PDF
package) when first used; nothing on the way builds PySide's ``Qt`` namespace.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer, Signal
from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from firstsession import i18n, labels, localeinfo
from firstsession.app.layouts import BreakAnywhereLabel, CheckRow, flow_row
from firstsession.app.preview import PdfPreview
from firstsession.app.secretdialog import pdf_protection
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

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
    from PySide6.QtPrintSupport import QPrinter

    from firstsession import pdf
    from firstsession.app.exporting import Exporter
    from firstsession.app.rendering import SheetRenders

DEBOUNCE_MS = 800
PAPER_CHOICES = ("auto", "A4", "Letter")
SIDE_BY_SIDE_EMS = 60  # page width (in "M"s of the current font) that fits both columns


def hint(text: str) -> QLabel:
    return paragraph(text, object_name="hint")


class ExportStep(StepPage):
    # Emitted on the GUI thread once a preview render has been shown or explained.
    preview_updated = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._exporter: Exporter | None = None  # the PDF actions (made on first use)
        self._renders_made: SheetRenders | None = None  # with the preview view (first use)
        self._waiting_for_window = False
        self._stale = True  # the preview does not show the sheet as it is now
        self._preview_anyway = False  # the person chose to see [Javanese] for unprintable writing
        self._saved_path: Path | None = None
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
            "notes": i18n._(labels.NOTES_QUESTION),
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
                row_layout = row.layout()
                gap = row_layout.spacing() if row_layout is not None else 0
                indent = row.box.sizeHint().width() + gap
                line.setContentsMargins(indent, 0, 0, 0)
                line.addWidget(reader, 1)
                box.addLayout(line)
                self.section_readers_labels[section_id] = reader
        self.nothing_chosen = hint(
            self.tr("Nothing is chosen yet, so your PDF would be nearly empty.")
        )
        box.addWidget(self.nothing_chosen)
        box.addWidget(hint(self.tr("Only answers you chose to share are included.")))

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
        column.addWidget(pdf_protection(hint))  # not encrypted unless locked with a password
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

        # Writing no bundled font can draw: said in the page, with a way to go on.
        self.problem_box = QFrame()
        self.problem_box.setFrameShape(QFrame.Shape.StyledPanel)
        problem = QVBoxLayout(self.problem_box)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        set_by_name(self.problem_label, "textFormat", "PlainText")
        set_by_name(self.problem_label, "textInteractionFlags", "TextSelectableByMouse")
        self.preview_anyway_button = action_button(
            self.tr("Preview anyway"),
            self.tr("Show the preview with the name of the writing in its place"),
        )
        self.preview_anyway_button.clicked.connect(self._show_anyway)
        problem.addWidget(self.problem_label)
        anyway_row = QHBoxLayout()  # on the left, as wide as its text
        anyway_row.addWidget(self.preview_anyway_button)
        anyway_row.addStretch(1)
        problem.addLayout(anyway_row)
        self.problem_box.hide()
        self.preview_column.addWidget(self.problem_box)

        # The PDF view (QtPdf) is made inside it on first use.
        self.preview = PdfPreview(
            self.tr("Preview of your PDF"),
            self.tr("Scroll with the arrow keys, or Page Up and Page Down."),
        )
        # Tall enough to read a page, but never taller than most of the screen, so the
        # page around it can still be scrolled to the top and bottom of the preview.
        screen_height = self.screen().availableGeometry().height()
        self.preview.setMinimumHeight(
            min(self.fontMetrics().lineSpacing() * 26, screen_height * 3 // 5)
        )
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.page_changed.connect(self._show_page_number)
        self.preview_column.addWidget(self.preview, 1)

    @property
    def view(self) -> QPdfView:
        """The preview's PDF view (made on first use)."""
        return self.preview.view

    @property
    def document(self) -> QPdfDocument:
        """The PDF the preview shows (made on first use)."""
        return self.preview.document

    @property
    def exporter(self) -> Exporter:
        """The PDF actions, shared with the File menu (made, with their module, on first use)."""
        if self._exporter is None:
            from firstsession.app.exporting import Exporter

            self._exporter = Exporter(self.session, self)
            self._exporter.done.connect(self._show_saved)
        return self._exporter

    @property
    def _renders(self) -> SheetRenders:
        """The preview's renders (the render process and its worker), made on first use."""
        if self._renders_made is None:
            from firstsession.app.rendering import SheetRenders

            self._renders_made = SheetRenders(self)
            self._renders_made.finished.connect(self._preview_ready)
        return self._renders_made

    def _show_saved(self, text: str, path: Path | None) -> None:
        """Where the last file went (or what was printed), in the page rather than a pop-up."""
        self._saved_path = path
        self.saved_label.setText(text)
        self.saved_label.setAccessibleName(text)
        self.open_saved_button.setVisible(path is not None)
        self.saved_row.show()

    def _open_saved(self) -> None:
        if self._saved_path is not None:
            self.exporter.open_file(self._saved_path)

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
        return localeinfo.resolve_paper(self.session.sheet.export.paper, self._country())

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
        self.preview_status.setText(self.tr("Updating preview\u2026"))
        self.preview.view  # noqa: B018  (made now, so the view is in place for the result)
        self._renders.submit(copy.deepcopy(self.session.sheet), self.session.content,
                             self._preview_anyway)

    def close_renderer(self) -> None:
        """End the render process (if any) and drop any render under way: for closing."""
        if self._renders_made is not None:
            self._renders_made.close()

    def _preview_ready(self, result: object) -> None:
        try:
            self._show_preview(result)
        finally:
            self.preview_updated.emit()

    def _show_preview(self, result: object) -> None:
        from firstsession.app.rendering import PreviewResult  # loaded with the renders

        if not isinstance(result, PreviewResult):  # the worker raised: say so, calmly
            self.preview.clear()
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
            self.preview.clear()
            self.preview_status.setText(self.tr("The preview is waiting. See the note below."))
            return
        else:
            self._show_problems(problems, stopped=False)
        if result.document is None:
            self.preview.clear()
            self.preview_status.setText(
                self.tr("The preview could not be made: %1").replace("%1", result.error or "")
            )
            return
        self.preview.show_document(result.document)

    def wait_for_preview(self, timeout_ms: int) -> bool:
        """Run the event loop until the preview shows the sheet as it is now and its
        first page is drawn, for at most ``timeout_ms`` (for tools such as the
        screenshots; the app itself never waits). True when it is shown."""
        loop = QEventLoop()
        deadline = QTimer()
        deadline.setSingleShot(True)
        deadline.timeout.connect(loop.quit)
        deadline.start(timeout_ms)
        if self._stale or self._renders.busy():
            self.preview_updated.connect(loop.quit)
            if self._stale and self.isVisible():
                self.refresh_preview()
            loop.exec()
            self.preview_updated.disconnect(loop.quit)
        renderer = self.preview.page_renderer()
        if deadline.isActive() and renderer is not None and self.preview.page_count() > 0:
            renderer.pageRendered.connect(loop.quit)
            self.view.viewport().update()
            loop.exec()
            renderer.pageRendered.disconnect(loop.quit)
        shown = deadline.isActive()
        deadline.stop()
        return shown

    def _show_problems(self, problems: list[pdf.Undrawable], *, stopped: bool) -> None:
        from firstsession.app.exporting import problem_listing
        from firstsession.pdf.printed import example_of

        listing = problem_listing(problems)
        if stopped:
            text = (
                self.tr(
                    "The PDF can't show some of what you wrote yet, because no font in First "
                    "Session has these letters:\n%1\n\nYou can change them, or see the "
                    "preview with their name in their place, like %2."
                )
                .replace("%1", listing).replace("%2", example_of(problems))
            )
        else:
            text = self.tr(
                "The PDF can't show some of what you wrote yet, so the preview shows "
                "their name in their place:\n%1"
            ).replace("%1", listing)
        self.problem_label.setText(text)
        self.problem_label.setAccessibleName(text)
        self.preview_anyway_button.setVisible(stopped)
        self.problem_box.show()

    def _show_anyway(self) -> None:
        self._preview_anyway = True
        self.refresh_preview()
        from PySide6.QtCore import Qt  # built already with the preview's view

        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_page_number(self) -> None:
        count = self.preview.page_count()
        if count:
            self.preview_status.setText(
                self.tr("Page %1 of %2").replace("%1", str(self.preview.current_page()))
                .replace("%2", str(count))
            )

    # -- the PDF actions (exporting.Exporter), as the page's buttons call them --------------

    def save_pdf(self) -> Path | None:
        """See ``Exporter.save_pdf``."""
        return self.exporter.save_pdf()

    def save_blank(self) -> Path | None:
        """See ``Exporter.save_blank``."""
        return self.exporter.save_blank()

    def open_in_viewer(self) -> None:
        """See ``Exporter.open_in_viewer``."""
        self.exporter.open_in_viewer()

    def print_pdf(self) -> None:
        """See ``Exporter.print_pdf``."""
        self.exporter.print_pdf()

    def print_blank(self) -> None:
        """See ``Exporter.print_blank``."""
        self.exporter.print_blank()

    def print_to(self, printer: QPrinter, *, replace_missing: bool = False,
                 as_printer: bool = False) -> int:
        """See ``Exporter.print_to``."""
        return self.exporter.print_to(printer, replace_missing=replace_missing,
                                      as_printer=as_printer)

    def print_blank_to(self, printer: QPrinter, *, as_printer: bool = False) -> int:
        """See ``Exporter.print_blank_to``."""
        return self.exporter.print_blank_to(printer, as_printer=as_printer)
