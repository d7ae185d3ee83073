"""A bad file's message is one whole sentence in every language: no translated noun slotted in."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import pytest
from conftest import run_cli
from core_catalogue import REPO, speak_spanish

from firstsession import i18n
from firstsession.file_words import Failure, FileKind, sentence
from firstsession.files import FileReadError, decode_json

POT = REPO / "locale" / "firstsession.pot"
SRC = REPO / "src" / "firstsession"
# The slots files.py used to fill with "the sheet", "a packet"... (issue 12's fresh-eyes test).
OLD_SLOTTED = [
    "{file} is too large to be {what} ({size} bytes; at most {limit})",
    "{what} is in {encoding}, not UTF-8 (save it as UTF-8)",
    "{what} is not a text file (it may be damaged)",
    "{what} is not UTF-8 text (it may be in Latin-1 or another encoding; save it as UTF-8)",
    "{what} holds {name}, which is not a number JSON allows",
    "{what} holds a number too long to read",
    "{what} holds a number too large to read",
    "{what} is nested too deeply to read",
    "{what} is damaged or cut short (not valid JSON at line {line}, column {column})",
    "{what} has a field name with a broken character ({name})",
]
# Punctuation around a whole title or label (no grammar to agree: "Título:", "Consulta: Título").
LABEL_FRAMES = {"{label}:", "{practice}: {title}"}
TRANSLATORS = {"_", "N_", "ngettext", "pgettext", "npgettext", "tr", "translate"}


@pytest.fixture(autouse=True)
def _language_restored(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test leaves the process speaking the system's language (English here)."""
    yield
    monkeypatch.undo()
    i18n.set_language(None)


def test_a_damaged_sheet_gets_one_whole_spanish_sentence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`--lang es export bad.json` says "la hoja está dañada o incompleta", one colon, agreeing."""
    speak_spanish(monkeypatch, tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": "firstsession-sheet", "answ')
    result = run_cli("--lang", "es", "export", str(bad), "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert result.stderr == (
        f"firstsession: No se puede usar {bad}: la hoja está dañada o incompleta "
        "(JSON no válido en la línea 1, columna 34)\n"
    )
    missing = tmp_path / "nothere.json"
    result = run_cli("--lang", "es", "export", str(missing), "-o", str(tmp_path / "x.pdf"))
    assert (result.returncode, result.stderr) == (
        2, f"firstsession: no hay ningún archivo en {missing}\n")


def test_a_damaged_packet_gets_one_whole_spanish_sentence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A damaged packet is "el paquete está dañado o incompleto" (masculine, no stray colon)."""
    from firstsession.packet import PacketError
    from firstsession.packet_format import decode_packet

    speak_spanish(monkeypatch, tmp_path)
    i18n.set_language("es")
    with pytest.raises(PacketError) as caught:
        decode_packet(b'{"format": ')
    assert str(caught.value) == (
        "el paquete está dañado o incompleto (JSON no válido en la línea 1, columna 12)")


def test_every_kind_and_failure_is_translated_whole_in_spanish(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each kind of file has a Spanish sentence for each failure, never "X: verb" glue."""
    speak_spanish(monkeypatch, tmp_path)
    for kind in get_args(FileKind):
        for failure in get_args(Failure):
            english = sentence(kind, failure)
            i18n.set_language("es")
            spanish = sentence(kind, failure)
            i18n.set_language("en")
            assert spanish != english, (kind, failure)
            assert ": " not in spanish and "{what}" not in spanish, (kind, failure, spanish)


def test_the_json_reader_speaks_of_the_kind_it_is_given() -> None:
    """decode_json names the kind of file in its own sentence ("the packet is nested ...")."""
    with pytest.raises(FileReadError, match=r"^the packet is nested too deeply to read$"):
        decode_json(b"[" * 200_000 + b"]" * 200_000, "packet")
    with pytest.raises(FileReadError, match=r"^the file contains a broken character"):
        decode_json(b'"\\ud800"', "file")


def test_no_message_has_a_slot_for_a_translated_noun() -> None:
    """The old slotted msgids are gone and no `.format(x=_("..."))` fills a field with words."""
    pot = POT.read_text(encoding="utf-8")
    left = [msgid for msgid in OLD_SLOTTED if f'"{msgid}"' in pot]
    assert left == []
    filled: list[str] = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "format"):
                continue
            frame = node.func.value
            if (isinstance(frame, ast.Call) and frame.args
                    and isinstance(frame.args[0], ast.Constant)
                    and frame.args[0].value in LABEL_FRAMES):
                continue
            for keyword in node.keywords:
                value = keyword.value
                if (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
                        and value.func.id in TRANSLATORS):
                    filled.append(f"{path.relative_to(REPO)}:{node.lineno} {keyword.arg}")
    assert filled == []
