"""The packet editor's form as one declarative table: each packet field, its label and widget kind.

The editor builds its widgets from ``TABS``, loads a ``Packet`` into them, saves them back
into a ``Packet`` and names problems by field, all from these rows (as ReText's settings
dialog is built from one list of options), so a field is added in one place. A row's
``path`` is the field's name as the packet checker names it in a ``PacketError``
(``practice.name``, ``crisis_lines``); list rows' entries are named ``crisis_lines[0].contact``.

The English strings here are translated where the widgets are made, in the context
"PacketEditor" (``tr``), the same context the dialog's own strings use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication

from firstsession import labels
from firstsession.packet import (
    DEFAULT_QUESTION_CATEGORY,
    LocalCrisisLine,
    PacketPrompt,
    PacketQuestion,
)

CONTEXT = "PacketEditor"


def tr(text: str) -> str:
    """``text`` (a string of this table or the editor) in the person's language."""
    return QCoreApplication.translate(CONTEXT, text)


class Kind(Enum):
    """What widget a row is edited with, and so how its value is loaded and saved."""

    LINE = "line"  # a one-line field; a string, stripped
    AREA = "area"  # a multi-line field; a string, stripped
    LINES = "lines"  # a multi-line field, one item a line; a list of strings
    CHOICE = "choice"  # a drop-down of ``choices``; the chosen value (``default`` if none)
    LANGUAGE = "language"  # a language and a country drop-down; a language tag
    COUNTRY = "country"  # every ISO country by its name in the UI's language; its code
    LOGO = "logo"  # a preview with Choose and Remove; a ``Logo`` or None
    STEPS = "steps"  # a check box a step; the chosen step ids
    LIST = "list"  # a list of entries with the chosen one's fields below


TEXT_KINDS = (Kind.LINE, Kind.AREA, Kind.LINES)  # the rows typed as text


@dataclass(frozen=True)
class Part:
    """One field of a list's entries (or a row's second widget): its key, label and hint."""

    key: str  # the item's attribute (a list entry) or the editor's attribute (a second widget)
    label: str  # with a mnemonic ampersand
    problem: str = ""  # how a problem names it ("contact"); "" for the key itself
    multiline: bool = False
    hint: str = ""  # the field's accessible description and placeholder


@dataclass(frozen=True)
class Items:
    """What a list row holds: entries of ``item`` type, shown by ``parts``."""

    item: type[LocalCrisisLine] | type[PacketPrompt] | type[PacketQuestion]
    noun: str  # "crisis line": the buttons' names ("Add a crisis line")
    list_label: str
    parts: tuple[Part, ...]
    limit: int  # at most this many entries
    hidden: tuple[str, ...] = ()  # the item's attributes kept but not shown (ids)
    id_stem: str = ""  # a new entry's "id" is "<stem>-<n>", not yet taken
    defaults: tuple[tuple[str, str], ...] = ()  # other hidden values of a new entry


@dataclass(frozen=True)
class Row:
    """One field of the packet as the form shows it."""

    path: str  # the packet field, as the checker names it: "practice.name", "fees"
    attr: str  # the editor's attribute holding the row's widget (tests and tools use it)
    kind: Kind
    label: str = ""  # with a mnemonic ampersand; "" for a row without a caption
    problem: str = ""  # how a problem names the field ("The practice name"); "" for the path
    hint: str = ""
    lines: int = 4  # the height of a multi-line field, in lines
    choices: tuple[tuple[str, str], ...] = ()  # a drop-down's (value, label) pairs
    default: str = ""  # a drop-down's value when nothing is chosen
    numbered: str = ""  # how a problem names entry %1 of a list ("Crisis line %1")
    second: Part | None = None  # a second widget on the row (the language's country)
    items: Items | None = None  # a list row's entries


@dataclass(frozen=True)
class Tab:
    """A tab of the editor: its title, a short introduction, and its rows in order."""

    title: str
    intro: str
    rows: tuple[Row, ...]


