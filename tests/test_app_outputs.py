"""Every file the app writes at a place the person chose goes through one check and one
writer (``filedialogs.ask_output_path`` / ``check_chosen`` / ``write_chosen``): Save PDF,
Save a blank handout, Print to File, Save a copy and the packet editor's Save. Our own
data files, links to them, folders and pipes are refused with a plain message and
nothing is written; a name given a suffix is asked about before it is replaced; a path
is shown as it is, whatever bytes its name holds.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import AnswerDialogs, click_button
from test_outputs import save_dialog_returns, snapshot

from firstsession import paths, storage
from firstsession.sample import sample_sheet


def answer_boxes(*answers: str) -> AnswerDialogs:
    """Answer the next message boxes in turn with the standard buttons named (``"Yes"``,
    ``"No"``, ``"Ok"``), as a person would; holds each box's title and text."""
    from PySide6.QtWidgets import QMessageBox

    return AnswerDialogs(QMessageBox, *(click_button(a) for a in answers),
                         note=lambda box: box.windowTitle() + "\n" + box.text())


@pytest.fixture
def window(qtbot, data_dir: Path):  # type: ignore[no-untyped-def]
    """The main window on a saved sheet that has a backup (saved twice)."""
    from firstsession import content
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow

    first = sample_sheet()
    storage.save_sheet(first)
    first.notes = "the latest words typed"
    storage.save_sheet(first)
    assert paths.sheet_path().with_name("sheet.json.bak").is_file()
    win = MainWindow(Session(storage.load_saved().sheet, content.load()))
    qtbot.addWidget(win)
    yield win
    win.session.dirty = False


def pdf_printer(target: Path):  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    from firstsession.app import printing

    printer = printing.make_printer("A4")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(os.fsdecode(target))
    return printer


# -- 1. Print to File never replaces our own data ------------------------------------------


@pytest.mark.parametrize("how", ["print_to", "print_blank_to", "as_printer"])
@pytest.mark.parametrize("target", ["sheet.json", "sheet.json.bak", "link elsewhere",
                                    "a pipe", "a folder"])
