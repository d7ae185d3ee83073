"""Bidi levels for one paragraph: the Unicode Bidirectional Algorithm (UAX #9) through python-bidi.

python-bidi's pure-Python ``bidi.algorithm`` gives per-character levels (its Rust
``get_display`` gives only a display string). It predates isolates (UAX #9 6.3) and
bracket pairs; ``bidi_levels`` makes isolates harmless and keeps numbers written with
separators ("(555) 014-7700", "8 / 10", "10:30") in reading order next to
right-to-left words, as a reader expects of a phone number or a rating.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
    "\u200f\u061c\u202b\u202e\u2067]"
)
# A number written in groups: parts of digits (with "," or "." inside a part, and an
# area code in brackets before one) joined by spaces, hyphens, dashes, slashes or colons,
# with an optional leading "+" or currency sign and a trailing "%". Right-to-left text
# would otherwise order its groups right to left (UAX #9 rule W2 makes digits after
# Arabic letters "Arabic numbers"), so "(555) 014-7700" after an Arabic name would read
# "7700-014 (555)". Each such number is kept left to right as one unit, as if it stood
# between LRI and PDI (UAX #9, section 2.4). A bracket belongs to the number only when
# both halves are in it; a number of one part ("1,234.50") is already one unit in UAX #9.
_PART = r"(?:\(\d+\)\s?)?\d+(?:[.,]\d+)*"
_NUMBER_GROUP = re.compile(
    rf"[+$\u00a3\u20ac\u00a5\u20aa]?{_PART}(?:(?:\s?[-\u2013/:]\s?|[ \u00a0]){_PART})+%?")
_OBJECT = "\ufffc"  # OBJECT REPLACEMENT CHARACTER, bidi class ON: the unit seen from outside
LRI, PDI = "\u2066", "\u2069"

# Isolate initiators and their terminator (LRI, RLI, FSI, PDI): python-bidi's pure UBA
# predates them (UAX #9 6.3) and asserts on them, so for the level computation only they
# count as WORD JOINER (class BN: removed by X9, no effect on direction).
_ISOLATES_AS_BN = str.maketrans(dict.fromkeys(range(0x2066, 0x206A), 0x2060))
_ISOLATED = re.compile("[\u2066-\u2068][^\u2069]*\u2069?")  # an isolate, to its PDI
# The python-bidi ``bidi.algorithm`` names ``bidi_levels`` calls (pinned python-bidi 0.6.x).
_UBA_STEPS = ("get_empty_storage", "get_base_level", "get_embedding_levels",
              "explicit_embed_and_overrides", "resolve_weak_types", "resolve_neutral_types",
              "resolve_implicit_levels")


class BidiChanged(RuntimeError):
    """The installed python-bidi lacks an internal ``bidi_levels`` relies on (``check_bidi``)."""


@cache
def _uba() -> Any:
    """python-bidi's pure-Python ``bidi.algorithm``, checked once (``check_bidi``)."""
    from bidi import algorithm as uba  # type: ignore[import-untyped]  # python-bidi: no stubs

    check_bidi(uba)
    return uba


def check_bidi(uba: Any = None) -> None:
    """Raise BidiChanged naming what is missing if python-bidi's internals used here moved.

    Relied on (python-bidi 0.6.x, ``bidi/algorithm.py``): the functions in
    ``_UBA_STEPS``; ``get_empty_storage()`` giving a dict with "base_level",
    "base_dir" and "chars"; each char a dict with "level" and "type".
    """
    if uba is None:
        from bidi import algorithm

        uba = algorithm
    missing = [name for name in _UBA_STEPS if not callable(getattr(uba, name, None))]
    if not missing:
        storage = uba.get_empty_storage()
        missing = [key for key in ("base_level", "base_dir", "chars") if key not in storage]
        if not missing:
            storage.update(base_level=0, base_dir="L")
            uba.get_embedding_levels("a", storage)
            info = storage["chars"][0] if storage["chars"] else {}
            missing = [f"chars[].{key}" for key in ("level", "type") if key not in info]
    if missing:
        raise BidiChanged("python-bidi changed; bidi_levels needs: " + ", ".join(missing))


