"""Step 3: putting feelings into words.

Three open questions (what brings me, my goals, what I hope will change), a
vocabulary of feeling words grouped in families with a search box, the person's
own words, and for each chosen feeling how strong it is, when it shows up, where
it is felt in the body and what helps.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QKeyEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from firstsession import labels
from firstsession.app.layouts import TitledGroup, flow_row, hand_wheel_to_page
from firstsession.app.session import Session
from firstsession.app.steps.base import StepPage
from firstsession.app.widgets import TextArea, heading, paragraph, text_area
from firstsession.model import Feeling

ModelIndex = QModelIndex | QPersistentModelIndex

NOT_RATED = -1  # the number box's lowest value, shown as "Not rated yet"

# Data roles of the vocabulary tree (column 0).
WORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the word, on word items only
FAMILY_ROLE = Qt.ItemDataRole.UserRole + 2  # the family id, on family items only
CHOSEN_ROLE = Qt.ItemDataRole.UserRole + 3  # True on words that are in the chosen feelings

TEXT_FIELDS = ("when_where", "body", "helps")
CHOSEN_MARK = "  \u2713"  # after a word of the list that is in the chosen feelings


def compact(area: TextArea) -> TextArea:
    """Keep a text area at the few lines it was made for.

    A page inside a scroll area is laid out at its preferred (size hint) height, and
    a plain text edit hints about twelve lines; capping the height at the area's own
    minimum keeps a form short. Long answers scroll inside the area.
    """
    area.setMaximumHeight(area.minimumHeight())
    return area


def _set_hidden(item: QTreeWidgetItem, hidden: bool) -> None:
    # Only touch items whose state changes: each search keystroke would otherwise make
    # hundreds of calls (and PySide6 6.12 on Python 3.11 drops a reference to None on
    # every call to a method that returns nothing).
    if item.isHidden() != hidden:
        item.setHidden(hidden)


def _has_text(feeling: Feeling) -> bool:
    return any(getattr(feeling, name).strip() for name in TEXT_FIELDS)


def fit_wrapped_labels(page: QWidget) -> None:
    """Give every wrapped label exactly the lines it needs.

    ``setSizePolicy`` after ``setWordWrap`` drops the label's height-for-width flag; the
    label is then sized by its guessed size hint, which leaves gaps and a long blank end
    to the page. Put the flag back, and keep text at the top in case of spare room.
    """
    for label in page.findChildren(QLabel):
        if label.wordWrap():
            policy = label.sizePolicy()
            policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
            policy.setHeightForWidth(True)
            label.setSizePolicy(policy)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


class FeelingListModel(QAbstractListModel):
    """The chosen feelings of the session's current sheet, in the person's order."""

    FeelingRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session

    @property
    def feelings(self) -> list[Feeling]:
        # Read through the session each time: New/Open replaces the whole sheet.
        return self.session.sheet.feelings

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.feelings)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.feelings):
            return None
        feeling = self.feelings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if feeling.intensity is None:
                return f"{feeling.word} \u2014 " + self.tr("not rated")
            return f"{feeling.word} \u2014 {feeling.intensity} / 10"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if feeling.intensity is None:
                return self.tr("%1, not rated").replace("%1", feeling.word)
            # %2 first, so a word that happens to contain "%2" is left alone.
            return self.tr("%1, %2 out of 10").replace("%2", str(feeling.intensity)).replace(
                "%1", feeling.word
            )
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.tr("Your own word") if feeling.own else ""
        if role == self.FeelingRole:
            return feeling
        return None

    # -- changes --------------------------------------------------------------------

    def row_of(self, feeling: Feeling) -> int:
        return next((i for i, f in enumerate(self.feelings) if f is feeling), -1)

    def find_word(self, word: str) -> int:
        wanted = word.strip().casefold()
        return next(
            (i for i, f in enumerate(self.feelings) if f.word.strip().casefold() == wanted), -1
        )

    def append(self, feeling: Feeling) -> int:
        row = len(self.feelings)
        self.beginInsertRows(QModelIndex(), row, row)
        self.feelings.append(feeling)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.feelings[row]
        self.endRemoveRows()

    def move(self, row: int, delta: int) -> int:
        """Move a row one place up (-1) or down (+1); returns its new row."""
        target = row + delta
        if not (0 <= row < len(self.feelings) and 0 <= target < len(self.feelings)):
            return row
        # Qt's destination is "insert before this row" in the old numbering.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + (delta > 0))
        items = self.feelings
        items[row], items[target] = items[target], items[row]
        self.endMoveRows()
        return target

    def refresh(self, row: int) -> None:
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()


class StrengthSlider(QSlider):
    """The strength slider. A mouse wheel passing over it while the page scrolls does not
    change (or set) the strength: only once it has the focus, so nothing is rated by
    accident."""

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # the page scrolls instead


class ChosenFeelingsView(QListView):
    """The chosen feelings; Alt+Up / Alt+Down move the current one, Delete removes it."""

    move_requested = Signal(int)
    remove_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
            event.accept()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not alt:
            self.remove_requested.emit()
            event.accept()
        else:
            super().keyPressEvent(event)


class WrappingDelegate(QStyledItemDelegate):
    """Row heights measured at the column's real width, so long meanings wrap, not elide;
    and a tick after each word already chosen.

    Qt's tree measures items as if columns were endlessly wide; giving the measuring
    option the column's width makes word wrap work.
    """

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.column() == 0 and index.data(CHOSEN_ROLE):
            option.text += CHOSEN_MARK  # a chosen word is marked where the person looks

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        width = self.view.columnWidth(index.column())
        if index.column() == 0:
            depth = 0
            parent = index.parent()
            while parent.isValid():
                depth += 1
                parent = parent.parent()
            width -= self.view.indentation() * (depth + 1)
        measured = QStyleOptionViewItem(option)
        measured.rect = QRect(0, 0, max(width, 1), max(option.rect.height(), 1))  # must be valid
        return super().sizeHint(measured, index)


class ResponsiveRow(QWidget):
    """Side by side when there is room, one above the other when narrow or at big fonts."""

    def __init__(self, min_em: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(16)
        # The layout must not impose its side-by-side minimum on the row: the row has
        # to be offered a narrow width before it can decide to stack.
        self.box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.min_em = min_em

    def minimumSizeHint(self) -> QSize:
        """As narrow as the stacked arrangement needs (the widest single part)."""
        hint = super().minimumSizeHint()
        parts = [self.box.itemAt(i).minimumSize().width() for i in range(self.box.count())]
        return QSize(max(parts, default=0), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= self.fontMetrics().horizontalAdvance("M") * self.min_em
        direction = (
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        if self.box.direction() != direction:
            self.box.setDirection(direction)
        super().resizeEvent(event)


class FeelingsStep(StepPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.content = session.content
        self._current: Feeling | None = None
        self.em = self.fontMetrics().horizontalAdvance("M")
        self.add_title(
            self.tr("My feelings"),
            self.tr(
                "Naming feelings can be hard. Pick the words that fit you, or write your own. "
                "Nothing here is a test, and you can skip anything."
            ),
        )
        self._build_reasons()
        self._build_vocabulary()
        self._build_chosen()
        self.column.addStretch(1)
        fit_wrapped_labels(self)
        self._select_row(0 if self.model.rowCount() else -1)

    # -- what brings me here -----------------------------------------------------

    def _build_reasons(self) -> None:
        self.column.addSpacing(self.em // 2)
        self.column.addWidget(heading(self.tr("Why I am here"), 2))
        self.column.addWidget(
            paragraph(
                self.tr("A few words is plenty. You can come back and change these at any time."),
                object_name="hint",
            )
        )
        sheet = self.session.sheet
        self.what_brings_me = compact(text_area(
            self.column,
            self.tr("What brings me here"),
            sheet.what_brings_me,
            lambda text: self._set_sheet_text("what_brings_me", text),
            placeholder=self.tr("For example: I have been feeling worn out and I want to talk."),
            lines=3,
        ))
        self.goals = compact(text_area(
            self.column,
            self.tr("What I hope for (my goals)"),
            sheet.goals,
            lambda text: self._set_sheet_text("goals", text),
            placeholder=self.tr("For example: sleep better, worry less, feel close to people."),
            lines=3,
        ))
        self.hoped_change = compact(text_area(
            self.column,
            self.tr(labels.HOPED_CHANGE),
            sheet.hoped_change,
            lambda text: self._set_sheet_text("hoped_change", text),
            placeholder=self.tr("For example: I want to speak up more at home."),
            lines=3,
        ))

    def _set_sheet_text(self, name: str, text: str) -> bool:
        return self.session.set_text(self.session.sheet, name, text)

    # -- the vocabulary ----------------------------------------------------------

    def _build_vocabulary(self) -> None:
        self.column.addSpacing(self.em)
        self.column.addWidget(heading(self.tr("Feeling words"), 2))
        self.column.addWidget(
            paragraph(
                self.tr(
                    "The words are grouped in families. Open a family to see its words and "
                    "what they mean. To choose a word, double-click it, or select it and "
                    "press Enter."
                ),
                object_name="hint",
            )
        )

        search_label = QLabel(self.tr("&Search feeling words"))
        search_label.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search feeling words"))
        self.search.setAccessibleDescription(
            self.tr(
                "Type part of a word or its meaning. Press Down to go to the list, "
                "Escape to clear."
            )
        )
        self.search.setPlaceholderText(self.tr("For example: worried"))
        self.search.setMaximumWidth(self.em * 30)
        search_label.setBuddy(self.search)
        self.column.addWidget(search_label)
        self.column.addWidget(self.search)

        self.vocabulary = QTreeWidget()
        self.vocabulary.setAccessibleName(self.tr("Feeling words by family"))
        self.vocabulary.setAccessibleDescription(
            self.tr("Each word has its meaning next to it. Press Enter to choose a word.")
        )
        self.vocabulary.setColumnCount(2)
        self.vocabulary.setHeaderLabels([self.tr("Word"), self.tr("What it means")])
        self.vocabulary.header().setAccessibleName(self.tr("Column headings"))
        self.vocabulary.setWordWrap(True)
        self.vocabulary.setUniformRowHeights(False)
        self.vocabulary.setExpandsOnDoubleClick(False)  # activation toggles families instead
        self.vocabulary.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.vocabulary.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        line = self.fontMetrics().lineSpacing()
        self.vocabulary.setMinimumHeight(line * 12)
        self.vocabulary.setMaximumHeight(line * 20)
        self._fill_vocabulary()
        self.vocabulary.setItemDelegate(WrappingDelegate(self.vocabulary))
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self.vocabulary.doItemsLayout)
        self.vocabulary.header().sectionResized.connect(self._relayout_timer.start)
        hand_wheel_to_page(self.vocabulary)
        self.column.addWidget(self.vocabulary)

        # What was just added (or removed) shows right under the list, where the person is
        # looking when they double-click a word or press Enter on it.
        self.add_status = paragraph("", object_name="hint")
        self.add_status.setAccessibleName(self.tr("Last change"))
        self.add_status.hide()
        self.column.addWidget(self.add_status)

        self.search_status = paragraph("", object_name="hint")
        self.search_status.hide()
        self.column.addWidget(self.search_status)

        add_row = QHBoxLayout()
        self.add_word_button = QPushButton(self.tr("&Add this feeling"))
        self.add_word_button.setAccessibleName(self.tr("Add this feeling"))
        self.add_word_button.setAccessibleDescription(
            self.tr("Adds the selected word to your chosen feelings")
        )
        self.add_word_button.setEnabled(False)
        add_row.addWidget(self.add_word_button)
        add_row.addStretch(1)
        self.column.addLayout(add_row)

        own_label = QLabel(self.tr("Or write your &own word"))
        own_label.setWordWrap(True)
        self.own_word = QLineEdit()
        self.own_word.setAccessibleName(self.tr("Or write your own word"))  # its label's words
        self.own_word.setAccessibleDescription(
            self.tr("Type a word or a few words, then press Enter or Add my own word")
        )
        self.own_word.setMaxLength(80)
        self.own_word.setMaximumWidth(self.em * 24)
        own_label.setBuddy(self.own_word)
        self.add_own_button = QPushButton(self.tr("Add my own &word"))
        self.add_own_button.setAccessibleName(self.tr("Add my own word"))
        self.add_own_button.setEnabled(False)
        own_row = QHBoxLayout()
        own_row.addWidget(self.own_word, 1)
        own_row.addWidget(self.add_own_button)
        own_row.addStretch(0)
        self.column.addWidget(own_label)
        self.column.addLayout(own_row)

        self.search.textChanged.connect(self.filter_words)
        self.search.returnPressed.connect(self._focus_first_word)
        self.search.installEventFilter(self)
        self.vocabulary.currentItemChanged.connect(self._vocabulary_moved)
        self.vocabulary.itemActivated.connect(self._vocabulary_activated)
        self.add_word_button.clicked.connect(self._add_current_word)
        self.own_word.textChanged.connect(
            lambda text: self.add_own_button.setEnabled(bool(text.strip()))
        )
        self.own_word.returnPressed.connect(self.add_own_word)
        self.add_own_button.clicked.connect(self.add_own_word)

    def _fill_vocabulary(self) -> None:
        metrics = self.fontMetrics()
        top_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        widest = 0
        for family in self.content.families:
            top = QTreeWidgetItem([family.name, family.description])
            top.setData(0, FAMILY_ROLE, family.id)
            top.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, family.description)
            bold = top.font(0)
            bold.setBold(True)
            top.setFont(0, bold)  # centred, like the open/close arrow beside it
            widest = max(widest, metrics.horizontalAdvance(family.name) * 11 // 10)
            for word in family.words:
                child = QTreeWidgetItem([word.word, word.meaning])
                child.setData(0, WORD_ROLE, word.word)
                child.setData(0, Qt.ItemDataRole.AccessibleTextRole, word.word)
                child.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, word.meaning)
                child.setData(1, Qt.ItemDataRole.AccessibleTextRole, word.meaning)
                for column in (0, 1):
                    child.setTextAlignment(column, top_left)
                top.addChild(child)
                widest = max(widest, metrics.horizontalAdvance(word.word))
            self.vocabulary.addTopLevelItem(top)
        tick = metrics.horizontalAdvance(CHOSEN_MARK)
        self.vocabulary.setColumnWidth(
            0, widest + tick + self.vocabulary.indentation() + self.em * 2
        )

    def _word_items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for i in range(self.vocabulary.topLevelItemCount()):
            top = self.vocabulary.topLevelItem(i)
            items.extend(top.child(j) for j in range(top.childCount()))
        return items

    def visible_words(self) -> list[str]:
        """The words the search leaves showing (used by tests and the status line)."""
        return [
            item.text(0)
            for item in self._word_items()
            if not item.isHidden() and not item.parent().isHidden()
        ]

    def filter_words(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.vocabulary.topLevelItemCount()):
            top = self.vocabulary.topLevelItem(i)
            family_match = bool(needle) and needle in top.text(0).casefold()
            shown = 0
            for j in range(top.childCount()):
                child = top.child(j)
                match = (
                    not needle
                    or family_match
                    or needle in child.text(0).casefold()
                    or needle in child.text(1).casefold()
                )
                _set_hidden(child, not match)
                shown += match
            _set_hidden(top, shown == 0)
            expand = bool(needle) and shown > 0
            if top.isExpanded() != expand:
                top.setExpanded(expand)
        if not needle:
            self.search_status.hide()
            return
        count = len(self.visible_words())
        if count == 0:
            message = self.tr(
                "No words match \u201c%1\u201d. You can write it as your own word below."
            ).replace("%1", text.strip())
        elif count == 1:
            message = self.tr("1 word matches.")
        else:
            message = self.tr("%1 words match.").replace("%1", str(count))
        self.search_status.setText(message)
        self.search_status.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            if event.key() == Qt.Key.Key_Down:
                self._focus_first_word()
                return True
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    def _focus_first_word(self) -> None:
        """From the search box into the list, on the first word that is showing."""
        first = next(
            (
                item
                for item in self._word_items()
                if not item.isHidden() and not item.parent().isHidden()
            ),
            None,
        )
        if first is None:
            return
        if not first.parent().isExpanded():
            first.parent().setExpanded(True)
        self.vocabulary.setCurrentItem(first)
        self.vocabulary.setFocus(Qt.FocusReason.OtherFocusReason)

    def _vocabulary_moved(self, current: QTreeWidgetItem | None, *_: object) -> None:
        self.add_word_button.setEnabled(
            current is not None and current.data(0, WORD_ROLE) is not None
        )

    def _vocabulary_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        word = item.data(0, WORD_ROLE)
        if word is None:
            item.setExpanded(not item.isExpanded())
        else:
            self.add_feeling(str(word), own=False)

    def _add_current_word(self) -> None:
        item = self.vocabulary.currentItem()
        if item is not None and item.data(0, WORD_ROLE) is not None:
            self.add_feeling(str(item.data(0, WORD_ROLE)), own=False)

    def add_own_word(self) -> None:
        word = " ".join(self.own_word.text().split())
        if not word or (word := self.session.take_text(word)) is None:
            return
        self.add_feeling(word, own=True)
        self.own_word.clear()

    def add_feeling(self, word: str, own: bool) -> None:
        """Add a feeling to the chosen list, or select it when it is already there."""
        row = self.model.find_word(word)
        if row >= 0:
            message = self.tr(
                "\u201c%1\u201d is already in your feelings. It is selected below."
            ).replace("%1", self.model.feelings[row].word)
        else:
            row = self.model.append(Feeling(word, own=own))
            self.session.touch()
            message = self.tr("Added \u201c%1\u201d to your feelings.").replace("%1", word)
        self._select_row(row)
        self._show_status(message)

    def _show_status(self, message: str) -> None:
        """Say what changed under the word list, on screen and to a screen reader."""
        self.add_status.setText("\u2713 " + message)
        self.add_status.setAccessibleDescription(message)
        self.add_status.show()
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.add_status, message))
        scroller = self._page_scroller()
        if scroller is not None:  # keep the note in view, moving the page as little as can be
            QTimer.singleShot(0, lambda: scroller.ensureWidgetVisible(self.add_status, 0, 0))

    def _page_scroller(self) -> QScrollArea | None:
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QScrollArea):
            widget = widget.parentWidget()
        return widget

    def _mark_chosen_words(self, *_: object) -> None:
        """A tick after each word of the list that is in the person's chosen feelings."""
        chosen = {f.word.strip().casefold() for f in self.model.feelings}
        for item in self._word_items():
            word = str(item.data(0, WORD_ROLE))
            is_chosen = word.strip().casefold() in chosen
            if bool(item.data(0, CHOSEN_ROLE)) != is_chosen:
                item.setData(0, CHOSEN_ROLE, is_chosen)  # the delegate draws the tick
                item.setData(
                    0, Qt.ItemDataRole.AccessibleTextRole,
                    self.tr("%1, chosen").replace("%1", word) if is_chosen else word,
                )

    # -- chosen feelings and their details ------------------------------------------

    def _build_chosen(self) -> None:
        self.column.addSpacing(self.em)
        self.column.addWidget(heading(self.tr("My chosen feelings"), 2))
        self.column.addWidget(
            paragraph(
                self.tr(
                    "You might put the strongest or most important feeling first. Select a "
                    "feeling to say more about it. Keys: Alt+Up and Alt+Down move it, Delete "
                    "removes it."
                ),
                object_name="hint",
            )
        )
        row = ResponsiveRow(min_em=44)
        self.column.addWidget(row)

        left = QVBoxLayout()
        list_label = QLabel(self.tr("Chosen fee&lings"))
        self.model = FeelingListModel(self.session, self)
        self.chosen = ChosenFeelingsView()
        self.chosen.setModel(self.model)
        self.chosen.setAccessibleName(self.tr("Chosen feelings"))
        self.chosen.setAccessibleDescription(
            self.tr("Alt+Up and Alt+Down move the selected feeling. Delete removes it.")
        )
        self.chosen.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.chosen.setWordWrap(True)
        line = self.fontMetrics().lineSpacing()
        self.chosen.setMinimumHeight(line * 8)
        self.chosen.setMinimumWidth(self.em * 14)
        self.chosen.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        list_label.setBuddy(self.chosen)
        self.empty_note = paragraph(
            self.tr("No feelings chosen yet. Pick words above, or write your own."),
            object_name="hint",
        )
        left.addWidget(list_label)
        left.addWidget(self.empty_note)
        left.addWidget(self.chosen)

        self.up_button = QPushButton(self.tr("Move &up"))
        self.up_button.setAccessibleName(self.tr("Move up"))
        self.up_button.setAccessibleDescription(self.tr("Moves the selected feeling up"))
        self.down_button = QPushButton(self.tr("Move &down"))
        self.down_button.setAccessibleName(self.tr("Move down"))
        self.down_button.setAccessibleDescription(self.tr("Moves the selected feeling down"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setAccessibleName(self.tr("Remove"))
        self.remove_button.setAccessibleDescription(self.tr("Removes the selected feeling"))
        # A row that wraps: three buttons side by side are wider than the page at large text.
        left.addLayout(flow_row(self.up_button, self.down_button, self.remove_button))
        left.addStretch(1)
        row.box.addLayout(left, 2)

        self.detail = self._build_detail()
        self.no_detail = paragraph(
            self.tr("Select a feeling in your list to say more about it."), object_name="hint"
        )
        right = QVBoxLayout()
        right.addWidget(self.no_detail)
        right.addWidget(self.detail)
        right.addStretch(1)
        row.box.addLayout(right, 3)

        self.chosen.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_row(current.row())
        )
        self.chosen.move_requested.connect(self.move_current)
        self.chosen.remove_requested.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self._move_by_button(-1))
        self.down_button.clicked.connect(lambda: self._move_by_button(1))
        self.remove_button.clicked.connect(self.remove_current)
        self.model.rowsInserted.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._mark_chosen_words)
        self._mark_chosen_words()

    def _build_detail(self) -> TitledGroup:
        box = TitledGroup()  # its title holds the feeling's word, which may be long
        layout = QVBoxLayout(box)
        layout.setSpacing(8)

        caption = QLabel(self.tr("How s&trong is it? 0 means not at all, 10 means very strong."))
        caption.setWordWrap(True)
        self.intensity_slider = StrengthSlider(Qt.Orientation.Horizontal)
        self.intensity_slider.setRange(0, 10)
        self.intensity_slider.setPageStep(1)
        self.intensity_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.intensity_slider.setTickInterval(1)
        self.intensity_slider.setAccessibleName(self.tr("How strong is it?"))
        self.intensity_slider.setAccessibleDescription(
            self.tr("From 0, not at all, to 10, very strong; not rated until you set it")
        )
        # Not rated until the person sets it: the number box says "Not rated yet" (its
        # lowest value, below 0), the first touch of the slider sets a value, and
        # "Clear" (or going below 0 in the number box) takes it back to not rated.
        self.intensity_spin = QSpinBox()
        self.intensity_spin.setRange(NOT_RATED, 10)
        self.intensity_spin.setSpecialValueText(self.tr("Not rated yet"))
        self.intensity_spin.setSuffix(self.tr(" out of 10"))
        self.intensity_spin.setAccessibleName(self.tr("How strong is it? As a number"))
        self.intensity_spin.setAccessibleDescription(self.tr("From 0 to 10, or not rated yet"))
        for part in self.intensity_spin.findChildren(QLineEdit):  # the number field inside
            part.setAccessibleName(self.intensity_spin.accessibleName())
        # No free Alt letter: reached by Tab (or go below 0 in the number box).
        self.clear_intensity = QPushButton(self.tr("Clear"))
        self.clear_intensity.setAccessibleName(self.tr("Clear how strong it is"))
        self.clear_intensity.setAccessibleDescription(
            self.tr("Back to not rated: your PDF will say \u201cnot rated\u201d")
        )
        caption.setBuddy(self.intensity_slider)
        strength = QHBoxLayout()
        strength.addWidget(self.intensity_slider, 1)
        strength.addWidget(self.intensity_spin)
        strength.addWidget(self.clear_intensity)
        layout.addWidget(caption)
        layout.addLayout(strength)
        self._show_intensity(None)

        self.when_where = compact(text_area(
            layout,
            self.tr(labels.WHEN_WHERE_QUESTION),
            "",
            lambda text: self._set_feeling_text("when_where", text),
            placeholder=self.tr("For example: at work, at night, around certain people."),
            lines=3,
        ))
        self.body = compact(text_area(
            layout,
            self.tr("Where do you feel it in your body?"),
            "",
            lambda text: self._set_feeling_text("body", text),
            description=self.content.body_intro,
            lines=3,
        ))
        body_label = QLabel(self.tr("Bod&y words to choose from"))
        body_label.setWordWrap(True)
        self.body_words = QComboBox()
        self.body_words.setAccessibleName(self.tr("Body words to choose from"))
        self.body_words.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.body_words.setMinimumContentsLength(16)
        for i, word in enumerate(self.content.body_words):
            self.body_words.addItem(word.word)
            self.body_words.setItemData(i, word.meaning, Qt.ItemDataRole.ToolTipRole)
            self.body_words.setItemData(i, word.meaning, Qt.ItemDataRole.AccessibleDescriptionRole)
        self.body_words.view().setAccessibleName(self.tr("Body words"))
        body_label.setBuddy(self.body_words)
        self.add_body_button = QPushButton(self.tr("Add to &my answer"))
        self.add_body_button.setAccessibleName(self.tr("Add this body word to my answer"))
        self.body_meaning = paragraph("", object_name="hint")
        layout.addWidget(body_label)
        # The button goes under the list when both do not fit side by side.
        layout.addLayout(flow_row(self.body_words, self.add_body_button))
        layout.addWidget(self.body_meaning)

        self.helps = compact(text_area(
            layout,
            self.tr("What helps, even a little?"),
            "",
            lambda text: self._set_feeling_text("helps", text),
            placeholder=self.tr("For example: a walk, music, talking to a friend."),
            lines=3,
        ))

        self.intensity_slider.valueChanged.connect(self.set_intensity)
        # The first touch sets a value even when it does not move the handle (a click on
        # it, Home at 0): actionTriggered comes with the new position before the value.
        self.intensity_slider.actionTriggered.connect(
            lambda _action: self._touch_intensity(self.intensity_slider.sliderPosition())
        )
        self.intensity_slider.sliderPressed.connect(
            lambda: self._touch_intensity(self.intensity_slider.sliderPosition())
        )
        self.intensity_spin.valueChanged.connect(
            lambda value: self.set_intensity(None if value == NOT_RATED else value)
        )
        self.clear_intensity.clicked.connect(self._clear_intensity)
        self.body_words.currentIndexChanged.connect(self._show_body_meaning)
        self.add_body_button.clicked.connect(self.add_body_word)
        self._show_body_meaning(self.body_words.currentIndex())
        return box

    # -- selection -------------------------------------------------------------------

    def current_row(self) -> int:
        index = self.chosen.currentIndex()
        return index.row() if index.isValid() else -1

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.chosen.setCurrentIndex(self.model.index(row))
        else:
            self.chosen.setCurrentIndex(QModelIndex())
        self._show_row(row)

    def _show_row(self, row: int) -> None:
        feelings = self.model.feelings
        feeling = feelings[row] if 0 <= row < len(feelings) else None
        # Fill the editors while no feeling is attached, so nothing is written back.
        self._current = None
        if feeling is not None:
            self.detail.setTitle(self.tr("About \u201c%1\u201d").replace("%1", feeling.word))
            self.detail.setAccessibleName(self.detail.title())
            self._show_intensity(feeling.intensity)
            self.when_where.set_text_quietly(feeling.when_where)
            self.body.set_text_quietly(feeling.body)
            self.helps.set_text_quietly(feeling.helps)
        self.detail.setVisible(feeling is not None)
        self.no_detail.setVisible(feeling is None and bool(feelings))
        self._current = feeling
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        row = self.current_row()
        count = self.model.rowCount()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.remove_button.setEnabled(row >= 0)
        self.empty_note.setVisible(count == 0)

    # -- editing the current feeling ---------------------------------------------------

    def _show_intensity(self, value: int | None) -> None:
        """Show a strength (None: not rated) in the slider, number box and Clear button."""
        for widget, shown in (
            (self.intensity_slider, 0 if value is None else value),
            (self.intensity_spin, NOT_RATED if value is None else value),
        ):
            if widget.value() != shown:
                widget.blockSignals(True)
                widget.setValue(shown)
                widget.blockSignals(False)
        self.clear_intensity.setEnabled(value is not None)
        scale = self.tr("From 0, not at all, to 10, very strong")
        if value is None:  # the slider's own value (0) would be read out: say what it means
            scale = self.tr("Not rated yet.") + " " + scale
        self.intensity_slider.setAccessibleDescription(scale)
        self.intensity_spin.setAccessibleDescription(
            self.tr("Not rated yet, or from 0 to 10") if value is None else self.tr("From 0 to 10")
        )

    def set_intensity(self, value: int | None) -> None:
        """Set the current feeling's strength, 0 to 10, or None for not rated."""
        self._show_intensity(value)
        feeling = self._current
        if feeling is None or feeling.intensity == value:
            return
        feeling.intensity = value
        self.model.refresh(self.model.row_of(feeling))
        self.session.touch()

    def _touch_intensity(self, position: int) -> None:
        """The first touch of the slider rates the feeling, wherever the handle is."""
        feeling = self._current
        if feeling is not None and feeling.intensity is None:
            self.set_intensity(position)

    def _clear_intensity(self) -> None:
        self.set_intensity(None)
        self.intensity_slider.setFocus()  # the Clear button is disabled now: keep focus near

    def _set_feeling_text(self, name: str, text: str) -> bool:
        feeling = self._current
        return feeling is None or self.session.set_text(feeling, name, text)

    def _show_body_meaning(self, index: int) -> None:
        words = self.content.body_words
        meaning = words[index].meaning if 0 <= index < len(words) else ""
        self.body_meaning.setText(meaning)
        self.add_body_button.setAccessibleDescription(meaning)

    def add_body_word(self) -> None:
        """Put the chosen body word at the end of the body answer (undo still works)."""
        index = self.body_words.currentIndex()
        if self._current is None or not 0 <= index < len(self.content.body_words):
            return
        phrase = self.content.body_words[index].word
        existing = self.body.toPlainText()
        separator = "" if not existing.strip() or existing.endswith(("\n", " ")) else ", "
        cursor = self.body.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(separator + phrase)
        self.body.setTextCursor(cursor)

    # -- order and removal -------------------------------------------------------------

    def move_current(self, delta: int) -> None:
        row = self.current_row()
        if row < 0:
            return
        target = self.model.move(row, delta)
        if target != row:
            self.chosen.setCurrentIndex(self.model.index(target))
            self.session.touch()
        self._update_buttons()

    def _move_by_button(self, delta: int) -> None:
        self.move_current(delta)
        button = self.up_button if delta < 0 else self.down_button
        if not button.isEnabled():  # at the end: keep the keyboard somewhere sensible
            self.chosen.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_current(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        feeling = self.model.feelings[row]
        if _has_text(feeling):
            answer = QMessageBox.question(
                self,
                self.tr("Remove this feeling?"),
                self.tr(
                    "Remove \u201c%1\u201d from your feelings? What you wrote about it will "
                    "be removed too."
                ).replace("%1", feeling.word),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.model.remove(row)
        self.session.touch()
        self._select_row(min(row, self.model.rowCount() - 1))
        self._show_status(self.tr("Removed \u201c%1\u201d.").replace("%1", feeling.word))
        if not self.remove_button.isEnabled() and self.remove_button.hasFocus():
            self.own_word.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- a new sheet -------------------------------------------------------------------

    def reload(self) -> None:
        sheet = self.session.sheet
        self.what_brings_me.set_text_quietly(sheet.what_brings_me)
        self.goals.set_text_quietly(sheet.goals)
        self.hoped_change.set_text_quietly(sheet.hoped_change)
        self.model.reset()
        self.add_status.hide()
        self._select_row(0 if self.model.rowCount() else -1)

