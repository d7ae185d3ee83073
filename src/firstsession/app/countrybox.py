"""The window's country box and crisis bar: every country by name, searchable, and its help.

The box lists every ISO 3166-1 country by its CLDR name in the UI's language
(``i18n.country_name``), sorted as a reader of that language looks for it: by the name
casefolded with accents taken away (Unicode NFKD), so "Égypte" sits with the E's. (A
full CLDR collation would also order "ch" or "ñ" by each language's own rule; this
simple key is what we chose, and it is the same in every language.) Typing searches:
a completer matches any part of a name, ignoring case, with or without its accents
("mexi" finds México, "cote" and "côte" find Côte d’Ivoire).
"Another country" (INTL, the country is not known) stays first.

Start-up shows only the chosen country (named from the content, no CLDR yet): the full list
needs babel's locale data (about 0.15 s), so it is built the first time the box takes the
focus (a click or Tab gives it the focus before the click or a key reaches it). No event
filter and no ``Qt`` namespace on the start-up path (tests/test_app_startup.py).

The crisis bar's text comes from ``crisis.shown_text`` (the domain): the packet's
country first and the person's own labelled after it, "please confirm" after old numbers.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from firstsession import i18n
from firstsession.app.widgets import set_by_name
from firstsession.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox, QWidget

    from firstsession.content import Content, CrisisCountry, CrisisLine

SEARCH_ROLE = 256 + 1  # Qt.UserRole + 1: what typing is matched against
MAX_CRISIS_LINES_SHOWN = 3  # the bar stays quiet; the handout lists every line


def plain(text: str) -> str:
    """``text`` casefolded with its accents taken away: the sort and search key."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                   if not unicodedata.combining(c))


def search_text(name: str, code: str) -> str:
    """What typing is matched against: the name as written and without accents (so "cote"
    and "côte" both find Côte d’Ivoire), with a plain apostrophe, and the code."""
    written = name.casefold()
    forms = dict.fromkeys((written, plain(name), written.replace("\u2019", "'"),
                           plain(name).replace("\u2019", "'"), code.casefold()))
    return " | ".join(form for form in forms if form)


def sorted_countries() -> list[tuple[str, str]]:
    """Every ISO 3166-1 country as (code, name in the UI's language), sorted by ``plain``."""
    from firstsession.languagetags import countries

    named = [(code, i18n.country_name(code)) for code, _english in countries()]
    return sorted(named, key=lambda item: (plain(item[1]), item[0]))


def start(combo: QComboBox) -> None:
    """Make ``combo`` the country box: only "Another country" in it until it takes the
    focus (``select`` adds the chosen country); then the whole list, searchable."""
    from PySide6.QtWidgets import QApplication
    from shiboken6 import isValid

    combo.blockSignals(True)
    combo.clear()  # made editable (7 ms) by ``fill``, when it is first used
    combo.addItem(_("Another country"), "INTL")
    combo.setProperty("countriesFilled", False)
    combo.view().setAccessibleName(_("Countries"))
    combo.blockSignals(False)

    app = QApplication.instance()

    def focus_moved(_old: QWidget | None, now: QWidget | None) -> None:
        if not isValid(combo) or combo.property("countriesFilled"):
            if isinstance(app, QApplication):
                app.focusChanged.disconnect(focus_moved)  # its window is gone, or done
            return
        if now is not None and (now is combo or combo.isAncestorOf(now)):
            fill(combo)

    if isinstance(app, QApplication):
        app.focusChanged.connect(focus_moved)


def fill(combo: QComboBox) -> None:
    """Fill ``combo`` with every country (keeping the chosen code) and make it searchable
    by typing."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QCompleter

    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.setProperty("countriesFilled", True)
    combo.clear()
    combo.setEditable(True)
    set_by_name(combo, "insertPolicy", "NoInsert")
    combo.addItem(_("Another country"), "INTL")
    combo.setItemData(0, search_text(_("Another country"), ""), SEARCH_ROLE)
    for code, name in sorted_countries():
        combo.addItem(name, code)
        combo.setItemData(combo.count() - 1, search_text(name, code), SEARCH_ROLE)
    completer = QCompleter(combo.model(), combo)
    completer.setCompletionRole(SEARCH_ROLE)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    line = combo.lineEdit()
    if line is not None:  # always, once editable
        line.setAccessibleName(combo.accessibleName())
    combo.view().setAccessibleName(_("Countries"))
    combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
    combo.blockSignals(False)


def select(combo: QComboBox, code: str, name: str) -> None:
    """Choose ``code`` quietly (no signal), adding it as ``name`` while the list is not
    built yet; "Another country" when it is no country (an empty ``name``)."""
    code = code.upper()
    combo.blockSignals(True)
    if combo.findData(code) < 0 and name and not combo.property("countriesFilled"):
        combo.addItem(name, code)
    index = combo.findData(code)
    combo.setCurrentIndex(index if index >= 0 else combo.findData("INTL"))
    combo.blockSignals(False)


def bar_text(content: Content, code: str) -> str:
    """The crisis bar's words for a person in ``code``: with a packet, its local lines
    first (a few, quietly); each country labelled when two are shown."""
    from firstsession.crisis import shown_text

    shown = content.crisis_shown(code)
    packet = content.packet
    first_lines = 1
    if packet is not None and packet.crisis_lines:
        shown = (_quiet(shown[0], len(packet.crisis_lines)), *shown[1:])
        first_lines = len(shown[0].lines)
    return _("Need to talk to someone now?") + " " + shown_text(shown, first_lines=first_lines)


def _quiet(country: CrisisCountry, local: int) -> CrisisCountry:
    """The packet's lines and the first national one, at most MAX_CRISIS_LINES_SHOWN,
    without repeats (the handout lists every line)."""
    chosen: list[CrisisLine] = []
    names: set[str] = set()
    for line in country.lines[: local + 1]:
        if line.name.casefold() not in names and len(chosen) < MAX_CRISIS_LINES_SHOWN:
            names.add(line.name.casefold())
            chosen.append(line)
    return country._replace(lines=tuple(chosen))
