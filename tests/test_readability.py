"""Reading-level checks: the counters themselves, and the explainers and welcome in each language.

The product promises English explainers at US grade 8 or below (Flesch-Kincaid) and Spanish
ones at Fernández-Huerta 70 or above. Run with ``-s`` to see each score.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from firstsession.readability import (
    count_sentences,
    count_syllables,
    count_syllables_es,
    fernandez_huerta,
    fk_grade,
    plain_text,
)

TEMPLATES = Path(__file__).parents[1] / "templates"
MAX_GRADE = 8.0


def _load(name: str) -> dict[str, Any]:
    """Read one TOML file from ``templates/`` with the standard library."""
    with (TEMPLATES / name).open("rb") as fh:
        return tomllib.load(fh)


EXPLAINERS: list[dict[str, Any]] = _load("explainers.toml")["explainers"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("cat", 1),
        ("make", 1),
        ("asked", 1),
        ("table", 2),
        ("wanted", 2),
        ("changes", 2),
        ("safely", 2),
        ("being", 2),
        ("therapy", 3),
        ("emotion", 3),
        ("idea", 3),
        ("psychiatrist", 4),
        ("understanding", 4),
    ],
)
def test_syllable_counts(word: str, expected: int) -> None:
    """Common words get the syllable count a dictionary gives them."""
    assert count_syllables(word) == expected


def test_every_word_has_at_least_one_syllable() -> None:
    """Odd or vowel-less tokens still count as one syllable, never zero."""
    for word in ("hmm", "shh", "x", "'", "TV"):
        assert count_syllables(word) >= 1


def test_simple_text_scores_low() -> None:
    """Short sentences of short words read at an early school grade."""
    text = "The cat sat on the mat. It was warm. We had fun in the sun."
    assert fk_grade(text) < 2.0


def test_dense_text_scores_high() -> None:
    """A long academic sentence full of long words reads far above grade 8."""
    text = (
        "Notwithstanding considerable methodological heterogeneity, the aforementioned "
        "investigations consistently demonstrated statistically significant associations "
        "between therapeutic alliance and subsequent psychological outcomes."
    )
    assert fk_grade(text) > 16.0


def test_empty_text_is_grade_zero() -> None:
    """Text without words has no grade rather than an error."""
    assert fk_grade("") == 0.0
    assert fk_grade(" - \n\n...") == 0.0


def test_bullets_and_paragraph_ends_end_sentences() -> None:
    """Bullet lines without full stops count as sentences; wrapped lines are joined."""
    body = "Bring these things\nwith you:\n\n- your questions\n- a list of medicines\n"
    text = plain_text(body)
    assert text == "Bring these things with you:\nyour questions\na list of medicines"
    assert count_sentences(text) == 3


def test_plain_text_strips_bullet_markers_only() -> None:
    """Only a leading "- " is a bullet marker; dashes inside a line stay."""
    assert (
        plain_text("- step-free access\n- a well-lit room") == "step-free access\na well-lit room"
    )


@pytest.mark.parametrize("explainer", EXPLAINERS, ids=[e["id"] for e in EXPLAINERS])
def test_explainer_reading_level(explainer: dict[str, Any]) -> None:
    """Each explainer's body and summary (not the title) read at grade 8 or below."""
    text = plain_text(explainer["body"]) + "\n" + explainer["summary"]
    g = fk_grade(text)
    print(f"{explainer['id']}: grade {g:.1f}")
    assert g <= MAX_GRADE, f"{explainer['id']} reads at grade {g:.1f}; shorten its sentences"


@pytest.mark.parametrize("section", ["welcome", "privacy", "not_care"])
def test_welcome_reading_level(section: str) -> None:
    """The welcome, privacy and not-care texts read at grade 8 or below."""
    g = fk_grade(plain_text(_load("welcome.toml")[section]["body"]))
    print(f"{section}: grade {g:.1f}")
    assert g <= MAX_GRADE, f"{section} reads at grade {g:.1f}; shorten its sentences"


# -- Spanish: Fernández-Huerta ---------------------------------------------------------

