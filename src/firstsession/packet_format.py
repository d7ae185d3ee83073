"""A counsellor packet's file format: strict reading of untrusted files, and writing.

A packet may come from anyone, so reading one is strict (docs/PACKET_FORMAT.md):
the size is checked before reading, every field is type-checked and
length-limited, unknown fields are refused, and the logo is decoded and checked
with Pillow (``packet_logo``) before it is used. Every problem is a
``PacketError`` whose message is one line for people, naming the field.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

from firstsession import files
from firstsession.i18n import N_, _, ngettext
from firstsession.names import refused_character
from firstsession.packet import (
    ADDRESS_MAX,
    CRISIS_DETAIL_MAX,
    DEFAULT_QUESTION_CATEGORY,
    FORMAT_NAME,
    LANGUAGE_MAX,
    LINE_MAX,
    LOGO_MIMES,
    MAX_CLINICIANS,
    MAX_CRISIS_LINES,
    MAX_LOGO_BYTES,
    MAX_PACKET_BYTES,
    MAX_PROMPTS,
    MAX_QUESTIONS,
    MODES,
    NOTE_MAX,
    PROMPT_HELP_MAX,
    PROMPT_LABEL_MAX,
    QUESTION_TEXT_MAX,
    QUESTION_WHY_MAX,
    SCHEMA_VERSION,
    SESSION_FORMATS,
    LocalCrisisLine,
    Logo,
    Packet,
    PacketError,
    PacketPrompt,
    PacketQuestion,
    PacketTooNewError,
    Practice,
    included_steps,
)
from firstsession.packet_logo import logo_from_bytes
from firstsession.steps import ALWAYS_STEPS, STEP_IDS

_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
# Text may hold tabs and line breaks; ZWJ, ZWNJ, bidi marks and variation selectors are
# text too. Refused: other control characters, lone surrogates (json.loads lets them
# through from "\ud800" escapes and they cannot be written out) and noncharacters.
_TEXT_CONTROLS = "\t\n"

_mib = files.mib
_show = files.show_key


# -- writing ----------------------------------------------------------------------------


def packet_to_dict(packet: Packet) -> dict[str, Any]:
    """The packet as its JSON file holds it. A packet that names no country (read from
    format 1) is written as format 1 without `country`, so a format-2 file always names it."""
    p = packet.practice
    logo = packet.logo
    data = {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION if packet.country else 1,
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
        "country": packet.country,
        "steps": list(included_steps(packet)),
        "prompts": [{"id": x.id, "label": x.label, "help": x.help} for x in packet.prompts],
        "prompts_mode": packet.prompts_mode,
        "questions": [
            {"id": q.id, "text": q.text, "why": q.why, "category": q.category}
            for q in packet.questions
        ],
        "questions_mode": packet.questions_mode,
    }
    if not packet.country:
        del data["country"]
    return data


_NOT_PRINTED = frozenset({"format", "schema_version", "logo", "language", "country", "steps"})


def packet_texts(packet: Packet) -> list[tuple[str, str]]:
    """Every text the packet holds, as (field name as the packet file spells it, text):
    ("practice.name", ...), ("welcome_note", ...), ("crisis_lines[0].detail", ...).

    In file order; the logo, format, language and steps are left out (never printed as text).
    """
    found: list[tuple[str, str]] = []

    def walk(value: object, name: str) -> None:
        if isinstance(value, str):
            found.append((name, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{name}.{key}" if name else key)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{name}[{index}]")

    walk({key: value for key, value in packet_to_dict(packet).items()
          if key not in _NOT_PRINTED}, "")
    return found


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


# Why a new packet needs its country, in the words the editor and `blank` show.
COUNTRY_NEEDED = N_(
    "the packet's country is not set: choose the country where the practice is, so its "
    "handout shows that country's emergency number and crisis lines"
)


def check_new_packet(packet: Packet) -> Packet:
    """``validate_packet``, and a packet being saved must name its country (format 2):
    raises PacketError(COUNTRY_NEEDED, field "country") when it does not. A packet read
    from a file made before format 2 may lack it (read, never refused)."""
    checked = validate_packet(packet)
    if not checked.country:
        raise PacketError(_(COUNTRY_NEEDED), "country")
    return checked


def save_packet(packet: Packet, path: Path) -> None:
    """Check the packet, then write it atomically; a packet we could not read is never written.

    New packet files are readable by others (0644): a packet is meant to be
    handed out and holds no client data.
    """
    check_new_packet(packet)
    data = encode_packet(packet)
    if len(data) > MAX_PACKET_BYTES:
        raise PacketError(_("the packet is too large (at most {limit})")
            .format(limit=_mib(MAX_PACKET_BYTES)))
    files.atomic_write(path, data, mode=0o644)


# -- reading ----------------------------------------------------------------------------


def read_packet_file(path: Path) -> Packet:
    """Read and check a packet file without changing anything on disk.

    The file is read by ``files.read_and_decode`` (regular files only, at most
    MAX_PACKET_BYTES). Raises PacketError (or PacketTooNewError) with one line naming
    the file; its ``field`` names the field that is wrong, if one is.
    """
    return files.read_and_decode(path, MAX_PACKET_BYTES, "packet", decode_packet,
                                 PacketError)


def decode_packet(raw: bytes) -> Packet:
    """A packet from a file's bytes (strict JSON, see ``files.decode_json``); raises PacketError."""
    if len(raw) > MAX_PACKET_BYTES:
        raise PacketError(_("the packet is too large (at most {limit})")
            .format(limit=_mib(MAX_PACKET_BYTES)))
    try:
        data = files.decode_json(raw, "packet")
    except files.FileReadError as err:
        raise PacketError(str(err)) from None
    return packet_from_dict(data)