def test_print_to_file_will_not_replace_the_saved_sheet_its_backup_a_link_to_them_or_a_pipe(
    window, data_dir: Path, tmp_path: Path, how: str, target: str
) -> None:
    """Print to File naming the saved sheet, its backup, a symlink elsewhere pointing at the
    sheet, a pipe or a folder: a plain message, no pages, every file byte-identical."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if target == "link elsewhere":
        path = elsewhere / "link-to-sheet.json"
        path.symlink_to(paths.sheet_path())
    elif target == "a pipe":
        path = elsewhere / "to-printer.pdf"
        os.mkfifo(path)
    elif target == "a folder":
        path = elsewhere
    else:
        path = data_dir / target
    page = window.page("export")
    before = snapshot(data_dir, elsewhere)
    seen = answer_boxes("Ok")
    if how == "print_blank_to":
        pages = page.print_blank_to(pdf_printer(path))
    else:
        pages = page.print_to(pdf_printer(path), as_printer=how == "as_printer")
    assert pages == 0
    assert seen and "could not be printed" in seen[0] and "Traceback" not in seen[0]
    expected = {"a pipe": "not an ordinary file", "a folder": "it is a folder"}.get(
        target, "data folder")
    assert expected in seen[0]
    assert snapshot(data_dir, elsewhere) == before
    assert page.saved_row.isHidden()


# -- 2. a suffix added to the name: asked about before replacing ----------------------------


def save_with(window, action: str):  # type: ignore[no-untyped-def]
    """Run a Save action of the app; whether it saved."""
    from firstsession.app import filemenu

    if action == "export step (PDF)":
        return window.page("export").save_pdf() is not None
    if action == "Save a copy":
        return filemenu.save_copy(window) is not None
    editor = filemenu.new_packet(window)
    editor.name.setText("Hillside Practice")
    editor.practice_country.setCurrentIndex(editor.practice_country.findData("US"))
    try:
        return editor.save_as()
    finally:
        editor.dirty = False
        editor.close()


SUFFIXES = {"export step (PDF)": ".pdf", "Save a copy": ".json", "packet editor": ".json"}


@pytest.mark.parametrize("action", list(SUFFIXES))
def test_a_name_given_its_suffix_is_not_replaced_without_asking(
    window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, action: str
) -> None:
    """The dialog asked about "victim"; the app saves "victim.json" (or .pdf): when that
    exists it asks "Replace the file?" first, and No leaves it byte-identical."""
    victim = tmp_path / ("victim" + SUFFIXES[action])
    victim.write_bytes(b"my other important file, not a sheet, packet or PDF")
    save_dialog_returns(monkeypatch, tmp_path / "victim")
    seen = answer_boxes("No")
    assert save_with(window, action) is False
    assert seen and seen[0].startswith("Replace the file?") and str(victim) in seen[0]
    assert victim.read_bytes() == b"my other important file, not a sheet, packet or PDF"


@pytest.mark.parametrize("action", list(SUFFIXES))
def test_a_name_given_its_suffix_is_replaced_when_the_person_says_yes(
    window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, action: str
) -> None:
    """Yes to "Replace the file?": the suffixed file is replaced by what was asked for."""
    victim = tmp_path / ("victim" + SUFFIXES[action])
    victim.write_bytes(b"an old file")
    save_dialog_returns(monkeypatch, tmp_path / "victim")
    seen = answer_boxes("Yes")
    assert save_with(window, action) is True
    assert seen and seen[0].startswith("Replace the file?")
    start = victim.read_bytes()[:5]
    assert start == (b"%PDF-" if SUFFIXES[action] == ".pdf" else b"{\n  \"")


# -- 3. Save a copy never writes a sheet that could not be read back -----------------------


def test_save_a_copy_of_a_sheet_over_the_limit_is_refused_plainly(
    window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sheet over storage.MAX_SHEET_BYTES: Save a copy says it is too large and writes
    nothing (a copy that big could never be opened again)."""
    from firstsession.app import filemenu

    window.session.sheet.notes = "x" * (storage.MAX_SHEET_BYTES + 1)
    copy = tmp_path / "copy.json"
    save_dialog_returns(monkeypatch, copy)
    seen = answer_boxes("Ok")
    assert filemenu.save_copy(window) is None
    assert seen and "too large" in seen[0] and "16 MB" in seen[0]
    assert not copy.exists()
    assert list(tmp_path.glob(".copy.json.*")) == []


# -- 5. names that are not UTF-8 ----------------------------------------------------------


