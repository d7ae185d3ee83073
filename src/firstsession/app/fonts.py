"""Our own fonts in the app, registered with Qt only once some text needs them.

A bare machine may have one font (DejaVu Sans on a fresh Debian), which has no Hindi,
Bengali, Tamil, Thai, Amharic, Chinese, Japanese, Korean or emoji: fields would show
boxes. The faces in ``firstsession/fonts/`` (the same the PDF uses) draw them all.
Registering them costs 8-15 ms and laying out again what is shown about 7 ms, so a
start whose text the system's font draws does no font work at all (issue 11: "fonts
load when text needs them"):

1. Before any widget is made, ``use_fallback_families`` names ``FAMILIES`` as
   substitutes of the system's family and the generic ones (names only, no file is
   read). The application font itself is left alone, so Qt keeps following the
   system's family and size, live (an application font set by hand is never replaced
   when the person changes their text size). On Windows and macOS Qt's own fallback
   does not reliably look at application fonts, only at substitutes (issue 11's
   research, section 4); fontconfig (Linux) finds registered fonts for any text.
2. ``main`` checks the text the first screens show (the saved sheet, with a packet it
   was started from, the Welcome page and the chosen country's crisis lines); if
   any needs our fonts they are registered before the window is built (nothing to
   lay out again).
3. Otherwise ``FontWatch`` registers them on first need: text typed, pasted or put by
   an input method into the focused field, a sheet or packet opened or taken in, the
   country changed; then what is shown is laid out again once (``relayout_text``).
   A packet opened in its editor asks first (``fonts_for``).
"""

from __future__ import annotations

import functools
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QApplication, QWidget

    from firstsession.app.session import Session
    from firstsession.content import CrisisCountry

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
# Families a widget's font may name, besides the system's own (Qt's generic names).
GENERIC_FAMILIES = ("Sans Serif", "sans-serif", "Serif", "serif", "Monospace", "monospace")
# What the system's font surely draws: the code points DejaVu Sans (the one font of a
# bare Debian or Ubuntu) has among Latin with IPA and combining marks, Greek, Cyrillic,
# Vietnamese letters, general punctuation and common currency signs; Windows' and
# macOS' system fonts draw these too. tests/test_app_fonts.py checks every letter of
# these ranges against DejaVu Sans. Anything else makes us register our fonts.
SYSTEM_DRAWS = ((0x0000, 0x02E9), (0x0300, 0x034F), (0x0370, 0x0525), (0x1E00, 0x1EFB),
                (0x1F00, 0x1FFF), (0x2000, 0x206F), (0x20A0, 0x20B5))
WATCHED = "firstsessionFontWatch"  # a dynamic property: this field's changes are watched
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
    from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

    start = time.perf_counter()
    result = Registration(at=time.time())
    # What each generic family ("Sans Serif"...) resolves to now comes first among its
    # substitutes, so our faces only fill in letters: without it, where the system's font
    # is a generic name (a bare X session), Qt would take Noto Sans for every label.
    for generic in GENERIC_FAMILIES:
        resolved = QFontInfo(QFont(generic)).family()
        if resolved and resolved != generic:
            QFont.removeSubstitutions(generic)
            QFont.insertSubstitutions(generic, [resolved, *(f for f in FAMILIES if f != resolved)])
    # Emoji sequences are drawn with EMOJI_FAMILY (Qt 6.9+ picks emoji fonts by
    # presentation, not by family); here, not at start, where the class costs 1-5 ms.
    QFontDatabase.setApplicationEmojiFontFamilies([EMOJI_FAMILY])
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
    """Name ``FAMILIES`` as substitutes of the system's family and the generic ones.

    Call before any widget is made. The application font is not touched: Qt keeps it the
    system's, family and size, and follows a change of either while the app runs (the
    QGuiApplication documentation: it "keeps track of these properties in case the user
    changes the desktop globally", unless ``setFont`` was called). Names only: a family
    not registered yet is skipped. About 0.1 ms.
    """
    from PySide6.QtGui import QFont

    system = app.font().family()
    for family in dict.fromkeys((system, *GENERIC_FAMILIES)):
        QFont.insertSubstitutions(family, [f for f in FAMILIES if f != family])


def needs_fonts(text: str) -> bool:
    """True when ``text`` holds a character beyond ``SYSTEM_DRAWS`` (what the system's
    font surely draws). Measured (Python 3.11): 0.1 microseconds for ASCII of any length
    (``str.isascii`` reads a flag) or a short Latin-1 line (0.07 ms for a million
    letters: one copy), else a regular expression's scan: 1 microsecond for a short
    line, 20 ms for a million letters."""
    if text.isascii():
        return False
    try:
        text.encode("latin-1")  # every character below U+0100: all in SYSTEM_DRAWS
        return False
    except UnicodeEncodeError:
        return _beyond_system().search(text) is not None


@functools.cache
def _beyond_system() -> re.Pattern[str]:
    """A character outside ``SYSTEM_DRAWS`` (compiled on first use: 0.8 ms)."""
    ranges = "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in SYSTEM_DRAWS)
    return re.compile(f"[^{ranges}]")


