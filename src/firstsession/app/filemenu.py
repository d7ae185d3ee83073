"""The File menu and its actions.

The File menu: new, open (a sheet or a counsellor packet), save a copy, the PDF
actions (``exporting``, shared with the export step), and the counsellor packet editor.

Every action takes the window as a ``shell.MenuHost``; this module never imports the window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtWidgets import QMessageBox, QWidget

from firstsession import files, storage, vault
from firstsession.app.filedialogs import ask_open_path, ask_output_path, write_chosen
from firstsession.app.widgets import step_titles
from firstsession.i18n import N_, _, ngettext
from firstsession.model import Sheet
from firstsession.outputs import show_path

if TYPE_CHECKING:
    from firstsession.app.packet_editor import PacketEditor
    from firstsession.app.shell import MenuHost
    from firstsession.packet import Packet
    from firstsession.sheet_merge import Adopted

# File dialog filters: marked here, translated when a dialog opens (the pattern stays).
SHEET_FILTER = N_("First Session sheet (*.json)")
PACKET_FILTER = N_("Counsellor packet (*.json)")
ANY_FILTER = N_("First Session sheet or counsellor packet (*.json)")



def export_pdf(window: MenuHost) -> None:
    """File > Export PDF…: on the export step, ask where and save the filled sheet."""
    window.go_to("export")
    window.exporter().save_pdf()


def print_pdf(window: MenuHost) -> None:
    """File > Print…: on the export step, choose a printer and print the filled sheet."""
    window.go_to("export")
    window.exporter().print_pdf()


def blank_handout(window: MenuHost) -> None:
    """File > Blank handout…: on the export step, ask where and save a blank handout."""
    window.go_to("export")
    window.exporter().save_blank()


def _keep_current_first(window: MenuHost, question: str) -> bool:
    """Before the sheet is replaced, offer to save a copy. False means cancel."""
    if window.session.sheet.is_empty():
        return True
    box = QMessageBox(window.dialog_parent())
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Replace your sheet?"))
    box.setText(question)
    box.setInformativeText(
        _("What you have written now will be replaced. To keep it, save a copy first.")
    )
    save = box.addButton(_("Save a copy first…"), QMessageBox.ButtonRole.AcceptRole)
    go_on = box.addButton(_("Replace it"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return save_copy(window) is not None
    return clicked is go_on


def new_sheet(window: MenuHost) -> None:
    if _keep_current_first(window, _("Start a new, empty sheet?")):
        window.session.replace(Sheet())
        window.go_to("welcome")


def file_kind(path: Path) -> Literal["sheet", "packet"]:
    """Whether a file is a counsellor packet or (anything else) a sheet, by its "format".

    Only a guess for choosing the reader: the reader then checks the file fully
    and gives the one message a bad file gets. When the kind cannot be told (the
    file cannot be read, is too large to be either, or is not UTF-8 text), raises
    ``files.FileReadError`` with one sentence naming the file that does not call it
    a sheet or a packet ("too large to be a sheet or a packet", "in UTF-16").
    """
    from firstsession.packet import FORMAT_NAME, MAX_PACKET_BYTES

    # The one hardened reader: a named pipe or a device is refused at once, never read.
    limit = max(MAX_PACKET_BYTES, storage.MAX_SHEET_BYTES)
    if vault.is_sealed(files.read_start(path, len(vault.MAGIC))):
        return "sheet"  # only sheets are ever encrypted
    raw = files.read_bounded(path, limit, "sheet-or-packet")
    try:
        files.decode_text(raw, "file")
    except files.FileReadError as err:
        raise files.FileReadError(_("{file} cannot be used: {reason}").format(
            file=files.shown(path), reason=err)) from None
    try:
        data = files.decode_json(raw, "file")
    except files.FileReadError:  # damaged: guess from the bytes
        marker = f'"{FORMAT_NAME}"'.encode()
        return "packet" if marker in raw and b'"firstsession-sheet"' not in raw else "sheet"
    if isinstance(data, dict) and data.get("format") == FORMAT_NAME:
        return "packet"
    return "sheet"


def open_sheet(window: MenuHost, path: Path | None = None) -> bool:
    """File > Open…: a sheet, or a counsellor packet to start a new sheet from."""
    if path is None:
        path = ask_open_path(
            window.dialog_parent(),
            _("Open a sheet or a counsellor packet"),
            ";;".join((_(ANY_FILTER), _(SHEET_FILTER), _(PACKET_FILTER))),
        )
        if path is None:
            return False
    try:
        kind = file_kind(path)
    except files.FileReadError as err:
        QMessageBox.warning(window.dialog_parent(), _("Could not open the file"), str(err))
        return False
    if kind == "packet":
        return open_packet(window, path)
    try:
        sheet: Sheet | None = storage.read_sheet_file(path)
    except storage.SheetLockedError:  # another passphrase's copy: ask for it, as the CLI does
        from firstsession.app.secretdialog import open_locked_copy

        sheet = open_locked_copy(window.dialog_parent(), path)
    except storage.SheetFileError as err:
        QMessageBox.warning(window.dialog_parent(), _("Could not open the file"), str(err))
        return False
    if sheet is None:
        return False
    if not _keep_current_first(window, _("Open %1 in place of your sheet?").replace(
            "%1", path.name)):
        return False
    window.session.replace(sheet)
    return True


def open_packet(window: MenuHost, path: Path) -> bool:
    """Use a counsellor packet: keep what is written (the default), or start a new sheet.

    A packet that cannot be used gets one message, and nothing else changes. With an
    empty sheet there is nothing to keep and no question. "Keep" takes the packet into
    the sheet with ``sheet_merge.adopt_packet`` and then says what moved.
    """
    from firstsession.packet import PacketError
    from firstsession.packet_format import read_packet_file

    try:
        packet = read_packet_file(path)
    except PacketError as err:
        QMessageBox.warning(window.dialog_parent(), _("Could not open the packet"), str(err))
        return False
    choice = _keep_or_start_fresh(window, packet.practice.name)
    if choice == "cancel":
        return False
    if choice == "keep":
        return _adopt(window, packet)
    from firstsession.packet_format import packet_to_dict

    window.session.replace(Sheet(country=window.session.sheet.country,
                                 packet=packet_to_dict(packet)))
    window.go_to("welcome")
    return True


def _keep_or_start_fresh(window: MenuHost, practice: str) -> Literal["keep", "fresh", "cancel"]:
    """Ask what to do with what is already written; "keep" is the default and first choice."""
    if window.session.sheet.is_empty():
        return "fresh"
    box = QMessageBox(window.dialog_parent())
    box.setObjectName("adoptPacketQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Use the packet from %1?").replace("%1", practice))
    box.setText(_("You have already started your sheet. Use the packet from %1 and keep "
                   "everything you have written?").replace("%1", practice))
    box.setInformativeText(_(
        "Recommended: keep it. Your answers stay where they are. Answers to anything the "
        "packet does not ask are kept as your earlier answers, shared or private as "
        "before, and you will see what moved."))
    keep = box.addButton(_("Keep what I wrote"), QMessageBox.ButtonRole.AcceptRole)
    keep.setObjectName("keepWritten")
    save = box.addButton(_("Save a copy, then start fresh…"), QMessageBox.ButtonRole.ActionRole)
    save.setObjectName("saveThenFresh")
    fresh = box.addButton(_("Start fresh"), QMessageBox.ButtonRole.DestructiveRole)
    fresh.setObjectName("startFresh")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is keep:
        return "keep"
    if clicked is save:
        return "fresh" if save_copy(window) is not None else "cancel"
    if clicked is fresh:
        return "fresh"
    return "cancel"


def _adopt(window: MenuHost, packet: Packet) -> bool:
    """Take the packet into the sheet, keeping every word, and say what moved."""
    from firstsession.sheet_merge import adopt_packet

    adopted = adopt_packet(window.session.sheet, packet, window.session.base_content)
    if len(storage.encode_sheet(adopted.sheet)) > storage.MAX_SHEET_BYTES:
        QMessageBox.warning(
            window.dialog_parent(), _("Could not use the packet"),
            _("Your sheet is too large to take in this packet as well. Nothing was changed."))
        return False
    window.session.replace(adopted.sheet)
    window.go_to("welcome")
    name = packet.practice.name
    window.show_status(
        _("Your sheet now uses the packet from %1. Everything you wrote is kept.")
        .replace("%1", name), 10000)
    if adopted.moved:
        _show_what_moved(window, name, adopted)
    return True


def moved_lines(adopted: Adopted) -> list[str]:
    """One plain line per thing that moved, for the details of the message after taking
    in a packet."""
    titles = step_titles()
    where = _("\u201cYour earlier answers\u201d on %1").replace("%1", titles["background"])
    lines = []
    for moved in adopted.moved:
        if moved.kind == "answer":
            line = (_("Your answer to \u201c%1\u201d is under %2, still private.")
                    if moved.private
                    else _("Your answer to \u201c%1\u201d is under %2, still shared."))
            lines.append(line.replace("%1", moved.label).replace("%2", where))
        elif moved.kind == "question":
            lines.append(_("\u201c%1\u201d stays in your questions, as your own question.")
                         .replace("%1", moved.label))
        else:
            lines.append(_("The step \u201c%1\u201d stays in your list, because you wrote "
                            "there.").replace("%1", titles.get(moved.label, moved.label)))
    return lines


def moved_summary(adopted: Adopted) -> str:
    """The short message after taking in a packet: one sentence, then one count per kind
    of thing that moved (the line-by-line list goes in the details)."""
    counts = {kind: sum(1 for m in adopted.moved if m.kind == kind)
              for kind in ("answer", "question", "step")}
    parts = [_("Everything you wrote is kept.")]
    if counts["answer"]:
        parts.append(
            ngettext("{count} answer to a question this practice does not ask is now under "
                     "\u201cYour earlier answers\u201d on {step}; private ones stay private.",
                     "{count} answers to questions this practice does not ask are now under "
                     "\u201cYour earlier answers\u201d on {step}; private ones stay private.",
                     counts["answer"])
            .format(count=counts["answer"], step=step_titles()["background"]))
    if counts["question"]:
        parts.append(
            ngettext("{count} question is now one of your own.",
                     "{count} questions are now your own.", counts["question"])
            .format(count=counts["question"]))
    if counts["step"]:
        parts.append(
            ngettext("{count} step stays in your list because you wrote there.",
                     "{count} steps stay in your list because you wrote there.", counts["step"])
            .format(count=counts["step"]))
    return " ".join(parts)


def _show_what_moved(window: MenuHost, practice: str, adopted: Adopted) -> None:
    box = QMessageBox(window.dialog_parent())
    box.setObjectName("whatMoved")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_("What moved"))
    box.setText(_("Your sheet now uses the packet from %1.").replace("%1", practice))
    box.setInformativeText(moved_summary(adopted))
    box.setDetailedText("\n".join(moved_lines(adopted)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def new_packet(window: MenuHost) -> PacketEditor:
    """File > New counsellor packet…: the editor with an empty packet."""
    return _show_editor(window, None, None)


def edit_packet(window: MenuHost, path: Path | None = None) -> PacketEditor | None:
    """File > Edit counsellor packet…: choose a packet file and edit it."""
    from firstsession.packet import PacketError
    from firstsession.packet_format import read_packet_file

    if path is None:
        path = ask_open_path(window.dialog_parent(), _("Edit a counsellor packet"),
                             _(PACKET_FILTER))
        if path is None:
            return None
    try:
        packet = read_packet_file(path)
    except PacketError as err:
        QMessageBox.warning(window.dialog_parent(), _("Could not open the packet"), str(err))
        return None
    return _show_editor(window, packet, path)


def _show_editor(window: MenuHost, packet: Packet | None, path: Path | None) -> PacketEditor:
    from firstsession.app.fonts import fonts_for
    from firstsession.app.packet_editor import PacketEditor

    fonts_for(packet)  # a packet in Korean: our fonts before its editor lays text out
    editor = PacketEditor(window.session.base_content, packet, path,
                          parent=window.dialog_parent())
    editor.show()
    editor.raise_()
    return editor


def save_copy(window: MenuHost) -> Path | None:
    """File > Save a copy: the sheet as a ``.json`` file where the person chooses; the
    path written, or None (cancelled, or refused with a plain message: our own data
    folder, a folder, device or pipe, or a sheet over ``storage.MAX_SHEET_BYTES``, which
    could never be read back). Nothing is written when refused."""
    parent = window.dialog_parent()

    def problem(sentence: str) -> None:
        QMessageBox.warning(parent, _("Could not save"), sentence)

    data = storage.encode_sheet(window.session.sheet)
    if len(data) > storage.MAX_SHEET_BYTES:  # the same limit as every save and every read
        problem(_("Your sheet is too large to save a copy %1; nothing was saved.").replace(
            "%1", storage.too_large_message(len(data))))
        return None
    path = ask_output_path(parent, _("Save a copy"), _("My First Session sheet") + ".json",
                           _(SHEET_FILTER), suffix=".json", kind="data", problem=problem)
    from firstsession import vault  # with a passphrase set, the copy is encrypted too

    if path is None or write_chosen(path, vault.for_disk(data), problem=problem) is None:
        return None
    window.show_status(_("Saved a copy to %1").replace("%1", show_path(path)), 6000)
    return path


def confirm_close_unsaved(parent: QWidget) -> bool:
    """Ask before closing when the latest changes could not be saved; True means close."""
    answer = QMessageBox.warning(
        parent,
        _("Your latest changes are not saved"),
        _("First Session could not save your latest changes. If you close now, they will be "
           "lost. Close anyway?"),
        QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Close
