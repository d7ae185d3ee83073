"""Where we may write a file the person asked for, and how we say what went wrong.

One rule for every command and every save in the app:

- An output is never one of our own data files: nothing inside the data folder
  (the saved sheet, its backup, set-aside copies, temporary files), nor a file that
  is the same file as one of them through a link (symlink, hard link, linked folder),
  nor one of the command's own input files.
- An output that exists must be a regular file (or a link to one, which is written
  through: the link is kept). Devices, pipes and folders are refused.
- Data files (sheets, packets) are never replaced without ``force``. A PDF may be
  replaced if it really is a PDF (it starts with ``%PDF-``); anything else needs
  ``force`` too, so a mistyped ``-o notes.txt`` cannot destroy notes.

Every problem is an ``OutputError`` whose message is one plain sentence naming the
file or folder the person typed. Paths are shown with ``show_path``, which never
fails, whatever bytes a file name holds.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from firstsession import files, paths
from firstsession.i18n import _

OutputKind = Literal["pdf", "data"]

PDF_MAGIC = b"%PDF-"
JOINING_FORMAT = "\u200c\u200d"  # ZWNJ, ZWJ: format characters that are part of a word


class OutputError(Exception):
    """An output path that must not be written, or a write that failed; one plain sentence."""

    def sentence(self) -> str:
        """The message as a sentence for a dialog: a capital letter and a full stop."""
        text = str(self)
        return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


# -- showing paths ------------------------------------------------------------------


def printable(text: str) -> str:
    """``text`` on one line, safe to print with any encoding's error handler.

    Bytes a file name held that were not valid UTF-8 (Python keeps them as lone
    surrogates U+DC80..U+DCFF) are shown as ``\\xNN``; control characters and other
    lone surrogates as ``\\xNN`` or ``\\uNNNN``, and so are the invisible marks that
    would reorder the line (LRM, RLM, ALM, embeddings, isolates). ZWJ, ZWNJ and emoji tag
    characters are shown as themselves: they only join the letters around them
    (a family emoji, a Persian word). Never raises.
    """
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte from a file name
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch.isprintable() or ch in JOINING_FORMAT or 0xE0020 <= code <= 0xE007F:
            out.append(ch)
        elif code < 0x100:
            out.append(f"\\x{code:02x}")
        else:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return "".join(out)


def show_path(path: Path | str | bytes) -> str:
    """A path as a person can read it in a message: one line, never fails to print."""
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    return printable(str(path))


# -- checking an output path --------------------------------------------------------


def _identity(path: Path | str) -> tuple[int, int] | None:
    """(device, inode) of what ``path`` names after following links; None if absent."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _real(path: Path | str) -> Path:
    return Path(os.path.realpath(path))


