"""The "Print and export" step: choices, the live preview, saving, printing, opening."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from a11y import INTERACTIVE
from conftest import AnswerDialogs, saved_sheet
from pypdf import PdfReader
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QMessageBox,
    QScrollBar,
    QWidget,
)

from firstsession import content as content_mod
from firstsession import paths, storage
from firstsession.app import printing
from firstsession.app.exporting import PREVIEW_FILE
from firstsession.app.steps.export import DEBOUNCE_MS, ExportStep
from firstsession.model import SECTIONS, Sheet
from firstsession.sample import sample_sheet

UNDRAWABLE = "\ua9b2\ua9a4\ua995\ua9ab\ua98f"  # Javanese: no bundled font has it


@pytest.fixture
def sheet(content: content_mod.Content) -> Sheet:
    return sample_sheet(content)


@pytest.fixture
def page(make_page) -> ExportStep:  # type: ignore[no-untyped-def]
    return make_page(ExportStep, size=(900, 1400), show=False)


def show(qtbot, page: ExportStep) -> None:
    page.show()
    qtbot.waitExposed(page)


def wait_for_preview(qtbot, page: ExportStep) -> None:
    qtbot.waitUntil(lambda: page.document.pageCount() > 0, timeout=10_000)


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def save_dialog_returns(monkeypatch, path: Path) -> list[tuple]:
    """Stand in for the system's save dialog (the one OS dialog we replace in tests)."""
    calls: list[tuple] = []

    def fake(*args, **kwargs):
        calls.append(args)
        return str(path), "PDF files (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return calls


def press_in_next_message_box(button: QMessageBox.StandardButton) -> AnswerDialogs:
    """Answer the next message box as a person would; holds its text once it came."""
    return AnswerDialogs(QMessageBox, lambda box: box.button(button).click())


