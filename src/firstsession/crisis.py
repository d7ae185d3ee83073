"""The help shown for a country: its crisis line, its own emergency number, and how old they are.

``content`` reads ``templates/crisis.toml`` (crisis lines, about 30 countries) and
``templates/emergency.toml`` (every region's own emergency numbers); this module turns a
``CrisisCountry`` into the words a person sees in the window's crisis bar, in every PDF
page's footer and in a handout, and reads the country a person names on the command line.

Rules (issue 13): a region without a crisis line shows its OWN emergency number in a plain
sentence, never another region's; a region with none gets a kind sentence without a
number; every entry's ``reviewed`` date drives a "please confirm" note once it is over a
year old; when two countries are shown (a packet's and the client's own), each is
labelled by its name, never mixed into one line. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Protocol

from firstsession import i18n
from firstsession.bidilevels import isolate
from firstsession.i18n import _, ngettext


class CrisisLine(Protocol):
    """A crisis line as ``content.CrisisLine`` holds it (named here: content imports us)."""

    @property
    def name(self) -> str: ...
    @property
    def contact(self) -> str: ...
    @property
    def detail(self) -> str: ...
    @property
    def reviewed(self) -> dt.date | None: ...


class CrisisCountry(Protocol):
    """A country's help as ``content.CrisisCountry`` holds it."""

    @property
    def code(self) -> str: ...
    @property
    def emergency(self) -> str: ...
    @property
    def reviewed(self) -> dt.date: ...
    @property
    def lines(self) -> Sequence[CrisisLine]: ...
    @property
    def calls(self) -> tuple[str, ...]: ...

STALE_AFTER_DAYS = 365  # after a year, numbers are shown with "please confirm"
UNKNOWN = "INTL"  # crisis.toml's entry for "we do not know the country"

# Names people type for a country that are neither its ISO code nor its CLDR name (in
# English or the current language, which ``resolve_country`` also accepts). Keep it small:
# only names in everyday use that point to exactly one ISO 3166-1 code.
ALIASES: dict[str, str] = {
    "UK": "GB",  # the ISO code is GB; "UK" is the everyday name and the .uk domain
    "GREAT BRITAIN": "GB",
    "BRITAIN": "GB",
    "ENGLAND": "GB",
    "SCOTLAND": "GB",
    "WALES": "GB",
    "NORTHERN IRELAND": "GB",
    "USA": "US",
    "U.S.": "US",
    "U.S.A.": "US",
    "AMERICA": "US",
    "UNITED STATES OF AMERICA": "US",
    "EL": "GR",  # the EU's own code for Greece
    "HOLLAND": "NL",
    "SOUTH KOREA": "KR",
    "KOREA": "KR",
    "RUSSIA": "RU",
    "UAE": "AE",
    "DEUTSCHLAND": "DE",
    "ESPAÑA": "ES",
    "ESPANA": "ES",
    "MÉXICO": "MX",
    "BRASIL": "BR",
}


class CountryError(ValueError):
    """A country the person named that we cannot tell apart: the one line says the closest."""


# -- staleness ---------------------------------------------------------------------------


def is_old(reviewed: dt.date | None, today: dt.date | None = None) -> bool:
    """True when ``reviewed`` is more than STALE_AFTER_DAYS before ``today`` (default:
    the real today); False when there is no date (a counsellor's own line)."""
    if reviewed is None:
        return False
    return ((today or dt.date.today()) - reviewed).days > STALE_AFTER_DAYS


def stale_since(country: CrisisCountry, today: dt.date | None = None) -> dt.date | None:
    """The oldest date, among the country's emergency number and its first crisis line
    (the ones a footer shows), that is over a year old; None when both are recent."""
    dates = [country.reviewed] + ([country.lines[0].reviewed] if country.lines else [])
    old = [d for d in dates if d is not None and is_old(d, today)]
    return min(old) if old else None


def stale_note(reviewed: dt.date) -> str:
    """The note after an old entry: "checked on 30 November 2025; numbers change, please
    confirm" (the date as the current language writes it, i18n.format_date)."""
    return _("checked on {date}; numbers change, please confirm").format(
        date=i18n.format_date(reviewed))


def line_note(line: CrisisLine, today: dt.date | None = None) -> str:
    """The stale note for one line, or "" when it is recent (or has no date)."""
    return stale_note(line.reviewed) if line.reviewed and is_old(line.reviewed, today) else ""


# -- the words shown ---------------------------------------------------------------------


def calls(country: CrisisCountry) -> tuple[str, ...]:
    """The country's emergency numbers one by one (``emergency`` when built by hand)."""
    return country.calls or ((country.emergency,) if country.emergency else ())


