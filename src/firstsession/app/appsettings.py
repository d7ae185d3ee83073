"""Our settings file (UI state only: window size, last step, last folder), and no one else's.

Qt's own widgets keep state in the per-user ``QSettings("QtProject")`` file: the file
dialog writes the folders a person used (``~/.config/QtProject.conf``, 0644) every
time one closes, and that cannot be switched off. So Qt's per-user settings folder
is pointed at a path that can never exist, and nothing of Qt's is written. Our own
settings use an explicit file, ``<config>/firstsession/firstsession.conf`` (the same
place as before), created 0600 in a 0700 folder; "Delete all my data" removes it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

# A path that cannot be created (/dev/null is not a folder): Qt reads nothing there
# and every write it tries there fails quietly.
NOWHERE = os.path.join(os.devnull, "firstsession-keeps-no-qt-settings")
_qt_settings_off_disk = False


def keep_qt_settings_off_disk() -> None:
    """Point Qt's per-user settings (its file dialog's history) at ``NOWHERE``. Cheap, idempotent.

    Affects QSettings objects made afterwards, ours included: ours always name their file.
    On Windows and macOS the native format is the registry or plist, where Qt
    ignores the path; there the native file dialogs are used.
    """
    global _qt_settings_off_disk
    if _qt_settings_off_disk:
        return
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, NOWHERE)
    _qt_settings_off_disk = True


def settings_file() -> Path:
    """Where our settings live: ``<the user's config folder>/firstsession/firstsession.conf``."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(base or Path.home() / ".config") / "firstsession" / "firstsession.conf"


def settings() -> QSettings:
    """UI state only (size, position, last step, last folder); the sheet lives in our own files.

    The file is made private (0600, folder 0700) before Qt writes to it: Qt replaces
    it with a new file that keeps the old one's mode.
    """
    keep_qt_settings_off_disk()
    path = settings_file()
    try:
        _make_private(path)
    except OSError:
        pass  # a read-only or missing config folder: Qt then just keeps nothing
    return QSettings(str(path), QSettings.Format.IniFormat)


def _make_private(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if stat.S_IMODE(path.parent.stat().st_mode) & 0o077:
        path.parent.chmod(0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if stat.S_IMODE(path.stat().st_mode) != 0o600:
            path.chmod(0o600)  # e.g. 0644, written by an older First Session
    else:
        os.close(fd)


def forget_settings() -> list[Path]:
    """Delete our settings file (and Qt's lock file beside it), then its folder if empty.

    For "Delete all my data": call it when no QSettings object for the file is left
    with unsaved changes. Returns the files removed; errors other than "not there"
    are raised (OSError).
    """
    path = settings_file()
    removed = []
    for leftover in (path, path.with_name(path.name + ".lock")):
        try:
            leftover.unlink()
        except FileNotFoundError:
            continue
        removed.append(leftover)
    try:
        path.parent.rmdir()  # only when empty: never remove files that are not ours
    except OSError:
        pass
    return removed
