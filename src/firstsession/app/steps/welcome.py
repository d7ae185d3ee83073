"""Step 1: what this is, and the privacy promise, before any question is asked."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from firstsession.app.session import Session
from firstsession.app.steps.base import StepPage
from firstsession.app.widgets import blocks_html, heading, paragraph, rich_label


class WelcomeStep(StepPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        content = session.content
        self.add_title(content.welcome.title)
        self.column.addWidget(rich_label(blocks_html(content.welcome.blocks)))

        privacy = QFrame()
        privacy.setObjectName("privacyBox")
        privacy.setAccessibleName(content.privacy.title)
        box = QVBoxLayout(privacy)
        box.addWidget(heading(content.privacy.title, 2))
        box.addWidget(rich_label(blocks_html(content.privacy.blocks)))
        self.column.addWidget(privacy)

        self.column.addWidget(paragraph(content.not_care.strip(), object_name="notCare"))
        self.column.addWidget(
            paragraph(self.tr("When you are ready, press Next, or choose a step on the left."),
                      object_name="hint")
        )
        self.column.addStretch(1)
