"""The Feelings step's word list: feeling words by family, a search box, and an own word.

``FeelingVocabulary`` emits ``word_chosen(word, own)`` when the person picks a word
(double-click or Enter on it, the Add button) or writes their own; the page adds it
to the chosen feelings and reports back with ``show_status`` and ``mark_chosen``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from firstsession.app.itemviews import WrapDelegate
from firstsession.app.layouts import enclosing_scroll_area, hand_wheel_to_page
from firstsession.app.session import Session
from firstsession.app.widgets import paragraph
from firstsession.i18n import ngettext

# Data roles of the vocabulary tree (column 0).
WORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the word's id ("fed-up"), on word items only
FAMILY_ROLE = Qt.ItemDataRole.UserRole + 2  # the family id, on family items only
CHOSEN_ROLE = Qt.ItemDataRole.UserRole + 3  # True on words that are in the chosen feelings

CHOSEN_MARK = "  \u2713"  # after a word of the list that is in the chosen feelings


def _set_hidden(item: QTreeWidgetItem, hidden: bool) -> None:
    # Only touch items whose state changes: each search keystroke would otherwise make
    # hundreds of calls (and PySide6 6.12 on Python 3.11 drops a reference to None on
    # every call to a method that returns nothing).
    if item.isHidden() != hidden:
        item.setHidden(hidden)


def _children(item: QTreeWidgetItem | None) -> list[QTreeWidgetItem]:
    if item is None:
        return []
    return [child for i in range(item.childCount()) if (child := item.child(i)) is not None]


def _shown(item: QTreeWidgetItem) -> bool:
    """A word is shown when neither it nor its family is hidden by the search."""
    parent = item.parent()
    return not item.isHidden() and (parent is None or not parent.isHidden())


class FeelingVocabulary(QObject):
    """The search box, the words by family, what just changed, and the own-word field.

    Its widgets go straight into the page's ``column`` (not into a box of their own), so
    the note under the list is laid out with the page the moment it shows.
    """

    word_chosen = Signal(str, bool)  # a list word's id or the own word, and which

    def __init__(self, session: Session, column: QVBoxLayout, page: QWidget) -> None:
        super().__init__(page)
        self.session = session
        self.content = session.content
        self.metrics = page.fontMetrics()
        self.em = self.metrics.horizontalAdvance("M")

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
        column.addWidget(search_label)
        column.addWidget(self.search)

        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Feeling words by family"))
        self.tree.setAccessibleDescription(
            self.tr("Each word has its meaning next to it. Press Enter to choose a word.")
        )
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Word"), self.tr("What it means")])
        self.tree.header().setAccessibleName(self.tr("Column headings"))
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setExpandsOnDoubleClick(False)  # activation toggles families instead
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        line = self.metrics.lineSpacing()
        self.tree.setMinimumHeight(line * 12)
        self.tree.setMaximumHeight(line * 20)
        self._fill()
        self.tree.setItemDelegate(
            WrapDelegate(self.tree, CHOSEN_ROLE, CHOSEN_MARK, spacious=False)
        )
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self.tree.doItemsLayout)
        self.tree.header().sectionResized.connect(self._relayout_timer.start)
        hand_wheel_to_page(self.tree)
        column.addWidget(self.tree)

        # What was just added (or removed) shows right under the list, where the person is
        # looking when they double-click a word or press Enter on it.
        self.add_status = paragraph("", object_name="hint")
        self.add_status.setAccessibleName(self.tr("Last change"))
        self.add_status.hide()
        column.addWidget(self.add_status)

        self.search_status = paragraph("", object_name="hint")
        self.search_status.hide()
        column.addWidget(self.search_status)

        add_row = QHBoxLayout()
        self.add_word_button = QPushButton(self.tr("&Add this feeling"))
        self.add_word_button.setAccessibleName(self.tr("Add this feeling"))
        self.add_word_button.setAccessibleDescription(
            self.tr("Adds the selected word to your chosen feelings")
        )
        self.add_word_button.setEnabled(False)
        add_row.addWidget(self.add_word_button)
        add_row.addStretch(1)
        column.addLayout(add_row)

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
        column.addWidget(own_label)
        column.addLayout(own_row)

        self.search.textChanged.connect(self.filter_words)
        self.search.returnPressed.connect(self._focus_first_word)
        self.search.installEventFilter(self)
        self.tree.currentItemChanged.connect(self._moved)
        self.tree.itemActivated.connect(self._activated)
        self.add_word_button.clicked.connect(self._add_current_word)
        self.own_word.textChanged.connect(
            lambda text: self.add_own_button.setEnabled(bool(text.strip()))
        )
        self.own_word.returnPressed.connect(self.add_own_word)
        self.add_own_button.clicked.connect(self.add_own_word)

    def _fill(self) -> None:
        metrics = self.metrics
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
                child.setData(0, WORD_ROLE, word.id)
                child.setData(0, Qt.ItemDataRole.AccessibleTextRole, word.word)
                child.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, word.meaning)
                child.setData(1, Qt.ItemDataRole.AccessibleTextRole, word.meaning)
                for column in (0, 1):
                    child.setTextAlignment(column, top_left)
                top.addChild(child)
                widest = max(widest, metrics.horizontalAdvance(word.word))
            self.tree.addTopLevelItem(top)
        tick = metrics.horizontalAdvance(CHOSEN_MARK)
        self.tree.setColumnWidth(0, widest + tick + self.tree.indentation() + self.em * 2)

    def _families(self) -> list[QTreeWidgetItem]:
        return _children(self.tree.invisibleRootItem())

    def _word_items(self) -> list[QTreeWidgetItem]:
        return [word for family in self._families() for word in _children(family)]

    def visible_words(self) -> list[str]:
        """The words the search leaves showing (used by tests and the status line)."""
        return [item.text(0) for item in self._word_items() if _shown(item)]

    def filter_words(self, text: str) -> None:
        """Show only the words (and families) whose word, meaning or family holds ``text``."""
        needle = text.strip().casefold()
        for top in self._families():
            family_match = bool(needle) and needle in top.text(0).casefold()
            shown = 0
            for child in _children(top):
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
        else:
            message = ngettext("{count} word matches.", "{count} words match.",
                               count).format(count=count)
        self.search_status.setText(message)
        self.search_status.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (watched is self.search and event.type() == QEvent.Type.ShortcutOverride
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape
                and self.search.text()):
            event.accept()  # Esc clears the search first, before the window's Quick exit
            return True
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
        first = next((item for item in self._word_items() if _shown(item)), None)
        if first is None:
            return
        family = first.parent()
        if family is not None and not family.isExpanded():
            family.setExpanded(True)
        self.tree.setCurrentItem(first)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _moved(self, current: QTreeWidgetItem | None, *_: object) -> None:
        self.add_word_button.setEnabled(
            current is not None and current.data(0, WORD_ROLE) is not None
        )

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        word = item.data(0, WORD_ROLE)
        if word is None:
            item.setExpanded(not item.isExpanded())
        else:
            self.word_chosen.emit(str(word), False)

    def _add_current_word(self) -> None:
        item = self.tree.currentItem()
        if item is not None and item.data(0, WORD_ROLE) is not None:
            self.word_chosen.emit(str(item.data(0, WORD_ROLE)), False)

    def add_own_word(self) -> None:
        """Choose the word in the own-word field (spaces tidied), then empty the field."""
        typed = " ".join(self.own_word.text().split())
        word = self.session.take_text(typed) if typed else None
        if word is None:
            return
        self.word_chosen.emit(word, True)
        self.own_word.clear()

    # -- what the page reports back ----------------------------------------------------

    def show_status(self, message: str) -> None:
        """Say what changed under the word list, on screen and to a screen reader."""
        self.add_status.setText("\u2713 " + message)
        self.add_status.setAccessibleDescription(message)
        self.add_status.show()
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.add_status, message))
        scroller = enclosing_scroll_area(self.add_status)
        if scroller is not None:  # keep the note in view, moving the page as little as can be
            QTimer.singleShot(0, lambda: scroller.ensureWidgetVisible(self.add_status, 0, 0))

    def mark_chosen(self, word_ids: set[str]) -> None:
        """A tick after each word of the list whose id is in ``word_ids``."""
        for item in self._word_items():
            word = item.text(0)
            is_chosen = str(item.data(0, WORD_ROLE)) in word_ids
            if bool(item.data(0, CHOSEN_ROLE)) != is_chosen:
                item.setData(0, CHOSEN_ROLE, is_chosen)  # the delegate draws the tick
                item.setData(
                    0, Qt.ItemDataRole.AccessibleTextRole,
                    self.tr("%1, chosen").replace("%1", word) if is_chosen else word,
                )
