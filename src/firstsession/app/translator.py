"""Qt's ``tr()`` answered from our gettext catalogue, and Qt's own words in the same language.

The app keeps Qt's ``self.tr()`` / ``QCoreApplication.translate(context, text)`` calls;
``GettextTranslator`` forwards each lookup to ``firstsession.i18n``, so the app, the
command line and the PDF share one catalogue per language (docs/TRANSLATING.md). The
context (the class name) is ignored: one English sentence has one translation, unless
the catalogue holds a ``pgettext`` entry for the disambiguation Qt passes.

Qt's own strings (QMessageBox's buttons, QFileDialog, a line edit's context menu) come
from the ``qtbase_<lang>.qm`` PySide6 ships: ``use_language`` installs both.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, QTranslator

from firstsession import i18n

_installed: list[QTranslator] = []  # kept alive here: Qt does not own installed translators


class GettextTranslator(QTranslator):
    """A QTranslator whose words come from ``firstsession.i18n`` (the current language)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def translate(  # noqa: D401 (Qt's name and signature)
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        """The catalogue's translation of ``source_text``; None when it has none, so Qt
        tries the next translator and finally shows ``source_text`` itself."""
        if not source_text:
            return None
        if disambiguation:
            found = i18n.pgettext(disambiguation, source_text)
            if found != source_text:
                return found
        found = i18n._(source_text)
        return found if found != source_text else None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        """Never empty: Qt skips empty translators."""
        return False

    def language(self) -> str:
        """The language answered, as a tag ("es")."""
        return i18n.current()


def qt_translations_dir() -> str:
    """The folder of Qt's own ``.qm`` files (PySide6 ships them)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def qt_base_translator(language: str) -> QTranslator | None:
    """Qt's own words (``qtbase_<lang>.qm``) for ``language`` ("es-MX" tries es_MX, then
    es); None for English, and when Qt ships no file for it."""
    if language == i18n.SOURCE_LANGUAGE:
        return None
    folder = qt_translations_dir()
    parts = language.split("-")
    for code in ("_".join(parts[:i]) for i in range(len(parts), 0, -1)):
        translator = QTranslator()
        if translator.load(f"qtbase_{code}", folder):
            return translator
    return None


def use_language(tag: str | None) -> str:
    """Speak ``tag`` (None = follow the system) in the whole app from now on: the
    catalogue (``i18n.set_language``), our translator and Qt's own. Qt then sends every
    widget a LanguageChange event. Returns the language chosen ("en", "es")."""
    chosen = i18n.set_language(tag)
    app = QCoreApplication.instance()
    if app is None:
        return chosen
    old = list(_installed)
    _installed.clear()
    # Ours first, then Qt's: the last installed is asked first, and qtbase answers only
    # for Qt's own classes (QFileDialog, QPlatformTheme…), which our code never names.
    ours = GettextTranslator()
    app.installTranslator(ours)
    _installed.append(ours)
    base = qt_base_translator(chosen)
    if base is not None:
        app.installTranslator(base)
        _installed.append(base)
    for translator in old:
        app.removeTranslator(translator)
    return chosen


def installed() -> list[QTranslator]:
    """The translators ``use_language`` installed (ours, then Qt's own if any)."""
    return list(_installed)
