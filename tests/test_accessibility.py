"""Accessibility as a person using a keyboard or a screen reader meets it: what Tab
reaches and in which order, and the name and role Qt's accessibility layer reports
(what AT-SPI hands to Orca), not the properties we set."""

from __future__ import annotations

import importlib.util
from array import array
from collections import Counter
from pathlib import Path

import pytest
from a11y import INTERACTIVE, is_qt_internal
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSlider,
    QStyle,
    QStyleOptionButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QTreeView,
    QWidget,
)

from firstsession import content
from firstsession.app.colours import use_look
from firstsession.app.main import stylesheet
from firstsession.app.packet_editor import PacketEditor
from firstsession.app.session import Session
from firstsession.app.widgets import plain
from firstsession.app.window import MainWindow, settings
from firstsession.packet_sample import sample_packet
from firstsession.sample import sample_sheet
from firstsession.steps import STEP_IDS


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
        and w.focusProxy() is None  # an editable combo box's line: the box takes the focus
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


def test_fields_built_later_keep_their_place_in_the_tab_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Answer fields made after the person adds a question (Compare therapists builds
    them again) are reached where they stand, and Back, Next and the country box still
    come last."""
    window = open_window(qtbot)
    window.go_to("therapists")
    window.go_to("questions")
    questions = window.page("questions")
    questions.own_edit.setText("Do you offer evening sessions?")
    QTest.keyClick(questions.own_edit, Qt.Key.Key_Return)
    window.go_to("therapists")
    page = window.page("therapists")
    assert any(editor.accessibleName() == "Do you offer evening sessions?"
               for editor in page.answer_editors.values())
    walked = tab_walk(qtbot, window.ui.stepList)
    ui = window.ui
    assert walked[-3:] == [ui.backButton, ui.nextButton, ui.countryCombo], names(walked)
    assert [w for w in operable(window) if w not in walked] == []
    assert_reading_order(walked[2:-3], page)


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
        # A tab's scroller takes the focus before its fields (as a step page's does);
        # it is the frame they sit in, not a place in the reading order.
        in_page = [w for w in walked if page.isAncestorOf(w) and not isinstance(w, QScrollArea)]
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
        actions = interface.actionInterface()
        assert actions is not None and "ShowMenu" in actions.actionNames()
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


# -- colours: measured on the rendered widgets ------------------------------------------


def relative_luminance(rgb: int) -> float:
    """Relative luminance of an opaque sRGB pixel (0xRRGGBB), 0 to 1, as WCAG 2.x defines
    it: https://www.w3.org/TR/WCAG21/#dfn-relative-luminance (each channel linearised,
    then 0.2126 R + 0.7152 G + 0.0722 B). Written here again, not imported from the
    app, so the test checks the app's arithmetic too."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * linear((rgb >> 16) & 0xFF) + 0.7152 * linear((rgb >> 8) & 0xFF)
            + 0.0722 * linear(rgb & 0xFF))


def contrast(a: int, b: int) -> float:
    """WCAG 2.x contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio):
    (L1 + 0.05) / (L2 + 0.05), L1 the lighter; 1 to 21."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class Shot:
    """A widget as drawn (``QWidget.grab``, the whole widget even where it is scrolled
    out of view), read as 0xRRGGBB pixels."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        assert image.devicePixelRatio() == 1
        self.width, self.height = image.width(), image.height()
        self.pixels = array("I", bytes(image.constBits()))
        assert len(self.pixels) == self.width * self.height
        assert image.bytesPerLine() == 4 * self.width

    def at(self, x: int, y: int) -> int:
        """The pixel at (x, y); off the shot, the nearest pixel on its border."""
        x, y = min(max(x, 0), self.width - 1), min(max(y, 0), self.height - 1)
        return self.pixels[y * self.width + x] & 0xFFFFFF

    def colours(self, rect: QRect) -> Counter[int]:
        """How often each colour is drawn in ``rect`` (in the shot's coordinates)."""
        rect = rect.intersected(QRect(0, 0, self.width, self.height))
        counts: Counter[int] = Counter()
        for y in range(rect.top(), rect.bottom() + 1):
            start = y * self.width + rect.left()
            counts.update(self.pixels[start:start + rect.width()])
        return Counter({rgb & 0xFFFFFF: n for rgb, n in counts.items()})

    def rect_of(self, child: QWidget) -> QRect:
        return QRect(child.mapTo(self.widget, QPoint(0, 0)), child.size())

    def text_contrast(self, rect: QRect) -> tuple[float, int, int]:
        """(contrast, text colour, background) of text drawn in ``rect``: the background
        is the commonest colour, the text the colour furthest from it (anti-aliased
        edges lie between the two, so they never raise the figure)."""
        counts = self.colours(rect)
        background = counts.most_common(1)[0][0]
        text = max(counts, key=lambda rgb: contrast(rgb, background))
        return contrast(text, background), text, background


