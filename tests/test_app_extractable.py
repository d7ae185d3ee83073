"""Every word the app shows can be found by extraction (babel, with the keywords of
tools/i18n.py), and a 40%-longer pseudo-translation cuts nothing off on any step."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from test_app_language import open_window

import firstsession.app
from firstsession import content, i18n
from firstsession.app import translator
from firstsession.app.appsettings import settings
from firstsession.app.session import Session
from firstsession.app.window import MainWindow
from firstsession.model import Sheet
from firstsession.sample import sample_sheet
from firstsession.steps import STEP_IDS

APP = Path(firstsession.app.__file__).resolve().parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
            "npgettext": ((1, "c"), 2, 3), "tr": None, "translate": (2,),
            "QT_TRANSLATE_NOOP": (2,)}
LANGUAGE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def extracted() -> dict[str, tuple[str, ...]]:
    """Every message babel finds in the installed app package: msgid -> its plural too."""
    from babel.messages.extract import extract_from_file

    found: dict[str, tuple[str, ...]] = {}
    for path in sorted(APP.rglob("*.py")):
        for _line, message, _comments, _context in extract_from_file(
                "python", str(path), keywords=KEYWORDS, comment_tags=(), options={}):
            forms = (message,) if isinstance(message, str) else tuple(message)
            found.setdefault(forms[0], forms)
    return found


# The kinds a pseudo-translation found still English (issue 12), one or more of each.
KNOWN_CASES = {
    "step names in the side list (and its accessible names)": [
        "Welcome", "What to expect", "My feelings", "My background",
        "Questions for therapists", "Compare therapists", "Before the day", "Print and export",
        ", has your answers"],
    "fit ratings": ["Not rated yet", "1 \u2013 not a good fit", "5 \u2013 a very good fit"],
    "the File menu's _t() strings": [
        "Replace your sheet?", "Start a new, empty sheet?", "Use the packet from %1?",
        "What moved", "Your latest changes are not saved"],
    "the Help menu's _t() strings": [
        "Delete all my data?", "Delete everything", "Your saved sheet could not be opened",
        "Use the backup copy"],
    "tr(variable): file dialog filters and the packet editor's table": [
        "First Session sheet (*.json)", "Counsellor packet (*.json)",
        "First Session sheet or counsellor packet (*.json)",
        "PNG or JPEG image (*.png *.jpg *.jpeg)", "A&ddress", "Welcome &note",
        "Local &crisis lines", "The crisis lines", "Crisis line %1", "In person or online",
        "Add a crisis line", "(new prompt)", "Question: %1"],
    "plain literals: default file names and the print job's name": [
        "My First Session sheet", "First Session preparation", "First Session blank handout"],
    "counts: one sentence per plural form, from the catalogue": [
        "Sent {count} page to the printer.", "{count} question is now one of your own.",
        "{count} word matches.", "{group}, {count} question", "\u2022 and {count} more place"],
    "the Language menu": ["&Language", "Follow the system (%1)"],
}


@pytest.mark.parametrize("kind", sorted(KNOWN_CASES))
def test_each_known_kind_of_missed_string_is_extractable(kind: str) -> None:
    """Each kind of string a pseudo-translation found still English is now extracted."""
    found = extracted()
    missing = [text for text in KNOWN_CASES[kind] if text not in found]
    assert not missing, f"{kind}: not extractable: {missing}"


def test_counts_come_from_the_catalogue_with_both_forms() -> None:
    """A counted sentence is extracted with its plural, not as two sentences chosen in code."""
    found = extracted()
    assert found["Sent {count} page to the printer."][1] == "Sent {count} pages to the printer."
    assert "1 word matches." not in found and "%1 words match." not in found


QT_CALLS = {"tr": 0, "translate": 1}  # the argument that holds the words


def test_no_qt_translation_call_in_the_app_takes_a_variable() -> None:
    """tr()/translate() always get the words themselves (extraction cannot see a variable);
    a constant is marked N_() where it is defined and shown through _(). No helper
    hides the words from extraction (the old _t())."""
    problems = []
    for path in sorted(APP.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # The one wrapper widgets.tr(text, context): its callers pass the words, and
        # extraction reads them there (keyword "tr").
        wrappers = [range(f.lineno, (f.end_lineno or f.lineno) + 1) for f in ast.walk(tree)
                    if isinstance(f, ast.FunctionDef) and f.name == "tr"]
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and any(node.lineno in r for r in wrappers):
                continue
            if isinstance(node, ast.FunctionDef) and node.name == "_t":
                problems.append(f"{path.name}:{node.lineno}: def _t")
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
                node.func, "id", "")
            where = QT_CALLS.get(name)
            if where is None or len(node.args) <= where:
                continue
            words = node.args[where]
            if not (isinstance(words, ast.Constant) and isinstance(words.value, str)):
                problems.append(f"{path.relative_to(APP)}:{node.lineno}: {ast.unparse(node)}")
    assert not problems, "\n".join(problems)


# -- a pseudo-translation 40% longer -------------------------------------------------------

FIELD = re.compile(r"(%\d|\{\w+\}|&&|&|<[^>]*>|\n|\(\*[^)]*\))")


def lengthen(text: str) -> str:
    """``text`` 40% longer, its letters accented, fields (%1, {count}), accelerators,
    markup and file patterns kept: "Save a &copy…" -> "Šàvé à &çöpý…·····"."""
    accents = str.maketrans("aceinosuyACEINOSUY", "àçéîñöšûýÀÇÉÎÑÖŠÛÝ")
    parts = FIELD.split(text)
    out = "".join(p if FIELD.fullmatch(p) else p.translate(accents) for p in parts)
    letters = sum(len(p) for p in parts if not FIELD.fullmatch(p))
    return out + "\u00b7" * (-(-letters * 4 // 10)) if letters else out


@pytest.fixture
def pseudo_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                    qapp: QApplication) -> Iterator[str]:
    """A pseudo-language "en-XA" whose every app message is 40% longer, spoken for the
    test; English again afterwards."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalogue = Catalog(locale="en")
    for msgid, forms in extracted().items():
        if len(forms) > 1:
            catalogue.add(forms, tuple(lengthen(f) for f in forms))
        else:
            catalogue.add(msgid, lengthen(msgid))
    folder = tmp_path / "translations" / "locale" / "en_XA" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "firstsession.mo").open("wb") as out:
        write_mo(out, catalogue)
    for name in LANGUAGE_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(tmp_path / "translations"))
    settings().clear()
    assert translator.use_language("en-XA") == "en-XA"
    yield "en-XA"
    translator.use_language("en")
    settings().clear()  # no window size or last step left for the next test


