"""Step 5: questions for therapists.

A bank of questions by category (tick the ones you want, with why each helps),
then the person's own list: in their order, with stars on the key ones and room
for questions of their own. The list is a ChosenQuestionsModel over
``sheet.questions``; it can be reordered by drag and drop, by Alt+Up / Alt+Down,
and by buttons.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from firstsession.app.itemviews import ReorderableListView, WrapDelegate
from firstsession.app.models import ChosenQuestionsModel
from firstsession.app.session import Session
from firstsession.app.steps.base import StepPage
from firstsession.app.widgets import action_button, ask_yes_no, heading, paragraph
from firstsession.i18n import ngettext
from firstsession.model import ChosenQuestion, new_id

QUESTION_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def question_id(item: QTreeWidgetItem) -> str:
    """The bank question an item shows, or "" for a category's heading row."""
    qid = item.data(0, QUESTION_ID_ROLE)  # Qt's data() is untyped (Any): pin it to str here
    return qid if isinstance(qid, str) else ""


class BankTree(QTreeWidget):
    """The question bank; re-measures its wrapped rows when its width changes."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()


class QuestionsStep(StepPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._syncing = False
        self.model = ChosenQuestionsModel(session, self)
        self.add_title(
            self.tr("Questions for therapists"),
            self.tr(
                "Good questions help you find someone who fits you. Many therapists offer a "
                "short, free call before you book. That call is a good time to ask. Tick the "
                "questions you want to ask. Then star the ones that matter most to you."
            ),
        )
        self.column.addSpacing(self.fontMetrics().height() // 2)
        self._build_bank()
        self.column.addSpacing(self.fontMetrics().height() // 2)
        self._build_chosen()
        self.column.addStretch(1)

        self.model.rowsInserted.connect(self._model_changed)
        self.model.rowsRemoved.connect(self._model_changed)
        self.model.rowsMoved.connect(self._model_changed)
        self.model.modelReset.connect(self._model_changed)
        self.model.dataChanged.connect(self._model_changed)
        self._model_changed()
        self.select_row(0)

    # -- the bank ---------------------------------------------------------------------

    def _build_bank(self) -> None:
        box = QGroupBox(self.tr("Question ideas"))
        layout = QVBoxLayout(box)
        layout.setSpacing(8)
        layout.addWidget(
            paragraph(
                self.tr(
                    "Pick as many or as few as you like. Use the arrow keys to move through "
                    "the list, and press Space to tick or untick a question."
                ),
                object_name="hint",
            )
        )
        tree = BankTree()
        tree.setObjectName("questionBank")
        tree.setHeaderHidden(True)
        tree.setColumnCount(1)
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        tree.setItemDelegate(WrapDelegate(tree))
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setMinimumHeight(self.fontMetrics().lineSpacing() * 16)
        tree.setAccessibleName(self.tr("Question ideas"))
        tree.header().setAccessibleName(self.tr("Question ideas"))
        tree.setAccessibleDescription(
            self.tr("Questions in groups. Press Space to tick or untick the current question.")
        )
        self.question_items: dict[str, QTreeWidgetItem] = {}
        for category in self.session.content.categories:
            parent = QTreeWidgetItem([category.name])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            parent.setFont(0, self._bold(tree))
            parent.setData(
                0,
                Qt.ItemDataRole.AccessibleTextRole,
                ngettext("{group}, {count} question", "{group}, {count} questions",
                         len(category.questions))
                .format(group=category.name, count=len(category.questions)),
            )
            for question in category.questions:
                item = QTreeWidgetItem([question.text])
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemNeverHasChildren
                )
                item.setCheckState(0, Qt.CheckState.Unchecked)
                item.setData(0, QUESTION_ID_ROLE, question.id)
                if question.why:
                    item.setToolTip(0, question.why)
                    item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, question.why)
                parent.addChild(item)
                self.question_items[question.id] = item
            tree.addTopLevelItem(parent)
        tree.expandAll()
        tree.itemChanged.connect(self._bank_item_changed)
        tree.currentItemChanged.connect(self._show_why)
        self.tree = tree
        layout.addWidget(tree, 1)

        self.why_label = QLabel()
        self.why_label.setObjectName("hint")
        self.why_label.setWordWrap(True)
        self.why_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.why_label)
        self._show_why(None)
        self.column.addWidget(box, 1)

    @staticmethod
    def _bold(widget: QWidget) -> QFont:
        font = widget.font()
        font.setBold(True)
        return font

    def _show_why(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        qid = question_id(item) if item is not None else ""
        question = self.session.content.question(qid) if qid else None
        if question is not None and question.why:
            self.why_label.setText(self.tr("Why ask this: %1").replace("%1", question.why))
        else:
            self.why_label.setText(
                self.tr("Move to a question to see why it can help to ask it.")
            )

    def _bank_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        qid = question_id(item)
        if self._syncing or column != 0 or not qid:
            return
        row = self.model.row_of_id(qid)
        if item.checkState(0) == Qt.CheckState.Checked:
            if row < 0:
                # Kept by id, shown in the language chosen now (the text only if the
                # content has no such question, so its words are not lost).
                question = self.session.content.question(qid)
                text = "" if question is not None else item.text(0)
                self.model.append(ChosenQuestion(qid, text))
        elif row >= 0:
            self.model.remove(row)

    def _sync_bank(self) -> None:
        """Tick exactly the bank questions that are in the person's list."""
        chosen = {q.id for q in self.session.sheet.questions}
        self._syncing = True
        try:
            for qid, item in self.question_items.items():
                state = Qt.CheckState.Checked if qid in chosen else Qt.CheckState.Unchecked
                if item.checkState(0) != state:
                    item.setCheckState(0, state)
        finally:
            self._syncing = False

    # -- my questions -----------------------------------------------------------------

    def _build_chosen(self) -> None:
        box = QGroupBox(self.tr("My questions, in my order"))
        layout = QVBoxLayout(box)
        layout.setSpacing(8)
        layout.addWidget(
            paragraph(
                self.tr(
                    "Put the ones you most want to ask at the top. To move a question, drag "
                    "it, use the buttons, or press Alt+Up and Alt+Down. Star a question to mark "
                    "it as a key question."
                ),
                object_name="hint",
            )
        )
        self.empty_label = paragraph(
            self.tr("No questions yet. Tick some above, or add your own below."),
            object_name="hint",
        )
        layout.addWidget(self.empty_label)

        row = QHBoxLayout()
        row.setSpacing(12)
        view = ReorderableListView(drag_to_reorder=True)
        view.setObjectName("chosenQuestions")
        view.setModel(self.model)
        view.setItemDelegate(WrapDelegate(view))
        view.setUniformItemSizes(False)
        view.setSpacing(2)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        view.setMinimumHeight(self.fontMetrics().lineSpacing() * 10)
        view.setAccessibleName(self.tr("My questions, in my order"))
        view.setAccessibleDescription(
            self.tr(
                "Press Alt+Up or Alt+Down to move the current question. Press F2 to change "
                "the words of a question you wrote."
            )
        )
        view.move_requested.connect(self.move_current)
        view.remove_requested.connect(self.remove_current)
        self.list_view = view
        row.addWidget(view, 1)

        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        self.up_button = action_button(
            self.tr("Move up"), self.tr("Move the chosen question up one place (Alt+Up)")
        )
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = action_button(
            self.tr("Move down"), self.tr("Move the chosen question down one place (Alt+Down)")
        )
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.star_button = action_button(
            self.tr("Star"), self.tr("Mark the chosen question as a key question, or unmark it")
        )
        self.star_button.clicked.connect(self.toggle_star)
        self.remove_button = action_button(
            self.tr("Remove"), self.tr("Take the chosen question off your list (Delete)")
        )
        self.remove_button.clicked.connect(self.remove_current)
        for button in (self.up_button, self.down_button, self.star_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        layout.addLayout(row, 1)

        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(heading(self.tr("Add a question of your own"), 3))
        caption = QLabel(self.tr("Your question:"))
        self.own_edit = QLineEdit()
        self.own_edit.setObjectName("ownQuestion")
        caption.setBuddy(self.own_edit)
        self.own_edit.setAccessibleName(self.tr("Your question"))
        self.own_edit.setAccessibleDescription(
            self.tr("Type a question, then press Enter or the Add button.")
        )
        self.own_edit.setPlaceholderText(self.tr("For example: Do you offer evening sessions?"))
        self.own_edit.returnPressed.connect(self.add_own)
        self.own_edit.textChanged.connect(self._update_buttons)
        self.add_button = action_button(
            self.tr("Add my own question"), self.tr("Add the question you typed to your list")
        )
        self.add_button.clicked.connect(self.add_own)
        layout.addWidget(caption)
        layout.addWidget(self.own_edit)
        # The button goes under the field so both stay wide at large font sizes.
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        layout.addLayout(add_row)
        self.column.addWidget(box, 1)

        view.selectionModel().currentChanged.connect(self._update_buttons)


    def current_row(self) -> int:
        index = self.list_view.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row)
            self.list_view.setCurrentIndex(index)
            self.list_view.scrollTo(index)

    def move_current(self, delta: int) -> None:
        row = self.current_row()
        if row < 0:
            return
        self.select_row(self.model.move(row, delta))

    def toggle_star(self) -> None:
        question = self.model.item_at(self.current_row())
        if question is not None:
            self.model.set_starred(self.current_row(), not question.starred)

    def remove_current(self) -> None:
        row = self.current_row()
        question = self.model.item_at(row)
        if question is None:
            return
        if question.own and not self._confirm_remove_own(question.text):
            return
        self.model.remove(row)
        self.select_row(min(row, self.model.rowCount() - 1))

    def _confirm_remove_own(self, text: str) -> bool:
        return ask_yes_no(
            self,
            self.tr("Remove your question?"),
            self.tr("Remove this question you wrote?\n\n%1").replace("%1", text),
        )

    def add_own(self) -> None:
        typed = self.own_edit.text().strip()
        text = self.session.take_text(typed) if typed else None
        if text is None:
            return
        row = self.model.append(ChosenQuestion(new_id("own"), text, own=True))
        self.own_edit.clear()
        self.select_row(row)

    # -- keeping everything in step ----------------------------------------------------

    def _model_changed(self, *_args: object) -> None:
        self._sync_bank()
        self.empty_label.setVisible(self.model.rowCount() == 0)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        row = self.current_row()
        question = self.model.item_at(row)
        has = question is not None
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.model.rowCount() - 1)
        self.remove_button.setEnabled(has)
        self.star_button.setEnabled(has)
        text = self.tr("Unstar") if question is not None and question.starred else self.tr("Star")
        self.star_button.setText(text)
        self.star_button.setAccessibleName(text)
        self.add_button.setEnabled(bool(self.own_edit.text().strip()))

    def reload(self) -> None:
        self.model.reload()  # modelReset re-ticks the bank quietly
        if self.model.rowCount():
            self.select_row(0)