def _same_file(a: Path, b: Path) -> bool:
    if _real(a) == _real(b):
        return True
    ia, ib = _identity(a), _identity(b)
    return ia is not None and ia == ib


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (resolved) lies inside ``folder``, even through a link or a bind mount."""
    real = _real(path)
    real_folder = _real(folder)
    if real == real_folder or real_folder in real.parents:
        return True
    folder_id = _identity(folder)
    if folder_id is None:
        return False
    return any(_identity(parent) == folder_id for parent in (real, *real.parents))


def _our_data_files(folder: Path) -> Iterable[Path]:
    try:
        with os.scandir(folder) as entries:
            return [Path(entry.path) for entry in entries]
    except OSError:
        return []


def is_our_data(path: Path) -> bool:
    """Whether writing ``path`` would touch one of our own data files or the data folder.

    True for anything inside the data folder (however it is reached) and for a file
    that is one of the data folder's files under another name (a hard link, or the
    target of a symlinked ``sheet.json``).
    """
    folder = paths.data_dir()
    if _inside(path, folder):
        return True
    return any(_same_file(path, ours) for ours in _our_data_files(folder))


def _starts_like_pdf(path: Path) -> bool:
    try:
        return files.read_start(path, len(PDF_MAGIC)) == PDF_MAGIC
    except files.FileReadError:
        return False


def check_output_path(
    path: Path,
    *,
    kind: OutputKind,
    force: bool,
    inputs: Sequence[Path | None] = (),
    force_hint: str | None = None,
) -> Path:
    """Check that ``path`` may be written; return it unchanged.

    ``kind`` is ``"pdf"`` for a PDF the person asked for (an existing PDF may be
    replaced) or ``"data"`` for a sheet or packet (never replaced without ``force``).
    ``inputs`` are the files the command reads; none of them may be the output.
    ``force_hint`` ends the "already exists" sentence (the app passes its own words;
    default "use --force to replace it", in the current language).

    Raises OutputError, one sentence naming the path, when the path is in our data
    folder or is one of our data files, is an input, exists but is not a regular
    file (folder, device, pipe, socket, a link to nothing), sits in a folder that
    does not exist, or exists and may not be replaced without ``force``.
    Nothing is written or changed here.
    """
    shown = show_path(path)
    if is_our_data(path):
        raise OutputError(
            _("will not write {shown}: it is in First Session's own data folder ({value}); "
              "choose another place").format(shown=shown, value=show_path(paths.data_dir()))
        )
    for source in inputs:
        if source is not None and _same_file(path, source):
            raise OutputError(_("will not write over {shown}: it is an input file")
                .format(shown=shown))
    try:
        st = os.stat(path)  # follows a symlink: the target is what would be written
    except FileNotFoundError:
        if os.path.lexists(path):
            raise OutputError(
                _("will not write {shown}: it is a link to a file that does not exist")
                    .format(shown=shown)
            ) from None
        parent = path.parent
        if not parent.is_dir():
            raise OutputError(
                _("cannot write {shown}: the folder {parent} does not exist")
                    .format(shown=shown, parent=show_path(parent))
            ) from None
        return path
    except NotADirectoryError:
        raise OutputError(
            _("cannot write {shown}: {parent} is not a folder")
                .format(shown=shown, parent=show_path(path.parent))
        ) from None
    except OSError as err:
        raise OutputError(_("cannot use {shown}: {err}")
            .format(shown=shown, err=_reason(err))) from None
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(_("cannot write {shown}: it is a folder; name a file inside it")
            .format(shown=shown))
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(
            _("will not write {shown}: it is not an ordinary file (a device, pipe or socket)")
                .format(shown=shown)
        )
    if force:
        return path
    if kind == "data":
        raise OutputError(_("{shown} already exists ({force_hint})")
            .format(shown=shown, force_hint=force_hint or _("use --force to replace it")))
    if not _starts_like_pdf(path):
        raise OutputError(_("{shown} already exists and is not a PDF ({force_hint})")
            .format(shown=shown, force_hint=force_hint or _("use --force to replace it")))
    return path


# -- writing ------------------------------------------------------------------------


def _reason(err: OSError) -> str:
    reason = err.strerror or str(err)
    return reason[:1].lower() + reason[1:]


def describe_write_failure(path: Path, err: OSError, *, unchanged: str | None = None) -> str:
    """One sentence for a failed write of ``path``: the file and its folder, never a
    temporary name, and that nothing was changed (``unchanged`` overrides those words)."""
    shown = show_path(path)
    folder = show_path(path.parent)
    code = err.errno
    if code in (errno.EACCES, errno.EPERM):
        why = _("the folder {folder} cannot be written to (permission denied)")
    elif code in (errno.ENOSPC, errno.EDQUOT):
        why = _("there is no space left on the disk holding {folder}")
    elif code == errno.EROFS:
        why = _("the folder {folder} is on a disk that is read-only")
    elif code == errno.ENOENT:
        why = _("the folder {folder} does not exist")
    else:
        why = _("{reason} (in the folder {folder})")
    tail = unchanged if unchanged is not None else _("nothing was changed")
    return _("cannot write {file}: {why}; {tail}").format(
        file=shown, why=why.format(folder=folder, reason=_reason(err)), tail=tail)


def write_output(
    path: Path, data: bytes, *, mode: int = 0o600, unchanged: str | None = None
) -> Path:
    """Write ``data`` (bytes) to ``path`` atomically; a symlink is written through to
    its target and kept. Returns the file actually written.

    Call ``check_output_path`` first. Raises OutputError (one sentence naming
    ``path`` and its folder, ending with ``unchanged`` or "nothing was changed")
    when the write fails; the old file, if any, is kept.
    """
    target = _real(path)
    try:
        files.atomic_write(target, data, mode=mode)
    except OSError as err:
        raise OutputError(describe_write_failure(path, err, unchanged=unchanged)) from None
    return target
