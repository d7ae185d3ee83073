"""Step 7, "Before the day": the checklist and the person's own notes.

Step 7, "Before the day": a practical checklist, the questions a person is
nervous to ask, and anything else to remember."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QVBoxLayout, QWidget

from firstsession import labels
from firstsession.app.layouts import CheckRow
from firstsession.app.session import Session
from firstsession.app.steps.base import StepPage
from firstsession.app.widgets import heading, paragraph, text_area
from firstsession.i18n import _


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
            _(labels.NERVOUS),
            sheet.nervous_questions,
            partial(self.set_sheet_text, "nervous_questions"),
            description=self.tr("It's OK to bring these on paper and hand them over."),
            lines=4,
        )
        self.column.addSpacing(self.fontMetrics().lineSpacing() // 2)
        self.notes = text_area(
            self.column,
            _(labels.NOTES_QUESTION),
            sheet.notes,
            partial(self.set_sheet_text, "notes"),
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
