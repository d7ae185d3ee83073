"""Printing from the app: what the preview shows, at actual size, on the printer's paper.

A real printer cannot be driven offscreen, so Qt's own PDF engine stands in for it: the
export step draws its pages on a ``QPrinter`` in PdfFormat exactly as on paper (the
raster path, ``as_printer=True``), and the file is read back with pypdf (the paper size,
and where the page image was drawn and how big). "Print to File" keeps saving our own PDF.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from conftest import AnswerDialogs
from pypdf import PdfReader
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QComboBox, QLineEdit

from firstsession import cli, pdf
from firstsession import content as content_mod
from firstsession.app import printing
from firstsession.app.session import Session
from firstsession.app.steps.export import ExportStep
from firstsession.model import Sheet
from firstsession.packet_format import encode_packet, packet_to_dict
from firstsession.packet_sample import PRACTICE_NAME, sample_packet
from firstsession.sample import sample_sheet

LETTER = (612.0, 792.0)
A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def content() -> content_mod.Content:
    return content_mod.load()


def export_step(qtbot: Any, sheet: Sheet, content: content_mod.Content) -> ExportStep:
    step = ExportStep(Session(sheet, content))
    qtbot.addWidget(step)
    return step


def letter_sheet(content: content_mod.Content) -> Sheet:
    sheet = sample_sheet(content)
    sheet.country = "US"
    sheet.export.paper = "Letter"
    return sheet


def printer_to(path: Path, paper: str) -> QPrinter:
    """A printer as a print queue hands it over: its own default paper (``paper``), its
    hardware margins (12 pt) and not full-page; writing what it is sent to ``path``."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(printing.page_size_for(paper))
    printer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Point)
    assert not printer.fullPage()
    return printer


def drawn_images(path: Path) -> list[tuple[tuple[float, float], list[float]]]:
    """Each page's paper size (points) and the matrix that places its page image
    (a, b, c, d, e, f: the image's width is a, its height d, its corner e, f)."""
    found = []
    for page in PdfReader(path).pages:
        matrices: list[list[float]] = []

        def before(op: bytes, _args: Any, cm: list[float], _tm: Any,
                   matrices: list[list[float]] = matrices) -> None:
            if op == b"Do":
                matrices.append([float(v) for v in cm])

        page.extract_text(visitor_operand_before=before)
        assert len(matrices) == 1, "one page image per page"
        found.append(((float(page.mediabox.width), float(page.mediabox.height)), matrices[0]))
    return found


def assert_full_size(path: Path, paper: tuple[float, float]) -> None:
    for size, (a, b, c, d, e, f) in drawn_images(path):
        assert size == pytest.approx(paper, abs=1)
        assert (a, d) == pytest.approx(paper, abs=1), "the page is printed at 100%"
        assert (b, c, e, f) == pytest.approx((0, 0, 0, 0), abs=0.5), "from the paper's corner"


def test_a_letter_sheet_on_letter_paper_prints_at_actual_size(qtbot, content, tmp_path) -> None:
    """On matching paper every page is drawn at 100% from the paper's corner, not fitted
    inside the printer's margins (about 97%)."""
    step = export_step(qtbot, letter_sheet(content), content)
    out = tmp_path / "printed.pdf"
    pages = step.print_to(printer_to(out, "Letter"), as_printer=True)
    assert pages == len(PdfReader(out).pages) >= 2
    assert_full_size(out, LETTER)
    assert step.saved_label.text() == f"Sent {pages} pages to the printer."


def test_a_letter_sheet_on_an_a4_printer_is_laid_out_for_a4_and_says_so(
        qtbot, content, tmp_path) -> None:
    """A Letter sheet sent to a printer with A4 paper is laid out again for A4 and printed
    at actual size (not the Letter page shrunk to 94% with blank bands), and one plain
    line says so."""
    sheet = letter_sheet(content)
    step = export_step(qtbot, sheet, content)
    out = tmp_path / "printed.pdf"
    pages = step.print_to(printer_to(out, "A4"), as_printer=True)
    assert_full_size(out, A4)
    a4_pages = len(PdfReader(io.BytesIO(pdf.render_sheet(sheet, content=content,
                                                         paper="A4"))).pages)
    assert pages == a4_pages
    message = step.saved_label.text()
    assert message == (f"Sent {pages} pages to the printer. Your printer uses A4 paper, so "
                       "your pages were laid out again for A4 (the preview shows US Letter).")
    assert "\n" not in message


def test_an_a4_sheet_on_a4_paper_says_nothing_about_paper(qtbot, content, tmp_path) -> None:
    """Matching paper: full size and no note about paper."""
    sheet = sample_sheet(content)
    sheet.export.paper = "A4"
    step = export_step(qtbot, sheet, content)
    out = tmp_path / "printed.pdf"
    pages = step.print_to(printer_to(out, "A4"), as_printer=True)
    assert_full_size(out, A4)
    assert step.saved_label.text() == f"Sent {pages} pages to the printer."


def test_other_paper_gets_the_page_in_its_middle_and_a_plain_line(
        qtbot, content, tmp_path) -> None:
    """On paper we have no layout for (Legal), the Letter page is printed at 100% in the
    middle of the paper, and the person is told."""
    from PySide6.QtGui import QPageSize

    step = export_step(qtbot, letter_sheet(content), content)
    out = tmp_path / "printed.pdf"
    printer = printer_to(out, "Letter")
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Legal))
    step.print_to(printer, as_printer=True)
    for (width, height), (a, _b, _c, d, e, f) in drawn_images(out):
        assert (width, height) == pytest.approx((612, 1008), abs=1)
        assert (a, d) == pytest.approx(LETTER, abs=1)
        assert (e, f) == pytest.approx((0, (1008 - 792) / 2), abs=1)
    assert step.saved_label.text().endswith(
        "Your printer uses Legal paper, so your US Letter pages are printed at actual size "
        "in the middle of it.")