def load_screenshots_tool():  # type: ignore[no-untyped-def]
    """tools/screenshots.py, whose dark palette stands in for a dark desktop."""
    path = Path(__file__).resolve().parents[1] / "tools" / "screenshots.py"
    spec = importlib.util.spec_from_file_location("screenshots_tool", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=["light", "dark"])
def look(request: pytest.FixtureRequest, qapp: QApplication, normal_app_font: None):  # type: ignore[no-untyped-def]
    """The app's look as main.run gives it (Fusion, our stylesheet), over Qt's own light
    palette or a dark desktop's palette (the one tools/screenshots.py uses)."""
    before_palette, before_style = qapp.palette(), qapp.style().name()
    qapp.setStyle("Fusion")
    system = qapp.style().standardPalette()
    if request.param == "dark":
        system = load_screenshots_tool().dark_palette()
    use_look(qapp, stylesheet(), system)
    yield request.param
    qapp.setStyleSheet("")
    qapp.setStyle(before_style)
    qapp.setPalette(before_palette)


def shown_labels(page: QWidget) -> list[QLabel]:
    return [label for label in page.findChildren(QLabel)
            if label.isVisible() and label.text().strip() and label.width() > 4]


@pytest.mark.parametrize("step", STEP_IDS)
def test_every_text_on_every_step_has_4_5_to_1_contrast(qtbot, look: str, step: str) -> None:  # type: ignore[no-untyped-def]
    """Every label (titles, body, hints, status lines, captions), button, field, the
    selected step and every selected row has at least 4.5:1 (WCAG 1.4.3) against what it
    is drawn on, measured on the drawn pixels, in the light and the dark palette."""
    window = open_window(qtbot)
    window.go_to(step)
    page = window.page(step)
    qtbot.wait(1)  # let pending layout settle before drawing
    failures: list[str] = []

    def check(what: str, shot: Shot, rect: QRect) -> None:
        ratio, text, background = shot.text_contrast(rect.adjusted(4, 4, -4, -4)
                                                     if rect.height() > 12 else rect)
        if ratio < 4.5:
            failures.append(f"{what}: {ratio:.2f}:1 (#{text:06x} on #{background:06x})")

    shot = Shot(page)
    for label in shown_labels(page):
        check(f"label {label.objectName() or ''} {label.text()[:30]!r}", shot,
              shot.rect_of(label).adjusted(-4, -4, 4, 4))
    for button in page.findChildren(QPushButton):
        if button.isVisible() and button.isEnabled():
            check(f"button {button.text()!r}", shot, shot.rect_of(button))
    for field in page.findChildren(QLineEdit):
        if field.isVisible() and field.isEnabled() and (field.text() or field.placeholderText()):
            what = "field" if field.text() else "placeholder"
            check(f"{what} {field.accessibleName()!r}", shot, shot.rect_of(field))
    for view in page.findChildren(QAbstractItemView):
        index = view.currentIndex()
        if view.isVisible() and index.isValid() and view.selectionModel().isSelected(index):
            rect = view.visualRect(index)
            rect.moveTopLeft(view.viewport().mapTo(page, rect.topLeft()))
            check(f"selected row in {view.accessibleName()!r}", shot, rect)
    steps = Shot(window.ui.stepList)
    for row in range(window.ui.stepList.count()):
        item = window.ui.stepList.item(row)
        if not item.isHidden():
            what = "selected step" if item.isSelected() else "step"
            check(f"{what} {item.text()!r}", steps, window.ui.stepList.visualItemRect(item)
                  .translated(window.ui.stepList.viewport().mapTo(window.ui.stepList,
                                                                  QPoint(0, 0))))
    bars = Shot(window)
    for label in (window.ui.crisisLabel, window.ui.countryLabel, window.ui.stepCounter):
        check(f"bar {label.text()[:30]!r}", bars, bars.rect_of(label))
    assert failures == [], f"{look}: " + "; ".join(failures)


def edge_contrast(shot: Shot, rect: QRect, depth: int = 3) -> float:
    """How far a control's edge stands out from what is around it: the pixel most unlike
    the surroundings among the outermost ``depth`` pixels inside ``rect``, measured at
    the middle of the left and the top edge against the pixel 2 px outside; the weaker."""
    middle_y, middle_x = rect.center().y(), rect.center().x()
    left_outside = shot.at(rect.left() - 2, middle_y)
    top_outside = shot.at(middle_x, rect.top() - 2)
    left = max(contrast(shot.at(rect.left() + i, middle_y), left_outside) for i in range(depth))
    top = max(contrast(shot.at(middle_x, rect.top() + i), top_outside) for i in range(depth))
    return min(left, top)


