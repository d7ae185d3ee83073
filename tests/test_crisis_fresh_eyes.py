"""Issue 13, the fresh-eyes findings: each kind of mix-up pinned by a test.

A packet without a country never mixes its lines with another country's (they are
labelled by the practice, the emergency number by its own country, and the handout says
plainly that the country is not set); numbers never break over two lines; the dates that
drive "please confirm" come from the English file whatever a translation says; everyday
names ("EE.UU.", "Inglaterra", "Ivory Coast") name the right country; the footer reads
cleanly ("?:" and "::" never, each note right after what it is about).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import run_cli
from core_catalogue import compile_spanish
from pypdf import PdfReader

# Every test here reads English words and dates unless it says otherwise (autouse, put back).
from test_crisis_help import english  # noqa: F401, E402

from firstsession import content as content_mod
from firstsession import crisis, i18n
from firstsession.content import CrisisLine
from firstsession.model import Sheet
from firstsession.packet_content import PacketContent
from firstsession.packet_format import packet_to_dict
from firstsession.packet_sample import sample_packet
from firstsession.storage import encode_sheet

PRACTICE = sample_packet().practice.name


def pages_of(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """``text`` with no-break spaces read as spaces (a number keeps together on paper)."""
    return text.replace("\u00a0", " ")


def no_country_packet(tmp_path: Path, version: int = 1) -> Path:
    """The sample US packet without its country (format 1, as made before issue 13)."""
    data = packet_to_dict(sample_packet())
    data["schema_version"] = version
    del data["country"]
    path = tmp_path / "nocountry.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# -- 1. a packet without a country ------------------------------------------------------


def test_a_packet_without_a_country_labels_its_lines_by_the_practice_not_a_country() -> None:
    """Its lines are "From <practice> (country not set)"; the UK's own lines and 999 come
    after under "United Kingdom"; 988 and 999 never share a line."""
    c = PacketContent(content_mod.load(), replace(sample_packet(), country=""))
    shown = c.crisis_shown("GB")
    assert [country.code for country in shown] == [crisis.PRACTICE, "GB"]
    lines = crisis.shown_text(shown).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"From {PRACTICE} (country not set) \u2014 ")
    assert "988" in lines[0] and "Emergency" not in lines[0] and "999" not in lines[0]
    assert lines[1].startswith("United Kingdom \u2014 ") and "Emergency: 999" in lines[1]
    assert "988" not in lines[1]


@pytest.mark.parametrize(("lang", "country"), [("en_GB.UTF-8", "United Kingdom"),
                                               ("C.UTF-8", "Another country")])
def test_a_no_country_handout_says_so_and_never_puts_988_next_to_999(
        tmp_path: Path, lang: str, country: str) -> None:
    """`blank --packet` (no country) under en_GB and C: the handout says the practice has
    not set its country and whose emergency number is shown; no line holds 988 and 999,
    and the packet's lines are never under the country's heading."""
    out = tmp_path / "h.pdf"
    env = {"LANG": lang, "LC_ALL": "", "LANGUAGE": "", "LC_MESSAGES": "", "LC_PAPER": ""}
    result = run_cli("blank", "--packet", str(no_country_packet(tmp_path)), "-o", str(out),
                     env=env)
    assert result.returncode == 0, result.stderr
    pages = [flat(p) for p in pages_of(out.read_bytes())]
    whole = " ".join(" ".join(p.split()) for p in pages)
    assert (f"{PRACTICE} has not set its country, so the emergency number shown here is "
            f"the one for {country}.") in whole
    assert f"From {PRACTICE} (country not set)" in whole
    for page in pages:
        for line in page.splitlines():
            assert not ("988" in line and "999" in line), line
            assert not (line.startswith(country) and "988" in line), line


def test_an_exported_sheet_with_a_no_country_packet_labels_both_groups(tmp_path: Path) -> None:
    """`export` of a GB sheet holding a packet without a country: every page's footer
    names the practice for its lines and the UK for 999, never one line with both."""
    data = json.loads(no_country_packet(tmp_path).read_text(encoding="utf-8"))
    sheet = Sheet(country="GB", packet=data)
    path = tmp_path / "s.json"
    path.write_bytes(encode_sheet(sheet))
    out = tmp_path / "s.pdf"
    result = run_cli("export", str(path), "-o", str(out), env={"LANG": "C.UTF-8"})
    assert result.returncode == 0, result.stderr
    for page in pages_of(out.read_bytes()):
        text = flat(page)
        assert f"From {PRACTICE} (country not set)" in " ".join(text.split())
        assert "United Kingdom \u2014" in text and "999" in text
        for line in text.splitlines():
            assert not ("988" in line and "999" in line), line


# -- 2. numbers never break -------------------------------------------------------------


@pytest.mark.parametrize(("text", "kept"), [
    ("Call 0800 111 0 111 or 0800 111 0 222", ["0800\u00a0111\u00a00\u00a0111",
                                               "0800\u00a0111\u00a00\u00a0222"]),
    ("Samaritans: Call 116 123 · Emergency: 999", ["116\u00a0123"]),
    ("Call (555) 014-7700", ["(555)\u00a0014-7700"]),
])
def test_a_number_in_groups_keeps_together_with_no_break_spaces(text: str, kept: list[str]) -> None:
    """Spaces inside a number become no-break spaces; spaces between words stay."""
    shown = crisis.unbreakable_numbers(text)
    for number in kept:
        assert number in shown
    assert shown.replace("\u00a0", " ") == text
    assert "Call " in shown and " or " in crisis.unbreakable_numbers("Call 1 2 or 3 4")


# -- 3. the dates come from English --------------------------------------------------------


def test_a_translations_dates_never_override_the_english_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Spanish crisis.toml claiming 2099 for every entry changes nothing: the English
    dates drive "please confirm", so an old English date warns in Spanish too."""
    root = compile_spanish(tmp_path / "translations")
    es = Path(__file__).resolve().parents[1] / "templates" / "es" / "crisis.toml"
    text = "\n".join(line for line in es.read_text(encoding="utf-8").splitlines()
                     if not line.startswith("reviewed"))
    text = text.replace('\ncode = "', '\nreviewed = 2099-01-01\ncode = "')
    text = text.replace("\n[[countries.lines]]\n", "\n[[countries.lines]]\nreviewed = 2099-01-01\n")
    (root / "templates" / "es").mkdir(parents=True)
    (root / "templates" / "es" / "crisis.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(root))
    source = {c.code: c for c in content_mod.load().countries}
    with i18n.speaking("es"):
        spanish = content_mod.load().countries
        gb = next(c for c in spanish if c.code == "GB")
        assert gb.name != source["GB"].name  # the Spanish words are read (file valid)
        pairs = zip(gb.lines, source["GB"].lines, strict=True)
        assert all(ln.contact != en.contact for ln, en in pairs)
        later = source["GB"].reviewed + dt.timedelta(days=400)
        assert crisis.footer_with_note(gb, later) != crisis.footer(gb)
    for country in spanish:
        assert country.reviewed == source[country.code].reviewed, country.code
        assert [ln.reviewed for ln in country.lines] == \
            [ln.reviewed for ln in source[country.code].lines], country.code


# -- 6. everyday names ----------------------------------------------------------------------


@pytest.mark.parametrize(("value", "code"), [
    ("EE.UU.", "US"), ("EE. UU.", "US"), ("eeuu", "US"), ("usa", "US"), ("uk", "GB"),
    ("Inglaterra", "GB"), ("Ivory Coast", "CI"), ("Costa de Marfil", "CI"), ("us", "US"),
])
def test_everyday_names_and_abbreviations_name_the_right_country(value: str, code: str) -> None:
    """Abbreviations and everyday names in English and Spanish give the ISO code."""
    assert crisis.resolve_country(value) == code


def test_ee_uu_on_the_spanish_command_line_prints_the_us_lines(tmp_path: Path) -> None:
    """`blank --lang es --country "EE.UU."` exits 0 and prints 988 and 911."""
    out = tmp_path / "h.pdf"
    result = run_cli("blank", "--lang", "es", "--country", "EE.UU.", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = flat(" ".join(pages_of(out.read_bytes())))
    assert "988" in text and "911" in text and "999" not in text


# -- 8. wording ---------------------------------------------------------------------------


def test_the_footer_never_writes_a_question_mark_and_a_colon_or_two_colons() -> None:
    """"1737, Need to talk? Call or text 1737" (no "?:"); the country label takes a dash,
    so "United States — 988 Suicide & Crisis Lifeline: Call or text 988" has one colon
    before its contact."""
    nz = content_mod.load().crisis_for("NZ")
    assert "?:" not in crisis.footer(nz)
    shown = crisis.shown_text((content_mod.load().crisis_for("US"), nz))
    for line in shown.splitlines():
        head = line.split(" \u00b7 ")[0]
        assert head.count(":") <= 1, head
        assert "?:" not in line


def test_a_stale_note_follows_the_line_it_is_about_not_the_emergency_number() -> None:
    """Only the 988 line is old: its note comes straight after it, and "Emergency: 911"
    stands alone at the end."""
    us = content_mod.load().crisis_for("US")
    today = us.reviewed + dt.timedelta(days=200)
    old = us._replace(lines=(CrisisLine(us.lines[0].name, us.lines[0].contact, "",
                                        today - dt.timedelta(days=500)),))
    text = crisis.footer_with_note(old, today)
    line, emergency = text.split(" \u00b7 ")
    assert "please confirm" in line and line.startswith("988")
    assert emergency == "Emergency: 911"


# -- 9. a format-2 packet must name its country ---------------------------------------------


def test_a_format_2_packet_without_its_country_is_refused_in_one_line(tmp_path: Path) -> None:
    """`blank --packet` with a format-2 file that lacks `country`: exit 2, one line naming
    the missing country, no traceback, no PDF."""
    packet = no_country_packet(tmp_path, version=2)
    out = tmp_path / "h.pdf"
    result = run_cli("blank", "--packet", str(packet), "-o", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "has no country" in lines[0] and "format 2" in lines[0]
    assert not out.exists()


def test_a_packet_without_a_country_is_written_as_format_1_and_read_back() -> None:
    """An old packet (no country) kept in a sheet is written as format 1 without
    `country`, so it is read back as it was, never refused."""
    from firstsession.packet_format import packet_from_dict

    data = packet_to_dict(replace(sample_packet(), country=""))
    assert data["schema_version"] == 1 and "country" not in data
    assert packet_from_dict(data).country == ""
    assert packet_to_dict(sample_packet())["schema_version"] == 2


# -- 4. sources ---------------------------------------------------------------------------


def test_puerto_rico_shows_its_own_911_until_a_page_names_it_for_988() -> None:
    """No page that names Puerto Rico supports its 988 line, so it has none: its own 911
    in a plain sentence, never a line cited from another place."""
    pr = content_mod.load().crisis_for("PR")
    assert pr.lines == ()
    assert crisis.footer(pr) == "If you are in danger now, call 911."


def test_the_us_line_names_the_operators_page_in_english_and_spanish() -> None:
    """The US 988 line's source is the operator's own page, the one the Spanish file names."""
    import tomllib

    root = Path(__file__).resolve().parents[1] / "templates"
    with (root / "crisis.toml").open("rb") as fh:
        us = next(c for c in tomllib.load(fh)["countries"] if c["code"] == "US")
    source = us["lines"][0]["source"]
    assert source == "https://988lifeline.org/get-help/what-to-expect"
    assert source in (root / "es" / "crisis.toml").read_text(encoding="utf-8")


def test_a_pdf_footer_and_handout_keep_each_number_whole(tmp_path: Path) -> None:
    """On paper too: the footer's text holds no-break spaces inside Germany's numbers, and
    `blank --country DE` shows each number whole on one line of every page."""
    from firstsession.pdf.text import crisis_footer

    footer = crisis_footer((content_mod.load().crisis_for("DE"),))
    assert "0800\u00a0111\u00a00\u00a0111" in footer
    out = tmp_path / "de.pdf"
    result = run_cli("blank", "--country", "DE", "-o", str(out))
    assert result.returncode == 0, result.stderr
    for page in pages_of(out.read_bytes()):
        assert "0800 111 0 111" in flat(page), page[-300:]
