"""Fixtures for tests that speak a language: a translator's folder, and choosing a language.

A language counts as spoken only when it has a compiled catalogue (``i18n.available_languages``),
so ``speak`` writes an empty one with babel when the build has none for it (Spanish before the
merged catalogue lands; any made-up language). Every test is back in English afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from firstsession import i18n


def write_catalogue(root: Path, tag: str) -> None:
    """An empty compiled catalogue for ``tag`` under ``root/locale``: the language is spoken."""
    folder = root / "locale" / tag / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "firstsession.mo").open("wb") as handle:
        write_mo(handle, Catalog(locale=tag.replace("-", "_")))


@pytest.fixture
def translations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A translator's folder (``FIRSTSESSION_TRANSLATIONS_DIR``); English again afterwards."""
    root = tmp_path / "translations"
    root.mkdir()
    monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(root))
    yield root
    monkeypatch.delenv(i18n.TRANSLATIONS_ENV)
    i18n.set_language("en")


@pytest.fixture
def speak(translations: Path) -> Iterator[Callable[[str], str]]:
    """``speak(tag)`` makes ``tag`` the language (with a catalogue if the build lacks one)."""

    def choose(tag: str) -> str:
        if tag != "en" and tag not in i18n.available_languages():
            write_catalogue(translations, tag)
        chosen = i18n.set_language(tag)
        assert chosen == tag
        return chosen

    yield choose
    i18n.set_language("en")
