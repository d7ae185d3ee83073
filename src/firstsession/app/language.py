"""Which language the app speaks: the saved choice or the system's, and the Language menu.

At start ``start_language`` installs the translators (``translator.use_language``) for
the language the person chose in the Language menu (kept in our settings file), or the
system's when they chose none. The menu lists "Follow the system" first, then every
language that has a catalogue, each named in its own language ("English", "Español").
Choosing one switches the whole app at once: Qt sends every widget a LanguageChange
event and the main window shows every word again (``MainWindow.retranslate``).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from firstsession import i18n
from firstsession.app.appsettings import settings
from firstsession.app.translator import use_language
from firstsession.i18n import _

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QMenu, QWidget

LANGUAGE_KEY = "app/language"  # "" or missing: follow the system; else a tag ("es")


_followers: list[tuple[weakref.ref[QObject], str]] = []
_listening: list[bool] = []  # [True] once i18n calls _language_changed


def follow_language(window: QObject, method: str) -> None:
    """Call ``window.<method>()`` after each switch of language, once the switch is over
    (the translators swapped), for as long as ``window`` lives."""
    if not _listening:
        i18n.on_change(_language_changed)
        _listening.append(True)
    _followers.append((weakref.ref(window), method))


def _language_changed(_tag: str) -> None:
    from PySide6.QtCore import QTimer
    from shiboken6 import isValid

    alive = []
    for ref, method in _followers:
        window = ref()
        if window is not None and isValid(window):
            alive.append((ref, method))
            QTimer.singleShot(0, window, getattr(window, method))
    _followers[:] = alive


def saved_language() -> str | None:
    """The language chosen in the Language menu, or None to follow the system (also
    when the chosen language is no longer available)."""
    value = settings().value(LANGUAGE_KEY, "")
    tag = str(value) if isinstance(value, str) else ""
    return tag if tag and tag in i18n.available_languages() else None


def save_language(tag: str | None) -> None:
    """Keep ``tag`` (None: follow the system) for the next start."""
    s = settings()
    if s.value(LANGUAGE_KEY, "") != (tag or ""):
        s.setValue(LANGUAGE_KEY, tag or "")


def start_language() -> str:
    """Speak the saved language, or the system's (its environment, then Qt's list of
    the platform's UI languages). Returns the language chosen ("en", "es")."""
    _read_platform_languages()
    return use_language(saved_language())


def _read_platform_languages() -> None:
    from PySide6.QtCore import QLocale

    i18n.set_platform_languages(QLocale.system().uiLanguages())


def choose_language(tag: str | None) -> str:
    """The person chose ``tag`` (None: follow the system, read again now): save it and
    switch now."""
    save_language(tag)
    if tag is None:
        _read_platform_languages()
    return use_language(tag)


def language_name(tag: str) -> str:
    """A language named in its own words, as a person looks for it: "es" -> "Español"
    (CLDR via babel); the tag itself when CLDR does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return tag
    return (name[:1].upper() + name[1:]) if name else tag


def fill_menu(menu: QMenu, switched: Callable[[], None]) -> None:
    """(Re)build the Language menu: "Follow the system", then each language in its own
    name, the current choice checked. ``switched`` runs after a switch."""
    from PySide6.QtGui import QAction, QActionGroup

    menu.clear()
    group = QActionGroup(menu)
    group.setExclusive(True)
    chosen = saved_language()
    system = i18n.best_match(i18n.system_languages())
    entries: list[tuple[str | None, str, str]] = [(
        None,
        _("Follow the system (%1)").replace("%1", language_name(system)),
        _("Use the language your computer is set to"),
    )]
    for code in i18n.available_languages():
        entries.append((code, language_name(code), language_name(code)))

    def choose(tag: str | None) -> None:
        choose_language(tag)
        switched()

    for index, (tag, text, tip) in enumerate(entries):
        action = QAction(text, menu)
        action.setCheckable(True)
        action.setChecked(tag == chosen)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setData(tag or "")
        group.addAction(action)
        menu.addAction(action)
        if index == 0:
            menu.addSeparator()
        action.triggered.connect(lambda _=False, t=tag: choose(t))


def remember_place(shown: QWidget | None) -> tuple[int, int]:
    """Where the person is on the shown page (its scroll area): (the scroll position in
    pixels, the place of the focused field among the page's Tab stops, -1 for none)."""
    from PySide6.QtWidgets import QApplication, QScrollArea

    from firstsession.app.widgets import tab_chain

    if not isinstance(shown, QScrollArea):
        return 0, -1
    focus = QApplication.focusWidget()
    stops = [w for w in tab_chain(shown.window()) if shown.isAncestorOf(w)]
    return shown.verticalScrollBar().value(), stops.index(focus) if focus in stops else -1


def restore_place(shown: QWidget | None, place: tuple[int, int]) -> None:
    """Put the person back where ``remember_place`` found them, on the page built again:
    the same Tab stop focused, the same scroll position (once the page is laid out)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QScrollArea

    from firstsession.app.widgets import tab_chain

    if not isinstance(shown, QScrollArea):
        return
    scroll, focus = place
    if focus >= 0:
        stops = [w for w in tab_chain(shown.window()) if shown.isAncestorOf(w)]
        if focus < len(stops):
            stops[focus].setFocus(Qt.FocusReason.OtherFocusReason)
    bar = shown.verticalScrollBar()

    def scroll_back() -> None:
        from shiboken6 import isValid

        if isValid(bar):  # the page may have been built again since (another switch)
            bar.setValue(scroll)

    scroll_back()
    QTimer.singleShot(0, shown, scroll_back)  # the page's height is known after layout
