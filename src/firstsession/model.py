"""The prep sheet as dataclasses: everything a person writes while getting ready.

Plain dataclasses, no Qt, no file format: ``sheet_format`` turns a sheet into JSON
and back (with a check on every field), ``storage`` saves and loads it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

MAX_THERAPISTS = 5
MAX_LABEL_CHARS = 1000  # a PromptAnswer's label (a prompt's text), in characters

# The sections a person can choose to put in the PDF, in PDF order.
SECTIONS: tuple[str, ...] = (
    "summary",
    "feelings",
    "background",
    "questions",
    "therapists",
    "before_the_day",
    "notes",
)
# Sections about other people (the therapists the person compared) are for the person:
# a new sheet leaves them out of the PDF that goes to the therapist they choose.
PRIVATE_SECTIONS: frozenset[str] = frozenset({"therapists"})
DEFAULT_SECTIONS: tuple[str, ...] = tuple(s for s in SECTIONS if s not in PRIVATE_SECTIONS)


def new_id(prefix: str) -> str:
    return f"{prefix}-{os.urandom(5).hex()}"


@dataclass
class AboutMe:
    name: str = ""
    pronouns: str = ""
    language: str = ""


@dataclass
class Feeling:
    """A feeling the person chose. ``word`` is the list word's id ("fed-up") when
    ``own`` is False, so the sheet shows it in the language chosen now
    (``Content.feeling_word``); the person's own word exactly as typed when True."""

    word: str
    own: bool = False  # True when the person wrote their own word
    intensity: int | None = None  # 0 to 10; None = not rated (never a made-up middle)
    when_where: str = ""
    body: str = ""
    helps: str = ""


@dataclass
class PromptAnswer:
    """An answer to a background or preference prompt; private unless shared.

    ``label`` is the prompt's text as it was shown when the person answered, kept when
    the sheet's content no longer asks that prompt (a counsellor's packet replaced it):
    the app and the PDF show the answer under it. "" when the content knows the prompt.
    At most ``MAX_LABEL_CHARS`` characters.
    """

    prompt_id: str
    answer: str = ""
    share: bool = False
    label: str = ""


@dataclass
class ChosenQuestion:
    """A question the person chose. A bank (or packet) question is kept by ``id`` alone
    and shown in the language chosen now (``Content.question_text``); the person's own
    question keeps its ``text`` as typed."""

    id: str  # the bank's id, or "own-..." for the person's own question
    text: str = ""  # the person's own question; "" for a bank question
    starred: bool = False
    own: bool = False


@dataclass
class Therapist:
    id: str = field(default_factory=lambda: new_id("t"))
    name: str = ""
    contact: str = ""
    answers: dict[str, str] = field(default_factory=dict)  # question id -> answer
    notes: str = ""
    fit: int | None = None  # 1 to 5; None = not rated yet


@dataclass
class ExportOptions:
    sections: list[str] = field(default_factory=lambda: list(DEFAULT_SECTIONS))
    paper: str = "auto"  # "auto" (by locale), "A4" or "Letter"


@dataclass
class Sheet:
    about: AboutMe = field(default_factory=AboutMe)
    country: str = ""  # ISO code for the crisis line; "" = guess from the system
    what_brings_me: str = ""
    goals: str = ""
    hoped_change: str = ""
    feelings: list[Feeling] = field(default_factory=list)
    culture: list[PromptAnswer] = field(default_factory=list)
    preferences: list[PromptAnswer] = field(default_factory=list)
    questions: list[ChosenQuestion] = field(default_factory=list)
    therapists: list[Therapist] = field(default_factory=list)
    checklist: dict[str, bool] = field(default_factory=dict)
    nervous_questions: str = ""
    notes: str = ""
    export: ExportOptions = field(default_factory=ExportOptions)
    # The counsellor packet this sheet was started from (its JSON object, validated by
    # firstsession.packet), kept whole so the sheet shows and prints the same anywhere.
    packet: dict[str, Any] | None = None

    # -- small helpers the UI and the PDF share -------------------------------

    def culture_answer(self, prompt_id: str) -> PromptAnswer:
        """The answer for a prompt, created empty (and private) when missing."""
        return _answer_for(self.culture, prompt_id)

    def preference_answer(self, prompt_id: str) -> PromptAnswer:
        return _answer_for(self.preferences, prompt_id)

    def shared_culture(self) -> list[PromptAnswer]:
        return [a for a in self.culture if a.share and a.answer.strip()]

    def private_count(self) -> int:
        """How many written answers are kept private (for a gentle note in the PDF)."""
        return sum(1 for a in self.culture + self.preferences if a.answer.strip() and not a.share)

    def is_empty(self) -> bool:
        return self == Sheet()


def _answer_for(answers: list[PromptAnswer], prompt_id: str) -> PromptAnswer:
    for answer in answers:
        if answer.prompt_id == prompt_id:
            return answer
    answer = PromptAnswer(prompt_id)
    answers.append(answer)
    return answer


# The preference that used to ask for the language of therapy a second time (About me
# asks it, and the summary prints it); no longer asked, see fold_old_language_answer.
OLD_LANGUAGE_PREFERENCE = "pref-language"


def fold_old_language_answer(sheet: Sheet) -> None:
    """Move an old answer to the retired "Which language would you like to use in
    therapy?" preference into About me's language, which is now the one place it is asked.

    Never loses a word and never prints a private one: an empty answer, or one that says
    the same as About me, is dropped; a shared one is joined after About me's language
    (its lines joined with " / ", as that field is one line); a private one that differs
    stays a private preference answer (the app shows it, the PDF never prints it).
    Running it again changes nothing.
    """
    kept: list[PromptAnswer] = []
    for answer in sheet.preferences:
        if answer.prompt_id != OLD_LANGUAGE_PREFERENCE:
            kept.append(answer)
            continue
        words = " / ".join(line.strip() for line in answer.answer.splitlines() if line.strip())
        current = sheet.about.language.strip()
        if not words or words.casefold() == current.casefold():
            continue
        if not answer.share:
            kept.append(answer)
            continue
        sheet.about.language = f"{current} / {words}" if current else words
    sheet.preferences[:] = kept
