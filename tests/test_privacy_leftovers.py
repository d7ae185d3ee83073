"""What First Session leaves behind, beyond the files it means to keep: crash dumps,
Qt's own settings files, and PDFs printed to a file."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import AnswerDialogs

CORE_LIMIT_PROBE = """
import json, sys
from firstsession.cli import main
status = main(sys.argv[1:])
limits = open("/proc/self/limits", encoding="ascii").read() if sys.platform == "linux" else ""
core = next((line for line in limits.splitlines() if line.startswith("Max core file size")), "")
import resource
print(json.dumps({"status": status, "limit": resource.getrlimit(resource.RLIMIT_CORE),
                  "proc": core.split()[4:6]}))
"""


def _allow_core_dumps() -> None:
    """In the child: allow core dumps as a default desktop session might."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_CORE)
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY,) * 2)
    except (OSError, ValueError):
        resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


@pytest.mark.skipif(sys.platform == "win32", reason="core dumps are a POSIX thing")
@pytest.mark.parametrize("args", [["--smoke-test"], ["blank", "-o", "{tmp}/blank.pdf"]],
                         ids=["app", "command line"])
def test_no_core_dump_can_be_written_once_first_session_has_started(
        tmp_path: Path, args: list[str]) -> None:
    """The app and the command line set their core-file limit to 0, soft and hard: a
    crash dump would hold everything typed."""
    import resource

    if resource.getrlimit(resource.RLIMIT_CORE)[1] == 0 and os.geteuid() != 0:
        pytest.skip("core dumps are already forbidden here and cannot be allowed again")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CORE_LIMIT_PROBE, *(a.format(tmp=tmp_path) for a in args)],
        capture_output=True, text=True, env=env, timeout=120, preexec_fn=_allow_core_dumps,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["status"] == 0
    assert seen["limit"] == [0, 0]
    if sys.platform == "linux":
        assert seen["proc"] == ["0", "0"]


# -- Qt's file-dialog history and our settings --------------------------------------------


def config_dir() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"])


def qt_history_files() -> list[Path]:
    """Qt's per-user settings files (the file dialog's history of folders), wherever they are."""
    return sorted(config_dir().rglob("QtProject*"))


def when_dialog_shows(kind: type, act: Callable[[Any], None]) -> AnswerDialogs:
    """Once a modal dialog of ``kind`` is up, do ``act`` with it (as a person would);
    holds its window title once it came."""
    return AnswerDialogs(kind, act, note=lambda dialog: dialog.windowTitle())


def type_file_name_and_accept(path: Path) -> Callable[[Any], None]:
    def act(dialog: Any) -> None:
        from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))
        buttons = dialog.findChild(QDialogButtonBox, "buttonBox")
        ok = buttons.button(QDialogButtonBox.StandardButton.Save) or buttons.button(
            QDialogButtonBox.StandardButton.Open)
        ok.click()

    return act


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    from firstsession import content, storage
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow

    for leftover in qt_history_files():
        leftover.unlink()  # not ours to judge: only what this test's dialogs write counts
    window = MainWindow(Session(storage.load_saved().sheet, content.load()))
    qtbot.addWidget(window)
    window.show()
    return window