FIELD_KINDS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox,
               QAbstractItemView)


@pytest.mark.parametrize("step", STEP_IDS)
def test_every_field_list_and_check_box_has_an_edge_of_3_to_1(qtbot, look: str, step: str) -> None:  # type: ignore[no-untyped-def]
    """Text fields, combo boxes, lists, trees, tables and check boxes show where they
    are: their edge has at least 3:1 (WCAG 1.4.11) against the page around them, in the
    light and the dark palette (dark fields had 1.1:1)."""
    window = open_window(qtbot)
    window.go_to(step)
    page = window.page(step)
    shot = Shot(page)
    failures: list[str] = []
    controls = [w for w in page.findChildren(QWidget)
                if w.isVisible() and not is_qt_internal(w) and not isinstance(w, QHeaderView)
                and (isinstance(w, FIELD_KINDS) or isinstance(w, QCheckBox))]
    for control in controls:
        rect = shot.rect_of(control)
        if isinstance(control, QCheckBox):
            if control.isChecked():
                continue  # the tick, not the edge, would be measured
            option = QStyleOptionButton()
            control.initStyleOption(option)
            box = control.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator,
                                                 option, control)
            rect = box.translated(rect.topLeft())
        ratio = edge_contrast(shot, rect)
        if ratio < 3.0:
            failures.append(f"{type(control).__name__} {control.accessibleName()!r}: {ratio:.2f}:1")
    assert failures == [], f"{look}: " + "; ".join(failures)


def longest_run(flags: list[bool]) -> int:
    best = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


def focus_indicator(  # type: ignore[no-untyped-def]
    qtbot, widget: QWidget, root: QWidget, elsewhere: QWidget, area: QRect | None = None
) -> tuple[int, float]:
    """(thickness in px, contrast with the surroundings) of what focus adds to ``widget``:
    ``root`` drawn with the focus ``elsewhere`` and then on ``widget``. Counted inwards
    across the left and the top edge at their middles (where the shot has room outside
    them): the pixels that changed by at least 3:1 (WCAG 2.4.13's change of contrast),
    the thinner side counting; and how far those pixels stand out from the pixel 2 px
    outside the widget, the weaker side counting."""
    elsewhere.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(elsewhere.hasFocus)
    before = Shot(root)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    after = Shot(root)
    rect = before.rect_of(widget)
    if area is not None:
        rect = area.translated(rect.topLeft())
    cx, cy = rect.center().x(), rect.center().y()
    lines = []
    if rect.left() >= 3:
        lines.append([(x, cy) for x in range(rect.left() - 3, rect.left() + 9)])
    if rect.top() >= 3:
        lines.append([(cx, y) for y in range(rect.top() - 3, rect.top() + 9)])
    assert lines, "the widget needs room around it in the shot"
    thickness, against = 99, 99.0
    for line in lines:
        changed = [contrast(before.at(*p), after.at(*p)) >= 3.0 for p in line]
        thickness = min(thickness, longest_run(changed))
        if not any(changed):
            return 0, 1.0
        ring = [after.at(*p) for p, flag in zip(line, changed, strict=True) if flag]
        outside = after.at(*line[1])
        against = min(against, max(contrast(c, outside) for c in ring))
    return thickness, against


def test_every_kind_of_control_shows_focus_2_px_wide_at_3_to_1(qtbot, look: str) -> None:  # type: ignore[no-untyped-def]
    """Check boxes, the slider, text areas, trees, lists, tables, buttons, combo boxes,
    line edits, the spin box, the step list and the page itself each show a focus
    indicator at least 2 px wide that changes its pixels by 3:1 and stands 3:1 off its
    surroundings, in the light and the dark palette (check boxes had a 1.68:1 frame,
    the slider nothing, text areas and trees 1 px)."""
    window = open_window(qtbot)
    kinds = (QCheckBox, QSlider, QPlainTextEdit, QTextBrowser, QTreeView, QTableView,
             QListView, QPushButton, QComboBox, QLineEdit, QAbstractSpinBox)
    found: dict[type, tuple[QWidget, QWidget]] = {}
    for step in STEP_IDS:
        window.go_to(step)
        page = window.page(step)
        for widget in page.findChildren(QWidget):
            kind = next((k for k in kinds if isinstance(widget, k)), None)
            if (kind is not None and kind not in found and widget.isVisible()
                    and widget.isEnabled() and not is_qt_internal(widget)
                    and not isinstance(widget, QHeaderView)):
                found[kind] = (widget, page)
    assert set(found) == set(kinds)
    failures: list[str] = []
    ui = window.ui
    for kind, (widget, page) in found.items():
        window.go_to(next(s for s in STEP_IDS if window.page(s) is page))
        thickness, against = focus_indicator(qtbot, widget, page, ui.stepList)
        if thickness < 2 or against < 3.0:
            failures.append(f"{kind.__name__}: {thickness} px, {against:.2f}:1")
    scroller = ui.stepStack.currentWidget()
    for name, widget, root, elsewhere in (
        ("step list", ui.stepList, window, ui.countryCombo),
        ("page", scroller, window, ui.stepList),
        ("Back button", ui.backButton, window, ui.stepList),
    ):
        thickness, against = focus_indicator(qtbot, widget, root, elsewhere)
        if thickness < 2 or against < 3.0:
            failures.append(f"{name}: {thickness} px, {against:.2f}:1")
    assert failures == [], f"{look}: " + "; ".join(failures)