class _Opener(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


def test_unticking_sections_keeps_the_pdf_order(qtbot, page: ExportStep) -> None:
    """Space on section boxes updates sheet.export.sections, in PDF order, and the file."""
    for section_id in ("feelings", "therapists"):  # one off, the other (off at first) on
        box = page.section_boxes[section_id]
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    expected = [s for s in SECTIONS if s != "feelings"]
    assert page.session.sheet.export.sections == expected
    qtbot.keyClick(page.section_boxes["feelings"], Qt.Key.Key_Space)
    assert page.session.sheet.export.sections == list(SECTIONS)
    page.session.save_now()
    assert saved_sheet().export.sections == list(SECTIONS)


def test_notes_on_therapists_are_off_and_each_part_says_who_reads_it(
        qtbot, page: ExportStep) -> None:
    """A new sheet leaves "My notes on therapists" unticked; every part has one short line
    (shown under it, and as its box's accessible description) saying who will read it."""
    assert not page.section_boxes["therapists"].isChecked()
    assert all(box.isChecked() for sid, box in page.section_boxes.items() if sid != "therapists")
    lines = page.section_readers_labels
    assert set(lines) == set(SECTIONS)
    assert lines["summary"].text().startswith("Goes to your therapist")
    assert lines["therapists"].text().startswith("Only for you")
    for sid, label in lines.items():
        assert page.section_boxes[sid].accessibleDescription() == label.text()
        assert len(label.text()) < 120 and "\n" not in label.text()
    show(qtbot, page)
    assert all(label.isVisible() for label in lines.values())


def test_paper_choice_is_kept(qtbot, page: ExportStep) -> None:
    """Choosing a paper size with the keyboard sets sheet.export.paper and saves it."""
    assert page.paper.currentData() == "auto"
    page.paper.setFocus()
    qtbot.keyClick(page.paper, Qt.Key.Key_Down)
    assert page.session.sheet.export.paper == "A4"
    qtbot.keyClick(page.paper, Qt.Key.Key_Down)
    assert page.session.sheet.export.paper == "Letter"
    assert page.paper_hint.isHidden()
    page.session.save_now()
    assert saved_sheet().export.paper == "Letter"


def test_preview_shows_the_real_pdf_when_the_page_is_shown(qtbot, page: ExportStep) -> None:
    """Opening the page renders the sample sheet into the preview, with page numbers."""
    assert page.document.pageCount() == 0  # nothing is rendered before the page is seen
    show(qtbot, page)
    wait_for_preview(qtbot, page)
    count = page.document.pageCount()
    assert count >= 2
    assert page.preview_status.text() == f"Page 1 of {count}"
    assert not list(paths.data_dir().glob("*.pdf"))  # the preview never touches the disk


def test_preview_follows_changes_after_a_pause(qtbot, page: ExportStep) -> None:
    """A change while the page is visible re-renders the preview a moment later."""
    show(qtbot, page)
    wait_for_preview(qtbot, page)
    before = page.document.pageCount()
    for section_id in SECTIONS:
        if section_id != "notes":
            page.section_boxes[section_id].setChecked(False)
    assert page.document.pageCount() == before  # not at once: the change is debounced
    qtbot.waitUntil(lambda: 0 < page.document.pageCount() < before, timeout=5_000)


def test_changes_while_hidden_wait_until_the_page_is_shown(qtbot, page: ExportStep) -> None:
    """No rendering happens for a page nobody sees; showing it again brings it up to date."""
    show(qtbot, page)
    wait_for_preview(qtbot, page)
    before = page.document.pageCount()
    page.hide()
    page.section_boxes["feelings"].setChecked(False)
    page.session.sheet.export.sections = ["notes"]
    page.session.touch()
    with qtbot.assertNotEmitted(page.preview_updated, wait=2 * DEBOUNCE_MS):  # no render
        page.session.touch()
    assert page.document.pageCount() == before
    show(qtbot, page)
    qtbot.waitUntil(lambda: page.document.pageCount() == 1, timeout=5_000)


def test_preview_scrolls_by_keyboard(qtbot, page: ExportStep) -> None:
    """Page Down in the focused preview moves through the pages and says which one shows."""
    show(qtbot, page)
    wait_for_preview(qtbot, page)
    page.view.setFocus()
    scroll = page.view.verticalScrollBar()
    for _ in range(8):
        qtbot.keyClick(page.view, Qt.Key.Key_PageDown)
    assert scroll.value() > 0
    count = page.document.pageCount()
    qtbot.waitUntil(lambda: not page.preview_status.text().startswith("Page 1 of"))
    assert page.preview_status.text().endswith(f"of {count}")


def test_refresh_button_renders_again(qtbot, page: ExportStep) -> None:
    """"Refresh preview" shows the sheet as it is now."""
    show(qtbot, page)
    wait_for_preview(qtbot, page)
    page.session.sheet.export.sections = ["notes"]
    with qtbot.waitSignal(page.preview_updated, timeout=10_000):
        qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert page.document.pageCount() == 1


def test_save_pdf_writes_the_filled_sheet(qtbot, page: ExportStep, tmp_path, monkeypatch) -> None:
    """Save PDF… offers a name in Documents and writes a PDF with the person's answers."""
    out = tmp_path / "mine.pdf"
    calls = save_dialog_returns(monkeypatch, out)
    show(qtbot, page)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert out.exists()
    assert Path(calls[0][2]).name == "First Session preparation.pdf"
    text = pdf_text(out)
    assert "Sam" in text
    assert "Dr. Maya Okafor" not in text  # notes on therapists are the person's own: off
    assert page.saved_label.text() == (f"Saved to {out}. It is not encrypted: "
                                        "anyone who has the file can read it.")
    assert page.open_saved_button.isVisible()

    opener = _Opener()
    QDesktopServices.setUrlHandler("file", opener, "open")
    try:
        qtbot.mouseClick(page.open_saved_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in opener.opened] == [str(out)]


def test_a_failed_save_is_explained(qtbot, page: ExportStep, tmp_path, monkeypatch) -> None:
    """A place that cannot be written gets a plain message, and nothing claims success."""
    blocker = tmp_path / "not a folder"
    blocker.write_text("x")
    save_dialog_returns(monkeypatch, blocker / "sheet.pdf")
    seen = press_in_next_message_box(QMessageBox.StandardButton.Ok)
    assert page.save_pdf() is None
    assert seen and seen[0].startswith("Your PDF could not be saved.")
    assert "Traceback" not in seen[0]
    assert page.saved_row.isHidden()


def test_save_pdf_adds_the_pdf_ending(qtbot, page: ExportStep, tmp_path, monkeypatch) -> None:
    """A name typed without ".pdf" still gets a file that opens as a PDF."""
    save_dialog_returns(monkeypatch, tmp_path / "for my therapist")
    assert page.save_pdf() == tmp_path / "for my therapist.pdf"
    assert PdfReader(tmp_path / "for my therapist.pdf").pages


def test_undrawable_characters_are_explained_in_the_page(qtbot, make_page, content) -> None:
    """Javanese (no font here has it) stops the preview with a note in the page naming the
    field as labelled on screen and the script in words; "Preview anyway" shows the PDF."""
    sheet = sample_sheet(content)
    sheet.notes = f"Bring tissues {UNDRAWABLE}"
    page = make_page(ExportStep, sheet=sheet, size=(900, 1400), show=False)
    show(qtbot, page)
    qtbot.waitUntil(page.problem_box.isVisible, timeout=5_000)
    message = page.problem_label.text()
    assert "Javanese letters" in message and "[Javanese]" in message
    assert "Anything else to remember" in message and "U+" not in message
    assert page.document.pageCount() == 0
    assert page.preview_anyway_button.isVisible()

    with qtbot.waitSignal(page.preview_updated, timeout=10_000):
        qtbot.mouseClick(page.preview_anyway_button, Qt.MouseButton.LeftButton)
    assert page.document.pageCount() >= 2
    assert page.problem_box.isVisible()  # still says why names stand in for the letters
    assert page.preview_anyway_button.isHidden()


def test_export_anyway_puts_the_scripts_name_in_the_pdf(
    qtbot, page: ExportStep, tmp_path, monkeypatch
) -> None:
    """Saving with Javanese asks first; Yes writes the PDF with [Javanese] in its place."""
    page.session.sheet.notes = f"Bring tissues {UNDRAWABLE}"
    out = tmp_path / "anyway.pdf"
    save_dialog_returns(monkeypatch, out)
    seen = press_in_next_message_box(QMessageBox.StandardButton.Yes)
    assert page.save_pdf() == out
    assert "Export anyway?" in seen[0] and "Javanese letters" in seen[0]
    assert "U+" not in seen[0] and "[Javanese]" in pdf_text(out)


def test_saying_no_to_printing_anyway_saves_nothing(
    qtbot, page: ExportStep, tmp_path, monkeypatch
) -> None:
    """No in the question about writing that cannot be printed stops the export."""
    page.session.sheet.notes = f"Bring tissues {UNDRAWABLE}"
    calls = save_dialog_returns(monkeypatch, tmp_path / "no.pdf")
    asked = press_in_next_message_box(QMessageBox.StandardButton.No)
    assert page.save_pdf() is None
    asked.assert_answered()
    assert calls == []
    assert not (tmp_path / "no.pdf").exists()


def test_save_blank_writes_a_handout(qtbot, page: ExportStep, tmp_path, monkeypatch) -> None:
    """Blank handout… writes a printable PDF with none of the person's answers."""
    out = tmp_path / "blank.pdf"
    calls = save_dialog_returns(monkeypatch, out)
    qtbot.mouseClick(page.blank_button, Qt.MouseButton.LeftButton)
    assert Path(calls[0][2]).name == "First Session blank handout.pdf"
    text = pdf_text(out)
    assert "Sam" not in text
    assert len(PdfReader(out).pages) >= 1


def test_printing_sends_every_page(qtbot, page: ExportStep, tmp_path) -> None:
    """Printing to a PDF file produces one page per PDF page (our own PDF, saved there)."""
    expected = len(PdfReader(io.BytesIO(pdfview_bytes(page))).pages)
    printer = printing.make_printer("Letter")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert page.print_to(printer) == expected
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == expected
    assert page.saved_label.text() == f"Saved to {tmp_path / 'printed.pdf'}"


def test_printing_respects_the_page_range(qtbot, page: ExportStep, tmp_path) -> None:
    """A from/to range chosen in the print dialog prints only those pages."""
    printer = printing.make_printer("A4")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert page.print_to(printer) == 2
    assert len(PdfReader(tmp_path / "range.pdf").pages) == 2


def pdfview_bytes(page: ExportStep) -> bytes:
    from firstsession import pdf

    return pdf.render_sheet(page.session.sheet, content=page.session.content)


def test_open_in_viewer_uses_a_file_that_delete_all_removes(qtbot, page: ExportStep) -> None:
    """The copy for the PDF viewer sits in the data folder and "Delete all my data" removes it."""
    opener = _Opener()
    QDesktopServices.setUrlHandler("file", opener, "open")
    try:
        page.open_in_viewer()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    path = paths.data_dir() / PREVIEW_FILE
    assert [url.toLocalFile() for url in opener.opened] == [str(path)]
    assert "Sam" in pdf_text(path)
    assert path in storage.data_files()
    storage.delete_all_data()
    assert not path.exists()


def test_reload_shows_the_new_choices_quietly(qtbot, page: ExportStep) -> None:
    """After New/Open the boxes and paper show the other sheet without reporting a change."""
    other = Sheet()
    other.export.sections = ["summary", "notes"]
    other.export.paper = "A4"
    page.session.replace(other)
    page.session.save_now()
    changes: list[int] = []
    page.session.changed.connect(lambda: changes.append(1))
    page.reload()
    ticked = [s for s, box in page.section_boxes.items() if box.isChecked()]
    assert ticked == ["summary", "notes"]
    assert page.paper.currentData() == "A4"
    assert changes == []
    assert not page.session.dirty


def test_every_interactive_widget_has_an_accessible_name(qtbot, make_page, content) -> None:
    """Screen readers can name every control, including the ones shown only sometimes."""
    sheet = sample_sheet(content)
    sheet.notes = UNDRAWABLE
    page = make_page(ExportStep, sheet=sheet, size=None, show=False)
    show(qtbot, page)
    qtbot.waitUntil(page.problem_box.isVisible, timeout=5_000)
    nameless = [
        w for w in page.findChildren(QWidget)
        if isinstance(w, INTERACTIVE) and not w.accessibleName().strip()
        and not (isinstance(w, QScrollBar) and w.focusPolicy() == Qt.FocusPolicy.NoFocus)
    ]
    assert nameless == []
    assert len(page.findChildren(QAbstractButton)) >= len(SECTIONS) + 6  # the walk saw them
    assert page.view.accessibleName() == "Preview of your PDF"


BUILD_PROBE = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from firstsession import content
from firstsession.app.session import Session
from firstsession.app.steps.export import ExportStep
from firstsession.sample import sample_sheet
c = content.load()
page = ExportStep(Session(sample_sheet(c), c))
def heavy():
    return sorted(m for m in sys.modules if m.startswith(("PySide6.QtPdf", "PySide6.QtPrint",
              "firstsession.app.printing", "multiprocessing")))
built = heavy()
view = page.view
print(json.dumps({"built": built, "after": heavy(), "kind": type(view).__name__,
                  "in_column": page.preview.isAncestorOf(view)}))
"""


def test_building_the_page_waits_with_the_pdf_view_until_it_is_needed(data_dir: Path) -> None:
    """Reopening on this step builds the page right after the first paint: QtPdf, printing
    and the render process machinery are loaded only when the preview first needs them,
    and then the real PDF view takes its place in the page."""
    import json
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", BUILD_PROBE], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["built"] == []
    assert "PySide6.QtPdfWidgets" in seen["after"]
    assert seen["kind"] == "QPdfView" and seen["in_column"]


def test_the_list_of_fields_with_writing_no_font_has_never_doubles_a_question_mark() -> None:
    """A field labelled with a question ("What helps, even a little?") is followed by a dash,
    not "?:"; a plain label by a colon; the writing is named in words."""
    from firstsession import pdf
    from firstsession.app.exporting import problem_listing

    listing = problem_listing([
        pdf.Undrawable("About \u201csad\u201d: What helps, even a little?", ("Javanese",)),
        pdf.Undrawable("Anything else to remember", ("Javanese",)),
    ]).splitlines()
    assert listing == [
        "\u2022 About \u201csad\u201d: What helps, even a little? \u2014 Javanese letters",
        "\u2022 Anything else to remember: Javanese letters",
    ]
