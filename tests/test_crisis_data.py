"""The crisis data a person in crisis will dial from: every country's emergency number
(templates/emergency.toml) and the crisis lines (templates/crisis.toml), checked against
libphonenumber's metadata. A wrong number shown here may be the only one a person tries.

Exceptions are listed below by name, each with its reason, so that a reviewer sees every
place where the data goes beyond what libphonenumber confirms.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from babel import Locale
from phonenumbers import shortnumberinfo

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

# Regions with no emergency number in libphonenumber 9.0.x, and why the data has none.
# The app must show its general advice there, never another region's number.
NO_EMERGENCY_NUMBER = {
    "AQ": "Antarctica: no public emergency service.",
    "BV": "Bouvet Island: uninhabited.",
    "HM": "Heard Island and McDonald Islands: uninhabited.",
    "GS": "South Georgia and the South Sandwich Islands: no permanent population.",
    "UM": "U.S. Outlying Islands: no permanent population.",
    "TF": "French Southern Territories: no permanent population.",
    "IO": "British Indian Ocean Territory: no public data.",
    "PN": "Pitcairn Islands: not in libphonenumber, and no government page was found.",
    "TK": "Tokelau: not in libphonenumber, and no government page was found.",
    "GQ": "Equatorial Guinea: not in libphonenumber, and no government page was found.",
    "GN": "Guinea: no emergency pattern in libphonenumber, and no government page was found.",
}

# Crisis-line numbers that libphonenumber does not (yet) know as valid short numbers.
SHORT_CODES_LIBPHONENUMBER_LACKS = {
    ("NL", "113"): "113 Zelfmoordpreventie's own short code since 2020; the operator's page "
    "113.nl says 'Bel gratis 113'. libphonenumber's NL short data does not list it.",
    ("KR", "109"): "Korea's national suicide prevention number since 1 January 2024 (Ministry "
    "of Health and Welfare release); libphonenumber's KR short data predates it.",
    ("HK", "18111"): "The government's Mental Health Support Hotline since 27 December 2023 "
    "(news.gov.hk); libphonenumber's HK short data does not list it.",
    ("UA", "7333"): "Lifeline Ukraine's free short number since 2019 (lifelineukraine.com); "
    "libphonenumber's UA short data does not list it.",
}

# Sources whose stored copy was served over http; the URL is kept as it was seen.
HTTP_AS_SEEN = {
    ("DE", "TelefonSeelsorge"): "ekkw.de (Protestant Church of Kurhessen-Waldeck, a sponsor).",
    ("JP", "Yorisoi Hotline (よりそいホットライン)"): "mhlw.go.jp press release, 2013.",
    ("TW", "Lifeline 1995 (生命線)"): "1995.org.tw (New Taipei Lifeline Association), 2016.",
    ("FI", "MIELI Crisis Helpline (Kriisipuhelin)"): "mieli.fi/helpline, the operator's page.",
    ("SI", "Zaupni telefon Samarijan"): "telefon-samarijan.si, the operator's page, 2016.",
}

# Countries this data must cover, that have no line yet, and why (see the data report).
NO_SOURCED_LINE = {
    # Spanish is official
    "PR": "988 reaches ASSMCA's Línea PAS: said by an HHS/SAMHSA news release whose address "
    "was not found, news and a crisisnow.com interview; no 988lifeline.org or assmca.pr.gov "
    "page found (issue 13: the line cited a Texas police page, so it was removed).",
    "MX": "Línea de la Vida 800 911 2000 (CONASAMA): only news pages, some quoting state health "
    "secretariats; no gob.mx page found.",
    "GT": "No operator or government page found.",
    "HN": "No operator or government page found.",
    "SV": "No operator or government page found.",
    "NI": "No operator or government page found.",
    "CR": "Colegio de Psicología's Aquí Estoy: news pages give 1322, 2272-3774 and 800-2737869, "
    "with different hours; sources disagree.",
    "PA": "MIDES Línea 147 and MINSA 169: only news pages.",
    "CU": "No operator or government page found.",
    "DO": "Only news pages, and the number is changing (809-200-1400 to be replaced by 811).",
    "CO": "Minsalud Línea 192 option 4 and Bogotá's 106: only news pages.",
    "VE": "No operator or government page found.",
    "EC": "MSP Línea 171 option 6: only news pages.",
    "PE": "Línea 113 opción 5 (Minsa): only news, one on the state broadcaster's site.",
    "BO": "No operator or government page found.",
    "CL": "*4141 (Minsal): only news pages quoting the ministry; no minsal.cl or gob.cl "
    "page found.",
    "AR": "Several lines (135, 0800 999 0091, provincial 0800s): news only, and they differ.",
    "PY": "No operator or government page found.",
    "UY": "Línea Vida 0800 0767 / *0767 (ASSE): only news pages.",
    "GQ": "No operator or government page found, and no emergency number either.",
    # G20 and the largest countries of each continent
    "BR": "CVV 188: only news pages, no cvv.org.br or gov.br page found.",
    "CN": "12356 (National Health Commission): only news pages and copies, no nhc.gov.cn page.",
    "IN": "Tele-MANAS 14416: only news pages; the PIB page found did not show the number.",
    "ID": "No operator or government page found.",
    "IT": "Telefono Amico 02 2327 2327: only news pages.",
    "SA": "No operator or government page found.",
    "TR": "No operator or government page found.",
    "NG": "No operator or government page found.",
    "EG": "Mental health hotline 08008880700: only a news page.",
    "ET": "No operator or government page found.",
    "SE": "Mind Självmordslinjen 90101: the mind.se pages seen do not show the number; only a "
    "foundation's page (kronprinsessparetsstiftelse.se, not the operator) and news give it.",
}

SPANISH_OFFICIAL = (
    "ES MX GT HN SV NI CR PA CU DO PR CO VE EC PE BO CL AR PY UY GQ".split()
)
CHANNELS = {"call", "text", "chat"}


def load(name: str) -> dict[str, Any]:
    with (TEMPLATES / name).open("rb") as f:
        return tomllib.load(f)


EMERGENCY = {c["code"]: c for c in load("emergency.toml")["countries"]}
CRISIS = {c["code"]: c for c in load("crisis.toml")["countries"] if c["code"] != "INTL"}
LINES = [(code, line) for code, c in CRISIS.items() for line in c["lines"]]


def iso_3166_codes() -> set[str]:
    """Every ISO 3166-1 alpha-2 region CLDR names (CLDR adds a few non-ISO codes)."""
    not_iso = set("AC EA IC CP CQ DG TA XA XB QO EU EZ UN ZZ XK".split())
    return {k for k in Locale("en").territories if re.fullmatch("[A-Z]{2}", k)} - not_iso


def test_every_iso_country_and_territory_has_an_emergency_entry() -> None:
    """No region falls through to another region's number: all 249 have an entry."""
    assert len(iso_3166_codes()) == 249
    assert iso_3166_codes() <= set(EMERGENCY)


