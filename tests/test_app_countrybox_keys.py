"""The country box by keyboard, and the crisis bar's lines (issue 13, fresh eyes).

Choosing a suggestion by keyboard shows the country's name (never the search text the
completer matches against); text that names no country goes back to the chosen name when
editing ends; "us", "uk", "eeuu" offer the right country first; a packet without a
country keeps its lines apart from the person's country; a number never wraps.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import open_country_list
from core_catalogue import compile_spanish
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QComboBox

# The same start as the box's other tests: English on a British system (autouse), a window.
from test_app_countrybox import english_on_a_british_system, open_app, type_text  # noqa: F401, E402

from firstsession import i18n
from firstsession.app.window import MainWindow
from firstsession.model import Sheet
from firstsession.packet_format import packet_to_dict
from firstsession.packet_sample import sample_packet


def start_typing(qtbot, window: MainWindow, text: str) -> QComboBox:  # type: ignore[no-untyped-def]
    """Click the box (the full list is built), select its text and type ``text``."""
    combo = open_country_list(qtbot, window)
    combo.setFocus()
    combo.lineEdit().selectAll()
    type_text(combo.lineEdit(), text)
    return combo


def offered(combo: QComboBox) -> list[str]:
    completer = combo.completer()
    return [str(completer.completionModel().index(row, 0).data(Qt.ItemDataRole.UserRole))
            for row in range(completer.completionCount())]


@pytest.mark.parametrize(("typed", "code", "name"), [("Germ", "DE", "Germany"),
                                                     ("us", "US", "United States")])
def test_choosing_by_keyboard_shows_the_countrys_name_not_the_search_text(
        qtbot, typed: str, code: str, name: str) -> None:  # type: ignore[no-untyped-def]
    """Type, Down, Enter: the box (and what a screen reader reads) says the name."""
    window = open_app(qtbot, Sheet(country="GB"))
    combo = start_typing(qtbot, window, typed)
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    assert combo.lineEdit().text() == name  # highlighted: the name, not "germany | de"
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert combo.currentData() == code
    qtbot.waitUntil(lambda: combo.lineEdit().text() == name)  # put back by the event loop
    assert combo.currentText() == name
    assert "|" not in combo.lineEdit().text()


def test_text_that_names_no_country_goes_back_to_the_chosen_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    """"zzzz", Enter, Tab: the box shows Germany again, as the bar does."""
    window = open_app(qtbot, Sheet(country="DE"))
    combo = start_typing(qtbot, window, "zzzz")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Tab)
    assert combo.currentData() == "DE"
    assert combo.lineEdit().text() == "Germany"
    assert "112" in window.ui.crisisLabel.text()


@pytest.mark.parametrize(("typed", "code"), [("us", "US"), ("usa", "US"), ("uk", "GB"),
                                             ("ivory", "CI"), ("england", "GB")])
def test_everyday_names_are_offered_first_in_the_box(qtbot, typed: str, code: str) -> None:  # type: ignore[no-untyped-def]
    """"us" offers the United States first (before Australia or Belarus), "uk" the UK
    before Ukraine."""
    window = open_app(qtbot, Sheet(country="DE"))
    combo = start_typing(qtbot, window, typed)
    assert offered(combo)[:1] == [code], offered(combo)[:5]


@pytest.mark.parametrize(("typed", "code"), [("ee.uu", "US"), ("eeuu", "US"),
                                             ("inglaterra", "GB"), ("costa de marfil", "CI")])
def test_spanish_everyday_names_are_offered_in_the_spanish_box(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, typed: str, code: str) -> None:  # type: ignore[no-untyped-def]
    """Speaking Spanish, "ee.uu", "eeuu", "inglaterra" find the right country first."""
    monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(compile_spanish(tmp_path)))
    i18n.set_language("es")
    window = open_app(qtbot, Sheet(country="DE"))
    combo = start_typing(qtbot, window, typed)
    assert offered(combo)[:1] == [code], offered(combo)[:5]


def test_the_bar_keeps_a_no_country_packets_lines_apart_from_the_persons_country(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A UK client with a packet that names no country: the practice's lines under its
    name, then "United Kingdom — … Emergency: 999"; 988 and 999 never on one line."""
    packet = packet_to_dict(replace(sample_packet(), country=""))
    window = open_app(qtbot, Sheet(country="GB", packet=packet))
    lines = window.ui.crisisLabel.text().replace("\u00a0", " ").splitlines()
    assert len(lines) == 2
    name = sample_packet().practice.name
    assert f"From {name} (country not set) \u2014 " in lines[0] and "988" in lines[0]
    assert lines[1].startswith("United Kingdom \u2014 ") and "Emergency: 999" in lines[1]
    assert "999" not in lines[0] and "988" not in lines[1]


def test_a_number_in_the_bar_never_wraps_over_two_lines(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Germany's two numbers laid out by Qt at many widths: no line ends inside one."""
    window = open_app(qtbot, Sheet(country="DE"))
    text = window.ui.crisisLabel.text()
    numbers = ["0800\u00a0111\u00a00\u00a0111", "0800\u00a0111\u00a00\u00a0222"]
    assert all(n in text for n in numbers), text
    font = window.ui.crisisLabel.font()
    for width in range(60, 700, 7):
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        ends: list[int] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            ends.append(line.textStart() + line.textLength())
        layout.endLayout()
        for number in numbers:
            start = text.index(number)
            assert not any(start < end < start + len(number) for end in ends[:-1]), width
