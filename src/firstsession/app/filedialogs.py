"""The file dialogs every menu and step uses.

The file dialogs every menu and step uses: they start in the person's Documents
folder (their home folder where there is none), then in the last folder used.

That folder is remembered in our own settings (``appsettings``), which "Delete all
my data" removes, never in Qt's file-dialog history (kept off disk, see
``appsettings.keep_qt_settings_off_disk``). The dialogs are Qt's static functions,
called with positional arguments (parent, title, start, filter).

Every file the app writes at a place the person chose goes through ``ask_output_path``
(or ``check_chosen`` for a path that came another way, e.g. a printer's "Print to File")
and ``write_chosen``: the same check as the command line (``outputs.check_output_path``:
never our own data files, never a folder, device or pipe) and the same writer
(``outputs.write_output``: atomic, a symlink written through and kept). Paths in
messages are shown with ``outputs.show_path``, so a name holding bytes that are not
UTF-8 is shown as it is (``\\xe9``), never as another name.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from firstsession.app.appsettings import keep_qt_settings_off_disk, settings
from firstsession.app.widgets import tr
from firstsession.outputs import (
    OutputError,
    OutputKind,
    check_output_path,
    show_path,
    write_output,
)

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
    return _remembered(name)


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
    return _remembered(name)


def _remembered(name: str) -> Path | None:
    """The chosen file as a path, its folder remembered for the next dialog; None when
    the dialog was cancelled (an empty name)."""
    if not name:
        return None
    path = Path(name)
    remember_folder(path)
    return path


# Qt decodes a file name that is not valid UTF-8 with U+FFFD in place of each bad byte:
# the name it gives back names another file (or none). See ``_unreadable_name``.
_REPLACEMENT = "\ufffd"


def _unreadable_name(path: Path) -> bool:
    """Whether ``path`` is a name Qt could not read: it holds U+FFFD and no such file
    exists (the real file's name holds bytes that are not UTF-8). Writing it would make
    a different file from the one the person picked."""
    return _REPLACEMENT in str(path) and not os.path.lexists(path)


def confirm_replace(parent: QWidget, path: Path) -> bool:
    """Ask "Replace the file?" about ``path``; True when the person says Yes."""
    answer = QMessageBox.question(
        parent,
        tr("Replace the file?", "FileDialogs"),
        tr("There is already a file called %1. Replace it?", "FileDialogs").replace(
            "%1", show_path(path)),
    )
    return answer == QMessageBox.StandardButton.Yes


def check_chosen(path: Path, *, kind: OutputKind, problem: Callable[[str], None]) -> bool:
    """Whether the app may write ``path``, a place the person chose (a Save dialog has
    already asked about replacing it). When not, ``problem`` gets one plain sentence
    naming the path (our own data folder, a folder, a device or pipe, a name Qt could
    not read) and False is returned; nothing is written."""
    if _unreadable_name(path):
        problem(
            tr("The file name %1 holds characters that cannot be read here; nothing was "
               "saved. Please choose another name.", "FileDialogs").replace(
                "%1", show_path(path))
        )
        return False
    try:
        check_output_path(path, kind=kind, force=True)
    except OutputError as err:
        problem(err.sentence())
        return False
    return True


def ask_output_path(
    parent: QWidget,
    title: str,
    file_name: str,
    name_filter: str,
    *,
    suffix: str,
    kind: OutputKind,
    problem: Callable[[str], None],
    start: Path | None = None,
) -> Path | None:
    """A place to save a ``suffix`` file (".pdf", ".json"), chosen in a Save dialog and
    checked (``check_chosen``); None when cancelled or refused.

    A name typed without ``suffix`` gets it; the dialog asked about replacing the name
    as typed, so when the name with the suffix exists, "Replace the file?" is asked
    here. ``problem`` gets the plain sentence when the place may not be written.
    """
    path = ask_save_path(parent, title, file_name, name_filter, start=start)
    if path is None:
        return None
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
        if os.path.lexists(path) and not confirm_replace(parent, path):
            return None
    if not check_chosen(path, kind=kind, problem=problem):
        return None
    return path


def write_chosen(
    path: Path, data: bytes, *, problem: Callable[[str], None], mode: int = 0o600
) -> Path | None:
    """Write ``data`` (bytes) to ``path`` (checked by ``check_chosen``) atomically, a
    symlink written through and kept; the file written, or None when the write failed
    (``problem`` gets one sentence naming the file and its folder; nothing changed)."""
    try:
        return write_output(path, data, mode=mode)
    except OutputError as err:
        problem(err.sentence())
        return None
