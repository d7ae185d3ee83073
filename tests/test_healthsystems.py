"""Guides that fit every health system: health_systems.toml and firstsession.healthsystems.

The general wording of the questions, checklist and explainers fits everyone; a country's entry
turns the credentials question into the right one for its system, asks about insurance only
where insurance is how people pay, and names the routes and registers an official page lists.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from firstsession import healthsystems
from firstsession.content import load
from firstsession.readability import fernandez_huerta, fk_grade, plain_text, words

TEMPLATES = Path(__file__).parents[1] / "templates"
# The 30 countries with crisis lines (templates/crisis.toml on the crisis-data branch, issue 13).
CRISIS_COUNTRIES = (
    "US CA GB AU PR FR DE AT NL BE IE NZ JP KR KE SG HK PH TW CH FI PT ES NO IS SI ZA RU UA GU"
).split()
# Pages the body itself serves over plain http (seen that way; no https page was found).
HTTP_AS_SEEN = {"ca-bbs", "nz-psychologists-board", "terminservicestellen"}
NEW_EXPLAINER = "public-routes"
ENGLISH_WORDS = frozenset("the and you your with that this for are is what have will of to".split())


def _load(path: Path) -> dict[str, Any]:
    """Read one TOML file with the standard library."""
    with path.open("rb") as handle:
        return tomllib.load(handle)


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test reads the files afresh, from the repository's templates unless it says so."""
    monkeypatch.delenv("FIRSTSESSION_TRANSLATIONS_DIR", raising=False)
    healthsystems.reload()
    yield
    healthsystems.reload()


def _questions(code: str | None, language: str = "en") -> dict[str, tuple[str, str]]:
    """{question id: (text, why)} of the whole bank adjusted for ``code``."""
    categories = healthsystems.adjust_questions(load().categories, code, language)
    return {q.id: (q.text, q.why) for c in categories for q in c.questions}


def _payment(code: str | None, language: str = "en") -> str:
    """The checklist's payment item adjusted for ``code``."""
    items = healthsystems.adjust_checklist(load().checklist, code, language)
    return next(item.text for item in items if item.id == "payment")


def test_every_route_and_register_has_a_source_and_a_review_date() -> None:
    """Each country has a review date; each route and register an official page and its date."""
    data = _load(TEMPLATES / "health_systems.toml")
    assert data["countries"]
    sourced = 0
    for country in data["countries"]:
        assert isinstance(country["reviewed"], dt.date), country["code"]
        for item in country.get("routes", []) + country.get("credentials", []):
            where = f"{country['code']}.{item['id']}"
            assert isinstance(item["reviewed"], dt.date), where
            assert dt.date(2026, 1, 1) <= item["reviewed"] <= dt.date.today(), where
            scheme = "http://" if item["id"] in HTTP_AS_SEEN else "https://"
            assert item["source"].startswith(scheme), where
            assert item["name"].strip() and item["text"].strip(), where
            sourced += 1
    assert sourced >= 10
    healthsystems.check_all()


def test_an_entry_checked_over_a_year_ago_is_stale() -> None:
    """A route checked over a year before today is stale; one checked within the year is not."""
    route = healthsystems.public_routes("GB", "en")[0]
    assert not route.is_stale(route.reviewed)
    assert not route.is_stale(route.reviewed + dt.timedelta(days=365))
    assert route.is_stale(route.reviewed + dt.timedelta(days=366))


def test_every_country_with_crisis_lines_has_an_entry() -> None:
    """The 30 countries of the crisis list each have an entry, even where nothing was found."""
    assert set(CRISIS_COUNTRIES) <= set(healthsystems.codes())


def test_britain_gets_register_wording_and_no_insurance_question() -> None:
    """GB: "Are you on a professional register?", British spelling, no insurance question."""
    questions = _questions("GB")
    assert "register" in questions["licence"][0]
    assert "register" in questions["verify-licence"][0]
    assert "insurance" not in questions and "insurer-told" not in questions
    assert "insurance" not in _payment("GB").lower()
    system = healthsystems.system_for("GB", "en")
    assert system is not None and system.spelling == "licence" and system.insurance is False
    every_text = [t for pair in questions.values() for t in pair]
    every_text += [_payment("GB"), *healthsystems.credential_lines("GB", "en")]
    every_text += [route.text for route in healthsystems.public_routes("GB", "en")]
    assert not [t for t in every_text if re.search(r"\blicense\b", t)]
    assert "NHS Talking Therapies" in [r.name for r in healthsystems.public_routes("GB", "en")]
    assert any("HCPC" in line for line in healthsystems.credential_lines("GB", "en"))


