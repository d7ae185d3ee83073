"""Qt list models over the sheet's chosen feelings, questions and therapists.

One convention for every list (``SheetListModel``): the model reads its list from
``session.sheet`` on every call (New and Open replace the sheet object), changes it
only through ``append`` / ``remove`` / ``move`` (rows move with ``beginMoveRows``, so
views keep their selection), and calls ``session.touch()`` after each change so
autosave picks it up. ``refresh(row)`` shows an item the page already changed;
``reload()`` resets the model after the sheet was replaced, without reporting a
change. ``ItemRole`` gives the item itself; each model adds its own roles from
``UserRole + 1`` on. A model with a ``MIME_TYPE`` also takes its rows by drag and drop.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from firstsession import labels
from firstsession.app.session import Session
from firstsession.app.widgets import tr
from firstsession.content import fold
from firstsession.i18n import _
from firstsession.model import MAX_THERAPISTS, ChosenQuestion, Feeling, Therapist

ModelIndex = QModelIndex | QPersistentModelIndex
Item = TypeVar("Item")

STAR = "\u2605 "  # shown before a starred question; the accessible text says "starred" too
EMPTY_CELL = "\u2014"  # an em dash for a cell with nothing in it yet

_USER = int(Qt.ItemDataRole.UserRole)


def fit_label(fit: int | None) -> str:
    """Words for a fit rating: None is "not rated yet", 1 to 5 say how it felt."""
    labels = {
        None: tr("Not rated yet", "Fit"),
        1: tr("1 \u2013 not a good fit", "Fit"),
        2: tr("2 \u2013 not quite right", "Fit"),
        3: tr("3 \u2013 an okay fit", "Fit"),
        4: tr("4 \u2013 a good fit", "Fit"),
        5: tr("5 \u2013 a very good fit", "Fit"),
    }
    return labels.get(fit, labels[None])


# The fit box's choices, "Not rated yet" first (a combo box item cannot hold None, so the
# box stores NO_FIT for it).
NO_FIT = 0
FIT_VALUES: tuple[int | None, ...] = (None, 1, 2, 3, 4, 5)


# -- one list of the sheet -------------------------------------------------------------


class SheetListModel(QAbstractListModel, Generic[Item]):
    """One list of the sheet (``items``), in the person's order; see the module's docstring."""

    ItemRole = _USER  # the item itself (a Feeling, a ChosenQuestion, a Therapist)
    MIME_TYPE = ""  # set by a model whose rows can be dragged within their list

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session

    @property
    def items(self) -> list[Item]:
        """The sheet's list this model shows (read anew each time: New/Open replace it)."""
        raise NotImplementedError

    def item_data(self, row: int, item: Item, role: int) -> object:
        """What ``data`` gives for ``role`` of the item at ``row`` (None for nothing)."""
        raise NotImplementedError

    # -- reading ------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def item_at(self, row: int) -> Item | None:
        """The item at ``row``, or None when there is no such row."""
        items = self.items
        return items[row] if 0 <= row < len(items) else None

    def row_of(self, item: Item) -> int:
        """The row of this very item (not an equal one), or -1 when it is not listed."""
        return self.find(lambda other: other is item)

    def find(self, matches: Callable[[Item], bool]) -> int:
        """The first row whose item ``matches``, or -1."""
        return next((i for i, item in enumerate(self.items) if matches(item)), -1)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.item_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == self.ItemRole:
            return item
        return self.item_data(index.row(), item, role)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.MIME_TYPE:
            # Rows are dragged, and dropped between rows, never onto one.
            if not index.isValid():
                return Qt.ItemFlag.ItemIsDropEnabled
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    # -- changing -----------------------------------------------------------------

    def append(self, item: Item) -> int:
        """Add an item at the end; returns its row."""
        row = len(self.items)
        self.beginInsertRows(QModelIndex(), row, row)
        self.items.append(item)
        self.endInsertRows()
        self.session.touch()
        return row

    def remove(self, row: int) -> Item | None:
        """Take the item at ``row`` off the list; returns it (None: no such row)."""
        item = self.item_at(row)
        if item is None:
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.items[row]
        self.endRemoveRows()
        self.session.touch()
        return item

    def move(self, row: int, delta: int) -> int:
        """Move one row up (-1) or down (+1); returns its new row (unchanged at an end)."""
        target = row + delta
        if self.item_at(row) is None or not 0 <= target < len(self.items):
            return row
        # Qt's destination is "insert before this row" in the old numbering.
        destination = target if delta < 0 else target + 1
        if self.moveRows(QModelIndex(), row, 1, QModelIndex(), destination):
            return target
        return row

    def moveRows(
        self,
        sourceParent: ModelIndex,
        sourceRow: int,
        count: int,
        destinationParent: ModelIndex,
        destinationChild: int,
    ) -> bool:
        items = self.items
        rows = len(items)
        if sourceParent.isValid() or destinationParent.isValid() or count < 1:
            return False
        if sourceRow < 0 or sourceRow + count > rows or not 0 <= destinationChild <= rows:
            return False
        if sourceRow <= destinationChild <= sourceRow + count:
            return False  # onto itself: nothing to do
        if not self.beginMoveRows(
            QModelIndex(), sourceRow, sourceRow + count - 1, QModelIndex(), destinationChild
        ):
            return False
        moving = items[sourceRow : sourceRow + count]
        del items[sourceRow : sourceRow + count]
        insert_at = destinationChild - count if destinationChild > sourceRow else destinationChild
        items[insert_at:insert_at] = moving
        self.endMoveRows()
        self.session.touch()
        return True

    def refresh(self, row: int) -> None:
        """Show a changed item (the page already changed the sheet and said so)."""
        if self.item_at(row) is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def reload(self) -> None:
        """Show a replaced sheet (no change is reported)."""
        self.beginResetModel()
        self.endResetModel()

    # -- drag and drop (with a MIME_TYPE) -------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [self.MIME_TYPE] if self.MIME_TYPE else []

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(self.MIME_TYPE, QByteArray(json.dumps(rows).encode("utf-8")))
        return data

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: ModelIndex,
    ) -> bool:
        """Move the dragged rows so they sit, in their order, before ``row``."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        if (
            not self.MIME_TYPE
            or action != Qt.DropAction.MoveAction
            or not data.hasFormat(self.MIME_TYPE)
        ):
            return False
        try:
            rows = json.loads(bytes(data.data(self.MIME_TYPE).data()).decode("utf-8"))
        except ValueError:
            return False
        count = len(self.items)
        if not isinstance(rows, list) or not all(
            isinstance(r, int) and 0 <= r < count for r in rows
        ):
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else count
        # Persistent indexes follow the rows as earlier moves shift them; the dropped
        # rows end up next to each other, in their old order (as QListView does it).
        moving = [QPersistentModelIndex(self.index(r)) for r in sorted(set(rows))]
        target = row
        for item in moving:
            if target not in (item.row(), item.row() + 1):
                self.moveRows(QModelIndex(), item.row(), 1, QModelIndex(), target)
            target = item.row() + 1
        return bool(moving)


# -- chosen feelings -----------------------------------------------------------------


class FeelingListModel(SheetListModel[Feeling]):
    """The chosen feelings of the session's current sheet, in the person's order."""

    @property
    def items(self) -> list[Feeling]:
        feelings: list[Feeling] = self.session.sheet.feelings
        return feelings

    @property
    def feelings(self) -> list[Feeling]:
        return self.items

    def word_of(self, feeling: Feeling) -> str:
        """The word a feeling shows, in the language chosen now (own words as typed)."""
        return self.session.content.feeling_word(feeling)

    def find_word(self, word: str, own: bool = False) -> int:
        """The row of a feeling: a list word by its id (``own`` False), or a word as
        shown, in any language's list or the person's own (case and spaces aside); -1."""
        if not own:
            return self.find(lambda feeling: not feeling.own and feeling.word == word)
        wanted = fold(word)
        return self.find(lambda feeling: fold(self.word_of(feeling)) == wanted)

    def item_data(self, row: int, item: Feeling, role: int) -> object:
        word = self.word_of(item)
        if role == Qt.ItemDataRole.DisplayRole:
            if item.intensity is None:
                return f"{word} \u2014 " + self.tr("not rated")
            return f"{word} \u2014 {item.intensity} / 10"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if item.intensity is None:
                return self.tr("%1, not rated").replace("%1", word)
            # %2 first, so a word that happens to contain "%2" is left alone.
            return self.tr("%1, %2 out of 10").replace("%2", str(item.intensity)).replace(
                "%1", word
            )
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.tr("Your own word") if item.own else ""
        return None


# -- chosen questions ----------------------------------------------------------------


class ChosenQuestionsModel(SheetListModel[ChosenQuestion]):
    """The person's questions, in their order, with stars; rows can be moved and dropped."""

    TextRole = _USER + 1
    StarredRole = _USER + 2
    OwnRole = _USER + 3
    IdRole = _USER + 4

    MIME_TYPE = "application/x-firstsession-question-rows"

    @property
    def items(self) -> list[ChosenQuestion]:
        questions: list[ChosenQuestion] = self.session.sheet.questions
        return questions

    @property
    def questions(self) -> list[ChosenQuestion]:
        return self.items

    def row_of_id(self, question_id: str) -> int:
        """The row of a question id, or -1 when it is not chosen."""
        return self.find(lambda question: question.id == question_id)

    def text_of(self, question: ChosenQuestion) -> str:
        """The question as shown, in the language chosen now (own questions as typed)."""
        return self.session.content.question_text(question)

    def item_data(self, row: int, item: ChosenQuestion, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return (STAR if item.starred else "") + self.text_of(item)
        if role in (Qt.ItemDataRole.EditRole, self.TextRole):
            return self.text_of(item)
        if role == self.StarredRole:
            return item.starred
        if role == self.OwnRole:
            return item.own
        if role == self.IdRole:
            return item.id
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.accessible_text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._extras(item) or None
        return None

    def accessible_text(self, row: int) -> str:
        """What a screen reader says for a row: its place, the question, and its star."""
        question = self.questions[row]
        text = self.tr("%1 of %2: ").replace("%1", str(row + 1)).replace(
            "%2", str(len(self.questions))
        ) + self.text_of(question)
        extras = self._extras(question)
        return f"{text} ({extras})" if extras else text

    def _extras(self, question: ChosenQuestion) -> str:
        parts = []
        if question.starred:
            parts.append(self.tr("starred: key question"))
        if question.own:
            parts.append(self.tr("your own question"))
        return ", ".join(parts)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        question = self.item_at(index.row()) if index.isValid() else None
        if question is not None and question.own:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(
        self, index: ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        """Only the person's own questions can be re-worded (empty text is ignored)."""
        question = self.item_at(index.row()) if index.isValid() else None
        if question is None or role not in (Qt.ItemDataRole.EditRole, self.TextRole):
            return False
        text = str(value or "").strip()
        if not question.own or not text or text == question.text:
            return False
        kept = self.session.take_text(text, question.text)  # None: too long to keep
        if kept is None:
            return False
        question.text = kept
        self.dataChanged.emit(index, index)
        self.session.touch()
        return True

    def set_starred(self, row: int, starred: bool) -> None:
        question = self.item_at(row)
        if question is None or question.starred == starred:
            return
        question.starred = starred
        self.refresh(row)
        self.session.touch()


# -- therapists --------------------------------------------------------------------------


class TherapistsModel(SheetListModel[Therapist]):
    """The people the person talked to, by name (or "Person 2" until named)."""

    IdRole = _USER + 1
    FitRole = _USER + 2

    @property
    def items(self) -> list[Therapist]:
        therapists: list[Therapist] = self.session.sheet.therapists
        return therapists

    @property
    def therapists(self) -> list[Therapist]:
        return self.items

    def row_of_id(self, therapist_id: str) -> int:
        """The row of a person's id, or -1."""
        return self.find(lambda therapist: therapist.id == therapist_id)

    def display_name(self, row: int) -> str:
        therapist = self.therapists[row]
        return therapist.name.strip() or _(labels.UNNAMED_PERSON).replace(
            "%1", str(row + 1)
        )

    def item_data(self, row: int, item: Therapist, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_name(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.display_name(row) + ", " + self.tr("fit: %1").replace(
                "%1", fit_label(item.fit)
            )
        if role == self.IdRole:
            return item.id
        if role == self.FitRole:
            return item.fit
        return None

    def can_add(self) -> bool:
        return len(self.therapists) < MAX_THERAPISTS

    def append(self, item: Therapist | None = None) -> int:
        """Add a person at the end (a new, empty one by default); returns the row, or -1
        when the list is full (``MAX_THERAPISTS``)."""
        if not self.can_add():
            return -1
        return super().append(item or Therapist())


class ComparisonModel(QAbstractTableModel):
    """Therapists side by side: one column each; rows are fit, contact, each question, notes.

    The first column names the row. It is read-only and follows every change to
    the sheet (it resets itself on ``session.changed`` and ``session.reloaded``).
    """

    LABEL_COLUMN = 0
    FIRST_THERAPIST_COLUMN = 1

    FIT_ROW = 0
    CONTACT_ROW = 1
    FIRST_QUESTION_ROW = 2

    QuestionIdRole = _USER + 1
    TherapistIdRole = _USER + 2

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        session.changed.connect(self.refresh)
        session.reloaded.connect(self.refresh)

    @property
    def notes_row(self) -> int:
        return self.FIRST_QUESTION_ROW + len(self.session.sheet.questions)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.notes_row + 1

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.FIRST_THERAPIST_COLUMN + len(
            self.session.sheet.therapists
        )

    def therapist_name(self, number: int) -> str:
        therapist = self.session.sheet.therapists[number]
        return therapist.name.strip() or self.tr("Person %1").replace("%1", str(number + 1))

    def row_label(self, row: int) -> str:
        if row == self.FIT_ROW:
            return self.tr("Fit")
        if row == self.CONTACT_ROW:
            return self.tr("Contact")
        if row == self.notes_row:
            return self.tr("Notes")
        question: ChosenQuestion = self.session.sheet.questions[row - self.FIRST_QUESTION_ROW]
        return (STAR if question.starred else "") + self.session.content.question_text(question)

    def cell_text(self, row: int, column: int) -> str:
        """The text in a cell; empty cells say so in words."""
        if column == self.LABEL_COLUMN:
            return self.row_label(row)
        therapist = self.session.sheet.therapists[column - self.FIRST_THERAPIST_COLUMN]
        if row == self.FIT_ROW:
            return fit_label(therapist.fit)
        if row == self.CONTACT_ROW:
            return therapist.contact.strip() or EMPTY_CELL
        if row == self.notes_row:
            return therapist.notes.strip() or EMPTY_CELL
        question = self.session.sheet.questions[row - self.FIRST_QUESTION_ROW]
        return therapist.answers.get(question.id, "").strip() or self.tr("No answer yet")

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not (
            0 <= index.row() < self.rowCount() and 0 <= index.column() < self.columnCount()
        ):
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell_text(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self.cell_text(row, column)
            if text == EMPTY_CELL:
                text = self.tr("Nothing written yet")
            if column == self.LABEL_COLUMN:
                return text
            # Say which person and which row, so a cell makes sense on its own.
            return f"{self.therapist_name(column - self.FIRST_THERAPIST_COLUMN)}, " \
                   f"{self.row_label(row)}: {text}"
        if role == Qt.ItemDataRole.FontRole and column == self.LABEL_COLUMN:
            font = QFont()  # the application's font, so it follows the system size
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == self.QuestionIdRole and self.FIRST_QUESTION_ROW <= row < self.notes_row:
            return self.session.sheet.questions[row - self.FIRST_QUESTION_ROW].id
        if role == self.TherapistIdRole and column >= self.FIRST_THERAPIST_COLUMN:
            return self.session.sheet.therapists[column - self.FIRST_THERAPIST_COLUMN].id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if orientation == Qt.Orientation.Vertical:
            return self.row_label(section) if 0 <= section < self.rowCount() else None
        if section == self.LABEL_COLUMN:
            return self.tr("Topic")
        number = section - self.FIRST_THERAPIST_COLUMN
        if 0 <= number < len(self.session.sheet.therapists):
            return self.therapist_name(number)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | (
            Qt.ItemFlag.ItemNeverHasChildren
        )

    def refresh(self) -> None:
        """Show the sheet again (cheap: a handful of people and questions)."""
        self.beginResetModel()
        self.endResetModel()
