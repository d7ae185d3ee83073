"""The window in each shipped language: Qt's own dialogs say "archivo" and have no English
label, no two things reachable at once share an Alt+letter, and what the pages say is
said once and in full."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QGroupBox,
    QLabel,
    QTabBar,
    QWidget,
)
from test_app_language import open_window

from firstsession import content, i18n
from firstsession.app import translator
from firstsession.app.appsettings import settings
from firstsession.sample import sample_sheet
from firstsession.steps import STEP_IDS

LANGUAGE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
SHIPPED = ("en", "es")


def forget_content() -> None:
    """Content read again in the language spoken next."""
    for name in ("load", "in_language"):
        clear = getattr(getattr(content, name, None), "cache_clear", None)
        if clear is not None:
            clear()


@pytest.fixture
def speak(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[Callable[[str], str]]:
    """A function switching the app to a shipped language; English, no saved choice and no
    language variable again after the test."""
    for name in LANGUAGE_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv(i18n.TRANSLATIONS_ENV, raising=False)
    settings().clear()
    i18n.set_platform_languages([])

    def use(tag: str) -> str:
        assert translator.use_language(tag) == tag
        forget_content()
        return tag

    yield use
    translator.use_language("en")
    forget_content()
    settings().clear()


def widget_texts(root: QWidget) -> dict[str, str]:
    """Each visible widget's words, keyed by the widget's place (object name and kind)."""
    found: dict[str, str] = {}
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        key = f"{widget.objectName() or type(widget).__name__}#{id(widget)}"
        for part in ("text", "toolTip", "accessibleName", "windowTitle", "placeholderText"):
            getter = getattr(widget, part, None)
            if callable(getter):
                try:
                    value = getter()
                except TypeError:
                    continue
                if isinstance(value, str) and value.strip():
                    found[f"{key}.{part}"] = value
    return found


def file_dialog() -> QFileDialog:
    """Qt's own (non-native) save dialog, as the app's fallback shows it."""
    dialog = QFileDialog(None, "PDF")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.show()
    QApplication.processEvents()
    return dialog


def test_qt_file_dialog_in_spanish_has_no_english_label_and_says_archivo(
        speak: Callable[[str], str]) -> None:
    """Qt's file dialog in Spanish: every label, button and tooltip differs from the English
    one ("&Look in:", "Files of &type:" included), none says "fichero" or "directorio", and
    the file name's label says "archivo"."""
    speak("en")
    dialog = file_dialog()
    english = widget_texts(dialog)
    dialog.close()
    speak("es")
    dialog = file_dialog()
    spanish = widget_texts(dialog)
    dialog.close()
    named = {key.split("#")[0] + key.split(".")[-1]: value for key, value in english.items()}
    same = [value for key, value in spanish.items()
            if re.search("[A-Za-z]{3}", value)
            and named.get(key.split("#")[0] + key.split(".")[-1]) == value
            and value not in ("PDF",)]
    assert same == [], same
    words = " ".join(spanish.values()).lower()
    assert "fichero" not in words and "directorio" not in words
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.objectName() == "fileNameLabel"]
    assert labels and "archivo" in labels[0]