def test_the_us_gets_the_license_question_and_insurance() -> None:
    """US: "Are you licensed...? What kind of license...?", and insurance asked and packed."""
    questions = _questions("US")
    assert "licensed" in questions["licence"][0] and "license" in questions["licence"][0]
    assert "license" in questions["verify-licence"][0]
    assert "insurance" in questions["insurance"][0].lower()
    assert "insurer-told" in questions
    assert "insurance card" in _payment("US")
    assert any("LMFT" in line for line in healthsystems.credential_lines("US", "en"))


def _bare_entries() -> list[str]:
    """Countries with an entry but no credential, insurance, route or register (data not found)."""
    bare = []
    for code in healthsystems.codes():
        system = healthsystems.system_for(code, "en")
        assert system is not None
        if (system.credential, system.insurance, system.routes, system.credentials) == (
            None,
            None,
            (),
            (),
        ):
            bare.append(code)
    return bare


@pytest.mark.parametrize("code", ["ZZ", "bare entry", "", None])
def test_a_country_without_data_gets_the_general_wording(code: str | None) -> None:
    """No entry (ZZ, none chosen) or an entry where nothing was found: all unchanged."""
    if code == "bare entry":
        code = _bare_entries()[0]
    content = load()
    assert healthsystems.adjust_questions(content.categories, code, "en") == content.categories
    assert healthsystems.adjust_checklist(content.checklist, code, "en") == content.checklist
    assert healthsystems.credential_lines(code, "en") == ()
    assert healthsystems.public_routes(code, "en") == ()


def test_the_general_wording_fits_every_system() -> None:
    """With no country the questions ask about a register or body, and any help with the cost."""
    questions = _questions(None)
    assert "register" in questions["licence"][0] and "body" in questions["licence"][0]
    assert "public" in questions["insurance"][0] and "insurance" in questions["insurance"][0]


def test_spain_asks_about_the_official_college_in_spanish() -> None:
    """ES: the credentials question asks about the colegio and its number, in Spanish."""
    questions = _questions("ES", "es")
    assert "colegio" in questions["licence"][0] and "número" in questions["licence"][0]
    assert any("Colegio Oficial" in line for line in healthsystems.credential_lines("ES", "es"))


def test_a_country_code_is_read_in_any_case() -> None:
    """A code in lower case or with spaces ("gb", " GB ") finds the same entry as "GB"."""
    assert healthsystems.system_for("gb", "en") == healthsystems.system_for(" GB ", "en")
    assert healthsystems.system_for("gb", "en") is not None


def test_spanish_gets_the_same_adjustments_in_spanish() -> None:
    """In Spanish, GB's credentials question and its register lines are the Spanish words."""
    questions = _questions("GB", "es")
    spanish = _load(TEMPLATES / "es" / "health_systems.toml")
    assert questions["licence"][0] == spanish["credentials"]["register"]["question"]
    assert "insurance" not in questions
    assert _payment("US", "es") == spanish["insurance"]["yes"]["checklist"]
    lines = healthsystems.credential_lines("GB", "es")
    assert lines and all(
        line.startswith(("Health and Care", "Professional Standards")) for line in lines
    )
    assert "registro" in lines[0]


def _word_places(path: Path) -> dict[tuple[str, ...], str]:
    """Every word in one health_systems.toml, by place."""
    return healthsystems.word_paths(_load(path))


def test_spanish_words_cover_every_english_word_and_nothing_else() -> None:
    """The Spanish file has a word for every English word's place and no other; numbers kept."""
    english = _word_places(TEMPLATES / "health_systems.toml")
    spanish = _word_places(TEMPLATES / "es" / "health_systems.toml")
    assert set(spanish) == set(english)
    for place, text in spanish.items():
        assert text.strip() and text != english[place], place
        assert sorted(re.findall(r"\d+", text)) == sorted(re.findall(r"\d+", english[place])), place
        left = sorted({w.lower() for w in words(text)} & ENGLISH_WORDS)
        assert not left, f"{place}: English words {left}"


