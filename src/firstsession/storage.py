"""Saving and loading the sheet so that nothing typed is ever lost.

Files are written the way ``files.atomic_write`` writes them (temporary file,
fsync, ``os.replace``, fsync of the folder) and read by ``files``' one reader.

- ``save_sheet``: the new sheet is made durable first; only then does the
  current good file become ``sheet.json.bak`` (one rotated backup, a hard link,
  no copy) and the new file take its place. A failed save changes nothing. It
  never writes over a file it cannot read (that file is set aside), nor a sheet
  larger than ``MAX_SHEET_BYTES`` (which could not be read back).
- ``load_saved``: for the app. An unreadable or newer-version sheet is set aside
  (renamed with a timestamp, never deleted), and the person is told where it
  went; if the folder cannot be changed it is left alone and they are told so.
  Our own temporary files left by a killed save are removed first.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import operator
import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from firstsession import files, paths, vault
from firstsession.i18n import _, format_decimal
from firstsession.model import Sheet
from firstsession.sheet_format import (
    FORMAT_NAME,
    SCHEMA_VERSION,
    SheetFormatError,
    sheet_from_dict,
    storable_text,
)

# One limit for writing and reading a sheet, in bytes of the encoded file: far above
# any real sheet. The app refuses text that would pass it (so it never writes a sheet
# it cannot read back) and the readers refuse files over it.
MAX_SHEET_BYTES = 16 * 1024 * 1024
# The largest file of ours: a sheet of MAX_SHEET_BYTES, encrypted (vault.OVERHEAD more).
MAX_FILE_BYTES = MAX_SHEET_BYTES + vault.OVERHEAD

# The temporary files we write next to a target: ``.NAME.XXXXXXXX.tmp``, where the
# eight characters are tempfile.mkstemp's (or secrets.token_hex's) random part.
_TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
# Temporary files older than this process (less a minute, for another copy of the
# app saving just now) were left by a save that was killed.
_PROCESS_STARTED = time.time()


class SheetFileError(Exception):
    """A sheet file could not be read; the message is one plain sentence."""


class SheetLockedError(SheetFileError):
    """The sheet is encrypted and this session has not its passphrase (none given, or
    another one). Such a file is never set aside, never written over."""


class LockedSheetWriteError(OSError):
    """A save found the saved sheet encrypted with a passphrase this session has not got
    (none given, another one, or locked since): nothing was written over it.
    ``strerror`` is one plain sentence."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            errno.EACCES,
            _("your saved sheet is locked with a passphrase that was not given, so nothing "
              "was written over it"),
            str(path),
        )


class SheetTooLargeError(ValueError):
    """The sheet would be over ``MAX_SHEET_BYTES`` once saved; nothing was written."""


class SheetFileTooLargeError(SheetFileError):
    """A sheet file is too large to be one of ours: the file, or the sheet in it once
    encoded as we write it, is over ``MAX_SHEET_BYTES``. Never called damaged."""


class DanglingLinkError(OSError):
    """The saved sheet is a symlink whose target is not there now (a drive or folder
    that is not connected?). Nothing is written through it: that would create the
    target somewhere the person does not expect. ``strerror`` is one plain sentence."""

    def __init__(self, path: Path, target: str) -> None:
        super().__init__(
            errno.ENOENT,
            _("your saved sheet is a link to {target}, which is not there now (a drive or "
              "folder that is not connected?), so nothing was saved through it")
            .format(target=files.shown(target)),
            str(path),
        )
        self.target = target


@dataclass
class LoadOutcome:
    """What the app found when it opened the saved sheet."""

    sheet: Sheet
    problem: str | None = None  # plain words, shown to the person
    set_aside_to: Path | None = None
    backup_available: bool = False
    left_in_place: bool = False  # it could not be set aside (the folder cannot be changed)
    # The saved sheet is a symlink to nothing (its target as the link says); the link is
    # left as it is and ``save_sheet`` refuses to write through it (``DanglingLinkError``).
    dangling_link_to: str | None = None
    # The saved sheet is encrypted and this session has not its passphrase: it is left
    # as it is, and no save writes over it (``LockedSheetWriteError``).
    locked: bool = False


