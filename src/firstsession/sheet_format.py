"""The sheet's JSON format: a sheet as a dict and back, every field checked.

``sheet_to_dict`` gives the JSON object a sheet file holds (``format``,
``schema_version`` and the sheet's fields); ``sheet_from_dict`` reads one back,
migrating older versions (``firstsession.migrations``, docs/SHEET_FORMAT.md) and
naming the exact field that is wrong. ``storable_text`` and its companions say how
text is kept in the file (UTF-8 cannot hold a lone surrogate) and how many bytes it
takes there. Encoding to bytes and the size limit live in ``storage``.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from typing import Any

from firstsession.i18n import _
from firstsession.migrations import migrate
from firstsession.model import (
    DEFAULT_SECTIONS,
    MAX_LABEL_CHARS,
    MAX_THERAPISTS,
    SECTIONS,
    AboutMe,
    ChosenQuestion,
    ExportOptions,
    Feeling,
    PromptAnswer,
    Sheet,
    Therapist,
    fold_old_language_answer,
)

SCHEMA_VERSION = 5
FORMAT_NAME = "firstsession-sheet"

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class SheetFormatError(ValueError):
    """The data is not a First Session sheet we can read (message is for people)."""


class SheetTooNewError(SheetFormatError):
    """The sheet was written by a newer First Session."""


def sheet_to_dict(sheet: Sheet) -> dict[str, Any]:
    data: dict[str, Any] = {"format": FORMAT_NAME, "schema_version": SCHEMA_VERSION}
    data.update(asdict(sheet))
    return data


def sheet_from_dict(data: object) -> Sheet:
    """Build a sheet from parsed JSON, migrating older versions.

    Raises SheetFormatError (or SheetTooNewError) with a message for people.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise SheetFormatError(_("this is not a First Session sheet"))
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SheetFormatError(_("the sheet has no valid schema_version"))
    if version > SCHEMA_VERSION:
        # A huge number cannot even be turned into text (Python refuses over 4,300 digits).
        shown = " " + _("(format {version})").format(version=version) if version < 10**6 else ""
        raise SheetTooNewError(
            _("this sheet was made by a newer First Session{shown}; this version reads up to "
              "format {version}").format(shown=shown, version=SCHEMA_VERSION)
        )
    data = migrate(dict(data), version)
    sheet = _Reader(data).sheet()
    fold_old_language_answer(sheet)
    return sheet


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
            raise SheetFormatError(_("{where}.word is empty").format(where=where))
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
                _("{where}.label is longer than {count} characters")
                    .format(where=where, count=MAX_LABEL_CHARS))
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
            raise SheetFormatError(_("{where}.answers should map question ids to text")
                .format(where=where))
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
        # Packet modules load only for a sheet that came from a packet (not at start-up).
        from firstsession.packet import PacketError
        from firstsession.packet_format import packet_from_dict

        try:
            packet_from_dict(value)
        except PacketError as err:
            raise SheetFormatError(_("packet: {err}").format(err=err)) from None
        return dict(value)

    # -- typed fields -------------------------------------------------------------

    @staticmethod
    def _name(where: str, key: str) -> str:
        return f"{where}.{key}" if where else key

    def _as_obj(self, x: object, where: str) -> dict[str, Any]:
        if not isinstance(x, dict):
            raise SheetFormatError(_("{where} should be an object").format(where=where))
        return x

    def _obj(self, d: dict[str, Any], key: str, where: str = "") -> dict[str, Any]:
        value = d.get(key, {})
        return self._as_obj(value, self._name(where, key))

    def _list(self, d: dict[str, Any], key: str) -> list[tuple[int, object]]:
        value = d.get(key, [])
        if not isinstance(value, list):
            raise SheetFormatError(_("{key} should be a list").format(key=key))
        return list(enumerate(value))

    def _str(self, d: dict[str, Any], key: str, where: str = "") -> str:
        value = d.get(key, "")
        if not isinstance(value, str):
            raise SheetFormatError(_("{where} should be text").format(where=self._name(where, key)))
        return value

    def _id(self, d: dict[str, Any], key: str, where: str) -> str:
        value = self._str(d, key, where)
        if not value:
            raise SheetFormatError(_("{where} is missing").format(where=self._name(where, key)))
        return value

    def _bool(self, d: dict[str, Any], key: str, where: str = "") -> bool:
        value = d.get(key, False)
        if not isinstance(value, bool):
            raise SheetFormatError(_("{where} should be true or false")
                .format(where=self._name(where, key)))
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
                _("{where} should be a whole number from {lo} to {hi}, or null (not rated)")
                    .format(where=self._name(where, key), lo=lo, hi=hi)
            )
        return value

    def _choice(
        self, d: dict[str, Any], key: str, allowed: tuple[str, ...], default: str, where: str
    ) -> str:
        value = d.get(key, default)
        if value not in allowed:
            choices = ", ".join(allowed)
            raise SheetFormatError(_("{where} should be one of {choices}")
                .format(where=self._name(where, key), choices=choices))
        return str(value)

    def _str_list(self, d: dict[str, Any], key: str, where: str) -> list[str]:
        value = d.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SheetFormatError(_("{where} should be a list of text")
                .format(where=self._name(where, key)))
        return list(value)

    def _bool_map(self, d: dict[str, Any], key: str) -> dict[str, bool]:
        value = d.get(key, {})
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, bool) for k, v in value.items()
        ):
            raise SheetFormatError(_("{key} should map item ids to true or false").format(key=key))
        return dict(value)