def texts_in(value: object) -> Iterator[str]:
    """Every string in ``value``: itself, or inside dataclasses (a sheet), lists, tuples
    (a country's crisis lines) and dicts (a packet, keys too), however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_in(key)
            yield from texts_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from texts_in(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from texts_in(getattr(value, name))


def any_needs_fonts(*values: object) -> bool:
    """True when some string in ``values`` (see ``texts_in``) ``needs_fonts``."""
    return any(needs_fonts(text) for value in values for text in texts_in(value))


def crisis_country(session: Session) -> CrisisCountry:
    """The country whose crisis lines the window shows for the session's sheet."""
    from firstsession import localeinfo

    return session.content.crisis_for(session.sheet.country or localeinfo.guess_country())


def first_screens_need_fonts(session: Session) -> bool:
    """True when the text the window shows first needs our fonts: the sheet (with the
    packet it was started from), the Welcome page and the chosen country's crisis lines.
    About 0.5 ms for the sample sheet."""
    return any_needs_fonts(session.sheet, session.content.welcome, crisis_country(session))


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
    if _watch is not None and _watch.watching():
        _watch.stop()
    result = register_fonts()
    relayout_text(app.topLevelWidgets() if windows is None else windows)
    return result


def fonts_for(*values: object) -> None:
    """Install our fonts now (``install_fonts``) if some text in ``values`` needs them
    (``any_needs_fonts``): call before building what shows them (a packet's editor)."""
    if _registration is None and any_needs_fonts(*values):
        install_fonts()


class FontWatch:
    """Registers our fonts (``install_fonts``) the first time text needs them, then stops.

    Watches, until then: each text field that gets the focus (its changes: typing,
    pasting, an input method's committed text; connected on first focus, so no widget
    is looked for at start-up), the sheet replaced (a sheet or packet opened or taken
    in: its text and crisis lines) and the country changed (its crisis lines). The
    fonts load on the event loop, just after the change that needed them. Not seen: an
    input method's text while it is being composed (it shows once committed) and text
    dropped on a field that never had the focus.
    """

    def __init__(self, app: QApplication, session: Session) -> None:
        self.app, self.session = app, session
        self.country = session.sheet.country  # whose crisis lines were checked
        self._links = [(app.focusChanged, self.focus_moved),
                       (session.reloaded, self.sheet_replaced),
                       (session.changed, self.sheet_changed)]
        for signal, slot in self._links:
            signal.connect(slot)

    def need(self) -> None:
        """Text needs our fonts: stop watching and register them next on the event loop."""
        from PySide6.QtCore import QTimer

        self.stop()
        QTimer.singleShot(0, self.app, lambda: install_fonts(self.app))

    def watching(self) -> bool:
        """True until ``stop``."""
        return bool(self._links)

    def stop(self) -> None:
        """Watch nothing more (fields already connected return at once)."""
        for signal, slot in self._links:
            signal.disconnect(slot)
        self._links = []

    def focus_moved(self, _old: QWidget | None, now: QWidget | None) -> None:
        """Watch the changes of a text field the first time it has the focus."""
        if now is None or now.property(WATCHED) or _registration is not None:
            return
        if now.inherits("QLineEdit"):
            now.textChanged.connect(self.text_changed)  # type: ignore[attr-defined]
        elif now.inherits("QTextEdit") or now.inherits("QPlainTextEdit"):
            document = now.document()  # type: ignore[attr-defined]
            document.contentsChange.connect(
                lambda at, _removed, added: self.document_changed(document, at, added))
        else:
            return
        now.setProperty(WATCHED, True)

    def text_changed(self, text: str) -> None:
        """A line field's new text (at most 32767 characters)."""
        if _registration is None and needs_fonts(text):
            self.need()

    def document_changed(self, document: QTextDocument, at: int, added: int) -> None:
        """A text area changed: only the ``added`` characters from ``at`` are read."""
        if _registration is not None or not added:
            return
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(document)
        last = document.characterCount() - 1
        cursor.setPosition(min(at, last))
        cursor.setPosition(min(at + added, last), QTextCursor.MoveMode.KeepAnchor)
        if needs_fonts(cursor.selectedText()):
            self.need()

    def sheet_replaced(self) -> None:
        """A sheet or packet was opened or taken in: check all of its text."""
        self.country = self.session.sheet.country
        if first_screens_need_fonts(self.session):
            self.need()

    def sheet_changed(self) -> None:
        """After any change: when the country changed, check its crisis lines."""
        if self.session.sheet.country != self.country:
            self.country = self.session.sheet.country
            if any_needs_fonts(crisis_country(self.session)):
                self.need()


_watch: FontWatch | None = None


def fonts_for_start(app: QApplication, session: Session) -> bool:
    """At start, before the window is built: register our fonts now when the text the
    first screens show needs them (True), else watch for the first need (False)."""
    global _watch
    if first_screens_need_fonts(session):
        register_fonts()
        return True
    _watch = FontWatch(app, session)
    return False
