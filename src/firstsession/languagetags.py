"""Language tags as two choices: a language and, optionally, a country.

A packet's ``language`` is a tag such as "en", "es-MX" or "zh-Hant-TW" (see
docs/PACKET_FORMAT.md). The packet editor offers it as a language and a country
(ISO 3166-1), named in the language spoken now (``i18n.current``; English when it is
English) from the CLDR data of ``babel``, which is imported only when names are asked
for (never at the app's start-up). No Qt.
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
def _locale(name: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def _speaking() -> Locale:
    """The CLDR locale of the language spoken now (``i18n.current``), English if CLDR lacks it."""
    from firstsession.i18n import babel_locale_name

    return _locale(babel_locale_name())


def language_name(code: str) -> str:
    """A language's name in the language spoken now, with its own name when that differs:
    "es" -> "Spanish (español)" in English, "español" in Spanish, "en" -> "inglés
    (English)" in Spanish; the code itself when CLDR does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return code
    shown = locale.get_display_name(_speaking()) or code
    own = locale.get_display_name(locale) or shown
    return shown if own.casefold() == shown.casefold() else f"{shown} ({own})"


def native_name(code: str) -> str:
    """A language's name in itself: "es" -> "español", "en" -> "English"; the code when
    CLDR does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return code
    return str(locale.get_display_name(locale) or code)


def country_name(code: str) -> str:
    """A country's (or region's) name in the language spoken now: "MX" -> "Mexico" /
    "México"; the code if unknown."""
    return str(_speaking().territories.get(code, code))


def _sort_key(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold())
                   if not unicodedata.combining(c))


def countries() -> tuple[tuple[str, str], ...]:
    """Every ISO 3166-1 country as (code, name in the language spoken now), by name (249)."""
    from firstsession.i18n import babel_locale_name

    return _countries(babel_locale_name())


@cache
def _countries(locale_name: str) -> tuple[tuple[str, str], ...]:
    found = [(code, str(name)) for code, name in _locale(locale_name).territories.items()
             if len(code) == 2 and code.isalpha() and code not in _NOT_ISO_3166]
    return tuple(sorted(found, key=lambda item: _sort_key(item[1])))