# -- text as a sheet file keeps it -----------------------------------------------


def storable_text(text: str) -> str:
    """``text`` as it can be saved: lone surrogates (half of a broken emoji, which
    UTF-8 cannot hold) become U+FFFD; a surrogate pair becomes its character."""
    if text.isascii() or _LONE_SURROGATE.search(text) is None:  # isascii: no scan
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def encoded_text_size(text: str) -> int:
    """How many bytes ``text`` takes as a JSON string in a saved sheet."""
    return len(json.dumps(storable_text(text), ensure_ascii=False).encode("utf-8"))


def storable_change(old: str, new: str) -> tuple[str, int]:
    """``new`` as ``storable_text`` makes it, and how many more bytes it takes encoded
    than ``old`` (``encoded_text_size(new) - encoded_text_size(old)``, may be negative).

    ``old`` must already be storable (as text the sheet holds is). Time grows with the
    part of the two that differs (plus a fast comparison of the rest), not with the
    whole text: each character is encoded on its own, so only the middle where they
    differ is checked and encoded. Typing into a field of a megabyte stays cheap.
    """
    if old is new:
        return new, 0
    start = _common_prefix(old, new)
    end = _common_suffix(old, new, start)
    middle = new[start : len(new) - end]
    kept = storable_text(middle)
    if kept is not middle:
        new = new[:start] + kept + new[len(new) - end :]
    return new, encoded_text_size(kept) - encoded_text_size(old[start : len(old) - end])


def _common_prefix(a: str, b: str) -> int:
    """How many first characters ``a`` and ``b`` share (slices compared in C)."""
    limit = min(len(a), len(b))
    low, step = 0, 1024
    while low < limit:  # whole blocks first, growing, while they match
        high = min(low + step, limit)
        if a[low:high] != b[low:high]:
            break
        low, step = high, step * 2
    else:
        return limit
    high = min(low + step, limit)  # the first difference is in a[low:high]
    while low < high:
        mid = (low + high + 1) // 2
        if a[low:mid] == b[low:mid]:
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: str, b: str, prefix: int) -> int:
    """How many last characters ``a`` and ``b`` share, not counting into ``prefix``."""
    limit = min(len(a), len(b)) - prefix
    low, step = 0, 1024
    la, lb = len(a), len(b)
    while low < limit:
        high = min(low + step, limit)
        if a[la - high : la - low] != b[lb - high : lb - low]:
            break
        low, step = high, step * 2
    else:
        return limit
    high = min(low + step, limit)
    while low < high:
        mid = (low + high + 1) // 2
        if a[la - mid : la - low] == b[lb - mid : lb - low]:
            low = mid
        else:
            high = mid - 1
    return low
