"""One hardened way to read every file we open, and one atomic way to write ours.

Any file we read may be damaged, crafted or simply the wrong thing (a folder, a
named pipe, a device, a file in another encoding). Three functions hold the rules:

- ``read_bounded``: regular files only, the size cap checked before reading and
  never more than the cap read (a file may grow while we read). The file is
  opened without blocking, so a named pipe never hangs the app or the command.
  ``read_start`` reads a file's first bytes under the same rules;
  ``read_and_decode`` is ``read_bounded`` plus a decoder, naming the file in every
  message.
- ``decode_json``: strict JSON. A UTF-8 byte-order mark is fine; other
  encodings are named; duplicate keys, NaN/Infinity, numbers too long, deep
  nesting and broken characters (lone surrogates from ``"\\ud800"`` escapes,
  which can never be written out again) are refused.

Every problem is a ``FileReadError`` whose message is one plain sentence.

- ``atomic_write``: a temporary file in the same folder, written, given its mode
  and fsynced, moved over the target with ``os.replace``, then the folder is
  fsynced. A reader sees the old file or the new one, never half of one. A
  symlink is written through (its target is replaced, the link kept); anything
  that is not a regular file (a folder, a device, a pipe) is refused.

This module imports only ``i18n`` from firstsession (its messages are in the language
spoken now).
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from firstsession.file_words import FileKind, sentence
from firstsession.i18n import N_, _, format_decimal

PRIVATE_MODE = 0o600  # every file of ours: readable and writable by this user only
MAX_INT_DIGITS = 20  # no whole number in our formats needs more (2**64 has 20 digits)
MAX_FLOAT_CHARS = 40  # none of our formats holds fractions; long ones are refused

_UTF8_BOM = b"\xef\xbb\xbf"
# Longest first: a UTF-32 little-endian mark starts with the UTF-16 one.
_OTHER_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
# Only a \uXXXX escape can give a lone surrogate: strict UTF-8 decoding refuses encoded ones.
_SURROGATE_ESCAPE_RE = re.compile(rb"\\u[dD][89a-fA-F]")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

T = TypeVar("T")
E = TypeVar("E", bound=Exception)


class FileReadError(Exception):
    """A file (or its bytes) cannot be used; the message is one plain sentence.

    From ``read_bounded`` the message names the file; from ``decode_text`` and
    ``decode_json`` it is a whole sentence about the kind of file ("the sheet is damaged
    ..."), and the caller adds the file.
    """


def shown(path: Path | str) -> str:
    """A path as one printable line: bytes that are not UTF-8 as ``\\xe9``, controls as ``?``."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _CONTROL_RE.sub("?", text)


def mib(n: int) -> str:
    """A byte limit for people: 8388608 -> "8 MiB"."""
    return _("{count} MiB").format(count=n // (1024 * 1024))


def _kind_of(mode: int) -> str | None:
    """Why a file of this mode cannot be read as a file (a sentence with a ``{file}``
    field, marked for the catalogue), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return N_("{file} is a folder, not a file")
    if stat.S_ISFIFO(mode):
        return N_("{file} is not a regular file (it is a named pipe)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return N_("{file} is not a regular file (it is a device)")
    if stat.S_ISSOCK(mode):
        return N_("{file} is not a regular file (it is a socket)")
    return N_("{file} is not a regular file")


def read_bounded(path: Path, max_bytes: int, what: FileKind) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_bytes`` of them.

    ``what`` is the kind of file ("sheet", "names", ...; see ``file_words``), whose
    own whole sentences the messages use. Folders, named pipes, devices and sockets are refused
    before anything is read, and a named pipe never blocks (it is opened with
    O_NONBLOCK and checked with fstat on the opened file). A file whose size is
    over ``max_bytes`` is refused from its size; at most ``max_bytes + 1`` bytes
    are ever read, so a file that grows meanwhile is refused too. Nothing on
    disk is changed.

    Raises FileReadError: "there is no file at X", "X is a folder, not a file",
    "X is not a regular file (it is a named pipe)", "X is too large to be a
    sheet (N bytes; at most M MiB)", "X cannot be opened (permission denied)",
    "X cannot be read (reason)".
    """
    name = shown(path)
    raw = _read_regular(path, max_bytes, lambda size: _too_large(name, size, max_bytes, what))
    if len(raw) > max_bytes:
        _too_large(name, len(raw), max_bytes, what)
    return raw


def read_start(path: Path, count: int) -> bytes:
    """The first ``count`` bytes of the regular file at ``path`` (fewer if it is shorter).

    The same rules as ``read_bounded`` (regular files only, a pipe never blocks), with
    no size cap: only ``count`` bytes are ever read. Raises FileReadError as it does.
    """
    return _read_regular(path, count, None)


def read_and_decode(
    path: Path,
    max_bytes: int,
    what: FileKind,
    decode: Callable[[bytes], T],
    error: type[E],
    *,
    verb: str = "",
) -> T:
    """``decode(read_bounded(path, max_bytes, what))``, every problem an ``error``.

    A ``FileReadError`` becomes ``error(message)``; an ``error`` raised by ``decode``
    (whose message names no file) is raised again, the same object (so its type and
    attributes are kept), its message now "FILE cannot be used: ..." (``verb``, a
    sentence with ``{file}`` and ``{reason}`` fields in the current language, replaces
    it when given). The one way a file is read and then checked.
    """
    try:
        raw = read_bounded(path, max_bytes, what)
    except FileReadError as err:
        raise error(str(err)) from None
    try:
        return decode(raw)
    except error as err:
        sentence = verb or _("{file} cannot be used: {reason}")
        err.args = (sentence.format(file=shown(path), reason=err), *err.args[1:])
        raise err from None


def _read_regular(
    path: Path, limit: int, over: Callable[[int], NoReturn] | None
) -> bytes:
    """At most ``limit + 1`` bytes of a regular file (``limit`` when ``over`` is None);
    ``over(size)`` is called when the opened file's size is over ``limit``."""
    name = shown(path)
    try:
        # Look before opening: opening some devices has effects of its own.
        problem = _kind_of(os.stat(path).st_mode)
        if problem is not None:
            raise FileReadError(_(problem).format(file=name))
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(fd)  # the file we really opened, whatever the name now points at
            problem = _kind_of(info.st_mode)
            if problem is not None:
                raise FileReadError(_(problem).format(file=name))
            if over is not None and info.st_size > limit:
                over(info.st_size)
            chunks: list[bytes] = []
            left = limit + 1 if over is not None else limit
            while left > 0:
                chunk = os.read(fd, min(left, 1024 * 1024))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
        finally:
            os.close(fd)
    except (FileNotFoundError, NotADirectoryError):
        raise FileReadError(_("there is no file at {file}").format(file=name)) from None
    except PermissionError:
        raise FileReadError(
            _("{file} cannot be opened (permission denied)").format(file=name)) from None
    except OSError as err:
        reason = err.strerror or _("system error")
        raise FileReadError(
            _("{file} cannot be read ({reason})").format(file=name, reason=reason)) from None
    except ValueError:  # a NUL byte in the name: no such file can exist
        raise FileReadError(_("there is no file at {file}").format(file=name)) from None
    return b"".join(chunks)


def _too_large(name: str, size: int, max_bytes: int, what: FileKind) -> NoReturn:
    raise FileReadError(sentence(what, "too-large").format(
        file=name, size=format_decimal(size), limit=mib(max_bytes)))


def decode_text(raw: bytes, what: FileKind) -> str:
    """UTF-8 bytes as text; a UTF-8 byte-order mark is dropped.

    ``what`` is the kind of file ("sheet"), whose own sentences the messages use.
    Raises FileReadError naming the problem: "the sheet is in UTF-16, not UTF-8 (save it as UTF-8)",
    "the sheet is not UTF-8 text (it may be in Latin-1 or another encoding)",
    "the sheet is not a text file (it may be damaged)".
    """
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM):]
    else:
        for mark, encoding in _OTHER_BOMS:
            if raw.startswith(mark):
                raise FileReadError(sentence(what, "encoding").format(encoding=encoding))
        # UTF-16 without a mark: every other byte of plain text is a zero.
        head = raw[: len(raw[:64]) // 2 * 2]
        even, odd = head[0::2], head[1::2]
        if len(head) >= 4 and (
            (odd.count(0) == len(odd) and 0 not in even)
            or (even.count(0) == len(even) and 0 not in odd)
        ):
            raise FileReadError(sentence(what, "encoding").format(encoding="UTF-16"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Text in Latin-1 or Windows-1252 has no control bytes; damaged or binary data does.
    if any(b < 0x20 and b not in (0x09, 0x0A, 0x0D) for b in raw[:65536]):
        raise FileReadError(sentence(what, "not-text")) from None
    raise FileReadError(sentence(what, "not-utf8")) from None


def decode_json(raw: bytes, what: FileKind) -> Any:
    """Strict JSON from a file's bytes; returns the decoded value (dict, list, str, ...).

    ``what`` is the kind of file ("packet"), whose own sentences the messages use.
    On top of ``decode_text``'s rules, refuses (with FileReadError, one sentence):
    text that is not JSON (naming line and column), a key given twice in one object (naming it),
    NaN and Infinity, whole numbers over ``MAX_INT_DIGITS`` digits and other
    numbers too long or too large, nesting too deep for Python, and strings or
    keys holding a broken character (a lone surrogate), naming where.
    """
    text = decode_text(raw, what)

    def refuse_constant(name: str) -> NoReturn:
        raise FileReadError(sentence(what, "constant").format(name=name))

    def parse_int(digits: str) -> int:
        if len(digits.lstrip("-")) > MAX_INT_DIGITS:
            raise FileReadError(sentence(what, "too-long"))
        return int(digits)

    def parse_float(number: str) -> float:
        if len(number) > MAX_FLOAT_CHARS:
            raise FileReadError(sentence(what, "too-long"))
        value = float(number)
        if not math.isfinite(value):
            raise FileReadError(sentence(what, "too-big"))
        return value

    try:
        data = json.loads(
            text,
            object_pairs_hook=_object_without_duplicates,
            parse_constant=refuse_constant,
            parse_int=parse_int,
            parse_float=parse_float,
        )
    except FileReadError:
        raise
    except RecursionError:
        raise FileReadError(sentence(what, "nested")) from None
    except json.JSONDecodeError as err:
        raise FileReadError(
            sentence(what, "damaged").format(line=err.lineno, column=err.colno)) from None
    except ValueError:  # anything else json or int() refuses, such as very long numbers
        raise FileReadError(sentence(what, "too-long")) from None
    if _SURROGATE_ESCAPE_RE.search(raw):
        _refuse_broken_characters(data, what)
    return data


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise FileReadError(_("the field {name} appears twice in one object")
                                .format(name=show_key(key)))
        result[key] = value
    return result


def _refuse_broken_characters(data: Any, what: FileKind) -> None:
    """Walk the value (without recursion) and refuse any string holding a lone surrogate."""
    todo: list[tuple[Any, str]] = [(data, "")]
    while todo:
        value, where = todo.pop()
        if isinstance(value, str):
            if _SURROGATE_RE.search(value):
                if not where:
                    raise FileReadError(sentence(what, "broken"))
                raise FileReadError(
                    _("{place} contains a broken character (a lone surrogate escape)")
                    .format(place=where)
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                name = f"{where}.{show_key(key)}" if where else show_key(key)
                if _SURROGATE_RE.search(key):
                    raise FileReadError(sentence(what, "broken-key").format(name=name))
                todo.append((item, name))
        elif isinstance(value, list):
            todo.extend((item, f"{where}[{i}]") for i, item in enumerate(value))


def show_key(key: object) -> str:
    """A key from a file, made safe for a one-line message (quoted when unusual, cut at 40)."""
    text = key if isinstance(key, str) else repr(key)
    if re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", text):
        return text
    quoted = json.dumps(text[:40], ensure_ascii=True)
    return quoted if len(text) <= 40 else quoted[:-1] + '..."'


# -- writing ------------------------------------------------------------------


class NotAFileError(OSError):
    """A path to write exists and is not a regular file (a folder, device or pipe).

    ``strerror`` is a plain sentence naming the path; nothing was changed.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(
            errno.EEXIST,
            _("{file} is not a regular file (it is a folder, a device or a pipe), "
              "so it was not replaced").format(file=path),
            str(path),
        )


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder for fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_after_rename(folder: Path) -> None:
    """fsync the folder after a rename, without failing: the rename has happened and
    every reader already sees the new file; a folder that cannot be synced (some file
    systems refuse) only means the rename is not yet sure to survive a power cut."""
    try:
        _fsync_dir(folder)
    except OSError:
        pass


def unlink_quietly(path: Path | str) -> None:
    """Remove ``path`` if it can be removed; never raises (a leftover temporary file)."""
    try:
        os.unlink(path)
    except OSError:
        pass


def write_target(path: Path) -> Path:
    """The file that writing ``path`` really replaces: ``path``, or for a symlink the
    file it points to (followed to the end), so the link is kept.

    Raises ``NotAFileError`` when that exists and is not a regular file, and
    ``OSError`` when it cannot be looked at (e.g. a symlink loop).
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target
    if not stat.S_ISREG(info.st_mode):
        raise NotAFileError(path)
    return target


def write_temp(target: Path, data: bytes, mode: int) -> Path:
    """``data`` in a new temporary file next to ``target``, with ``mode``, fsynced."""
    import tempfile  # only needed when writing; keeps start-up light

    # ".NAME.XXXXXXXX.tmp" must itself fit in a file name (255 bytes): for a target named
    # near that limit, NAME is shortened here (the target keeps its whole name).
    name_part = target.name
    while len(os.fsencode(f".{name_part}.12345678.tmp")) > 255:
        name_part = name_part[:-1]
    fd, name = tempfile.mkstemp(prefix=f".{name_part}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
    except BaseException:
        unlink_quietly(name)
        raise
    return Path(name)


def atomic_write(path: Path, data: bytes, mode: int = PRIVATE_MODE) -> Path:
    """Write ``data`` (bytes) to ``path`` so a crash leaves the old file or the new one.

    The file gets ``mode`` every time (0600 by default: private to this user),
    whatever mode an earlier file had. A symlink at ``path`` is written through:
    its target is replaced and the link kept. Returns the file really written.

    Raises ``NotAFileError`` (an ``OSError``) if ``path`` exists and is not a
    regular file, and ``OSError`` when writing fails; either way nothing changed.
    """
    target = write_target(path)
    if target == path:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = write_temp(target, data, mode)
    try:
        os.replace(tmp, target)
    except BaseException:
        unlink_quietly(tmp)
        raise
    sync_after_rename(target.parent)
    return target


def make_private(path: Path) -> None:
    """Give ``path`` mode 0600 if it has another; never raises (a file we cannot
    change keeps its mode)."""
    try:
        if stat.S_IMODE(os.stat(path).st_mode) != PRIVATE_MODE:
            os.chmod(path, PRIVATE_MODE)
    except OSError:
        pass
