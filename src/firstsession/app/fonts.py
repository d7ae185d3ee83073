"""Our own fonts in the app: named as fallbacks at start, registered with Qt after the first paint.

A bare machine may have one font (DejaVu Sans on a fresh Debian), which has no Hindi,
Bengali, Tamil, Thai, Amharic, Chinese, Japanese, Korean or emoji: fields would show
boxes. The faces in ``firstsession/fonts/`` (the same the PDF uses) draw them all.

Three steps, so that start-up does no font work before the first paint:
1. Before the window is built, the application font names ``FAMILIES`` after the
   system's own family, whose size it keeps (``use_fallback_families``: names only, no
   file is opened). On Windows and macOS Qt's own fallback does not reliably look at
   application fonts, only at the families a font names (issue 11's research, section
   4). Every widget is made with the list: the app's stylesheet would keep a later
   application font from reaching widgets that already exist.
2. The main window's first ``paintEvent`` queues ``install_fonts`` on the event loop
   (``after_first_paint``), before the page of a reopened step is built:
   ``QFontDatabase.addApplicationFont`` for every file, 5-10 ms for 43 files (PySide6
   6.11, offscreen). Fontconfig (Linux) then finds them for any text too.
3. Text laid out before that (labels and fields already on screen) is laid out again
   (``relayout_text``, about 7 ms on the Welcome page, mostly PySide setting up the
   classes of the widgets it looks through): Qt keeps the glyphs it shaped with the old
   fonts and would draw them with the new ones, garbled.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from PySide6.QtWidgets import QApplication, QWidget

FONT_SUFFIXES = (".ttf", ".ttc")
# The families of the bundled files as Qt names them, in the order they are tried for a
# letter the system's font lacks (the PDF's chain, scripts.FACES, in the same order, but
# CJK before Mongolian, whose face also has the ideographic comma in another form).
# tests/test_app_fonts.py checks this list against the files.
FAMILIES: tuple[str, ...] = (
    "Noto Sans", "Noto Naskh Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari",
    "Noto Sans Bengali", "Noto Sans Tamil", "Noto Sans Thai", "Noto Sans Ethiopic",
    "Noto Sans Gujarati", "Noto Sans Gurmukhi", "Noto Sans Oriya", "Noto Sans Telugu",
    "Noto Sans Kannada", "Noto Sans Malayalam", "Noto Sans Sinhala", "Noto Sans Khmer",
    "Noto Sans Myanmar", "Noto Sans Lao", "Noto Sans Georgian", "Noto Sans Armenian",
    "Noto Serif Tibetan", "Noto Sans Syriac", "Noto Sans Thaana", "Noto Sans NKo",
    "Noto Sans Cherokee", "Noto Sans Canadian Aboriginal", "Noto Sans Yi",
    "Noto Sans Tifinagh", "WenQuanYi Micro Hei", "Noto Sans Mongolian", "Noto Emoji",
    "Noto Sans Symbols2", "Noto Sans Symbols",
)
EMOJI_FAMILY = "Noto Emoji"
# Widgets that keep text laid out between paints (item views and buttons lay it out as
# they paint).
TEXT_WIDGETS = ("QLabel", "QLineEdit", "QPlainTextEdit", "QTextEdit")


@dataclass
class Registration:
    """What ``register_fonts`` did: the families Qt now knows from our files, the files it
    could not load, when it ran (``time.time()``, seconds) and how long it took (seconds)."""

    families: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    at: float = 0.0
    seconds: float = 0.0


_registration: Registration | None = None


def font_dir() -> Path:
    """The folder of bundled font files (inside the installed package)."""
    import firstsession

    return Path(firstsession.__file__).resolve().parent / "fonts"


def font_files(folder: Path | None = None) -> list[Path]:
    """Every bundled face file (.ttf, .ttc) in ``folder`` (default ``font_dir()``), by name."""
    folder = font_dir() if folder is None else folder
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


def registration() -> Registration | None:
    """What the registration did, or None while it has not run in this process."""
    return _registration


def register_fonts() -> Registration:
    """Register every bundled face with ``QFontDatabase.addApplicationFont``, once per
    process (later calls return the first result). Needs a QGuiApplication. Families
    that only repeat a face in monospace (``WenQuanYi Micro Hei Mono``) are not listed.
    A file Qt cannot load is listed in ``failed``, never raised: the app still works
    with the system's fonts."""
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


def use_fallback_families(app: QApplication) -> None:
    """Make the application font name the system's family first, then ``FAMILIES``.

    Call before any widget is made. Its size and other attributes stay the system's
    (the app follows the person's text size at start); emoji sequences are drawn with
    ``EMOJI_FAMILY`` (Qt 6.9+ picks emoji fonts by presentation, not by family order).
    Names only: a family not registered yet is skipped until it is.
    """
    from PySide6.QtGui import QFontDatabase

    font = app.font()
    system = font.family()
    font.setFamilies([system, *(f for f in FAMILIES if f != system)])
    app.setFont(font)
    QFontDatabase.setApplicationEmojiFontFamilies([EMOJI_FAMILY])


def relayout_text(windows: Iterable[QWidget]) -> int:
    """Have every label and text field in ``windows`` lay its text out again with the
    fonts Qt has now (``TEXT_WIDGETS``); the number of widgets told."""
    import PySide6.QtWidgets as widgets
    from PySide6.QtCore import QCoreApplication, QEvent

    # PySide sets a class up the first time it is used (0.5-5 ms each). A text widget
    # made from Python means its class is set up already; a kind not set up yet has none
    # to find (unless Qt made one itself, in a dialog that is not open at start-up).
    kinds = [getattr(widgets, name) for name in TEXT_WIDGETS if name in vars(widgets)]
    told = 0
    for window in windows:
        for kind in kinds:
            for widget in window.findChildren(kind):
                QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.FontChange))
                told += 1
    return told


def install_fonts(app: QApplication | None = None,
                  windows: Sequence[QWidget] | None = None) -> Registration:
    """Register the bundled faces and lay out again the text already shown in ``windows``
    (default: ``app``'s top-level widgets; ``app`` defaults to the running application),
    once per process; later calls return the first result. Call
    ``use_fallback_families`` first, before the widgets are made."""
    if _registration is not None:
        return _registration
    if app is None:
        from PySide6.QtWidgets import QApplication

        instance = QApplication.instance()
        assert isinstance(instance, QApplication), "start the QApplication first"
        app = instance
    result = register_fonts()
    relayout_text(app.topLevelWidgets() if windows is None else windows)
    return result


def after_first_paint(window: QWidget, then: Callable[[], object]) -> None:
    """Queue ``install_fonts`` and then ``then`` on the event loop; ``window`` calls this
    from its first ``paintEvent``, so the fonts never delay the first picture and are
    there before ``then`` (building the page of a reopened step) shows any text."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, window, install_fonts)  # every top-level window (0.2 ms to list)
    QTimer.singleShot(0, window, then)
