"""The prep sheet: everything a person writes while getting ready.

Plain dataclasses, no Qt. A sheet is saved as JSON with a ``schema_version``;
``sheet_from_dict`` checks every field and migrates older versions (see
``firstsession.migrations`` and docs/SHEET_FORMAT.md).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 4
FORMAT_NAME = "firstsession-sheet"
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


class SheetFormatError(ValueError):
    """The data is not a First Session sheet we can read (message is for people)."""


class SheetTooNewError(SheetFormatError):
    """The sheet was written by a newer First Session."""


def new_id(prefix: str) -> str:
    return f"{prefix}-{os.urandom(5).hex()}"


@dataclass
class AboutMe:
    name: str = ""
    pronouns: str = ""
    language: str = ""


@dataclass
class Feeling:
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
    id: str  # the bank's id, or "own-..." for the person's own question
    text: str  # kept with the sheet so it reads the same if the bank changes
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


# -- JSON ---------------------------------------------------------------------


def sheet_to_dict(sheet: Sheet) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT_NAME, "schema_version": SCHEMA_VERSION}
    data.update(asdict(sheet))
    return data


def sheet_from_dict(data: object) -> Sheet:
    """Build a sheet from parsed JSON, migrating older versions.

    Raises SheetFormatError (or SheetTooNewError) with a message for people.
    """
    from firstsession.migrations import migrate

    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise SheetFormatError("this is not a First Session sheet")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SheetFormatError("the sheet has no valid schema_version")
    if version > SCHEMA_VERSION:
        # A huge number cannot even be turned into text (Python refuses over 4,300 digits).
        shown = f" (format {version})" if version < 10**6 else ""
        raise SheetTooNewError(
            f"this sheet was made by a newer First Session{shown}; "
            f"this version reads up to format {SCHEMA_VERSION}"
        )
    data = migrate(dict(data), version)
    sheet = _Reader(data).sheet()
    fold_old_language_answer(sheet)
    return sheet


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


class _Reader:
    """Reads a dict field by field, naming the exact field that is wrong."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def sheet(self) -> Sheet:
        d = self.data
        about = self._obj(d, "about")
        export = self._obj(d, "export")
        return Sheet(
            about=AboutMe(
                name=self._str(about, "name", "about"),
                pronouns=self._str(about, "pronouns", "about"),
                language=self._str(about, "language", "about"),
            ),
            country=self._str(d, "country"),
            what_brings_me=self._str(d, "what_brings_me"),
            goals=self._str(d, "goals"),
            hoped_change=self._str(d, "hoped_change"),
            feelings=[self._feeling(x, f"feelings[{i}]") for i, x in self._list(d, "feelings")],
            culture=[self._answer(x, f"culture[{i}]") for i, x in self._list(d, "culture")],
            preferences=[
                self._answer(x, f"preferences[{i}]") for i, x in self._list(d, "preferences")
            ],
            questions=[self._question(x, f"questions[{i}]") for i, x in self._list(d, "questions")],
            therapists=[
                self._therapist(x, f"therapists[{i}]") for i, x in self._list(d, "therapists")
            ][:MAX_THERAPISTS],
            checklist=self._bool_map(d, "checklist"),
            nervous_questions=self._str(d, "nervous_questions"),
            notes=self._str(d, "notes"),
            packet=self._packet(d),
            export=ExportOptions(
                sections=[s for s in self._str_list(export, "sections", "export") if s in SECTIONS]
                if "sections" in export
                else list(DEFAULT_SECTIONS),
                paper=self._choice(export, "paper", ("auto", "A4", "Letter"), "auto", "export"),
            ),
        )

    # -- parts ------------------------------------------------------------------

    def _feeling(self, x: object, where: str) -> Feeling:
        obj = self._as_obj(x, where)
        word = self._str(obj, "word", where)
        if not word.strip():
            raise SheetFormatError(f"{where}.word is empty")
        return Feeling(
            word=word,
            own=self._bool(obj, "own", where),
            intensity=self._rating(obj, "intensity", 0, 10, where),
            when_where=self._str(obj, "when_where", where),
            body=self._str(obj, "body", where),
            helps=self._str(obj, "helps", where),
        )

    def _answer(self, x: object, where: str) -> PromptAnswer:
        obj = self._as_obj(x, where)
        return PromptAnswer(
            prompt_id=self._id(obj, "prompt_id", where),
            answer=self._str(obj, "answer", where),
            share=self._bool(obj, "share", where),
            label=self._label(obj, where),
        )

    def _label(self, obj: dict[str, Any], where: str) -> str:
        label = self._str(obj, "label", where)
        if len(label) > MAX_LABEL_CHARS:
            raise SheetFormatError(
                f"{where}.label is longer than {MAX_LABEL_CHARS} characters")
        return label

    def _question(self, x: object, where: str) -> ChosenQuestion:
        obj = self._as_obj(x, where)
        return ChosenQuestion(
            id=self._id(obj, "id", where),
            text=self._str(obj, "text", where),
            starred=self._bool(obj, "starred", where),
            own=self._bool(obj, "own", where),
        )

    def _therapist(self, x: object, where: str) -> Therapist:
        obj = self._as_obj(x, where)
        answers = obj.get("answers", {})
        if not isinstance(answers, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in answers.items()
        ):
            raise SheetFormatError(f"{where}.answers should map question ids to text")
        return Therapist(
            id=self._id(obj, "id", where),
            name=self._str(obj, "name", where),
            contact=self._str(obj, "contact", where),
            answers=dict(answers),
            notes=self._str(obj, "notes", where),
            fit=self._rating(obj, "fit", 1, 5, where),
        )

    def _packet(self, d: dict[str, Any]) -> dict[str, Any] | None:
        value = d.get("packet")
        if value is None:
            return None
        from firstsession.packet import PacketError, packet_from_dict

        try:
            packet_from_dict(value)
        except PacketError as err:
            raise SheetFormatError(f"packet: {err}") from None
        return dict(value)

    # -- typed fields -------------------------------------------------------------

    @staticmethod
    def _name(where: str, key: str) -> str:
        return f"{where}.{key}" if where else key

    def _as_obj(self, x: object, where: str) -> dict[str, Any]:
        if not isinstance(x, dict):
            raise SheetFormatError(f"{where} should be an object")
        return x

    def _obj(self, d: dict[str, Any], key: str, where: str = "") -> dict[str, Any]:
        value = d.get(key, {})
        return self._as_obj(value, self._name(where, key))

    def _list(self, d: dict[str, Any], key: str) -> list[tuple[int, object]]:
        value = d.get(key, [])
        if not isinstance(value, list):
            raise SheetFormatError(f"{key} should be a list")
        return list(enumerate(value))

    def _str(self, d: dict[str, Any], key: str, where: str = "") -> str:
        value = d.get(key, "")
        if not isinstance(value, str):
            raise SheetFormatError(f"{self._name(where, key)} should be text")
        return value

    def _id(self, d: dict[str, Any], key: str, where: str) -> str:
        value = self._str(d, key, where)
        if not value:
            raise SheetFormatError(f"{self._name(where, key)} is missing")
        return value

    def _bool(self, d: dict[str, Any], key: str, where: str = "") -> bool:
        value = d.get(key, False)
        if not isinstance(value, bool):
            raise SheetFormatError(f"{self._name(where, key)} should be true or false")
        return value

    def _rating(self, d: dict[str, Any], key: str, lo: int, hi: int, where: str) -> int | None:
        """A rating the person set, or None (null or missing): not rated."""
        value = d.get(key)
        if value is None:
            return None
        # bool is an int to Python, but true is not a number here; a huge int (even one
        # too long to print) is simply out of range, never printed.
        if type(value) is not int or not lo <= value <= hi:
            raise SheetFormatError(
                f"{self._name(where, key)} should be a whole number from {lo} to {hi}, "
                "or null (not rated)"
            )
        return value

    def _choice(
        self, d: dict[str, Any], key: str, allowed: tuple[str, ...], default: str, where: str
    ) -> str:
        value = d.get(key, default)
        if value not in allowed:
            choices = ", ".join(allowed)
            raise SheetFormatError(f"{self._name(where, key)} should be one of {choices}")
        return str(value)

    def _str_list(self, d: dict[str, Any], key: str, where: str) -> list[str]:
        value = d.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SheetFormatError(f"{self._name(where, key)} should be a list of text")
        return list(value)

    def _bool_map(self, d: dict[str, Any], key: str) -> dict[str, bool]:
        value = d.get(key, {})
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, bool) for k, v in value.items()
        ):
            raise SheetFormatError(f"{key} should map item ids to true or false")
        return dict(value)
