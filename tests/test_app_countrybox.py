"""The window's country box: every country by name, searchable by typing, kept per sheet.

Issue 13: the box lists every ISO 3166-1 country by its CLDR name in the UI's language, in
that language's order, finds a country from any part of its name (case and accents do not
matter), follows the system until the person chooses, and keeps the choice in the sheet.
The crisis bar then shows that country's own help; with a packet from elsewhere, both
countries, each under its name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from core_catalogue import compile_spanish
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from firstsession import content, i18n, localeinfo
from firstsession.app.countrybox import plain
from firstsession.app.session import Session
from firstsession.app.window import MainWindow, settings
from firstsession.languagetags import countries
from firstsession.model import Sheet
from firstsession.packet_format import packet_to_dict
from firstsession.packet_sample import sample_packet


@pytest.fixture(autouse=True)
def english_on_a_british_system(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The app speaks English; the system's locale says Great Britain. Both put back."""
    before = i18n.current()
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_PAPER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.setattr(localeinfo, "_platform_locale", "")
    i18n.set_language("en")
    settings().clear()
    yield
    i18n.set_language(before)


def open_app(qtbot, sheet: Sheet) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(Session(sheet, content.load()))
    qtbot.addWidget(window)
    window.show()
    return window


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key as a keyboard would (QTest knows only ASCII keys, so each
    key event carries its character: "ô" too)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def use(qtbot, combo: QComboBox) -> None:  # type: ignore[no-untyped-def]
    """Click the box, as a person starts using it: it takes the focus and the full list is
    built then (the window made active first, as a person's window is)."""
    window = combo.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: combo.count() > 2)
    combo.hidePopup()


def codes(combo: QComboBox) -> list[str]:
    return [str(combo.itemData(i)) for i in range(combo.count())]


def test_the_box_lists_every_iso_country_by_name_in_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    """All 249 ISO 3166-1 countries, plus "Another country" first, sorted by their names
    with accents set aside (Côte d'Ivoire among the C's), each name from CLDR."""
    window = open_app(qtbot, Sheet(country="GB"))
    combo = window.ui.countryCombo
    assert codes(combo) == ["INTL", "GB"]  # at start-up: no CLDR data loaded yet
    use(qtbot, combo)
    assert combo.currentData() == "GB"
    assert codes(combo)[0] == "INTL" and combo.itemText(0) == "Another country"
    assert sorted(codes(combo)[1:]) == sorted(code for code, _name in countries())
    names = [combo.itemText(i) for i in range(1, combo.count())]
    assert names == sorted(names, key=plain)
    assert combo.itemText(combo.findData("CI")) == "Côte d’Ivoire"
    assert combo.accessibleName() == "Country for crisis lines"
    assert combo.lineEdit().accessibleName() == "Country for crisis lines"


@pytest.mark.parametrize(("typed", "code"), [("mexi", "MX"), ("KINGDOM", "GB"),
                                              ("cote", "CI"), ("côte", "CI"),
                                              ("zealand", "NZ")])
def test_typing_part_of_a_name_finds_the_country(qtbot, typed: str, code: str) -> None:  # type: ignore[no-untyped-def]
    """Typing any part of a name, in any case, with or without accents, offers the country;
    choosing it with Enter shows its help and keeps it in the sheet."""
    window = open_app(qtbot, Sheet(country="US"))
    combo = window.ui.countryCombo
    use(qtbot, combo)
    combo.setFocus()
    combo.lineEdit().selectAll()
    type_text(combo.lineEdit(), typed)
    completer = combo.completer()
    found = [completer.completionModel().index(row, 0).data(Qt.ItemDataRole.UserRole)
             for row in range(completer.completionCount())]
    assert code in found, found
    completer.setCurrentRow(found.index(code))
    popup = completer.popup()
    popup.setCurrentIndex(completer.currentIndex())
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert combo.currentData() == code
    assert window.session.sheet.country == code
    help_text = window.ui.crisisLabel.text()
    own = content.load().crisis_for(code)
    assert own.emergency in help_text


