"""Accessibility as a person using a keyboard or a screen reader meets it: what Tab
reaches and in which order, and the name and role Qt's accessibility layer reports
(what AT-SPI hands to Orca), not the properties we set."""

from __future__ import annotations

import pytest
from a11y import INTERACTIVE, is_qt_internal
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QTabWidget,
    QWidget,
)

from firstsession import content
from firstsession.app.packet_editor import PacketEditor
from firstsession.app.session import Session
from firstsession.app.widgets import plain
from firstsession.app.window import MainWindow, settings
from firstsession.packet_sample import sample_packet
from firstsession.progress import STEP_IDS
from firstsession.sample import sample_sheet


@pytest.fixture(autouse=True)
def fresh_settings() -> None:
    settings().clear()


def open_window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(Session(sample_sheet(), content.load()))
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    qtbot.waitExposed(window)
    return window


def tab_walk(qtbot, start: QWidget, limit: int = 400) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """Press Tab on whatever has the focus, from ``start``, until the focus comes back
    to ``start``; the widgets that had the focus, in order. Fails on a trap (Tab that
    does not move the focus) or if the focus never comes back."""
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(start.hasFocus)
    walked = [start]
    for _ in range(limit):
        current = QApplication.focusWidget()
        assert current is not None
        QTest.keyClick(current, Qt.Key.Key_Tab)
        after = QApplication.focusWidget()
        assert after is not current, f"Tab is trapped in {type(current).__name__} " \
                                     f"{current.accessibleName()!r}"
        if after is start:
            return walked
        walked.append(after)
    raise AssertionError(f"Tab never came back to the start: {names(walked[-10:])}")


def names(widgets: list[QWidget]) -> list[str]:
    return [f"{type(w).__name__} {w.accessibleName()[:30]!r}" for w in widgets]


def operable(root: QWidget) -> list[QWidget]:
    """Every control under ``root`` a person can use now (shown and enabled)."""
    return [
        w for w in root.findChildren(QWidget)
        if isinstance(w, INTERACTIVE) and w.isVisible() and w.isEnabled()
        and not is_qt_internal(w) and not isinstance(w, QHeaderView)  # part of its view
    ]


def assert_reading_order(widgets: list[QWidget], page: QWidget) -> None:
    """Each control comes below the one before it or in a column further right, as a
    person reads (top to bottom, then the next column)."""
    slack = 4
    for before, after in zip(widgets, widgets[1:], strict=False):
        a, b = before.mapTo(page, QPoint(0, 0)), after.mapTo(page, QPoint(0, 0))
        below = b.y() >= a.y() - slack
        right = b.x() >= a.x() + before.width() - slack
        same_row_right = abs(b.y() - a.y()) <= slack + before.height() and b.x() > a.x()
        assert below or right or same_row_right, (
            f"{names([after])} is reached after {names([before])} but sits above it "
            f"({b.x()},{b.y()} vs {a.x()},{a.y()})"
        )


@pytest.mark.parametrize("step", STEP_IDS)
def test_tab_reaches_every_control_once_page_first_then_back_next_and_country(
    qtbot, step: str
) -> None:
    """From the step list, Tab visits the page's controls in reading order, then Back,
    Next and the country box, each once, and comes back round: no control missed, none
    twice, no field that keeps the Tab key."""
    window = open_window(qtbot)
    window.go_to(step)
    ui = window.ui
    walked = tab_walk(qtbot, ui.stepList)
    assert len(walked) == len(set(walked)), names(walked)
    missed = [w for w in operable(window) if w not in walked]
    assert missed == [], names(missed)
    nav = [w for w in (ui.backButton, ui.nextButton, ui.countryCombo) if w.isEnabled()]
    assert walked[-len(nav):] == nav, names(walked)
    page_part = walked[1:-len(nav)]
    assert page_part and all(ui.stepStack.isAncestorOf(w) for w in page_part), names(walked)
    assert_reading_order(page_part[1:], window.page(step))  # after the page's scroller