def test_smaller_paper_gets_the_page_made_smaller_and_a_plain_line(
        qtbot, content, tmp_path) -> None:
    """On paper smaller than the page (A5), the page is made smaller to fit, and the person
    is told."""
    from PySide6.QtGui import QPageSize

    step = export_step(qtbot, letter_sheet(content), content)
    out = tmp_path / "printed.pdf"
    printer = printer_to(out, "Letter")
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    step.print_to(printer, as_printer=True)
    for (width, height), (a, _b, _c, d, _e, _f) in drawn_images(out):
        assert a <= width + 0.5 and d <= height + 0.5
        assert a / d == pytest.approx(612 / 792, rel=0.01)
    assert step.saved_label.text().endswith(
        "Your printer uses A5 paper, so your US Letter pages are made smaller to fit it.")


def test_the_page_drawing_fills_any_paged_device_at_actual_size(content, tmp_path) -> None:
    """printing.draw_page draws a page 1:1 in points on a QPdfWriter too (what the print
    path does on each printer page)."""
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter
    from PySide6.QtPdf import QPdfDocument

    from firstsession.app.preview import load_bytes

    data = pdf.render_sheet(letter_sheet(content), content=content, paper="Letter")
    document = QPdfDocument()
    assert load_bytes(document, data)
    out = tmp_path / "writer.pdf"
    writer = QPdfWriter(str(out))
    writer.setResolution(150)
    writer.setPageLayout(printing.full_page_layout(QPageSize(QPageSize.PageSizeId.Letter)))
    painter = QPainter(writer)
    drawn = printing.draw_page(painter, writer, document, 0)
    painter.end()
    assert (drawn.width(), drawn.height()) == pytest.approx((612 * 150 / 72, 792 * 150 / 72))
    assert_full_size(out, LETTER)


def test_the_blank_handout_can_be_printed(qtbot, content, tmp_path) -> None:
    """The blank handout goes to a printer too, every page at actual size."""
    sheet = sample_sheet(content)
    sheet.export.paper = "A4"
    step = export_step(qtbot, sheet, content)
    out = tmp_path / "blank.pdf"
    pages = step.print_blank_to(printer_to(out, "A4"), as_printer=True)
    expected = pdf.render_blank(content=content, paper="A4", country=step._country())
    assert pages == len(PdfReader(io.BytesIO(expected)).pages) == len(PdfReader(out).pages)
    assert_full_size(out, A4)


def packet_sheet(content: content_mod.Content) -> Sheet:
    sheet = Sheet(country="US", packet=packet_to_dict(sample_packet()))
    sheet.export.paper = "Letter"
    return sheet


def cli_blank(tmp_path: Path) -> Path:
    packet = tmp_path / "practice.json"
    packet.write_bytes(encode_packet(sample_packet()))
    out = tmp_path / "cli.pdf"
    assert cli.main(["blank", "--packet", str(packet), "--paper", "Letter", "--country", "US",
                     "-o", str(out)]) == 0
    return out


def test_a_packets_blank_handout_from_the_app_is_the_branded_one(
        qtbot, content, tmp_path, monkeypatch) -> None:
    """With a packet loaded, "Blank handout…" saves the same branded handout as
    `firstsession blank --packet` (same pages, the practice's name on each)."""
    from PySide6.QtWidgets import QFileDialog

    step = ExportStep(Session(packet_sheet(content), content_mod.load()))
    qtbot.addWidget(step)
    saved = tmp_path / "app.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(saved), "PDF files (*.pdf)")))
    assert step.save_blank() == saved
    ours, theirs = PdfReader(saved), PdfReader(cli_blank(tmp_path))
    assert len(ours.pages) == len(theirs.pages)
    assert [p.extract_text() for p in ours.pages] == [p.extract_text() for p in theirs.pages]
    assert all(PRACTICE_NAME in p.extract_text() for p in ours.pages)


def test_a_packets_blank_handout_prints_branded(qtbot, content, tmp_path) -> None:
    """Printing the blank handout with a packet loaded prints the practice's pages."""
    step = ExportStep(Session(packet_sheet(content), content_mod.load()))
    qtbot.addWidget(step)
    out = tmp_path / "printed.pdf"
    pages = step.print_blank_to(printer_to(out, "Letter"), as_printer=True)
    assert pages == len(PdfReader(cli_blank(tmp_path)).pages)
    assert_full_size(out, LETTER)


def test_print_blank_handout_button_opens_the_print_dialog_and_prints_to_a_file(
        qtbot, content, tmp_path) -> None:
    """"Print blank handout…" shows the print dialog; "Print to File" there saves our own
    blank handout PDF (real text, not pictures)."""
    step = export_step(qtbot, sample_sheet(content), content)
    out = tmp_path / "blank-printed.pdf"

    def act(dialog: QPrintDialog) -> None:
        printers = dialog.findChild(QComboBox, "printers")  # a real queue may be the default
        printers.setCurrentIndex(printers.count() - 1)  # "Print to File (PDF)"
        dialog.findChild(QLineEdit, "filename").setText(str(out))
        dialog.accept()

    seen = AnswerDialogs(QPrintDialog, act, note=lambda dialog: dialog.windowTitle())
    step.print_blank_button.click()
    seen.assert_answered()
    assert seen == ["Print a blank handout"]
    expected = pdf.render_blank(content=content, paper=step._paper(), country=step._country())
    assert out.read_bytes() == expected
