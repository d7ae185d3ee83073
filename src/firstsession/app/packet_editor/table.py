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

from firstsession.i18n import N_, _
from firstsession.packet import (
    DEFAULT_QUESTION_CATEGORY,
    LocalCrisisLine,
    PacketPrompt,
    PacketQuestion,
)


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
class Words:
    """What a list's buttons and entries are called, each a whole sentence of the
    catalogue (a noun is never put into a sentence by code: languages inflect it)."""

    add: str  # "Add a crisis line"
    remove: str  # "Remove the chosen crisis line"
    up: str  # "Move the chosen crisis line up"
    down: str  # "Move the chosen crisis line down"
    new: str  # a new entry's name in the list: "(new crisis line)"
    field: str  # an entry's field for screen readers: "Crisis line: %1" (%1 the field)


@dataclass(frozen=True)
class Items:
    """What a list row holds: entries of ``item`` type, shown by ``parts``."""

    item: type[LocalCrisisLine] | type[PacketPrompt] | type[PacketQuestion]
    words: Words
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
    ("", N_("Not said")),
    ("in_person", N_("In person")),
    ("online", N_("Online")),
    ("both", N_("In person or online")),
)


def _mode(path: str, label: str, add: str, replace: str) -> Row:
    """A drop-down saying whether the practice's own entries add to or replace the app's."""
    return Row(path, path, Kind.CHOICE, label,
               choices=(("add", add), ("replace", replace)), default="add")


TABS: tuple[Tab, ...] = (
    Tab(N_("&Practice"), "", (
        Row("practice.name", "name", Kind.LINE, N_("Practice &name (needed)"),
            N_("The practice name")),
        Row("practice.clinicians", "clinicians", Kind.LINES, N_("Cl&inicians, one per line"),
            N_("The clinicians list"), N_("For example: Dr. Amara Okafor, Licensed Psychologist"),
            lines=3, numbered=N_("Clinician %1")),
        Row("practice.address", "address", Kind.AREA, N_('A&ddress'),
            N_("The address"), lines=3),
        Row("practice.phone", "phone", Kind.LINE, N_('P&hone'),
            N_("The phone number")),
        Row("practice.email", "email", Kind.LINE, N_('&Email'),
            N_("The email address")),
        Row("practice.website", "website", Kind.LINE, N_('We&bsite'),
            N_("The website"),
            N_("Shown as text, not as a link")),
        Row("language", "language", Kind.LANGUAGE, N_("Lan&guage of your clients"), N_("Language"),
            N_("The language your handout and notes are written in"),
            second=Part("country", N_("Co&untry or region (optional)"), hint=(
                N_("Where your clients are, when the language differs by place, "
                "as Spanish in Mexico")))),
        Row("country", "practice_country", Kind.COUNTRY, N_("Countr&y of the practice (needed)"),
            N_("The country of the practice"),
            N_("Your handout shows this country's emergency number and crisis lines, "
               "whatever computer prints it")),
        Row("logo", "logo_field", Kind.LOGO, N_("&Logo"), N_("The logo"),
            N_("A PNG or JPEG image, at most 2 MiB")),
    )),
    Tab(N_("&Welcome"), (
        N_("Your welcome note, how sessions happen, and your policies, as clients see them on "
        "the Welcome step. Write as you would speak to a nervous new client: short and kind.")
    ), (
        Row("welcome_note", "welcome_note", Kind.AREA, N_('Welcome &note'),
            N_("The welcome note"), lines=5),
        Row("session_format", "session_format", Kind.CHOICE,
            N_('How we m&eet'), choices=SESSION_FORMATS),
        Row("fees", "fees", Kind.AREA, N_('&Fees'), N_("Fees")),
        Row("insurance", "insurance", Kind.AREA, N_('&Insurance'),
            N_("Insurance")),
        Row("sliding_scale", "sliding_scale", Kind.AREA,
            N_('S&liding scale'), N_("Sliding scale")),
        Row("cancellation", "cancellation", Kind.AREA, N_('Cancellation polic&y'),
            N_("The cancellation policy")),
        Row("confidentiality", "confidentiality", Kind.AREA,
            N_('C&onfidentiality'), N_("Confidentiality"),
            N_("In short, in plain words")),
    )),
    Tab(N_('Local &crisis lines'), (
        N_("Local lines are shown before the national ones, on every step and on every page "
        "of the handout. Check each number before you save.")
    ), (
        Row("crisis_lines", "crisis", Kind.LIST, problem=N_("The crisis lines"),
            numbered=N_("Crisis line %1"), items=Items(
                LocalCrisisLine, Words(
                    N_("Add a crisis line"), N_("Remove the chosen crisis line"),
                    N_("Move the chosen crisis line up"), N_("Move the chosen crisis line down"),
                    N_("(new crisis line)"), N_("Crisis line: %1")),
                N_("&List of crisis lines"), (
                    Part("name", N_("&Name"), N_("name")),
                    Part("contact", N_("C&ontact"), N_("contact"),
                         hint=N_("For example: Call or text 988")),
                    Part("detail", N_("&Detail"), N_("detail"), multiline=True),
                ), limit=10)),
    )),
    Tab(N_("S&teps"), (
        N_("Choose the steps your clients see. Welcome (with the privacy promise and the "
        "crisis line) and Print and export are always included.")
    ), (
        Row("steps", "step_boxes", Kind.STEPS),
    )),
    Tab(N_("P&rompts"), (
        N_("Your own questions for the \"My background\" step. Clients answer them privately "
        "and choose what to share.")
    ), (
        _mode("prompts_mode", N_("How your prompts are &used"),
              N_("Added after First Session's prompts"),
              N_("Shown instead of First Session's prompts")),
        Row("prompts", "prompts", Kind.LIST, problem=N_("The prompts"), numbered=N_("Prompt %1"),
            items=Items(PacketPrompt, Words(
                N_("Add a prompt"), N_("Remove the chosen prompt"),
                N_("Move the chosen prompt up"), N_("Move the chosen prompt down"),
                N_("(new prompt)"), N_("Prompt: %1")), N_("&List of your prompts"), (
                Part("label", N_("Prompt t&ext"), N_("prompt")),
                Part("help", N_("&Help text"), N_("help text"), multiline=True,
                     hint=N_("An example or a kind word (optional)")),
            ), limit=60, hidden=("id",), id_stem="prompt")),
    )),
    Tab(N_("&Questions"), (
        N_("Questions clients may want to ask you. They are shown in a group with your "
        "practice's name.")
    ), (
        _mode("questions_mode", N_("How your questions are &used"),
              N_("Added after First Session's questions"),
              N_("Shown instead of First Session's questions")),
        Row("questions", "questions", Kind.LIST, problem=N_("The questions"),
            numbered=N_("Question %1"), items=Items(PacketQuestion, Words(
                N_("Add a question"), N_("Remove the chosen question"),
                N_("Move the chosen question up"), N_("Move the chosen question down"),
                N_("(new question)"), N_("Question: %1")),
                N_("&List of your questions"), (
                Part("text", N_("Question t&ext"), N_("question")),
                Part("why", N_("Wh&y it helps"), N_("why it helps"), multiline=True),
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
        return _(row.problem) if name == row.path and row.problem else name
    if not row.numbered:
        return name
    label = _(row.numbered).replace("%1", str(place.index + 1))
    if not place.key:
        return label
    parts = {part.key: part for part in row.items.parts} if row.items else {}
    part = parts.get(place.key)
    return f"{label}: {_(part.problem) if part and part.problem else place.key}"
