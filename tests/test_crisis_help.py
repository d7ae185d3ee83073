"""The right help for where the person is (issue 13): each country's own numbers, never another's.

A country without a crisis line shows its own emergency number in a sentence; an unknown one
says "your local emergency number"; old entries say "please confirm"; ``--country`` takes
codes, aliases and names; a packet's handout shows the packet's country first, whatever
computer prints it, and a client elsewhere sees their own country's lines labelled apart.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli
from core_catalogue import compile_spanish
from phonenumbers import shortnumberinfo
from pypdf import PdfReader

from firstsession import content as content_mod
from firstsession import crisis, i18n
from firstsession.cli import main
from firstsession.packet import Packet, PacketError, Practice
from firstsession.packet_content import PacketContent
from firstsession.packet_format import (
    check_new_packet,
    decode_packet,
    encode_packet,
    packet_to_dict,
    save_packet,
)
from firstsession.packet_sample import sample_packet

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
with (TEMPLATES / "crisis.toml").open("rb") as _fh:
    CRISIS = {c["code"]: c for c in tomllib.load(_fh)["countries"] if c["code"] != "INTL"}


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test here reads English words and English dates; the language is put back."""
    before = i18n.current()
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.set_language("en")
    yield
    i18n.set_language(before)


@pytest.fixture
def spanish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Spanish available: locale/es/LC_MESSAGES/firstsession.po compiled into a
    translations folder of its own, as a translator tries a language."""
    root = compile_spanish(tmp_path / "translations")
    monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(root))


def text_of(data: bytes) -> str:
    """All the text of a PDF, read back with pypdf, spaces squeezed."""
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


def digits(text: str) -> str:
    """Only the digits of ``text`` (numbers are compared however they are spaced)."""
    return "".join(c for c in text if c.isdigit())


# -- the fallback ------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["BR", "JP", "IN", "NG", "DE", "FR"])
def test_every_country_shows_only_its_own_emergency_numbers_and_never_the_eu(code: str) -> None:
    """BR, JP, IN, NG...: each emergency number shown is one libphonenumber confirms for that
    country, and the words "EU" never appear."""
    country = content_mod.load().crisis_for(code)
    text = crisis.footer(country)
    assert "EU" not in text and "European" not in text
    assert crisis.calls(country), code
    for number in crisis.calls(country):
        assert number in text
        assert shortnumberinfo.is_emergency_number(number, code), (code, number)


def test_a_country_without_a_line_gets_a_plain_sentence_with_its_own_number() -> None:
    """Nigeria has no line in our data: "If you are in danger now, call 199."."""
    assert "NG" not in CRISIS
    nigeria = content_mod.load().crisis_for("NG")
    assert nigeria.lines == ()
    assert crisis.footer(nigeria) == "If you are in danger now, call 199."


def test_a_region_without_an_emergency_number_gets_a_kind_sentence_without_one() -> None:
    """Antarctica has no public emergency number: a sentence with no number at all."""
    text = crisis.footer(content_mod.load().crisis_for("AQ"))
    assert text.startswith("If you are in danger now") and not any(c.isdigit() for c in text)


@pytest.mark.parametrize("code", ["", "ZZ", "EU", "INTL"])
def test_an_unknown_country_is_told_to_call_its_local_number_never_112(code: str) -> None:
    """No country known: "call your local emergency number", no number from another region."""
    text = crisis.footer(content_mod.load().crisis_for(code))
    assert text == "If you are in danger now, call your local emergency number."


def test_no_crisis_file_says_in_the_eu_any_more() -> None:
    """The words "in the EU" are gone from every crisis file, English and Spanish."""
    for path in (TEMPLATES / "crisis.toml", TEMPLATES / "es" / "crisis.toml"):
        text = path.read_text(encoding="utf-8")
        assert "in the EU" not in text and "en la UE" not in text, path


# -- staleness ---------------------------------------------------------------------------


def test_an_entry_over_a_year_old_says_checked_on_date_please_confirm() -> None:
    """With today fixed, a line checked 366 days before says "checked on DATE; numbers
    change, please confirm"; one checked 365 days before says nothing."""
    us = content_mod.load().crisis_for("US")
    checked = dt.date(2026, 11, 30)
    line = us.lines[0]._replace(reviewed=checked)
    fresh = us._replace(reviewed=checked, lines=(line,))
    assert crisis.footer_with_note(fresh, dt.date(2027, 11, 30)) == crisis.footer(fresh)
    note = crisis.footer_with_note(fresh, dt.date(2027, 12, 1))
    assert note.endswith("(checked on November 30, 2026; numbers change, please confirm)")
    old_line = us._replace(reviewed=dt.date(2027, 6, 1), lines=(line,))
    assert "November 30, 2026" in crisis.footer_with_note(old_line, dt.date(2027, 12, 1))


def test_each_line_carries_its_own_review_date() -> None:
    """Every crisis line read from crisis.toml keeps its own `reviewed` date."""
    for country in content_mod.load().countries:
        for line in country.lines:
            assert isinstance(line.reviewed, dt.date), (country.code, line.name)


def test_the_staleness_note_is_written_in_the_current_language(spanish: None) -> None:
    """In Spanish the note and its date are Spanish: "revisado el 30 de noviembre de 2026"."""
    with i18n.speaking("es"):
        assert crisis.stale_note(dt.date(2026, 11, 30)) == (
            "revisado el 30 de noviembre de 2026; los números cambian, confírmelo, por favor")


def test_the_fallback_sentence_is_written_in_the_current_language(spanish: None) -> None:
    """In Spanish, Nigeria's sentence is Spanish with Nigeria's own number."""
    with i18n.speaking("es"):
        text = crisis.footer(content_mod.load().crisis_for("NG"))
    assert text == "Si corre peligro ahora, llame al 199."


