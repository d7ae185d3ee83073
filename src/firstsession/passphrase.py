"""The saved sheet's passphrase: is one set, unlocking, and setting, changing or removing it.

Every copy of the sheet in the data folder (the sheet, its backup, the copies set aside, the
temporary files of a killed save) is kept in one form: all encrypted with the session's key
(``vault``), or all plain when no passphrase is set.

Changing the form (``set_passphrase``, ``change_passphrase``, ``remove_passphrase``) rewrites
each copy with ``files.atomic_write`` (a complete new file, fsynced, renamed over the old,
the folder fsynced), every other copy first and the sheet itself last. No journal is needed:
a kill at any moment leaves each copy whole, in the old form or the new, and the sheet in the
old form until every other copy is in the new one. So the sheet opens with the old
passphrase until the change is done and with the new one after; a copy that opens with
neither of them never exists. ``unlock`` then finishes an interrupted job in the direction
of the passphrase given: plain copies are encrypted again (docs/ENCRYPTED_FORMAT.md).

No Qt here.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from firstsession import files, paths, storage, vault
from firstsession.i18n import _
from firstsession.model import Sheet

PASSPHRASE_ENV = "FIRSTSESSION_PASSPHRASE"  # the passphrase now set (scripts and tests)
NEW_PASSPHRASE_ENV = "FIRSTSESSION_NEW_PASSPHRASE"  # the passphrase to set


class PassphraseError(Exception):
    """A passphrase job could not be done; the message is one plain sentence, nothing changed."""


def _copies() -> list[Path]:
    """Our files in the data folder, regular files only, the sheet itself last."""
    sheet = paths.sheet_path()
    found = [p for p in storage.data_files() if p != sheet and not p.is_symlink()]
    if os.path.lexists(sheet):
        found.append(sheet)
    return found


def _head(path: Path) -> bytes:
    try:
        return files.read_start(path, len(vault.MAGIC))
    except files.FileReadError:
        return b""


def _read_whole(path: Path) -> bytes:
    """A copy's bytes; a copy set aside as too large may be over the sheet's limit."""
    try:
        target = files.write_target(path)
        if not stat.S_ISREG(os.stat(target).st_mode):
            raise OSError
        return target.read_bytes()
    except OSError as err:
        raise PassphraseError(
            _("{file} cannot be read, so nothing was changed").format(file=files.shown(path))
        ) from err


def is_set() -> bool:
    """True when a passphrase is set: some copy of the sheet in the data folder is encrypted."""
    return any(vault.is_sealed(_head(p)) for p in _copies())


def reference() -> tuple[Path, bytes] | None:
    """The copy a passphrase is checked against: the sheet when it is encrypted, else the
    first encrypted copy (the backup before copies set aside); None when none is."""
    sheet = paths.sheet_path()
    ordered = sorted(_copies(), key=lambda p: (p != sheet, p != storage.backup_of(sheet)))
    for path in ordered:
        if vault.is_sealed(_head(path)):
            return path, _read_whole(path)
    return None


def check(passphrase: str) -> vault.Key:
    """The key ``passphrase`` makes for the saved sheet, checked by opening it (about
    0.1-0.4 s). Raises PassphraseError when no passphrase is set or it is not this one."""
    found = reference()
    if found is None:
        raise PassphraseError(_("no passphrase is set"))
    path, data = found
    if not passphrase:
        raise PassphraseError(_("the passphrase is empty"))
    try:
        key = vault.key_for(passphrase, data)
        vault.open_sealed(data, key)
    except vault.WrongKeyError:
        raise PassphraseError(_("that passphrase did not open it (if you are sure it is "
                                "right, the file may be damaged)")) from None
    except vault.VaultError as err:
        raise PassphraseError(
            _("{file} cannot be opened: {reason}").format(file=files.shown(path), reason=err)
        ) from None
    return key


def unlock(passphrase: str) -> vault.Key:
    """Check ``passphrase`` and keep its key for this session; copies left plain by an
    interrupted job are encrypted now. Raises PassphraseError (nothing changes)."""
    key = check(passphrase)
    vault.unlock(key)
    _rewrite(key, key, only_plain=True)
    return key


def open_copy(path: Path, secret: str) -> Sheet:
    """The sheet in ``path``, a file encrypted with another passphrase than this session's
    (an older one, or another computer's), opened with ``secret``. The session's key and
    every file are left as they are. Raises PassphraseError with one plain sentence: the
    passphrase is empty or not this file's, or the file cannot be read or is no sheet."""
    if not secret:
        raise PassphraseError(_("the passphrase is empty"))
    try:
        data = files.read_bounded(path, storage.MAX_FILE_BYTES, "sheet")
        plain = vault.open_sealed(data, vault.key_for(secret, data))
        return storage.decode_sheet(plain)
    except vault.WrongKeyError:
        raise PassphraseError(_("that passphrase did not open it (if you are sure it is "
                                "right, the file may be damaged)")) from None
    except (files.FileReadError, vault.VaultError, storage.SheetFileError, ValueError) as err:
        raise PassphraseError(
            _("{file} cannot be opened: {reason}").format(file=files.shown(path), reason=err)
        ) from None


def set_passphrase(new: str, sheet: Sheet | None = None) -> vault.Key:
    """Encrypt every copy with a key from ``new`` (the sheet in the data folder, or
    ``sheet`` when given or when there is none yet: then it is saved). Raises
    PassphraseError (one is set already, or an empty one) or OSError; a kill or a failure
    leaves each copy whole, plain or encrypted, and ``unlock`` finishes the job."""
    if is_set():
        raise PassphraseError(_("a passphrase is set already"))
    key = _new_key(new)
    if sheet is not None or not os.path.lexists(paths.sheet_path()):
        vault.unlock(key)  # so this save is encrypted already
        try:
            storage.save_sheet(sheet or Sheet())
        except BaseException:
            vault.lock()
            raise
    _rewrite(None, key)
    return key


def change_passphrase(old: str, new: str) -> vault.Key:
    """Encrypt every copy again with a key from ``new`` (a new salt). Raises
    PassphraseError when ``old`` is wrong or ``new`` is empty (nothing changed)."""
    old_key = check(old)
    key = _new_key(new)
    _rewrite(old_key, key)
    return key


def remove_passphrase(old: str) -> None:
    """Write every copy plain again. Raises PassphraseError when ``old`` is wrong."""
    old_key = check(old)
    _rewrite(old_key, None)


def _new_key(new: str) -> vault.Key:
    try:
        return vault.derive(new)
    except ValueError as err:
        raise PassphraseError(str(err)) from None


def _rewrite(old: vault.Key | None, new: vault.Key | None, only_plain: bool = False) -> None:
    """Every copy (the sheet last) in the form of ``new``: encrypted with it, or plain.

    A copy encrypted with a key other than ``old`` (another passphrase, a damaged file) is
    left as it is. With ``only_plain``, only plain copies are rewritten. The session's key
    becomes ``new`` once the sheet itself is rewritten.
    """
    sheet_target = None
    for path in _copies():
        data = _read_whole(path)
        if vault.is_sealed(data):
            if only_plain or old is None:
                continue
            try:
                plain = vault.open_sealed(data, old)
            except vault.VaultError:
                continue  # another passphrase's copy: never ours to change
        else:
            if new is None:
                continue  # already plain
            plain = data
        written = files.atomic_write(path, plain if new is None else vault.seal(plain, new))
        if path == paths.sheet_path():
            sheet_target = (written, plain)
    if new is None:
        vault.forget()
    else:
        vault.unlock(new)
    if sheet_target is not None:
        storage.remember_good(*sheet_target)
