"""The window speaks the chosen language: Qt's tr() from our catalogue, Qt's own words, the
Language menu switching live, the saved choice at the next start."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPlainTextEdit

from firstsession import content, i18n
from firstsession.app import language, translator
from firstsession.app.appsettings import settings
from firstsession.app.session import Session
from firstsession.app.widgets import step_titles
from firstsession.app.window import MainWindow
from firstsession.model import Sheet
from firstsession.steps import STEP_IDS

ROOT = Path(__file__).resolve().parents[1]
APP_PART = ROOT / "locale" / "es" / "LC_MESSAGES" / "firstsession.po"
LANGUAGE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def compile_catalogue(po: Path, folder: Path, tag: str) -> None:
    """``po`` compiled as ``folder/locale/<tag>/LC_MESSAGES/firstsession.mo``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    target = folder / "locale" / tag / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    with po.open("rb") as source:
        catalogue = read_po(source)
    with (target / "firstsession.mo").open("wb") as out:
        write_mo(out, catalogue)


def forget_content() -> None:
    """Content read again on next use, in the language spoken then (when one cache holds
    every language; a cache keyed by language needs nothing)."""
    clear = getattr(content.load, "cache_clear", None)
    if clear is not None:
        clear()


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[None]:
    """English everywhere while the test runs and after it: no language variable, no saved
    choice; the test may switch, and English is put back at the end. The settings file
    (shared by the tests) is left empty: no window size or last step either."""
    for name in LANGUAGE_VARS:
        monkeypatch.delenv(name, raising=False)
    settings().clear()
    i18n.set_platform_languages([])
    translator.use_language("en")
    forget_content()
    yield
    translator.use_language("en")
    forget_content()
    settings().clear()


@pytest.fixture
def spanish_catalogue(english: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Spanish available: the bundled catalogue if there is one, else the app's part
    (locale/es/LC_MESSAGES/firstsession.po) compiled into a translator's folder."""
    monkeypatch.delenv(i18n.TRANSLATIONS_ENV, raising=False)
    if "es" not in i18n.available_languages():
        compile_catalogue(APP_PART, tmp_path / "translations", "es")
        monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(tmp_path / "translations"))
    assert "es" in i18n.available_languages()


