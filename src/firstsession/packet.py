"""Counsellor packets: a practice's own version of First Session, as one file.

A packet holds a practice's details (name, clinicians, contact, logo), its
policies (fees, insurance, cancellation, confidentiality), local crisis lines,
the language, which steps to show, and extra prompts and questions that are
added to (or replace) the bank's. Plain dataclasses, no Qt, no PDF.

A packet may come from anyone, so reading one is strict (docs/PACKET_FORMAT.md):
the size is checked before reading, every field is type-checked and
length-limited, unknown fields are refused, and the logo is decoded and checked
with Pillow before it is used. Every problem is a ``PacketError`` whose message
is one line for people, naming the field.

Text from a packet is data, never code or links: the app and the PDF must
escape it exactly as they escape text a person typed, never render it as a
template, and show a website as plain text.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import re
import threading
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn

from firstsession import files
from firstsession.content import Category, Content, CrisisCountry, CrisisLine, Prompt, Question
from firstsession.progress import STEP_IDS

FORMAT_NAME = "firstsession-packet"
SCHEMA_VERSION = 1

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
ALWAYS_STEPS: tuple[str, ...] = ("welcome", "export")

# Packet prompt and question ids are shown to the rest of the app with this
# prefix, so they can never collide with the bank's ids (which never use it).
ID_PREFIX = "pk-"
PRACTICE_CATEGORY_ID = "pk-practice"
DEFAULT_QUESTION_CATEGORY = "practice"

_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
# C0 and C1 controls except tab and line feed, DEL, and lone surrogates (which
# json.loads lets through from "\ud800" escapes and which cannot be written out).
_BAD_CHAR_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"

# Pillow's pixel limit and the warnings filter are process-wide; this keeps two
# of our own checks from changing them at the same time.
_PILLOW_LOCK = threading.Lock()


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
    steps: list[str] = field(default_factory=lambda: list(STEP_IDS))
    prompts: list[PacketPrompt] = field(default_factory=list)
    prompts_mode: str = "add"  # "add" to the bank's culture prompts, or "replace" them
    questions: list[PacketQuestion] = field(default_factory=list)
    questions_mode: str = "add"  # "add" to the bank's questions, or "replace" them


# -- applying a packet to the content ---------------------------------------------------


def packet_item_id(local_id: str) -> str:
    """The id the app uses for a packet prompt or question ("pk-<id>")."""
    return ID_PREFIX + local_id


def is_packet_item_id(app_id: str) -> bool:
    return app_id.startswith(ID_PREFIX)


def included_steps(packet: Packet) -> tuple[str, ...]:
    """The steps to show, in the app's order; welcome and export are always in."""
    chosen = set(packet.steps) | set(ALWAYS_STEPS)
    return tuple(s for s in STEP_IDS if s in chosen)


def packet_prompts(packet: Packet, content: Content) -> tuple[Prompt, ...]:
    """The background prompts with this packet: the bank's plus the packet's, or only its own.

    Preference prompts are not changed by a packet.
    """
    own = tuple(
        Prompt(
            id=packet_item_id(p.id),
            label=p.label,
            help=p.help,
            domain=packet.practice.name,
        )
        for p in packet.prompts
    )
    if packet.prompts_mode == "replace":
        return own
    return content.culture_prompts + own


def packet_categories(packet: Packet, content: Content) -> tuple[Category, ...]:
    """The question bank with this packet.

    In "add" mode: the bank's categories, then one category named after the
    practice holding the packet's questions (left out when there are none). In
    "replace" mode: only the practice's category.
    """
    own: tuple[Category, ...] = ()
    if packet.questions:
        questions = tuple(
            Question(
                id=packet_item_id(q.id),
                text=q.text,
                why=q.why,
                category=PRACTICE_CATEGORY_ID,
            )
            for q in packet.questions
        )
        own = (Category(PRACTICE_CATEGORY_ID, packet.practice.name, questions),)
    if packet.questions_mode == "replace":
        return own
    return content.categories + own


