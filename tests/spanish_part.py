"""Spanish for tests before the merged catalogue exists: this part's messages, compiled."""

from __future__ import annotations

from pathlib import Path

PART = Path(__file__).resolve().parents[1] / "locale" / "es" / "parts" / "h13.po"


def compile_spanish_part(root: Path) -> Path:
    """Compile locale/es/parts/h13.po into ``root``/locale/es/LC_MESSAGES/firstsession.mo,
    a translations folder for FIRSTSESSION_TRANSLATIONS_DIR (as a translator tries a
    language); returns ``root``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    folder = root / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with PART.open("rb") as po, (folder / "firstsession.mo").open("wb") as mo:
        write_mo(mo, read_po(po))
    return root
