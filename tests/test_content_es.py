"""The Spanish content in ``templates/es/``: the English files' shape, every item translated.

Each file in ``templates/`` has a Spanish twin with the same structure: the same keys, the same
ids and codes in the same order, and the same number of items in every list (feeling and body
words carry the id of the English word they stand for). Nothing may be left empty, left in
English, or lose a number (a crisis line's digits above all). The loader itself does not need a
complete translation (it falls back to English item by item: tests/test_content_languages.py);
these checks keep the Spanish we ship complete.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from firstsession.readability import words

TEMPLATES = Path(__file__).parents[1] / "templates"
SPANISH = TEMPLATES / "es"
# Data, not words: emergency.toml holds numbers, and country names come from CLDR (babel).
DATA_ONLY = frozenset({"emergency.toml"})
FILES = sorted(p.name for p in TEMPLATES.glob("*.toml") if p.name not in DATA_ONLY)
# crisis.toml's lines also carry facts that tests/test_crisis_data.py checks (numbers,
# channels, hours, cost, languages, audience, source): they stay in English only. The
# Spanish file holds the keys below: the words shown, the codes and the dates.
SHOWN_KEYS = {"crisis.toml": frozenset(
    {"countries", "code", "name", "emergency", "reviewed", "lines", "contact", "detail"})}

# Keys whose values are identifiers, the same in every language.
ID_KEYS = frozenset({"id", "code"})

# Common English function words that are not also Spanish words (so "a", "no", "me", "he",
# "has", "sea", "once", "era", "van" are left out): any of them in a Spanish text is English
# left behind.
ENGLISH_WORDS = frozenset(
    """
    the and you your yours with that this these those for are is was were been being what
    have will would should could of to it its on at be if or they their them from about
    when how who which there here we our my she his her an by so up out just more some any
    but not can do does don't into than then also only very after before because while
    """.split()
)

# Texts that are rightly the same in both languages: the operators' own service names,
# emergency numbers and the name of a country spelled alike.
SAME_IN_BOTH = frozenset(
    {
        "988 Suicide & Crisis Lifeline",
        "988 Suicide Crisis Helpline",
        "Samaritans",
        "Shout",
        "Lifeline",
        "Australia",
        "Austria",
        "911",
        "999",
        "000",
        "111",
        "112",
        "119",
        "995",
        "10177",
        "Puerto Rico",
        "Portugal",
        "Hong Kong",
        "Guam",
        "TelefonSeelsorge",
        "113 Zelfmoordpreventie",
        "Centre de Prévention du Suicide",
        "1737, Need to talk?",
        "Yorisoi Hotline (よりそいホットライン)",
        "national mindline 1771",
        "Lifeline 1995 (生命線)",
        "Die Dargebotene Hand (Tel 143)",
        "Kirkens SOS",
        "Zaupni telefon Samarijan",
        "Lifeline Ukraine",
    }
)


def _load(path: Path) -> dict[str, Any]:
    """Read one TOML file with the standard library."""
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _pairs(en: Any, es: Any, where: str) -> Iterator[tuple[str, Any, Any]]:
    """Walk two parsed files side by side, yielding (place, English leaf, Spanish leaf).

    Fails (with the place) where the shapes differ: other keys, another number of items,
    or another kind of value.
    """
    kind, english_kind = type(es).__name__, type(en).__name__
    assert type(es) is type(en), f"{where}: {kind} where English has {english_kind}"
    if isinstance(en, dict):
        assert list(es) == list(en), f"{where}: keys {list(es)} where English has {list(en)}"
        for key in en:
            yield from _pairs(en[key], es[key], f"{where}.{key}")
    elif isinstance(en, list):
        assert len(es) == len(en), f"{where}: {len(es)} items where English has {len(en)}"
        for i, (a, b) in enumerate(zip(en, es, strict=True)):
            yield from _pairs(a, b, f"{where}[{i}]")
    else:
        yield where, en, es


def _shown(value: Any, keys: frozenset[str]) -> Any:
    """``value`` with only ``keys`` kept in every table, however deep."""
    if isinstance(value, dict):
        return {k: _shown(v, keys) for k, v in value.items() if k in keys}
    if isinstance(value, list):
        return [_shown(v, keys) for v in value]
    return value


def _english(name: str) -> dict[str, Any]:
    """The English file as its Spanish twin mirrors it (only the shown keys of crisis.toml)."""
    data = _load(TEMPLATES / name)
    return _shown(data, SHOWN_KEYS[name]) if name in SHOWN_KEYS else data


def _texts(name: str) -> Iterator[tuple[str, str, str]]:
    """(place, English text, Spanish text) for every string in one file, ids and codes too."""
    for where, en, es in _pairs(_english(name), _load(SPANISH / name), name):
        if isinstance(en, str):
            yield where, en, es


def test_spanish_folder_has_exactly_the_english_files() -> None:
    """templates/es/ holds one Spanish file for every content file, and nothing else."""
    assert FILES, "no content files found"
    assert sorted(p.name for p in SPANISH.iterdir()) == FILES


@pytest.mark.parametrize("name", FILES)
def test_spanish_file_has_the_english_structure(name: str) -> None:
    """Every Spanish file parses, with the English keys, item counts and kinds of value."""
    leaves = list(_pairs(_english(name), _load(SPANISH / name), name))
    assert leaves
    for where, en, es in leaves:
        if isinstance(en, dt.date):
            assert isinstance(es, dt.date), where


@pytest.mark.parametrize("name", FILES)
def test_spanish_ids_and_codes_match_the_english_ones(name: str) -> None:
    """Ids and country codes are identical, in the same order, so sheets and look-ups agree."""
    ids = [(w, en, es) for w, en, es in _texts(name) if w.rsplit(".", 1)[-1] in ID_KEYS]
    if name in ("explainers.toml", "culture.toml", "questions.toml", "checklist.toml",
                "emotions.toml", "crisis.toml"):
        assert ids, f"{name}: no ids found"
    for where, en, es in ids:
        assert es == en, f"{where}: id {es!r} where English has {en!r}"


@pytest.mark.parametrize("name", FILES)
def test_every_spanish_text_is_filled_in(name: str) -> None:
    """No Spanish text is empty or only spaces."""
    for where, _en, es in _texts(name):
        assert es.strip(), f"{where} is empty"


@pytest.mark.parametrize("name", FILES)
def test_spanish_texts_keep_every_number(name: str) -> None:
    """Every number in an English text (phone numbers, key presses) is in its Spanish text."""
    for where, en, es in _texts(name):
        assert sorted(re.findall(r"\d+", es)) == sorted(re.findall(r"\d+", en)), where


@pytest.mark.parametrize("name", FILES)
def test_no_english_is_left_in_spanish_texts(name: str) -> None:
    """No Spanish text uses a common English word, or is still the English text unchanged."""
    for where, en, es in _texts(name):
        if where.rsplit(".", 1)[-1] in ID_KEYS or es in SAME_IN_BOTH:
            continue  # an id, or an operator's own name kept as it publishes it
        english = sorted({w.lower() for w in words(es)} & ENGLISH_WORDS)
        assert not english, f"{where}: English words {english} in {es!r}"
        assert es != en, f"{where} is still in English: {es!r}"


def test_spanish_feeling_words_are_unique_lowercase_and_trimmed() -> None:
    """Feeling and body words are unique, trimmed and lowercase, as the list shows them."""
    data = _load(SPANISH / "emotions.toml")
    all_words = [w["word"] for f in data["families"] for w in f["words"]]
    all_words += [w["word"] for w in data["body"]["words"]]
    assert len(all_words) == len(set(all_words))
    for word in all_words:
        assert word == word.strip().lower(), word


def test_spanish_crisis_line_for_the_us_names_the_spanish_options() -> None:
    """The US line tells a Spanish speaker to press 2 after calling 988, or text AYUDA to 988."""
    us = next(c for c in _load(SPANISH / "crisis.toml")["countries"] if c["code"] == "US")
    text = " ".join(line["contact"] + " " + line["detail"] for line in us["lines"])
    assert "marque 2" in text
    assert "AYUDA" in text
    assert us["reviewed"] >= dt.date(2026, 11, 30)
