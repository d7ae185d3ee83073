"""The batch handout's names: a names file, and one safe PDF file name for each client.

A names file holds one name a line. Every problem is a ``NamesError`` with one plain line
naming the file (and the line); the command line prints it and exits with status 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from firstsession.i18n import _


class NamesError(Exception):
    """A names file or an output name that cannot be used: one line, in the language."""


def _shown(name: str) -> str:
    from firstsession.outputs import show_path

    return show_path(name)


MAX_NAMES = 2_000
MAX_NAME_CHARS = 100
MAX_NAMES_BYTES = 1024 * 1024  # far more than 2,000 names need; checked before reading


def read_names_file(path: Path) -> list[str]:
    """Client names from a UTF-8 text file, one per line; blank lines are ignored.

    The file is read by ``files.read_bounded`` (regular files only, at most
    MAX_NAMES_BYTES). Raises NamesError with one line naming the problem (and
    the line number).
    """
    from firstsession import files

    try:
        raw = files.read_bounded(path, MAX_NAMES_BYTES, "names")
    except files.FileReadError as err:
        raise NamesError(str(err)) from None
    return names_from_bytes(raw, files.shown(path))


def names_from_bytes(raw: bytes, path: str) -> list[str]:
    """Client names from a names file's bytes; ``path`` is the file as shown in messages.

    Raises NamesError with one line naming the file (and the line number).
    """
    import unicodedata

    from firstsession import files
    from firstsession.names import refused_character

    try:
        text = files.decode_text(raw, "names")
    except files.FileReadError as err:
        raise NamesError(_("{file} cannot be used: {reason}").format(
            file=path, reason=err)) from None
    names: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        name = line.strip()
        if not name:
            continue
        if refused_character(name, allowed="\t") is not None:  # ZWJ, ZWNJ, RLM... are text
            raise NamesError(_("{file} line {number}: the name holds a control character")
                             .format(file=path, number=number))
        name = " ".join(name.split())  # kept as typed (NFD too); counted as printed (NFC)
        if len(unicodedata.normalize("NFC", name)) > MAX_NAME_CHARS:
            raise NamesError(
                _("{file} line {number}: the name is too long (at most {count} characters)")
                .format(file=path, number=number, count=MAX_NAME_CHARS)
            )
        names.append(name)
        if len(names) > MAX_NAMES:
            raise NamesError(_("{file} has too many names (at most {count})")
                             .format(file=path, count=MAX_NAMES))
    if not names:
        raise NamesError(_("{file} has no names in it (one name per line)").format(file=path))
    return names


def safe_file_part(name: str, max_bytes: int | None = None) -> str:
    """A client's name made safe for a file name: its words (letters with their marks,
    digits, emoji) joined by "-", at most 40 clusters and ``max_bytes`` UTF-8 bytes
    (default: a whole file name's 255).

    Never a path: separators, dots and ".." cannot survive, so the file stays in its
    folder (``names.file_name_part``; "" when not even "client" fits in ``max_bytes``).
    """
    from firstsession.names import MAX_FILE_NAME_BYTES, file_name_part

    return file_name_part(name, max_bytes=MAX_FILE_NAME_BYTES if max_bytes is None else max_bytes)


def split_paths(out: Path, names: Sequence[str]) -> list[Path]:
    """OUT.pdf -> OUT-001-Sam-Rivera.pdf, OUT-002-..., in OUT's folder.

    Each file name fits in 255 bytes (the name part is shortened between letters) and is
    safe on Linux, macOS and Windows; raises NamesError when OUT's own name leaves no room.
    """
    import os

    from firstsession.names import MAX_FILE_NAME_BYTES, file_name_problem

    width = max(3, len(str(len(names))))
    stem = out.stem if out.suffix.lower() == ".pdf" else out.name
    folder = out.parent
    paths: list[Path] = []
    for i, name in enumerate(names, start=1):
        prefix, suffix = f"{stem}-{i:0{width}d}-", ".pdf"
        room = MAX_FILE_NAME_BYTES - len(os.fsencode(prefix + suffix))
        part = safe_file_part(name, max_bytes=room) if room > 0 else ""
        if not part:
            raise NamesError(_("{file} is too long a name to add each client's name to: "
                               "choose a shorter one").format(file=_shown(out.name)))
        path = folder / f"{prefix}{part}{suffix}"
        # Belt and braces: what we add to OUT's name is safe, and the folder stays OUT's.
        if path.parent != folder or file_name_problem(f"{i}-{part}{suffix}") is not None:
            raise NamesError(_("cannot make a safe file name for {file}")
                             .format(file=_shown(path.name)))
        paths.append(path)
    return paths
