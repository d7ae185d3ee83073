"""The File menu: new, open, save a copy, and the PDF actions (which the export step does)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from firstsession import storage
from firstsession.app.widgets import tr
from firstsession.model import Sheet

if TYPE_CHECKING:
    from firstsession.app.window import MainWindow

SHEET_FILTER = "First Session sheet (*.json)"


def _t(text: str) -> str:
    return tr(text, "FileMenu")


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def export_pdf(window: MainWindow) -> None:
    _on_export_page(window, "save_pdf")


def print_pdf(window: MainWindow) -> None:
    _on_export_page(window, "print_pdf")


def blank_handout(window: MainWindow) -> None:
    _on_export_page(window, "save_blank")


def _on_export_page(window: MainWindow, method: str) -> None:
    window.go_to("export")
    getattr(window.page("export"), method)()


def _keep_current_first(window: MainWindow, question: str) -> bool:
    """Before the sheet is replaced, offer to save a copy. False means cancel."""
    if window.session.sheet.is_empty():
        return True
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_t("Replace your sheet?"))
    box.setText(question)
    box.setInformativeText(
        _t("What you have written now will be replaced. To keep it, save a copy first.")
    )
    save = box.addButton(_t("Save a copy first…"), QMessageBox.ButtonRole.AcceptRole)
    go_on = box.addButton(_t("Replace it"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return save_copy(window) is not None
    return clicked is go_on


def new_sheet(window: MainWindow) -> None:
    if _keep_current_first(window, _t("Start a new, empty sheet?")):
        window.session.replace(Sheet())
        window.go_to("welcome")


def open_sheet(window: MainWindow, path: Path | None = None) -> bool:
    if path is None:
        name, _ = QFileDialog.getOpenFileName(
            window, _t("Open a sheet"), documents_folder(), _t(SHEET_FILTER)
        )
        if not name:
            return False
        path = Path(name)
    try:
        sheet = storage.read_sheet_file(path)
    except storage.SheetFileError as err:
        QMessageBox.warning(window, _t("Could not open the file"), str(err))
        return False
    if not _keep_current_first(window, _t("Open %1 in place of your sheet?").replace(
            "%1", path.name)):
        return False
    window.session.replace(sheet)
    return True


def save_copy(window: QWidget) -> Path | None:
    from firstsession.app.window import MainWindow

    assert isinstance(window, MainWindow)
    default = str(Path(documents_folder()) / "My First Session sheet.json")
    name, _ = QFileDialog.getSaveFileName(window, _t("Save a copy"), default, _t(SHEET_FILTER))
    if not name:
        return None
    path = Path(name)
    try:
        storage.atomic_write(path, storage.encode_sheet(window.session.sheet))
    except OSError as err:
        QMessageBox.warning(
            window, _t("Could not save"),
            _t("The copy could not be saved: %1").replace("%1", err.strerror or str(err)),
        )
        return None
    window.ui.statusbar.showMessage(_t("Saved a copy to %1").replace("%1", str(path)), 6000)
    return path


def confirm_close_unsaved(window: QWidget) -> bool:
    answer = QMessageBox.warning(
        window,
        _t("Your latest changes are not saved"),
        _t("First Session could not save your latest changes. If you close now, they will be "
           "lost. Close anyway?"),
        QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Close
