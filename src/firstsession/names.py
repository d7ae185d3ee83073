"""Names as typed: which characters text may hold, and a name made into a safe file-name part.

A name is text in any script. Format characters that join, separate or order letters
are part of it: ZWJ U+200D (emoji families, Indic half forms), ZWNJ U+200C (Persian
words), LRM/RLM/ALM U+200E/U+200F/U+061C, variation selectors and emoji tag
characters. Only what is never written text is refused (``refused_character``).

A file name made from a name keeps each letter with its marks (grapheme clusters, so
``अनंत शर्मा`` gives ``अनंत-शर्मा``), keeps ZWJ/ZWNJ inside words, and is safe on
Linux, macOS and Windows (``file_name_problem``). Nothing here changes the name
itself: it is stored as typed; only the file name is NFC.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from firstsession.scripts import clusters  # one grapheme splitter for names and the PDF

# File systems count a name's length in bytes (ext4, APFS: 255 bytes of UTF-8) or in
# UTF-16 units (NTFS: 255; HFS+: 255 of the decomposed name). A name whose UTF-8 is at
# most 255 bytes, decomposed or not, fits all four: no character takes fewer UTF-8
# bytes than UTF-16 units.
MAX_FILE_NAME_BYTES = 255
# Characters Windows refuses in a file name (besides control characters); "/" is the
# separator everywhere. Source: Microsoft, "Naming Files, Paths, and Namespaces".
WINDOWS_FORBIDDEN = frozenset('/\\:*?"<>|')
# Names Windows keeps for devices, with or without an extension (same source).
WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"{dev}{n}" for dev in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]}
)
PLACEHOLDER = "client"  # the file-name part of a name with no letter or digit in it

ZWNJ, ZWJ = "\u200c", "\u200d"
_JOINERS = ZWNJ + ZWJ


@cache
def _refused_re(allowed: str) -> re.Pattern[str]:
    # Category Cc is exactly U+0000-001F and U+007F-009F (fixed by Unicode's stability
    # policy); Cs the surrogates; noncharacters: U+FDD0-FDEF and the last two code points
    # of every plane (The Unicode Standard, section 23.7 "Noncharacters").
    ends = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}-{chr(plane * 0x10000 + 0xFFFF)}"
                   for plane in range(17))
    cc = "".join(re.escape(chr(c)) for c in (*range(0x20), *range(0x7F, 0xA0))
                 if chr(c) not in allowed)
    return re.compile(f"[{cc}\ud800-\udfff\ufdd0-\ufdef{ends}]")


def refused_character(text: str, allowed: str = "") -> str | None:
    """The first character of ``text`` that is never written text, or None.

    Refused: control characters (Unicode category Cc: C0, DEL and C1) except those in
    ``allowed`` (for example ``"\\t\\n"``), lone surrogates (Cs: half of a broken pair)
    and noncharacters. Accepted: format characters (Cf: ZWJ, ZWNJ, LRM, RLM, ALM,
    isolates, tags), marks and variation selectors, private use, and code points this
    Python's Unicode database does not know yet (Python 3.11 knows Unicode 14.0, so
    emoji people type today, such as U+1FAE8 from Unicode 15.0, are "unassigned" to it).
    """
    found = _refused_re(allowed).search(text)
    return found.group() if found else None


def _kind(cluster: str) -> str:
    """"keep" (a letter, digit or emoji with its marks), "joiner" (ZWJ/ZWNJ alone),
    "drop" (other invisible format characters, a mark with no letter) or "gap"."""
    base = cluster[0]
    category = unicodedata.category(base)
    if category[0] in "LN" or category == "So":
        return "keep"
    if base in _JOINERS:
        return "joiner"
    if category in ("Cf", "Mn", "Mc", "Me"):
        return "drop"
    return "gap"


def _words(name: str) -> list[list[str]]:
    """The name's words as lists of clusters: letters, digits and emoji, with ZWJ/ZWNJ
    only between two of them; every other character ends a word."""
    words: list[list[str]] = [[]]
    for cluster in clusters(unicodedata.normalize("NFC", name)):
        kind = _kind(cluster)
        if kind == "keep" or (kind == "joiner" and words[-1]):
            words[-1].append(cluster)
        elif kind == "gap" and words[-1]:
            words.append([])
    for word in words:  # a joiner at a word's end joins nothing
        while word and word[-1].rstrip(_JOINERS) != word[-1]:
            word[-1] = word[-1].rstrip(_JOINERS)
            if not word[-1]:
                word.pop()
    return [word for word in words if word]


def _size(text: str) -> int:
    """UTF-8 bytes of ``text`` as stored by any file system: NFC, or NFD on HFS+."""
    return max(len(text.encode()), len(unicodedata.normalize("NFD", text).encode()))


def file_name_part(name: str, *, max_clusters: int = 40,
                   max_bytes: int = MAX_FILE_NAME_BYTES) -> str:
    """``name`` as part of a file name: its words joined by "-", NFC.

    Letters and digits keep their marks, emoji their sequences, words their ZWJ/ZWNJ;
    every other character (spaces, punctuation, separators, dots) ends a word, and
    invisible marks (LRM, RLM, ALM, isolates) are left out. At most ``max_clusters``
    clusters (counting each "-") and ``max_bytes`` UTF-8 bytes (see ``_size``), cut
    between clusters, never inside one. ``PLACEHOLDER`` when nothing is left; "" when
    not even that fits in ``max_bytes``.
    """
    tokens: list[str] = []
    for word in _words(name):
        tokens.extend((["-"] if tokens else []) + word)
    kept: list[str] = []
    size = 0
    for token in tokens[:max_clusters]:
        size += _size(token)
        if size > max_bytes:
            break
        kept.append(token)
    while kept and kept[-1] == "-":
        kept.pop()
    part = "".join(kept)
    if kept and kept[-1][-1] in _JOINERS:  # cut after a joined word's ZWJ/ZWNJ
        part = part.rstrip(_JOINERS)
    if not part:
        part = PLACEHOLDER if _size(PLACEHOLDER) <= max_bytes else ""
    return part


def file_name_problem(file_name: str) -> str | None:
    """Why ``file_name`` (one name, no folder) is not safe on Linux, macOS and Windows, or None.

    Unsafe: empty, "." or "..", a control character, a character Windows refuses
    (``WINDOWS_FORBIDDEN``), a trailing dot or space (Windows drops them), a device name
    Windows keeps (``WINDOWS_RESERVED``, with any extension), or more than
    ``MAX_FILE_NAME_BYTES`` bytes (see ``_size``).
    """
    if file_name in ("", ".", ".."):
        return "it is empty or a folder's name"
    if refused_character(file_name) is not None:
        return "it holds a control character"
    if any(ch in WINDOWS_FORBIDDEN for ch in file_name):
        return 'it holds one of / \\ : * ? " < > |'
    if file_name[-1] in ". ":
        return "it ends with a dot or a space"
    if file_name.split(".")[0].rstrip(" ").upper() in WINDOWS_RESERVED:
        return "Windows keeps that name for a device"
    if _size(file_name) > MAX_FILE_NAME_BYTES:
        return f"it is longer than {MAX_FILE_NAME_BYTES} bytes"
    return None