@pytest.mark.parametrize("code", sorted(EMERGENCY))
def test_emergency_numbers_are_confirmed_by_libphonenumber(code: str) -> None:
    """Each number shown as a region's emergency number is one libphonenumber confirms."""
    entry = EMERGENCY[code]
    if code in NO_EMERGENCY_NUMBER:
        assert entry["call"] == [] and entry["note"], code
        return
    assert entry["call"], f"{code} has no emergency number and no listed reason"
    assert entry["confirmed_by"] == "libphonenumber"
    for number in entry["call"]:
        assert shortnumberinfo.is_emergency_number(number, code), (code, number)
        assert number in entry["confirmed"]


def test_hand_chosen_emergency_numbers_are_marked_for_review() -> None:
    """Where a region has several numbers and one was chosen by hand, it says so."""
    for code, entry in EMERGENCY.items():
        if len(entry.get("confirmed", [])) > 1 and entry["call"] != entry["confirmed"]:
            rule_chosen = entry["choice"] in {
                "112, the general European number", "911, the general number"}
            assert rule_chosen or entry["review"] is True, code


@pytest.mark.parametrize("code", sorted(CRISIS))
def test_crisis_countrys_emergency_number_matches_the_emergency_data(code: str) -> None:
    """The footer's 'Emergency:' number is the one emergency.toml shows for the country."""
    assert CRISIS[code]["emergency"] in EMERGENCY[code]["call"]


@pytest.mark.parametrize(("code", "line"), LINES, ids=[f"{c}-{ln['name']}" for c, ln in LINES])
def test_every_line_number_is_well_formed_for_its_region(code: str, line: dict[str, Any]) -> None:
    """Each number parses for its region as a valid number or a valid short code."""
    assert line["numbers"], f"{code} {line['name']} lists no number"
    for number in line["numbers"]:
        parsed = phonenumbers.parse(number, code)
        ok = phonenumbers.is_valid_number(parsed) or (
            shortnumberinfo.is_valid_short_number_for_region(parsed, code))
        if (code, number) in SHORT_CODES_LIBPHONENUMBER_LACKS:
            assert not ok, f"libphonenumber now knows {code} {number}: drop the exception"
            continue
        assert ok, f"{code} {line['name']}: {number!r} is not a valid number there"
        assert not shortnumberinfo.is_emergency_number(number, code), (
            f"{code} {number} is an emergency number, not a crisis line")


@pytest.mark.parametrize(("code", "line"), LINES, ids=[f"{c}-{ln['name']}" for c, ln in LINES])
def test_every_line_names_its_source_and_review_date(code: str, line: dict[str, Any]) -> None:
    """A line says where its number was published and when it was last checked."""
    source = line["source"]
    if (code, line["name"]) in HTTP_AS_SEEN:
        assert source.startswith("http://"), "now https: drop the exception"
    else:
        assert source.startswith("https://"), (code, source)
    assert isinstance(line["reviewed"], dt.date), (code, line["name"])
    assert set(line.get("channels", ["call"])) <= CHANNELS
    for number in line["numbers"]:
        assert number in line["contact"], (
            f"{code}: the footer text {line['contact']!r} does not show {number}")


def test_no_line_takes_its_data_from_a_forbidden_directory() -> None:
    """findahelpline's terms forbid redistribution; Wikipedia lists are not sources."""
    for code, line in LINES:
        assert not re.search(r"findahelpline|wikipedia", line["source"], re.I), code


def test_at_least_30_countries_have_crisis_lines() -> None:
    """The app covers at least 30 countries with lines of their own (issue 13)."""
    assert len(CRISIS) >= 30


def test_every_spanish_official_country_is_covered_or_explained() -> None:
    """Each country where Spanish is official has a line, or a written reason it has none."""
    for code in SPANISH_OFFICIAL:
        assert (code in CRISIS) != (code in NO_SOURCED_LINE), code


def test_countries_without_a_line_still_have_their_own_emergency_number() -> None:
    """The fallback for a country with no line is its own emergency number, when it has one."""
    for code in NO_SOURCED_LINE:
        assert EMERGENCY[code]["call"] or code in NO_EMERGENCY_NUMBER, code
