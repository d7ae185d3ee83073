"""Step 2: the plain-language explainers, one topic at a time."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QTextBrowser, QWidget

from firstsession.app.session import Session
from firstsession.app.steps.base import StepPage
from firstsession.app.widgets import blocks_html, scaled_font


class ExpectStep(StepPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.explainers = session.content.explainers
        self.add_title(
            self.tr("What to expect"),
            self.tr("Short guides to read at your own pace. Pick a topic on the left."),
        )
        row = QHBoxLayout()
        self.topics = QListWidget()
        self.topics.setAccessibleName(self.tr("Topics"))
        self.topics.setAccessibleDescription(self.tr("Choose a topic to read it"))
        self.topics.setWordWrap(True)
        for explainer in self.explainers:
            item = QListWidgetItem(explainer.title)
            item.setToolTip(explainer.summary)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, explainer.summary)
            self.topics.addItem(item)
        em = self.fontMetrics().horizontalAdvance("M")
        self.topics.setMinimumWidth(em * 14)
        self.topics.setMaximumWidth(em * 20)
        self.reader = QTextBrowser()
        self.reader.setObjectName("explainer")
        self.reader.setAccessibleName(self.tr("Topic text"))
        self.reader.setOpenLinks(False)
        self.reader.setMinimumHeight(self.fontMetrics().lineSpacing() * 16)
        row.addWidget(self.topics)
        row.addWidget(self.reader, 1)
        self.column.addLayout(row, 1)
        self.topics.currentRowChanged.connect(self.show_topic)
        self.topics.setCurrentRow(0)

    def show_topic(self, row: int) -> None:
        if row < 0:
            return
        explainer = self.explainers[row]
        title_size = scaled_font(self, 1.3).pointSizeF()
        self.reader.setHtml(
            f"<h2 style='font-size:{title_size:.0f}pt'>{escape(explainer.title)}</h2>"
            + blocks_html(explainer.blocks)
        )
        self.reader.setAccessibleDescription(explainer.title)