def open_window(qtbot, sheet: Sheet | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    session = Session(sheet or Sheet(), content.load())
    session.autosave_enabled = False
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    qtbot.waitExposed(window)
    return window


def choose_from_menu(window: MainWindow, name: str) -> None:
    """Open the Language menu as a person does and pick the entry called ``name``."""
    menu = window.ui.menuLanguage
    menu.aboutToShow.emit()
    for action in menu.actions():
        if action.text() == name:
            action.trigger()
            return
    raise AssertionError(f"no {name!r} in {[a.text() for a in menu.actions()]}")


def test_the_translator_answers_qt_lookups_from_the_catalogue(spanish_catalogue: None) -> None:
    """Qt's translate() gets the catalogue's Spanish; a sentence it lacks stays as written."""
    assert translator.use_language("es") == "es"
    assert QCoreApplication.translate("MainWindow", "&File") == "&Archivo"
    assert QCoreApplication.translate("AnyContext", "Need to talk to someone now?") == (
        "¿Necesita hablar con alguien ahora?")
    assert QCoreApplication.translate("MainWindow", "Not in any catalogue") == (
        "Not in any catalogue")
    translator.use_language("en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_qt_own_buttons_are_in_spanish(spanish_catalogue: None) -> None:
    """qtbase_es is installed with the language: a message box's standard buttons say
    "Cancelar", not "Cancel"."""
    translator.use_language("es")
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes)
    texts = [button.text() for button in box.buttons()]
    assert "Cancelar" in texts
    assert any("Sí" in text for text in texts)
    box.deleteLater()


def test_the_language_menu_lists_the_system_then_each_language_in_its_own_name(
        qtbot, spanish_catalogue: None) -> None:  # type: ignore[no-untyped-def]
    """"Follow the system" comes first and is chosen; then "English" and "Español"."""
    window = open_window(qtbot)
    window.ui.menuLanguage.aboutToShow.emit()
    actions = [a for a in window.ui.menuLanguage.actions() if not a.isSeparator()]
    assert actions[0].text().startswith("Follow the system")
    assert actions[0].isChecked()
    assert [a.text() for a in actions[1:]] == ["English", "Español"]
    assert window.ui.menuLanguage.title() == "&Language"


def test_switching_language_updates_every_page_and_keeps_what_was_typed(
        qtbot, spanish_catalogue: None) -> None:  # type: ignore[no-untyped-def]
    """Español from the menu: the step list and its accessible names, Back and Next, the
    crisis bar, the menus, the title and every step page speak Spanish at once; the
    person's words, step and focused field stay; English comes back the same way."""
    window = open_window(qtbot, Sheet(country="GB"))
    for step_id in STEP_IDS:  # every page built in English first
        window.go_to(step_id)
    window.go_to("feelings")
    page = window.page("feelings")
    field = page.findChildren(QPlainTextEdit)[0]
    field.setFocus()
    qtbot.keyClicks(field, "Mis palabras, tal cual")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)

    choose_from_menu(window, "Español")

    assert i18n.current() == "es"
    assert window.current_step() == "feelings"
    rows = [window.ui.stepList.item(row) for row in range(len(STEP_IDS))]
    assert rows[0].text() == "Bienvenida"
    assert rows[STEP_IDS.index("feelings")].text().startswith("Mis emociones")
    accessible = rows[STEP_IDS.index("feelings")].data(11)  # AccessibleTextRole
    assert accessible.startswith("Mis emociones") and "tiene sus respuestas" in accessible
    assert window.ui.nextButton.text() == "&Siguiente >"
    assert window.ui.nextButton.accessibleName() == "Siguiente"
    assert window.ui.menuFile.title() == "&Archivo"
    assert window.ui.crisisLabel.text().startswith("¿Necesita hablar")
    assert window.session.sheet.country == "GB"  # the country list, filled again, kept it
    assert window.ui.countryCombo.currentData() == "GB"
    assert "Mis emociones" in window.windowTitle()
    assert window.ui.stepCounter.text().startswith("Paso ")
    new_field = window.page("feelings").findChildren(QPlainTextEdit)[0]
    assert new_field.toPlainText() == "Mis palabras, tal cual"
    assert QApplication.focusWidget() is new_field
    titles = step_titles()
    assert titles["expect"] == "Qué esperar"
    for step_id in STEP_IDS:
        window.go_to(step_id)
        scroller = window.ui.stepStack.currentWidget()
        assert scroller.accessibleName() == titles[step_id]
        if step_id != "welcome":  # Welcome's heading is content (templates/<lang>/welcome.toml)
            heading = scroller.findChild(QLabel, "heading")
            assert heading is not None and heading.text() == titles[step_id], step_id

    choose_from_menu(window, "English")
    assert window.ui.stepList.item(0).text() == "Welcome"
    assert window.ui.menuFile.title() == "&File"
    assert window.session.sheet.what_brings_me == "Mis palabras, tal cual"


def test_the_saved_choice_is_used_at_the_next_start(spanish_catalogue: None) -> None:
    """A language chosen in the menu is kept in our settings file and spoken at the next
    start, whatever the system says."""
    language.choose_language("es")
    translator.use_language("en")
    assert language.saved_language() == "es"
    assert language.start_language() == "es"
    assert QCoreApplication.translate("MainWindow", "&Help") == "Ay&uda"


