"""Step 7, "Before the day": a practical checklist, the questions a person is
nervous to ask, and anything else to remember."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from firstsession.app.session import Session
from firstsession.app.steps.base import StepPage
from firstsession.app.widgets import heading, paragraph, text_area, wrapping_policy


class _ClickableLabel(QLabel):
    """A wrapping label that toggles its check box when clicked, like a check box's own text."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt's name
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class CheckRow(QWidget):
    """A check box whose text wraps (a plain QCheckBox never wraps, which breaks
    long items at large font sizes). The box itself takes the keyboard focus and
    carries the text as its accessible name."""

    def __init__(self, text: str, checked: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox()
        self.box.setChecked(checked)
        self.box.setAccessibleName(text)
        self.label = _ClickableLabel(text)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setBuddy(self.box)
        self.label.setSizePolicy(wrapping_policy(QSizePolicy.Policy.Expanding))
        self.label.clicked.connect(self.box.toggle)
        self.label.clicked.connect(lambda: self.box.setFocus(Qt.FocusReason.MouseFocusReason))
        # Exactly as tall as the wrapped text, never padded out by the page's layout.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(self.fontMetrics().horizontalAdvance(" ") * 2)
        # Line the box up with the middle of the first line of text.
        box_column = QVBoxLayout()
        box_column.setContentsMargins(0, 0, 0, 0)
        box_column.addSpacing(
            max(0, (self.label.fontMetrics().height() - self.box.sizeHint().height()) // 2)
        )
        box_column.addWidget(self.box)
        box_column.addStretch(1)
        row.addLayout(box_column)
        row.addWidget(self.label, 1)

    def set_checked_quietly(self, checked: bool) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(checked)
        self.box.blockSignals(False)


class BeforeStep(StepPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        content = session.content
        sheet = session.sheet
        self.add_title(self.tr("Before the day"), content.checklist_intro)

        self.column.addSpacing(self.fontMetrics().lineSpacing() // 2)
        self.column.addWidget(heading(self.tr("Your checklist"), 2))
        self.progress = paragraph("", object_name="hint")
        self.column.addWidget(self.progress)
        checklist = QVBoxLayout()
        checklist.setSpacing(self.fontMetrics().lineSpacing() // 2)
        self.rows: dict[str, CheckRow] = {}
        for item in content.checklist:
            row = CheckRow(item.text, sheet.checklist.get(item.id, False))
            row.box.setAccessibleDescription(self.tr("Checklist item. Press Space to tick it."))
            row.box.toggled.connect(lambda on, item_id=item.id: self._ticked(item_id, on))
            self.rows[item.id] = row
            checklist.addWidget(row)
        self.column.addLayout(checklist)

        self.column.addSpacing(self.fontMetrics().lineSpacing())
        self.column.addWidget(heading(self.tr("Your own notes"), 2))
        self.nervous = text_area(
            self.column,
            self.tr("Questions I'm nervous to ask"),
            sheet.nervous_questions,
            self._nervous_changed,
            description=self.tr("It's OK to bring these on paper and hand them over."),
            lines=4,
        )
        self.column.addSpacing(self.fontMetrics().lineSpacing() // 2)
        self.notes = text_area(
            self.column,
            self.tr("Anything else to remember"),
            sheet.notes,
            self._notes_changed,
            description=self.tr("For example, something to bring, or something to say first."),
            lines=4,
        )
        self.column.addStretch(1)
        self._show_progress()

    # -- changes from the person -------------------------------------------------------

    def _ticked(self, item_id: str, checked: bool) -> None:
        self.session.sheet.checklist[item_id] = checked
        self.session.touch()
        self._show_progress()

    def _nervous_changed(self, text: str) -> bool:
        return self.session.set_text(self.session.sheet, "nervous_questions", text)

    def _notes_changed(self, text: str) -> bool:
        return self.session.set_text(self.session.sheet, "notes", text)

    def _show_progress(self) -> None:
        done = sum(1 for row in self.rows.values() if row.box.isChecked())
        text = (
            self.tr("%1 of %2 done")
            .replace("%1", str(done))
            .replace("%2", str(len(self.rows)))
        )
        self.progress.setText(text)
        self.progress.setAccessibleName(text)

    # -- a different sheet ---------------------------------------------------------------

    def reload(self) -> None:
        sheet = self.session.sheet
        for item_id, row in self.rows.items():
            row.set_checked_quietly(sheet.checklist.get(item_id, False))
        self.nervous.set_text_quietly(sheet.nervous_questions)
        self.notes.set_text_quietly(sheet.notes)
        self._show_progress()