def clipped(widget: QWidget) -> str | None:
    """Why ``widget`` (a shown label or button) cuts its words off, or None if it does not."""
    if isinstance(widget, QPushButton):
        if widget.width() < widget.sizeHint().width() - 1:
            return f"button {widget.text()!r}: {widget.width()} < {widget.sizeHint().width()}"
        return None
    assert isinstance(widget, QLabel)
    if not widget.text() or widget.pixmap() is not None and not widget.pixmap().isNull():
        return None
    if widget.wordWrap():
        room = widget.contentsRect().width()
        needed = widget.heightForWidth(widget.width())
        if room > 0 and needed > widget.height() + 1:
            return f"label {widget.text()[:40]!r}: height {widget.height()} < {needed}"
        return None
    if widget.width() < widget.sizeHint().width() - 1:
        return f"label {widget.text()[:40]!r}: {widget.width()} < {widget.sizeHint().width()}"
    return None


def test_a_40_percent_longer_translation_cuts_nothing_off_on_any_step(
        qtbot, pseudo_language: str, normal_app_font: None) -> None:  # type: ignore[no-untyped-def]
    """Every shown label and button on every step (and the window's own) is wide and tall
    enough for words 40% longer than English: labels wrap or grow, buttons grow."""
    window = open_window(qtbot, sample_sheet())
    assert window.ui.stepList.item(0).text() == lengthen("Welcome")
    problems = []
    for step_id in STEP_IDS:
        window.go_to(step_id)
        page = window.page(step_id)
        QApplication.processEvents()
        for widget in [*page.findChildren(QLabel), *page.findChildren(QPushButton),
                       window.ui.nextButton, window.ui.backButton, window.ui.stepCounter,
                       window.ui.countryLabel]:
            if widget.isVisibleTo(window) and widget.isVisible():
                why = clipped(widget)
                if why:
                    problems.append(f"{step_id}: {why}")
    assert not problems, "\n".join(problems)
    window.close()


