"""The app's icon on every window (title bar, taskbar, About box) and its desktop entry name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from firstsession.icons import png

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QObject
    from PySide6.QtGui import QGuiApplication, QIcon

# The sizes a window icon is drawn at: title bars and taskbars (16-64 px, times 2 on
# high-density screens) and the macOS Dock when run from Python (128-256 px). Qt reads a
# file only when a size is drawn; the 512 px file is for icon themes and the .icns.
WINDOW_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

# The desktop entry's name without ".desktop" (packaging/platforms.py's APP_ID): Wayland
# compositors show the entry's icon for windows whose app id names it.
DESKTOP_FILE_NAME = "org.firstsession.FirstSession"


def app_icon() -> QIcon:
    """The icon, with one PNG per size in WINDOW_ICON_SIZES (read lazily by Qt)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in WINDOW_ICON_SIZES:
        icon.addFile(str(png(size)), QSize(size, size))
    return icon


def use_app_icon(app: QGuiApplication) -> None:
    """Give every window of ``app`` the icon (the About box takes its window's), and tell
    the desktop which entry the app is, so Wayland shows the same icon."""
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(DESKTOP_FILE_NAME)


def set_icon_soon(receiver: QObject, then: Callable[[], None]) -> None:
    """Set the app's icon when the event loop next runs (after the window's first paint:
    reading its files takes about 10 ms, which the window should not wait for), then call
    ``then``. Nothing happens if ``receiver`` is deleted before."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication

    def set_icon() -> None:
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            use_app_icon(app)
        then()

    QTimer.singleShot(0, receiver, set_icon)


def icon_problem(app: QGuiApplication) -> str | None:
    """Why the app's icon cannot be shown (a file missing or unreadable), or None; sets the
    icon first if the window has not been painted yet. For ``--smoke-test``."""
    if app.windowIcon().isNull():
        use_app_icon(app)
    missing = [size for size in WINDOW_ICON_SIZES if not png(size).is_file()]
    if missing:
        return f"the app icon's files are missing: {', '.join(str(png(s)) for s in missing)}"
    unreadable = [size for size in WINDOW_ICON_SIZES if not _is_png(png(size))]
    if unreadable:  # checked by its signature: no Qt image classes at start-up
        return f"the app icon's files are not PNG images: {png(unreadable[0])}"
    return None


def _is_png(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(8) == b"\x89PNG\r\n\x1a\n"
