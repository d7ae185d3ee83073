"""The File menu: new, open (a sheet or a counsellor packet), save a copy, the PDF
actions (which the export step does), and the counsellor packet editor."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtWidgets import QMessageBox, QWidget

from firstsession import storage
from firstsession.app.filedialogs import ask_open_path, ask_save_path
from firstsession.app.widgets import tr
from firstsession.model import Sheet
from firstsession.outputs import OutputError, check_output_path

if TYPE_CHECKING:
    from firstsession.app.packet_editor import PacketEditor
    from firstsession.app.window import MainWindow
    from firstsession.packet import Packet

SHEET_FILTER = "First Session sheet (*.json)"
PACKET_FILTER = "Counsellor packet (*.json)"
ANY_FILTER = "First Session sheet or counsellor packet (*.json)"


def _t(text: str) -> str:
    return tr(text, "FileMenu")


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


def file_kind(path: Path) -> Literal["sheet", "packet"]:
    """Whether a file is a counsellor packet or (anything else) a sheet, by its "format".

    Only a guess for choosing the reader: the reader then checks the file fully
    and gives the one message a bad file gets.
    """
    from firstsession import files
    from firstsession.packet import FORMAT_NAME, MAX_PACKET_BYTES

    try:
        # The one hardened reader: a named pipe or a device is refused at once, never read.
        raw = files.read_bounded(path, MAX_PACKET_BYTES, "a packet")
    except files.FileReadError:
        return "sheet"  # the sheet reader gives the message
    try:
        data = files.decode_json(raw, "the file")
    except files.FileReadError:  # damaged: guess from the bytes
        marker = f'"{FORMAT_NAME}"'.encode()
        return "packet" if marker in raw and b'"firstsession-sheet"' not in raw else "sheet"
    if isinstance(data, dict) and data.get("format") == FORMAT_NAME:
        return "packet"
    return "sheet"


def open_sheet(window: MainWindow, path: Path | None = None) -> bool:
    """File > Open…: a sheet, or a counsellor packet to start a new sheet from."""
    if path is None:
        path = ask_open_path(
            window,
            _t("Open a sheet or a counsellor packet"),
            ";;".join((_t(ANY_FILTER), _t(SHEET_FILTER), _t(PACKET_FILTER))),
        )
        if path is None:
            return False
    if file_kind(path) == "packet":
        return open_packet(window, path)
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


def open_packet(window: MainWindow, path: Path) -> bool:
    """Start a new sheet from a counsellor packet, after the same offer to keep the old one.

    A packet that cannot be used gets one message, and nothing else changes.
    """
    from firstsession.packet import PacketError, packet_to_dict, read_packet_file

    try:
        packet = read_packet_file(path)
    except PacketError as err:
        QMessageBox.warning(window, _t("Could not open the packet"), str(err))
        return False
    question = _t("Start a new sheet with the packet from %1?").replace(
        "%1", packet.practice.name)
    if not _keep_current_first(window, question):
        return False
    window.session.replace(Sheet(country=window.session.sheet.country,
                                 packet=packet_to_dict(packet)))
    window.go_to("welcome")
    return True


def new_packet(window: MainWindow) -> PacketEditor:
    """File > New counsellor packet…: the editor with an empty packet."""
    return _show_editor(window, None, None)


def edit_packet(window: MainWindow, path: Path | None = None) -> PacketEditor | None:
    """File > Edit counsellor packet…: choose a packet file and edit it."""
    from firstsession.packet import PacketError, read_packet_file

    if path is None:
        path = ask_open_path(window, _t("Edit a counsellor packet"), _t(PACKET_FILTER))
        if path is None:
            return None
    try:
        packet = read_packet_file(path)
    except PacketError as err:
        QMessageBox.warning(window, _t("Could not open the packet"), str(err))
        return None
    return _show_editor(window, packet, path)


def _show_editor(window: MainWindow, packet: Packet | None, path: Path | None) -> PacketEditor:
    from firstsession.app.packet_editor import PacketEditor

    editor = PacketEditor(window.session.base_content, packet, path, parent=window)
    editor.show()
    editor.raise_()
    return editor


def save_copy(window: QWidget) -> Path | None:
    from firstsession.app.window import MainWindow

    assert isinstance(window, MainWindow)
    path = ask_save_path(window, _t("Save a copy"), "My First Session sheet.json",
                         _t(SHEET_FILTER))
    if path is None:
        return None
    try:  # the dialog asked about replacing; never our own files, a device or a folder
        check_output_path(path, kind="data", force=True)
    except OutputError as err:
        QMessageBox.warning(window, _t("Could not save"), err.sentence())
        return None
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
