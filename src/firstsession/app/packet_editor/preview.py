"""The packet editor's preview of the handout: the real PDF, zoomable, or the details as text.

``HandoutPreview`` is the one seam: the editor only calls ``show_packet`` and ``wait``
(and reads ``status``). The PDF is shown in the app's one PDF preview
(``app.preview.PdfPreview``, the export step's too), whose zoom the row of buttons here
drives; QtPdf is loaded only when a PDF is first shown. The text fallback words and orders
the practice's details as the handout's practice page does (``labels``, ``packet``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from firstsession import labels
from firstsession.app.preview import PdfPreview
from firstsession.app.widgets import heading
from firstsession.content import Content
from firstsession.i18n import _
from firstsession.packet import Packet, practice_contact, practice_policies

MIN_WIDTH_EM = 22  # the preview is never narrower than this (ems)


def preview_text(packet: Packet) -> str:
    """The practice's details as plain text, as the handout's practice page has them (shown
    when the handout cannot be drawn): the same sections, headings and order."""
    p = packet.practice
    parts: list[str] = [p.name]
    if packet.welcome_note.strip():
        parts.append(f"{_(labels.WELCOME)}\n{packet.welcome_note.strip()}")
    if packet.crisis_lines:
        lines = [f"{c.name}: {c.contact}" for c in packet.crisis_lines]
        parts.append(_(labels.LOCAL_CRISIS_LINES) + "\n" + "\n".join(lines))
    if packet.session_format in labels.SESSION_FORMATS:
        sentence = _(labels.SESSION_FORMATS[packet.session_format])
        parts.append(f"{_(labels.SESSION_FORMAT)}\n{sentence}")
    parts += [f"{_(labels.POLICIES[key])}\n{text.strip()}"
              for key, text in practice_policies(packet)]
    clinicians = ", ".join(p.clinicians)
    contact = [(labels.CLINICIANS, clinicians)] if clinicians.strip() else []
    contact += [(labels.CONTACT_DETAILS[key], text) for key, text in practice_contact(p)]
    if contact:
        parts.append(_(labels.CONTACT) + "\n" + "\n".join(
            f"{_(label)}: {text.strip()}" for label, text in contact))
    return "\n\n".join(parts)


class HandoutPreview(QWidget):
    """A heading, a status line (``status``), Fit width / Zoom out / Zoom in, and the
    handout for a packet (``show_packet``); ``wait`` says why nothing new is shown.

    The handout is shown in ``pdf``, the app's one PDF preview (its zoom is this row's);
    when it cannot be drawn, ``text`` shows the practice's details instead. ``stack``
    holds the two.
    """

    def __init__(self, base_content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.base_content = base_content
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(heading(_("Preview of the handout"), 2))
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.status)
        zoom = QHBoxLayout()
        self.fit_button = QPushButton(_("Fit width"))  # no mnemonic: F is for Fees
        self.fit_button.setAccessibleName(_("Fit the preview to its width"))
        self.fit_button.setToolTip(_("Fit the pages to the preview's width (Ctrl+0)"))
        self.fit_button.setShortcut(QKeySequence("Ctrl+0"))
        self.fit_button.setCheckable(True)
        self.fit_button.setChecked(True)
        self.zoom_out_button = QPushButton("\u2212")
        self.zoom_out_button.setAccessibleName(_("Zoom out"))
        self.zoom_out_button.setToolTip(_("Zoom out (Ctrl+minus)"))
        self.zoom_out_button.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut))
        self.zoom_in_button = QPushButton("+")
        self.zoom_in_button.setAccessibleName(_("Zoom in"))
        self.zoom_in_button.setToolTip(_("Zoom in (Ctrl+plus)"))
        self.zoom_in_button.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn))
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("hint")
        self.fit_button.clicked.connect(self.fit_width)
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(-1))
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(1))
        for widget in (self.fit_button, self.zoom_out_button, self.zoom_in_button,
                       self.zoom_label):
            zoom.addWidget(widget)
        zoom.addStretch(1)
        column.addLayout(zoom)
        self.stack = QStackedWidget()
        self.text = QLabel()
        self.text.setObjectName("textPreview")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.text)
        scroller.setAccessibleName(_("Preview of the practice details"))
        self.stack.addWidget(scroller)
        # QtPdf loads only when a PDF is first shown: until then this is a blank widget.
        self.pdf = PdfPreview(_("Preview of the handout"))
        self.stack.addWidget(self.pdf)
        self._show_zoom()
        column.addWidget(self.stack, 1)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * MIN_WIDTH_EM)

    def wait(self, message: str) -> None:
        """Keep what is shown, and say why it is not updated (``message``)."""
        self.status.setText(message)

    def show_packet(self, packet: Packet) -> None:
        """Show the blank handout for ``packet`` as it will print; if it cannot be drawn,
        say why and show the practice's details as text."""
        try:
            self._show_pdf(packet)
            self.status.setText(_("The blank handout, as it will print."))
            return
        except Exception as err:  # noqa: BLE001 (any drawing failure: fall back to text)
            self.status.setText(
                _("The handout could not be drawn (%1); showing the details.")
                .replace("%1", str(err))
            )
        self.text.setText(preview_text(packet))
        self.stack.setCurrentIndex(0)
        self._show_zoom()

    def _show_pdf(self, packet: Packet) -> None:
        from firstsession import pdf

        data = pdf.render_blank(content=self.base_content, packet=packet)
        if not self.pdf.show_pdf(data):
            raise RuntimeError(_("the PDF could not be read back"))
        self.stack.setCurrentWidget(self.pdf)
        self._show_zoom()

    # -- zoom (the PDF preview's, shown and changed by this row) ----------------------------

    def showing_pdf(self) -> bool:
        """True while the handout is shown as a PDF (not as text)."""
        return self.pdf.has_view() and self.stack.currentWidget() is self.pdf

    def zoom(self) -> float:
        """The preview's zoom now (1.0 = actual size)."""
        return self.pdf.zoom() if self.pdf.has_view() else 1.0

    def zoom_by(self, steps: int) -> None:
        """Zoom the preview in (``steps`` > 0) or out, by 25% a step, within 25% to 400%;
        nothing while no PDF is shown."""
        if self.showing_pdf():
            self.pdf.zoom_by(steps)
        self._show_zoom()

    def fit_width(self) -> None:
        """Show the pages as wide as the preview (the preview opens so)."""
        if self.showing_pdf():
            self.pdf.fit_width()
        self._show_zoom()

    def _show_zoom(self) -> None:
        has = self.showing_pdf()
        for button in (self.fit_button, self.zoom_out_button, self.zoom_in_button):
            button.setEnabled(has)
        self.fit_button.setChecked(self.pdf.fits_width())
        if not has:
            text = ""
        elif self.pdf.fits_width():
            text = _("Fits the width")
        else:
            text = _("%1%").replace("%1", str(round(self.pdf.zoom() * 100)))
        self.zoom_label.setText(text)
        self.zoom_label.setAccessibleName(text or _("Zoom"))