def test_qt_print_dialog_in_spanish_says_archivo_and_has_no_english_label(
        speak: Callable[[str], str]) -> None:
    """Qt's print dialog in Spanish: "Archivo de salida", no "fichero", and every label with
    an Alt+letter is in Spanish ("Page &Set:" included)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    speak("es")
    printer = QPrinter()
    dialog = QPrintDialog(printer)
    dialog.show()
    QApplication.processEvents()
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    dialog.close()
    assert "&Archivo de salida:" in texts
    assert not [t for t in texts if "ficher" in t.lower()]
    assert not [t for t in texts if t in ("Page &Set:", "Output &file:", "&Name:")]


# -- Alt+letter: one letter, one thing --------------------------------------------------


def mnemonic(text: str) -> str | None:
    """The Alt+letter of a caption ("&File" -> "f", "Save && close" -> None)."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def reachable_mnemonics(window: QWidget, extra: list[str] | None = None) -> list[tuple[str, str]]:
    """(letter, caption) for everything an Alt+letter reaches in ``window`` now: visible
    buttons and check boxes, labels with a buddy, checkable group boxes, tabs of visible
    tab bars, and ``extra`` captions (the menu bar's titles)."""
    captions = list(extra or [])
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QAbstractButton):
            captions.append(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            captions.append(widget.text())
        elif isinstance(widget, QGroupBox):
            captions.append(widget.title())
        elif isinstance(widget, QTabBar):
            captions += [widget.tabText(i) for i in range(widget.count())
                         if widget.isTabVisible(i)]
    return [(letter, text) for text in captions if (letter := mnemonic(text))]


def clashes(found: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The letters used more than once, with their captions."""
    counts = Counter(letter for letter, _text in found)
    return {letter: [t for l2, t in found if l2 == letter]
            for letter, n in counts.items() if n > 1}


@pytest.mark.parametrize("lang", SHIPPED)
def test_no_two_things_on_a_step_share_an_alt_letter(
        qtbot, speak: Callable[[str], str], lang: str) -> None:  # type: ignore[no-untyped-def]
    """On every step, in every shipped language, the menu bar's titles and the page's
    buttons, check boxes, labelled fields and tabs each have their own Alt+letter."""
    speak(lang)
    window = open_window(qtbot, sample_sheet())
    menus = [action.text() for action in window.menuBar().actions() if action.isVisible()]
    problems = {}
    for step in STEP_IDS:
        window.go_to(step)
        QApplication.processEvents()
        found = clashes(reachable_mnemonics(window, menus))
        if found:
            problems[step] = found
    window.forget_state = True
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())


@pytest.mark.parametrize("lang", SHIPPED)
def test_no_two_things_in_the_packet_editor_share_an_alt_letter(
        qtbot, speak: Callable[[str], str], lang: str) -> None:  # type: ignore[no-untyped-def]
    """On every tab of the packet editor, in every shipped language, the tabs, the buttons
    and the labelled fields each have their own Alt+letter."""
    from firstsession.app.packet_editor import PacketEditor
    from firstsession.packet_sample import sample_packet

    speak(lang)
    editor = PacketEditor(content.load(), sample_packet())
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    problems = {}
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        found = clashes(reachable_mnemonics(editor))
        if found:
            problems[editor.tabs.tabText(index)] = found
    editor.dirty = False
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())


# -- said once, said whole ----------------------------------------------------------------


@pytest.mark.parametrize(("lang", "word"), [("en", "optional"), ("es", "opcional")])
def test_the_background_step_says_the_questions_are_optional_once(
        qtbot, speak: Callable[[str], str], lang: str, word: str) -> None:  # type: ignore[no-untyped-def]
    """The top of "My background" says once, not twice, that every question is optional."""
    speak(lang)
    window = open_window(qtbot, sample_sheet())
    window.go_to("background")
    page = window.page("background")
    labels = [w.text() for w in page.findChildren(QLabel) if w.isVisibleTo(page)]
    intro = [t for t in labels[:6] if word in t.lower()]
    window.forget_state = True
    assert len(intro) == 1, labels[:6]


@pytest.mark.parametrize("lang", SHIPPED)
def test_the_packet_editor_header_names_every_field_saving_needs(
        qtbot, speak: Callable[[str], str], lang: str) -> None:  # type: ignore[no-untyped-def]
    """The editor's first paragraph names every field marked "(needed)": the practice name
    and the country, as saving asks for both."""
    from firstsession.app.packet_editor import PacketEditor
    from firstsession.app.packet_editor.table import TABS
    from firstsession.i18n import _

    speak(lang)
    editor = PacketEditor(content.load())
    qtbot.addWidget(editor)
    header = next(w.text() for w in editor.findChildren(QLabel) if w.objectName() == "hint")
    needed = [_(row.problem) for tab in TABS for row in tab.rows if "(needed)" in row.label]
    assert len(needed) == 2
    for problem in needed:
        assert problem.casefold() in header.casefold(), (problem, header)
    editor.dirty = False