SESSION_FORMATS = (
    ("", "Not said"),
    ("in_person", "In person"),
    ("online", "Online"),
    ("both", "In person or online"),
)


def _label(text: str, at: str) -> str:
    """``text`` (a label of ``labels``) with its mnemonic ampersand before ``at``'s first
    letter: ``_label("Welcome note", "note")`` is "Welcome &note"."""
    index = text.index(at)
    return f"{text[:index]}&{text[index:]}"


def _mode(path: str, label: str, add: str, replace: str) -> Row:
    """A drop-down saying whether the practice's own entries add to or replace the app's."""
    return Row(path, path, Kind.CHOICE, label,
               choices=(("add", add), ("replace", replace)), default="add")


TABS: tuple[Tab, ...] = (
    Tab("&Practice", "", (
        Row("practice.name", "name", Kind.LINE, "Practice &name (needed)",
            "The practice name"),
        Row("practice.clinicians", "clinicians", Kind.LINES, "Cl&inicians, one per line",
            "The clinicians list", "For example: Dr. Amara Okafor, Licensed Psychologist",
            lines=3, numbered="Clinician %1"),
        Row("practice.address", "address", Kind.AREA, _label(labels.ADDRESS, "ddress"),
            "The address", lines=3),
        Row("practice.phone", "phone", Kind.LINE, _label(labels.PHONE, "hone"),
            "The phone number"),
        Row("practice.email", "email", Kind.LINE, _label(labels.EMAIL, "Email"),
            "The email address"),
        Row("practice.website", "website", Kind.LINE, _label(labels.WEBSITE, "bsite"),
            "The website",
            "Shown as text, not as a link"),
        Row("language", "language", Kind.LANGUAGE, "Lan&guage of your clients", "Language",
            "The language your handout and notes are written in",
            second=Part("country", "Co&untry or region (optional)", hint=(
                "Where your clients are, when the language differs by place, "
                "as Spanish in Mexico"))),
        Row("country", "practice_country", Kind.COUNTRY, "Countr&y of the practice (needed)",
            "The country of the practice",
            "Your handout shows this country's emergency number and crisis lines, "
            "whatever computer prints it"),
        Row("logo", "logo_field", Kind.LOGO, "&Logo", "The logo",
            "A PNG or JPEG image, at most 2 MiB"),
    )),
    Tab("&Welcome", (
        "Your welcome note, how sessions happen, and your policies, as clients see them on "
        "the Welcome step. Write as you would speak to a nervous new client: short and kind."
    ), (
        Row("welcome_note", "welcome_note", Kind.AREA, _label(labels.WELCOME_NOTE, "note"),
            "The welcome note", lines=5),
        Row("session_format", "session_format", Kind.CHOICE,
            _label(labels.SESSION_FORMAT, "eet"), choices=SESSION_FORMATS),
        Row("fees", "fees", Kind.AREA, _label(labels.FEES, "Fees"), "Fees"),
        Row("insurance", "insurance", Kind.AREA, _label(labels.INSURANCE, "Insurance"),
            "Insurance"),
        Row("sliding_scale", "sliding_scale", Kind.AREA,
            _label(labels.SLIDING_SCALE, "liding"), "Sliding scale"),
        Row("cancellation", "cancellation", Kind.AREA, _label(labels.CANCELLATION, "y"),
            "The cancellation policy"),
        Row("confidentiality", "confidentiality", Kind.AREA,
            _label(labels.CONFIDENTIALITY, "onf"), "Confidentiality",
            "In short, in plain words"),
    )),
    Tab(_label(labels.LOCAL_CRISIS_LINES, "crisis"), (
        "Local lines are shown before the national ones, on every step and on every page "
        "of the handout. Check each number before you save."
    ), (
        Row("crisis_lines", "crisis", Kind.LIST, problem="The crisis lines",
            numbered="Crisis line %1", items=Items(
                LocalCrisisLine, "crisis line", "&List of crisis lines", (
                    Part("name", "&Name", "name"),
                    Part("contact", "C&ontact", "contact",
                         hint="For example: Call or text 988"),
                    Part("detail", "&Detail", "detail", multiline=True),
                ), limit=10)),
    )),
    Tab("S&teps", (
        "Choose the steps your clients see. Welcome (with the privacy promise and the "
        "crisis line) and Print and export are always included."
    ), (
        Row("steps", "step_boxes", Kind.STEPS),
    )),
    Tab("P&rompts", (
        "Your own questions for the \"My background\" step. Clients answer them privately "
        "and choose what to share."
    ), (
        _mode("prompts_mode", "How your prompts are &used",
              "Added after First Session's prompts", "Shown instead of First Session's prompts"),
        Row("prompts", "prompts", Kind.LIST, problem="The prompts", numbered="Prompt %1",
            items=Items(PacketPrompt, "prompt", "&List of your prompts", (
                Part("label", "Prompt t&ext", "prompt"),
                Part("help", "&Help text", "help text", multiline=True,
                     hint="An example or a kind word (optional)"),
            ), limit=60, hidden=("id",), id_stem="prompt")),
    )),
    Tab("&Questions", (
        "Questions clients may want to ask you. They are shown in a group with your "
        "practice's name."
    ), (
        _mode("questions_mode", "How your questions are &used",
              "Added after First Session's questions",
              "Shown instead of First Session's questions"),
        Row("questions", "questions", Kind.LIST, problem="The questions",
            numbered="Question %1", items=Items(PacketQuestion, "question",
                                                "&List of your questions", (
                Part("text", "Question t&ext", "question"),
                Part("why", "Wh&y it helps", "why it helps", multiline=True),
            ), limit=100, hidden=("id", "category"), id_stem="question",
                defaults=(("category", DEFAULT_QUESTION_CATEGORY),))),
    )),
)

