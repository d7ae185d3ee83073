"""The language First Session speaks: gettext catalogues for every word the code says.

One workflow for the whole program (docs/TRANSLATING.md): the app, the command line and
the PDF all mark their words for gettext, and all of them land in one catalogue per
language, ``locale/<lang>/LC_MESSAGES/firstsession.po``, compiled into the ``.mo`` next to
it (``tools/i18n.py compile``). The app's ``self.tr()`` calls reach the same catalogue
through ``app/translator.py``; the command line and the PDF never load Qt.

The content (explainers, feeling words, prompts, questions, checklist, crisis text) is
data, not code: ``templates/<lang>/``, read by ``content`` with English as the fallback for
each item. Only this module decides which language that is.

Rules for code that shows words:
- ``_("…")`` at the moment a word is shown, never at import time; a module-level constant
  is marked with ``N_("…")`` (a no-op that extraction sees) and passed through ``_()`` when used.
- Counts use ``ngettext(singular, plural, n)``; whole sentences with ``{name}`` fields,
  never English grammar built in code ("And {count} more answer").
- Dates and numbers go through ``format_date`` / ``format_decimal`` (CLDR, via babel).

No Qt here. Nothing is read until a word is asked for; ``set_language`` reads one ``.mo``.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from firstsession.paths import resource_dir

if TYPE_CHECKING:
    import datetime as dt

    from babel import Locale

DOMAIN = "firstsession"
SOURCE_LANGUAGE = "en"  # the language the code and templates/*.toml are written in
# A folder laid out like the repository's (``locale/<lang>/LC_MESSAGES/firstsession.mo`` and
# ``templates/<lang>/``), searched before the bundled one: a translator tries a new
# language with it before it is built in, and the tests add a made-up language with it.
TRANSLATIONS_ENV = "FIRSTSESSION_TRANSLATIONS_DIR"

_lock = threading.Lock()
_language = SOURCE_LANGUAGE
_catalogue: _gettext.NullTranslations = _gettext.NullTranslations()
_chosen = False
_format_tag = SOURCE_LANGUAGE  # the tag dates and numbers follow ("en-GB" while speaking "en")
_listeners: list[Callable[[str], None]] = []


def search_roots() -> list[Path]:
    """The folders that hold ``locale/`` and ``templates/``: the translator's override
    (``FIRSTSESSION_TRANSLATIONS_DIR``) first, then the bundled resources' parent."""
    roots: list[Path] = []
    override = os.environ.get(TRANSLATIONS_ENV)
    if override:
        roots.append(Path(override).expanduser())
    roots.append(resource_dir("locale").parent)
    return roots


def locale_dirs() -> list[Path]:
    """Every ``locale`` folder to search, in order (see ``search_roots``)."""
    return [root / "locale" for root in search_roots()]


def template_dirs(language: str) -> list[Path]:
    """The content folders for ``language``, most specific first, English last:
    "es-MX" -> [.../templates/es-MX, .../templates/es, .../templates]; missing folders
    are left out. ``content`` takes each item from the first folder that has it."""
    dirs: list[Path] = []
    for code in _fallback_chain(language):
        for root in search_roots():
            folder = root / "templates" if code == SOURCE_LANGUAGE else root / "templates" / code
            if folder.is_dir() and folder not in dirs:
                dirs.append(folder)
    return dirs


def available_languages() -> list[str]:
    """The languages the program speaks, as tags ("en", "es", "es-MX"), English first:
    English and every language that has a compiled catalogue."""
    found = {SOURCE_LANGUAGE}
    for folder in locale_dirs():
        if folder.is_dir():
            for child in folder.iterdir():
                if (child / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
                    found.add(child.name.replace("_", "-"))
    return [SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE})]