def test_delete_all_leaves_no_qt_dialog_history_and_no_settings_file(
        window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Real (non-native) Save and Open dialogs, accepted and cancelled, then Help > Delete all:
    no QtProject.conf (the folders used) anywhere, and our settings file itself is gone."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from firstsession.app import filemenu, helpmenu
    from firstsession.app.appsettings import settings_file

    window.session.sheet.notes = "private words"
    folder = tmp_path / "my papers"
    folder.mkdir()
    watch = when_dialog_shows(QFileDialog, type_file_name_and_accept(folder / "copy.json"))
    assert filemenu.save_copy(window) == folder / "copy.json"
    watch.assert_answered()
    watch = when_dialog_shows(QFileDialog, lambda dialog: dialog.reject())
    assert filemenu.open_sheet(window) is False
    watch.assert_answered()
    window.save_state()
    assert qt_history_files() == [], "Qt wrote its file-dialog history"
    assert stat.S_IMODE(settings_file().stat().st_mode) == 0o600

    def delete_everything(box: Any) -> None:
        button = next(b for b in box.buttons() if b.text() == "Delete everything")
        button.click()

    watch = when_dialog_shows(QMessageBox, delete_everything)
    assert helpmenu.delete_all(window)
    watch.assert_answered()
    window.close()
    assert qt_history_files() == []
    assert not settings_file().exists()
    assert not settings_file().parent.exists(), "our empty settings folder is removed too"
    assert [p for p in config_dir().rglob("*") if "firstsession" in p.name.lower()] == []


def test_file_dialogs_start_in_the_last_folder_used_from_our_settings(
        window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The folder a file was last saved to or opened from is where the next dialog starts,
    remembered in our own settings (which Delete all removes)."""
    from PySide6.QtWidgets import QFileDialog

    from firstsession.app import filemenu
    from firstsession.app.appsettings import settings
    from firstsession.app.filedialogs import LAST_FOLDER_KEY

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    watch = when_dialog_shows(QFileDialog, type_file_name_and_accept(first / "copy.json"))
    assert filemenu.save_copy(window) == first / "copy.json"
    watch.assert_answered()
    assert settings().value(LAST_FOLDER_KEY) == str(first)

    started: list[str] = []

    def note_folder_and_open(dialog: Any) -> None:
        started.append(dialog.directory().absolutePath())
        type_file_name_and_accept(first / "copy.json")(dialog)

    watch = when_dialog_shows(QFileDialog, note_folder_and_open)
    assert filemenu.open_sheet(window)
    watch.assert_answered()
    assert started == [str(first)]

    settings().setValue(LAST_FOLDER_KEY, str(second))  # as a later run would find it
    started.clear()

    def note_folder_and_cancel(dialog: Any) -> None:
        started.append(dialog.directory().absolutePath())
        dialog.reject()

    watch = when_dialog_shows(QFileDialog, note_folder_and_cancel)
    assert filemenu.open_sheet(window) is False
    watch.assert_answered()
    assert started == [str(second)]
    assert qt_history_files() == []


def test_an_existing_settings_file_becomes_owner_only(window) -> None:  # type: ignore[no-untyped-def]
    """A settings file an older version left 0644 is made 0600 before anything is written."""
    from firstsession.app.appsettings import settings_file

    settings_file().chmod(0o644)
    window.save_state()
    assert stat.S_IMODE(settings_file().stat().st_mode) == 0o600
    assert stat.S_IMODE(settings_file().parent.stat().st_mode) == 0o700


# -- printing to a PDF file ------------------------------------------------------------------


@pytest.fixture
def export_page(qtbot):  # type: ignore[no-untyped-def]
    from firstsession import content
    from firstsession.app.session import Session
    from firstsession.app.steps.export import ExportStep
    from firstsession.sample import sample_sheet

    the_content = content.load()
    page = ExportStep(Session(sample_sheet(the_content), the_content))
    qtbot.addWidget(page)
    return page


def test_print_to_file_in_the_print_dialog_saves_the_same_private_pdf_as_an_export(
        export_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """"Print to File (PDF)" in the real print dialog writes our own PDF, byte for byte the
    export's: owner-only (0600), neutral metadata (no dates, no XMP), real text; not Qt's
    0644, dated, picture-per-page file."""
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QComboBox, QLineEdit

    from firstsession import pdf

    printed, exported = tmp_path / "printed.pdf", tmp_path / "exported.pdf"

    def print_to_file(dialog: Any) -> None:
        # Choose "Print to File" explicitly: a machine with a print queue (CUPS) starts
        # the dialog on its default printer.
        printers = dialog.findChild(QComboBox, "printers")
        if printers is not None and printers.count() > 1:
            printers.setCurrentIndex(printers.count() - 1)  # Qt puts "Print to File" last
        dialog.findChild(QLineEdit, "filename").setText(str(printed))
        dialog.accept()

    shown = when_dialog_shows(QPrintDialog, print_to_file)
    export_page.print_pdf()
    shown.assert_answered()  # the print dialog was shown
    pdf.export_sheet(export_page.session.sheet, exported, content=export_page.session.content)
    assert stat.S_IMODE(printed.stat().st_mode) == 0o600
    assert printed.read_bytes() == exported.read_bytes()
    reader = PdfReader(printed)
    assert "/Metadata" not in reader.trailer["/Root"]
    assert reader.metadata is not None
    assert reader.metadata.get("/CreationDate", "").startswith("D:2000")  # invariant, not now
    assert reader.metadata.get("/Producer") == "First Session"
    assert export_page.session.sheet.about.name in reader.pages[0].extract_text()


def test_printing_a_page_range_to_a_file_keeps_only_those_pages(
        export_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Pages 2 to 3 printed to a file: those two pages, numbered as in the whole sheet, with
    the export's metadata, 0600."""
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from firstsession import pdf
    from firstsession.app import printing

    whole = PdfReader(io.BytesIO(pdf.render_sheet(export_page.session.sheet,
                                                  content=export_page.session.content)))
    printer = printing.make_printer("A4")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "range.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert export_page.print_to(printer) == 2
    printed = PdfReader(tmp_path / "range.pdf")
    total = len(whole.pages)
    assert [p.extract_text() for p in printed.pages] == [
        p.extract_text() for p in whole.pages[1:3]]
    assert f"Page 2 of {total}" in printed.pages[0].extract_text()
    assert printed.metadata == whole.metadata
    assert stat.S_IMODE((tmp_path / "range.pdf").stat().st_mode) == 0o600


def test_the_printing_engine_still_draws_every_page_for_a_real_printer(
        export_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """printing.print_document (what a real printer gets) draws one page per PDF page; here
    Qt's own PDF engine stands in for the printer."""
    from pypdf import PdfReader
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from firstsession import pdf
    from firstsession.app import printing
    from firstsession.app.preview import load_bytes

    data = pdf.render_sheet(export_page.session.sheet, content=export_page.session.content)
    document = QPdfDocument()
    assert load_bytes(document, data)
    printer = printing.make_printer("Letter")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "engine.pdf"))
    assert printing.print_document(document, printer) == document.pageCount()
    assert len(PdfReader(tmp_path / "engine.pdf").pages) == document.pageCount()