# -- naming a country --------------------------------------------------------------------


@pytest.mark.parametrize(("value", "code"), [
    ("gb", "GB"), ("UK", "GB"), ("uk", "GB"), ("England", "GB"), ("United Kingdom", "GB"),
    ("USA", "US"), ("united states", "US"), ("Mexico", "MX"), ("méxico", "MX"),
    ("Deutschland", "DE"), ("cote d'ivoire", "CI"), ("", ""),
])
def test_country_names_aliases_and_codes_in_any_case(value: str, code: str) -> None:
    """Codes in any case, everyday aliases and CLDR names all give the ISO code."""
    assert crisis.resolve_country(value) == code


def test_names_in_the_current_language_are_understood(spanish: None) -> None:
    """Speaking Spanish, "Reino Unido" and "Alemania" are GB and DE."""
    with i18n.speaking("es"):
        assert crisis.resolve_country("Reino Unido") == "GB"
        assert crisis.resolve_country("alemania") == "DE"


@pytest.mark.parametrize(("value", "closest"), [("ZZ", "ZW"), ("Germny", "DE"),
                                                 ("Brasill", "BR")])
def test_an_unknown_country_exits_2_with_one_line_naming_the_closest(
        tmp_path: Path, value: str, closest: str) -> None:
    """`blank --country ZZ` prints one line naming the closest codes and exits 2, no PDF."""
    out = tmp_path / "h.pdf"
    result = run_cli("blank", "--country", value, "-o", str(out))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert f"unknown country {value!r}" in lines[0] and closest in lines[0]
    assert not out.exists()


@pytest.mark.parametrize("code", sorted(CRISIS))
def test_blank_for_each_country_with_lines_prints_that_countrys_lines(
        tmp_path: Path, code: str) -> None:
    """`blank --country XX` for each country with crisis lines prints each line's name and
    number and the country's emergency number, on the handout and in the footer."""
    out = tmp_path / f"{code}.pdf"
    assert main(["blank", "--country", code.lower(), "-o", str(out)]) == 0
    text = text_of(out.read_bytes())
    flat = digits(text)
    entry = CRISIS[code]
    for line in entry["lines"]:
        for number in line["numbers"]:
            assert digits(number) in flat, (code, number)
    assert f"Emergency: {entry['emergency']}" in text
    assert i18n.country_name(code) in text  # the handout names whose numbers these are


# -- packets -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en_GB.UTF-8", "C.UTF-8", "ja_JP.UTF-8"])
def test_the_us_sample_packet_shows_911_and_988_whatever_computer_prints_it(
        tmp_path: Path, lang: str) -> None:
    """The sample US packet printed under en_GB, C and ja_JP shows 911 and 988 on every
    page, never 999, 112 or 119."""
    packet = tmp_path / "us.json"
    packet.write_bytes(encode_packet(sample_packet()))
    out = tmp_path / "h.pdf"
    env = {"LANG": lang, "LC_ALL": "", "LANGUAGE": "", "LC_MESSAGES": "", "LC_PAPER": ""}
    result = run_cli("blank", "--packet", str(packet), "-o", str(out), env=env)
    assert result.returncode == 0, result.stderr
    pages = PdfReader(out).pages
    for page in pages:
        text = page.extract_text() or ""
        assert "911" in text and "988" in text
        assert "999" not in text and "112" not in text and "119" not in text


def test_a_client_elsewhere_sees_both_countries_each_labelled_never_mixed() -> None:
    """A US packet for a client in the UK: the US lines and 911 first, then the UK's own
    under "United Kingdom"; 999 never shares a line with 988."""
    c = PacketContent(content_mod.load(), sample_packet())
    shown = c.crisis_shown("GB")
    assert [country.code for country in shown] == ["US", "GB"]
    lines = crisis.shown_text(shown).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("United States: ") and "988" in lines[0] and "911" in lines[0]
    assert lines[1].startswith("United Kingdom: ") and "999" in lines[1]
    assert "999" not in lines[0] and "988" not in lines[1]


def test_an_old_packet_without_a_country_is_read_and_blank_says_so(tmp_path: Path) -> None:
    """A format-1 packet has no country: it is read, blank prints with --country's numbers,
    says so in one line on stderr, and the handout names the country shown."""
    data = packet_to_dict(sample_packet())
    data["schema_version"] = 1
    del data["country"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    assert decode_packet(old.read_bytes()).country == ""
    out = tmp_path / "h.pdf"
    result = run_cli("blank", "--packet", str(old), "--country", "NZ", "-o", str(out))
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if "country" in line]
    assert len(notes) == 1
    assert "does not say its country" in notes[0] and "New Zealand" in notes[0]
    assert "New Zealand" in text_of(out.read_bytes())


def test_a_new_packet_must_name_its_country_and_says_so_plainly(tmp_path: Path) -> None:
    """Saving a packet without a country is refused, naming the field, in plain words."""
    packet = Packet(practice=Practice(name="Harbour Counselling"))
    with pytest.raises(PacketError) as info:
        save_packet(packet, tmp_path / "p.json")
    assert info.value.field == "country"
    assert "country is not set" in str(info.value)
    assert not (tmp_path / "p.json").exists()
    packet.country = "nz"
    assert check_new_packet(packet).country == "NZ"


def test_a_packet_country_must_be_a_real_code() -> None:
    """"ZZ" or "England" in a packet file is refused, naming the field."""
    for bad in ("ZZ", "England", 12):
        data = {**packet_to_dict(sample_packet()), "country": bad}
        with pytest.raises(PacketError) as info:
            decode_packet(json.dumps(data).encode())
        assert info.value.field == "country"