def packet_crisis_lines(packet: Packet) -> tuple[CrisisLine, ...]:
    """The packet's local crisis lines in the content's own shape (for footers)."""
    return tuple(CrisisLine(c.name, c.contact, c.detail) for c in packet.crisis_lines)


# -- writing ----------------------------------------------------------------------------


def packet_to_dict(packet: Packet) -> dict[str, Any]:
    p = packet.practice
    logo = packet.logo
    return {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "practice": {
            "name": p.name,
            "clinicians": list(p.clinicians),
            "address": p.address,
            "phone": p.phone,
            "email": p.email,
            "website": p.website,
        },
        "logo": None
        if logo is None
        else {"mime": logo.mime, "data": base64.b64encode(logo.data).decode("ascii")},
        "welcome_note": packet.welcome_note,
        "fees": packet.fees,
        "insurance": packet.insurance,
        "sliding_scale": packet.sliding_scale,
        "cancellation": packet.cancellation,
        "session_format": packet.session_format,
        "confidentiality": packet.confidentiality,
        "crisis_lines": [
            {"name": c.name, "contact": c.contact, "detail": c.detail}
            for c in packet.crisis_lines
        ],
        "language": packet.language,
        "steps": list(included_steps(packet)),
        "prompts": [{"id": x.id, "label": x.label, "help": x.help} for x in packet.prompts],
        "prompts_mode": packet.prompts_mode,
        "questions": [
            {"id": q.id, "text": q.text, "why": q.why, "category": q.category}
            for q in packet.questions
        ],
        "questions_mode": packet.questions_mode,
    }


def validate_packet(packet: Packet) -> Packet:
    """Check a packet built in the app exactly as a packet file is checked.

    Returns the packet as it would be read back (steps in order); raises
    PacketError naming the first field that is wrong.
    """
    return packet_from_dict(packet_to_dict(packet))


