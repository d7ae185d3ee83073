"""The app icon's files: one SVG drawn for this project and PNGs rendered from it.

No Qt here: the app (``app/appicon.py``), the build (``packaging/``) and the tests all
find the files through these names.
"""

from __future__ import annotations

from pathlib import Path

# Pixel sizes of the committed PNGs (square): what icon themes, the .ico and the .icns use.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_dir() -> Path:
    """The folder holding ``firstsession.svg`` and ``firstsession-N.png`` (N in ICON_SIZES)."""
    return Path(__file__).resolve().parent


def png(size: int) -> Path:
    """The PNG of ``size`` x ``size`` pixels; ValueError for a size not in ICON_SIZES."""
    if size not in ICON_SIZES:
        raise ValueError(f"no {size} px icon; sizes: {ICON_SIZES}")
    return icon_dir() / f"firstsession-{size}.png"
