"""The counsellor packet editor: a practice makes (or edits) its own packet file.

Built in code rather than Designer because most of it is repeated "label + field"
rows and three list editors of the same shape. Every field has a label that is
its buddy and an accessible name; lists (crisis lines, prompts, questions) are a
list on the left and the selected entry's fields below it, which works by
keyboard and with a screen reader, unlike editing cells in a table.

What is typed is turned into a ``Packet`` and checked exactly as a packet file is
(``validate_packet``); the first problem is shown in the dialog, with a button
that goes to the field. Only a valid packet is ever written. A preview of the
handout follows the edits after a short pause: the real PDF when the PDF module
can draw packets, otherwise the practice details as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from firstsession.app.filedialogs import ask_open_path, ask_output_path, check_chosen
from firstsession.app.widgets import (
    TextArea,
    heading,
    paragraph,
    plain,
    set_line_quietly,
    step_titles,
)
from firstsession.content import Content
from firstsession.languagetags import join_tag
from firstsession.outputs import OutputError, describe_write_failure, show_path
from firstsession.packet import (
    LocalCrisisLine,
    Logo,
    Packet,
    PacketError,
    PacketPrompt,
    PacketQuestion,
    Practice,
)
from firstsession.packet_format import save_packet, validate_packet
from firstsession.packet_logo import read_logo_file, shown_logo
from firstsession.steps import STEP_IDS

PREVIEW_DELAY_MS = 800
PREVIEW_READABLE_EM = 36  # the preview beside the tabs is at least this wide (ems)
ZOOM_STEP = 1.25  # each Zoom in / Zoom out
ZOOM_MIN, ZOOM_MAX = 0.25, 4.0  # of actual size
PACKET_FILTER = "Counsellor packet (*.json)"
LOGO_FILTER = "PNG or JPEG image (*.png *.jpg *.jpeg)"


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


# -- a list of entries with the selected one's fields below -------------------------------


@dataclass
class FieldSpec:
    key: str
    label: str  # with a mnemonic ampersand if wanted
    multiline: bool = False
    description: str = ""


@dataclass
class Entry:
    """One row of a list editor: the values typed, plus values kept but not shown (ids)."""

    values: dict[str, str]
    hidden: dict[str, str] = field(default_factory=dict)


class ListEditor(QWidget):
    """A list of entries (crisis lines, prompts, questions): add, remove, reorder, edit."""

    changed = Signal()

    def __init__(
        self,
        noun: str,
        list_label: str,
        fields: list[FieldSpec],
        make_hidden: Callable[[list[Entry]], dict[str, str]],
        limit: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.noun = noun
        self.fields = fields
        self.make_hidden = make_hidden
        self.limit = limit
        self.entries: list[Entry] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

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
        self.add_button = self._button(self.tr("Add"), self.tr("Add a %1").replace("%1", noun))
        self.remove_button = self._button(
            self.tr("Remove"), self.tr("Remove the chosen %1").replace("%1", noun)
        )
        self.up_button = self._button(
            self.tr("Move up"), self.tr("Move the chosen %1 up").replace("%1", noun)
        )
        self.down_button = self._button(
            self.tr("Move down"), self.tr("Move the chosen %1 down").replace("%1", noun)
        )
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.editors: dict[str, QLineEdit | TextArea] = {}
        for spec in fields:
            label = QLabel(spec.label)
            editor: QLineEdit | TextArea
            if spec.multiline:
                editor = TextArea("", 3)
                editor.textChanged.connect(
                    lambda k=spec.key, e=editor: self._field_changed(k, e.toPlainText())
                )
            else:
                editor = QLineEdit()
                editor.textChanged.connect(lambda t, k=spec.key: self._field_changed(k, t))
            label.setBuddy(editor)
            editor.setAccessibleName(
                self.tr("%1: %2").replace("%1", noun.capitalize()).replace("%2", plain(spec.label))
            )
            editor.setAccessibleDescription(spec.description)
            editor.setPlaceholderText(spec.description)
            self.editors[spec.key] = editor
            form.addRow(label, editor)
            self.notes[spec.key] = problem_note()
            form.addRow(self.notes[spec.key])
        layout.addLayout(form)

        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move_entry(-1))
        self.down_button.clicked.connect(lambda: self.move_entry(1))
        self.list.currentRowChanged.connect(self._show_entry)
        self._show_entry(-1)

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        return button

    # -- the data -----------------------------------------------------------------

    def set_entries(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.list.clear()
        for entry in entries:
            self.list.addItem(QListWidgetItem(self._title(entry)))
        self.list.setCurrentRow(0 if entries else -1)
        self._show_entry(self.list.currentRow())

    def _title(self, entry: Entry) -> str:
        first = entry.values.get(self.fields[0].key, "").strip()
        return first.splitlines()[0] if first else self.tr("(new %1)").replace("%1", self.noun)

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
        if len(self.entries) >= self.limit:
            return
        entry = Entry({spec.key: "" for spec in self.fields}, self.make_hidden(self.entries))
        self.entries.append(entry)
        self.list.addItem(QListWidgetItem(self._title(entry)))
        self.list.setCurrentRow(len(self.entries) - 1)
        self.editors[self.fields[0].key].setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def remove(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.entries):
            return
        del self.entries[row]
        self.list.takeItem(row)
        self._show_entry(self.list.currentRow())
        self.changed.emit()

    def move_entry(self, delta: int) -> None:
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
        for spec in self.fields:
            editor = self.editors[spec.key]
            text = self.entries[row].values.get(spec.key, "") if has else ""
            if isinstance(editor, TextArea):
                editor.set_text_quietly(text)
            else:
                set_line_quietly(editor, text)
            editor.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < len(self.entries) - 1)
        self.add_button.setEnabled(len(self.entries) < self.limit)

    def _field_changed(self, key: str, text: str) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.entries):
            return
        self.entries[row].values[key] = text
        self.list.item(row).setText(self._title(self.entries[row]))
        self.changed.emit()


# -- the dialog ------------------------------------------------------------------------------


class PacketEditor(QDialog):
    """Make or edit a counsellor packet, with a live preview of the handout."""

    def __init__(
        self,
        base_content: Content,
        packet: Packet | None = None,
        path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.base_content = base_content
        self.path = path
        self.logo: Logo | None = None
        self.dirty = False
        self.discarded = False  # "Discard" was chosen for the changes so far
        self._loading = False
        self.error: PacketError | None = None
        self.em = self.fontMetrics().horizontalAdvance("M")
        # Each field's problem note (shown under the field) and its own description, which
        # gets the problem added while there is one, so a screen reader says it too.
        self.problem_notes: dict[QWidget, QLabel] = {}
        self._descriptions: dict[QWidget, str] = {}

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)

        outer = QVBoxLayout(self)
        outer.addWidget(paragraph(self.tr(
            "A packet is your practice's own version of First Session. Clients open it in "
            "the app, and you can print it as a handout. Only the practice name is needed; "
            "leave out anything you like."
        ), object_name="hint"))

        self.problem_box = QFrame()
        self.problem_box.setObjectName("problemBox")
        self.problem_box.setFrameShape(QFrame.Shape.StyledPanel)
        problem = QHBoxLayout(self.problem_box)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.go_to_problem_button = QPushButton(self.tr("&Go to this field"))
        self.go_to_problem_button.setAccessibleName(self.tr("Go to the field to fix"))
        self.go_to_problem_button.clicked.connect(self.go_to_problem)
        problem.addWidget(self.problem_label, 1)
        problem.addWidget(self.go_to_problem_button)
        self.problem_box.hide()
        outer.addWidget(self.problem_box)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter = splitter
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parts of the packet"))
        bar = self.tabs.tabBar()
        bar.setAccessibleName(self.tr("Parts of the packet"))
        # Every tab's name is always shown whole: no scroll arrows, no "…". The tabs'
        # minimum width is then the whole bar, and the dialog opens wide enough for it.
        bar.setUsesScrollButtons(False)
        bar.setElideMode(Qt.TextElideMode.ElideNone)
        bar.setExpanding(False)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self._build_preview())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)

        self._build_practice_tab()
        self._build_policies_tab()
        self._build_crisis_tab()
        self._build_steps_tab()
        self._build_prompts_tab()
        self._build_questions_tab()

        buttons = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setAccessibleName(self.tr("Save the packet"))
        self.save_as_button = QPushButton(self.tr("Save &as…"))
        self.save_as_button.setAccessibleName(self.tr("Save the packet as a new file"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the packet editor"))
        self.save_button.clicked.connect(self.save)
        self.save_as_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.status, 1)
        for button in (self.save_button, self.save_as_button, self.close_button):
            buttons.addWidget(button)
        outer.addLayout(buttons)

        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in a field must never press a button
        # A new, empty packet is not told off for its empty name before anything is typed.
        self._quiet = packet is None
        for editor in (self.crisis, self.prompts, self.questions):
            editor.list.currentRowChanged.connect(self._place_problem)
            for widget in (editor.list, *editor.editors.values()):
                self._descriptions[widget] = widget.accessibleDescription()
        self.load(packet or Packet())
        self._update_title()
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """Open at a size that shows every tab's name and a readable preview beside the
        tabs; where the screen is too narrow for both, the preview goes below the tabs."""
        lines = self.fontMetrics().lineSpacing()
        screen = self.screen() or QApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        margins = self.layout().contentsMargins()
        frame = margins.left() + margins.right() + self.splitter.handleWidth() + self.em * 2
        tabs_width = self.tabs.minimumSizeHint().width()
        side_by_side = tabs_width + PREVIEW_READABLE_EM * self.em + frame
        width = max(self.em * 100, side_by_side)
        height = lines * 40
        if available is not None:
            if side_by_side > available.width():
                self.splitter.setOrientation(Qt.Orientation.Vertical)
            width = min(width, available.width() * 9 // 10)
            height = min(height, available.height())
        width = max(width, self.minimumSizeHint().width())
        self.resize(width, height)
        if self.splitter.orientation() == Qt.Orientation.Horizontal:
            tabs = max(tabs_width + self.em, (width - frame) // 2)
            self.splitter.setSizes([tabs, max(width - frame - tabs, self.em * 22)])
        else:  # the fields first; the preview below them, smaller
            self.splitter.setSizes([height * 3 // 5, height * 2 // 5])

    # -- building ------------------------------------------------------------------------

    def _tab(self, title: str, intro: str = "") -> QFormLayout:
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

    def _line(self, form: QFormLayout, label: str, description: str = "") -> QLineEdit:
        editor = QLineEdit()
        self._labelled(form, label, editor, description)
        editor.textChanged.connect(self._edited)
        return editor

    def _area(
        self, form: QFormLayout, label: str, description: str = "", lines: int = 4
    ) -> TextArea:
        editor = TextArea("", lines)
        self._labelled(form, label, editor, description)
        editor.textChanged.connect(self._edited)
        return editor

    def _labelled(
        self, form: QFormLayout, label: str, editor: QWidget, description: str
    ) -> None:
        caption = QLabel(label)
        caption.setBuddy(editor)
        editor.setAccessibleName(plain(label))
        editor.setAccessibleDescription(description)
        if isinstance(editor, QLineEdit | TextArea) and description:
            editor.setPlaceholderText(description)
        if isinstance(editor, QComboBox):
            editor.view().setAccessibleName(plain(label))
        form.addRow(caption, editor)
        self._add_note(form, editor)

    def _add_note(self, form: QFormLayout, widget: QWidget) -> None:
        """The problem note under ``widget`` (hidden while there is no problem)."""
        note = problem_note()
        self.problem_notes[widget] = note
        self._descriptions[widget] = widget.accessibleDescription()
        form.addRow(note)

    def _build_practice_tab(self) -> None:
        form = self._tab(self.tr("&Practice"))
        self.name = self._line(form, self.tr("Practice &name (needed)"))
        self.clinicians = self._area(
            form, self.tr("Cl&inicians, one per line"),
            self.tr("For example: Dr. Amara Okafor, Licensed Psychologist"), 3,
        )
        self.address = self._area(form, self.tr("A&ddress"), "", 3)
        self.phone = self._line(form, self.tr("P&hone"))
        self.email = self._line(form, self.tr("&Email"))
        self.website = self._line(
            form, self.tr("We&bsite"), self.tr("Shown as text, not as a link")
        )
        self.language = QComboBox()
        self._labelled(form, self.tr("Lan&guage of your clients"), self.language,
                       self.tr("The language your handout and notes are written in"))
        self.country = QComboBox()
        self._labelled(form, self.tr("Co&untry or region (optional)"), self.country,
                       self.tr("Where your clients are, when the language differs by place, "
                               "as Spanish in Mexico"))
        self.language.currentIndexChanged.connect(self._edited)
        self.country.currentIndexChanged.connect(self._edited)

        logo_row = QWidget()
        row = QHBoxLayout(logo_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setMinimumSize(self.em * 14, self.fontMetrics().lineSpacing() * 4)
        self.choose_logo_button = QPushButton(self.tr("Ch&oose…"))
        self.choose_logo_button.setAccessibleName(self.tr("Choose a logo image"))
        self.choose_logo_button.setAccessibleDescription(
            self.tr("A PNG or JPEG image, at most 2 MiB")
        )
        self.remove_logo_button = QPushButton(self.tr("Remo&ve"))
        self.remove_logo_button.setAccessibleName(self.tr("Remove the logo"))
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button.clicked.connect(self.remove_logo)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_logo_button)
        buttons.addWidget(self.remove_logo_button)
        buttons.addStretch(1)
        row.addWidget(self.logo_preview)
        row.addLayout(buttons)
        row.addStretch(1)
        caption = QLabel(self.tr("&Logo"))
        caption.setBuddy(self.choose_logo_button)
        form.addRow(caption, logo_row)
        self.logo_status = QLabel()
        self.logo_status.setWordWrap(True)
        self.logo_status.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.logo_status)
        self._add_note(form, self.choose_logo_button)

    def _build_policies_tab(self) -> None:
        form = self._tab(
            self.tr("&Welcome"),
            self.tr("Your welcome note, how sessions happen, and your policies, as clients "
                    "see them on the Welcome step. Write as you would speak to a nervous new "
                    "client: short and kind."),
        )
        self.welcome_note = self._area(form, self.tr("Welcome &note"), "", 5)
        self.session_format = QComboBox()
        for value, text in (
            ("", self.tr("Not said")),
            ("in_person", self.tr("In person")),
            ("online", self.tr("Online")),
            ("both", self.tr("In person or online")),
        ):
            self.session_format.addItem(text, value)
        self._labelled(form, self.tr("Sessions ar&e"), self.session_format, "")
        self.session_format.currentIndexChanged.connect(self._edited)
        self.fees = self._area(form, self.tr("&Fees"))
        self.insurance = self._area(form, self.tr("&Insurance"))
        self.sliding_scale = self._area(form, self.tr("S&liding scale"))
        self.cancellation = self._area(form, self.tr("Cancellation polic&y"))
        self.confidentiality = self._area(form, self.tr("C&onfidentiality, in short"))

    def _build_crisis_tab(self) -> None:
        form = self._tab(
            self.tr("&Crisis lines"),
            self.tr("Local lines are shown before the national ones, on every step and on "
                    "every page of the handout. Check each number before you save."),
        )
        self.crisis = ListEditor(
            self.tr("crisis line"),
            self.tr("&List of crisis lines"),
            [
                FieldSpec("name", self.tr("&Name")),
                FieldSpec("contact", self.tr("C&ontact"), description=self.tr(
                    "For example: Call or text 988")),
                FieldSpec("detail", self.tr("&Detail"), multiline=True),
            ],
            lambda _entries: {},
            10,
        )
        self.crisis.changed.connect(self._edited)
        form.addRow(self.crisis)

    def _build_steps_tab(self) -> None:
        form = self._tab(
            self.tr("S&teps"),
            self.tr("Choose the steps your clients see. Welcome (with the privacy promise and "
                    "the crisis line) and Print and export are always included."),
        )
        titles = step_titles()
        self.step_boxes: dict[str, QCheckBox] = {}
        for step_id in STEP_IDS:
            box = QCheckBox(titles[step_id])
            box.setAccessibleName(self.tr("Include the step %1").replace("%1", titles[step_id]))
            if step_id in ("welcome", "export"):
                box.setChecked(True)
                box.setEnabled(False)
                box.setAccessibleDescription(self.tr("Always included"))
            box.toggled.connect(self._edited)
            self.step_boxes[step_id] = box
            form.addRow(box)

    def _mode_combo(self, form: QFormLayout, label: str, add: str, replace: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(add, "add")
        combo.addItem(replace, "replace")
        self._labelled(form, label, combo, "")
        combo.currentIndexChanged.connect(self._edited)
        return combo

    def _build_prompts_tab(self) -> None:
        form = self._tab(
            self.tr("P&rompts"),
            self.tr("Your own questions for the \"My background\" step. Clients answer them "
                    "privately and choose what to share."),
        )
        self.prompts_mode = self._mode_combo(
            form, self.tr("How your prompts are &used"),
            self.tr("Added after First Session's prompts"),
            self.tr("Shown instead of First Session's prompts"),
        )
        self.prompts = ListEditor(
            self.tr("prompt"),
            self.tr("&List of your prompts"),
            [
                FieldSpec("label", self.tr("Prompt t&ext")),
                FieldSpec("help", self.tr("&Help text"), multiline=True,
                          description=self.tr("An example or a kind word (optional)")),
            ],
            lambda entries: {"id": new_id("prompt", {e.hidden["id"] for e in entries})},
            60,
        )
        self.prompts.changed.connect(self._edited)
        form.addRow(self.prompts)

    def _build_questions_tab(self) -> None:
        form = self._tab(
            self.tr("&Questions"),
            self.tr("Questions clients may want to ask you. They are shown in a group with "
                    "your practice's name."),
        )
        self.questions_mode = self._mode_combo(
            form, self.tr("How your questions are &used"),
            self.tr("Added after First Session's questions"),
            self.tr("Shown instead of First Session's questions"),
        )
        self.questions = ListEditor(
            self.tr("question"),
            self.tr("&List of your questions"),
            [
                FieldSpec("text", self.tr("Question t&ext")),
                FieldSpec("why", self.tr("Wh&y it helps"), multiline=True),
            ],
            lambda entries: {
                "id": new_id("question", {e.hidden["id"] for e in entries}),
                "category": "practice",
            },
            100,
        )
        self.questions.changed.connect(self._edited)
        form.addRow(self.questions)

    def _build_preview(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(heading(self.tr("Preview of the handout"), 2))
        self.preview_status = QLabel()
        self.preview_status.setObjectName("hint")
        self.preview_status.setWordWrap(True)
        self.preview_status.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.preview_status)
        zoom = QHBoxLayout()
        self.fit_button = QPushButton(self.tr("Fit width"))  # no mnemonic: F is for Fees
        self.fit_button.setAccessibleName(self.tr("Fit the preview to its width"))
        self.fit_button.setToolTip(self.tr("Fit the pages to the preview's width (Ctrl+0)"))
        self.fit_button.setShortcut(QKeySequence("Ctrl+0"))
        self.fit_button.setCheckable(True)
        self.fit_button.setChecked(True)
        self.zoom_out_button = QPushButton("\u2212")
        self.zoom_out_button.setAccessibleName(self.tr("Zoom out"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out (Ctrl+minus)"))
        self.zoom_out_button.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut))
        self.zoom_in_button = QPushButton("+")
        self.zoom_in_button.setAccessibleName(self.tr("Zoom in"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in (Ctrl+plus)"))
        self.zoom_in_button.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn))
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("hint")
        self.fit_button.clicked.connect(self.fit_width)
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(-1))
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(1))
        for widget in (self.fit_button, self.zoom_out_button, self.zoom_in_button,
                       self.zoom_label):
            zoom.addWidget(widget)
        zoom.addStretch(1)
        column.addLayout(zoom)
        self.preview_stack = QStackedWidget()
        self.text_preview = QLabel()
        self.text_preview.setObjectName("textPreview")
        self.text_preview.setTextFormat(Qt.TextFormat.PlainText)
        self.text_preview.setWordWrap(True)
        self.text_preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text_preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setWidget(self.text_preview)
        scroller.setAccessibleName(self.tr("Preview of the practice details"))
        self.preview_stack.addWidget(scroller)
        self.pdf_view: QWidget | None = None  # QtPdf loads only when a PDF is shown
        self._show_zoom()
        column.addWidget(self.preview_stack, 1)
        box.setMinimumWidth(self.em * 22)
        return box

    # -- packet in and out ----------------------------------------------------------------

    def load(self, packet: Packet) -> None:
        """Show a packet in the fields (nothing is marked as changed)."""
        self._loading = True
        try:
            p = packet.practice
            set_line_quietly(self.name, p.name)
            self.clinicians.setPlainText("\n".join(p.clinicians))
            self.address.setPlainText(p.address)
            set_line_quietly(self.phone, p.phone)
            set_line_quietly(self.email, p.email)
            set_line_quietly(self.website, p.website)
            self._set_logo(packet.logo)
            self.welcome_note.setPlainText(packet.welcome_note)
            self.session_format.setCurrentIndex(
                max(self.session_format.findData(packet.session_format), 0)
            )
            self.fees.setPlainText(packet.fees)
            self.insurance.setPlainText(packet.insurance)
            self.sliding_scale.setPlainText(packet.sliding_scale)
            self.cancellation.setPlainText(packet.cancellation)
            self.confidentiality.setPlainText(packet.confidentiality)
            self.crisis.set_entries([
                Entry({"name": c.name, "contact": c.contact, "detail": c.detail})
                for c in packet.crisis_lines
            ])
            self._set_language_choices(packet.language)
            for step_id, box in self.step_boxes.items():
                box.setChecked(step_id in packet.steps or not box.isEnabled())
            self.prompts_mode.setCurrentIndex(max(self.prompts_mode.findData(
                packet.prompts_mode), 0))
            self.prompts.set_entries([
                Entry({"label": x.label, "help": x.help}, {"id": x.id}) for x in packet.prompts
            ])
            self.questions_mode.setCurrentIndex(max(self.questions_mode.findData(
                packet.questions_mode), 0))
            self.questions.set_entries([
                Entry({"text": q.text, "why": q.why}, {"id": q.id, "category": q.category})
                for q in packet.questions
            ])
        finally:
            self._loading = False
        self.dirty = False
        self.check()
        self.refresh_preview()

    def packet(self) -> Packet:
        """The packet as the fields show it now (not yet checked)."""
        clinicians = [
            line.strip() for line in self.clinicians.toPlainText().splitlines() if line.strip()
        ]
        return Packet(
            practice=Practice(
                name=self.name.text().strip(),
                clinicians=clinicians,
                address=self.address.toPlainText().strip(),
                phone=self.phone.text().strip(),
                email=self.email.text().strip(),
                website=self.website.text().strip(),
            ),
            logo=self.logo,
            welcome_note=self.welcome_note.toPlainText().strip(),
            fees=self.fees.toPlainText().strip(),
            insurance=self.insurance.toPlainText().strip(),
            sliding_scale=self.sliding_scale.toPlainText().strip(),
            cancellation=self.cancellation.toPlainText().strip(),
            session_format=self.session_format.currentData() or "",
            confidentiality=self.confidentiality.toPlainText().strip(),
            crisis_lines=[
                LocalCrisisLine(
                    e.values["name"].strip(), e.values["contact"].strip(),
                    e.values["detail"].strip(),
                )
                for e in self.crisis.entries
            ],
            language=join_tag(self.language.currentData() or "en",
                              self.country.currentData() or ""),
            steps=[s for s, box in self.step_boxes.items() if box.isChecked()],
            prompts=[
                PacketPrompt(e.hidden["id"], e.values["label"].strip(), e.values["help"].strip())
                for e in self.prompts.entries
            ],
            prompts_mode=self.prompts_mode.currentData() or "add",
            questions=[
                PacketQuestion(
                    e.hidden["id"], e.values["text"].strip(), e.values["why"].strip(),
                    e.hidden.get("category", "practice"),
                )
                for e in self.questions.entries
            ],
            questions_mode=self.questions_mode.currentData() or "add",
        )

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
        self.country.addItem(self.tr("Not said"), "")
        known = countries()
        if country and country not in {code for code, _name in known}:
            self.country.addItem(country_name(country), country)
        for code, name in known:
            self.country.addItem(name, code)
        self.country.setCurrentIndex(max(self.country.findData(country), 0))

    # -- checking ----------------------------------------------------------------------------

    def check(self) -> Packet | None:
        """Check the packet as typed; show the first problem, or hide the box. None if bad."""
        try:
            packet = validate_packet(self.packet())
        except PacketError as err:
            self.error = err
            self._place_problem()
            if self._quiet:
                return None
            self.problem_label.setText(self.plain_message(err))
            self.problem_label.setAccessibleName(self.problem_label.text())
            self.go_to_problem_button.setVisible(
                self._widget_for(err.field, select=False) is not None)
            self.problem_box.show()
            return None
        self.error = None
        self._place_problem()
        self.problem_box.hide()
        return packet

    def note_for(self, name: str | None) -> QLabel | None:
        """The note where a problem with the field ``name`` is shown (under that field, or
        under its list when the entry is not the one shown); None when there is none."""
        if not name:
            return None
        match = re.fullmatch(r"(crisis_lines|prompts|questions)\[(\d+)\](?:\.(\w+))?", name)
        if match:
            editor = {"crisis_lines": self.crisis, "prompts": self.prompts,
                      "questions": self.questions}[match.group(1)]
            return editor.note_for(int(match.group(2)), match.group(3))
        if name in ("crisis_lines", "prompts", "questions"):
            return {"crisis_lines": self.crisis, "prompts": self.prompts,
                    "questions": self.questions}[name].notes[""]
        widget = self._widget_for(name, select=False)
        return self.problem_notes.get(widget) if widget is not None else None

    def _place_problem(self) -> None:
        """Show the problem (if any) under its field and in that field's description."""
        err = None if self._quiet else self.error
        shown = self.note_for(err.field) if err is not None else None
        notes = list(self.problem_notes.values()) + [
            note for editor in (self.crisis, self.prompts, self.questions)
            for note in editor.notes.values()]
        for note in notes:
            if note is not shown:
                note.hide()
                note.clear()
        for widget, description in self._descriptions.items():
            widget.setAccessibleDescription(description)
        if err is None or shown is None:
            return
        text = self.field_sentence(err)
        shown.setText(text)
        shown.setAccessibleName(text)
        shown.show()
        widget = self._widget_for(err.field, select=False)
        if widget is not None and widget in self._descriptions:
            own = self._descriptions[widget]
            widget.setAccessibleDescription(f"{text} {own}".strip())

    def tab_title_for(self, name: str | None) -> str:
        """The title of the tab holding the field ``name`` (no "&"), or "" if none."""
        widget = self._widget_for(name, select=False)
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            if widget is not None and page is not None and page.isAncestorOf(widget):
                return plain(self.tabs.tabText(i))
        return ""

    def field_label(self, name: str) -> str:
        """A packet field's name (``crisis_lines[1].contact``) as the form calls it."""
        simple = {
            "practice.name": self.tr("The practice name"),
            "practice.address": self.tr("The address"),
            "practice.phone": self.tr("The phone number"),
            "practice.email": self.tr("The email address"),
            "practice.website": self.tr("The website"),
            "practice.clinicians": self.tr("The clinicians list"),
            "logo": self.tr("The logo"),
            "welcome_note": self.tr("The welcome note"),
            "fees": self.tr("Fees"),
            "insurance": self.tr("Insurance"),
            "sliding_scale": self.tr("Sliding scale"),
            "cancellation": self.tr("The cancellation policy"),
            "confidentiality": self.tr("Confidentiality"),
            "language": self.tr("Language"),
            "crisis_lines": self.tr("The crisis lines"),
            "prompts": self.tr("The prompts"),
            "questions": self.tr("The questions"),
        }
        if name in simple:
            return simple[name]
        match = re.fullmatch(r"(practice\.clinicians|crisis_lines|prompts|questions)"
                             r"\[(\d+)\](?:\.(\w+))?", name)
        if not match:
            return name
        kind, index, key = match.group(1), int(match.group(2)) + 1, match.group(3) or ""
        nouns = {
            "practice.clinicians": self.tr("Clinician %1"),
            "crisis_lines": self.tr("Crisis line %1"),
            "prompts": self.tr("Prompt %1"),
            "questions": self.tr("Question %1"),
        }
        keys = {
            "name": self.tr("name"), "contact": self.tr("contact"),
            "detail": self.tr("detail"), "label": self.tr("prompt"),
            "help": self.tr("help text"), "text": self.tr("question"),
            "why": self.tr("why it helps"),
        }
        label = nouns[kind].replace("%1", str(index))
        return f"{label}: {keys.get(key, key)}" if key else label

    def field_sentence(self, err: PacketError) -> str:
        """The checker's one line as a sentence, the field named as the form names it:
        "Crisis line 1: contact is empty." """
        message = str(err)
        if err.field and message.startswith(err.field):
            message = self.field_label(err.field) + message[len(err.field):]
        message = message[:1].upper() + message[1:]
        return message.rstrip(".") + "."

    def plain_message(self, err: PacketError) -> str:
        """The checker's one line, with the field named as the form names it."""
        return self.tr("Not ready to save: %1").replace("%1", self.field_sentence(err))

    def _widget_for(self, name: str | None, select: bool = True) -> QWidget | None:
        """The widget for a packet field's name; ``select`` chooses a list's entry first
        (to go there), without it nothing changes."""
        if not name:
            return None
        direct: dict[str, QWidget] = {
            "practice.name": self.name,
            "practice.clinicians": self.clinicians,
            "practice.address": self.address,
            "practice.phone": self.phone,
            "practice.email": self.email,
            "practice.website": self.website,
            "logo": self.choose_logo_button,
            "logo.mime": self.choose_logo_button,
            "logo.data": self.choose_logo_button,
            "welcome_note": self.welcome_note,
            "fees": self.fees,
            "insurance": self.insurance,
            "sliding_scale": self.sliding_scale,
            "cancellation": self.cancellation,
            "confidentiality": self.confidentiality,
            "language": self.language,
            "session_format": self.session_format,
            "prompts_mode": self.prompts_mode,
            "questions_mode": self.questions_mode,
            "crisis_lines": self.crisis.list,
            "prompts": self.prompts.list,
            "questions": self.questions.list,
        }
        if name in direct:
            return direct[name]
        if name.startswith("practice.clinicians["):
            return self.clinicians
        match = re.fullmatch(r"(crisis_lines|prompts|questions)\[(\d+)\](?:\.(\w+))?", name)
        if match:
            editor = {"crisis_lines": self.crisis, "prompts": self.prompts,
                      "questions": self.questions}[match.group(1)]
            key = match.group(3)
            if key in (None, "id", "category"):
                key = None
            if not select:
                return editor.editors.get(key, editor.list) if key else editor.list
            return editor.select(int(match.group(2)), key)
        return None

    def go_to_problem(self) -> None:
        """Show the tab with the field the problem is about and put the keyboard there."""
        widget = self._widget_for(self.error.field if self.error else None)
        if widget is None:
            return
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            if page is not None and page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(i)
                if isinstance(page, QScrollArea):
                    page.ensureWidgetVisible(widget)
                break
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- editing ------------------------------------------------------------------------------

    def _edited(self) -> None:
        if self._loading:
            return
        self._quiet = False
        self.dirty = True
        self.discarded = False
        self._update_title()
        self.check()
        self._preview_timer.start()  # restarts: the preview waits for a pause in typing

    def _update_title(self) -> None:
        name = self.path.name if self.path else self.tr("New packet")
        self.setWindowTitle(
            self.tr("Counsellor packet") + " \u2013 " + name + (" *" if self.dirty else "")
        )

    def choose_logo(self) -> None:
        chosen = ask_open_path(self, self.tr("Choose a logo"), self.tr(LOGO_FILTER))
        if chosen is None:
            return
        try:
            logo = read_logo_file(chosen)
        except PacketError as err:
            message = str(err)
            self.logo_status.setText(
                self.tr("That image cannot be used: %1. The logo was not changed.")
                .replace("%1", message[:1].lower() + message[1:])
            )
            return
        self._set_logo(logo)
        self._edited()

    def remove_logo(self) -> None:
        if self.logo is None:
            return
        self._set_logo(None)
        self._edited()
        self.choose_logo_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_logo(self, logo: Logo | None) -> None:
        self.logo = logo
        self.remove_logo_button.setEnabled(logo is not None)
        if logo is None:
            self.logo_preview.clear()
            self.logo_preview.setText(self.tr("No logo"))
            self.logo_preview.setAccessibleName(self.tr("No logo"))
            self.logo_status.setText("")
            return
        pixmap = QPixmap()
        pixmap.loadFromData(shown_logo(logo).data)  # upright, 8-bit: as the PDFs draw it
        self.logo_preview.setPixmap(pixmap.scaled(
            self.logo_preview.minimumSize(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        ))
        self.logo_preview.setAccessibleName(self.tr("Logo preview"))
        self.logo_status.setText(
            self.tr("%1 image, %2 × %3 pixels.").replace(
                "%1", "PNG" if logo.mime == "image/png" else "JPEG"
            ).replace("%2", str(logo.width)).replace("%3", str(logo.height))
        )

    # -- preview ------------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        """Show the handout for the packet as it is now; a packet with a problem is not drawn."""
        self._preview_timer.stop()
        packet = self.check()
        if packet is None:
            self.preview_status.setText(self.waiting_message())
            return
        try:
            self._show_pdf(packet)
            self.preview_status.setText(self.tr("The blank handout, as it will print."))
            return
        except Exception as err:  # noqa: BLE001 (any drawing failure: fall back to text)
            self.preview_status.setText(
                self.tr("The handout could not be drawn (%1); showing the details.")
                .replace("%1", str(err))
            )
        self.text_preview.setText(self.preview_text(packet))
        self.preview_stack.setCurrentIndex(0)
        self._show_zoom()

    # -- zoom -------------------------------------------------------------------------------

    def fit_factor(self) -> float:
        """The zoom (1.0 = actual size) at which the first page fills the preview's width."""
        view = self.pdf_view
        document = getattr(self, "pdf_document", None)
        if view is None or document is None or document.pageCount() < 1:
            return 1.0
        from PySide6.QtPdfWidgets import QPdfView

        assert isinstance(view, QPdfView)
        margins = view.documentMargins()
        width = view.viewport().width() - margins.left() - margins.right()
        page = document.pagePointSize(0).width() * view.logicalDpiX() / 72
        return max(width, 1) / page if page > 0 else 1.0

    def zoom(self) -> float:
        """The preview's zoom now (1.0 = actual size)."""
        from PySide6.QtPdfWidgets import QPdfView

        view = self.pdf_view
        if not isinstance(view, QPdfView) or view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            return self.fit_factor()
        return view.zoomFactor()

    def zoom_by(self, steps: int) -> None:
        """Zoom the preview in (``steps`` > 0) or out, by 25% a step, within 25% to 400%."""
        from PySide6.QtPdfWidgets import QPdfView

        view = self.pdf_view
        if not isinstance(view, QPdfView):
            return
        factor = min(max(self.zoom() * ZOOM_STEP ** steps, ZOOM_MIN), ZOOM_MAX)
        view.setZoomMode(QPdfView.ZoomMode.Custom)
        view.setZoomFactor(factor)
        self.fit_button.setChecked(False)
        self._show_zoom()

    def fit_width(self) -> None:
        """Show the pages as wide as the preview (the preview opens so)."""
        from PySide6.QtPdfWidgets import QPdfView

        self.fit_button.setChecked(True)
        if isinstance(self.pdf_view, QPdfView):
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_zoom()

    def _show_zoom(self) -> None:
        has = self.pdf_view is not None and self.preview_stack.currentWidget() is self.pdf_view
        for button in (self.fit_button, self.zoom_out_button, self.zoom_in_button):
            button.setEnabled(has)
        if not has:
            text = ""
        elif self.fit_button.isChecked():
            text = self.tr("Fits the width")
        else:
            text = self.tr("%1%").replace("%1", str(round(self.zoom() * 100)))
        self.zoom_label.setText(text)
        self.zoom_label.setAccessibleName(text or self.tr("Zoom"))

    def waiting_message(self) -> str:
        """What the preview says while the packet has a problem: the problem, and where."""
        if self.error is None:
            return ""
        sentence = self.field_sentence(self.error)
        tab = self.tab_title_for(self.error.field)
        if tab:
            return (self.tr("The preview waits until this is fixed, on the %1 tab: %2")
                    .replace("%1", tab).replace("%2", sentence))
        return self.tr("The preview waits until this is fixed: %1").replace("%1", sentence)

    def _show_pdf(self, packet: Packet) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        from firstsession import pdf
        from firstsession.app import pdfview

        data = pdf.render_blank(content=self.base_content, packet=packet)
        if self.pdf_view is None:
            view = QPdfView()
            # The document belongs to the dialog, not the view: a view that outlives its
            # document's signals as it is destroyed crashes.
            self.pdf_document = QPdfDocument(self)
            view.setDocument(self.pdf_document)
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            view.setAccessibleName(self.tr("Preview of the handout"))
            self.preview_stack.addWidget(view)
            self.pdf_view = view
        assert isinstance(self.pdf_view, QPdfView)
        if not pdfview.load_bytes(self.pdf_document, data):
            raise RuntimeError(self.tr("the PDF could not be read back"))
        self.preview_stack.setCurrentWidget(self.pdf_view)
        self._show_zoom()

    def preview_text(self, packet: Packet) -> str:
        """The practice's details as plain text (until the PDF can show them)."""
        p = packet.practice
        formats = {
            "in_person": self.tr("In person"), "online": self.tr("Online"),
            "both": self.tr("In person or online"),
        }
        parts: list[str] = [p.name]
        parts += p.clinicians
        contact = [x for x in (p.address, p.phone, p.email, p.website) if x]
        if contact:
            parts.append("\n".join(contact))
        if packet.welcome_note:
            parts.append(packet.welcome_note)
        for title, text in (
            (self.tr("Sessions"), formats.get(packet.session_format, "")),
            (self.tr("Fees"), packet.fees),
            (self.tr("Insurance"), packet.insurance),
            (self.tr("Sliding scale"), packet.sliding_scale),
            (self.tr("Cancellation"), packet.cancellation),
            (self.tr("Confidentiality"), packet.confidentiality),
        ):
            if text:
                parts.append(f"{title}\n{text}")
        if packet.crisis_lines:
            lines = [f"{c.name}: {c.contact}" for c in packet.crisis_lines]
            parts.append(self.tr("Crisis lines") + "\n" + "\n".join(lines))
        return "\n\n".join(parts)

    # -- saving -------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save to the packet's file (asking where the first time). Never writes a bad packet."""
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        self._quiet = False
        if self.check() is None:
            self.go_to_problem()
            return False
        file_name = (self.name.text().strip() or self.tr("Counsellor packet")) + ".json"
        path = ask_output_path(self, self.tr("Save the counsellor packet"), file_name,
                               self.tr(PACKET_FILTER), suffix=".json", kind="data",
                               problem=self._cannot_save, start=self.path)
        if path is None:
            return False
        return self._write(path)

    def _cannot_save(self, sentence: str) -> None:
        QMessageBox.warning(self, self.tr("Could not save the packet"), sentence)

    def _write(self, path: Path) -> bool:
        self._quiet = False
        packet = self.check()
        if packet is None:
            self.go_to_problem()
            return False
        # The dialog asked about replacing; never our own files, a device or a folder.
        if not check_chosen(path, kind="data", problem=self._cannot_save):
            return False
        try:
            save_packet(packet, path)
        except PacketError as err:
            self._cannot_save(str(err))
            return False
        except OSError as err:
            self._cannot_save(OutputError(describe_write_failure(path, err)).sentence())
            return False
        self.path = path
        self.dirty = False
        self._update_title()
        self.status.setText(self.tr("Saved to %1").replace("%1", show_path(path)))
        return True

    def may_close(self) -> bool:
        """Offer to save unsaved changes (Save, Discard or Cancel); True when the editor
        may close now. Every way out asks this: closing the editor, quitting, closing
        the main window, logging out. Discard is remembered until the next edit."""
        if not self.dirty or self.discarded:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Save the packet?"),
            self.tr("The packet has changes that are not saved. Save them before closing?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self.discarded = True
            return True
        return answer == QMessageBox.StandardButton.Save and self.save()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.may_close():
            event.ignore()
            return
        event.accept()

    def reject(self) -> None:  # Escape closes through closeEvent, so changes are offered
        self.close()
