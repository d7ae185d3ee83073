"""The counsellor packet editor as a counsellor uses it: typing, a logo, saving,
reopening, problems shown in the dialog, and a preview of the handout."""

from __future__ import annotations

from pathlib import Path

import pytest
from a11y import INTERACTIVE, is_qt_internal
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget

from firstsession import content, storage
from firstsession.app import filemenu
from firstsession.app.packet_editor import PacketEditor
from firstsession.app.session import Session
from firstsession.app.window import MainWindow, settings
from firstsession.packet_format import read_packet_file, save_packet
from firstsession.packet_sample import sample_logo, sample_packet


@pytest.fixture(autouse=True)
def quiet_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fresh settings; unsaved-changes questions answer "Discard"; warnings are recorded."""
    settings().clear()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text, *args: warnings.append(text))
    return warnings


def main_window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(Session(storage.load_saved().sheet, content.load()))
    qtbot.addWidget(window)
    window.show()
    return window


def choose_files(monkeypatch: pytest.MonkeyPatch, *, open_path: Path | None = None,
                 save_path: Path | None = None) -> list[str]:
    """The file dialogs answer with these paths; returns the titles of dialogs asked."""
    asked: list[str] = []

    def get_open(_parent: QWidget, title: str, *args: object) -> tuple[str, str]:
        asked.append(title)
        return (str(open_path) if open_path else "", "")

    def get_save(_parent: QWidget, title: str, *args: object) -> tuple[str, str]:
        asked.append(title)
        return (str(save_path) if save_path else "", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save)
    return asked


def type_into(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_make_save_and_reopen_a_packet(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A packet typed into the editor, with a logo, saves and reopens with the same values."""
    logo_file = tmp_path / "logo.png"
    logo_file.write_bytes(sample_logo().data)
    out = tmp_path / "riverside.json"
    choose_files(monkeypatch, open_path=logo_file, save_path=tmp_path / "riverside")
    window = main_window(qtbot)
    editor = filemenu.new_packet(window)
    assert not editor.problem_box.isVisible()  # a new packet is not told off before typing

    type_into(qtbot, editor.name, "Hillside Therapy")
    type_into(qtbot, editor.clinicians, "Dr. Noor Haddad")
    qtbot.keyClick(editor.clinicians, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.clinicians, "Sam Lee, LCSW")
    type_into(qtbot, editor.phone, "(555) 010-2000")
    type_into(qtbot, editor.website, "www.hillside.example.org")
    editor.practice_country.setCurrentIndex(editor.practice_country.findData("US"))
    qtbot.mouseClick(editor.logo_field.choose_button, Qt.MouseButton.LeftButton)
    assert editor.logo is not None and "240" in editor.logo_field.status.text()
    type_into(qtbot, editor.welcome_note, "Hello, and welcome.")
    editor.session_format.setCurrentIndex(editor.session_format.findData("online"))
    type_into(qtbot, editor.fees, "$100 a session.")

    qtbot.mouseClick(editor.crisis.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, editor.crisis.editors["name"], "Hillside Crisis Line")
    type_into(qtbot, editor.crisis.editors["contact"], "(555) 010-9999")
    editor.tabs.setCurrentIndex(3)  # Steps and language
    editor.step_boxes["therapists"].setFocus()
    qtbot.keyClick(editor.step_boxes["therapists"], Qt.Key.Key_Space)
    qtbot.mouseClick(editor.prompts.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, editor.prompts.editors["label"], "Who supports you?")
    editor.prompts_mode.setCurrentIndex(1)
    qtbot.mouseClick(editor.questions.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, editor.questions.editors["text"], "Do you offer evening sessions?")
    type_into(qtbot, editor.questions.editors["why"], "Work hours matter.")
    assert editor.error is None and not editor.problem_box.isVisible()
    assert editor.dirty and editor.windowTitle().endswith("*")

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.path == out and not editor.dirty
    packet = read_packet_file(out)
    assert packet.practice.name == "Hillside Therapy"
    assert packet.practice.clinicians == ["Dr. Noor Haddad", "Sam Lee, LCSW"]
    assert packet.practice.website == "www.hillside.example.org"
    assert packet.logo is not None and packet.logo.data == sample_logo().data
    assert packet.welcome_note == "Hello, and welcome." and packet.fees == "$100 a session."
    assert packet.session_format == "online"
    assert [(c.name, c.contact) for c in packet.crisis_lines] == [
        ("Hillside Crisis Line", "(555) 010-9999")]
    assert "therapists" not in packet.steps and "feelings" in packet.steps
    assert [p.label for p in packet.prompts] == ["Who supports you?"]
    assert packet.prompts_mode == "replace"
    assert [(q.text, q.why) for q in packet.questions] == [
        ("Do you offer evening sessions?", "Work hours matter.")]
    editor.close()

    again = filemenu.edit_packet(window, out)
    assert again is not None
    assert again.name.text() == "Hillside Therapy"
    assert again.clinicians.toPlainText() == "Dr. Noor Haddad\nSam Lee, LCSW"
    assert again.crisis.editors["contact"].text() == "(555) 010-9999"
    assert not again.step_boxes["therapists"].isChecked()
    assert again.prompts.editors["label"].text() == "Who supports you?"
    assert again.logo == packet.logo
    assert again.check() == packet and not again.dirty


