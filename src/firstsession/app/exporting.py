"""The PDF actions, written once for the export step's buttons and the File menu.

The PDF actions, once, for the export step's buttons and the File menu: save the filled
sheet, save or print a blank handout, print, "Print to File", open in the PDF viewer.

Each asks what it must (writing no bundled font can draw, where to save, which printer),
explains any problem in a plain message, and reports what it did with ``done(text, path)``,
which the export step shows in its page. Rendering takes ``rendering.render_lock``;
printing (QtPdf, QtPrintSupport) and the render machinery load on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from firstsession import files, localeinfo, paths, pdf
from firstsession.app.filedialogs import ask_output_path, check_chosen, write_chosen
from firstsession.app.preview import load_bytes
from firstsession.app.rendering import render_lock
from firstsession.app.session import Session
from firstsession.i18n import N_, _, ngettext
from firstsession.outputs import show_path

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from firstsession.model import Sheet
    from firstsession.packet import Packet

# In the data folder next to the saved sheet, so "Delete all my data" removes it
# (its name starts with "sheet"); rewritten each time, never a growing pile.
PREVIEW_FILE = "sheet-preview.pdf"
# The names a Save dialog suggests, without ".pdf": translated when the dialog opens.
DEFAULT_PDF_NAME = N_("First Session preparation")
DEFAULT_BLANK_NAME = N_("First Session blank handout")



def country_of(sheet: Sheet) -> str:
    """The sheet's country code, or the one guessed from the computer's region."""
    return sheet.country or localeinfo.guess_country()


def paper_for(sheet: Sheet) -> str:
    """The sheet's paper as "A4" or "Letter", with "Automatic" worked out from the region."""
    return localeinfo.resolve_paper(sheet.export.paper, country_of(sheet))


def problem_listing(problems: list[pdf.Undrawable], limit: int = 6) -> str:
    """One line per field holding writing no font here can draw (at most ``limit`` fields,
    then how many more): the field's label as the app shows it, and the writing in words
    ("Anything else to remember: Javanese letters"), never character codes."""
    from firstsession.pdf.printed import in_words

    lines = [
        # A label that is a question keeps its own mark: "What helps?" then " — ", not "?:".
        "\u2022 " + p.field + (" \u2014 " if p.field.endswith(("?", "!", ":")) else ": ")
        + ", ".join(in_words(x) for x in p.scripts)
        for p in problems[:limit]
    ]
    if len(problems) > limit:
        more = len(problems) - limit
        lines.append(ngettext("\u2022 and {count} more place", "\u2022 and {count} more places",
                              more).format(count=more))
    return "\n".join(lines)