def test_with_no_saved_choice_the_system_language_is_followed(
        spanish_catalogue: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """LANG=es_ES.UTF-8 and nothing chosen: the app speaks Spanish; "Follow the system"
    saved as the choice brings it back to the system's language."""
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert language.start_language() == "es"
    monkeypatch.setenv("LANG", "C.UTF-8")
    language.choose_language(None)
    assert language.saved_language() is None
    assert os.environ["LANG"] == "C.UTF-8"
    assert i18n.current() == "en"


def test_the_app_starts_in_the_saved_language(qtbot, spanish_catalogue: None) -> None:  # type: ignore[no-untyped-def]
    """main's start-up installs the saved language before the window is built: its
    title and step list are Spanish from the first paint."""
    from firstsession.app import main

    language.save_language("es")
    app, window, _outcome = main._start()
    qtbot.addWidget(window)
    assert window.ui.stepList.item(0).text() == "Bienvenida"
    assert window.ui.menuHelp.title() == "Ay&uda"
    window.session.autosave_enabled = False


def test_an_open_packet_editor_switches_too_and_keeps_everything_typed(
        qtbot, spanish_catalogue: None) -> None:  # type: ignore[no-untyped-def]
    """The counsellor packet editor, open while the language changes, shows its tabs,
    labels and buttons in Spanish; every field keeps its words to the letter (spaces too),
    the list entries, the chosen tab and the unsaved mark stay."""
    from PySide6.QtCore import Qt

    from firstsession.app.packet_editor import PacketEditor
    from firstsession.packet_sample import sample_packet

    editor = PacketEditor(content.load(), sample_packet())
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.name.setFocus()
    editor.name.selectAll()
    qtbot.keyClicks(editor.name, "  Consulta Rio  ")
    qtbot.mouseClick(editor.crisis.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.crisis.editors["name"], "Linea local ")
    editor.tabs.setCurrentIndex(2)
    assert editor.dirty and editor.tabs.tabText(0) == "&Practice"

    translator.use_language("es")
    qtbot.waitUntil(lambda: editor.tabs.tabText(0) == "&Consulta")

    assert editor.name.text() == "  Consulta Rio  "
    assert editor.crisis.entries[-1].values["name"] == "Linea local "
    assert editor.crisis.list.currentRow() == len(editor.crisis.entries) - 1
    assert editor.crisis.add_button.accessibleName() == "Añadir una línea de crisis"
    assert editor.save_button.text() == "&Guardar"
    assert editor.tabs.currentIndex() == 2
    assert editor.dirty and editor.windowTitle().startswith("Paquete de la consulta")
    editor.dirty = False  # closed by qtbot without asking


def test_the_preview_process_speaks_the_language_the_window_speaks(
        spanish_catalogue: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview PDF is made in a process of its own, whose environment may ask for
    another language: each request carries the app's language and the render speaks it."""
    import threading
    from multiprocessing import Pipe

    from firstsession import _render

    def render(sheet: Sheet, content: object, anyway: bool) -> _render.Rendered:
        return [], i18n._("&File").encode(), None  # what the PDF's words would be in

    monkeypatch.setattr(_render, "render", render)
    ours, theirs = Pipe()
    server = threading.Thread(target=_render.serve, args=(theirs,))
    server.start()
    ours.send((Sheet(), None, False, "es"))
    assert ours.recv()[1] == b"&Archivo"
    ours.send((Sheet(), None, False, "en"))
    assert ours.recv()[1] == b"&File"
    ours.close()
    server.join(30)
    assert i18n.current() == "en"  # the window's own language is left alone


def test_the_page_keeps_its_scroll_position_across_a_switch(
        qtbot, spanish_catalogue: None) -> None:  # type: ignore[no-untyped-def]
    """Halfway down a long page, a switch of language leaves the person where they were."""
    from firstsession.sample import sample_sheet

    window = open_window(qtbot, sample_sheet())
    window.go_to("background")
    bar = window.ui.stepStack.currentWidget().verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 400)
    bar.setValue(bar.maximum() // 2)
    where = bar.value()

    choose_from_menu(window, "Español")

    new_bar = window.ui.stepStack.currentWidget().verticalScrollBar()
    assert new_bar is not bar
    qtbot.waitUntil(
        lambda: new_bar.value() == min(where, new_bar.maximum()) and new_bar.value() > 0)
    assert window.current_step() == "background"
