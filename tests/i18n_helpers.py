"""Helpers for the translation tests: the i18n tool, a language switched on for one test,
and every word a window or a PDF shows, with where it was seen.

The words are read as a person meets them: a widget's text, placeholder, tooltip,
accessible name and description, window title, menus and actions, item views' data, and a
PDF's page text, metadata title and form fields' tooltips (what a PDF viewer shows).
"""

from __future__ import annotations

import html
import importlib.util
import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "i18n.py"


def load_tool() -> ModuleType:
    """tools/i18n.py as a module (tools/ is not a package); loaded once."""
    name = "firstsession_i18n_tool"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _forget_content() -> None:
    """Content read in another language is not reused (content.load is cached)."""
    from firstsession import content

    for name in ("load", "in_language"):
        cached = getattr(content, name, None)
        if cached is not None and hasattr(cached, "cache_clear"):
            cached.cache_clear()


@contextmanager
def speaking(tag: str, translations_dir: Path | None, monkeypatch: Any) -> Iterator[str]:
    """The whole program (domain, and the app's tr() when a QApplication exists) speaks
    ``tag`` inside the block, with ``translations_dir`` as FIRSTSESSION_TRANSLATIONS_DIR;
    English and no extra folder again afterwards. Yields the language chosen."""
    from firstsession import i18n

    if translations_dir is not None:
        monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(translations_dir))
    _forget_content()
    remove = _install_translator()
    try:
        chosen = i18n.set_language(tag)
        yield chosen
    finally:
        remove()
        monkeypatch.delenv(i18n.TRANSLATIONS_ENV, raising=False)
        i18n.set_language(i18n.SOURCE_LANGUAGE)
        _forget_content()


def _install_translator() -> Any:
    """Qt's tr() answered from the gettext catalogue: the app's own translator
    (app/translator.py, from h12-app) when it is there, else the same forwarding in a few
    lines here, so this branch can measure what stays English. Returns the undo."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    app = QCoreApplication.instance()
    if app is None:
        return lambda: None
    try:
        from firstsession.app.translator import GettextTranslator  # type: ignore[import-not-found]
    except ImportError:
        from firstsession import i18n

        class GettextTranslator(QTranslator):  # type: ignore[no-redef]
            def translate(self, context: str, source: str, disambiguation: str | None = None,
                          n: int = -1) -> str | None:
                found = i18n._(source) if source else source
                return found if found != source else None

            def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
                return False

    translator = GettextTranslator()
    app.installTranslator(translator)
    return lambda: app.removeTranslator(translator)


# -- the words on screen -----------------------------------------------------------------


TAG = re.compile(r"<[^<>]*>")


def plain(text: str) -> str:
    """The words a person reads: rich text without its tags and entities; plain text
    without its accelerator marks ("Cl&inicians" reads "Clinicians", "&&" reads "&")."""
    if "<" in text and ">" in text:
        return html.unescape(TAG.sub(" ", text))
    return re.sub(r"&(\S)", r"\1", text)  # "Antigua & Barbuda" keeps its "&"


def widget_texts(root: Any, where: str, *, menus: bool = True) -> Iterator[tuple[str, str]]:
    """(where it was seen, the text) for every visible widget under ``root`` (itself too),
    every visible item view's data and (with ``menus``) the window's menus and actions."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QHeaderView,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTabBar,
        QTextEdit,
        QWidget,
    )

    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible():
            continue
        name = f"{where}: {type(widget).__name__} {widget.objectName()!r}"
        pairs: list[tuple[str, str]] = [
            ("tooltip", widget.toolTip()), ("accessible name", widget.accessibleName()),
            ("accessible description", widget.accessibleDescription()),
            ("status tip", widget.statusTip()), ("what's this", widget.whatsThis()),
        ]
        if widget.isWindow():
            pairs.append(("window title", widget.windowTitle()))
        if isinstance(widget, QLabel):
            pairs.append(("text", widget.text()))
        elif isinstance(widget, QAbstractButton):
            pairs.append(("text", widget.text()))
        elif isinstance(widget, QGroupBox):
            pairs.append(("title", widget.title()))
        elif isinstance(widget, QLineEdit):
            pairs.append(("placeholder", widget.placeholderText()))
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            pairs.append(("placeholder", widget.placeholderText()))
            if widget.isReadOnly():  # our words (a guide), not the person's
                pairs.append(("text", widget.toPlainText()))
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                pairs.append((f"tab {index}", widget.tabText(index)))
                pairs.append((f"tab {index} tooltip", widget.tabToolTip(index)))
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                pairs.append((f"item {index}", widget.itemText(index)))
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) \
                and widget.model() is not None:
            pairs.extend(_model_texts(widget.model(), widget))
        for what, text in pairs:
            if text and text.strip():
                yield f"{name} {what}", plain(text)
    menubar = getattr(root, "menuBar", None)
    if menus and callable(menubar):
        yield from _action_texts(menubar().actions(), f"{where}: menu")


