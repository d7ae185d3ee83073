"""A secret typed twice (a passphrase, a PDF's password), and the PDF password option.

``SecretDialog`` runs its job when the person accepts and shows a PassphraseError or OSError
in the dialog, which then stays open (nothing was changed). Used by Help > Privacy…
(``app/privacy.py``) and by the PDF actions (``app/exporting.py``, the export step).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from firstsession import passphrase
from firstsession.app.widgets import tr

if TYPE_CHECKING:
    from firstsession.model import Sheet


def fit_height(dialog: QDialog) -> None:
    """Make a shown ``dialog`` tall enough for its wrapped words at its width (px), within
    the screen: Qt sizes a window for its preferred width, then narrows it to fit the
    screen without growing it again, which cuts off the last lines of a long label."""
    layout = dialog.layout()
    if layout is None or not layout.hasHeightForWidth():
        return
    needed = layout.totalHeightForWidth(dialog.width())
    screen = dialog.screen().availableGeometry().height() if dialog.screen() else needed
    if dialog.height() < needed:
        dialog.resize(dialog.width(), min(needed, screen))


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class SecretDialog(QDialog):
    """Asks for a secret: the current one (``ask_current``), and/or a new one typed twice
    (``ask_new``). ``warning`` is shown above the fields. ``job`` (given the dialog) runs
    when the person accepts; a PassphraseError or OSError it raises is shown in the dialog,
    which stays open (nothing was changed)."""

    def __init__(self, parent: QWidget, title: str, warning: str, *, ask_current: bool,
                 ask_new: bool, accept_text: str,
                 job: Callable[[SecretDialog], object] | None = None,
                 current_name: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        column = QVBoxLayout(self)
        self.warning = QLabel(warning)
        self.warning.setWordWrap(True)
        column.addWidget(self.warning)
        form = QFormLayout()
        self.current = _secret_field(current_name or tr("Current passphrase"))
        self.new = _secret_field(tr("New passphrase") if ask_current else tr("Password"))
        self.again = _secret_field(tr("Type it again"))
        if ask_current:
            form.addRow(self.current.accessibleName() + ":", self.current)
        if ask_new:
            form.addRow(self.new.accessibleName() + ":", self.new)
            form.addRow(tr("Type it again:"), self.again)
        column.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Message"))
        column.addWidget(self.message)
        self.extra = QHBoxLayout()  # room for a button such as "Save a PDF first…"
        column.addLayout(self.extra)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self._check_and_accept)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self._ask_current, self._ask_new = ask_current, ask_new
        self._named = bool(current_name)
        self.job = job
        (self.current if ask_current else self.new).setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Shown: tall enough for the warning's lines (``fit_height``)."""
        super().showEvent(event)
        fit_height(self)

    def _check_and_accept(self) -> None:
        if self._ask_current and not self.current.text():
            self.message.setText(tr("Please type the passphrase.") if self._named else
                                 tr("Please type your current passphrase."))
            return
        if self._ask_new:
            if not self.new.text():
                self.message.setText(tr("Please type the new one."))
                return
            if self.new.text() != self.again.text():
                self.message.setText(tr("The two are not the same. Please type them again."))
                self.again.clear()
                return
        if self.job is not None and not self._run_job(self.job):
            return
        self.accept()

    def _run_job(self, job: Callable[[SecretDialog], object]) -> bool:
        from PySide6.QtCore import Qt

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            job(self)
        except passphrase.PassphraseError as err:
            self.message.setText(tr("That did not work: %1. Nothing was changed.")
                                 .replace("%1", str(err)))
            return False
        except OSError as err:
            self.message.setText(tr("That did not work: %1. Nothing was lost.")
                                 .replace("%1", err.strerror or str(err)))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        return True


PDF_PASSWORD_BOX = "pdfPassword"  # the export step's check box, found by its name


def pdf_protection(hint: Callable[[str], QLabel]) -> QWidget:
    """The export step's words on the PDF's privacy (made by ``hint``), and its check box
    "Lock the PDF with a password" (object name ``PDF_PASSWORD_BOX``)."""
    from firstsession.app.layouts import CheckRow

    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(hint(tr("Your PDF is an ordinary file: it is not encrypted unless you "
                             "lock it with a password. Keep it somewhere private.")))
    row = CheckRow(tr("Lock the PDF with a password (you choose it when you save)"))
    row.box.setObjectName(PDF_PASSWORD_BOX)
    column.addWidget(row)
    return holder


def pdf_password_wanted(page: QWidget) -> bool:
    """True when the export step ``page`` has "Lock the PDF with a password" ticked."""
    from PySide6.QtWidgets import QCheckBox

    box = page.findChild(QCheckBox, PDF_PASSWORD_BOX)
    return box is not None and box.isChecked()


def ask_pdf_password(parent: QWidget) -> str | None:
    """A password for an exported PDF, typed twice; None when cancelled."""
    dialog = SecretDialog(
        parent, tr("Lock the PDF with a password"),
        tr("Anyone who opens the PDF will need this password. If you forget it, the PDF "
           "cannot be opened, but your sheet here is not changed."),
        ask_current=False, ask_new=True, accept_text=tr("&Lock the PDF"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.new.text()


def open_locked_copy(parent: QWidget, path: Path) -> Sheet | None:
    """File > Open of a sheet file locked with a passphrase this session has not got (an
    older one, or another computer's): ask for that passphrase and open the file with it;
    None when cancelled. A wrong one is said in the dialog, which stays open; the
    session's passphrase and every file stay as they are."""
    opened: list[Sheet] = []
    dialog = SecretDialog(
        parent, tr("Open an encrypted sheet"),
        tr("\u201c%1\u201d is locked with a passphrase that is not the one your sheet uses now "
           "(an older one, or one from another computer). Type the passphrase it was locked "
           "with. Once opened, it is saved like your sheet: with the passphrase you use now, "
           "or not encrypted if you have none.").replace("%1", path.name),
        ask_current=True, ask_new=False, accept_text=tr("&Open"),
        job=lambda d: opened.append(passphrase.open_copy(path, d.current.text())),
        current_name=tr("Passphrase of this file"))
    if dialog.exec() != QDialog.DialogCode.Accepted or not opened:
        return None
    return opened[0]
