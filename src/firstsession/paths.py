"""Where First Session keeps its files and finds its bundled resources.

Paths are resolved inside functions (never at import time) so that the
``FIRSTSESSION_DATA_DIR`` override and tests' temporary folders always apply.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "firstsession"
SHEET_FILE = "sheet.json"


def data_dir() -> Path:
    """The folder for the saved sheet and its backup (not created here)."""
    override = os.environ.get("FIRSTSESSION_DATA_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs  # small, but only needed when a path is asked for

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def sheet_path() -> Path:
    return data_dir() / SHEET_FILE


def resource_dir(name: str) -> Path:
    """A bundled folder: ``templates``, ``ui`` or ``fonts``.

    In an installed wheel they sit inside the package; in a source checkout
    ``templates`` and ``ui`` sit at the top of the repository.
    """
    here = Path(__file__).resolve().parent
    inside = here / name
    try:
        if inside.is_dir():
            return inside
    except OSError:  # the install's folder cannot be looked at (a process that dropped to
        return inside  # `nobody`): its readers fail there and keep their fallbacks
    return here.parents[1] / name
