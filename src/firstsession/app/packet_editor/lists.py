"""The packet editor's list editors: crisis lines, prompts and questions, one entry at a time.

A list on the left and the chosen entry's fields below it, which works by keyboard and
with a screen reader, unlike editing cells in a table. What the lists hold, and how their
fields are labelled, comes from the form's table (``table.Items``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from firstsession.app.packet_editor.table import Items
from firstsession.app.widgets import TextArea, plain, set_line_quietly
from firstsession.i18n import _
from firstsession.packet import LocalCrisisLine, PacketPrompt, PacketQuestion

PacketItem = LocalCrisisLine | PacketPrompt | PacketQuestion


def new_id(stem: str, taken: set[str]) -> str:
    """A short id not yet used (packet ids: lowercase letters, digits and hyphens)."""
    n = 1
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


def problem_note() -> QLabel:
    """A hidden label under a field that shows the problem with that field, if any."""
    note = QLabel()
    note.setObjectName("fieldProblem")
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    note.hide()
    return note


def set_text_quietly(editor: QLineEdit | TextArea, text: str) -> None:
    """Show ``text`` in a one- or multi-line field without telling anyone it changed."""
    if isinstance(editor, TextArea):
        editor.set_text_quietly(text)
    else:
        set_line_quietly(editor, text)


@dataclass
class Entry:
    """One row of a list editor: the values typed, plus values kept but not shown (ids)."""

    values: dict[str, str]
    hidden: dict[str, str] = field(default_factory=dict)


class ListEditor(QWidget):
    """A list of entries (crisis lines, prompts, questions): add, remove, reorder, edit."""

    changed = Signal()

    def __init__(self, spec: Items, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.words = spec.words
        self.keys = [part.key for part in spec.parts]
        self.entries: list[Entry] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        list_label = _(spec.list_label)
        caption = QLabel(list_label)
        self.list = QListWidget()
        self.list.setAccessibleName(plain(list_label))
        self.list.setAccessibleDescription(
            self.tr("Choose one to change it in the fields below")
        )
        caption.setBuddy(self.list)
        lines = self.fontMetrics().lineSpacing()
        self.list.setMinimumHeight(lines * 5)
        self.list.setMaximumHeight(lines * 9)
        layout.addWidget(caption)
        layout.addWidget(self.list)
        # A problem with an entry is shown right under what it is about (see ``note_for``).
        self.notes: dict[str, QLabel] = {"": problem_note()}
        layout.addWidget(self.notes[""])

        buttons = QHBoxLayout()
        words = spec.words
        self.add_button = self._button(self.tr("Add"), _(words.add))
        self.remove_button = self._button(self.tr("Remove"), _(words.remove))
        self.up_button = self._button(self.tr("Move up"), _(words.up))
        self.down_button = self._button(self.tr("Move down"), _(words.down))
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.editors: dict[str, QLineEdit | TextArea] = {}
        for part in spec.parts:
            label = QLabel(_(part.label))
            hint = _(part.hint) if part.hint else ""
            editor: QLineEdit | TextArea
            if part.multiline:
                area = editor = TextArea("", 3)
                area.textChanged.connect(
                    lambda k=part.key, e=area: self._field_changed(k, e.toPlainText())
                )
            else:
                editor = QLineEdit()
                editor.textChanged.connect(lambda t, k=part.key: self._field_changed(k, t))
            label.setBuddy(editor)
            editor.setAccessibleName(_(words.field).replace("%1", plain(_(part.label))))
            editor.setAccessibleDescription(hint)
            editor.setPlaceholderText(hint)
            self.editors[part.key] = editor
            form.addRow(label, editor)
            self.notes[part.key] = problem_note()
            form.addRow(self.notes[part.key])
        layout.addLayout(form)

        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move_entry(-1))
        self.down_button.clicked.connect(lambda: self.move_entry(1))
        self.list.currentRowChanged.connect(self._show_entry)
        self._show_entry(-1)

    def _button(self, text: str, name: str) -> QPushButton:
        """A button named for screen readers by ``name``."""
        button = QPushButton(text)
        button.setAccessibleName(name)
        return button

    # -- the data -----------------------------------------------------------------

    def load(self, items: list[PacketItem]) -> None:
        """Show a packet's entries (their shown fields and their hidden ones); the first
        is chosen. Nothing is marked as changed."""
        self.set_entries([
            Entry({key: getattr(item, key) for key in self.keys},
                  {key: getattr(item, key) for key in self.spec.hidden})
            for item in items
        ])

    def values(self) -> list[PacketItem]:
        """The entries as the packet's items, each field stripped (not yet checked)."""
        return [
            self.spec.item(**{key: value.strip() for key, value in entry.values.items()},
                            **entry.hidden)
            for entry in self.entries
        ]

    def set_entries(self, entries: list[Entry]) -> None:
        """Show ``entries`` (the list keeps them, not a copy) and choose the first."""
        self.entries = entries
        self.list.clear()
        for entry in entries:
            self.list.addItem(QListWidgetItem(self._title(entry)))
        self.list.setCurrentRow(0 if entries else -1)
        self._show_entry(self.list.currentRow())

    def _title(self, entry: Entry) -> str:
        first = entry.values.get(self.keys[0], "").strip()
        return first.splitlines()[0] if first else _(self.words.new)

    def _new_hidden(self) -> dict[str, str]:
        """The hidden values of a new entry: an id not yet taken, and the defaults."""
        hidden = dict(self.spec.defaults)
        if self.spec.id_stem:
            taken = {entry.hidden["id"] for entry in self.entries}
            hidden["id"] = new_id(self.spec.id_stem, taken)
        return hidden

    def note_for(self, row: int, key: str | None) -> QLabel:
        """Where a problem with entry ``row`` (its field ``key``) is shown: under the field
        when that entry is the one shown, otherwise under the list."""
        if key and key in self.notes and row == self.list.currentRow():
            return self.notes[key]
        return self.notes[""]

    def select(self, row: int, key: str | None = None) -> QWidget | None:
        """Choose an entry and return the field for ``key`` (used to point at a problem)."""
        if 0 <= row < len(self.entries):
            self.list.setCurrentRow(row)
        return self.editors.get(key) if key else self.list

    # -- behaviour ---------------------------------------------------------------------

    def add(self) -> None:
        """A new, empty entry at the end (none past the limit), chosen and ready to type."""
        if len(self.entries) >= self.spec.limit:
            return
        entry = Entry({key: "" for key in self.keys}, self._new_hidden())
        self.entries.append(entry)
        self.list.addItem(QListWidgetItem(self._title(entry)))
        self.list.setCurrentRow(len(self.entries) - 1)
        self.editors[self.keys[0]].setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def remove(self) -> None:
        """Remove the chosen entry."""
        row = self.list.currentRow()
        if not 0 <= row < len(self.entries):
            return
        del self.entries[row]
        self.list.takeItem(row)
        self._show_entry(self.list.currentRow())
        self.changed.emit()

    def move_entry(self, delta: int) -> None:
        """Move the chosen entry ``delta`` places down (up when negative), within the list."""
        row = self.list.currentRow()
        target = row + delta
        if not (0 <= row < len(self.entries) and 0 <= target < len(self.entries)):
            return
        self.entries.insert(target, self.entries.pop(row))
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.changed.emit()

    def _show_entry(self, row: int) -> None:
        has = 0 <= row < len(self.entries)
        for key, editor in self.editors.items():
            set_text_quietly(editor, self.entries[row].values.get(key, "") if has else "")
            editor.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < len(self.entries) - 1)
        self.add_button.setEnabled(len(self.entries) < self.spec.limit)

    def _field_changed(self, key: str, text: str) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.entries):
            return
        self.entries[row].values[key] = text
        self.list.item(row).setText(self._title(self.entries[row]))
        self.changed.emit()
