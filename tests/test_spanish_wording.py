"""Spanish that reads well in Spain and in Latin America, and words that are never
half-built: regional words, the command line's placeholders, the handout's country heading,
the PDF's section names that mirror the steps."""

from __future__ import annotations

import argparse
import re
import tomllib
from pathlib import Path

import pytest
from conftest import run_cli
from pypdf import PdfReader

from firstsession import i18n

ROOT = Path(__file__).resolve().parents[1]
SPANISH_PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "firstsession.po"
SPANISH_CONTENT = ROOT / "templates" / "es"
# Words one side of the ocean reads as foreign or odd (RAE's Diccionario panhispánico de
# dudas marks "qué tan" as American, "fichero" and "directorio" (a folder) as Spain's), and
# words the fresh-eyes tester found wrong for a feeling ("bochorno" is hot weather in much
# of Latin America; "adormecimiento" is a limb gone to sleep).
REGIONAL = ("qué tan", "fichero", "directorio", "bochorno", "adormecimiento", "vosotr")


def spanish_texts() -> list[tuple[str, str]]:
    """Every Spanish sentence we ship: the catalogue's translations and the content files."""
    from babel.messages.pofile import read_po

    with SPANISH_PO.open("rb") as fh:
        catalogue = read_po(fh)
    found: list[tuple[str, str]] = []
    for message in catalogue:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [(f"catalogue: {message.id!r}", s) for s in strings if message.id and s]
    for path in sorted(SPANISH_CONTENT.glob("*.toml")):
        with path.open("rb") as fh:
            found += [(path.name, text) for text in strings_in(tomllib.load(fh))]
    return found


def strings_in(data: object) -> list[str]:
    """Every string value in a TOML document (comments are notes to translators, not text)."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings_in(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings_in(value)]
    return []


@pytest.mark.parametrize("word", REGIONAL)
def test_spanish_text_has_no_word_only_one_region_reads_well(word: str) -> None:
    """No catalogue entry or Spanish content line uses a word the neutral register avoids."""
    hits = [f"{where}: {text}" for where, text in spanish_texts()
            if re.search(rf"\b{word}", text, re.IGNORECASE)]
    assert hits == []


@pytest.fixture
def spanish_process(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Spanish for this test (the domain's gettext), English again after it."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parser and every subcommand's parser."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += parsers(sub)
    return found


def test_cli_placeholders_are_spanish_and_every_argument_says_what_it_is(
        spanish_process: None) -> None:
    """In Spanish no usage line shows COMMAND, SHEET, FILE, OUT.pdf, PACKET or TAG, and every
    option and argument (-o too) has a help text; the --lang example quotes its codes."""
    from firstsession.cli import build_parser

    for parser in parsers(build_parser()):
        usage = parser.format_help()
        for english in ("COMMAND", "SHEET", "FILE", "OUT.pdf", "PACKET", "TAG"):
            assert not re.search(rf"\b{re.escape(english)}\b", usage), (parser.prog, usage)
        for action in parser._actions:
            assert action.help, (parser.prog, action.option_strings or action.dest)
    assert "«es»" in build_parser().format_help()


@pytest.mark.parametrize(("lang", "heading"), [("en", "Another country"), ("es", "Otro país")])
def test_blank_handout_with_no_country_has_no_country_heading(
        tmp_path: Path, lang: str, heading: str) -> None:
    """With no country known, the handout says to call the local emergency number with no
    "Another country" heading above it."""
    out = tmp_path / "blank.pdf"
    result = run_cli("blank", "--lang", lang, "-o", str(out),
                     env={"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LANGUAGE": ""})
    assert result.returncode == 0, result.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert heading not in text
    assert ("If you are in danger now" if lang == "en" else "Si corre peligro ahora") in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_pdf_background_section_has_the_steps_name(
        tmp_path: Path, lang: str, spanish_process: None) -> None:
    """The printed sheet heads the background answers with the step's own name ("My
    background" / "Mi vida y mi origen"), not a second, near-identical name."""
    from firstsession.steps import step_name

    with i18n.speaking(lang):
        name = step_name("background")
    sheet, out = tmp_path / "sheet.json", tmp_path / "sheet.pdf"
    assert run_cli("sample", "-o", str(sheet)).returncode == 0
    result = run_cli("export", str(sheet), "--lang", lang, "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert name in text
    for other in ("My background and culture", "Mi origen y mi cultura"):
        assert other not in text
