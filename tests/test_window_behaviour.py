"""How the window behaves under a person's hands: pages end where their content ends, a
chosen feeling word shows it was chosen, the wheel moves the page past the word list,
file dialogs start in a folder that exists, and step names keep their tick when narrow."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import NORMAL_POINT_SIZE, AnswerDialogs, app_font
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLineEdit,
    QScrollArea,
    QWidget,
)

from firstsession import content
from firstsession.app import filemenu
from firstsession.app.session import Session
from firstsession.app.window import MainWindow, settings
from firstsession.model import Sheet
from firstsession.packet_format import save_packet
from firstsession.packet_sample import sample_packet
from firstsession.sample import sample_sheet


@pytest.fixture(autouse=True)
def fresh_settings() -> None:
    settings().clear()


@pytest.fixture
def styled_app(qapp: QApplication) -> Iterator[QApplication]:
    """The app's own stylesheet, as the real window has it."""
    from firstsession.app.main import stylesheet

    qapp.setStyleSheet(stylesheet())
    try:
        yield qapp
    finally:
        qapp.setStyleSheet("")


def open_window(qtbot, sheet: Sheet, width: int, height: int) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(Session(sheet, content.load()))
    window.session.autosave_enabled = False
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    # Exactly that size, or the smallest the window can be (very large text).
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    qtbot.waitUntil(lambda: window.width() == max(width, least.width())
                    and window.height() == max(height, least.height()))
    return window


def settled(qtbot, measure: Callable[[], object]) -> None:  # type: ignore[no-untyped-def]
    """Let posted layout requests run until ``measure()`` gives the same answer twice."""
    last: list[object] = [object()]

    def steady() -> bool:
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        now = measure()
        same = now == last[0]
        last[0] = now
        return same

    qtbot.waitUntil(steady)


def scroll_area_of(page: QWidget) -> QScrollArea:
    widget = page.parentWidget()
    while widget is not None and not isinstance(widget, QScrollArea):
        widget = widget.parentWidget()
    assert widget is not None
    return widget


def lowest_visible_bottom(page: QWidget) -> int:
    """The bottom edge (in the page's pixels) of the lowest widget a person can see on it."""
    bottoms = [
        child.mapTo(page, QPoint(0, child.height())).y()
        for child in page.findChildren(QWidget)
        if child.isVisibleTo(page) and not child.isWindow()
    ]
    return max(bottoms, default=0)


# (text size as a multiple of normal, window width, height)
WINDOW_SIZES = {
    "normal text at 1100x760": (1.0, 1100, 760),
    "normal text at 640x480": (1.0, 640, 480),
    "200% text at 1024x700": (2.0, 1024, 700),
}


@pytest.mark.parametrize("size", WINDOW_SIZES)
@pytest.mark.parametrize("kind", ["sample sheet", "sheet from a counsellor packet"])
def test_no_page_scrolls_past_its_content(  # type: ignore[no-untyped-def]
    qtbot, styled_app: QApplication, tmp_path: Path, messages: list[str],
    size: str, kind: str,
) -> None:
    """On every step, scrolling to the end stops at the last widget: the scroll bar's range
    is the page's height less the view's, and the page has no empty space below its content."""
    factor, width, height = WINDOW_SIZES[size]
    with app_font("Noto Sans", NORMAL_POINT_SIZE * factor):
        first = sample_sheet() if kind == "sample sheet" else Sheet()
        window = open_window(qtbot, first, width, height)
        if kind != "sample sheet":  # File > Open on a packet, as a new client does
            packet_file = tmp_path / "packet.json"
            save_packet(sample_packet(), packet_file)
            assert filemenu.open_sheet(window, packet_file)
            assert window.session.sheet.packet is not None
        for step in window.included_steps():
            window.go_to(step)
            page = window.page(step)
            scroller = scroll_area_of(page)
            bar = scroller.verticalScrollBar()
            settled(qtbot, lambda p=page, b=bar: (p.size(), b.maximum()))
            viewport = scroller.viewport().height()
            assert bar.maximum() == max(page.height() - viewport, 0), step
            if bar.maximum() == 0:
                assert page.height() == viewport, step  # fills the view, no scrolling
                continue
            margin = page.layout().contentsMargins().bottom()
            empty = page.height() - margin - lowest_visible_bottom(page)
            allowed = page.fontMetrics().horizontalAdvance("M")  # a spacing, not a screenful
            assert empty <= allowed, f"{step}: {empty} px of empty page below the content"