def normalize(tag: str) -> str:
    """A language tag or a POSIX locale name as our tag: "es_ES.UTF-8" -> "es-ES",
    "ES" -> "es", "pt_br" -> "pt-BR"; "" for "", "C", "POSIX" and "C.UTF-8"."""
    base = tag.strip().split(".")[0].split("@")[0].replace("_", "-")
    if not base or base in ("C", "POSIX"):
        return ""
    parts = base.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part)
    return "-".join(out)


def _prefixes(tag: str) -> list[str]:
    """"es-MX" -> ["es-MX", "es"]: the tag and each shorter form of it."""
    parts = normalize(tag).split("-") if normalize(tag) else []
    return ["-".join(parts[:i]) for i in range(len(parts), 0, -1)]


def _fallback_chain(tag: str) -> list[str]:
    """"es-MX" -> ["es-MX", "es", "en"]: the more specific first, English always last."""
    chain = _prefixes(tag)
    if SOURCE_LANGUAGE not in chain:
        chain.append(SOURCE_LANGUAGE)
    return chain


def best_match(wanted: list[str]) -> str:
    """The first of ``wanted`` (tags, most preferred first) that we speak, or its
    language without the country ("es-AR" -> "es"); English when none is spoken."""
    return _match(wanted)[0]


def _match(wanted: list[str]) -> tuple[str, str]:
    """(the language we speak, the wanted tag it came from, for dates and numbers:
    "en-GB" writes dates as Britain does though the words are "en")."""
    have = {code.lower(): code for code in available_languages()}
    for tag in wanted:
        for code in _prefixes(tag):
            if code.lower() in have:
                return have[code.lower()], normalize(tag)
    return SOURCE_LANGUAGE, SOURCE_LANGUAGE


def system_languages() -> list[str]:
    """The languages the system asks for, most preferred first, as gettext reads them:
    ``LANGUAGE`` (a colon-separated list), then ``LC_ALL``, ``LC_MESSAGES``, ``LANG``.
    The app adds Qt's system UI languages (Windows and macOS set no variable) through
    ``set_platform_languages``."""
    wanted: list[str] = []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if not value:
            continue
        items = value.split(":") if var == "LANGUAGE" else [value]
        wanted.extend(tag for tag in (normalize(item) for item in items) if tag)
        if var != "LANGUAGE":
            break  # as gettext: the first locale variable that is set decides
    return [*wanted, *_platform_languages]


_platform_languages: list[str] = []


def set_platform_languages(tags: list[str]) -> None:
    """The app passes ``QLocale.system().uiLanguages()``, read after the environment."""
    _platform_languages[:] = [t for t in (normalize(tag) for tag in tags) if t]


class _Speaking(threading.local):
    """A language for this thread only (``speaking``): None = the process's language."""

    language: str | None = None
    format_tag: str = SOURCE_LANGUAGE
    catalogue: _gettext.NullTranslations | None = None


_here = _Speaking()


@contextlib.contextmanager
def speaking(tag: str | None) -> Iterator[str]:
    """Within the block, this thread speaks ``tag`` (None or "" = the current language):
    a packet's handout in the packet's language while the app's window keeps its own.
    Other threads are not affected. Yields the language chosen."""
    if not tag:
        yield current()
        return
    chosen, format_tag = _match([tag])
    saved = (_here.language, _here.format_tag, _here.catalogue)
    _here.language, _here.format_tag, _here.catalogue = chosen, format_tag, _catalogue_for(chosen)
    try:
        yield chosen
    finally:
        _here.language, _here.format_tag, _here.catalogue = saved


def _catalogue_for(chosen: str) -> _gettext.NullTranslations:
    """The catalogue for a language we speak, each shorter tag as its fallback."""
    catalogue: _gettext.NullTranslations = _gettext.NullTranslations()
    if chosen == SOURCE_LANGUAGE:
        return catalogue
    for code in reversed(_prefixes(chosen)):  # "es" below "es-MX"
        found = _read_catalogue(code)
        if found is not None:
            if isinstance(catalogue, _gettext.GNUTranslations):
                found.add_fallback(catalogue)
            catalogue = found
    return catalogue