def danger_sentence(country: CrisisCountry) -> str:
    """The plain sentence for a country without a crisis line: its own number(s), a kind
    sentence without a number where it has none, or "your local emergency number" when
    the country is not known. Never "in the EU", never another region's number."""
    if country.code == UNKNOWN:
        return _("If you are in danger now, call your local emergency number.")
    numbers = calls(country)
    if not numbers:
        return _("If you are in danger now, please go to the nearest hospital or ask "
                 "someone near you for help.")
    return ngettext("If you are in danger now, call {numbers}.",
                    "If you are in danger now, call one of these numbers: {numbers}.",
                    len(numbers)).format(numbers=", ".join(numbers))


def emergency_label(country: CrisisCountry) -> str:
    """"Emergency: 911" for the handout and footers, or the plain sentence without a number."""
    numbers = calls(country)
    if not numbers:
        return danger_sentence(country)
    return _("Emergency: {number}").format(number=", ".join(numbers))


def footer(country: CrisisCountry, lines: int = 1) -> str:
    """One short line: "988 Suicide & Crisis Lifeline: Call or text 988 · Emergency: 911"
    (the first ``lines`` lines), or, without a crisis line, the country's own sentence
    ("If you are in danger now, call 190.")."""
    if not country.lines:
        return danger_sentence(country)
    # Each value isolated when it holds right-to-left letters: a Hebrew name must not
    # carry the contact and "Emergency" into its direction (bidilevels.isolate).
    shown = [f"{isolate(line.name)}: {isolate(line.contact)}" for line in country.lines[:lines]]
    return " \u00b7 ".join((*shown, emergency_label(country)))


def footer_with_note(country: CrisisCountry, today: dt.date | None = None,
                     lines: int = 1) -> str:
    """``footer`` with "(checked on DATE; numbers change, please confirm)" when old."""
    text = footer(country, lines)
    since = stale_since(country, today)
    return f"{text} ({stale_note(since)})" if since else text


def shown_text(countries: Iterable[CrisisCountry], today: dt.date | None = None,
               first_lines: int = 1) -> str:
    """The footer for one country, or one line per country, each starting with the
    country's name, when a packet's country and the client's own differ. The first
    country shows ``first_lines`` lines (a packet's local ones), the others one."""
    found = list(countries)
    if len(found) == 1:
        return footer_with_note(found[0], today, first_lines)
    return "\n".join(
        _("{country}: {help}").format(country=country_label(c),
                                      help=footer_with_note(c, today, first_lines if i == 0 else 1))
        for i, c in enumerate(found))


def country_label(country: CrisisCountry) -> str:
    """The country's name in the current language (CLDR), or "Another country" for INTL."""
    if country.code == UNKNOWN:
        return _("Another country")
    return i18n.country_name(country.code)


# -- naming a country --------------------------------------------------------------------


def _key(text: str) -> str:
    """``text`` for comparing: casefolded, accents and extra spaces taken away."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                    if not unicodedata.combining(c))
    return " ".join(plain.replace("\u2019", "'").split())


def _names() -> dict[str, str]:
    """Every name we accept for a country (compared with ``_key``) -> its ISO code: the
    codes, ALIASES, the CLDR names in English and in the current language."""
    from firstsession.languagetags import countries

    names: dict[str, str] = {}
    codes = [code for code, _name in countries()]
    with i18n.speaking("en"):
        english = {code: i18n.country_name(code) for code in codes}
    for code in codes:
        names[_key(english[code])] = code
        names[_key(i18n.country_name(code))] = code
    names.update({_key(alias): code for alias, code in ALIASES.items()})
    names.update({_key(code): code for code in codes})
    return names


def resolve_country(value: str) -> str:
    """The ISO 3166-1 code a person means: "gb", "UK", "England", "United Kingdom",
    "Reino Unido" (in Spanish) -> "GB"; "" stays "" (the system's country).

    Raises CountryError whose message is one line naming the closest codes.
    """
    import difflib

    if not value.strip():
        return ""
    names = _names()
    wanted = _key(value)
    if wanted in names:
        return names[wanted]
    close = difflib.get_close_matches(wanted, list(names), n=6, cutoff=0.6)
    if not close:  # "ZZ": no name is near, so the codes nearest in spelling
        close = difflib.get_close_matches(wanted, [n for n in names if len(n) == 2], n=3,
                                          cutoff=0.0)
    codes = list(dict.fromkeys(names[name] for name in close))[:3]
    shown = ", ".join(f"{code} ({i18n.country_name(code)})" for code in codes)
    raise CountryError(_("unknown country {value!r}; the closest are {codes}").format(
        value=value, codes=shown))