def test_shift_tab_walks_the_same_way_backwards(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Shift+Tab from the country box goes back through Next, Back and the page."""
    window = open_window(qtbot)
    window.go_to("before")
    forwards = tab_walk(qtbot, window.ui.stepList)
    window.ui.countryCombo.setFocus()
    qtbot.waitUntil(window.ui.countryCombo.hasFocus)
    backwards = [window.ui.countryCombo]
    for _ in range(len(forwards) - 1):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
        backwards.append(QApplication.focusWidget())
    assert backwards == list(reversed(forwards))


def test_tab_walks_every_part_of_the_packet_editor(qtbot) -> None:  # type: ignore[no-untyped-def]
    """In each tab of the packet editor, Tab reaches every control once and leaves
    every field (no trap), coming back round to the tab bar."""
    editor = PacketEditor(content.load(), sample_packet())
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    tabs = editor.findChild(QTabWidget)
    assert tabs is not None
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        walked = tab_walk(qtbot, tabs.tabBar())
        assert len(walked) == len(set(walked)), (tabs.tabText(index), names(walked))
        missed = [w for w in operable(editor) if w not in walked]
        assert missed == [], (tabs.tabText(index), names(missed))
        page = tabs.currentWidget()
        in_page = [w for w in walked if page.isAncestorOf(w)]
        assert_reading_order(in_page, page)


def accessible(widget: QWidget):  # type: ignore[no-untyped-def]
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None and interface.isValid()
    return interface


def test_combo_boxes_are_announced_by_their_label_not_their_choice(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A screen reader gets each combo box's label as its name (e.g. "Paper size") and
    the choice as its value, on every step, and the choices stay its child list."""
    window = open_window(qtbot)
    for step in STEP_IDS:
        window.go_to(step)
    combos = [c for c in window.findChildren(QComboBox) if not is_qt_internal(c)]
    assert len(combos) >= 4
    for combo in combos:
        interface = accessible(combo)
        assert interface.role() == QAccessible.Role.ComboBox
        name = interface.text(QAccessible.Text.Name)
        assert name and name != combo.currentText(), (name, combo.currentText())
        assert interface.text(QAccessible.Text.Value) == combo.currentText()
        assert interface.childCount() == 1
        assert interface.child(0).role() == QAccessible.Role.List
    country = accessible(window.ui.countryCombo)
    assert country.text(QAccessible.Text.Name) == "Country for crisis lines"


def test_every_labelled_control_is_named_by_its_label(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Each field with a visible label (its buddy) gets that label's words in the name a
    screen reader reads, on every step and in the packet editor."""
    window = open_window(qtbot)
    for step in STEP_IDS:
        window.go_to(step)
    editor = PacketEditor(content.load(), sample_packet())
    qtbot.addWidget(editor)
    for root in (window, editor):
        for label in root.findChildren(QLabel):
            field = label.buddy()
            if field is None:
                continue
            words = plain(label.text()).casefold()
            name = accessible(field).text(QAccessible.Text.Name).casefold()
            assert words and (words in name or name in words), (label.text(), name)


def test_headings_have_the_heading_role_and_their_text_as_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Every page title and section heading is a Heading to a screen reader (so it can
    jump between them), named by its words; body text stays static text."""
    window = open_window(qtbot)
    for step in STEP_IDS:
        window.go_to(step)
        page = window.page(step)
        headings = [label for label in page.findChildren(QLabel)
                    if label.objectName() in ("heading", "subheading")]
        assert headings, step
        for label in headings:
            interface = accessible(label)
            assert interface.role() == QAccessible.Role.Heading, (step, label.text())
            assert interface.text(QAccessible.Text.Name) == label.text()
        body = page.findChild(QLabel, "body")
        if body is not None:
            assert accessible(body).role() == QAccessible.Role.StaticText
