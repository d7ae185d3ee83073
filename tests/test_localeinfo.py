"""Country and paper guesses from the system locale (the person can change both)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from firstsession import localeinfo

LOCALE_VARIABLES = ("LC_ALL", "LC_PAPER", "LC_MESSAGES", "LANG")


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for var in LOCALE_VARIABLES:
        monkeypatch.delenv(var, raising=False)
    localeinfo.use_platform_locale("")
    yield
    localeinfo.use_platform_locale("")


@pytest.mark.parametrize(
    ("name", "country"),
    [("en_GB.UTF-8", "GB"), ("fr_CA", "CA"), ("de_DE@euro", "DE"), ("sr_RS.UTF-8@latin", "RS"),
     ("en", ""), ("C.UTF-8", ""), ("POSIX", ""), ("", ""), ("xx_123", "")],
)
def test_country_from_a_locale_name(name: str, country: str) -> None:
    assert localeinfo.guess_country(name) == country


def test_the_environment_names_the_locale(no_locale: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_AU.UTF-8")
    assert localeinfo.guess_country() == "AU"
    monkeypatch.setenv("LC_ALL", "en_NZ.UTF-8")  # LC_ALL comes first
    assert localeinfo.guess_country() == "NZ"


def test_a_c_locale_is_no_country_not_the_us(no_locale: None,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Python's locale module reads "C.UTF-8" as en_US; we make no such guess."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert localeinfo.guess_country() == ""
    assert localeinfo.resolve_paper("auto", "") == "A4"


def test_the_platform_locale_is_used_when_no_variable_names_one(
    no_locale: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows and macOS the app passes what Qt reads from the system settings."""
    localeinfo.use_platform_locale("en_CA")
    assert localeinfo.guess_country() == "CA"
    monkeypatch.setenv("LANG", "en_IE.UTF-8")  # a named locale still wins
    assert localeinfo.guess_country() == "IE"


def test_paper_follows_the_country_unless_chosen() -> None:
    assert localeinfo.resolve_paper("auto", "US") == "Letter"
    assert localeinfo.resolve_paper("auto", "gb") == "A4"
    assert localeinfo.resolve_paper("A4", "US") == "A4"
    assert localeinfo.resolve_paper("Letter", "GB") == "Letter"
