"""Step 3: putting feelings into words.

Three open questions (what brings me, my goals, what I hope will change), a
vocabulary of feeling words grouped in families with a search box
(``feelings_vocabulary``), the person's own words, and for each chosen feeling how
strong it is, when it shows up, where it is felt in the body and what helps
(``feelings_detail``). The chosen feelings are a ``models.FeelingListModel``.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from firstsession import labels
from firstsession.app.itemviews import ReorderableListView
from firstsession.app.layouts import ResponsiveRow, fit_wrapped_labels, flow_row
from firstsession.app.models import FeelingListModel
from firstsession.app.session import Session
from firstsession.app.steps.base import StepPage
from firstsession.app.steps.feelings_detail import FeelingDetail
from firstsession.app.steps.feelings_vocabulary import FeelingVocabulary
from firstsession.app.widgets import ask_yes_no, compact, heading, paragraph, text_area
from firstsession.i18n import _
from firstsession.model import Feeling

TEXT_FIELDS = ("when_where", "body", "helps")


def _has_text(feeling: Feeling) -> bool:
    return any(getattr(feeling, name).strip() for name in TEXT_FIELDS)


class FeelingsStep(StepPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.content = session.content
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
            _(labels.WHAT_BRINGS_ME),
            sheet.what_brings_me,
            partial(self.set_sheet_text, "what_brings_me"),
            placeholder=self.tr("For example: I have been feeling worn out and I want to talk."),
            lines=3,
        ))
        self.goals = compact(text_area(
            self.column,
            _(labels.GOALS),
            sheet.goals,
            partial(self.set_sheet_text, "goals"),
            placeholder=self.tr("For example: sleep better, worry less, feel close to people."),
            lines=3,
        ))
        self.hoped_change = compact(text_area(
            self.column,
            _(labels.HOPED_CHANGE),
            sheet.hoped_change,
            partial(self.set_sheet_text, "hoped_change"),
            placeholder=self.tr("For example: I want to speak up more at home."),
            lines=3,
        ))

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
        self.words = FeelingVocabulary(self.session, self.column, self)
        self.words.word_chosen.connect(self.add_feeling)
        # The panel's parts, by the names the rest of the page (and its tests) use.
        self.search = self.words.search
        self.vocabulary = self.words.tree
        self.add_status = self.words.add_status
        self.search_status = self.words.search_status
        self.add_word_button = self.words.add_word_button
        self.own_word = self.words.own_word
        self.add_own_button = self.words.add_own_button

    def visible_words(self) -> list[str]:
        """The words the search leaves showing (used by tests and the status line)."""
        return self.words.visible_words()

    def add_feeling(self, word: str, own: bool) -> None:
        """Add a feeling (``word``: a list word's id, or the person's own word as typed)
        to the chosen list, or select it when it is already there."""
        row = self.model.find_word(word, own)
        if row >= 0:
            message = self.tr(
                "\u201c%1\u201d is already in your feelings. It is selected below."
            ).replace("%1", self.model.word_of(self.model.feelings[row]))
        else:
            row = self.model.append(Feeling(word, own=own))
            message = self.tr("Added \u201c%1\u201d to your feelings.").replace(
                "%1", self.model.word_of(self.model.feelings[row])
            )
        self._select_row(row)
        self.words.show_status(message)

    def _mark_chosen_words(self, *_: object) -> None:
        """A tick after each word of the list that is in the person's chosen feelings."""
        self.words.mark_chosen({f.word for f in self.model.feelings if not f.own})

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
        self.chosen = ReorderableListView(backspace_removes=True)
        self.chosen.setModel(self.model)
        self.chosen.setAccessibleName(self.tr("Chosen feelings"))
        self.chosen.setAccessibleDescription(
            self.tr("Alt+Up and Alt+Down move the selected feeling. Delete removes it.")
        )
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

        self.detail = FeelingDetail(self.session)
        # The detail's parts, by the names the page's tests use.
        self.intensity_slider = self.detail.intensity_slider
        self.intensity_spin = self.detail.intensity_spin
        self.clear_intensity = self.detail.clear_intensity
        self.when_where = self.detail.when_where
        self.body = self.detail.body
        self.body_words = self.detail.body_words
        self.add_body_button = self.detail.add_body_button
        self.body_meaning = self.detail.body_meaning
        self.helps = self.detail.helps
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
        self.detail.intensity_changed.connect(
            lambda feeling: self.model.refresh(self.model.row_of(feeling))
        )
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._update_buttons)
            signal.connect(self._mark_chosen_words)
        self._mark_chosen_words()

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
        feeling = self.model.item_at(row)
        self.detail.show_feeling(feeling)
        self.detail.setVisible(feeling is not None)
        self.no_detail.setVisible(feeling is None and bool(self.model.feelings))
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        row = self.current_row()
        count = self.model.rowCount()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.remove_button.setEnabled(row >= 0)
        self.empty_note.setVisible(count == 0)

    # -- order and removal -------------------------------------------------------------

    def move_current(self, delta: int) -> None:
        row = self.current_row()
        if row < 0:
            return
        target = self.model.move(row, delta)
        if target != row:
            self.chosen.setCurrentIndex(self.model.index(target))
        self._update_buttons()

    def _move_by_button(self, delta: int) -> None:
        self.move_current(delta)
        button = self.up_button if delta < 0 else self.down_button
        if not button.isEnabled():  # at the end: keep the keyboard somewhere sensible
            self.chosen.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_current(self) -> None:
        row = self.current_row()
        feeling = self.model.item_at(row)
        if feeling is None:
            return
        if _has_text(feeling) and not ask_yes_no(
            self,
            self.tr("Remove this feeling?"),
            self.tr(
                "Remove \u201c%1\u201d from your feelings? What you wrote about it will "
                "be removed too."
            ).replace("%1", self.model.word_of(feeling)),
        ):
            return
        word = self.model.word_of(feeling)
        self.model.remove(row)
        self._select_row(min(row, self.model.rowCount() - 1))
        self.words.show_status(self.tr("Removed \u201c%1\u201d.").replace("%1", word))
        if not self.remove_button.isEnabled() and self.remove_button.hasFocus():
            self.own_word.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- a new sheet -------------------------------------------------------------------

    def reload(self) -> None:
        sheet = self.session.sheet
        self.what_brings_me.set_text_quietly(sheet.what_brings_me)
        self.goals.set_text_quietly(sheet.goals)
        self.hoped_change.set_text_quietly(sheet.hoped_change)
        self.model.reload()
        self.add_status.hide()
        self._select_row(0 if self.model.rowCount() else -1)