# -- writing ------------------------------------------------------------------


def sheet_snapshot(sheet: Sheet) -> dict[str, Any]:
    """The sheet as plain JSON data (``model.sheet_to_dict``'s dict, key for key and in
    the same order), sharing nothing that can change: every list, dict and object is
    new; only text, numbers, booleans and None (which never change) are shared.

    The app takes this on the GUI thread and encodes it on another; it is several
    times cheaper than ``dataclasses.asdict`` or ``copy.deepcopy`` (no encoding).
    """
    data: dict[str, Any] = {"format": FORMAT_NAME, "schema_version": SCHEMA_VERSION}
    data.update(_plain(sheet))
    return data


_SCALARS = frozenset({str, int, bool, float, type(None)})
# dataclass type -> (field names, a getter of all of them at once), filled on first use
_FIELD_GETTERS: dict[type, tuple[tuple[str, ...], Any]] = {}


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind is list:
        return [x if type(x) in _SCALARS else _plain(x) for x in value]
    if kind is dict:
        return {k: (x if type(x) in _SCALARS else _plain(x)) for k, x in value.items()}
    if kind in _SCALARS:
        return value
    known = _FIELD_GETTERS.get(kind)
    if known is None:
        if not dataclasses.is_dataclass(value):
            raise TypeError(f"a sheet holds only plain data, not {kind.__name__}")
        names = tuple(f.name for f in dataclasses.fields(value))
        known = _FIELD_GETTERS[kind] = (names, operator.attrgetter(*names))
    names, get_all = known
    values = get_all(value) if len(names) > 1 else (get_all(value),)
    pairs = zip(names, values, strict=True)
    return {k: (x if type(x) in _SCALARS else _plain(x)) for k, x in pairs}


def encode_snapshot(snapshot: dict[str, Any]) -> bytes:
    """The bytes of a sheet's file (UTF-8 JSON) from ``sheet_snapshot``'s data, indented
    for people to read. A sheet whose indented form would be over ``MAX_SHEET_BYTES`` is
    written compact instead (no spaces or line breaks between fields), so the limit
    applies to the compact form and any sheet we can read can be written again. Text
    UTF-8 cannot hold (a lone surrogate) is saved as U+FFFD rather than failing."""
    # The same bytes as json.dumps(..., ensure_ascii=False, indent=2) + "\n" encoded
    # whole, made piece by piece: no step holds Python's lock (the GIL) for long, so
    # the window's thread keeps running while a worker thread encodes a large sheet.
    pieces = json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(snapshot)
    encoded = b"".join([_utf8(piece) for piece in pieces] + [b"\n"])
    if len(encoded) <= MAX_SHEET_BYTES:
        return encoded
    pieces = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).iterencode(snapshot)
    return b"".join([_utf8(piece) for piece in pieces] + [b"\n"])


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return storable_text(text).encode("utf-8")


def encode_sheet(sheet: Sheet) -> bytes:
    """The sheet as the bytes of its file (UTF-8 JSON). Text UTF-8 cannot hold (a
    lone surrogate) is saved as U+FFFD rather than making the save fail."""
    return encode_snapshot(sheet_snapshot(sheet))


def backup_of(path: Path) -> Path:
    """The one rotated backup kept next to the sheet at ``path`` (``NAME.bak``)."""
    return path.with_name(path.name + ".bak")