def test_an_empty_sheet_with_the_pseudo_language_shows_pseudo_words_in_the_menus(
        qtbot, pseudo_language: str) -> None:  # type: ignore[no-untyped-def]
    """The menus, built from the compiled form, take their words from the catalogue too."""
    session = Session(Sheet(), content.load())
    session.autosave_enabled = False
    window = MainWindow(session)
    qtbot.addWidget(window)
    assert window.ui.menuFile.title() == lengthen("&File")
    assert window.ui.actionDeleteAll.text() == lengthen("&Delete all my data…")


def test_the_lock_screen_and_the_privacy_dialogs_cut_nothing_off_40_percent_longer(  # type: ignore[no-untyped-def]
        qtbot, pseudo_language: str, normal_app_font: None, tmp_path: Path) -> None:
    """Issue 15's windows speak the pseudo-language and fit its longer words: the Quick exit
    button, both lock screens (a passphrase asked, or only paused), Help > Privacy… and the
    passphrase dialogs (set, change, open a copy locked with another passphrase)."""
    from conftest import AnswerDialogs

    from firstsession import passphrase, vault
    from firstsession.app import lock
    from firstsession.app.privacy import PrivacyDialog
    from firstsession.app.secretdialog import SecretDialog, open_locked_copy

    window = open_window(qtbot, sample_sheet())
    locker = lock.install(window)
    problems: list[str] = []

    def look(where: str, root: QWidget) -> None:
        QApplication.processEvents()
        for widget in [root, *root.findChildren(QLabel), *root.findChildren(QPushButton)]:
            if isinstance(widget, (QLabel, QPushButton)) and widget.isVisible():
                why = clipped(widget)
                if why:
                    problems.append(f"{where}: {why}")

    assert locker.quick_exit_button.text() == lengthen("Quick exit")
    look("Quick exit", locker.quick_exit_button)
    locker.lock()
    for asks in (False, True):
        locker.screen.show_mode(asks)
        look(f"lock screen (passphrase asked: {asks})", locker.screen)
    assert locker.screen.title.text() == lengthen("Your sheet is locked")
    locker.screen.show_mode(False)
    assert locker.try_unlock()

    dialog = PrivacyDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.set_button.text() == lengthen("&Set a passphrase\u2026")
    look("Privacy", dialog)
    titles: list[str] = []

    def look_and_cancel(d: SecretDialog) -> None:
        titles.append(d.windowTitle())
        look(d.windowTitle(), d)
        d.reject()

    answers = AnswerDialogs(SecretDialog, look_and_cancel, look_and_cancel, look_and_cancel)
    assert not dialog.set_passphrase()
    dialog.change_button.setEnabled(True)
    assert not dialog.change_passphrase()
    copy = tmp_path / "copy.json"
    copy.write_bytes(vault.seal(b"{}", vault.derive("x", vault.KdfParams(1024, 1, 1))))
    assert open_locked_copy(window, copy) is None
    answers.assert_answered()
    dialog.close()
    assert titles == [lengthen("Set a passphrase"), lengthen("Change passphrase"),
                      lengthen("Open an encrypted sheet")]
    assert not passphrase.is_set()
    assert not problems, "\n".join(problems)
    window.close()