class Exporter(QObject):
    """The PDF actions for ``session``'s sheet; dialogs and messages belong to ``parent``.

    ``done(text, path)`` is emitted after each action that did something: one plain line
    saying what (saved where, how many pages went to the printer), and the file written
    (a Path) or None.
    """

    done = Signal(str, object)

    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session

    def _parent(self) -> QWidget:
        """The widget dialogs belong to (the Qt parent: no Python reference to it is kept,
        so the page's wrapper goes with the page)."""
        parent = self.parent()
        assert isinstance(parent, QWidget)
        return parent

    def paper(self) -> str:
        """The sheet's paper now: "A4" or "Letter"."""
        return paper_for(self.session.sheet)

    def _ask_about_codes(self) -> bool | None:
        """False when every word can be drawn; True when the person agrees to print the
        script's name ("[Javanese]") in place of writing no font here has; None when they
        would rather stop."""
        from firstsession.pdf.printed import example_of

        problems = pdf.undrawable(self.session.sheet, content=self.session.content)
        if not problems:
            return False
        box = QMessageBox(self._parent())
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Some writing can't be printed yet"))
        box.setText(
            _(
                "The PDF can't show some of what you wrote yet, because no font in First "
                "Session has these letters:\n%1\n\nExport anyway? Their name will be "
                "printed in their place, like %2."
            )
            .replace("%1", problem_listing(problems))
            .replace("%2", example_of(problems))
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Yes, export anyway"))
        box.button(QMessageBox.StandardButton.No).setText(_("No, let me change them"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        if box.exec() == QMessageBox.StandardButton.Yes:
            return True
        return None

    def _problem(self, headline: str, reason: str) -> None:
        QMessageBox.warning(self._parent(), _("Something went wrong"), headline + "\n\n" + reason)

    def _ask_save_path(self, title: str, file_name: str, failed: str) -> Path | None:
        """The place the person chose, or None; a place we must not write is explained
        under the headline ``failed`` (see ``filedialogs.ask_output_path``)."""
        return ask_output_path(
            self._parent(), title, file_name, _("PDF files (*.pdf)"), suffix=".pdf", kind="pdf",
            problem=lambda sentence: self._problem(failed, sentence),
        )

    def _write_chosen(self, path: Path, data: bytes, failed: str) -> Path | None:
        """Write ``data`` to ``path`` (checked already); the file written, or None after a
        plain message under the headline ``failed``."""
        return write_chosen(path, data, problem=lambda sentence: self._problem(failed, sentence))

    def _render(self, replace_missing: bool, paper: str | None = None) -> bytes | None:

        try:
            with render_lock:
                return pdf.render_sheet(self.session.sheet, content=self.session.content,
                                        paper=paper, replace_missing=replace_missing)
        except pdf.PdfError as err:
            self._problem(_("Your PDF could not be made."), str(err))
            return None

    def open_file(self, path: Path) -> bool:
        """Open ``path`` in the computer's own program for it; False (after a plain message
        saying where the file is) when none opened it."""
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        self._problem(
            _("No program opened the file."),
            _("You can find it here: %1").replace("%1", show_path(path)),
        )
        return False

    def save_pdf(self) -> Path | None:
        """Ask where, then save the filled sheet as a PDF; the path, or None if not saved."""
        replace = self._ask_about_codes()
        if replace is None:
            return None

        from firstsession.app.secretdialog import ask_pdf_password, pdf_password_wanted

        password = ""
        if pdf_password_wanted(self._parent()):
            password = ask_pdf_password(self._parent()) or ""
            if not password:
                return None

        def render() -> bytes:
            with render_lock:
                data = pdf.render_sheet(self.session.sheet, content=self.session.content,
                                        replace_missing=replace)
            if not password:
                return data
            from firstsession.pdflock import lock_pdf

            return lock_pdf(data, password)

        said = (_("Saved to %1. It opens only with its password.") if password else
                _("Saved to %1. It is not encrypted: anyone who has the file can read it."))
        return self._save(_("Save your PDF"), _(DEFAULT_PDF_NAME) + ".pdf",
                          _("Your PDF could not be saved."), render, said)

    def save_blank(self) -> Path | None:
        """Ask where, then save a blank handout to fill in by hand (it holds no answers,
        so there are no characters to ask about)."""
        return self._save(_("Save a blank handout"), _(DEFAULT_BLANK_NAME) + ".pdf",
                          _("The blank handout could not be saved."),
                          lambda: self._render_blank(self.paper()))

    def _save(self, title: str, file_name: str, failed: str,
              render: Callable[[], bytes], said: str = "") -> Path | None:
        """Ask where (offering ``file_name``), then write what ``render`` makes (it may raise
        PdfError); the path written, or None (cancelled, or explained under ``failed``).
        ``said`` is the translated sentence reported when done, with %1 for the path
        (default "Saved to %1")."""
        path = self._ask_save_path(title, file_name, failed)
        if path is None:
            return None
        try:
            data = render()
        except pdf.PdfError as err:
            self._problem(failed, str(err))
            return None
        if self._write_chosen(path, data, failed) is None:
            return None
        said = said or _("Saved to %1")
        self.done.emit(said.replace("%1", show_path(path)), path)
        return path

    def open_in_viewer(self) -> None:
        """Open the PDF in the computer's own PDF program, from a copy kept in the
        data folder (removed by "Delete all my data")."""
        from firstsession import passphrase, vault

        if vault.current() is not None or passphrase.is_set():
            self._problem(_("The PDF was not opened."), _(
                "Your sheet is encrypted, so First Session leaves no readable copy of it on "
                "this computer. Use \u201cSave PDF\u2026\u201d to keep a PDF where you choose."))
            return
        replace = self._ask_about_codes()
        if replace is None:
            return
        data = self._render(replace)
        if data is None:
            return
        path = paths.data_dir() / PREVIEW_FILE
        try:
            files.atomic_write(path, data)
        except OSError as err:
            self._problem(_("The PDF could not be opened."), err.strerror or str(err))
            return
        if self.open_file(path):
            self.done.emit(
                _(
                    "Opened a copy kept with your saved answers: %1. "
                    "It is removed when you delete all your data."
                ).replace("%1", str(path)),
                None,
            )

    def _packet(self) -> Packet | None:
        """The counsellor's packet this sheet came from, if any."""
        return self.session.content.packet

    def _render_blank(self, paper: str) -> bytes:
        """The blank handout for ``paper``: the practice's own (branded) one when the
        sheet came from a packet, like ``firstsession blank --packet``. Raises PdfError."""

        with render_lock:
            return pdf.render_blank(content=self.session.content, paper=paper,
                                    country=country_of(self.session.sheet), packet=self._packet())

    # -- printing -------------------------------------------------------------------------

    def print_pdf(self) -> None:
        """Choose a printer and pages, then print the filled sheet at actual size."""
        replace = self._ask_about_codes()
        if replace is None:
            return
        self._print_with_dialog(_("Print your sheet"), self._sheet_job(replace))

    def print_blank(self) -> None:
        """Choose a printer and pages, then print the blank handout (the practice's own
        when the sheet came from a packet)."""
        self._print_with_dialog(_("Print a blank handout"), self._blank_job())

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

        def render(paper: str, pages: list[int] | None) -> bytes:
            with render_lock:
                return pdf.render_sheet(self.session.sheet, content=self.session.content,
                                        paper=paper, replace_missing=replace, pages=pages)

        return _PrintJob(render, _("Your sheet could not be printed."),
                         pages_selectable=True)

    def _blank_job(self) -> _PrintJob:
        def render(paper: str, _pages: list[int] | None) -> bytes:
            return self._render_blank(paper)

        return _PrintJob(render, _("The blank handout could not be printed."),
                         pages_selectable=False)

    def _print_with_dialog(self, title: str, job: _PrintJob) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        from firstsession.app import printing  # QtPrintSupport: loaded for the first print


        try:
            data = job.render(self.paper(), None)
        except pdf.PdfError as err:
            self._problem(job.failed, str(err))
            return
        count = printing.page_count(data)
        printer = printing.make_printer(self.paper())
        dialog = QPrintDialog(printer, self._parent())
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

        from firstsession.app import printing  # QtPrintSupport: loaded for the first print


        paper = self.paper()
        target = printing.file_target(printer)
        if target is not None and as_printer:  # Qt's engine writes the file: check it too
            if not check_chosen(target, kind="pdf",
                                problem=lambda sentence: self._problem(job.failed, sentence)):
                return 0
        elif target is not None:  # "Print to File": our own PDF, on the sheet's paper
            return self._print_to_file(target, printer, job, first)
        printer_paper = printing.paper_of(printer)
        note = ""
        if printer_paper is not None and printer_paper != paper:
            note = _(
                "Your printer uses %1 paper, so your pages were laid out again for %1 "
                "(the preview shows %2)."
            ).replace("%1", printing.paper_label(printer_paper)).replace(
                "%2", printing.paper_label(paper))
            paper, first = printer_paper, None
        elif printer_paper is None:
            note = (
                _("Your printer uses %1 paper, so your %2 pages are printed at actual "
                        "size in the middle of it.")
                if printing.fits_on(printer, paper)
                else _("Your printer uses %1 paper, so your %2 pages are made smaller "
                             "to fit it.")
            ).replace("%1", printing.paper_name(printer)).replace(
                "%2", printing.paper_label(paper))
        try:
            data = first if first is not None else job.render(paper, None)
        except pdf.PdfError as err:
            self._problem(job.failed, str(err))
            return 0
        document = QPdfDocument()
        try:
            if not load_bytes(document, data):
                self._problem(job.failed, "")
                return 0
            count = printing.print_document(document, printer)
        except printing.PrintError as err:
            self._problem(job.failed, str(err))
            return 0
        finally:
            document.close()
            document.deleteLater()
        text = ngettext("Sent {count} page to the printer.", "Sent {count} pages to the printer.",
                        count).format(count=count)
        self.done.emit(f"{text} {note}".strip(), None)
        return count

    def _print_to_file(self, target: Path, printer: QPrinter, job: _PrintJob,
                       first: bytes | None) -> int:
        """"Print to File": our own PDF (all of it, or just the chosen pages), saved like
        any export, never Qt's: the same check and writer as a Save (never our own data
        files, a folder, a device or a pipe)."""
        from firstsession.app import printing  # QtPrintSupport: loaded for the first print

        failed = _("Your PDF could not be printed to a file.")
        if not check_chosen(target, kind="pdf",
                            problem=lambda sentence: self._problem(failed, sentence)):
            return 0
        try:
            data = first if first is not None else job.render(self.paper(), None)
            page_count = printing.page_count(data)
            chosen = [n + 1 for n in printing.pages_to_print(printer, page_count)]
            if not chosen:
                return 0
            if len(chosen) < page_count and job.pages_selectable:
                data = job.render(self.paper(), chosen)
            else:
                chosen = list(range(1, page_count + 1))
        except pdf.PdfError as err:
            self._problem(failed, str(err))
            return 0
        if self._write_chosen(target, data, failed) is None:
            return 0
        self.done.emit(_("Saved to %1").replace("%1", show_path(target)), target)
        return len(chosen)


@dataclass(frozen=True)
class _PrintJob:
    """Something to print: ``render(paper, pages)`` gives its PDF for "A4" or "Letter"
    (only the 1-based ``pages`` when given and ``pages_selectable``); raises PdfError.
    ``failed`` is the headline when it cannot be printed."""

    render: Callable[[str, list[int] | None], bytes]
    failed: str
    pages_selectable: bool