def packet_from_dict(data: object) -> Packet:
    """Build a packet from parsed JSON, checking every field; raises PacketError."""
    if not isinstance(data, dict):
        raise PacketError(_("this is not a First Session counsellor packet"))
    kind = data.get("format")
    if kind == "firstsession-sheet":
        raise PacketError(_("this is a First Session sheet, not a counsellor packet"))
    if kind != FORMAT_NAME:
        raise PacketError(_("this is not a First Session counsellor packet"))
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PacketError(_("the packet has no valid schema_version"), "schema_version")
    if version > SCHEMA_VERSION:
        shown = " " + _("(format {version})").format(version=version) if version < 10**6 else ""
        raise PacketTooNewError(
            _("this packet was made by a newer First Session{shown}; this version reads "
              "packets up to format {version}").format(shown=shown, version=SCHEMA_VERSION),
            "schema_version",
        )
    if version >= 2 and "country" not in data:
        # Format 2 made `country` required: a file without it was not written by us.
        raise PacketError(_("the packet has no country, which format {version} requires: "
                            "open it in the packet editor and choose the practice's "
                            "country").format(version=version), "country")
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
            country=self.country(d),
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
                self.fail(_("logo.{key} is missing").format(key=key), f"logo.{key}")
        mime = obj["mime"]
        if not isinstance(mime, str) or mime not in LOGO_MIMES:
            self.fail(_('logo.mime should be "image/png" or "image/jpeg"'), "logo.mime")
        encoded = obj["data"]
        if not isinstance(encoded, str):
            self.fail(_("logo.data should be text (the image in base64)"), "logo.data")
        # base64 is 4 characters for 3 bytes; allow line breaks from tools that wrap it
        if len(encoded) > (MAX_LOGO_BYTES // 3 + 1) * 4 * 2:
            self.fail(_("the logo is too large (at most {limit})")
                .format(limit=_mib(MAX_LOGO_BYTES)), "logo.data")
        compact = "".join(encoded.split())
        if len(compact) > (MAX_LOGO_BYTES // 3 + 1) * 4:
            self.fail(_("the logo is too large (at most {limit})")
                .format(limit=_mib(MAX_LOGO_BYTES)), "logo.data")
        try:
            raw = base64.b64decode(compact, validate=True)
        except (binascii.Error, ValueError):
            self.fail(_("logo.data is not valid base64"), "logo.data")
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
            self.fail(_('language should be a language tag such as "en" or "es-MX"'), "language")
        return value

    def country(self, d: dict[Any, Any]) -> str:
        from firstsession.languagetags import countries

        value = d.get("country", "")
        if value == "":
            return ""  # not said (a packet made before format 2); save_packet asks for it
        if not isinstance(value, str) or value.upper() not in {c for c, _n in countries()}:
            self.fail('country should be a two-letter country code such as "US" or "MX"',
                      "country")
        return value.upper()

    def steps(self, d: dict[Any, Any]) -> list[str]:
        if "steps" not in d:
            return list(STEP_IDS)
        seen: set[str] = set()
        for i, x in self.items(d, "steps", len(STEP_IDS)):
            if not isinstance(x, str) or x not in STEP_IDS:
                self.fail(_("steps[{i}] should be one of {names}")
                    .format(i=i, names=", ".join(STEP_IDS)), f"steps[{i}]")
            if x in seen:
                self.fail(_("steps[{i}] names {x} twice").format(i=i, x=x), f"steps[{i}]")
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
                self.fail(_(_ID_RULE).format(name=f"{where}.category"), f"{where}.category")
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
            self.fail(_("{where} should be an object").format(where=where), where)
        return value

    def only(self, obj: dict[Any, Any], allowed: Iterable[str], where: str) -> None:
        allowed = tuple(allowed)
        unknown = [k for k in obj if not (isinstance(k, str) and k in allowed)]
        if not unknown:
            return
        names = ", ".join(_show(k) for k in unknown[:5])
        if len(unknown) > 5:
            names += " " + _("and {count} more").format(count=len(unknown) - 5)
        count = len(unknown)
        if where:
            sentence = ngettext("unknown field in {where}: {names}",
                                "unknown fields in {where}: {names}", count)
        else:
            sentence = ngettext("unknown field: {names}", "unknown fields: {names}", count)
        self.fail(sentence.format(where=where, names=names), where or None)

    def items(
        self, d: dict[Any, Any], key: str, limit: int, where: str = ""
    ) -> list[tuple[int, object]]:
        name = self.name(where, key)
        value = d.get(key, [])
        if not isinstance(value, list):
            self.fail(_("{name} should be a list").format(name=name), name)
        if len(value) > limit:
            self.fail(_("{name} has too many entries (at most {limit})")
                .format(name=name, limit=limit), name)
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
            self.fail(_("{name} is missing").format(name=name), name)
        return self.check_text(d.get(key, ""), name, limit, one_line=one_line, required=required)

    def check_text(
        self, value: object, name: str, limit: int, *, one_line: bool = False,
        required: bool = False,
    ) -> str:
        if not isinstance(value, str):
            self.fail(_("{name} should be text").format(name=name), name)
        if len(value) > limit:
            self.fail(_("{name} is too long (at most {limit} characters)")
                .format(name=name, limit=limit), name)
        bad = refused_character(value, allowed=_TEXT_CONTROLS)
        if bad is not None:
            code = ord(bad)
            where = _("character {number} of {count}").format(number=value.index(bad) + 1,
                                                                count=len(value))
            if 0xD800 <= code <= 0xDFFF:
                self.fail(_("{name} contains a broken character ({where})")
                    .format(name=name, where=where), name)
            if code > 0x9F:  # U+FFFE, U+FDD0...: reserved by Unicode, never text
                self.fail(_("{name} contains a character that is never text ({where})")
                    .format(name=name, where=where), name)
            self.fail(
                _("{name} contains a control character, an invisible character that is not "
                  "text ({where}); only line breaks and tabs are allowed")
                      .format(name=name, where=where),
                name,
            )
        if one_line and "\n" in value:
            self.fail(_("{name} should be a single line").format(name=name), name)
        if required and not value.strip():
            self.fail(_("{name} is empty").format(name=name), name)
        return value

    def ident(self, obj: dict[Any, Any], where: str, seen: set[str]) -> str:
        name = f"{where}.id"
        if "id" not in obj:
            self.fail(_("{name} is missing").format(name=name), name)
        value = obj["id"]
        if not isinstance(value, str) or not _ID_RE.fullmatch(value):
            self.fail(_(_ID_RULE).format(name=name), name)
        if value in seen:
            self.fail(_("{name} {value} is used twice").format(name=name, value=value), name)
        seen.add(value)
        return value

    def choice(
        self, d: dict[Any, Any], key: str, allowed: tuple[str, ...], default: str
    ) -> str:
        value = d.get(key, default)
        if not isinstance(value, str) or value not in allowed:
            shown = ", ".join(f'"{a}"' for a in allowed)
            self.fail(_("{key} should be one of {shown}").format(key=key, shown=shown), key)
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
    "country",
    "steps",
    "prompts",
    "prompts_mode",
    "questions",
    "questions_mode",
)

_ID_RULE = N_(
    "{name} should be 1 to 64 lowercase letters, digits or hyphens, starting with a letter "
    "or digit"
)
