"""Step 1: what this is, and the privacy promise, before any question is asked.

A sheet started from a counsellor packet also shows the practice: its logo, name,
clinicians, welcome note, contact details and policies. Packet text is untrusted,
so it is only ever shown as plain text (never rich text, never a link).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from firstsession import labels
from firstsession.app.session import Session
from firstsession.app.steps.base import StepPage
from firstsession.app.widgets import heading, paragraph, text_blocks
from firstsession.i18n import _

if TYPE_CHECKING:
    from firstsession.packet import Packet

LOGO_LINES = 4  # the logo is about as tall as four lines of text


class WelcomeStep(StepPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        content = session.content
        packet = content.packet
        self.practice_box: QFrame | None = None
        if packet is not None:
            self.practice_box = self._practice_box(packet)
            self.column.addWidget(self.practice_box)
        self.add_title(content.welcome.title)
        self.column.addWidget(text_blocks(content.welcome.blocks))

        privacy = QFrame()
        privacy.setObjectName("privacyBox")
        privacy.setAccessibleName(content.privacy.title)
        box = QVBoxLayout(privacy)
        box.addWidget(heading(content.privacy.title, 2))
        box.addWidget(text_blocks(content.privacy.blocks))
        self.column.addWidget(privacy)

        self.column.addWidget(paragraph(content.not_care.strip(), object_name="notCare"))
        if packet is not None:
            self._practice_details(packet)
        self.column.addWidget(
            paragraph(self.tr("When you are ready, press Next, or choose a step on the left."),
                      object_name="hint")
        )
        self.column.addStretch(1)

    # -- the practice (from a counsellor packet) -------------------------------------

    def _practice_box(self, packet: Packet) -> QFrame:
        practice = packet.practice
        frame = QFrame()
        frame.setObjectName("practiceBox")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setAccessibleName(self.tr("From %1").replace("%1", practice.name))
        outer = QVBoxLayout(frame)
        top = QHBoxLayout()
        top.setSpacing(self.fontMetrics().horizontalAdvance("M"))
        if packet.logo is not None:
            from PySide6.QtCore import Qt  # only with a packet (see widgets.set_by_name)

            top.addWidget(self._logo(packet), 0, Qt.AlignmentFlag.AlignTop)
        names = QVBoxLayout()
        title = heading(practice.name, 2)
        title.setObjectName("practiceName")
        names.addWidget(title)
        if practice.clinicians:
            names.addWidget(paragraph("\n".join(practice.clinicians), object_name="hint"))
        names.addStretch(1)
        top.addLayout(names, 1)
        outer.addLayout(top)
        if packet.welcome_note.strip():
            outer.addSpacing(self.fontMetrics().lineSpacing() // 2)
            outer.addWidget(paragraph(packet.welcome_note.strip(), object_name="welcomeNote"))
        return frame

    def _logo(self, packet: Packet) -> QLabel:
        """The logo (checked when the packet was read, shown as viewers show it), scaled."""
        from PySide6.QtCore import Qt  # only with a packet (see widgets.set_by_name)

        assert packet.logo is not None
        label = QLabel()
        label.setObjectName("practiceLogo")
        from firstsession.packet_logo import shown_logo

        pixmap = QPixmap()  # the same upright 8-bit image every PDF header draws
        if pixmap.loadFromData(shown_logo(packet.logo).data):
            height = self.fontMetrics().lineSpacing() * LOGO_LINES
            width = self.fontMetrics().horizontalAdvance("M") * 16
            label.setPixmap(pixmap.scaled(
                width, height, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            ))
        label.setAccessibleName(self.tr("Logo of %1").replace("%1", packet.practice.name))
        return label

    def _practice_details(self, packet: Packet) -> None:
        """How sessions happen, the policies and the contact details, each under its
        heading, in the order the handout prints them; empty ones left out."""
        from firstsession.packet import practice_contact, practice_policies

        practice = packet.practice
        sections: list[tuple[str, str]] = []
        if packet.session_format in labels.SESSION_FORMATS:
            sections.append((_(labels.SESSION_FORMAT),
                             _(labels.SESSION_FORMATS[packet.session_format])))
        sections += [(_(labels.POLICIES[key]), text.strip())
                     for key, text in practice_policies(packet)]
        contact = practice_contact(practice)
        if contact:
            sections.append((_(labels.CONTACT), "\n".join(
                f"{_(labels.CONTACT_DETAILS[key])}: {text.strip()}"
                for key, text in contact)))
        if not sections:
            return
        self.column.addWidget(heading(self.tr("About %1").replace("%1", practice.name), 2))
        for title, text in sections:
            self.column.addWidget(heading(title, 3))
            self.column.addWidget(paragraph(text))
