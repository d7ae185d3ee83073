"""Step 6: compare therapists.

Up to five people the person talked to: name, contact, how good a fit they felt,
notes, and their answer to each chosen question. Below, a read-only table puts
them side by side (a ComparisonModel that follows every change to the sheet).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from firstsession import labels
from firstsession.app.layouts import TitledGroup
from firstsession.app.models import (
    FIT_VALUES,
    NO_FIT,
    STAR,
    ComparisonModel,
    TherapistsModel,
    fit_label,
)
from firstsession.app.session import Session
from firstsession.app.steps.base import StepPage
from firstsession.app.widgets import (
    TextArea,
    action_button,
    ask_yes_no,
    heading,
    line_edit,
    paragraph,
    set_line_quietly,
    text_area,
    tr,
)
from firstsession.i18n import _
from firstsession.model import MAX_THERAPISTS, Therapist


class ComparisonTable(QTableView):
    """A read-only table as tall as its rows (up to a limit), so the page scrolls, not it."""

    MAX_LINES = 40

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.verticalHeader().sectionResized.connect(lambda *_: self.updateGeometry())
        self.setCornerButtonEnabled(False)
        for corner in self.findChildren(QAbstractButton):  # Qt's hidden corner button
            corner.setAccessibleName(tr("Top left corner of the table"))

    def _content_height(self) -> int:
        rows = self.model().rowCount() if self.model() is not None else 0
        height = sum(self.rowHeight(r) for r in range(rows))
        height += self.horizontalHeader().height() + 2 * self.frameWidth()
        limit = self.fontMetrics().lineSpacing() * self.MAX_LINES
        return min(height, limit)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._content_height())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._content_height())


class TherapistsStep(StepPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.list_model = TherapistsModel(session, self)
        self.compare_model = ComparisonModel(session, self)
        self._current_id = ""
        self._question_signature: tuple[tuple[str, str, bool], ...] = ()
        self.answer_editors: dict[str, TextArea] = {}
        self.add_title(
            self.tr("Compare therapists"),
            self.tr(
                "After a call with a therapist, jot down what they said while it is fresh. "
                "You can keep notes on up to 5 people. Fit is about how you felt talking "
                "with them. There is no wrong answer."
            ),
        )
        self.column.addSpacing(self.fontMetrics().height() // 2)
        self._build_people()
        self._build_editor()
        self.column.addSpacing(self.fontMetrics().height() // 2)
        self._build_comparison()
        self.column.addStretch(1)

        self.list_model.rowsInserted.connect(self._people_changed)
        self.list_model.rowsRemoved.connect(self._people_changed)
        self.list_model.modelReset.connect(self._people_changed)
        session.changed.connect(self._questions_maybe_changed)
        self._rebuild_answers()
        self._people_changed()
        if self.list_model.rowCount():
            self.select_row(0)

    # -- the people -------------------------------------------------------------------

    def _build_people(self) -> None:
        box = QGroupBox(self.tr("People you talked to"))
        layout = QVBoxLayout(box)
        layout.setSpacing(8)
        row = QHBoxLayout()
        row.setSpacing(12)
        view = QListView()
        view.setObjectName("therapistList")
        view.setModel(self.list_model)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAccessibleName(self.tr("People you talked to"))
        view.setAccessibleDescription(
            self.tr("Choose a person to see and change your notes about them below.")
        )
        # Room for all five people, and no more.
        row_height = max(view.sizeHintForRow(0), self.fontMetrics().lineSpacing() + 4)
        view.setFixedHeight(row_height * MAX_THERAPISTS + 2 * view.frameWidth() + 6)
        view.selectionModel().currentChanged.connect(self._current_changed)
        self.people_view = view
        row.addWidget(view, 1)

        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        self.add_button = action_button(
            self.tr("Add a person"), self.tr("Start notes about another therapist")
        )
        self.add_button.clicked.connect(self.add_therapist)
        self.remove_button = action_button(
            self.tr("Remove"), self.tr("Delete the chosen person and your notes about them")
        )
        self.remove_button.clicked.connect(self.remove_current)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        layout.addLayout(row)

        self.limit_label = paragraph(
            self.tr(
                "You have notes on 5 people, the most this page can compare. To add someone "
                "new, remove a person first."
            ),
            object_name="hint",
        )
        layout.addWidget(self.limit_label)
        self.nobody_label = paragraph(
            self.tr("No one here yet. After a call with a therapist, press Add a person to "
                    "start your notes about them."),
            object_name="hint",
        )
        layout.addWidget(self.nobody_label)
        self.column.addWidget(box)


    def current_row(self) -> int:
        index = self.people_view.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        index = self.list_model.index(row) if 0 <= row < self.list_model.rowCount() else None
        if index is not None and index != self.people_view.currentIndex():
            self.people_view.setCurrentIndex(index)
        else:
            self._current_changed(index or QModelIndex())

    def current_therapist(self) -> Therapist | None:
        row = self.list_model.row_of_id(self._current_id) if self._current_id else -1
        return self.list_model.item_at(row)

    def add_therapist(self) -> None:
        row = self.list_model.append()
        if row >= 0:
            self.select_row(row)
            self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_current(self) -> None:
        row = self.current_row()
        therapist = self.list_model.item_at(row)
        if therapist is None:
            return
        if _has_text(therapist) and not self._confirm_remove(self.list_model.display_name(row)):
            return
        self.list_model.remove(row)
        self.select_row(min(row, self.list_model.rowCount() - 1))

    def _confirm_remove(self, name: str) -> bool:
        return ask_yes_no(
            self,
            self.tr("Remove this person?"),
            self.tr("Remove %1? Your notes about them will be deleted.").replace("%1", name),
        )

    def _people_changed(self, *_args: object) -> None:
        full = not self.list_model.can_add()
        self.add_button.setEnabled(not full)
        self.add_button.setAccessibleDescription(
            self.tr("You can compare up to 5 people. Remove one to add someone new.")
            if full
            else self.tr("Start notes about another therapist")
        )
        self.limit_label.setVisible(full)
        self.remove_button.setEnabled(self.current_row() >= 0)

    def _current_changed(self, current: QModelIndex, _previous: object = None) -> None:
        therapist = self.list_model.item_at(current.row()) if current.isValid() else None
        self._current_id = therapist.id if therapist is not None else ""
        self._show_therapist(therapist)
        self.remove_button.setEnabled(therapist is not None)

    # -- the notes about one person ---------------------------------------------------

    def _build_editor(self) -> None:
        self.editor_box = TitledGroup(self.tr("Your notes"))  # the title holds a name
        layout = QVBoxLayout(self.editor_box)
        layout.setSpacing(6)
        self.name_edit = line_edit(
            layout, self.tr("Name:"), "", partial(self._text_changed, "name"),
            placeholder=self.tr("For example: Dr. Alex Rivera"),
        )
        self.contact_edit = line_edit(
            layout, _(labels.THERAPIST_CONTACT) + ":", "",
            partial(self._text_changed, "contact"),
            placeholder=self.tr("Phone, email, website, or when they are free"),
        )
        fit_caption = QLabel(_(labels.THERAPIST_FIT_QUESTION))
        fit_caption.setWordWrap(True)  # one long line is wider than the page at large text
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.contact_edit.setAccessibleName(_(labels.THERAPIST_CONTACT))
        self.fit_combo = QComboBox()
        for fit in FIT_VALUES:  # "Not rated yet" first: nothing is chosen for the person
            self.fit_combo.addItem(fit_label(fit), NO_FIT if fit is None else fit)
        fit_caption.setBuddy(self.fit_combo)
        self.fit_combo.setAccessibleName(_(labels.THERAPIST_FIT_QUESTION))
        self.fit_combo.setAccessibleDescription(
            self.tr("Not rated yet, or from 1, not a good fit, to 5, a very good fit. "
                    "There is no wrong answer.")
        )
        self.fit_combo.view().setAccessibleName(self.tr("Choices for fit"))
        self.fit_combo.currentIndexChanged.connect(self._fit_changed)
        layout.addWidget(fit_caption)
        layout.addWidget(
            paragraph(self.tr("Go with your gut. How did it feel to talk with them?"),
                      object_name="hint")
        )
        fit_row = QHBoxLayout()
        fit_row.addWidget(self.fit_combo)
        fit_row.addStretch(1)
        layout.addLayout(fit_row)

        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(heading(self.tr("Their answers to your questions"), 3))
        self.no_questions_label = paragraph(
            self.tr("Choose some questions in the previous step to note their answers here."),
            object_name="hint",
        )
        layout.addWidget(self.no_questions_label)
        self.answers_holder = QVBoxLayout()
        self.answers_holder.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.answers_holder)
        self.answers_widget: QWidget | None = None

        layout.addSpacing(self.fontMetrics().height() // 2)
        self.notes_edit = text_area(
            layout, _(labels.THERAPIST_NOTES) + ":", "", partial(self._text_changed, "notes"),
            description=self.tr("Anything else you noticed, such as how they made you feel."),
            lines=3,
        )
        self.notes_edit.setAccessibleName(_(labels.THERAPIST_NOTES))
        self.notes_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 7 + 16)
        self.column.addWidget(self.editor_box)

    def _rebuild_answers(self) -> None:
        """One text area per chosen question, in the person's order."""
        questions = self.session.sheet.questions
        self._question_signature = _signature(self.session)
        if self.answers_widget is not None:
            self.answers_widget.hide()
            self.answers_widget.deleteLater()
        self.answers_widget = QWidget()
        layout = QVBoxLayout(self.answers_widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.answer_editors = {}
        lines = self.fontMetrics().lineSpacing()
        for question in questions:
            text = self.session.content.question_text(question)  # in the language chosen now
            label = text.replace("&", "&&")  # a label's & would become a shortcut
            if question.starred:
                label = STAR + label
            editor = text_area(
                layout, label, "",
                partial(self._answer_changed, question.id),
                lines=2,
            )
            editor.setMaximumHeight(lines * 4 + 16)
            editor.setAccessibleName(text)
            editor.setAccessibleDescription(
                self.tr("Their answer. This is a key question for you.")
                if question.starred
                else self.tr("Their answer")
            )
            self.answer_editors[question.id] = editor
        self.answers_holder.addWidget(self.answers_widget)
        self.no_questions_label.setVisible(not questions)
        # New editors join the end of the focus chain; put them between fit and notes.
        previous: QWidget = self.fit_combo
        for editor in self.answer_editors.values():
            QWidget.setTabOrder(previous, editor)
            previous = editor
        QWidget.setTabOrder(previous, self.notes_edit)
        self._show_therapist(self.current_therapist())

    def _questions_maybe_changed(self) -> None:
        """Cheap check on every change: rebuild only when the chosen questions changed."""
        if _signature(self.session) != self._question_signature:
            self._rebuild_answers()

    def _show_therapist(self, therapist: Therapist | None) -> None:
        t = therapist or Therapist()
        name = self.list_model.display_name(self.list_model.row_of_id(t.id)) if therapist else ""
        self.editor_box.setTitle(_(labels.NOTES_ABOUT).replace("%1", name)
                                 if therapist else self.tr("Your notes"))
        set_line_quietly(self.name_edit, t.name)
        set_line_quietly(self.contact_edit, t.contact)
        self.fit_combo.blockSignals(True)
        shown = NO_FIT if t.fit is None else t.fit
        self.fit_combo.setCurrentIndex(max(0, self.fit_combo.findData(shown)))
        self.fit_combo.blockSignals(False)
        self.notes_edit.set_text_quietly(t.notes)
        for qid, editor in self.answer_editors.items():
            editor.set_text_quietly(t.answers.get(qid, ""))
        # Last, because hiding the field that has the focus moves the focus (and can
        # select another person in the list).
        self.editor_box.setVisible(therapist is not None)
        self.nobody_label.setVisible(therapist is None)

    def _changed(self, therapist: Therapist) -> None:
        row = self.list_model.row_of_id(therapist.id)
        self.list_model.refresh(row)
        self.session.touch()

    def _text_changed(self, name: str, text: str) -> bool:
        """The current person's field ``name`` (name, contact, notes) was edited; False
        when the sheet refused the text (the field then takes it back)."""
        therapist = self.current_therapist()
        if therapist is None:
            return True
        if not self.session.set_text(therapist, name, text):
            return False
        if name == "name":
            row = self.list_model.row_of_id(therapist.id)
            self.editor_box.setTitle(
                _(labels.NOTES_ABOUT).replace("%1", self.list_model.display_name(row))
            )
        self._changed(therapist)
        return True

    def _fit_changed(self, index: int) -> None:
        therapist = self.current_therapist()
        value = self.fit_combo.itemData(index)
        if therapist is not None and isinstance(value, int):
            therapist.fit = None if value == NO_FIT else value
            self._changed(therapist)

    def _answer_changed(self, question_id: str, text: str) -> bool:
        therapist = self.current_therapist()
        if therapist is None:
            return True
        kept = self.session.take_text(text, therapist.answers.get(question_id, ""))
        if kept is None:
            return False
        text = kept
        if text:
            therapist.answers[question_id] = text
        else:
            therapist.answers.pop(question_id, None)
        self._changed(therapist)
        return True

    # -- side by side -----------------------------------------------------------------

    def _build_comparison(self) -> None:
        box = QGroupBox(self.tr("Side by side"))
        layout = QVBoxLayout(box)
        layout.setSpacing(8)
        self.compare_hint = paragraph(
            self.tr("Each person has a column. Use the arrow keys to move from cell to cell."),
            object_name="hint",
        )
        layout.addWidget(self.compare_hint)
        table = ComparisonTable()
        table.setObjectName("comparisonTable")
        table.setModel(self.compare_model)
        table.setFrameShape(QFrame.Shape.StyledPanel)
        table.setAccessibleName(self.tr("Side by side"))
        table.horizontalHeader().setAccessibleName(self.tr("Names of the people"))
        table.verticalHeader().setAccessibleName(self.tr("Topics"))
        table.setAccessibleDescription(
            self.tr("Rows show fit, contact, each of your questions and notes. "
                    "Each person you talked to has a column.")
        )
        self.table = table
        layout.addWidget(table)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(0)
        self._resize_timer.timeout.connect(self._fit_table)
        self.compare_model.modelReset.connect(self._resize_timer.start)
        self._fit_table()
        self.column.addWidget(box)

    def _fit_table(self) -> None:
        self.table.resizeRowsToContents()
        self.table.updateGeometry()
        anyone = bool(self.session.sheet.therapists)
        self.table.setVisible(anyone)
        if anyone:
            self.compare_hint.setText(
                self.tr("Each person has a column. Use the arrow keys to move from cell to cell.")
            )
        else:
            self.compare_hint.setText(self.tr("Add people above to see them side by side here."))

    # -- reload ----------------------------------------------------------------------------

    def reload(self) -> None:
        self._current_id = ""
        self.list_model.reload()  # modelReset updates the buttons
        self._rebuild_answers()
        self.select_row(0)


def _signature(session: Session) -> tuple[tuple[str, str, bool], ...]:
    return tuple(
        (q.id, session.content.question_text(q), q.starred) for q in session.sheet.questions
    )


def _has_text(therapist: Therapist) -> bool:
    texts = [therapist.name, therapist.contact, therapist.notes, *therapist.answers.values()]
    return any(t.strip() for t in texts) or therapist.fit is not None
