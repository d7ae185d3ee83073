"""The project's own fonts in the app: registered with Qt after the first paint, used as fallbacks.

A bare machine may have one font (DejaVu Sans on a fresh Debian), which has no Hindi,
Bengali, Tamil, Thai, Amharic, Chinese, Japanese, Korean or emoji: fields would show
boxes. The faces in ``firstsession/fonts/`` (the same the PDF uses) draw them all.

Registering 43 files costs about 10 ms (measured with PySide6 6.11, offscreen), so it
waits until the main window has been painted once: its first ``paintEvent`` queues it on
the event loop (``after_first_paint``, a ``QTimer.singleShot(0)``), before the page of a
reopened step is built. (A timer queued right after ``show()`` would run before the first
paint, which Qt schedules on its own update timer.)
Fontconfig (Linux) then finds the faces for any text by itself; Windows and macOS look
only at the families a font names, so the application font names them all after the
system's own family, whose size it keeps (``use_fallback_families``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication, QWidget

FONT_SUFFIXES = (".ttf", ".ttc")
# Files drawn in this order when several have a character (the PDF's fallback chain,
# scripts.FACES, follows the same order): Noto Sans (Latin, Greek, Cyrillic), every
# script's own face, then CJK (which also has Latin), emoji and symbols.
_FIRST = ("NotoSans-",)
_LAST = ("wqy-", "NotoEmoji-", "NotoSansSymbols2-", "NotoSansSymbols-")
EMOJI_FAMILY = "Noto Emoji"


@dataclass
class Registration:
    """What ``register_fonts`` did: the families Qt now knows from our files, in fallback
    order, the files it could not load, and when it ran (``time.time()``, seconds) and
    how long it took (seconds)."""

    families: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    at: float = 0.0
    seconds: float = 0.0


_registration: Registration | None = None


def font_dir() -> Path:
    """The folder of bundled font files (inside the installed package)."""
    import firstsession

    return Path(firstsession.__file__).resolve().parent / "fonts"


def _order(path: Path) -> tuple[int, str]:
    name = path.name
    if name.startswith(_FIRST):
        return (0, name)
    for rank, prefix in enumerate(_LAST, start=2):
        if name.startswith(prefix):
            return (rank, name)
    return (1, name)


def font_files(folder: Path | None = None) -> list[Path]:
    """Every bundled face file (.ttf, .ttc) in ``folder`` (default ``font_dir()``), in
    fallback order: Noto Sans, the script faces by name, CJK, emoji, symbols."""
    folder = font_dir() if folder is None else folder
    return sorted((p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES), key=_order)


def registration() -> Registration | None:
    """What the registration did, or None while it has not run in this process."""
    return _registration


def register_fonts() -> Registration:
    """Register every bundled face with ``QFontDatabase.addApplicationFont``, once per
    process (later calls return the first result). Needs a QGuiApplication. Families
    that only repeat a face in monospace (``WenQuanYi Micro Hei Mono``) are left out of
    the fallback list. A file Qt cannot load is listed in ``failed``, never raised:
    the app still works with the system's fonts."""
    global _registration
    if _registration is not None:
        return _registration
    from PySide6.QtGui import QFontDatabase

    start = time.perf_counter()
    result = Registration(at=time.time())
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id == -1:
            result.failed.append(path.name)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in result.families and not family.endswith(" Mono"):
                result.families.append(family)
    result.seconds = time.perf_counter() - start
    _registration = result
    return result


def use_fallback_families(app: QApplication, families: list[str]) -> None:
    """Make the application font name the system's family first, then ``families``.

    Its size and other attributes stay the system's (the app follows the person's text
    size); widgets that set only a size or weight inherit the new list. Emoji sequences
    are drawn with ``EMOJI_FAMILY`` when it is among ``families`` (Qt 6.9+ picks emoji
    fonts by presentation, not by family order).
    """
    from PySide6.QtGui import QFontDatabase

    font = app.font()
    system = font.family()
    font.setFamilies([system, *(f for f in families if f != system)])
    app.setFont(font)
    if EMOJI_FAMILY in families:
        QFontDatabase.setApplicationEmojiFontFamilies([EMOJI_FAMILY])


def install_fonts(app: QApplication | None = None) -> Registration:
    """Register the bundled faces and make them the fallbacks of ``app``'s font (default:
    the running application's), once per process; later calls return the first result."""
    if _registration is not None:
        return _registration
    if app is None:
        from PySide6.QtWidgets import QApplication

        instance = QApplication.instance()
        assert isinstance(instance, QApplication), "start the QApplication first"
        app = instance
    result = register_fonts()
    use_fallback_families(app, result.families)
    return result


def after_first_paint(window: QWidget, then: Callable[[], object]) -> None:
    """Queue ``install_fonts`` and then ``then`` on the event loop; ``window`` calls this
    from its first ``paintEvent``, so the fonts never delay the first picture and are
    there before ``then`` (building the page of a reopened step) shows any text."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, window, install_fonts)
    QTimer.singleShot(0, window, then)