SPANISH_EXPLAINERS: list[dict[str, Any]] = _load("es/explainers.toml")["explainers"]
MIN_FERNANDEZ_HUERTA = 70.0  # "algo fácil" (fairly easy, about grade 6) or easier


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("casa", 2),
        ("terapia", 3),  # te-ra-pia: unstressed i + a is one syllable
        ("ciudad", 2),  # ciu-dad: two weak vowels together are one
        ("muy", 1),  # final y is a vowel
        ("reyes", 2),  # y before a vowel is a consonant
        ("buey", 1),  # a triphthong
        ("poeta", 3),  # po-e-ta: two strong vowels are two
        ("leer", 2),
        ("día", 2),  # a written accent on i or u splits the pair
        ("baúl", 2),
        ("oído", 3),
        ("continúa", 4),
        ("continua", 3),
        ("quien", 1),  # the u of "qu" is silent
        ("aquí", 2),
        ("guerra", 2),  # the u of "gue" is silent
        ("pingüino", 3),  # ...but "gü" is said
        ("ahora", 3),  # h does not join vowels
        ("psicólogo", 4),
        ("emociones", 4),
        ("confidencialidad", 6),
        ("averiguáis", 4),
    ],
)
def test_spanish_syllable_counts(word: str, expected: int) -> None:
    """Spanish words get the syllable count the spelling rules for diphthongs and hiatus give."""
    assert count_syllables_es(word) == expected


def test_spanish_word_without_vowels_has_one_syllable() -> None:
    """Acronyms such as "TCC" and odd tokens count as one syllable, never zero."""
    for word in ("TCC", "y", "x", "'"):
        assert count_syllables_es(word) == 1


def test_simple_spanish_text_scores_high() -> None:
    """Short Spanish sentences of short words score as very easy (90 or more)."""
    text = "El gato se sentó. Hacía calor. Lo pasamos bien al sol."
    assert fernandez_huerta(text) >= 90.0


def test_dense_spanish_text_scores_low() -> None:
    """A long academic Spanish sentence full of long words scores as very hard (below 30)."""
    text = (
        "No obstante la considerable heterogeneidad metodológica, las investigaciones "
        "anteriormente mencionadas demostraron sistemáticamente asociaciones estadísticamente "
        "significativas entre la alianza terapéutica y los resultados psicológicos posteriores."
    )
    assert fernandez_huerta(text) < 30.0


def test_shorter_sentences_raise_the_spanish_score() -> None:
    """The corrected formula rewards shorter sentences: the same words split in two score higher."""
    one = "Puede hablar con calma de lo que siente y de lo que espera de la terapia"
    two = "Puede hablar con calma de lo que siente. Y de lo que espera de la terapia."
    assert fernandez_huerta(two) > fernandez_huerta(one)


def test_spanish_text_without_words_has_no_score() -> None:
    """Text with no words raises ValueError rather than giving a made-up score."""
    with pytest.raises(ValueError, match="no words"):
        fernandez_huerta(" - \n\n...")


@pytest.mark.parametrize(
    "explainer", SPANISH_EXPLAINERS, ids=[e["id"] for e in SPANISH_EXPLAINERS]
)
def test_spanish_explainer_reading_level(explainer: dict[str, Any]) -> None:
    """Each Spanish explainer's body and summary score 70 or more on Fernández-Huerta."""
    text = plain_text(explainer["body"]) + "\n" + explainer["summary"]
    score = fernandez_huerta(text)
    print(f"es/{explainer['id']}: Fernández-Huerta {score:.1f}")
    assert score >= MIN_FERNANDEZ_HUERTA, (
        f"es/{explainer['id']} scores {score:.1f}; shorten its sentences"
    )


@pytest.mark.parametrize("section", ["welcome", "privacy", "not_care"])
def test_spanish_welcome_reading_level(section: str) -> None:
    """The Spanish welcome, privacy and not-care texts score 70 or more on Fernández-Huerta."""
    score = fernandez_huerta(plain_text(_load("es/welcome.toml")[section]["body"]))
    print(f"es/{section}: Fernández-Huerta {score:.1f}")
    assert score >= MIN_FERNANDEZ_HUERTA, f"es/{section} scores {score:.1f}; shorten its sentences"
