"""Step 2: the plain-language explainers, one topic at a time."""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QWidget,
)

from firstsession import guides
from firstsession.app.session import Session
from firstsession.app.steps.base import StepPage
from firstsession.app.widgets import blocks_html, scaled_font

ModelIndex = QModelIndex | QPersistentModelIndex


class TopicDelegate(QStyledItemDelegate):
    """Topic titles that are easy to scan: a little room above and below each, and a
    title that wraps has its second and later lines indented, so each topic's start
    stands out at the left edge."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self.view = view

    def _metrics(self) -> tuple[int, int, int]:
        """(side padding, top and bottom padding, hanging indent), in pixels."""
        metrics = self.view.fontMetrics()
        em = metrics.horizontalAdvance("M")
        return em // 2, metrics.lineSpacing() // 3, em

    def title_lines(self, text: str, width: int) -> list[QRectF]:
        """Where each line of ``text`` goes in an item ``width`` pixels wide (item pixels)."""
        layout, _height = self._lay_out(text, width)
        return [layout.lineAt(i).naturalTextRect() for i in range(layout.lineCount())]

    def _lay_out(self, text: str, width: int) -> tuple[QTextLayout, float]:
        """``text`` laid out in an item ``width`` pixels wide, and the item's height."""
        side, top, indent = self._metrics()
        layout = QTextLayout(text, self.view.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        y = float(top)
        first = True
        while (line := layout.createLine()).isValid():
            left = side if first else side + indent
            line.setLineWidth(max(width - left - side, 1))
            line.setPosition(QPointF(left, y))
            y += line.height()
            first = False
        layout.endLayout()
        return layout, y + top

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # Qt's name
        width = self.view.viewport().width() - 2 * self.view.spacing()
        _layout, height = self._lay_out(str(index.data()), width)
        return QSize(width, math.ceil(height))

    def paint(  # Qt's name
        self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex
    ) -> None:
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)
        styled.text = ""  # the panel (selection, focus) by the style; the text by us
        style = self.view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, styled, painter, self.view)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(option.palette.color(role))
        layout, _height = self._lay_out(str(index.data()), option.rect.width())
        layout.draw(painter, QPointF(option.rect.topLeft()))
        painter.restore()


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
        self.topics.setUniformItemSizes(False)
        self.topics.setResizeMode(QListWidget.ResizeMode.Adjust)  # re-measure when resized
        self.topics.setSpacing(max(self.fontMetrics().lineSpacing() // 8, 1))
        self.topics.setItemDelegate(TopicDelegate(self.topics))
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

    def _country_html(self, explainer_id: str) -> str:
        """The registers or public routes of the guides' country under their explainer,
        each with the site it came from and, when over a year old, "please confirm"."""
        heading, entries = guides.entries_for(explainer_id, self.session.guide_country())
        if not entries:
            return ""
        items = "".join(
            f"<li><b>{escape(e.name)}</b>: {escape(e.text)}<br><small>{escape(e.source)}"
            + (f" ({escape(e.note)})" if e.note else "") + "</small></li>"
            for e in entries
        )
        return f"<h3>{escape(heading)}</h3><ul>{items}</ul>"

    def show_topic(self, row: int) -> None:
        if row < 0:
            return
        explainer = self.explainers[row]
        title_size = scaled_font(self, 1.3).pointSizeF()
        self.reader.setHtml(
            f"<h2 style='font-size:{title_size:.0f}pt'>{escape(explainer.title)}</h2>"
            + blocks_html(explainer.blocks)
            + self._country_html(explainer.id)
        )
        self.reader.setAccessibleDescription(explainer.title)