def bidi_levels(text: str, base_level: int | None = None,
                boundaries: Iterable[int] = ()) -> tuple[list[int], int]:
    """Embedding level per character of ``text`` and the paragraph's base level (0 LTR, 1 RTL).

    As ``_uba_levels`` (below), and when ``text`` holds right-to-left letters each
    number written in groups (``_NUMBER_GROUP``) is one left-to-right unit: outside it
    counts as one neutral character; inside, every character takes the unit's level
    made even (left to right), so its groups stay in reading order.
    Raises BidiChanged if python-bidi's internals moved.
    """
    groups = [m.span() for m in _NUMBER_GROUP.finditer(text)] if has_rtl(text) else []
    if not groups:
        return _uba_levels(text, base_level, boundaries)
    pieces: list[str] = []
    where = [0] * len(text)  # index of each character of ``text`` in the shorter text
    last = 0
    for start, end in groups:
        pieces.append(text[last:start])
        offset = sum(map(len, pieces))
        where[last:start] = range(offset - (start - last), offset)
        where[start:end] = [offset] * (end - start)
        pieces.append(_OBJECT)
        last = end
    offset = sum(map(len, pieces))
    where[last:] = range(offset, offset + len(text) - last)
    pieces.append(text[last:])
    short = "".join(pieces)
    cuts = {where[i] for i in boundaries if 0 < i < len(text)} - {0}
    levels, base = _uba_levels(short, base_level, sorted(cuts))
    out = [levels[where[i]] for i in range(len(text))]
    for start, end in groups:
        unit = out[start]
        out[start:end] = [unit + unit % 2] * (end - start)
    return out, base


def _uba_levels(text: str, base_level: int | None = None,
                boundaries: Iterable[int] = ()) -> tuple[list[int], int]:
    """Embedding level per character of ``text`` and the paragraph's base level (0 LTR, 1 RTL).

    The Unicode Bidirectional Algorithm (UAX #9) rules P2-P3 (when ``base_level``
    is None), X1-X10, W1-W7, N1-N2, I1-I2 from python-bidi's pure-Python
    ``bidi.algorithm``, and L1 for trailing whitespace. Characters X9 removes
    (ZWJ, ZWNJ, embeddings) take the level of the character before them. Isolates
    (LRI/RLI/FSI/PDI) count as boundary neutrals (BN; python-bidi has no isolates):
    they never raise. ``boundaries`` are indices (0 < i < len(text)) where one part
    of the text meets the next (a label and a person's words): the levels are those
    of the text with a strong mark of the paragraph's direction (LRM or RLM) at each,
    so neither part's direction reorders the other (an approximation of isolating
    each part, UAX #9 FSI..PDI); nothing is inserted into ``text`` itself.
    Raises BidiChanged if python-bidi's internals moved.
    """
    uba = _uba()
    work = text.translate(_ISOLATES_AS_BN)
    if base_level is None:  # P2: text between an isolate initiator and its PDI is skipped
        base_level = uba.get_base_level(_ISOLATED.sub("", text).translate(_ISOLATES_AS_BN))
    # Each isolate initiator and PDI is a boundary too, so isolated text is its own unit.
    marks = (i + k for i, ch in enumerate(text) if "\u2066" <= ch <= "\u2069" for k in (0, 1))
    cuts = sorted({i for i in (*boundaries, *marks) if 0 < i < len(text)})
    origin = list(range(len(text)))  # index in ``text`` of each character of ``work``
    if cuts:
        mark = "\u200f" if base_level % 2 else "\u200e"
        pieces: list[str] = []
        where: list[int] = []
        last = 0
        for cut in [*cuts, len(text)]:
            pieces.append(work[last:cut])
            where.extend(range(last, cut))
            if cut < len(text):
                pieces.append(mark)
                where.append(-1)
            last = cut
        work, origin = "".join(pieces), where
    storage = uba.get_empty_storage()
    storage["base_level"] = base_level
    storage["base_dir"] = ("L", "R")[base_level]
    uba.get_embedding_levels(work, storage)
    for index, info in enumerate(storage["chars"]):
        info["index"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    found: list[int | None] = [None] * len(work)
    for info in storage["chars"]:
        found[info["index"]] = info["level"]
    levels: list[int] = []
    last_level = base_level
    for index, level in zip(origin, found, strict=True):
        last_level = last_level if level is None else level
        if index >= 0:
            levels.append(last_level)
    end = len(text)
    while end > 0 and text[end - 1].isspace():  # L1: trailing whitespace
        end -= 1
        levels[end] = base_level
    return levels, base_level


def has_rtl(text: str) -> bool:
    """True when ``text`` holds a right-to-left letter or mark (then the UBA is needed)."""
    return _RTL.search(text) is not None


def isolate(text: str) -> str:
    """``text`` between FSI and PDI when it holds right-to-left letters, else unchanged.

    For a field's value set inside a line of other words ("name: contact · Emergency"),
    so its direction neither takes the line's nor turns it (UAX #9, section 2.4).
    """
    return f"\u2068{text}{PDI}" if has_rtl(text) else text


def isolate_numbers(text: str) -> str:
    """``text`` with each number written in groups wrapped in LRI..PDI when it holds RTL text.

    For a renderer that implements isolates (Qt): the same numbers ``bidi_levels``
    keeps in reading order. Text with no right-to-left letter comes back unchanged.
    """
    if not has_rtl(text):
        return text
    return _NUMBER_GROUP.sub(lambda m: f"{LRI}{m.group()}{PDI}", text)
