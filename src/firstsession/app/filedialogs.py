"""The file dialogs every menu and step uses: they start in the person's Documents
folder (their home folder where there is none), then in the last folder used.

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
    """The person's Documents folder if it exists, else their home folder.

    Qt names ``~/Documents`` even where no such folder was ever made; a dialog started
    there opens the home folder with "Documents" typed in as the file name. So the
    folder is only used when it is there.
    """
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def start_folder() -> Path:
    """The folder the last file was opened from or saved to, if it is still there;
    else the Documents folder (or home, see ``documents_folder``)."""
    value = settings().value(LAST_FOLDER_KEY, "")
    if isinstance(value, str) and value:
        folder = Path(value)
        if folder.is_dir():
            return folder
    return documents_folder()


def offered_path(file_name: str, start: Path | None = None) -> Path:
    """What a Save dialog offers: ``start`` (a whole path) when its folder exists, else
    its name (or ``file_name``, only its last part) in ``start_folder()``. Always a folder
    that exists joined with a file name, so the dialog never offers a folder's name as the
    file's."""
    if start is not None and start.name:
        return start if start.parent.is_dir() else start_folder() / start.name
    return start_folder() / Path(file_name).name


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

    The dialog offers ``file_name`` in the last folder used (at first Documents, or home
    where there is no Documents folder), or exactly ``start`` (a whole path, e.g. the file
    being edited) when its folder still exists (see ``offered_path``).
    """
    offered = offered_path(file_name, start)
    keep_qt_settings_off_disk()
    name, _ = QFileDialog.getSaveFileName(parent, title, str(offered), name_filter)
    if not name:
        return None
    path = Path(name)
    remember_folder(path)
    return path
