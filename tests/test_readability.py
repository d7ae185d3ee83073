"""Reading-level checks: the grade counter itself, and the app's explainers and welcome text.

The product promises explainers at US grade 8 or below. Run with ``-s`` to see each grade.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from firstsession.readability import count_sentences, count_syllables, fk_grade, plain_text

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
