"""Qt's own dialogs speak Spanish: a line edit's menu, Qt's file dialog, the print dialog
and a message box's buttons, with no word left in English (issue 12, "Done when")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
)
from test_app_language import LANGUAGE_VARS, compile_catalogue

from firstsession import i18n
from firstsession.app import translator

ROOT = Path(__file__).resolve().parents[1]
# The contexts of Qt's own classes in these dialogs (other windows still open in the test
# process ask for our own words, which the catalogue tests cover). Not here: the layout
# direction (QGuiApplication, must stay "LTR") and file type names (QMimeType, from the
# system's shared-mime-info, not from Qt or us).
QT_DIALOGS = {"QFileDialog", "QFileSystemModel", "QAbstractFileIconProvider", "QSideBar",
              "QPrintDialog", "QUnixPrintWidget", "QPrintPropertiesWidget",
              "QPrintSettingsOutput", "QPageSetupWidget", "QMessageBox", "QPlatformTheme",
              "QLineEdit", "QWidgetTextControl", "QDialogButtonBox"}


class Unanswered(QTranslator):
    """Installed first, so Qt asks it last: it notes every lookup no other translator answered."""

    def __init__(self) -> None:
        super().__init__()
        self.missed: set[tuple[str, str]] = set()

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        """Notes ``(context, source_text)``; answers nothing."""
        if source_text and context in QT_DIALOGS:
            self.missed.add((context, source_text))
        return None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        """Never empty: Qt skips empty translators."""
        return False


@pytest.fixture
def spanish_qt(qapp: QApplication, monkeypatch: pytest.MonkeyPatch,
               tmp_path: Path) -> Iterator[Unanswered]:
    """The app speaks Spanish (the repository's catalogue, compiled now); a recorder notes
    every word no translator answered. English is put back afterwards."""
    for name in LANGUAGE_VARS:
        monkeypatch.delenv(name, raising=False)
    compile_catalogue(ROOT / "locale" / "es" / "LC_MESSAGES" / "firstsession.po",
                      tmp_path / "translations", "es")
    monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(tmp_path / "translations"))
    recorder = Unanswered()
    qapp.installTranslator(recorder)
    assert translator.use_language("es") == "es"
    yield recorder
    qapp.removeTranslator(recorder)
    monkeypatch.undo()
    translator.use_language("en")


def settle(qapp: QApplication) -> None:
    for _ in range(20):
        qapp.processEvents()


def test_a_text_fields_menu_says_deshacer_copiar_pegar(spanish_qt: Unanswered, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The right-click menu of a line edit and of a text box is Qt's own, in Spanish."""
    for field in (QLineEdit(), QPlainTextEdit()):
        qtbot.addWidget(field)
        texts = [a.text().split("\t")[0].replace("&", "")
                 for a in field.createStandardContextMenu().actions() if a.text()]
        assert {"Deshacer", "Rehacer", "Cortar", "Copiar", "Pegar"} <= set(texts), texts
    assert spanish_qt.missed == set()


def test_qts_file_dialog_has_no_english_word(spanish_qt: Unanswered, qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    """Qt's own file dialog (the one shown with no desktop portal, as under Xvfb): every
    label and button in Spanish, in list and detail view, to open and to save."""
    dialog = QFileDialog(None, "Abrir")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.show()
    settle(qapp)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    settle(qapp)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert "&Buscar en:" in labels and "&Tipo de archivo:" in labels, labels
    assert spanish_qt.missed == set()
    dialog.close()


def test_the_print_dialog_has_no_english_word(spanish_qt: Unanswered, qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    """Qt's print dialog, as the export step opens it, is all Spanish, options included."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qapp)
    buttons = {button.text() for button in dialog.findChildren(QAbstractButton)}
    assert "Cancelar" in buttons and "Pages" not in buttons, buttons
    assert spanish_qt.missed == set()
    dialog.close()


def test_a_message_boxs_buttons_have_no_english_word(spanish_qt: Unanswered, qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    """Every standard button the app's message boxes use is answered in Spanish."""
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                      buttons.Save | buttons.Discard | buttons.Cancel | buttons.Ok
                      | buttons.Yes | buttons.No | buttons.Close)
    qtbot.addWidget(box)
    box.show()
    settle(qapp)
    texts = {button.text() for button in box.buttons()}
    assert {"Cancelar", "Guardar", "Cerrar"} <= {t.replace("&", "") for t in texts}, texts
    assert spanish_qt.missed == set()
    box.close()
