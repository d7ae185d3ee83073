"""Qt's own words that our catalogue answers before Qt's ``qtbase_<lang>.qm`` does.

Qt's Spanish file lacks a few labels its dialogs ask for ("&Look in:", "Files of &type:"
in the non-native file dialog, "Page &Set:" in the print dialog) and says "fichero" and
"directorio" (Spain's words) where the rest of the app says "archivo" and "carpeta". Each
string is listed here with Qt's context, exactly as Qt asks for it (the context and text
were recorded from the dialogs of the PySide6 we ship), so extraction puts it in our
catalogue and translators give it in their language. ``translator.GettextTranslator``
answers a Qt class's context (``QFileDialog``...) only for the pairs listed here; every
other Qt word still comes from Qt's own file.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (Qt's name; extracted)
    """``text`` unchanged: marks a Qt word for extraction, as Qt's macro does (typed as str)."""
    return text

QT_WORDS: frozenset[tuple[str, str]] = frozenset((
    # The file dialog (non-native): labels Qt's Spanish file lacks.
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "&Look in:")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Look in:")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Files of type:")),
    # The file dialog: "file" and "folder" as the app says them.
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "File &name:")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Parent Directory")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Go to the parent directory")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Directory:")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Directories")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Find Directory")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Could not delete directory.")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "All Files (*)")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "File Folder")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Show &hidden files")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog",
                                      "%1 already exists.\nDo you want to replace it?")),
    ("QFileDialog", QT_TRANSLATE_NOOP(
        "QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given.")),
    ("QFileDialog", QT_TRANSLATE_NOOP(
        "QFileDialog",
        "%1\nDirectory not found.\nPlease verify the correct directory name was given.")),
    ("QFileSystemModel", QT_TRANSLATE_NOOP("QFileSystemModel", "Invalid filename")),
    ("QAbstractFileIconProvider", QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive")),
    ("QAbstractFileIconProvider", QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder")),
    # The print dialog (found by tests/test_qt_own_words.py, which notes every lookup that
    # no translator answers while Qt's dialogs are open).
    ("QPrintWidget", QT_TRANSLATE_NOOP("QPrintWidget", "Output &file:")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Pages")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Double Sided Printing")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Off")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Long side binding")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Short side binding")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP(
        "QPrintSettingsOutput",
        "Specify pages or ranges separated by commas. Ranges are specified by two numbers "
        "separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.")),
    ("QPrintDialog", QT_TRANSLATE_NOOP("QPrintDialog", "Print To File ...")),
    ("QPrintDialog", QT_TRANSLATE_NOOP(
        "QPrintDialog", "%1 is a directory.\nPlease choose a different file name.")),
    ("QPrintDialog", QT_TRANSLATE_NOOP(
        "QPrintDialog", "File %1 is not writable.\nPlease choose a different file name.")),
))


def is_qt_context(context: str) -> bool:
    """True for a Qt class's context ("QFileDialog"), False for ours ("MainWindow",
    "QuestionsPage": Qt's classes are a Q and a capital letter)."""
    return len(context) > 1 and context[0] == "Q" and context[1].isupper()


def answers(context: str, source_text: str) -> bool:
    """Whether our catalogue, not Qt's own file, answers this lookup: always for our
    classes, for a Qt class only for the pairs in ``QT_WORDS``."""
    return not is_qt_context(context) or (context, source_text) in QT_WORDS
