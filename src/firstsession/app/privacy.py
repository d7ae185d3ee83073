"""Help > Privacy…: what is kept where, the passphrase (set, change, remove), the idle lock.

Every passphrase job saves the sheet first and runs on the window's thread (Argon2id takes a
fraction of a second) inside ``secretdialog.SecretDialog``; a wrong passphrase gets a plain
message in the dialog and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

from firstsession import passphrase, paths
from firstsession.app.lock import IDLE_CHOICES, IDLE_KEY, locker_of
from firstsession.app.secretdialog import SecretDialog, fit_height
from firstsession.app.widgets import blocks_html, tr
from firstsession.i18n import ngettext

if TYPE_CHECKING:
    from firstsession.app.shell import MenuHost



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
        # Scrolls when the notes (in a long language, in large text) are taller than the
        # screen leaves room for; the dialog grows to show them whole when it can.
        self.notes, self.notes_area = notes, QScrollArea()
        self.notes_area.setWidget(notes)
        self.notes_area.setWidgetResizable(True)
        self.notes_area.setFrameShape(QFrame.Shape.NoFrame)
        column.addWidget(self.notes_area, 1)

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

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Shown: as tall as the notes need, within the screen (then they scroll)."""
        super().showEvent(event)
        fit_height(self)
        missing = (self.notes.heightForWidth(self.notes_area.viewport().width())
                   - self.notes_area.viewport().height())
        screen = self.screen()
        room = (screen.availableGeometry().height() - self.frameGeometry().height()
                if screen is not None else 0)
        if missing > 0 and room > 0:
            self.resize(self.width(), self.height() + min(missing, room))

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
