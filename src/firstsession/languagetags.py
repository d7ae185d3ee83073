"""Language tags as two choices: a language and, optionally, a country.

A packet's ``language`` is a tag such as "en", "es-MX" or "zh-Hant-TW" (see
docs/PACKET_FORMAT.md). The packet editor offers it as a language and a country
(ISO 3166-1), named in English from the CLDR data of ``babel``, which is imported
only when names are asked for (never at the app's start-up). No Qt.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

# The languages offered in the editor; a loaded packet's own language is kept as well.
OFFERED_LANGUAGES: tuple[str, ...] = ("en", "es")

# CLDR territory codes of two letters that are not ISO 3166-1 countries (reserved or
# user-assigned codes: Ascension, the EU, the UN, "unknown" and so on).
_NOT_ISO_3166 = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"})
_REGION_RE = re.compile(r"[A-Za-z]{2}|[0-9]{3}")


def split_tag(tag: str) -> tuple[str, str]:
    """A language tag as (language, country): "es-MX" -> ("es", "MX"), "zh-Hant-TW" ->
    ("zh-Hant", "TW"), "en" -> ("en", ""). The country is the last subtag when it is two
    letters (upper-cased) or three digits (such as "419", Latin America)."""
    parts = tag.split("-")
    if len(parts) > 1 and _REGION_RE.fullmatch(parts[-1]):
        return "-".join(parts[:-1]), parts[-1].upper()
    return tag, ""


def join_tag(language: str, country: str) -> str:
    """The tag for a language and a country ("" for none): ("es", "MX") -> "es-MX"."""
    return f"{language}-{country}" if country else language


@cache
def _english() -> Locale:
    from babel import Locale

    return Locale("en")


def language_name(code: str) -> str:
    """A language's name in English, with its own name when that differs:
    "es" -> "Spanish (español)"; the code itself when CLDR does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return code
    english = locale.get_display_name("en") or code
    own = locale.get_display_name(locale) or english
    return english if own.casefold() == english.casefold() else f"{english} ({own})"


def country_name(code: str) -> str:
    """A country's (or region's) name in English: "MX" -> "Mexico"; the code if unknown."""
    return str(_english().territories.get(code, code))


def _sort_key(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold())
                   if not unicodedata.combining(c))


@cache
def countries() -> tuple[tuple[str, str], ...]:
    """Every ISO 3166-1 country as (code, English name), by name (249 of them)."""
    found = [(code, str(name)) for code, name in _english().territories.items()
             if len(code) == 2 and code.isalpha() and code not in _NOT_ISO_3166]
    return tuple(sorted(found, key=lambda item: _sort_key(item[1])))
