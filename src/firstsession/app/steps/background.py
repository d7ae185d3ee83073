"""Step 4: about me, my background and culture, and what I would like in a therapist.

Every prompt is optional and private unless the person ticks "Share this in my PDF".
An answer is only written into the sheet once the person types or changes the share
choice, so an untouched page leaves the sheet as it was.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from firstsession import labels
from firstsession.app.layouts import FlowLayout, enclosing_scroll_area, fit_wrapped_labels
from firstsession.app.session import Session
from firstsession.app.steps.base import StepPage
from firstsession.app.widgets import (
    TextArea,
    blocks_html,
    compact,
    heading,
    line_edit,
    paragraph,
    rich_label,
    scaled_font,
    set_line_quietly,
    undo_refused,
)
from firstsession.content import Prompt, parse_body
from firstsession.i18n import _
from firstsession.model import OLD_LANGUAGE_PREFERENCE, PromptAnswer

CULTURE = "culture"
GENDER_PROMPT = "gender-pronouns"  # pronouns themselves are asked under About me
PREFERENCES = "preferences"


def find_answer(answers: list[PromptAnswer], prompt_id: str) -> PromptAnswer | None:
    """The answer to a prompt if there is one (unlike Sheet.culture_answer, never creates)."""
    return next((a for a in answers if a.prompt_id == prompt_id), None)


class PromptEditor(QFrame):
    """One optional prompt: its question, a hint, the answer, and the share choice."""

    def __init__(self, session: Session, prompt: Prompt, kind: str, earlier: bool = False) -> None:
        """``earlier``: an answer to a prompt the content no longer asks; its prompt's
        text is kept with the answer (PromptAnswer.label), also when it is written anew."""
        super().__init__()
        self.session = session
        self.prompt = prompt
        self.kind = kind
        self.earlier = earlier
        self.setObjectName("prompt")
        self.column = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self.caption = QLabel(prompt.label)
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setFont(scaled_font(self.caption, 1.0, bold=True))
        layout.addWidget(self.caption)
        if prompt.help:
            layout.addWidget(paragraph(prompt.help, object_name="hint"))

        self.editor = compact(TextArea("", 3))
        self.editor.setAccessibleName(prompt.label)
        self.editor.setAccessibleDescription(prompt.help)
        self.caption.setBuddy(self.editor)
        layout.addWidget(self.editor)

        row = QHBoxLayout()
        row.setSpacing(12)
        self.share = QCheckBox(self.tr("Share this in my PDF"))
        self.share.setAccessibleName(self.tr("Share answer to: %1").replace("%1", prompt.label))
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        row.addWidget(self.share)
        row.addWidget(self.status, 1)
        layout.addLayout(row)

        self.reload()
        self.editor.textChanged.connect(self._text_changed)
        self.share.toggled.connect(self._share_toggled)

    # -- the sheet -----------------------------------------------------------------

    def answers(self) -> list[PromptAnswer]:
        sheet = self.session.sheet
        answers: list[PromptAnswer] = sheet.culture if self.kind == CULTURE else sheet.preferences
        return answers

    def answer(self) -> PromptAnswer | None:
        return find_answer(self.answers(), self.prompt.id)

    def _answer_for_writing(self) -> PromptAnswer:
        sheet = self.session.sheet
        answer: PromptAnswer
        if self.kind == CULTURE:
            answer = sheet.culture_answer(self.prompt.id)
        else:
            answer = sheet.preference_answer(self.prompt.id)
        if self.earlier and not answer.label:
            answer.label = self.prompt.label
        return answer

    def _tidy(self, answer: PromptAnswer) -> None:
        """Drop an entry that holds nothing (no words, not shared): the sheet stays clean."""
        if not answer.answer and not answer.share:
            answers = self.answers()
            answers[:] = [a for a in answers if a is not answer]

    def _text_changed(self) -> None:
        text = self.editor.toPlainText()
        existing = self.answer()
        if existing is None and not text:
            return
        answer = existing or self._answer_for_writing()
        if answer.answer == text:
            return
        if not self.session.set_text(answer, "answer", text):
            undo_refused(self.editor)
        self._tidy(answer)

    def _share_toggled(self, shared: bool) -> None:
        answer = self.answer() or self._answer_for_writing()
        answer.share = shared
        self._tidy(answer)
        self._show_share(shared)
        self.session.touch()

    # -- showing -------------------------------------------------------------------

    def _show_share(self, shared: bool) -> None:
        if shared:
            text = self.tr("Shared: this answer goes in your PDF.")
        else:
            text = self.tr("Private: stays only on this computer.")
        self.status.setText(text)
        self.share.setAccessibleDescription(text)

    def reload(self) -> None:
        """Show the current sheet's answer without changing the sheet."""
        answer = self.answer()
        self.editor.set_text_quietly(answer.answer if answer else "")
        shared = bool(answer and answer.share)
        if self.share.isChecked() != shared:
            self.share.blockSignals(True)
            self.share.setChecked(shared)
            self.share.blockSignals(False)
        self._show_share(shared)


