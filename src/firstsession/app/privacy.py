"""Help > Privacy…: what is kept where, the passphrase (set, change, remove), the idle lock.

Also the small dialog that asks for a new secret twice (a passphrase, or a PDF's password),
used by the export step. Every passphrase job saves the sheet first and runs on the window's
thread (Argon2id takes a fraction of a second); a wrong passphrase gets a plain message in
the dialog and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from firstsession import passphrase, paths
from firstsession.app.lock import IDLE_CHOICES, IDLE_KEY, locker_of
from firstsession.app.widgets import blocks_html, tr
from firstsession.i18n import ngettext

if TYPE_CHECKING:
    from firstsession.app.shell import MenuHost



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
                 job: Callable[[SecretDialog], object] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        column = QVBoxLayout(self)
        self.warning = QLabel(warning)
        self.warning.setWordWrap(True)
        column.addWidget(self.warning)
        form = QFormLayout()
        self.current = _secret_field(tr("Current passphrase"))
        self.new = _secret_field(tr("New passphrase") if ask_current else tr("Password"))
        self.again = _secret_field(tr("Type it again"))
        if ask_current:
            form.addRow(tr("Current passphrase:"), self.current)
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
        self.job = job
        (self.current if ask_current else self.new).setFocus()

    def _check_and_accept(self) -> None:
        if self._ask_current and not self.current.text():
            self.message.setText(tr("Please type your current passphrase."))
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


class PrivacyDialog(QDialog):
    """Help > Privacy…: the privacy notes, the passphrase and the idle lock."""

    def __init__(self, host: MenuHost) -> None:
        from PySide6.QtCore import Qt

        super().__init__(host.dialog_parent())
        self.host = host
        privacy = host.session.content.privacy
        self.setWindowTitle(privacy.title)
        column = QVBoxLayout(self)
        notes = QLabel(blocks_html(privacy.blocks) + "<p>" + tr(
            "Your answers are saved in this folder:") + f"<br>{escape(str(paths.data_dir()))}</p>")
        notes.setTextFormat(Qt.TextFormat.RichText)
        notes.setWordWrap(True)
        notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(notes)

        group = QGroupBox(tr("Passphrase"))
        inner = QVBoxLayout(group)
        self.state = QLabel()
        self.state.setWordWrap(True)
        inner.addWidget(self.state)
        row = QHBoxLayout()
        self.set_button = QPushButton(tr("&Set a passphrase\u2026"))
        self.change_button = QPushButton(tr("C&hange passphrase\u2026"))
        self.remove_button = QPushButton(tr("&Remove passphrase\u2026"))
        for button in (self.set_button, self.change_button, self.remove_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("\u2026"))
            row.addWidget(button)
        row.addStretch(1)
        inner.addLayout(row)
        self.set_button.clicked.connect(self.set_passphrase)
        self.change_button.clicked.connect(self.change_passphrase)
        self.remove_button.clicked.connect(self.remove_passphrase)
        column.addWidget(group)

        lock_group = QGroupBox(tr("Locking"))
        form = QFormLayout(lock_group)
        self.idle = QComboBox()
        self.idle.setAccessibleName(tr("Lock when I have been away for"))
        for minutes in IDLE_CHOICES:
            label = tr("Never") if minutes == 0 else ngettext(
                "{count} minute", "{count} minutes", minutes).format(count=minutes)
            self.idle.addItem(label, minutes)
        locker = locker_of(host)
        chosen = (locker.idle_ms() // 60_000) if locker is not None else 0
        self.idle.setCurrentIndex(max(self.idle.findData(chosen), 0))
        self.idle.currentIndexChanged.connect(self._idle_chosen)
        form.addRow(tr("Lock when I have been away for:"), self.idle)
        quick = QLabel(tr("Quick exit: press Esc twice, or the \u201cQuick exit\u201d button at "
                          "the top right. It saves, hides your sheet, makes the window small, "
                          "and locks it when you have a passphrase."))
        quick.setWordWrap(True)
        form.addRow(quick)
        column.addWidget(lock_group)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        column.addWidget(close)
        self.show_state()

    def show_state(self) -> None:
        """Say whether a passphrase is set; enable the buttons that fit."""
        on = passphrase.is_set()
        self.state.setText(
            tr("Your sheet is encrypted with a passphrase. Every copy on this computer needs "
               "it to be read.") if on else
            tr("Your sheet is not encrypted. Anyone who can open your files on this computer "
               "can read it. A passphrase keeps the files unreadable without it."))
        self.set_button.setEnabled(not on)
        self.change_button.setEnabled(on)
        self.remove_button.setEnabled(on)

    def _idle_chosen(self, index: int) -> None:
        from firstsession.app.appsettings import settings

        minutes = int(self.idle.itemData(index) or 0)
        settings().setValue(IDLE_KEY, minutes)
        locker = locker_of(self.host)
        if locker is not None:
            locker.set_idle_ms(minutes * 60_000)

    def _run(self, dialog: SecretDialog, job: Callable[[SecretDialog], object]) -> bool:
        """Show ``dialog``; on accept, save the newest words, then do ``job``. True when done."""
        def save_then(d: SecretDialog) -> object:
            if not self.host.session.save_now():
                raise OSError(0, tr("your newest words could not be saved first"))
            return job(d)

        dialog.job = save_then
        done = dialog.exec() == QDialog.DialogCode.Accepted
        self.show_state()
        return done

    def set_passphrase(self) -> bool:
        """Ask for a new passphrase (twice), warn that it cannot be recovered, offer a PDF
        first, then encrypt every copy."""
        dialog = SecretDialog(
            self, tr("Set a passphrase"),
            tr("If you forget your passphrase, nobody can open your sheet again, not even "
               "us. There is no way to get it back. Write it down somewhere safe, or save a "
               "PDF of your sheet first."),
            ask_current=False, ask_new=True, accept_text=tr("&Encrypt my sheet"))
        pdf_first = QPushButton(tr("Save a &PDF first\u2026"))
        pdf_first.setAccessibleName(tr("Save a PDF first"))
        pdf_first.clicked.connect(lambda: self.host.exporter().save_pdf())
        dialog.extra.addWidget(pdf_first)
        dialog.extra.addStretch(1)
        return self._run(dialog, lambda d: passphrase.set_passphrase(d.new.text()))

    def change_passphrase(self) -> bool:
        """Ask for the current passphrase and a new one; encrypt every copy again."""
        dialog = SecretDialog(
            self, tr("Change passphrase"),
            tr("Every copy of your sheet will open only with the new passphrase. It cannot "
               "be recovered if you forget it."),
            ask_current=True, ask_new=True, accept_text=tr("C&hange"))
        return self._run(dialog, lambda d: passphrase.change_passphrase(
            d.current.text(), d.new.text()))

    def remove_passphrase(self) -> bool:
        """Ask for the current passphrase; save every copy without encryption."""
        dialog = SecretDialog(
            self, tr("Remove passphrase"),
            tr("Your sheet will be saved without encryption. Anyone who can open your files "
               "on this computer will be able to read it."),
            ask_current=True, ask_new=False, accept_text=tr("&Remove"))
        return self._run(dialog, lambda d: passphrase.remove_passphrase(d.current.text()))
