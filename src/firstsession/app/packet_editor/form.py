"""The packet editor's fields, built from the table: tabs of labelled widgets and problem notes.

``PacketForm`` loads a packet into them and reads one back, and shows each problem under
the field it is about.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from firstsession.app.packet_editor.lists import ListEditor, problem_note, set_text_quietly
from firstsession.app.packet_editor.logo import LogoField
from firstsession.app.packet_editor.table import TABS, TEXT_KINDS, Kind, Row, place_of
from firstsession.app.widgets import TextArea, paragraph, plain, step_titles
from firstsession.i18n import _
from firstsession.languagetags import join_tag
from firstsession.packet import Packet, Practice
from firstsession.steps import STEP_IDS

ALWAYS_INCLUDED = ("welcome", "export")  # steps every packet shows


def _value_of(packet: Packet, path: str) -> Any:
    """The value of the packet field ``path`` ("fees", "practice.name")."""
    owner, _, name = path.rpartition(".")
    return getattr(packet.practice if owner == "practice" else packet, name)


class PacketForm(QObject):
    """The fields of every row of ``table.TABS``, in tabs added to ``tabs``.

    ``widgets`` holds each row's widget by the editor attribute the row names (``name``,
    ``crisis``, ``step_boxes`` is a dict of check boxes); ``problem_notes`` the hidden
    note under each field. ``edited`` is emitted when the person changes any field.
    """

    edited = Signal()

    def __init__(self, tabs: QTabWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tabs = tabs
        self.widgets: dict[str, object] = {}
        self.problem_notes: dict[QWidget, QLabel] = {}
        # Each field's own description, which gets the problem added while there is one,
        # so a screen reader says it too.
        self.descriptions: dict[QWidget, str] = {}
        self._focus: dict[str, QWidget] = {}  # where a problem with a row points: by path
        self.lists: dict[str, ListEditor] = {}
        self.combos: dict[str, QComboBox] = {}
        self.lines: dict[str, QLineEdit | TextArea] = {}
        self.step_boxes: dict[str, QCheckBox] = {}
        self.language: QComboBox  # these three are made by their rows of the table
        self.country: QComboBox
        self.logo: LogoField
        for tab in TABS:
            form = self._tab(_(tab.title), _(tab.intro) if tab.intro else "")
            for row in tab.rows:
                self._add_row(form, row)

    # -- building ------------------------------------------------------------------------

    def _tab(self, title: str, intro: str) -> QFormLayout:
        """A scrollable tab holding a form; returns the form to add rows to."""
        page = QWidget()
        column = QVBoxLayout(page)
        if intro:
            column.addWidget(paragraph(intro, object_name="hint"))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        column.addLayout(form)
        column.addStretch(1)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(page)
        scroller.setAccessibleName(plain(title))
        self.tabs.addTab(scroller, title)
        return form

    def _add_row(self, form: QFormLayout, row: Row) -> None:
        """The widget(s) for ``row``, labelled, with a problem note under them; the row's
        widget is kept as ``widgets[row.attr]``, and where its problems point by path."""
        label = _(row.label) if row.label else ""
        hint = _(row.hint) if row.hint else ""
        shown: object
        focus: QWidget | None
        if row.kind in TEXT_KINDS:
            field: QLineEdit | TextArea
            field = QLineEdit() if row.kind is Kind.LINE else TextArea("", row.lines)
            field.textChanged.connect(self.edited)
            self._labelled(form, label, field, hint)
            shown = focus = self.lines[row.path] = field
        elif row.kind is Kind.CHOICE:
            shown = focus = self.combos[row.path] = self._combo(form, label, hint)
            for value, text in row.choices:
                self.combos[row.path].addItem(_(text), value)
        elif row.kind is Kind.COUNTRY:
            shown = focus = self.combos[row.path] = self._combo(form, label, hint)
            _fill_countries(self.combos[row.path])
        elif row.kind is Kind.LANGUAGE:
            assert row.second is not None
            shown = focus = self.language = self._combo(form, label, hint)
            self.country = self._combo(form, _(row.second.label), _(row.second.hint))
            self.widgets[row.second.key] = self.country
        elif row.kind is Kind.LOGO:
            shown = self.logo = LogoField(hint)
            self.logo.changed.connect(self.edited)
            caption = QLabel(label)
            caption.setBuddy(self.logo.choose_button)
            form.addRow(caption, self.logo)
            form.addRow(self.logo.status)
            focus = self.logo.choose_button
            self._add_note(form, focus)
        elif row.kind is Kind.STEPS:
            self._add_steps(form)
            shown, focus = self.step_boxes, None
        else:
            assert row.items is not None
            shown = editor = self.lists[row.path] = ListEditor(row.items)
            editor.changed.connect(self.edited)
            form.addRow(editor)
            for part in (editor.list, *editor.editors.values()):
                self.descriptions[part] = part.accessibleDescription()
            focus = editor.list
        self.widgets[row.attr] = shown
        if focus is not None:
            self._focus[row.path] = focus

    def _combo(self, form: QFormLayout, label: str, hint: str) -> QComboBox:
        combo = QComboBox()
        self._labelled(form, label, combo, hint)
        combo.currentIndexChanged.connect(self.edited)
        return combo

    def _labelled(self, form: QFormLayout, label: str, editor: QWidget, hint: str) -> None:
        caption = QLabel(label)
        caption.setBuddy(editor)
        editor.setAccessibleName(plain(label))
        editor.setAccessibleDescription(hint)
        if isinstance(editor, QLineEdit | TextArea) and hint:
            editor.setPlaceholderText(hint)
        if isinstance(editor, QComboBox):
            editor.view().setAccessibleName(plain(label))
        form.addRow(caption, editor)
        self._add_note(form, editor)

    def _add_note(self, form: QFormLayout, widget: QWidget) -> None:
        """The problem note under ``widget`` (hidden while there is no problem)."""
        note = problem_note()
        self.problem_notes[widget] = note
        self.descriptions[widget] = widget.accessibleDescription()
        form.addRow(note)

    def _add_steps(self, form: QFormLayout) -> None:
        titles = step_titles()
        for step_id in STEP_IDS:
            box = QCheckBox(titles[step_id])
            box.setAccessibleName(_("Include the step %1").replace("%1", titles[step_id]))
            if step_id in ALWAYS_INCLUDED:
                box.setChecked(True)
                box.setEnabled(False)
                box.setAccessibleDescription(_("Always included"))
            box.toggled.connect(self.edited)
            self.step_boxes[step_id] = box
            form.addRow(box)

    # -- a packet in and out -------------------------------------------------------------

    def load(self, packet: Packet) -> None:
        """Show ``packet`` in the fields (signals are the caller's to ignore)."""
        for tab in TABS:
            for row in tab.rows:
                value = _value_of(packet, row.path)
                if row.kind in TEXT_KINDS:
                    text = "\n".join(value) if row.kind is Kind.LINES else value
                    set_text_quietly(self.lines[row.path], text)
                elif row.kind in (Kind.CHOICE, Kind.COUNTRY):
                    combo = self.combos[row.path]
                    combo.setCurrentIndex(max(combo.findData(value), 0))
                elif row.kind is Kind.LANGUAGE:
                    self._set_language_choices(value)
                elif row.kind is Kind.LOGO:
                    self.logo.set_logo(value)
                elif row.kind is Kind.STEPS:
                    for step_id, box in self.step_boxes.items():
                        box.setChecked(step_id in value or not box.isEnabled())
                else:
                    self.lists[row.path].load(value)

    def packet(self) -> Packet:
        """The packet as the fields show it now, every text stripped (not yet checked)."""
        values: dict[str, Any] = {}
        for tab in TABS:
            for row in tab.rows:
                values[row.path] = self._value(row)
        practice = {path.partition(".")[2]: values.pop(path)
                    for path in list(values) if path.startswith("practice.")}
        return Packet(practice=Practice(**practice), **values)

    def _value(self, row: Row) -> Any:
        if row.kind in TEXT_KINDS:
            editor = self.lines[row.path]
            text = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
            if row.kind is Kind.LINES:
                return [line.strip() for line in text.splitlines() if line.strip()]
            return text.strip()
        if row.kind in (Kind.CHOICE, Kind.COUNTRY):
            return self.combos[row.path].currentData() or row.default
        if row.kind is Kind.LANGUAGE:
            return join_tag(self.language.currentData() or "en", self.country.currentData() or "")
        if row.kind is Kind.LOGO:
            return self.logo.logo
        if row.kind is Kind.STEPS:
            return [s for s, box in self.step_boxes.items() if box.isChecked()]
        return self.lists[row.path].values()

    def _set_language_choices(self, tag: str) -> None:
        """Offer the languages (English, Spanish, and the packet's own if another) and every
        country, and choose the ones in ``tag``; a loaded country not in ISO 3166-1 (such
        as "419", Latin America) is offered too, so a packet keeps what it had."""
        from firstsession.languagetags import (
            OFFERED_LANGUAGES,
            countries,
            country_name,
            language_name,
            split_tag,
        )

        language, country = split_tag(tag)
        codes = list(OFFERED_LANGUAGES)
        chosen = next((c for c in codes if c.casefold() == language.casefold()), language)
        if chosen not in codes:
            codes.append(chosen)
        self.language.clear()
        for code in codes:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(self.language.findData(chosen))
        self.country.clear()
        self.country.addItem(_("Not said"), "")
        known = countries()
        if country and country not in {code for code, _name in known}:
            self.country.addItem(country_name(country), country)
        for code, name in known:
            self.country.addItem(name, code)
        self.country.setCurrentIndex(max(self.country.findData(country), 0))

    # -- problems by field ---------------------------------------------------------------

    def widget_for(self, name: str | None, select: bool = True) -> QWidget | None:
        """The widget for a packet field's name (``crisis_lines[0].contact``); ``select``
        chooses a list's entry first (to go there), without it nothing changes."""
        place = place_of(name)
        if place is None:
            return None
        editor = self.lists.get(place.row.path)
        if editor is None or place.index is None:
            return self._focus.get(place.row.path)
        key = place.key if place.key in editor.editors else None
        if not select:
            return editor.editors[key] if key else editor.list
        return editor.select(place.index, key)

    def note_for(self, name: str | None) -> QLabel | None:
        """The note where a problem with the field ``name`` is shown (under that field, or
        under its list when the entry is not the one shown); None when there is none."""
        place = place_of(name)
        editor = self.lists.get(place.row.path) if place else None
        if place is not None and editor is not None:
            if place.index is None:
                return editor.notes[""]
            return editor.note_for(place.index, place.key)
        widget = self.widget_for(name, select=False)
        return self.problem_notes.get(widget) if widget is not None else None

    def show_problem(self, name: str | None, sentence: str) -> None:
        """Show ``sentence`` under the field ``name`` and in its description (None: no
        problem is shown anywhere)."""
        shown = self.note_for(name) if name is not None else None
        notes = list(self.problem_notes.values()) + [
            note for editor in self.lists.values() for note in editor.notes.values()]
        for note in notes:
            if note is not shown:
                note.hide()
                note.clear()
        for widget, description in self.descriptions.items():
            widget.setAccessibleDescription(description)
        if shown is None:
            return
        shown.setText(sentence)
        shown.setAccessibleName(sentence)
        shown.show()
        field = self.widget_for(name, select=False)
        if field is not None and field in self.descriptions:
            own = self.descriptions[field]
            field.setAccessibleDescription(f"{sentence} {own}".strip())

    def tab_index_for(self, widget: QWidget | None) -> int:
        """The index of the tab holding ``widget``, or -1."""
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            if widget is not None and page is not None and page.isAncestorOf(widget):
                return i
        return -1

    def tab_title_for(self, name: str | None) -> str:
        """The title of the tab holding the field ``name`` (no "&"), or "" if none."""
        index = self.tab_index_for(self.widget_for(name, select=False))
        return plain(self.tabs.tabText(index)) if index >= 0 else ""

    def go_to(self, name: str | None) -> None:
        """Show the tab with the field ``name`` and put the keyboard there."""
        widget = self.widget_for(name)
        if widget is None:
            return
        index = self.tab_index_for(widget)
        if index >= 0:
            self.tabs.setCurrentIndex(index)
            page = self.tabs.widget(index)
            if isinstance(page, QScrollArea):
                page.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)


def _fill_countries(combo: QComboBox) -> None:
    """"Not chosen yet", then every ISO 3166-1 country by its name in the UI's language
    (CLDR), sorted as that language's readers expect (countrybox.sorted_countries)."""
    from firstsession.app.countrybox import sorted_countries

    combo.addItem(_("Not chosen yet"), "")
    for code, name in sorted_countries():
        combo.addItem(name, code)