def _model_texts(model: Any, view: Any) -> Iterator[tuple[str, str]]:
    from PySide6.QtCore import QModelIndex, Qt

    roles = {"display": Qt.ItemDataRole.DisplayRole, "tooltip": Qt.ItemDataRole.ToolTipRole,
             "accessible text": Qt.ItemDataRole.AccessibleTextRole,
             "accessible description": Qt.ItemDataRole.AccessibleDescriptionRole}

    def walk(parent: QModelIndex) -> Iterator[tuple[str, str]]:
        for row in range(model.rowCount(parent)):
            if hasattr(view, "isRowHidden") and not parent.isValid():
                try:
                    if view.isRowHidden(row):
                        continue
                except TypeError:  # QTreeView.isRowHidden(row, parent)
                    if view.isRowHidden(row, parent):
                        continue
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                for role_name, role in roles.items():
                    value = model.data(index, role)
                    if isinstance(value, str):
                        yield f"row {row} col {column} {role_name}", value
                if column == 0 and _has_children(model, index):
                    yield from walk(index)
        for section in range(_columns(model, parent) if not parent.isValid() else 0):
            value = model.headerData(section, Qt.Orientation.Horizontal,
                                     Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield f"header {section}", value

    yield from walk(QModelIndex())


def _has_children(model: Any, index: Any) -> bool:
    try:
        return bool(model.hasChildren(index))
    except TypeError:  # a list or table model: PySide hides hasChildren; none has any
        return False


def _columns(model: Any, parent: Any) -> int:
    try:
        return int(model.columnCount(parent))
    except TypeError:  # a list model: PySide hides columnCount, a list has one column
        return 1


def _action_texts(actions: list[Any], where: str) -> Iterator[tuple[str, str]]:
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue
        label = f"{where} {action.text().replace('&', '')!r}"
        for what, text in (("text", action.text()), ("tooltip", action.toolTip()),
                           ("status tip", action.statusTip())):
            if text and text.strip():
                yield f"{label} {what}", plain(text)
        menu = action.menu()
        if menu is not None:
            menu.aboutToShow.emit()  # menus filled when opened (the Language menu)
            yield from _action_texts(menu.actions(), label)


# -- the words in a PDF ------------------------------------------------------------------


def pdf_texts(data: bytes, where: str) -> Iterator[tuple[str, str]]:
    """(where, text) for each page's text, the document title and each form field's
    tooltip of the PDF ``data`` (read with pypdf, as a viewer shows them)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    for number, page in enumerate(reader.pages, start=1):
        yield f"{where} page {number}", page.extract_text() or ""
    if reader.metadata is not None and reader.metadata.title:
        yield f"{where} title", str(reader.metadata.title)
    for name, field in (reader.get_fields() or {}).items():
        tip = field.get("/TU")
        if tip:
            yield f"{where} field {name!r} tooltip", str(tip)


# -- what stays English ------------------------------------------------------------------


BRACKETED = re.compile(r"⁅[^⁅⁆]*⁆")
CUT = re.compile(r"⁅[^⁅⁆]*$")  # a pseudo-translation whose end was cut off: not English
ASCII_WORD = re.compile(r"[A-Za-z]{3,}")


def _blank(match: re.Match[str]) -> str:
    """A removed stretch of text, its line breaks kept (so lines still line up)."""
    return " " + "\n" * match.group(0).count("\n")


def english_lines(text: str, own_words: list[str],
                  allowed: list[re.Pattern[str]]) -> list[tuple[str, list[str]]]:
    """(the line, its English words) for each line of ``text`` holding a run of 3+ ASCII
    letters outside ⁅ ⁆ (the pseudo-translation's marks), once the person's own words
    (matched across line breaks) and the ``allowed`` patterns are taken out."""
    original = text.split("\n")
    for phrase in own_words:
        pattern = r"\s+".join(re.escape(word) for word in phrase.split())
        text = re.sub(pattern, _blank, text)
    for allowed_pattern in allowed:
        text = allowed_pattern.sub(_blank, text)
    while True:
        shorter = BRACKETED.sub(_blank, text)
        if shorter == text:
            break
        text = shorter
    text = CUT.sub(_blank, text)
    found = []
    for number, line in enumerate(text.split("\n")):
        words = ASCII_WORD.findall(line)
        if words:
            found.append((original[number].strip(), words))
    return found


def english_left(text: str, own_words: list[str], allowed: list[re.Pattern[str]]) -> list[str]:
    """Every English word ``english_lines`` finds in ``text``, in order."""
    return [word for _line, words in english_lines(text, own_words, allowed) for word in words]


def strings_in(data: Any) -> Iterator[str]:
    """Every string inside ``data`` (dicts, lists, dataclasses' dicts)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings_in(value)
    elif isinstance(data, list | tuple | set | frozenset):
        for value in data:
            yield from strings_in(value)
    elif hasattr(data, "__dict__") or hasattr(data, "__slots__"):
        import dataclasses

        if dataclasses.is_dataclass(data) and not isinstance(data, type):
            for field in dataclasses.fields(data):
                yield from strings_in(getattr(data, field.name))
        elif hasattr(data, "_asdict"):
            yield from strings_in(data._asdict())
