"""Saving and loading the sheet so that nothing typed is ever lost.

- ``atomic_write``: a temporary file in the same folder, flushed and fsynced,
  moved over the target with ``os.replace``, then the folder is fsynced. A
  reader sees the old file or the new one, never half of one.
- ``save_sheet``: copies the current good file to ``sheet.json.bak`` first (one
  rotated backup), and never writes over a file it cannot read: such a file is
  set aside under a new name.
- ``load_saved``: for the app. An unreadable or newer-version sheet is set aside
  (renamed with a timestamp, never deleted), and the person is told where it went.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from firstsession import files, paths
from firstsession.model import Sheet, SheetFormatError, sheet_from_dict, sheet_to_dict

MAX_SHEET_BYTES = 16 * 1024 * 1024  # far above any real sheet; stops us reading huge junk
NEW_FILE_MODE = 0o600


class SheetFileError(Exception):
    """A sheet file could not be read; the message is one plain sentence."""


@dataclass
class LoadOutcome:
    """What the app found when it opened the saved sheet."""

    sheet: Sheet
    problem: str | None = None  # plain words, shown to the person
    set_aside_to: Path | None = None
    backup_available: bool = False


# -- writing ------------------------------------------------------------------


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder for fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, mode: int = NEW_FILE_MODE) -> None:
    """Write ``data`` to ``path`` so a crash leaves the old file or the new one.

    New files get ``mode`` (0600: private to this user); an existing file keeps
    its permissions.
    """
    import tempfile  # only needed when writing; keeps start-up light

    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        keep_mode: int | None = path.stat().st_mode & 0o777
    except FileNotFoundError:
        keep_mode = None
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, keep_mode if keep_mode is not None else mode)
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(folder)


def encode_sheet(sheet: Sheet) -> bytes:
    return (json.dumps(sheet_to_dict(sheet), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def backup_of(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def save_sheet(sheet: Sheet, path: Path | None = None) -> Path:
    """Save ``sheet`` (by default as the saved sheet); returns the path written."""
    path = path or paths.sheet_path()
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        current = None
    if current is not None:
        try:
            decode_sheet(current)
        except SheetFileError:
            set_aside(path)  # never write over something we cannot read
        else:
            if current != encode_sheet(sheet):
                atomic_write(backup_of(path), current)
    atomic_write(path, encode_sheet(sheet))
    return path


# -- reading ------------------------------------------------------------------


def decode_sheet(raw: bytes) -> Sheet:
    """A sheet from a file's bytes (strict JSON, see ``files.decode_json``).

    Raises SheetFileError with one plain sentence (not naming a file).
    """
    if len(raw) > MAX_SHEET_BYTES:
        raise SheetFileError(f"the sheet is too large (at most {files.mib(MAX_SHEET_BYTES)})")
    try:
        data = files.decode_json(raw, "the sheet")
    except files.FileReadError as err:
        raise SheetFileError(str(err)) from None
    try:
        return sheet_from_dict(data)
    except SheetFormatError as err:
        raise SheetFileError(str(err)) from None


def read_sheet_file(path: Path) -> Sheet:
    """Read a sheet without changing anything on disk (``files.read_bounded``'s rules).

    Raises SheetFileError with one plain sentence naming the file.
    """
    try:
        raw = files.read_bounded(path, MAX_SHEET_BYTES, "a sheet")
    except files.FileReadError as err:
        raise SheetFileError(str(err)) from None
    try:
        return decode_sheet(raw)
    except SheetFileError as err:
        raise SheetFileError(f"{files.shown(path)} cannot be used: {err}") from None


def set_aside(path: Path) -> Path:
    """Rename an unreadable file with a timestamp so it is kept, never overwritten."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        suffix = "" if n == 1 else f"-{n}"
        target = path.with_name(f"{path.stem}.unreadable-{stamp}{suffix}{path.suffix}")
        if not target.exists():
            os.replace(path, target)
            _fsync_dir(path.parent)
            return target
    raise OSError(f"could not find a free name to set {path} aside")


def load_saved() -> LoadOutcome:
    """Open the saved sheet for the app, setting aside one that cannot be read."""
    path = paths.sheet_path()
    if not path.exists():
        return LoadOutcome(Sheet(), backup_available=backup_usable())
    try:
        return LoadOutcome(read_sheet_file(path))
    except SheetFileError as err:
        moved = set_aside(path)
        return LoadOutcome(
            Sheet(),
            problem=str(err).replace(files.shown(path), "Your saved sheet", 1),
            set_aside_to=moved,
            backup_available=backup_usable(),
        )


def backup_usable() -> bool:
    try:
        read_sheet_file(backup_of(paths.sheet_path()))
    except SheetFileError:
        return False
    return True


def read_backup() -> Sheet:
    return read_sheet_file(backup_of(paths.sheet_path()))


def import_sheet(source: Path) -> Path:
    """Make the sheet at ``source`` the saved sheet (the old one goes to the backup)."""
    sheet = read_sheet_file(source)
    return save_sheet(sheet)


def data_files() -> list[Path]:
    """Every file of ours in the data folder (the sheet, its backup, set-aside copies)."""
    folder = paths.data_dir()
    if not folder.is_dir():
        return []
    stem = Path(paths.SHEET_FILE).stem
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and (p.name.startswith(stem) or p.name.startswith(f".{stem}"))
    )


def delete_all_data() -> list[Path]:
    """Remove the sheet, its backup and set-aside copies; returns what was removed."""
    removed = []
    for p in data_files():
        p.unlink(missing_ok=True)
        removed.append(p)
    folder = paths.data_dir()
    try:
        folder.rmdir()  # only when empty: never remove files that are not ours
    except OSError:
        pass
    return removed
