"""The Feelings step's editor for one chosen feeling: how strong, when, where felt, what helps.

``FeelingDetail`` shows one ``Feeling`` (``show_feeling``) and writes the person's
changes straight into it: the texts through ``Session.set_text``, the strength with
``Session.touch``. It emits ``intensity_changed`` with the feeling, so the page can
show the new strength in its list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from firstsession import labels
from firstsession.app.layouts import TitledGroup, flow_row
from firstsession.app.session import Session
from firstsession.app.widgets import compact, paragraph, text_area
from firstsession.i18n import _
from firstsession.model import Feeling

NOT_RATED = -1  # the number box's lowest value, shown as "Not rated yet"


class StrengthSlider(QSlider):
    """The strength slider. A mouse wheel passing over it while the page scrolls does not
    change (or set) the strength: only once it has the focus, so nothing is rated by
    accident."""

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # the page scrolls instead


class FeelingDetail(TitledGroup):
    """What the person says about one chosen feeling; its title holds the feeling's word
    (which may be long: a TitledGroup never lets it widen the page)."""

    intensity_changed = Signal(object)  # the Feeling whose strength was set or cleared

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.session = session
        self.content = session.content
        self.feeling: Feeling | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        self._build_strength(layout)
        self._build_texts(layout)

    def _build_strength(self, layout: QVBoxLayout) -> None:
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

    def _build_texts(self, layout: QVBoxLayout) -> None:
        self.when_where = compact(text_area(
            layout,
            _(labels.WHEN_WHERE_QUESTION),
            "",
            lambda text: self._set_feeling_text("when_where", text),
            placeholder=self.tr("For example: at work, at night, around certain people."),
            lines=3,
        ))
        self.body = compact(text_area(
            layout,
            _(labels.BODY_QUESTION),
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
            _(labels.HELPS_QUESTION),
            "",
            lambda text: self._set_feeling_text("helps", text),
            placeholder=self.tr("For example: a walk, music, talking to a friend."),
            lines=3,
        ))
        self.body_words.currentIndexChanged.connect(self._show_body_meaning)
        self.add_body_button.clicked.connect(self.add_body_word)
        self._show_body_meaning(self.body_words.currentIndex())

    # -- the feeling shown -------------------------------------------------------------

    def show_feeling(self, feeling: Feeling | None) -> None:
        """Show this feeling (None: none; the box is then hidden by the page)."""
        # Fill the editors while no feeling is attached, so nothing is written back.
        self.feeling = None
        if feeling is not None:
            word = self.content.feeling_word(feeling)
            self.setTitle(_(labels.ABOUT_FEELING).replace("%1", word))
            self._show_intensity(feeling.intensity)
            self.when_where.set_text_quietly(feeling.when_where)
            self.body.set_text_quietly(feeling.body)
            self.helps.set_text_quietly(feeling.helps)
        self.feeling = feeling

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

    # -- changes -----------------------------------------------------------------------

    def set_intensity(self, value: int | None) -> None:
        """Set the shown feeling's strength, 0 to 10, or None for not rated."""
        self._show_intensity(value)
        feeling = self.feeling
        if feeling is None or feeling.intensity == value:
            return
        feeling.intensity = value
        self.intensity_changed.emit(feeling)
        self.session.touch()

    def _touch_intensity(self, position: int) -> None:
        """The first touch of the slider rates the feeling, wherever the handle is."""
        feeling = self.feeling
        if feeling is not None and feeling.intensity is None:
            self.set_intensity(position)

    def _clear_intensity(self) -> None:
        self.set_intensity(None)
        self.intensity_slider.setFocus()  # the Clear button is disabled now: keep focus near

    def _set_feeling_text(self, name: str, text: str) -> bool:
        feeling = self.feeling
        return feeling is None or bool(self.session.set_text(feeling, name, text))

    def _show_body_meaning(self, index: int) -> None:
        words = self.content.body_words
        meaning = words[index].meaning if 0 <= index < len(words) else ""
        self.body_meaning.setText(meaning)
        self.add_body_button.setAccessibleDescription(meaning)

    def add_body_word(self) -> None:
        """Put the chosen body word at the end of the body answer (undo still works)."""
        index = self.body_words.currentIndex()
        if self.feeling is None or not 0 <= index < len(self.content.body_words):
            return
        phrase = self.content.body_words[index].word
        existing = self.body.toPlainText()
        separator = "" if not existing.strip() or existing.endswith(("\n", " ")) else ", "
        cursor = self.body.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(separator + phrase)
        self.body.setTextCursor(cursor)
