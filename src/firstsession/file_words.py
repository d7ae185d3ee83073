"""Whole sentences for every way a file can fail, one set per kind of file.

A translated noun phrase is never slotted into a sentence (Spanish, like many
languages, makes the rest of the sentence agree with the noun), so each kind of
file has its own whole sentences in the catalogue. Callers pass a ``FileKind``.
"""

from __future__ import annotations

from typing import Literal

from firstsession.i18n import N_, _

FileKind = Literal["sheet", "packet", "sheet-or-packet", "logo", "names", "file"]
Failure = Literal[
    "too-large", "encoding", "not-text", "not-utf8", "constant", "too-long", "too-big",
    "nested", "damaged", "broken-key", "broken",
]

# Fields: too-large {file} {size} {limit}; encoding {encoding}; constant {name};
# damaged {line} {column}; broken-key {name}. A kind without a failure uses "file"'s.
_SENTENCES: dict[str, dict[str, str]] = {
    "file": {
        "too-large": N_("{file} is too large ({size} bytes; at most {limit})"),
        "encoding": N_("the file is in {encoding}, not UTF-8 (save it as UTF-8)"),
        "not-text": N_("the file is not a text file (it may be damaged)"),
        "not-utf8": N_("the file is not UTF-8 text (it may be in Latin-1 or another "
                       "encoding; save it as UTF-8)"),
        "constant": N_("the file holds {name}, which is not a number JSON allows"),
        "too-long": N_("the file holds a number too long to read"),
        "too-big": N_("the file holds a number too large to read"),
        "nested": N_("the file is nested too deeply to read"),
        "damaged": N_("the file is damaged or cut short (not valid JSON at line {line}, "
                      "column {column})"),
        "broken-key": N_("the file has a field name with a broken character ({name})"),
        "broken": N_("the file contains a broken character (a lone surrogate escape)"),
    },
    "sheet": {
        "too-large": N_("{file} is too large to be a sheet ({size} bytes; at most {limit})"),
        "encoding": N_("the sheet is in {encoding}, not UTF-8 (save it as UTF-8)"),
        "not-text": N_("the sheet is not a text file (it may be damaged)"),
        "not-utf8": N_("the sheet is not UTF-8 text (it may be in Latin-1 or another "
                       "encoding; save it as UTF-8)"),
        "constant": N_("the sheet holds {name}, which is not a number JSON allows"),
        "too-long": N_("the sheet holds a number too long to read"),
        "too-big": N_("the sheet holds a number too large to read"),
        "nested": N_("the sheet is nested too deeply to read"),
        "damaged": N_("the sheet is damaged or cut short (not valid JSON at line {line}, "
                      "column {column})"),
        "broken-key": N_("the sheet has a field name with a broken character ({name})"),
        "broken": N_("the sheet contains a broken character (a lone surrogate escape)"),
    },
    "packet": {
        "too-large": N_("{file} is too large to be a packet ({size} bytes; at most {limit})"),
        "encoding": N_("the packet is in {encoding}, not UTF-8 (save it as UTF-8)"),
        "not-text": N_("the packet is not a text file (it may be damaged)"),
        "not-utf8": N_("the packet is not UTF-8 text (it may be in Latin-1 or another "
                       "encoding; save it as UTF-8)"),
        "constant": N_("the packet holds {name}, which is not a number JSON allows"),
        "too-long": N_("the packet holds a number too long to read"),
        "too-big": N_("the packet holds a number too large to read"),
        "nested": N_("the packet is nested too deeply to read"),
        "damaged": N_("the packet is damaged or cut short (not valid JSON at line {line}, "
                      "column {column})"),
        "broken-key": N_("the packet has a field name with a broken character ({name})"),
        "broken": N_("the packet contains a broken character (a lone surrogate escape)"),
    },
    "names": {
        "too-large": N_("{file} is too large to be a list of names ({size} bytes; at most "
                        "{limit})"),
        "encoding": N_("the list of names is in {encoding}, not UTF-8 (save it as UTF-8)"),
        "not-text": N_("the list of names is not a text file (it may be damaged)"),
        "not-utf8": N_("the list of names is not UTF-8 text (it may be in Latin-1 or another "
                       "encoding; save it as UTF-8)"),
    },
    "sheet-or-packet": {
        "too-large": N_("{file} is too large to be a sheet or a packet ({size} bytes; at "
                        "most {limit})"),
    },
    "logo": {
        "too-large": N_("{file} is too large to be a logo ({size} bytes; at most {limit})"),
    },
}


def sentence(kind: FileKind, failure: Failure) -> str:
    """The sentence for ``failure`` of a file of ``kind``, in the current language.

    The result still holds its ``{named}`` fields (listed above ``_SENTENCES``);
    a kind with no sentence of its own for ``failure`` gets the plain "file" one.
    Raises KeyError only for a failure no kind knows (a programming error).
    """
    own = _SENTENCES.get(kind, {})
    return _(own.get(failure) or _SENTENCES["file"][failure])