def encode_packet(packet: Packet) -> bytes:
    """The packet file's bytes (UTF-8 JSON). Call ``validate_packet`` first for clear errors."""
    text = json.dumps(packet_to_dict(packet), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def save_packet(packet: Packet, path: Path) -> None:
    """Check the packet, then write it atomically; a packet we could not read is never written.

    New packet files are readable by others (0644): a packet is meant to be
    handed out and holds no client data.
    """
    from firstsession.storage import atomic_write  # storage is only needed to save

    validate_packet(packet)
    data = encode_packet(packet)
    if len(data) > MAX_PACKET_BYTES:
        raise PacketError(f"the packet is too large (at most {_mib(MAX_PACKET_BYTES)})")
    atomic_write(path, data, mode=0o644)


# -- reading ----------------------------------------------------------------------------


def read_packet_file(path: Path) -> Packet:
    """Read and check a packet file without changing anything on disk.

    The file is read by ``files.read_bounded`` (regular files only, at most
    MAX_PACKET_BYTES). Raises PacketError with one line naming the file.
    """
    try:
        raw = files.read_bounded(path, MAX_PACKET_BYTES, "a packet")
    except files.FileReadError as err:
        raise PacketError(str(err)) from None
    try:
        return decode_packet(raw)
    except PacketError as err:
        raise type(err)(f"{files.shown(path)} cannot be used: {err}", err.field) from None


def decode_packet(raw: bytes) -> Packet:
    """A packet from a file's bytes (strict JSON, see ``files.decode_json``); raises PacketError."""
    if len(raw) > MAX_PACKET_BYTES:
        raise PacketError(f"the packet is too large (at most {_mib(MAX_PACKET_BYTES)})")
    try:
        data = files.decode_json(raw, "the packet")
    except files.FileReadError as err:
        raise PacketError(str(err)) from None
    return packet_from_dict(data)


def packet_from_dict(data: object) -> Packet:
    """Build a packet from parsed JSON, checking every field; raises PacketError."""
    if not isinstance(data, dict):
        raise PacketError("this is not a First Session counsellor packet")
    kind = data.get("format")
    if kind == "firstsession-sheet":
        raise PacketError("this is a First Session sheet, not a counsellor packet")
    if kind != FORMAT_NAME:
        raise PacketError("this is not a First Session counsellor packet")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PacketError("the packet has no valid schema_version", "schema_version")
    if version > SCHEMA_VERSION:
        shown = f" (format {version})" if version < 10**6 else ""
        raise PacketTooNewError(
            f"this packet was made by a newer First Session{shown}; "
            f"this version reads packets up to format {SCHEMA_VERSION}",
            "schema_version",
        )
    return _Reader().packet(data)


class _Reader:
    """Reads a parsed packet field by field, naming the exact field that is wrong."""

    def packet(self, d: dict[Any, Any]) -> Packet:
        self.only(d, _TOP_LEVEL_FIELDS, "")
        logo = d.get("logo")
        return Packet(
            practice=self.practice(d.get("practice", {})),
            logo=None if logo is None else self.logo(logo),
            welcome_note=self.text(d, "welcome_note", "", NOTE_MAX),
            fees=self.text(d, "fees", "", NOTE_MAX),
            insurance=self.text(d, "insurance", "", NOTE_MAX),
            sliding_scale=self.text(d, "sliding_scale", "", NOTE_MAX),
            cancellation=self.text(d, "cancellation", "", NOTE_MAX),
            session_format=self.choice(d, "session_format", SESSION_FORMATS, ""),
            confidentiality=self.text(d, "confidentiality", "", NOTE_MAX),
            crisis_lines=[
                self.crisis_line(x, f"crisis_lines[{i}]")
                for i, x in self.items(d, "crisis_lines", MAX_CRISIS_LINES)
            ],
            language=self.language(d),
            steps=self.steps(d),
            prompts=self.prompts(d),
            prompts_mode=self.choice(d, "prompts_mode", MODES, "add"),
            questions=self.questions(d),
            questions_mode=self.choice(d, "questions_mode", MODES, "add"),
        )

    # -- parts ----------------------------------------------------------------------

    def practice(self, value: object) -> Practice:
        obj = self.obj(value, "practice")
        self.only(obj, ("name", "clinicians", "address", "phone", "email", "website"), "practice")
        return Practice(
            name=self.text(obj, "name", "practice", LINE_MAX, one_line=True, required=True),
            clinicians=[
                self.check_text(x, f"practice.clinicians[{i}]", LINE_MAX, one_line=True)
                for i, x in self.items(obj, "clinicians", MAX_CLINICIANS, "practice")
            ],
            address=self.text(obj, "address", "practice", ADDRESS_MAX),
            phone=self.text(obj, "phone", "practice", LINE_MAX, one_line=True),
            email=self.text(obj, "email", "practice", LINE_MAX, one_line=True),
            website=self.text(obj, "website", "practice", LINE_MAX, one_line=True),
        )

    def logo(self, value: object) -> Logo:
        obj = self.obj(value, "logo")
        self.only(obj, ("mime", "data"), "logo")
        for key in ("mime", "data"):
            if key not in obj:
                self.fail(f"logo.{key} is missing", f"logo.{key}")
        mime = obj["mime"]
        if not isinstance(mime, str) or mime not in LOGO_MIMES:
            self.fail('logo.mime should be "image/png" or "image/jpeg"', "logo.mime")
        encoded = obj["data"]
        if not isinstance(encoded, str):
            self.fail("logo.data should be text (the image in base64)", "logo.data")
        # base64 is 4 characters for 3 bytes; allow line breaks from tools that wrap it
        if len(encoded) > (MAX_LOGO_BYTES // 3 + 1) * 4 * 2:
            self.fail(f"the logo is too large (at most {_mib(MAX_LOGO_BYTES)})", "logo.data")
        compact = "".join(encoded.split())
        if len(compact) > (MAX_LOGO_BYTES // 3 + 1) * 4:
            self.fail(f"the logo is too large (at most {_mib(MAX_LOGO_BYTES)})", "logo.data")
        try:
            raw = base64.b64decode(compact, validate=True)
        except (binascii.Error, ValueError):
            self.fail("logo.data is not valid base64", "logo.data")
        return logo_from_bytes(raw, mime)

    def crisis_line(self, value: object, where: str) -> LocalCrisisLine:
        obj = self.obj(value, where)
        self.only(obj, ("name", "contact", "detail"), where)
        return LocalCrisisLine(
            name=self.text(obj, "name", where, LINE_MAX, one_line=True, required=True),
            contact=self.text(obj, "contact", where, LINE_MAX, one_line=True, required=True),
            detail=self.text(obj, "detail", where, CRISIS_DETAIL_MAX),
        )

    def language(self, d: dict[Any, Any]) -> str:
        value = d.get("language", "en")
        if (
            not isinstance(value, str)
            or len(value) > LANGUAGE_MAX
            or not _LANGUAGE_RE.fullmatch(value)
        ):
            self.fail('language should be a language tag such as "en" or "es-MX"', "language")
        return value

    def steps(self, d: dict[Any, Any]) -> list[str]:
        if "steps" not in d:
            return list(STEP_IDS)
        seen: set[str] = set()
        for i, x in self.items(d, "steps", len(STEP_IDS)):
            if not isinstance(x, str) or x not in STEP_IDS:
                self.fail(f"steps[{i}] should be one of {', '.join(STEP_IDS)}", f"steps[{i}]")
            if x in seen:
                self.fail(f"steps[{i}] names {x} twice", f"steps[{i}]")
            seen.add(x)
        return [s for s in STEP_IDS if s in seen or s in ALWAYS_STEPS]

    def prompts(self, d: dict[Any, Any]) -> list[PacketPrompt]:
        result: list[PacketPrompt] = []
        seen: set[str] = set()
        for i, x in self.items(d, "prompts", MAX_PROMPTS):
            where = f"prompts[{i}]"
            obj = self.obj(x, where)
            self.only(obj, ("id", "label", "help"), where)
            result.append(
                PacketPrompt(
                    id=self.ident(obj, where, seen),
                    label=self.text(
                        obj, "label", where, PROMPT_LABEL_MAX, one_line=True, required=True
                    ),
                    help=self.text(obj, "help", where, PROMPT_HELP_MAX),
                )
            )
        return result

    def questions(self, d: dict[Any, Any]) -> list[PacketQuestion]:
        result: list[PacketQuestion] = []
        seen: set[str] = set()
        for i, x in self.items(d, "questions", MAX_QUESTIONS):
            where = f"questions[{i}]"
            obj = self.obj(x, where)
            self.only(obj, ("id", "text", "why", "category"), where)
            question_id = self.ident(obj, where, seen)
            text = self.text(obj, "text", where, QUESTION_TEXT_MAX, one_line=True, required=True)
            why = self.text(obj, "why", where, QUESTION_WHY_MAX)
            category = obj.get("category", DEFAULT_QUESTION_CATEGORY)
            if not isinstance(category, str) or not _ID_RE.fullmatch(category):
                self.fail(f"{where}.category {_ID_RULE}", f"{where}.category")
            result.append(PacketQuestion(question_id, text, why, category))
        return result

    # -- typed fields -------------------------------------------------------------------

    @staticmethod
    def fail(message: str, name: str | None = None) -> NoReturn:
        raise PacketError(message, name)

    @staticmethod
    def name(where: str, key: str) -> str:
        return f"{where}.{key}" if where else key

    def obj(self, value: object, where: str) -> dict[Any, Any]:
        if not isinstance(value, dict):
            self.fail(f"{where} should be an object", where)
        return value

    def only(self, obj: dict[Any, Any], allowed: Iterable[str], where: str) -> None:
        allowed = tuple(allowed)
        unknown = [k for k in obj if not (isinstance(k, str) and k in allowed)]
        if not unknown:
            return
        names = ", ".join(_show(k) for k in unknown[:5])
        if len(unknown) > 5:
            names += f" and {len(unknown) - 5} more"
        noun = "field" if len(unknown) == 1 else "fields"
        place = f" in {where}" if where else ""
        self.fail(f"unknown {noun}{place}: {names}", where or None)

    def items(
        self, d: dict[Any, Any], key: str, limit: int, where: str = ""
    ) -> list[tuple[int, object]]:
        name = self.name(where, key)
        value = d.get(key, [])
        if not isinstance(value, list):
            self.fail(f"{name} should be a list", name)
        if len(value) > limit:
            self.fail(f"{name} has too many entries (at most {limit})", name)
        return list(enumerate(value))

    def text(
        self,
        d: dict[Any, Any],
        key: str,
        where: str,
        limit: int,
        *,
        one_line: bool = False,
        required: bool = False,
    ) -> str:
        name = self.name(where, key)
        if required and key not in d:
            self.fail(f"{name} is missing", name)
        return self.check_text(d.get(key, ""), name, limit, one_line=one_line, required=required)

    def check_text(
        self, value: object, name: str, limit: int, *, one_line: bool = False,
        required: bool = False,
    ) -> str:
        if not isinstance(value, str):
            self.fail(f"{name} should be text", name)
        if len(value) > limit:
            self.fail(f"{name} is too long (at most {limit} characters)", name)
        bad = _BAD_CHAR_RE.search(value)
        if bad:
            code = ord(bad.group())
            if 0xD800 <= code <= 0xDFFF:
                self.fail(f"{name} contains a broken character (U+{code:04X})", name)
            self.fail(
                f"{name} contains a control character (U+{code:04X}); "
                "only line breaks and tabs are allowed",
                name,
            )
        if one_line and "\n" in value:
            self.fail(f"{name} should be a single line", name)
        if required and not value.strip():
            self.fail(f"{name} is empty", name)
        return value

    def ident(self, obj: dict[Any, Any], where: str, seen: set[str]) -> str:
        name = f"{where}.id"
        if "id" not in obj:
            self.fail(f"{name} is missing", name)
        value = obj["id"]
        if not isinstance(value, str) or not _ID_RE.fullmatch(value):
            self.fail(f"{name} {_ID_RULE}", name)
        if value in seen:
            self.fail(f"{name} {value} is used twice", name)
        seen.add(value)
        return value

    def choice(
        self, d: dict[Any, Any], key: str, allowed: tuple[str, ...], default: str
    ) -> str:
        value = d.get(key, default)
        if not isinstance(value, str) or value not in allowed:
            shown = ", ".join(f'"{a}"' for a in allowed)
            self.fail(f"{key} should be one of {shown}", key)
        return value


_TOP_LEVEL_FIELDS: tuple[str, ...] = (
    "format",
    "schema_version",
    "practice",
    "logo",
    "welcome_note",
    "fees",
    "insurance",
    "sliding_scale",
    "cancellation",
    "session_format",
    "confidentiality",
    "crisis_lines",
    "language",
    "steps",
    "prompts",
    "prompts_mode",
    "questions",
    "questions_mode",
)

_ID_RULE = (
    "should be 1 to 64 lowercase letters, digits or hyphens, starting with a letter or digit"
)


# -- the logo ---------------------------------------------------------------------------


def read_logo_file(path: Path) -> Logo:
    """A logo chosen in the packet editor, read by ``files.read_bounded`` then checked.

    Raises PacketError with one line naming the file.
    """
    try:
        raw = files.read_bounded(path, MAX_LOGO_BYTES, "a logo")
    except files.FileReadError as err:
        raise PacketError(str(err)) from None
    try:
        return logo_from_bytes(raw)
    except PacketError as err:
        raise PacketError(
            f"{files.shown(path)} cannot be used as a logo: {err}", err.field
        ) from None


def logo_from_bytes(data: bytes, mime: str | None = None) -> Logo:
    """Check image bytes and make a Logo; ``mime``, when given, must match the real format.

    The size, the magic bytes and a full decode with Pillow are all checked;
    width and height come from the decoded image, never from the file.
    """
    if len(data) > MAX_LOGO_BYTES:
        raise PacketError(f"the logo is too large (at most {_mib(MAX_LOGO_BYTES)})", "logo")
    if data.startswith(_PNG_MAGIC):
        real = "image/png"
    elif data.startswith(_JPEG_MAGIC):
        real = "image/jpeg"
    else:
        raise PacketError("the logo is not a PNG or JPEG image", "logo")
    if mime is not None and mime != real:
        raise PacketError(
            f"logo.mime says {mime} but the image is a {_KIND[real]}", "logo.mime"
        )
    width, height = _check_image(data, _PILLOW_FORMAT[real])
    return Logo(real, bytes(data), width, height)


_KIND = {"image/png": "PNG", "image/jpeg": "JPEG"}
_PILLOW_FORMAT = {"image/png": "PNG", "image/jpeg": "JPEG"}


def _check_image(data: bytes, pillow_format: str) -> tuple[int, int]:
    """Decode the image fully; return its size or raise PacketError."""
    # Pillow is only needed when there is a logo to check.
    from PIL import Image, ImageFile

    too_big = (
        f"the logo has too many pixels (at most {MAX_LOGO_SIDE} \u00d7 {MAX_LOGO_SIDE})"
    )
    with _PILLOW_LOCK:
        saved_limit = Image.MAX_IMAGE_PIXELS
        saved_truncated = ImageFile.LOAD_TRUNCATED_IMAGES
        Image.MAX_IMAGE_PIXELS = MAX_LOGO_PIXELS
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            with warnings.catch_warnings():
                # Pillow's other warnings (such as "Corrupt EXIF data" on a camera's
                # JPEG) are harmless here and must never reach the person's terminal;
                # a decompression bomb becomes a plain refusal (below).
                warnings.simplefilter("ignore")
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                # Only the one decoder this format needs is ever tried.
                with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
                    width, height = image.size
                    if width > MAX_LOGO_SIDE or height > MAX_LOGO_SIDE:
                        raise PacketError(too_big, "logo")
                    if width < 1 or height < 1:
                        raise PacketError("the logo is an empty image", "logo")
                    if getattr(image, "n_frames", 1) != 1 or getattr(image, "is_animated", False):
                        raise PacketError(
                            "the logo is animated or has several frames; use a still image",
                            "logo",
                        )
                    image.verify()
                # verify() leaves the image unusable; decode every pixel from a fresh
                # open to catch data that is cut short.
                with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
                    image.load()
        except PacketError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PacketError(too_big, "logo") from None
        except Exception:  # any decoder failure on untrusted bytes means "bad image"
            raise PacketError(
                "the logo could not be read (the image is damaged or cut short)", "logo"
            ) from None
        finally:
            Image.MAX_IMAGE_PIXELS = saved_limit
            ImageFile.LOAD_TRUNCATED_IMAGES = saved_truncated
    return width, height


# -- small helpers ----------------------------------------------------------------------


_mib = files.mib
_show = files.show_key


# -- a packet applied to the content ---------------------------------------------------


class PacketContent(Content):
    """The content as a client of a practice sees it: the packet's prompts and
    questions added to (or in place of) the bank's, and its local crisis lines
    listed before the national ones. Everything else is the base content's."""

    def __init__(self, base: Content, packet: Packet) -> None:
        self._base = base
        self.packet = packet

    @cached_property
    def culture_prompts(self) -> tuple[Prompt, ...]:
        return packet_prompts(self.packet, self._base)

    @cached_property
    def categories(self) -> tuple[Category, ...]:
        return packet_categories(self.packet, self._base)

    def crisis_for(self, code: str) -> CrisisCountry:
        national = self._base.crisis_for(code)
        return national._replace(lines=packet_crisis_lines(self.packet) + national.lines)


def _delegate(name: str) -> property:
    return property(lambda self: getattr(self._base, name))


# Parts a packet does not change are read from the base content, never parsed twice.
for _name in ("explainers", "welcome", "privacy", "not_care", "handout_welcome",
              "handout_not_care", "families", "body_intro",
              "body_words", "culture_intro", "preference_prompts", "checklist_intro",
              "checklist", "countries"):
    setattr(PacketContent, _name, _delegate(_name))


def content_for_sheet(sheet_packet: dict[str, Any] | None, base: Content) -> Content:
    """The content for a sheet: the base content, or the packet's view of it."""
    if sheet_packet is None:
        return base
    return PacketContent(base, packet_from_dict(sheet_packet))