def scrolled_root(widget: QWidget, top: QWidget) -> QWidget:
    """The content of the scroll area ``widget`` sits in (a shot of it draws what is
    scrolled out of view too), or ``top``."""
    ancestor = widget.parentWidget()
    while ancestor is not None and ancestor is not top:
        holder = ancestor.parentWidget()
        if holder is not None and isinstance(holder.parentWidget(), QScrollArea):
            return ancestor
        ancestor = holder
    return top


def shown_sample_editor(qtbot) -> PacketEditor:  # type: ignore[no-untyped-def]
    """The packet editor with the sample packet, shown at 1200x760 and exposed."""
    editor = PacketEditor(content.load(), sample_packet())
    qtbot.addWidget(editor)
    editor.resize(1200, 760)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_the_packet_editor_meets_the_same_contrast(qtbot, look: str) -> None:  # type: ignore[no-untyped-def]
    """In every tab of the packet editor, labels and hints have 4.5:1 and fields, lists
    and check boxes an edge of 3:1, in the light and the dark palette."""
    editor = shown_sample_editor(qtbot)
    tabs = editor.findChild(QTabWidget)
    assert tabs is not None
    failures: list[str] = []
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        shots: dict[int, Shot] = {}

        def shot_of(widget: QWidget, shots: dict[int, Shot] = shots) -> Shot:
            root = scrolled_root(widget, editor)
            if id(root) not in shots:
                shots[id(root)] = Shot(root)
            return shots[id(root)]

        for label in shown_labels(editor):
            if label.pixmap() is not None and not label.pixmap().isNull():
                continue  # the logo
            shot = shot_of(label)
            ratio, text, background = shot.text_contrast(shot.rect_of(label).adjusted(-4, -4, 4, 4))
            if ratio < 4.5:
                failures.append(f"{tabs.tabText(index)}: label {label.text()[:30]!r} "
                                f"{ratio:.2f}:1 (#{text:06x} on #{background:06x})")
        for field in editor.findChildren(QWidget):
            if (isinstance(field, (QLineEdit, QPlainTextEdit, QComboBox, QAbstractItemView))
                    and field.isVisible() and not is_qt_internal(field)
                    and not isinstance(field, QHeaderView)):
                shot = shot_of(field)
                ratio = edge_contrast(shot, shot.rect_of(field))
                if ratio < 3.0:
                    failures.append(f"{tabs.tabText(index)}: {field.accessibleName()!r} "
                                    f"edge {ratio:.2f}:1")
    assert failures == [], f"{look}: " + "; ".join(failures)


def test_the_packet_editor_tabs_show_focus(qtbot, look: str) -> None:  # type: ignore[no-untyped-def]
    """With the keyboard on the packet editor's tabs, the current tab shows the same
    2 px, 3:1 ring (Fusion drew a faint 1 px frame)."""
    editor = shown_sample_editor(qtbot)
    tabs = editor.findChild(QTabWidget)
    assert tabs is not None
    bar = tabs.tabBar()
    for index in (0, 2):
        tabs.setCurrentIndex(index)
        field = next(w for w in operable(tabs.currentWidget())
                     if isinstance(w, QLineEdit | QPlainTextEdit | QAbstractItemView))
        thickness, against = focus_indicator(qtbot, bar, editor, field, bar.tabRect(index))
        assert thickness >= 2 and against >= 3.0, (look, tabs.tabText(index), thickness, against)



def test_a_window_with_every_page_walked_by_tab_ends_without_an_error(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Every page built and walked by Tab in one window, then the test ends (pytest-qt
    processes events and deletes the window): no Python error on the way. A wrapping
    row once asked items whose wrappers PySide had already invalidated for their sizes;
    that error shows up as this test's teardown error."""
    window = open_window(qtbot)
    for step in STEP_IDS:
        window.go_to(step)
        assert tab_walk(qtbot, window.ui.stepList)