class BackgroundStep(StepPage):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        content = session.content
        self.em = self.fontMetrics().horizontalAdvance("M")
        self.add_title(self.tr("My background"))
        self.column.addWidget(
            paragraph(
                self.tr(
                    "Every question here is optional. Answers are private unless you choose "
                    "to share them."
                ),
                object_name="hint",
            )
        )
        self.column.addWidget(rich_label(blocks_html(parse_body(content.culture_intro))))

        self.jump_buttons: list[QPushButton] = []
        # One row when the buttons fit, more lines when they do not (large text, narrow window).
        self.jump_row = QWidget()
        jump_row = FlowLayout(self.jump_row)
        jump_row.addWidget(QLabel(self.tr("Go to:")))
        self.column.addWidget(self.jump_row)

        about_heading = self._section(
            self.tr("About me"),
            self.tr(
                "Your name, pronouns and language go on the summary page of your PDF, so "
                "your therapist knows how to address you. Leave any of them blank."
            ),
        )
        about = self.session.sheet.about
        fields = QVBoxLayout()
        self.name = line_edit(
            fields, _(labels.NAME), about.name, partial(self._set_about, "name")
        )
        self.pronouns = line_edit(
            fields,
            _(labels.PRONOUNS),
            about.pronouns,
            partial(self._set_about, "pronouns"),
            placeholder=self.tr("For example: she/her, he/him, they/them"),
        )
        self.language = line_edit(
            fields,
            _(labels.LANGUAGE),
            about.language,
            partial(self._set_about, "language"),
            description=self.tr(
                "You can also say if you would like an interpreter, or a therapist who "
                "uses sign language."
            ),
        )
        for field in (self.name, self.pronouns, self.language):
            field.setMaximumWidth(self.em * 30)
        self.column.addLayout(fields)

        culture_heading = self._section(
            self.tr("My background and culture"),
            self.tr("Answer the ones that feel right. Skip any you like."),
        )
        self.culture_editors = self._prompts(content.culture_prompts, CULTURE)
        # Asked once, under About me; shown again where it also belongs.
        self.pronouns_shown = paragraph("", object_name="hint")
        gender = next((e for e in self.culture_editors if e.prompt.id == GENDER_PROMPT), None)
        if gender is not None:
            gender.column.insertWidget(gender.column.indexOf(gender.editor), self.pronouns_shown)

        preference_heading = self._section(
            self.tr("What I would like in a therapist"),
            self.tr("It is fine not to know yet. You can change these at any time."),
        )
        self.language_shown = paragraph("", object_name="hint")
        self.column.addWidget(self.language_shown)
        self.preference_editors = self._prompts(content.preference_prompts, PREFERENCES)
        self.old_language: PromptEditor | None = None  # see _show_old_language
        # Answers to prompts a counsellor's packet no longer asks (see _show_earlier).
        self.earlier_box = QWidget()
        self.earlier_box.setObjectName("earlierAnswers")
        self.earlier_layout = QVBoxLayout(self.earlier_box)
        self.earlier_layout.setContentsMargins(0, self.em, 0, 0)  # hidden with the group
        self.earlier_layout.setSpacing(self.em)
        self.earlier_heading = heading(self.tr("Your earlier answers"), 2)
        self.earlier_layout.addWidget(self.earlier_heading)
        self.earlier_layout.addWidget(paragraph(self.tr(
            "You wrote these before you opened your counsellor\u2019s packet, which asks "
            "different questions. They are kept, with your choice to share each one or "
            "keep it private."), object_name="hint"))
        self.earlier_editors: list[PromptEditor] = []
        self.column.addWidget(self.earlier_box)
        self.column.addStretch(1)

        targets = (
            (about_heading, self.name),
            (culture_heading, self.culture_editors[0].editor if self.culture_editors else None),
            (
                preference_heading,
                self.preference_editors[0].editor if self.preference_editors else None,
            ),
        )
        for section, first_field in targets:
            button = QPushButton(section.text())
            button.setAccessibleName(self.tr("Go to %1").replace("%1", section.text()))
            button.clicked.connect(
                lambda _=False, s=section, f=first_field: self.jump_to(s, f)
            )
            jump_row.addWidget(button)
            self.jump_buttons.append(button)
        # Tab reaches the "Go to" buttons where they are shown, before the fields.
        # Qt moves a widget only after one that takes focus: the row does, for a moment.
        self.jump_row.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        before: QWidget = self.jump_row
        for button in self.jump_buttons:
            QWidget.setTabOrder(before, button)
            before = button
        self.jump_row.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        fit_wrapped_labels(self)
        self._show_asked_once()
        self.pronouns.textChanged.connect(self._show_asked_once)
        self.language.textChanged.connect(self._show_asked_once)
        for editor in self.culture_editors + self.preference_editors:
            editor.status.setAlignment(
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            )
        self._show_earlier()

    # -- building --------------------------------------------------------------------

    def _section(self, title: str, hint: str) -> QLabel:
        self.column.addSpacing(self.em)
        title_label = heading(title, 2)
        self.column.addWidget(title_label)
        self.column.addWidget(paragraph(hint, object_name="hint"))
        return title_label

    def _prompts(self, prompts: tuple[Prompt, ...], kind: str) -> list[PromptEditor]:
        editors: list[PromptEditor] = []
        domain = ""
        for prompt in prompts:
            if prompt.domain and prompt.domain != domain:
                domain = prompt.domain
                self.column.addSpacing(self.em // 2)
                self.column.addWidget(heading(domain, 3))
            editor = PromptEditor(self.session, prompt, kind)
            self.column.addWidget(editor)
            self.column.addSpacing(self.em // 2)
            editors.append(editor)
        return editors

    # -- behaviour -------------------------------------------------------------------

    def _set_about(self, name: str, text: str) -> bool:
        return bool(self.session.set_text(self.session.sheet.about, name, text))

    def _show_asked_once(self, *_: object) -> None:
        """Pronouns and the language of therapy, asked under About me, shown again in the
        gender prompt and under the preferences (printed once, on the summary)."""
        about = self.session.sheet.about
        pronouns, language = about.pronouns.strip(), about.language.strip()
        self.pronouns_shown.setText(
            self.tr("Your pronouns (from About me): %1").replace("%1", pronouns) if pronouns
            else self.tr("Your pronouns go under About me, at the top of this page.")
        )
        self.language_shown.setText(
            self.tr("Language for therapy (from About me): %1").replace("%1", language)
            if language
            else self.tr("The language you would like to use goes under About me, at the "
                         "top of this page.")
        )
        self._show_old_language()

    def _show_old_language(self) -> None:
        """An answer from before the language was asked only under About me, kept private
        (model.fold_old_language_answer): shown under the preferences so it is never lost."""
        exists = find_answer(self.session.sheet.preferences, OLD_LANGUAGE_PREFERENCE) is not None
        if exists and self.old_language is None:
            self.old_language = PromptEditor(self.session, Prompt(
                OLD_LANGUAGE_PREFERENCE,
                self.tr("Which language would you like to use in therapy? (your earlier "
                        "answer)"),
                self.tr("This is now asked once, under About me. This earlier answer stays "
                        "private unless you choose to share it."),
            ), PREFERENCES)
            # Before the stretch that ends the page.
            self.column.insertWidget(self.column.count() - 1, self.old_language)
            fit_wrapped_labels(self.old_language)
        if self.old_language is not None:
            self.old_language.reload()
            self.old_language.setVisible(exists or bool(self.old_language.editor.toPlainText()))

    def earlier_answers(self) -> list[tuple[str, PromptAnswer]]:
        """The answers to prompts this page does not ask (kind, answer), in sheet order:
        kept when a counsellor's packet replaced the prompts (sheet_merge.adopt_packet)."""
        asked = {e.prompt.id for e in self.culture_editors + self.preference_editors}
        asked.add(OLD_LANGUAGE_PREFERENCE)  # shown on its own, see _show_old_language
        sheet = self.session.sheet
        return [(kind, a) for kind, answers in ((CULTURE, sheet.culture),
                                                (PREFERENCES, sheet.preferences))
                for a in answers if a.prompt_id not in asked]

    def _show_earlier(self) -> None:
        """One editor (answer and share choice) per earlier answer, under "Your earlier
        answers"; the group is hidden when there are none."""
        wanted = [(kind, a.prompt_id, a.label or a.prompt_id)
                  for kind, a in self.earlier_answers()]
        shown = [(e.kind, e.prompt.id, e.prompt.label) for e in self.earlier_editors]
        if wanted != shown:
            for editor in self.earlier_editors:
                self.earlier_layout.removeWidget(editor)
                editor.deleteLater()
            self.earlier_editors = []
            for kind, prompt_id, label in wanted:
                editor = PromptEditor(self.session, Prompt(prompt_id, label, ""), kind,
                                      earlier=True)
                self.earlier_layout.addWidget(editor)
                self.earlier_editors.append(editor)
                fit_wrapped_labels(editor)
        for editor in self.earlier_editors:
            editor.reload()
        self.earlier_box.setVisible(bool(self.earlier_editors))

    def jump_to(self, section: QWidget, first_field: QWidget | None) -> None:
        """Scroll a section's heading to the top and put the keyboard in its first field."""
        scroller = enclosing_scroll_area(self)
        if scroller is not None:
            top = section.mapTo(self, QPoint(0, 0)).y() - self.em // 2
            scroller.verticalScrollBar().setValue(max(top, 0))
        if first_field is not None:
            first_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def editor_for(self, prompt_id: str) -> PromptEditor:
        return next(
            e for e in self.culture_editors + self.preference_editors if e.prompt.id == prompt_id
        )

    def reload(self) -> None:
        about = self.session.sheet.about
        set_line_quietly(self.name, about.name)
        set_line_quietly(self.pronouns, about.pronouns)
        set_line_quietly(self.language, about.language)
        for editor in self.culture_editors + self.preference_editors:
            editor.reload()
        self._show_asked_once()
        self._show_earlier()