def test_british_spelling_where_a_licence_is_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a licence is needed and English is written the British way: "licence", "practise"."""
    (tmp_path / "templates").mkdir()
    text = (TEMPLATES / "health_systems.toml").read_text(encoding="utf-8")
    text = text.replace(
        'code = "CA"\nspelling = "licence"\n',
        'code = "CA"\nspelling = "licence"\ncredential = "license"\n',
    )
    assert 'spelling = "licence"\ncredential = "license"\nreviewed' in text
    (tmp_path / "templates" / "health_systems.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("FIRSTSESSION_TRANSLATIONS_DIR", str(tmp_path))
    healthsystems.reload()
    questions = _questions("CA")
    assert "licence" in questions["licence"][0] and "practise" in questions["licence"][0]
    assert "licence" in questions["verify-licence"][0]
    assert "license" in _questions("US")["licence"][0]


def test_a_route_without_a_source_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry that lost its source is a HealthSystemsError naming the country, never shown."""
    (tmp_path / "templates").mkdir()
    text = (TEMPLATES / "health_systems.toml").read_text(encoding="utf-8")
    broken = re.sub(r'source = "https://www\.england\.nhs\.uk[^"]*"\n', "", text)
    assert broken != text
    (tmp_path / "templates" / "health_systems.toml").write_text(broken, encoding="utf-8")
    monkeypatch.setenv("FIRSTSESSION_TRANSLATIONS_DIR", str(tmp_path))
    healthsystems.reload()
    with pytest.raises(healthsystems.HealthSystemsError, match="GB"):
        healthsystems.system_for("GB", "en")


def test_a_translated_word_for_an_unknown_place_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Spanish word under a misspelt id would never be shown: check_all names it."""
    (tmp_path / "templates" / "es").mkdir(parents=True)
    text = (TEMPLATES / "es" / "health_systems.toml").read_text(encoding="utf-8")
    (tmp_path / "templates" / "es" / "health_systems.toml").write_text(
        text.replace('id = "hcpc"', 'id = "hcpcc"'), encoding="utf-8"
    )
    shutil.copy(TEMPLATES / "health_systems.toml", tmp_path / "templates" / "health_systems.toml")
    monkeypatch.setenv("FIRSTSESSION_TRANSLATIONS_DIR", str(tmp_path))
    healthsystems.reload()
    with pytest.raises(healthsystems.HealthSystemsError, match="hcpcc"):
        healthsystems.check_all()


# -- the general wording: no template assumes one country's system ---------------------

GENERAL_FILES = ("explainers.toml", "questions.toml", "checklist.toml", "welcome.toml")
ONE_SYSTEM = re.compile(
    r"\b(LPC|LMHC|LCSW|LMFT|BACP|UKCP|HCPC|GP|license|licence|claim it back|reembolso)\b"
)


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string in a parsed file, with its place."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{where}[{i}]")


@pytest.mark.parametrize("name", [*GENERAL_FILES, *(f"es/{n}" for n in GENERAL_FILES)])
def test_no_general_text_assumes_one_countrys_system(name: str) -> None:
    """Explainers, questions, checklist and welcome name no country's titles, bodies or refunds."""
    found = [
        (where, hit.group(0))
        for where, text in _strings(_load(TEMPLATES / name), name)
        if not where.endswith(".id")
        for hit in [ONE_SYSTEM.search(text)]
        if hit
    ]
    assert not found, found


def _explainer(name: str) -> dict[str, Any]:
    """The new explainer in one language's file."""
    return next(e for e in _load(TEMPLATES / name)["explainers"] if e["id"] == NEW_EXPLAINER)


def test_the_public_routes_explainer_reads_at_grade_7() -> None:
    """The explainer "Other ways to get therapy" reads at US grade 7 or below (body and summary)."""
    explainer = _explainer("explainers.toml")
    grade = fk_grade(plain_text(explainer["body"]) + "\n" + explainer["summary"])
    assert grade <= 7.0, grade
    for topic in (
        "doctor",
        "NHS Talking Therapies",
        "waiting list",
        "university",
        "employee assistance",
        "charities",
    ):
        assert topic in explainer["body"], topic


def test_the_spanish_public_routes_explainer_scores_70() -> None:
    """The Spanish "Otras formas de llegar a la terapia" scores 70 or more on Fernández-Huerta."""
    explainer = _explainer("es/explainers.toml")
    score = fernandez_huerta(plain_text(explainer["body"]) + "\n" + explainer["summary"])
    assert score >= 70.0, score
    assert "NHS Talking Therapies" in explainer["body"] and "lista de espera" in explainer["body"]


def test_the_country_words_read_as_plainly_as_the_guides() -> None:
    """The words of health_systems.toml read at US grade 7 or below; the Spanish at 70 or more."""
    english = "\n".join(_word_places(TEMPLATES / "health_systems.toml").values())
    spanish = "\n".join(_word_places(TEMPLATES / "es" / "health_systems.toml").values())
    assert fk_grade(english) <= 7.0, fk_grade(english)
    assert fernandez_huerta(spanish) >= 70.0, fernandez_huerta(spanish)
