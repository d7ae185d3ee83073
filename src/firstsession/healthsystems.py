"""Guides that fit the person's health system: the right credentials and insurance questions.

``templates/health_systems.toml`` holds, per country (ISO 3166-1 alpha-2 code), the data: the
spelling English uses there ("license"/"licence"), what a person should ask about (a licence
from a state board, a professional register, or membership of an official college), whether
insurance is usually how people pay, the public routes to therapy a government publishes, and
the registers a person can check, each with the page it was taken from (``source``) and the
date it was checked (``reviewed``).
``templates/<lang>/health_systems.toml`` holds only the words, keyed by the same codes and ids;
each word comes from the most specific language that has it, English last
(``i18n.template_dirs``). A country without an entry keeps the general wording of
``questions.toml`` and ``checklist.toml``, which fits every system.

Sources: each route's and register's ``source`` in the data file (official bodies' and
governments' own pages only; see docs/CONTENT_FORMAT.md). No Qt here.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from firstsession import i18n

if TYPE_CHECKING:
    from firstsession.content import Category, ChecklistItem, Question

FILE = "health_systems.toml"
CREDENTIAL_KINDS = ("license", "register", "membership")
SPELLINGS = ("license", "licence")
# The question ids the data adjusts (ids of questions.toml and checklist.toml).
CREDENTIAL_QUESTION = "licence"
VERIFY_QUESTION = "verify-licence"
INSURANCE_QUESTIONS = ("insurance", "insurer-told")
PAYMENT_ITEM = "payment"
STALE_AFTER_DAYS = 365
# Keys whose values are data, the same in every language; every other string is a word.
DATA_KEYS = frozenset({"code", "id", "name", "spelling", "credential", "source"})
_CODE = re.compile(r"^[A-Z]{2}$")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class HealthSystemsError(Exception):
    """health_systems.toml is missing or malformed (a problem for writers, not users)."""


class Sourced(NamedTuple):
    """A public route or a register: its official name, our words about it, where it was seen."""

    id: str
    name: str
    text: str
    source: str  # the body's or a government's own page, as found
    reviewed: dt.date

    def is_stale(self, today: dt.date | None = None) -> bool:
        """True when the entry was last checked against its source over a year ago
        (``STALE_AFTER_DAYS``, the crisis lines' rule): time to look at the page again."""
        today = today or dt.date.today()
        return (today - self.reviewed).days > STALE_AFTER_DAYS


class HealthSystem(NamedTuple):
    """One country's entry; None fields mean "no data: use the general wording"."""

    code: str
    spelling: str | None  # "license" or "licence" where English is used
    credential: str | None  # "license", "register" or "membership"
    insurance: bool | None
    reviewed: dt.date
    routes: tuple[Sourced, ...]
    credentials: tuple[Sourced, ...]


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise HealthSystemsError(f"{path}: {exc}") from exc


def _english_file() -> Path:
    for folder in i18n.template_dirs(i18n.SOURCE_LANGUAGE):
        if (folder / FILE).is_file():
            return folder / FILE
    raise HealthSystemsError(f"{FILE} not found in {i18n.template_dirs(i18n.SOURCE_LANGUAGE)}")


def word_paths(table: dict[str, Any], where: tuple[str, ...] = ()) -> dict[tuple[str, ...], str]:
    """Every word in a parsed file, keyed by its place: ("credentials", "register",
    "question") or ("countries", "GB", "routes", "nhs-talking-therapies", "text"); items of a
    list are keyed by their ``code`` or ``id``. Data keys (``DATA_KEYS``) and dates are left
    out. Raises HealthSystemsError for a list item without a code or id."""
    found: dict[tuple[str, ...], str] = {}
    for key, value in table.items():
        if key in DATA_KEYS or key == "meta":
            continue
        if isinstance(value, str):
            found[(*where, key)] = value
        elif isinstance(value, dict):
            found.update(word_paths(value, (*where, key)))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for item in value:
                name = item.get("code") or item.get("id")
                if not isinstance(name, str):
                    raise HealthSystemsError(
                        f"{'.'.join((*where, key))}: an item has no code or id"
                    )
                found.update(word_paths(item, (*where, key, name)))
    return found


@cache
def _words(language: str) -> dict[tuple[str, ...], str]:
    """The words for ``language``, each from the most specific folder that has it."""
    words: dict[tuple[str, ...], str] = {}
    for folder in reversed(i18n.template_dirs(language)):  # English first, overwritten
        path = folder / FILE
        if path.is_file():
            words.update(word_paths(_read(path)))
    return words


def _sourced(items: list[dict[str, Any]], where: str) -> list[dict[str, Any]]:
    ids: set[str] = set()
    for item in items:
        for key in ("id", "name", "text", "source", "reviewed"):
            if key not in item:
                raise HealthSystemsError(f"{where}: {item.get('id', '?')} has no {key}")
        if not _ID.match(item["id"]) or item["id"] in ids:
            raise HealthSystemsError(f"{where}: bad or repeated id {item['id']!r}")
        ids.add(item["id"])
        if not str(item["source"]).startswith(("https://", "http://")):
            raise HealthSystemsError(f"{where}.{item['id']}: source is not a web address")
        if not isinstance(item["reviewed"], dt.date):
            raise HealthSystemsError(f"{where}.{item['id']}: reviewed is not a date")
    return items


@cache
def _data() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(the whole English file, its countries by code), checked."""
    data = _read(_english_file())
    countries: dict[str, dict[str, Any]] = {}
    for entry in data.get("countries", []):
        code = entry.get("code", "")
        where = f"{FILE}: {code or '?'}"
        if not _CODE.match(code) or code in countries:
            raise HealthSystemsError(f"{where}: bad or repeated country code")
        if not isinstance(entry.get("reviewed"), dt.date):
            raise HealthSystemsError(f"{where}: reviewed is not a date")
        if entry.get("spelling", SPELLINGS[0]) not in SPELLINGS:
            raise HealthSystemsError(f"{where}: spelling must be one of {SPELLINGS}")
        if entry.get("credential", CREDENTIAL_KINDS[0]) not in CREDENTIAL_KINDS:
            raise HealthSystemsError(f"{where}: credential must be one of {CREDENTIAL_KINDS}")
        if not isinstance(entry.get("insurance", False), bool):
            raise HealthSystemsError(f"{where}: insurance must be true or false")
        _sourced(entry.get("routes", []), f"{where}.routes")
        _sourced(entry.get("credentials", []), f"{where}.credentials")
        countries[code] = entry
    return data, countries


def _lang(language: str | None) -> str:
    return language or i18n.current()


def _word(path: tuple[str, ...], language: str | None) -> str:
    words = _words(_lang(language))
    if path not in words:
        raise HealthSystemsError(f"{FILE}: no words at {'.'.join(path)}")
    return words[path]


def codes() -> tuple[str, ...]:
    """The country codes with an entry, in the file's order."""
    return tuple(_data()[1])


def system_for(country: str | None, language: str | None = None) -> HealthSystem | None:
    """The entry for ``country`` (ISO 3166-1 alpha-2, any case) with its words in
    ``language`` (default: the language spoken now), or None when the file has no entry:
    then every guide keeps its general wording."""
    entry = _data()[1].get((country or "").strip().upper())
    if entry is None:
        return None
    code = entry["code"]

    def sourced(kind: str) -> tuple[Sourced, ...]:
        return tuple(
            Sourced(
                item["id"],
                item["name"],
                _word(("countries", code, kind, item["id"], "text"), language),
                item["source"],
                item["reviewed"],
            )
            for item in entry.get(kind, [])
        )

    return HealthSystem(
        code=code,
        spelling=entry.get("spelling"),
        credential=entry.get("credential"),
        insurance=entry.get("insurance"),
        reviewed=entry["reviewed"],
        routes=sourced("routes"),
        credentials=sourced("credentials"),
    )


def _credential_words(system: HealthSystem | None) -> str | None:
    """The key of the credential words for a country: "register", "license" or, for a
    licence where English is written the British way, "licence"; None = general wording."""
    if system is None or system.credential is None:
        return None
    if system.credential == "license" and system.spelling == "licence":
        return "licence"
    return system.credential


def adjust_questions(
    categories: Iterable[Category], country: str | None, language: str | None = None
) -> tuple[Category, ...]:
    """The question bank (``content`` categories) for a person in ``country``: the
    credentials questions ("licence", "verify-licence") asked the way that country's system
    works ("Are you licensed...?" in the US, "Are you on a professional register?" in the
    UK); the insurance question worded for a country where insurance is how people pay, and
    the insurance questions left out where a free public service is the usual route. A
    country without data gets the categories unchanged (the general wording)."""
    system = system_for(country, language)
    kind = _credential_words(system)
    out: list[Category] = []
    for category in categories:
        questions: list[Question] = []
        for question in category.questions:
            if kind and question.id == CREDENTIAL_QUESTION:
                question = question._replace(
                    text=_word(("credentials", kind, "question"), language),
                    why=_word(("credentials", kind, "why"), language),
                )
            elif kind and question.id == VERIFY_QUESTION:
                question = question._replace(text=_word(("credentials", kind, "verify"), language))
            elif system is not None and system.insurance is False:
                if question.id in INSURANCE_QUESTIONS:
                    continue
            elif system is not None and system.insurance and question.id == "insurance":
                question = question._replace(
                    text=_word(("insurance", "yes", "question"), language),
                    why=_word(("insurance", "yes", "why"), language),
                )
            questions.append(question)
        out.append(category._replace(questions=tuple(questions)))
    return tuple(out)


def adjust_checklist(
    items: Iterable[ChecklistItem], country: str | None, language: str | None = None
) -> tuple[ChecklistItem, ...]:
    """The "before the day" checklist for a person in ``country``: the payment item names an
    insurance card only where insurance is how people pay, and a doctor's letter where a
    public service is the usual route. Other items and countries without data: unchanged."""
    system = system_for(country, language)
    out: list[ChecklistItem] = []
    for item in items:
        if item.id == PAYMENT_ITEM and system is not None and system.insurance is not None:
            which = "yes" if system.insurance else "no"
            item = item._replace(text=_word(("insurance", which, "checklist"), language))
        out.append(item)
    return tuple(out)


def credential_lines(country: str | None, language: str | None = None) -> tuple[str, ...]:
    """One line per register or credential a person in ``country`` can check, as
    "Name: what it is" in ``language`` (names of bodies stay as they write them); empty for a
    country without such data. The sources are on each ``Sourced`` from ``system_for``."""
    system = system_for(country, language)
    if system is None:
        return ()
    return tuple(f"{item.name}: {item.text}" for item in system.credentials)


def public_routes(country: str | None, language: str | None = None) -> tuple[Sourced, ...]:
    """The public routes to therapy a government publishes for ``country`` (NHS Talking
    Therapies in England...), in ``language``; empty when none is known."""
    system = system_for(country, language)
    return system.routes if system is not None else ()


def language_files() -> dict[str, Path]:
    """Every translation of the words: {"es": .../templates/es/health_systems.toml, ...}."""
    found: dict[str, Path] = {}
    for root in i18n.search_roots():
        folder = root / "templates"
        if folder.is_dir():
            for child in sorted(folder.iterdir()):
                if (child / FILE).is_file():
                    found.setdefault(child.name, child / FILE)
    return found


def check_all() -> None:
    """Read the data and every translation, raising HealthSystemsError at the first
    problem: a malformed entry, a word missing in English, or a translated word for a place
    the English file does not have (a misspelt code or id would otherwise hide it)."""
    data, countries = _data()
    english = word_paths(data)
    for path in language_files().values():
        for place in word_paths(_read(path)):
            if place not in english:
                raise HealthSystemsError(f"{path}: {'.'.join(place)} is not in {FILE}")
    for code in countries:
        system_for(code, i18n.SOURCE_LANGUAGE)


def reload() -> None:
    """Forget what was read (after FIRSTSESSION_TRANSLATIONS_DIR or the files change)."""
    _data.cache_clear()
    _words.cache_clear()