def test_a_pdf_saved_to_a_name_that_is_not_utf8_is_that_file_and_is_named_as_it_is(
    window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save dialog giving an existing file whose name holds the byte \\xe9: that very
    file is replaced, and the message shows it as out\\xe9.pdf, never as out.pdf."""
    (tmp_path / "out").mkdir()
    folder = os.fsencode(tmp_path / "out")
    target = Path(os.fsdecode(folder + b"/out\xe9.pdf"))
    target.write_bytes(b"%PDF-1.4 an old PDF")
    save_dialog_returns(monkeypatch, target)
    page = window.page("export")
    assert page.save_pdf() == target
    assert os.listdir(folder) == [b"out\xe9.pdf"]
    assert target.read_bytes().startswith(b"%PDF-") and len(target.read_bytes()) > 100
    assert "out\\xe9.pdf" in page.saved_label.text()


def test_a_name_qt_could_not_read_is_refused_rather_than_making_another_file(
    window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt gives back a name with U+FFFD for bytes that are not UTF-8: the app says it cannot
    use that name and writes nothing, never a new file with another name."""
    (tmp_path / "out").mkdir()
    save_dialog_returns(monkeypatch, tmp_path / "out" / "out\ufffd.pdf")
    seen = answer_boxes("Ok")
    assert window.page("export").save_pdf() is None
    assert seen and "cannot be read" in seen[0]
    assert os.listdir(tmp_path / "out") == []


def test_print_to_file_writes_a_private_pdf_where_allowed(window, tmp_path: Path) -> None:
    """The check does not refuse an ordinary place: Print to File still writes our PDF."""
    out = tmp_path / "printed.pdf"
    assert window.page("export").print_to(pdf_printer(out)) >= 1
    assert out.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


# -- 4. long pastes ----------------------------------------------------------------------


def notes_field(window):  # type: ignore[no-untyped-def]
    window.go_to("before")
    return window.page("before").notes


def test_a_long_paste_with_no_spaces_goes_in_and_wraps_anywhere(qtbot, window) -> None:
    """300,000 characters with no space pasted into a text area: they are all there and in
    the sheet, and that field now wraps anywhere (Qt's word wrap takes time quadratic in an
    unbroken line: 12 s here, a megabyte froze the app for 45 s); others wrap at spaces."""
    from PySide6.QtGui import QTextOption
    from PySide6.QtWidgets import QApplication

    field = notes_field(window)
    other = window.page("before").nervous
    assert field.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    field.setFocus()
    QApplication.clipboard().setText("x" * 300_000)
    field.paste()
    assert "x" * 300_000 in field.toPlainText()
    assert window.session.sheet.notes == field.toPlainText()
    assert field.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    assert other.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    field.set_text_quietly("ordinary words again")
    assert field.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


def test_a_paste_that_would_pass_the_sheet_limit_is_refused_before_it_goes_in(
    qtbot, window
) -> None:
    """A paste larger than a sheet can hold: the plain message in the status bar, and the
    field and the sheet unchanged (Qt never inserted it, so nothing froze)."""
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    field = notes_field(window)
    field.setFocus()
    before = field.toPlainText()
    QApplication.clipboard().setText("x" * (storage.MAX_SHEET_BYTES + 1))
    inserted: list[int] = []
    field.textChanged.connect(lambda: inserted.append(1))
    QPlainTextEdit.paste(field)
    assert inserted == []  # refused before insertion, not inserted and undone
    assert field.toPlainText() == before
    assert window.session.sheet.notes == before
    assert "too long to keep" in window.ui.statusbar.currentMessage()


def test_a_huge_paste_in_the_packet_editor_is_refused_before_it_goes_in(qtbot, window) -> None:
    """The packet editor's text areas (no sheet behind them) refuse a paste over
    MAX_PASTE_CHARS before Qt inserts it; a long unbroken paste makes them wrap anywhere."""
    from PySide6.QtGui import QTextOption
    from PySide6.QtWidgets import QApplication

    from firstsession.app import filemenu
    from firstsession.app.widgets import MAX_PASTE_CHARS, TextArea

    editor = filemenu.new_packet(window)
    areas = editor.findChildren(TextArea)
    assert areas
    QApplication.clipboard().setText("y" * (MAX_PASTE_CHARS + 1))
    areas[0].paste()
    assert areas[0].toPlainText() == ""
    QApplication.clipboard().setText("y" * 1000)
    areas[0].paste()
    assert areas[0].toPlainText() == "y" * 1000
    assert areas[0].wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    editor.dirty = False
    editor.close()


def test_a_huge_paste_into_a_one_line_field_is_cut_to_its_length(qtbot, window) -> None:
    """17 MB pasted into a one-line field: Qt's cap (32,767 characters) bounds it."""
    from PySide6.QtWidgets import QApplication, QLineEdit

    window.go_to("feelings")
    line = window.page("feelings").findChildren(QLineEdit)[0]
    line.setFocus()
    QApplication.clipboard().setText("z" * (17 * 1024 * 1024))
    line.paste()
    assert len(line.text()) <= line.maxLength() <= 32767
