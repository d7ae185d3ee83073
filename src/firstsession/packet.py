"""Counsellor packets as data: a practice's own version of First Session, as one file.

A packet holds a practice's details (name, clinicians, contact, logo), its
policies (fees, insurance, cancellation, confidentiality), local crisis lines,
the language, which steps to show, and extra prompts and questions that are
added to (or replace) the bank's. Plain dataclasses, no Qt, no PDF; the limits
every reader checks (docs/PACKET_FORMAT.md) and ``PacketError``.

Where the rest lives: ``packet_format`` reads a packet strictly and writes one;
``packet_logo`` checks a logo's bytes and makes the image everyone draws;
``packet_content`` is the content as a practice's client sees it.

Text from a packet is data, never code or links: the app and the PDF must
escape it exactly as they escape text a person typed, never render it as a
template, and show a website as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from firstsession.steps import ALWAYS_STEPS, STEP_IDS

FORMAT_NAME = "firstsession-packet"
# THE PACKET FORMAT'S VERSION, bumped in this one place (docs/PACKET_FORMAT.md, "Versions"):
# 1 first format; 2 adds `country` (issue 13), required when a packet is saved.
SCHEMA_VERSION = 2

# -- limits (docs/PACKET_FORMAT.md lists them for counsellors) ------------------------

MAX_PACKET_BYTES = 8 * 1024 * 1024  # the whole file, checked before it is read
MAX_LOGO_BYTES = 2 * 1024 * 1024  # the logo once decoded from base64
MAX_LOGO_SIDE = 4000  # pixels, each side
MAX_LOGO_PIXELS = MAX_LOGO_SIDE * MAX_LOGO_SIDE

LINE_MAX = 200  # names, phone, email, website, clinicians, crisis line name and contact
ADDRESS_MAX = 500
CRISIS_DETAIL_MAX = 500
NOTE_MAX = 5_000  # welcome note and each policy
PROMPT_LABEL_MAX = 500
PROMPT_HELP_MAX = 1_000
QUESTION_TEXT_MAX = 500
QUESTION_WHY_MAX = 1_000
LANGUAGE_MAX = 35

MAX_CLINICIANS = 20
MAX_CRISIS_LINES = 10
MAX_PROMPTS = 60
MAX_QUESTIONS = 100

LOGO_MIMES: tuple[str, ...] = ("image/png", "image/jpeg")
SESSION_FORMATS: tuple[str, ...] = ("in_person", "online", "both", "")
MODES: tuple[str, ...] = ("add", "replace")

# Packet prompt and question ids are shown to the rest of the app with this
# prefix, so they can never collide with the bank's ids (which never use it).
ID_PREFIX = "pk-"
PRACTICE_CATEGORY_ID = "pk-practice"
DEFAULT_QUESTION_CATEGORY = "practice"

class PacketError(ValueError):
    """A packet cannot be used. The message is one line for people.

    ``field`` names the offending field (such as ``"prompts[3].label"``) when
    there is one, so an editor can point at it.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class PacketTooNewError(PacketError):
    """The packet was written by a newer First Session."""


# -- the packet -------------------------------------------------------------------------


@dataclass
class Practice:
    name: str = ""
    clinicians: list[str] = field(default_factory=list)
    address: str = ""  # may span lines
    phone: str = ""
    email: str = ""
    website: str = ""  # shown as plain text, never as a link


@dataclass(frozen=True)
class Logo:
    """A checked PNG or JPEG; make one with ``logo_from_bytes`` or ``read_logo_file``."""

    mime: str  # "image/png" or "image/jpeg"
    data: bytes = field(repr=False)
    width: int
    height: int


@dataclass
class LocalCrisisLine:
    name: str
    contact: str
    detail: str = ""


@dataclass
class PacketPrompt:
    id: str  # the packet's own id; the app sees it as "pk-<id>"
    label: str
    help: str = ""


@dataclass
class PacketQuestion:
    id: str  # the packet's own id; the app sees it as "pk-<id>"
    text: str
    why: str = ""
    # Kept for grouping later; in format 1 every packet question is shown in
    # the practice's own category.
    category: str = DEFAULT_QUESTION_CATEGORY


@dataclass
class Packet:
    practice: Practice = field(default_factory=Practice)
    logo: Logo | None = None
    welcome_note: str = ""
    fees: str = ""
    insurance: str = ""
    sliding_scale: str = ""
    cancellation: str = ""
    session_format: str = ""  # "in_person", "online", "both" or "" (not said)
    confidentiality: str = ""
    crisis_lines: list[LocalCrisisLine] = field(default_factory=list)
    language: str = "en"
    # ISO 3166-1 code of the practice's country: its handout shows that country's
    # emergency number and crisis lines, whatever computer prints it. "" only in a
    # packet made before format 2 (then the --country or the system's country is used).
    country: str = ""
    steps: list[str] = field(default_factory=lambda: list(STEP_IDS))
    prompts: list[PacketPrompt] = field(default_factory=list)
    prompts_mode: str = "add"  # "add" to the bank's culture prompts, or "replace" them
    questions: list[PacketQuestion] = field(default_factory=list)
    questions_mode: str = "add"  # "add" to the bank's questions, or "replace" them


# -- what a packet shows ----------------------------------------------------------------


def packet_item_id(local_id: str) -> str:
    """The id the app uses for a packet prompt or question ("pk-<id>")."""
    return ID_PREFIX + local_id


def included_steps(packet: Packet) -> tuple[str, ...]:
    """The steps to show, in the app's order; welcome and export are always in."""
    chosen = set(packet.steps) | set(ALWAYS_STEPS)
    return tuple(s for s in STEP_IDS if s in chosen)


# A practice's details, each shown once in this order by the Welcome page, the packet
# editor's preview and the PDF's practice page (each in its own words for the titles).
CONTACT_FIELDS: tuple[str, ...] = ("address", "phone", "email", "website")
POLICY_FIELDS: tuple[str, ...] = (
    "fees", "insurance", "sliding_scale", "cancellation", "confidentiality",
)


def practice_contact(practice: Practice) -> list[tuple[str, str]]:
    """``(field, text)`` for each contact detail filled in, in ``CONTACT_FIELDS`` order.

    ``field`` is the Practice field's name ("phone"); text that is only spaces is left
    out; the text is returned as written (an address keeps its line breaks).
    """
    pairs = ((name, str(getattr(practice, name))) for name in CONTACT_FIELDS)
    return [(name, text) for name, text in pairs if text.strip()]


def practice_policies(packet: Packet) -> list[tuple[str, str]]:
    """``(field, text)`` for each policy the packet states, in ``POLICY_FIELDS`` order.

    ``field`` is the Packet field's name ("cancellation"); a policy that is empty or
    only spaces is left out; the text is returned as written.
    """
    pairs = ((name, str(getattr(packet, name))) for name in POLICY_FIELDS)
    return [(name, text) for name, text in pairs if text.strip()]