def test_problem_is_shown_inline_and_save_is_refused(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A crisis line without a contact: the problem is named in the dialog and nothing is saved."""
    asked = choose_files(monkeypatch, save_path=tmp_path / "p.json")
    editor = PacketEditor(content.load())
    qtbot.addWidget(editor)
    editor.show()
    type_into(qtbot, editor.name, "Hillside")
    editor.practice_country.setCurrentIndex(editor.practice_country.findData("US"))
    qtbot.mouseClick(editor.crisis.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, editor.crisis.editors["name"], "Night line")
    assert editor.problem_box.isVisible()
    assert "Crisis line 1: contact is empty" in editor.problem_label.text()
    assert editor.error is not None and editor.error.field == "crisis_lines[0].contact"

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert asked == [] and not (tmp_path / "p.json").exists()
    assert editor.focusWidget() is editor.crisis.editors["contact"]  # taken to the field to fix
    assert editor.tabs.currentIndex() == 2
    type_into(qtbot, editor.crisis.editors["contact"], "555 0100")
    assert not editor.problem_box.isVisible()

    editor.name.clear()
    assert "The practice name is empty" in editor.problem_label.text()
    assert not editor.save_as()
    assert not (tmp_path / "p.json").exists()


def test_a_bad_logo_is_explained_and_the_old_one_kept(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A file that is not a PNG or JPEG is refused in plain words; the logo stays as it was."""
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"GIF89a not really a png")
    choose_files(monkeypatch, open_path=fake)
    editor = PacketEditor(content.load(), sample_packet())
    qtbot.addWidget(editor)
    before = editor.logo
    qtbot.mouseClick(editor.logo_field.choose_button, Qt.MouseButton.LeftButton)
    assert editor.logo == before
    assert "not a PNG or JPEG" in editor.logo_field.status.text()
    qtbot.mouseClick(editor.logo_field.remove_button, Qt.MouseButton.LeftButton)
    assert editor.logo is None and editor.packet().logo is None