# -- file dialogs -------------------------------------------------------------------


def inspect_file_dialog(qtbot, found: dict[str, str]) -> AnswerDialogs:  # type: ignore[no-untyped-def]
    """Once Qt's own file dialog is up, note its folder and offered file name, then cancel it."""

    def look(dialog: QFileDialog) -> None:
        found["folder"] = dialog.directory().absolutePath()
        name_edit = dialog.findChild(QLineEdit, "fileNameEdit")
        found["name"] = name_edit.text() if name_edit is not None else ""
        dialog.reject()

    return AnswerDialogs(QFileDialog, look)


@pytest.fixture
def home_without_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME is a fresh folder with no Documents folder in it (a new account, a server)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


def test_open_dialog_without_a_documents_folder_starts_at_home_with_no_name(  # type: ignore[no-untyped-def]
    qtbot, home_without_documents: Path
) -> None:
    """With no ~/Documents, File > Open starts in the home folder and types no file name
    (Qt would otherwise open home with "Documents" filled in as the name)."""
    from firstsession.app.filedialogs import ask_open_path, documents_folder

    assert documents_folder() == home_without_documents
    holder = QWidget()
    qtbot.addWidget(holder)
    found: dict[str, str] = {}
    dialog = inspect_file_dialog(qtbot, found)
    assert ask_open_path(holder, "Open", "Sheets (*.json)") is None
    dialog.assert_answered()
    assert Path(found["folder"]) == home_without_documents
    assert found["name"] == ""


def test_save_dialog_offers_the_file_name_in_documents_then_the_last_folder(  # type: ignore[no-untyped-def]
    qtbot, home_without_documents: Path
) -> None:
    """Save starts in home (no Documents), then in Documents once it exists, then in the
    folder last used; it always offers the file's name, never a folder's."""
    from firstsession.app.filedialogs import ask_save_path, remember_folder

    holder = QWidget()
    qtbot.addWidget(holder)

    def offered() -> tuple[Path, str]:
        found: dict[str, str] = {}
        dialog = inspect_file_dialog(qtbot, found)
        assert ask_save_path(holder, "Save", "My sheet.json", "Sheets (*.json)") is None
        dialog.assert_answered()
        return Path(found["folder"]), found["name"]

    assert offered() == (home_without_documents, "My sheet.json")
    documents = home_without_documents / "Documents"
    documents.mkdir()
    assert offered() == (documents, "My sheet.json")
    elsewhere = home_without_documents / "letters"
    elsewhere.mkdir()
    remember_folder(elsewhere / "old.pdf")
    assert offered() == (elsewhere, "My sheet.json")
    elsewhere.rmdir()  # the last folder is gone: back to Documents
    assert offered() == (documents, "My sheet.json")


def test_save_dialog_for_a_file_in_a_folder_that_is_gone_offers_its_name_elsewhere(  # type: ignore[no-untyped-def]
    qtbot, home_without_documents: Path
) -> None:
    """Saving a file whose folder was removed offers the same name in a folder that exists."""
    from firstsession.app.filedialogs import ask_save_path

    holder = QWidget()
    qtbot.addWidget(holder)
    found: dict[str, str] = {}
    dialog = inspect_file_dialog(qtbot, found)
    gone = home_without_documents / "gone" / "packet.json"
    assert ask_save_path(holder, "Save", "x.json", "Packets (*.json)", start=gone) is None
    dialog.assert_answered()
    assert (Path(found["folder"]), found["name"]) == (home_without_documents, "packet.json")


# -- choosing feeling words ------------------------------------------------------------


def feelings_page(qtbot, sheet: Sheet):  # type: ignore[no-untyped-def]
    from firstsession.app.steps.feelings import FeelingsStep

    window = open_window(qtbot, sheet, 1100, 760)
    window.go_to("feelings")
    page = window.page("feelings")
    assert isinstance(page, FeelingsStep)
    settled(qtbot, lambda: (page.size(), scroll_area_of(page).verticalScrollBar().maximum()))
    return window, page