ROWS: dict[str, Row] = {row.path: row for tab in TABS for row in tab.rows}

# A field's name in a problem: "fees", "practice.name", "logo.mime", "crisis_lines[2].contact".
_NAME = re.compile(r"(?P<path>\w+(?:\.\w+)?)(?:\[(?P<index>\d+)\](?:\.(?P<key>\w+))?)?")


@dataclass(frozen=True)
class Place:
    """Where a field named in a problem is: its row, and for a list the entry and its key."""

    row: Row
    index: int | None = None  # the entry (0 = the first) of a list or a LINES field
    key: str | None = None  # the entry's field ("contact"), if named


def place_of(name: str | None) -> Place | None:
    """The row (and entry) of a field named as a ``PacketError`` names it, e.g.
    ``crisis_lines[1].contact`` -> the crisis lines row, entry 1, key "contact"; a part of a
    row's value (``logo.mime``) is the row. None for a name no row holds."""
    match = _NAME.fullmatch(name or "")
    if match is None:
        return None
    path = match["path"]
    row = ROWS.get(path) or ROWS.get(path.split(".")[0])
    if row is None:
        return None
    index = match["index"]
    if index is not None and row.kind not in (Kind.LIST, Kind.LINES):
        return None
    return Place(row, None if index is None else int(index), match["key"])


def field_label(name: str) -> str:
    """A packet field's name (``crisis_lines[1].contact``) as the form calls it
    ("Crisis line 2: contact"); a name the form has no words for comes back as it is."""
    place = place_of(name)
    if place is None:
        return name
    row = place.row
    if place.index is None:
        return tr(row.problem) if name == row.path and row.problem else name
    if not row.numbered:
        return name
    label = tr(row.numbered).replace("%1", str(place.index + 1))
    if not place.key:
        return label
    parts = {part.key: part for part in row.items.parts} if row.items else {}
    part = parts.get(place.key)
    return f"{label}: {tr(part.problem) if part and part.problem else place.key}"
