"""The packet editor's logo field: a small preview of the logo, with Choose and Remove."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from firstsession.app.filedialogs import ask_open_path
from firstsession.i18n import N_, _
from firstsession.packet import Logo, PacketError
from firstsession.packet_logo import read_logo_file, shown_logo

LOGO_FILTER = N_("PNG or JPEG image (*.png *.jpg *.jpeg)")  # translated when the dialog opens


class LogoField(QWidget):
    """The logo as the PDFs draw it, a Choose… and a Remove button; ``status`` (a label for
    the row below) says the image's size, or why a chosen file cannot be used."""

    changed = Signal()  # the person chose or removed a logo (not ``set_logo``)

    def __init__(self, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.logo: Logo | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.preview = QLabel()
        self.preview.setObjectName("logoPreview")
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(self.fontMetrics().horizontalAdvance("M") * 14,
                                    self.fontMetrics().lineSpacing() * 4)
        self.choose_button = QPushButton(_("Ch&oose…"))
        self.choose_button.setAccessibleName(_("Choose a logo image"))
        self.choose_button.setAccessibleDescription(description)
        self.remove_button = QPushButton(_("Remo&ve"))
        self.remove_button.setAccessibleName(_("Remove the logo"))
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.remove)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row.addWidget(self.preview)
        row.addLayout(buttons)
        row.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

    def choose(self) -> None:
        """Ask for an image file; a file that cannot be a logo is explained in ``status``
        and the logo stays as it was."""
        chosen = ask_open_path(self, _("Choose a logo"), _(LOGO_FILTER))
        if chosen is None:
            return
        try:
            logo = read_logo_file(chosen)
        except PacketError as err:
            message = str(err)
            self.status.setText(
                _("That image cannot be used: %1. The logo was not changed.")
                .replace("%1", message[:1].lower() + message[1:])
            )
            return
        self.set_logo(logo)
        self.changed.emit()

    def remove(self) -> None:
        """No logo; the keyboard goes back to Choose."""
        if self.logo is None:
            return
        self.set_logo(None)
        self.changed.emit()
        self.choose_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_logo(self, logo: Logo | None) -> None:
        """Show ``logo`` (or "No logo"), without telling anyone it changed."""
        self.logo = logo
        self.remove_button.setEnabled(logo is not None)
        if logo is None:
            self.preview.clear()
            self.preview.setText(_("No logo"))
            self.preview.setAccessibleName(_("No logo"))
            self.status.setText("")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(shown_logo(logo).data)  # upright, 8-bit: as the PDFs draw it
        self.preview.setPixmap(pixmap.scaled(
            self.preview.minimumSize(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        ))
        self.preview.setAccessibleName(_("Logo preview"))
        self.status.setText(
            _("%1 image, %2 × %3 pixels.").replace(
                "%1", "PNG" if logo.mime == "image/png" else "JPEG"
            ).replace("%2", str(logo.width)).replace("%3", str(logo.height))
        )