def shown_text(page, item) -> str:  # type: ignore[no-untyped-def]
    """The text the word list draws for ``item`` (its delegate's, as painted)."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    tree = page.vocabulary
    option = QStyleOptionViewItem()
    tree.itemDelegate().initStyleOption(option, tree.indexFromItem(item, 0))
    return option.text


@pytest.mark.parametrize("how", ["double-click", "Enter"])
def test_choosing_a_word_says_so_under_the_list_and_ticks_the_word(  # type: ignore[no-untyped-def]
    qtbot, normal_app_font: None, how: str
) -> None:
    """Double-click or Enter on a word: a note right under the list (in view) says it was
    added, the word gets a tick in the list, and a screen reader is told the same."""
    from PySide6.QtGui import QAccessible

    from firstsession.app.steps.feelings_vocabulary import WORD_ROLE

    _window, page = feelings_page(qtbot, Sheet())
    tree = page.vocabulary
    family = tree.topLevelItem(0)
    family.setExpanded(True)
    item = family.child(0)
    word = str(item.data(0, WORD_ROLE))
    assert not shown_text(page, item).endswith("\u2713")
    tree.scrollToItem(item)
    scroller = scroll_area_of(page)
    scroller.ensureWidgetVisible(tree)
    if how == "double-click":  # as the system sends one: a click, then the double-click
        spot = tree.visualItemRect(item).center()
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    else:
        tree.setCurrentItem(item)
        tree.setFocus()
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert [f.word for f in page.session.sheet.feelings] == [word]
    status = page.add_status
    qtbot.waitUntil(status.isVisible)
    assert word in status.text() and status.text().startswith("\u2713")
    # Right under the list: nothing between them but the layout's spacing.
    gap = status.mapTo(page, QPoint(0, 0)).y() - tree.mapTo(page, QPoint(0, tree.height())).y()
    assert 0 <= gap <= page.column.spacing() + 2
    # And in view, where the person is looking.
    viewport = scroller.viewport()

    def status_in_view() -> bool:
        top = status.mapTo(viewport, QPoint(0, 0)).y()
        return top >= 0 and top + status.height() <= viewport.height()

    qtbot.waitUntil(status_in_view)
    assert shown_text(page, item) == word + "  \u2713"
    assert item.data(0, Qt.ItemDataRole.AccessibleTextRole) == f"{word}, chosen"
    spoken = QAccessible.queryAccessibleInterface(status)
    assert spoken is not None
    said = spoken.text(QAccessible.Text.Description)
    assert said == f"Added \u201c{word}\u201d to your feelings."
    # Removing the feeling takes the tick away again.
    page.remove_current()
    assert shown_text(page, item) == word


def wheel(widget: QWidget, down: bool = True) -> None:
    """One notch of the mouse wheel over the middle of ``widget``."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    notch = QPoint(0, -120 if down else 120)
    event = QWheelEvent(
        centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), notch,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_the_word_list_moves_the_page_once_the_list_is_at_its_end(  # type: ignore[no-untyped-def]
    qtbot, normal_app_font: None
) -> None:
    """While the word list can scroll, the wheel scrolls the list; at its end (or top) the
    same wheel moves the page, so the pointer never gets stuck over the list."""
    _window, page = feelings_page(qtbot, sample_sheet())
    tree = page.vocabulary
    tree.expandAll()
    list_bar = tree.verticalScrollBar()
    page_bar = scroll_area_of(page).verticalScrollBar()
    qtbot.waitUntil(lambda: list_bar.maximum() > 0)
    page_bar.setValue(page_bar.maximum() // 3)
    start = page_bar.value()

    wheel(tree.viewport())  # the list can scroll: the list moves, the page stays
    assert list_bar.value() > 0
    assert page_bar.value() == start

    list_bar.setValue(list_bar.maximum())
    wheel(tree.viewport())  # at the list's end: the page moves on down
    assert list_bar.value() == list_bar.maximum()
    assert page_bar.value() > start

    list_bar.setValue(0)
    moved = page_bar.value()
    wheel(tree.viewport(), down=False)  # at the list's top: the page moves back up
    assert list_bar.value() == 0
    assert page_bar.value() < moved


# -- the step list ---------------------------------------------------------------------


@pytest.mark.parametrize("factor, width, height", [(2.0, 640, 480), (3.0, 640, 480),
                                                  (2.0, 1024, 700)])
def test_step_names_keep_their_tick_at_640x480_with_large_text(  # type: ignore[no-untyped-def]
    qtbot, styled_app: QApplication, factor: float, width: int, height: int
) -> None:
    """In a 640x480 window with 200% (and 300%) text, and at 200% in 1024x700, every step's
    name and its tick are
    drawn whole inside the list (wrapped if need be), and its tooltip holds the whole name."""
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    from firstsession.app.widgets import step_titles
    from firstsession.steps import STEP_IDS

    with app_font("Noto Sans", NORMAL_POINT_SIZE * factor):
        window = open_window(qtbot, sample_sheet(), width, height)
        steps = window.ui.stepList
        steps.setFocus()  # a focused list has a thicker frame, so less room
        settled(qtbot, lambda: [steps.visualItemRect(steps.item(r)) for r in range(steps.count())])
        viewport = steps.viewport()
        assert any(steps.item(r).text().endswith("\u2713") for r in range(steps.count()))
        for row, step_id in enumerate(STEP_IDS):
            item = steps.item(row)
            assert item.toolTip() == step_titles()[step_id]
            rect = steps.visualItemRect(item)
            assert rect.left() >= 0 and rect.right() < viewport.width(), item.text()
            option = QStyleOptionViewItem()
            steps.itemDelegate().initStyleOption(option, steps.indexFromItem(item))
            option.rect = rect
            text_room = steps.style().subElementRect(
                QStyle.SubElement.SE_ItemViewItemText, option, steps
            )
            usable = text_room.width() - 2 * 4 - 2  # the row's margins in ui/style.qss, focus
            needed = option.fontMetrics.boundingRect(
                QRect(0, 0, usable, 100000), int(Qt.TextFlag.TextWordWrap), item.text()
            )
            assert needed.width() <= usable, item.text()
            assert needed.height() <= text_room.height(), item.text()


# -- What to expect ---------------------------------------------------------------------


def test_topic_titles_are_spaced_and_wrapped_lines_indented(  # type: ignore[no-untyped-def]
    qtbot, normal_app_font: None
) -> None:
    """In "What to expect" at 200% text, topics have room between them, and a title that
    wraps starts its later lines further in than its first, so each topic's start shows."""
    from firstsession.app.steps.expect import TopicDelegate

    with app_font("Noto Sans", NORMAL_POINT_SIZE * 2):
        window = open_window(qtbot, sample_sheet(), 1024, 700)
        window.go_to("expect")
        topics = window.page("expect").topics
        settled(qtbot, lambda: [topics.visualItemRect(topics.item(r))
                                for r in range(topics.count())])
        delegate = topics.itemDelegate()
        assert isinstance(delegate, TopicDelegate)
        rects = [topics.visualItemRect(topics.item(r)) for r in range(topics.count())]
        for above, below in zip(rects, rects[1:], strict=False):
            assert below.top() - above.bottom() >= 2  # never touching
        wrapped = 0
        for row, rect in enumerate(rects):
            lines = delegate.title_lines(topics.item(row).text(), rect.width())
            assert lines[-1].bottom() <= rect.height()  # every line inside its row
            if len(lines) > 1:
                wrapped += 1
                assert all(line.left() > lines[0].left() for line in lines[1:])
        assert wrapped >= 1  # 200% text wraps some titles


# -- asked once, used everywhere ---------------------------------------------------------


def old_sheet_dict(language: str, old_answer: str, shared: bool) -> dict[str, object]:
    """A saved sheet from before the language was asked only once: About me's language
    and the old "Which language would you like to use in therapy?" preference."""
    from firstsession.sheet_format import sheet_to_dict

    data = sheet_to_dict(Sheet())
    data["about"] = {"name": "", "pronouns": "", "language": language}
    data["preferences"] = [
        {"prompt_id": "pref-language", "answer": old_answer, "share": shared},
        {"prompt_id": "pref-style", "answer": "gentle", "share": True},
    ]
    return data


@pytest.mark.parametrize(
    "language, old_answer, shared, expected_language, kept_private",
    [
        ("English", "English", True, "English", None),  # the same words: nothing to join
        ("English", "  ", False, "English", None),  # nothing written
        ("English", "Arabic too,\nwith an interpreter", True,
         "English / Arabic too, / with an interpreter", None),  # shared: joined, every word
        ("", "Spanish", True, "Spanish", None),
        ("English", "Arabic, my secret", False, "English", "Arabic, my secret"),  # private
    ],
)
def test_an_old_sheet_keeps_both_language_answers_and_prints_no_private_word(  # type: ignore[no-untyped-def]
    tmp_path: Path, language: str, old_answer: str, shared: bool, expected_language: str,
    kept_private: str | None,
) -> None:
    """Reading a sheet that answered the language in About me and in the preferences
    keeps every word: a shared answer is joined into About me (asked and printed once), a
    private one stays a private answer; reading again changes nothing."""
    import json

    from firstsession import storage
    from firstsession.pdf import render_sheet
    from firstsession.sheet_format import sheet_from_dict, sheet_to_dict

    path = tmp_path / "old.json"
    path.write_text(json.dumps(old_sheet_dict(language, old_answer, shared)), encoding="utf-8")
    sheet = storage.read_sheet_file(path)
    assert sheet.about.language == expected_language
    old = [a for a in sheet.preferences if a.prompt_id == "pref-language"]
    if kept_private is None:
        assert old == []
    else:
        assert [(a.answer, a.share) for a in old] == [(kept_private, False)]
    assert [a.prompt_id for a in sheet.preferences if a.prompt_id != "pref-language"] == [
        "pref-style"]
    assert sheet_from_dict(sheet_to_dict(sheet)) == sheet  # once is enough
    text = pdf_text(render_sheet(sheet))
    if expected_language.strip():
        assert squash(text).count(squash(expected_language)) == 1
    if kept_private:
        assert "secret" not in text


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def squash(text: str) -> str:
    return " ".join(text.split())


def test_pronouns_and_language_are_asked_once_and_shown_where_they_belong(  # type: ignore[no-untyped-def]
    qtbot, normal_app_font: None
) -> None:
    """My background asks pronouns and the language of therapy once (About me); the gender
    prompt shows the pronouns and the preferences show the language, following edits; the
    PDF prints each once."""
    from PySide6.QtWidgets import QLabel

    from firstsession.pdf import render_sheet

    window = open_window(qtbot, sample_sheet(), 1100, 760)
    window.go_to("background")
    page = window.page("background")
    asks = [e.prompt.label for e in page.culture_editors + page.preference_editors]
    assert not [label for label in asks if "pronoun" in label.lower()]
    in_therapy = [label for label in asks if "language" in label.lower() and "therapy" in label]
    assert in_therapy == []  # (the languages a person speaks is another question)
    captions = [label.text().replace("&", "") for label in page.findChildren(QLabel)
                if label.buddy() is not None]
    assert sum("pronoun" in c.lower() for c in captions) == 1
    assert sum("language" in c.lower() and "therapy" in c for c in captions) == 1
    gender = next(e for e in page.culture_editors if e.prompt.id == "gender-pronouns")
    assert page.pronouns_shown.parentWidget() is gender
    assert page.pronouns_shown.text() == "Your pronouns (from About me): he/him"
    language = window.session.sheet.about.language
    assert page.language_shown.text() == f"Language for therapy (from About me): {language}"
    page.pronouns.clear()
    qtbot.keyClicks(page.pronouns, "they/them")
    assert page.pronouns_shown.text() == "Your pronouns (from About me): they/them"
    text = squash(pdf_text(render_sheet(window.session.sheet)))
    assert text.count("they/them") == 1
    assert text.count(squash(language)) == 1


def test_a_private_old_language_answer_is_shown_on_my_background(  # type: ignore[no-untyped-def]
    qtbot, normal_app_font: None
) -> None:
    """A private answer to the old language preference is still there to read and edit."""
    from firstsession.sheet_format import sheet_from_dict

    sheet = sheet_from_dict(old_sheet_dict("English", "Arabic, my secret", False))
    window = open_window(qtbot, sheet, 1100, 760)
    window.go_to("background")
    page = window.page("background")
    assert page.old_language is not None and page.old_language.isVisible()
    assert page.old_language.editor.toPlainText() == "Arabic, my secret"
    assert not page.old_language.share.isChecked()