def too_large_message(size: int) -> str:
    """How far ``size`` bytes is over the limit, in plain words, in brackets."""
    return _("({size} MB; a sheet can be at most {limit} MB)").format(
        size=format_decimal(round(size / 1048576, 1)), limit=MAX_SHEET_BYTES // 1048576)


# The saved files this process last wrote or read whole and found good:
# file -> ((device, inode, size, mtime in ns), digest of the bytes or None). A file
# that still matches needs no second reading before the next save.
_known_good: dict[Path, tuple[tuple[int, int, int, int], bytes | None]] = {}


def _signature(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def _digest(data: bytes) -> bytes:
    """A digest of the sheet's bytes and of the form they take on disk (plain, or
    encrypted with this session's key), so a new passphrase makes the next save write."""
    import hashlib

    return hashlib.blake2b(vault.disk_tag() + data, digest_size=16).digest()


def remember_good(target: Path, data: bytes | None = None) -> None:
    """Note that the file at ``target`` is a good sheet (holding ``data``, if given),
    so the next save need not read it again. Forgets it if it cannot be looked at."""
    try:
        _known_good[target] = (_signature(os.stat(target)), None if data is None else _digest(data))
    except OSError:
        _known_good.pop(target, None)


def _read_current(path: Path) -> bytes:
    """The saved file's bytes, at most ``MAX_SHEET_BYTES + 1`` of them (more is too
    large, and ``decode_sheet`` says so), read by ``files.read_start``. A file that
    cannot be read fails the save: ``OSError`` with one sentence naming the file."""
    try:
        return files.read_start(path, MAX_FILE_BYTES + 1)
    except files.FileReadError as err:
        raise OSError(errno.EIO, str(err)) from None


def _sealed_on_disk(target: Path) -> bool:
    """True when the file at ``target`` starts as an encrypted sheet (8 bytes are read)."""
    try:
        return vault.is_sealed(files.read_start(target, len(vault.MAGIC)))
    except files.FileReadError as err:
        raise OSError(errno.EIO, str(err)) from None


def _keep_as_backup(current: Path, backup: Path) -> None:
    """Make the current good file the backup: a hard link (no data is written), or a
    copy where the file system has no links. Replaces the backup atomically."""
    import secrets

    files.make_private(current)  # the backup shares the file: keep it private
    link = backup.with_name(f".{backup.name}.{secrets.token_hex(4)}.tmp")
    try:
        os.link(current, link)
    except OSError:
        # Another disk (a symlinked sheet) or no hard links: copy it, fsynced.
        files.atomic_write(backup, _read_current(current))
        return
    try:
        os.replace(link, backup)
    except BaseException:
        files.unlink_quietly(link)
        raise


def save_sheet(
    sheet: Sheet,
    path: Path | None = None,
    on_set_aside: Callable[[Path], None] | None = None,
) -> Path:
    """Save ``sheet`` (by default as the saved sheet); returns the path written.

    A current file that cannot be read is set aside first (never written over);
    ``on_set_aside``, when given, is called with the path it was kept as.

    Order: the new file is written in full and fsynced under a temporary name;
    then the current good file becomes the backup; then the new file takes the
    sheet's name; then the folder is fsynced. A failure before the last rename
    leaves the sheet and its backup as they were.

    Raises ``SheetTooLargeError`` (over ``MAX_SHEET_BYTES``; nothing written),
    ``files.NotAFileError`` (the sheet's path is a folder, device or pipe),
    ``DanglingLinkError`` (the path is a symlink to nothing: a drive or folder not
    connected; the target is never created through it), and ``OSError`` when the
    file system refuses; nothing changed in any case.
    """
    return save_encoded(encode_sheet(sheet), path, on_set_aside)


def save_encoded(
    data: bytes,
    path: Path | None = None,
    on_set_aside: Callable[[Path], None] | None = None,
) -> Path:
    """Save a sheet already encoded (``encode_sheet`` / ``encode_snapshot``), as
    ``save_sheet`` does, with the same order and errors; safe to call from a worker
    thread (one save at a time). Returns the path written."""
    path = path or paths.sheet_path()
    if len(data) > MAX_SHEET_BYTES:
        raise SheetTooLargeError(_("your sheet is too large to keep {size}")
                                 .format(size=too_large_message(len(data))))
    if os.path.islink(path) and not os.path.exists(path):
        raise DanglingLinkError(path, os.readlink(path))
    target = files.write_target(path)
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None:
        known = _known_good.get(target)
        digest = _digest(data)
        if known is not None and known[0] == _signature(info) and known[1] is not None:
            if known[1] == digest:  # the same words are already on disk
                files.make_private(target)
                return path
        elif info.st_size > MAX_FILE_BYTES:  # not ours: keep it, under a name saying why
            kept = set_aside(path, "too-large")
            if on_set_aside is not None:
                on_set_aside(kept)
            info = None
        else:
            current = _read_current(target)
            if vault.holds(current, data):
                remember_good(target, data)
                files.make_private(target)
                return path
            if known is None or known[0] != _signature(info):
                try:
                    decode_sheet(current)  # not what we last wrote or read: look first
                except SheetLockedError:
                    raise LockedSheetWriteError(path) from None
                except SheetFileError as err:
                    # never write over something we cannot read
                    kept = set_aside(
                        path, "too-large" if isinstance(err, SheetFileTooLargeError) else
                        "unreadable")
                    if on_set_aside is not None:
                        on_set_aside(kept)
                    info = None
    if info is None:
        target = files.write_target(path)
    # Encrypted here when a passphrase is set: no plaintext copy ever reaches the disk. A
    # locked session, or an encrypted sheet with no key in this process, writes nothing.
    if info is not None and vault.current() is None and _sealed_on_disk(target):
        raise LockedSheetWriteError(path)
    try:
        on_disk = vault.for_disk(data)
    except vault.LockedError:
        raise LockedSheetWriteError(path) from None
    if target == path:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = files.write_temp(target, on_disk, files.PRIVATE_MODE)
    try:
        if info is not None:
            _keep_as_backup(target, backup_of(path))
        os.replace(tmp, target)
    except BaseException:
        files.unlink_quietly(tmp)
        raise
    files.sync_after_rename(target.parent)
    if backup_of(path).parent != target.parent and info is not None:
        files.sync_after_rename(backup_of(path).parent)
    remember_good(target, data)
    return path


# -- reading ------------------------------------------------------------------


def decode_sheet(raw: bytes) -> Sheet:
    """A sheet from a file's bytes (strict JSON, see ``files.decode_json``).

    Raises SheetFileError with one plain sentence (not naming a file).
    """
    if vault.is_sealed(raw) and len(raw) <= MAX_FILE_BYTES:
        try:
            raw = vault.open_with_session(raw)
        except (vault.LockedError, vault.WrongKeyError) as err:
            raise SheetLockedError(str(err)) from None
        except vault.VaultError as err:
            raise SheetFileError(str(err)) from None
    if len(raw) > MAX_SHEET_BYTES:
        raise SheetFileTooLargeError(
            _("the sheet is too large (at most {limit})").format(limit=files.mib(MAX_SHEET_BYTES))
        )
    try:
        data = files.decode_json(raw, "sheet")
    except files.FileReadError as err:
        raise SheetFileError(str(err)) from None
    try:
        sheet = sheet_from_dict(data)
    except SheetFormatError as err:
        raise SheetFileError(str(err)) from None
    # Anything we read we can write again: the sheet as we would save it must fit too
    # (a file written compact by another program can grow when we write it).
    size = len(encode_sheet(sheet))
    if size > MAX_SHEET_BYTES:
        raise SheetFileTooLargeError(
            _("the sheet is too large once saved {size}").format(size=too_large_message(size))
        )
    return sheet


def read_sheet_file(path: Path) -> Sheet:
    """Read a sheet without changing anything on disk (``files.read_and_decode``'s rules).

    Raises SheetFileError (SheetFileTooLargeError when too large) with one plain
    sentence naming the file.
    """
    if os.path.islink(path) and not os.path.exists(path):
        raise SheetFileError(
            _("{path} is a link to {value}, which is not there now (a drive or folder that is "
              "not connected?)")
                  .format(path=files.shown(path), value=files.shown(os.readlink(path)))
        )
    return files.read_and_decode(path, MAX_FILE_BYTES, "sheet", decode_sheet,
                                 SheetFileError)


def set_aside(path: Path, label: str = "unreadable") -> Path:
    """Rename a file we cannot use to ``STEM.LABEL-TIMESTAMP[-N]SUFFIX`` next to it, so
    it is kept and never overwritten; the kept file is made private (0600).

    Returns the new path. Raises ``OSError`` when the folder cannot be changed (the
    file is then left exactly as it was).
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        suffix = "" if n == 1 else f"-{n}"
        target = path.with_name(f"{path.stem}.{label}-{stamp}{suffix}{path.suffix}")
        if not os.path.lexists(target):
            os.replace(path, target)
            _known_good.pop(path, None)
            if not os.path.islink(target):
                files.make_private(target)
            files.sync_after_rename(path.parent)
            return target
    raise OSError(errno.EEXIST, _("could not find a free name to set {file} aside")
                  .format(file=path), str(path))


def remove_stale_temp_files(folder: Path | None = None) -> list[Path]:
    """Remove our own temporary files that a killed save left in the data folder.

    Only regular files named like ours (``.sheet….XXXXXXXX.tmp``) and last changed
    before this process started (and over a minute ago) are removed; returns them.
    Never raises: what cannot be removed is left.
    """
    folder = folder or paths.data_dir()
    stem = Path(paths.SHEET_FILE).stem
    cutoff = min(_PROCESS_STARTED, time.time() - 60)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if match is None or not match.group("name").startswith(stem):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or info.st_mtime >= cutoff:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def load_saved() -> LoadOutcome:
    """Open the saved sheet for the app, setting aside one that cannot be read.

    Never raises for a bad file or a folder that cannot be changed: the problem is
    described in ``problem``; a file that could not be set aside is left in place
    (``left_in_place``). A sheet over ``MAX_SHEET_BYTES`` is called too large, and
    set aside under a ``too-large`` name, never called damaged.
    """
    path = paths.sheet_path()
    remove_stale_temp_files(path.parent)
    if not os.path.lexists(path):
        return LoadOutcome(Sheet(), backup_available=backup_usable())
    if os.path.islink(path) and not os.path.exists(path):
        # Left as it is: renaming the link would leave a synced or mounted sheet unused
        # once its drive is back. Nothing is saved through it (save_sheet refuses).
        target = os.readlink(path)
        return LoadOutcome(
            Sheet(),
            problem=_("Your saved sheet is a link to {target}, which is not there now (a drive "
                      "or folder that is not connected?)").format(target=files.shown(target)),
            backup_available=backup_usable(),
            left_in_place=True,
            dangling_link_to=target,
        )
    try:
        size = os.stat(path).st_size
    except OSError:
        size = 0
    try:
        sheet = read_sheet_file(path)
    except SheetLockedError as err:  # never set aside: it needs the passphrase, that is all
        return LoadOutcome(Sheet(), problem=str(err), left_in_place=True, locked=True)
    except SheetFileError as err:
        if size > MAX_FILE_BYTES:
            label = "too-large"
            problem = _("Your saved sheet is too large to open {size}").format(
                size=too_large_message(size))
        elif isinstance(err, SheetFileTooLargeError):
            label = "too-large"
            problem = str(err).replace(files.shown(path), _("Your saved sheet"), 1)
        else:
            label = "unreadable"
            problem = str(err).replace(files.shown(path), _("Your saved sheet"), 1)
        try:
            moved: Path | None = set_aside(path, label)
        except OSError as move_err:
            moved = None
            reason = move_err.strerror or str(move_err)
            problem += _(". It could not be moved aside either ({reason}: the folder {folder} "
                         "cannot be changed), so it was left as it is, unchanged").format(
                reason=reason.lower(), folder=path.parent)
        return LoadOutcome(
            Sheet(),
            problem=problem,
            set_aside_to=moved,
            backup_available=backup_usable(),
            left_in_place=moved is None,
        )
    try:
        remember_good(files.write_target(path))
    except OSError:
        pass
    return LoadOutcome(sheet)


def backup_usable() -> bool:
    try:
        read_sheet_file(backup_of(paths.sheet_path()))
    except SheetFileError:
        return False
    return True


def read_backup() -> Sheet:
    return read_sheet_file(backup_of(paths.sheet_path()))


def import_sheet(source: Path, on_set_aside: Callable[[Path], None] | None = None) -> Path:
    """Make the sheet at ``source`` the saved sheet (the old one goes to the backup).

    An old saved sheet that cannot be read is set aside, and ``on_set_aside`` told
    where. Raises what ``read_sheet_file`` and ``save_sheet`` raise.
    """
    sheet = read_sheet_file(source)
    return save_sheet(sheet, on_set_aside=on_set_aside)


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
    vault.forget()  # the passphrase went with the files: a new sheet starts plain
    folder = paths.data_dir()
    try:
        folder.rmdir()  # only when empty: never remove files that are not ours
    except OSError:
        pass
    return removed
