"""The Help menu, and the notice shown when the saved sheet could not be opened.

The Help menu: privacy, about, and deleting everything; and the start-up notice
shown when the saved sheet could not be opened.

Every action takes the window as a ``shell.MenuHost``; this module never imports the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from firstsession import __version__, paths, storage
from firstsession.app.appsettings import forget_settings, settings
from firstsession.i18n import _
from firstsession.storage import LoadOutcome

if TYPE_CHECKING:
    from firstsession.app.shell import MenuHost



def show_privacy(window: MenuHost) -> None:
    """Help > Privacy…: the notes, the passphrase and the idle lock (``app/privacy.py``)."""
    from firstsession.app.privacy import PrivacyDialog

    PrivacyDialog(window).exec()


def show_about(window: MenuHost) -> None:
    QMessageBox.about(
        window.dialog_parent(),
        _("About First Session"),
        _("First Session %1\n\nHelps you get ready for a first counseling or therapy session. "
           "Everything stays on this computer.\n\n"
           "Text font: Noto Sans, under the SIL Open Font License 1.1.")
        .replace("%1", __version__),
    )


def delete_all(window: MenuHost) -> bool:
    """Remove the sheet, backups and settings after a clear confirmation."""
    box = QMessageBox(window.dialog_parent())
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Delete all my data?"))
    box.setText(_("This deletes everything you have written in First Session on this computer."))
    box.setInformativeText(
        _("Your sheet, its backup copy and the app's settings will be removed from %1. "
           "This cannot be undone. PDFs or copies you saved elsewhere are not touched: "
           "delete those yourself.").replace("%1", str(paths.data_dir()))
    )
    delete = box.addButton(_("Delete everything"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    if box.clickedButton() is not delete:
        return False
    window.session.reset_without_saving()
    storage.delete_all_data()
    s = settings()
    s.clear()  # also forgets what Qt has cached for the file
    s.sync()
    del s
    window.stop_saving_state()
    try:
        forget_settings()  # the file itself (and nothing of Qt's was ever written)
    except OSError:
        pass  # cleared already; an undeletable empty file names nothing
    window.go_to("welcome")
    window.show_status(_("All your First Session data has been deleted."), 10000)
    return True


def report_load_problem(window: MenuHost, outcome: LoadOutcome) -> None:
    """Say in plain words what happened to an unreadable saved sheet; offer the backup."""
    box = QMessageBox(window.dialog_parent())
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_("Your saved sheet could not be opened"))
    box.setText(_("First Session could not open your saved sheet: %1.").replace(
        "%1", outcome.problem or ""))
    if outcome.dangling_link_to is not None:
        # The link is left as it is: once the drive or folder is back, it works again.
        info = _("Nothing has been deleted or changed, and the link was left as it is. "
                  "While what it points to is not there, your new answers are not saved "
                  "through it (nothing is created in its place); to keep them now, use "
                  "File > Save a copy.")
    elif outcome.set_aside_to is not None:
        info = _("Nothing has been deleted. The file was kept, unchanged, here:\n%1").replace(
            "%1", str(outcome.set_aside_to))
    else:  # the folder could not be changed: the file is left exactly where it was
        info = _("Nothing has been deleted or changed. The file is still here:\n%1\n"
                  "Until that folder can be changed, your new answers cannot be saved.").replace(
            "%1", str(paths.sheet_path()))
    use_backup = None
    if outcome.backup_available:
        info += "\n\n" + _("There is a backup copy from an earlier save. You can use it now.")
        use_backup = box.addButton(_("Use the backup copy"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Start with an empty sheet"), QMessageBox.ButtonRole.RejectRole)
    else:
        box.addButton(QMessageBox.StandardButton.Ok)
    box.setInformativeText(info)
    box.exec()
    if use_backup is not None and box.clickedButton() is use_backup:
        restore_backup(window)


def restore_backup(window: MenuHost) -> bool:
    try:
        sheet = storage.read_backup()
    except storage.SheetFileError as err:
        QMessageBox.warning(window.dialog_parent(), _("Could not use the backup"), str(err))
        return False
    window.session.replace(sheet)
    window.show_status(_("Your backup copy is open."), 8000)
    return True

