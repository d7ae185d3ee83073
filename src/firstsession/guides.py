"""The guides for the person's country: which country, its question bank, checklist and sources.

The country whose health system the guides follow is the packet's when a sheet or a handout
comes from a counsellor's packet that names one (the therapy happens there, and the printing
computer's locale is not the client's), else the sheet's country, else the one guessed from
the computer's region (``localeinfo.guess_country``). ``healthsystems`` holds the data; this
module applies it to what the app and the PDF show. No Qt here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from firstsession import i18n, localeinfo
from firstsession.i18n import N_, _

if TYPE_CHECKING:  # the data (tomllib) is read on first use, not at start-up
    from firstsession import healthsystems
    from firstsession.content import Category, ChecklistItem, Content, Question
    from firstsession.model import ChosenQuestion

# Which explainer each kind of entry is shown under (explainers.toml ids).
CREDENTIALS_EXPLAINER = "choosing-a-therapist"
ROUTES_EXPLAINER = "public-routes"
CREDENTIALS_HEADING = N_("Where to check a therapist in {country}")
ROUTES_HEADING = N_("Free or public routes to therapy in {country}")


class Entry(NamedTuple):
    """One register or public route as shown: its name, our words, where it came from."""

    name: str  # the body's or service's own name
    text: str  # our plain words about it, in the language of the moment
    source: str  # "From the website of <name>: <site>"
    note: str  # "checked on DATE; details change, please confirm", or "" when recent


def country_for(content: Content, code: str | None) -> str:
    """The country (ISO 3166-1 alpha-2, upper case) the guides follow: the packet's when
    ``content`` is a packet's view and the packet names one; else ``code`` (a sheet's
    country); else the computer's region. May be "" when nothing is known."""
    packet = content.packet
    if packet is not None and packet.country:
        return packet.country.strip().upper()
    return ((code or "").strip() or localeinfo.guess_country()).upper()


def question_bank(content: Content, country: str) -> tuple[Category, ...]:
    """The question bank as a person in ``country`` sees it (``healthsystems.adjust_questions``:
    the right credentials question, insurance questions only where insurance applies)."""
    from firstsession import healthsystems

    return healthsystems.adjust_questions(content.categories, country, content.language_now())


def checklist(content: Content, country: str) -> tuple[ChecklistItem, ...]:
    """The "before the day" checklist for ``country`` (``healthsystems.adjust_checklist``)."""
    from firstsession import healthsystems

    return healthsystems.adjust_checklist(content.checklist, country, content.language_now())


def question(content: Content, qid: str, country: str) -> Question | None:
    """The bank's (or packet's) question ``qid`` in ``country``'s wording; one the
    country's bank leaves out (insurance in the UK) in the general wording; None: unknown."""
    for category in question_bank(content, country):
        for found in category.questions:
            if found.id == qid:
                return found
    return content.question(qid)


def question_text(content: Content, chosen: ChosenQuestion, country: str) -> str:
    """The text a chosen question shows for ``country``: the person's own as typed; a bank
    question in the country's wording ("Are you licensed...?" in the US); a question the
    country's bank leaves out (insurance in the UK) in the general wording, never dropped;
    else as ``Content.question_text`` (the text kept with it, else its id)."""
    found = None if chosen.own else question(content, chosen.id, country)
    return found.text if found is not None else content.question_text(chosen)


def _site(url: str) -> str:
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _entry(item: healthsystems.Sourced, today: dt.date | None) -> Entry:
    note = ""
    if item.is_stale(today):
        note = _("checked on {date}; details change, please confirm").format(
            date=i18n.format_date(item.reviewed))
    source = _("From the website of {name}: {site}").format(name=item.name, site=_site(item.source))
    return Entry(item.name, item.text, source, note)


def entries_for(
    explainer_id: str, country: str, language: str | None = None, today: dt.date | None = None
) -> tuple[str, tuple[Entry, ...]]:
    """(heading, entries) to show under an explainer for a person in ``country``: the
    registers and licences to check under "choosing-a-therapist", the public routes under
    "public-routes"; ("", ()) for other explainers and countries without such data. Each
    entry names its source's site and, when checked over a year before ``today``, says so."""
    from firstsession import healthsystems

    system = healthsystems.system_for(country, language)
    if system is None:
        return "", ()
    if explainer_id == CREDENTIALS_EXPLAINER:
        items, heading = system.credentials, CREDENTIALS_HEADING
    elif explainer_id == ROUTES_EXPLAINER:
        items, heading = system.routes, ROUTES_HEADING
    else:
        return "", ()
    if not items:
        return "", ()
    title = _(heading).format(country=i18n.country_name(system.code))
    return title, tuple(_entry(item, today) for item in items)