def set_language(tag: str | None = None) -> str:
    """Speak ``tag`` ("es", "es-MX"; None or "" = follow the system) from now on, in every
    thread. Returns the language chosen (a tag from ``available_languages``). Listeners
    added with ``on_change`` are called when the language changes."""
    global _language, _catalogue, _chosen, _format_tag
    chosen, format_tag = _match([tag] if tag else system_languages())
    catalogue = _catalogue_for(chosen)
    with _lock:
        changed = chosen != _language
        _language, _catalogue, _chosen, _format_tag = chosen, catalogue, True, format_tag
    if changed:
        for listener in list(_listeners):
            listener(chosen)
    return chosen


def _read_catalogue(code: str) -> _gettext.GNUTranslations | None:
    for folder in locale_dirs():
        for name in (code.replace("-", "_"), code):
            path = folder / name / "LC_MESSAGES" / f"{DOMAIN}.mo"
            if path.is_file():
                with path.open("rb") as handle:
                    return _gettext.GNUTranslations(handle)
    return None


def current() -> str:
    """The language spoken now in this thread, as a tag ("en", "es"); the system's on
    first use."""
    if _here.language is not None:
        return _here.language
    if not _chosen:
        set_language(None)
    return _language


def on_change(listener: Callable[[str], None]) -> None:
    """Call ``listener(tag)`` after each change of language (the app retranslates)."""
    _listeners.append(listener)


def _cat() -> _gettext.NullTranslations:
    if _here.catalogue is not None:
        return _here.catalogue
    if not _chosen:
        set_language(None)
    return _catalogue


def _(message: str) -> str:
    """``message`` in the current language (itself when the catalogue lacks it)."""
    return _cat().gettext(message)


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for it)
    """Marks a word for extraction without translating it (for module-level constants)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted phrase for ``n`` under the language's plural rule (from the
    catalogue's Plural-Forms header; CLDR rules in the ``.po``)."""
    return _cat().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart by ``context`` (same English
    word, different meanings: "Open" a file vs. "open" hours)."""
    return _cat().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _cat().npgettext(context, singular, plural, n)


def babel_locale_name(tag: str | None = None) -> str:
    """The CLDR locale for ``tag`` as babel names it: "es" -> "es", "es-MX" -> "es_MX".
    Default: the current language with the region it was asked for (LANG=en_GB gives
    "en_GB": English words, British dates)."""
    if tag is None:
        current()
        tag = _here.format_tag if _here.language is not None else _format_tag
    return tag.replace("-", "_")


def cldr_locale(tag: str | None = None) -> Locale:
    """The CLDR locale babel formats with for ``tag`` (default: the current one, see
    ``babel_locale_name``): the tag itself, else its language ("es-419" -> "es"), else
    English. A language CLDR does not know (a translator's new or made-up one, the
    pseudo-locale "en-XA") gets English dates and numbers instead of an error."""
    from babel import Locale, UnknownLocaleError

    name = babel_locale_name(tag)
    for candidate in (name, name.split("_")[0], SOURCE_LANGUAGE):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    raise AssertionError("babel always knows English")  # pragma: no cover


def format_date(value: dt.date, form: str = "long") -> str:
    """A date as the current language writes it (CLDR via babel): "long" gives
    "30 November 2026" in en-GB, "30 de noviembre de 2026" in es."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=form, locale=cldr_locale())


def format_decimal(value: float) -> str:
    """A number as the current language writes it (CLDR via babel): 1234.5 -> "1.234,5" in es."""
    from babel.numbers import format_decimal as babel_format_decimal

    return babel_format_decimal(value, locale=cldr_locale())


def country_name(code: str) -> str:
    """An ISO 3166-1 country's name in the current language (CLDR via babel); the code
    itself when CLDR does not know it. "DE" -> "Germany" / "Alemania"."""
    return str(cldr_locale().territories.get(code.upper(), code))