def test_preview_follows_the_packet(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The preview shows the handout (or the details) after a pause, and waits on a problem."""
    editor = PacketEditor(content.load(), sample_packet())
    qtbot.addWidget(editor)
    editor.show()
    assert editor.preview.pdf.has_view()
    assert editor.preview.stack.currentWidget() is editor.preview.pdf
    view = editor.preview.pdf.view
    assert view.document().pageCount() >= 1
    editor.name.clear()
    assert editor._preview_timer.isActive()
    editor.refresh_preview()
    assert editor.preview.status.text() == (
        "The preview waits until this is fixed, on the Practice tab: "
        "The practice name is empty.")


def test_every_control_in_the_editor_has_an_accessible_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Walks every widget of every tab of a filled editor; labels are buddies of their fields."""
    editor = PacketEditor(content.load(), sample_packet())
    qtbot.addWidget(editor)
    editor.show()
    for i in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(i)
    missing = [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in editor.findChildren(QWidget)
        if isinstance(w, INTERACTIVE) and not w.accessibleName().strip() and not is_qt_internal(w)
    ]
    assert missing == []
    buddies = {label.buddy() for label in editor.findChildren(QLabel) if label.buddy()}
    for field in (editor.name, editor.clinicians, editor.email, editor.welcome_note,
                  editor.fees, editor.language, editor.session_format,
                  editor.crisis.editors["contact"], editor.questions.editors["why"]):
        assert field in buddies, field.accessibleName()


def test_edit_packet_refuses_a_bad_file_with_one_message(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, quiet_dialogs: list[str]
) -> None:
    """File > Edit counsellor packet on a damaged file: one message, no editor."""
    window = main_window(qtbot)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "firstsession-packet"', encoding="utf-8")
    assert filemenu.edit_packet(window, bad) is None
    assert len(quiet_dialogs) == 1 and "damaged" in quiet_dialogs[0]
    good = tmp_path / "good.json"
    save_packet(sample_packet(), good)
    editor = filemenu.edit_packet(window, good)
    assert editor is not None and editor.windowTitle().endswith("good.json")


def test_prompts_can_be_added_reordered_and_removed(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The prompt list: Add, Move up and Remove change the packet's prompts, ids kept."""
    editor = PacketEditor(content.load(), sample_packet())
    qtbot.addWidget(editor)
    prompts = editor.prompts
    qtbot.mouseClick(prompts.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, prompts.editors["label"], "What are you hoping for?")
    qtbot.mouseClick(prompts.up_button, Qt.MouseButton.LeftButton)
    assert [p.id for p in editor.packet().prompts] == ["best-times", "prompt-1", "support-people"]
    prompts.list.setCurrentRow(0)
    qtbot.mouseClick(prompts.remove_button, Qt.MouseButton.LeftButton)
    packet = editor.check()
    assert packet is not None
    assert [p.label for p in packet.prompts] == [
        "What are you hoping for?", "Who in your life supports you right now?"]


# -- issue 9: every tab named whole, a readable preview, problems beside their fields,
# language and country as choices ---------------------------------------------------------


@pytest.mark.parametrize("scale", [1.0, 2.0], ids=["normal text", "200% text"])
def test_every_tab_name_is_shown_whole_when_the_editor_opens(qtbot, scale: float) -> None:  # type: ignore[no-untyped-def]
    """No scroll arrows on the tab bar and every tab inside it, at normal and 200% text;
    at normal text the editor opens within the screen, at 200% it fits 1024 pixels."""
    from conftest import NORMAL_POINT_SIZE, app_font
    from PySide6.QtWidgets import QApplication, QToolButton

    from firstsession.app.main import stylesheet

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    with app_font("Noto Sans", NORMAL_POINT_SIZE * scale):
        app.setStyleSheet(stylesheet())
        try:
            editor = PacketEditor(content.load(), sample_packet())
            qtbot.addWidget(editor)
            editor.show()
            bar = editor.tabs.tabBar()
            qtbot.waitUntil(lambda: bar.isVisible() and bar.width() > 0)
            arrows = [b for b in bar.findChildren(QToolButton) if b.isVisible()]
            assert arrows == []
            for i in range(bar.count()):
                assert bar.rect().contains(bar.tabRect(i)), bar.tabText(i)
                assert bar.tabRect(i).width() >= bar.tabSizeHint(i).width(), bar.tabText(i)
            screen = editor.screen().availableGeometry()
            # Never opened larger than the screen (unless the whole tab bar needs more).
            assert editor.height() <= screen.height()
            assert editor.width() <= max(screen.width(), editor.minimumSizeHint().width())
            if scale == 1.0:
                assert editor.width() <= screen.width()
            else:
                assert editor.minimumSizeHint().width() <= 1024
        finally:
            app.setStyleSheet("")


def test_the_preview_fits_its_width_and_zooms_in_and_out(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The handout opens fitted to the preview's width, at a readable size; Zoom in, Zoom
    out and Fit width (named for screen readers) change it, and the size is said."""
    editor = PacketEditor(content.load(), sample_packet())
    qtbot.addWidget(editor)
    editor.show()
    preview = editor.preview
    assert preview.pdf.has_view() and preview.stack.currentWidget() is preview.pdf
    view = preview.pdf.view
    qtbot.waitUntil(lambda: view.viewport().width() > 100)
    names = {b.accessibleName() for b in (preview.zoom_in_button, preview.zoom_out_button,
                                          preview.fit_button)}
    assert names == {"Zoom in", "Zoom out", "Fit the preview to its width"}
    assert preview.fit_button.isChecked() and preview.zoom_label.text() == "Fits the width"
    fitted = preview.zoom()
    page_width = preview.pdf.document.pagePointSize(0).width() * view.logicalDpiX() / 72
    margins = view.documentMargins()
    assert page_width * fitted == pytest.approx(
        view.viewport().width() - margins.left() - margins.right(), abs=1)
    assert fitted >= 0.5  # at least half the printed size: body text stays readable

    qtbot.mouseClick(preview.zoom_in_button, Qt.MouseButton.LeftButton)
    assert preview.zoom() == pytest.approx(fitted * 1.25)
    assert not preview.fit_button.isChecked()
    assert preview.zoom_label.text() == f"{round(fitted * 125)}%"
    qtbot.mouseClick(preview.zoom_out_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(preview.zoom_out_button, Qt.MouseButton.LeftButton)
    assert preview.zoom() == pytest.approx(fitted / 1.25)
    for _ in range(20):
        qtbot.mouseClick(preview.zoom_out_button, Qt.MouseButton.LeftButton)
    assert preview.zoom() == pytest.approx(0.25)
    qtbot.mouseClick(preview.fit_button, Qt.MouseButton.LeftButton)
    assert preview.fit_button.isChecked() and preview.zoom() == pytest.approx(fitted)


def test_a_problem_is_named_under_its_field_and_by_the_preview(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The problem shows under the field that causes it (and in its description for screen
    readers); the preview names the same problem and its tab, even before any typing."""
    editor = PacketEditor(content.load())
    qtbot.addWidget(editor)
    editor.show()
    # A new packet: no telling off under the fields, but the preview says what it waits for.
    assert editor.preview.status.text() == (
        "The preview waits until this is fixed, on the Practice tab: The practice name is empty.")
    assert [n for n in editor.findChildren(QLabel, "fieldProblem") if not n.isHidden()] == []

    type_into(qtbot, editor.name, "Hillside")
    editor.practice_country.setCurrentIndex(editor.practice_country.findData("US"))
    qtbot.mouseClick(editor.crisis.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, editor.crisis.editors["name"], "Night line")
    editor.refresh_preview()
    note = editor.crisis.notes["contact"]
    assert not note.isHidden() and note.text() == "Crisis line 1: contact is empty."
    assert note.accessibleName() == note.text()
    assert editor.crisis.editors["contact"].accessibleDescription().startswith(
        "Crisis line 1: contact is empty.")
    assert editor.preview.status.text() == (
        "The preview waits until this is fixed, on the "
        "Local crisis lines tab: Crisis line 1: contact is empty.")
    shown = [n for n in editor.findChildren(QLabel, "fieldProblem") if not n.isHidden()]
    assert shown == [note]

    # Another entry shown: the problem moves under the list, still named.
    qtbot.mouseClick(editor.crisis.add_button, Qt.MouseButton.LeftButton)
    assert note.isHidden()
    assert not editor.crisis.notes[""].isHidden()
    assert editor.crisis.notes[""].text() == "Crisis line 1: contact is empty."
    editor.crisis.list.setCurrentRow(0)
    type_into(qtbot, editor.crisis.editors["contact"], "555 0100")
    editor.crisis.list.setCurrentRow(1)
    type_into(qtbot, editor.crisis.editors["name"], "Day line")
    type_into(qtbot, editor.crisis.editors["contact"], "555 0200")
    assert editor.error is None
    assert [n for n in editor.findChildren(QLabel, "fieldProblem") if not n.isHidden()] == []
    contact = editor.crisis.editors["contact"]
    assert contact.accessibleDescription() == "For example: Call or text 988"

    # A field on the first tab: the note is right under it.
    editor.name.clear()
    assert editor.problem_notes[editor.name].text() == "The practice name is empty."
    assert not editor.problem_notes[editor.name].isHidden()


def test_language_and_country_are_chosen_from_lists(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Language and country are lists (English, Spanish; every ISO 3166 country), named for
    screen readers, and make the packet's language tag."""
    from PySide6.QtWidgets import QComboBox

    editor = PacketEditor(content.load(), sample_packet())
    qtbot.addWidget(editor)
    editor.show()
    assert isinstance(editor.language, QComboBox) and isinstance(editor.country, QComboBox)
    assert not editor.language.isEditable() and not editor.country.isEditable()
    languages = [editor.language.itemText(i) for i in range(editor.language.count())]
    assert languages == ["English", "Spanish (español)"]
    assert editor.country.itemText(0) == "Not said"
    assert editor.country.count() == 1 + 249
    codes = {editor.country.itemData(i) for i in range(editor.country.count())}
    assert {"MX", "US", "GB", "NZ"} <= codes and not codes & {"EU", "ZZ", "UN"}
    # The name set for screen readers (what QAccessible says for a combo box is the
    # accessibility part's to fix, for every combo box at once).
    assert editor.language.accessibleName() == "Language of your clients"
    assert editor.country.accessibleName() == "Country or region (optional)"

    editor.language.setCurrentIndex(editor.language.findData("es"))
    editor.country.setCurrentIndex(editor.country.findText("Mexico"))
    packet = editor.check()
    assert packet is not None and packet.language == "es-MX"
    assert editor.dirty
    editor.country.setCurrentIndex(0)
    assert editor.packet().language == "es"


@pytest.mark.parametrize(("tag", "language", "country"), [
    ("zh-Hant-TW", "Chinese (Traditional) (中文 (繁體))", "Taiwan"),
    ("es-419", "Spanish (español)", "Latin America"),
    ("EN-gb", "English", "United Kingdom"),
    ("tlh", "tlh", "Not said"),
])
def test_a_loaded_packets_language_is_kept_as_it_was(  # type: ignore[no-untyped-def]
        qtbot, tag: str, language: str, country: str) -> None:
    """A packet's own language (one not offered, or a region outside ISO 3166) is offered
    and chosen, so opening and saving it keeps the same tag."""
    packet = sample_packet()
    packet.language = tag
    editor = PacketEditor(content.load(), packet)
    qtbot.addWidget(editor)
    assert editor.language.currentText() == language
    assert editor.country.currentText() == country
    kept = editor.check()
    assert kept is not None and kept.language.casefold() == tag.casefold()
    assert not editor.dirty


@given(st.from_regex(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}", fullmatch=True))
def test_a_language_tag_splits_into_language_and_country_and_back(tag: str) -> None:
    """Any valid tag, split into the two choices and joined again, is the same tag (the
    country part upper-cased, as tags write it)."""
    from firstsession.languagetags import join_tag, split_tag

    language, country = split_tag(tag)
    assert join_tag(language, country).casefold() == tag.casefold()
    assert country == country.upper()
    assert language and "-" not in country


# -- issue 10: the form is one table of the packet's fields --------------------------------


def test_the_form_table_has_one_row_for_every_field_of_the_packet_format() -> None:
    """Every field of Packet and Practice is one row of the editor's table, and every field
    of a list's entries is shown or kept hidden by its row: a new field needs a row."""
    from dataclasses import fields
    from typing import get_type_hints

    from firstsession.app.packet_editor.table import TABS, Kind
    from firstsession.packet import Packet, Practice

    def names(cls: type, prefix: str = "") -> list[str]:
        return sorted(prefix + f.name for f in fields(cls))

    format_fields = sorted(
        [n for n in names(Packet) if n != "practice"] + names(Practice, "practice."))
    rows = [row for tab in TABS for row in tab.rows]
    assert sorted(row.path for row in rows) == format_fields
    hints = get_type_hints(Packet)
    for row in rows:
        if row.kind is Kind.LIST:
            assert row.items is not None
            assert hints[row.path] == list[row.items.item], row.path
            kept = [part.key for part in row.items.parts] + list(row.items.hidden)
            assert sorted(kept) == names(row.items.item), row.path


def test_every_field_of_a_packet_goes_through_the_editor_unchanged(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A packet with every field set away from its default is shown and read back from
    the editor's fields exactly (a field missing from loading or saving would be lost)."""
    from dataclasses import fields

    from firstsession.packet import Packet, Practice

    packet = sample_packet()
    packet.language = "es-MX"
    packet.steps = [s for s in packet.steps if s != "therapists"]
    packet.prompts_mode = packet.questions_mode = "replace"
    packet.questions[0].category = "practice-own"
    for cls, value, default in ((Packet, packet, Packet()),
                                (Practice, packet.practice, Practice())):
        same = [f.name for f in fields(cls) if getattr(value, f.name) == getattr(default, f.name)]
        assert same == [], f"set {same} in this test to something not the default"
    editor = PacketEditor(content.load(), packet)
    qtbot.addWidget(editor)
    assert editor.packet() == packet
    assert not editor.dirty
