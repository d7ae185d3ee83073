"""The file dialogs every menu and step uses: they start in the last folder used.

That folder is remembered in our own settings (``appsettings``), which "Delete all
my data" removes, never in Qt's file-dialog history (kept off disk, see
``appsettings.keep_qt_settings_off_disk``). The dialogs are Qt's static functions,
called with positional arguments (parent, title, start, filter).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from firstsession.app.appsettings import keep_qt_settings_off_disk, settings

LAST_FOLDER_KEY = "files/lastFolder"


def documents_folder() -> Path:
    """The person's Documents folder (their home folder when the system names none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def start_folder() -> Path:
    """The folder the last file was opened from or saved to, if it is still there;
    else the Documents folder."""
    value = settings().value(LAST_FOLDER_KEY, "")
    if isinstance(value, str) and value:
        folder = Path(value)
        if folder.is_dir():
            return folder
    return documents_folder()


def remember_folder(chosen: Path) -> None:
    """Start the next dialog in the folder of ``chosen`` (a file the person picked)."""
    s = settings()
    s.setValue(LAST_FOLDER_KEY, str(chosen.parent))
    s.sync()


def ask_open_path(parent: QWidget, title: str, name_filter: str) -> Path | None:
    """An existing file chosen in an Open dialog, or None when cancelled."""
    start = start_folder()
    keep_qt_settings_off_disk()
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start), name_filter)
    if not name:
        return None
    path = Path(name)
    remember_folder(path)
    return path


def ask_save_path(
    parent: QWidget, title: str, file_name: str, name_filter: str, *, start: Path | None = None
) -> Path | None:
    """A file name chosen in a Save dialog, or None when cancelled.

    The dialog offers ``file_name`` in the last folder used, or exactly ``start``
    (a whole path, e.g. the file being edited) when given.
    """
    offered = start if start is not None else start_folder() / file_name
    keep_qt_settings_off_disk()
    name, _ = QFileDialog.getSaveFileName(parent, title, str(offered), name_filter)
    if not name:
        return None
    path = Path(name)
    remember_folder(path)
    return path