def test_the_box_follows_the_system_until_the_person_chooses(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A new sheet shows the system's country (GB here) without storing it; a choice is
    stored in the sheet and shown again when the sheet is opened."""
    window = open_app(qtbot, Sheet())
    combo = window.ui.countryCombo
    assert combo.currentData() == "GB" and window.session.sheet.country == ""
    assert "999" in window.ui.crisisLabel.text()
    use(qtbot, combo)
    combo.setCurrentIndex(combo.findData("BR"))
    assert window.session.sheet.country == "BR"
    assert "190" in window.ui.crisisLabel.text() and "999" not in window.ui.crisisLabel.text()
    again = open_app(qtbot, Sheet(country="BR"))
    assert again.ui.countryCombo.currentData() == "BR"


def test_a_country_without_a_line_shows_its_own_number_in_the_bar(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Nigeria in the box: "If you are in danger now, call 199." and no "EU"."""
    window = open_app(qtbot, Sheet(country="NG"))
    text = window.ui.crisisLabel.text()
    assert "If you are in danger now, call 199." in text and "EU" not in text


def test_a_packet_from_elsewhere_shows_both_countries_each_under_its_name(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A UK client with a US practice's packet: the US lines and 911 first, then the UK's
    under its own name; 988 and 999 never on the same line."""
    sheet = Sheet(country="GB", packet=packet_to_dict(sample_packet()))
    window = open_app(qtbot, sheet)
    lines = window.ui.crisisLabel.text().splitlines()
    assert len(lines) == 2
    assert "United States: " in lines[0] and "988" in lines[0] and "911" in lines[0]
    assert lines[1].startswith("United Kingdom: ") and "999" in lines[1]
    assert "999" not in lines[0] and "988" not in lines[1]


def test_the_box_names_are_in_the_uis_language(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Speaking Spanish, the box says "Alemania" and "México", sorted with the A's and M's."""
    compile_spanish(tmp_path)
    monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(tmp_path))
    i18n.set_language("es")
    window = open_app(qtbot, Sheet(country="DE"))
    combo = window.ui.countryCombo
    use(qtbot, combo)
    assert combo.currentText() == "Alemania"
    assert combo.itemText(combo.findData("MX")) == "México"
    assert combo.itemText(0) == "Otro país"
    names = [combo.itemText(i) for i in range(1, combo.count())]
    assert names == sorted(names, key=plain)




def test_the_packet_editor_asks_for_the_country_in_plain_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A new packet with a name but no country is not ready to save: the note under
    "Country of the practice" says the country is not set and why; choosing one clears it."""
    from firstsession.app.packet_editor import PacketEditor

    editor = PacketEditor(content.load())
    qtbot.addWidget(editor)
    editor.show()
    editor.name.setText("Harbour Counselling")
    assert editor.check() is None
    assert editor.error is not None and editor.error.field == "country"
    assert "country is not set" in editor.problem_label.text()
    note = editor.form.note_for("country")
    assert note is not None and not note.isHidden() and "country" in note.text()
    box = editor.practice_country
    assert box.accessibleName() == "Country of the practice (needed)"
    box.setCurrentIndex(box.findData("NZ"))
    assert editor.check() is not None and editor.error is None


def test_an_old_packet_without_a_country_opens_and_the_editor_asks_for_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A format-1 packet (no country) opens in the editor with every field, and the editor
    says plainly that the country must be set before it can be saved."""
    from dataclasses import replace

    from firstsession.app.packet_editor import PacketEditor

    editor = PacketEditor(content.load(), replace(sample_packet(), country=""))
    qtbot.addWidget(editor)
    editor.show()
    assert editor.name.text() == sample_packet().practice.name
    assert editor.check() is None and editor.error is not None
    assert editor.error.field == "country"
    assert "country is not set" in editor.problem_label.text()
