"""The Spanish catalogue for tests of the command line, the PDF and the domain words.

``speak_spanish`` compiles ``locale/es/LC_MESSAGES/firstsession.po`` at test time into a
folder laid out like the repository and points ``FIRSTSESSION_TRANSLATIONS_DIR`` at it,
so the tests see the words as they are written now (a stale ``.mo`` cannot hide a
missing translation).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from firstsession import i18n

REPO = Path(__file__).resolve().parents[1]
CATALOGUE = REPO / "locale" / "es" / "LC_MESSAGES" / "firstsession.po"


def compile_spanish(root: Path, source: Path = CATALOGUE) -> Path:
    """Compile ``source`` into ``root/locale/es/LC_MESSAGES/firstsession.mo``; returns ``root``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    folder = root / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as handle:
        catalogue = read_po(handle)
    with (folder / "firstsession.mo").open("wb") as handle:
        write_mo(handle, catalogue)
    return root


def speak_spanish(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Make Spanish available (this process and the command lines it starts); the
    process keeps speaking the system's language until a test chooses. Returns the root."""
    root = compile_spanish(tmp_path / "translations")
    monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(root))
    i18n.set_language(None)  # re-read with the new folder
    return root
