"""A client opens a counsellor packet in the app: branding, prompts, questions, crisis
lines and steps follow the packet; bad and hostile packets change nothing."""

from __future__ import annotations

import gc
import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from firstsession import content, files, paths, storage
from firstsession.app import filemenu
from firstsession.app.session import Session
from firstsession.app.window import MainWindow, settings
from firstsession.model import Sheet
from firstsession.packet import Packet, PacketPrompt, Practice
from firstsession.packet_format import save_packet
from firstsession.packet_sample import PRACTICE_NAME, sample_packet
from firstsession.steps import STEP_IDS

HOSTILE = "<b>bold</b> <a href='http://x'>link</a> {{ 7*7 }}"


@pytest.fixture(autouse=True)
def fresh_settings() -> None:
    settings().clear()


def open_app(qtbot, sheet: Sheet | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    outcome = storage.load_saved()
    window = MainWindow(Session(sheet or outcome.sheet, content.load()))
    qtbot.addWidget(window)
    window.show()
    return window


def write_packet(folder: Path, packet: Packet, name: str = "packet.json") -> Path:
    path = folder / name
    save_packet(packet, path)
    return path


def texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_open_sample_packet_brands_the_app(qtbot, tmp_path: Path, messages: list[str]) -> None:  # type: ignore[no-untyped-def]
    """File > Open on a packet starts a sheet from it: name, logo, note, prompts, questions."""
    packet = sample_packet()
    packet.prompts_mode = "replace"
    window = open_app(qtbot)
    assert filemenu.open_sheet(window, write_packet(tmp_path, packet))
    assert messages == []
    sheet = window.session.sheet
    assert sheet.packet is not None and sheet.packet["practice"]["name"] == PRACTICE_NAME
    assert window.current_step() == "welcome"

    welcome = window.page("welcome")
    shown = texts(welcome)
    assert PRACTICE_NAME in shown
    assert packet.welcome_note.strip() in shown
    logo = welcome.findChild(QLabel, "practiceLogo")
    assert logo is not None and not logo.pixmap().isNull()
    assert "(555) 014-7700" in window.ui.crisisLabel.text()  # the local line, first

    window.go_to("background")
    background = window.page("background")
    prompts = [e.prompt.label for e in background.culture_editors]
    assert prompts == [p.label for p in packet.prompts]  # replace mode: only the packet's
    window.go_to("questions")
    tree = window.page("questions").tree
    categories = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert categories[-1] == PRACTICE_NAME
    practice = tree.topLevelItem(tree.topLevelItemCount() - 1)
    assert [practice.child(i).text(0) for i in range(practice.childCount())] == [
        q.text for q in packet.questions]


def test_packet_prompts_are_added_to_the_bank_in_add_mode(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """In add mode the bank's culture prompts come first, then the packet's."""
    window = open_app(qtbot)
    window.go_to("background")  # built before the packet arrives: must be rebuilt
    bank = [p.label for p in window.session.content.culture_prompts]
    filemenu.open_sheet(window, write_packet(tmp_path, sample_packet()))
    window.go_to("background")
    labels = [e.prompt.label for e in window.page("background").culture_editors]
    assert labels[: len(bank)] == bank
    assert labels[len(bank):] == [p.label for p in sample_packet().prompts]


def test_left_out_steps_are_hidden_and_skipped(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Steps the packet leaves out are hidden in the list, and Next goes past them."""
    packet = replace(sample_packet(), steps=["welcome", "feelings", "questions", "export"])
    window = open_app(qtbot)
    window.go_to("therapists")  # a step the packet leaves out
    filemenu.open_sheet(window, write_packet(tmp_path, packet))
    hidden = {STEP_IDS[row] for row in range(window.ui.stepList.count())
              if window.ui.stepList.item(row).isHidden()}
    assert hidden == {"expect", "background", "therapists", "before"}
    assert window.current_step() == "welcome"
    visited = []
    while window.ui.nextButton.isEnabled():
        qtbot.mouseClick(window.ui.nextButton, Qt.MouseButton.LeftButton)
        visited.append(window.current_step())
    assert visited == ["feelings", "questions", "export"]
    assert window.ui.stepCounter.text() == "Step 4 of 4"
    qtbot.mouseClick(window.ui.backButton, Qt.MouseButton.LeftButton)
    assert window.current_step() == "questions"


def test_hostile_packet_text_is_shown_literally(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Markup, links and template code in a packet are shown as typed, never interpreted."""
    packet = Packet(
        practice=Practice(name=HOSTILE, website="javascript:alert(1)"),
        country="US",
        welcome_note=HOSTILE,
        prompts=[PacketPrompt("x", HOSTILE)],
    )
    window = open_app(qtbot)
    filemenu.open_sheet(window, write_packet(tmp_path, packet))
    welcome = window.page("welcome")
    labels = [w for w in welcome.findChildren(QLabel) if HOSTILE in w.text()]
    assert len(labels) >= 2  # the name and the note
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert not label.openExternalLinks()
    assert "Website: javascript:alert(1)" in texts(welcome)  # labelled as the PDF labels it
    assert all("49" not in t for t in texts(welcome) if "7*7" in t)
    window.go_to("background")
    editor = window.page("background").culture_editors[-1]
    assert editor.caption.text() == HOSTILE
    assert editor.caption.textFormat() == Qt.TextFormat.PlainText


def test_malformed_packet_gets_one_message_and_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, messages: list[str]
) -> None:
    """A broken packet: one message naming the problem; the sheet and its file are untouched."""
    window = open_app(qtbot, Sheet(notes="my own words"))
    window.session.touch()
    window.session.save_now()
    before = paths.sheet_path().read_bytes()
    bad = json.loads(json.dumps({"format": "firstsession-packet", "schema_version": 1,
                                 "practice": {"name": "X", "email": 5}}))
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert not filemenu.open_sheet(window, path)
    assert len(messages) == 1 and "practice.email should be text" in messages[0]
    assert window.session.sheet.notes == "my own words" and window.session.sheet.packet is None
    assert paths.sheet_path().read_bytes() == before
    assert path.read_text(encoding="utf-8") == json.dumps(bad)

    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"format": "firstsession-packet", "schema_version": 1, "practice": {',
                       encoding="utf-8")
    assert not filemenu.open_sheet(window, damaged)
    assert len(messages) == 2 and "damaged or cut short" in messages[1]
    assert window.session.sheet.notes == "my own words"


def test_packet_sheet_is_saved_and_branding_returns_after_restart(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The sheet keeps its packet on disk; a new window from the saved sheet is branded again."""
    window = open_app(qtbot)
    filemenu.open_sheet(window, write_packet(tmp_path, sample_packet()))
    window.close()
    saved = storage.read_sheet_file(paths.sheet_path())
    assert saved.packet is not None and saved.packet["practice"]["name"] == PRACTICE_NAME

    again = open_app(qtbot)
    assert PRACTICE_NAME in texts(again.page("welcome"))
    assert "(555) 014-7700" in again.ui.crisisLabel.text()


def test_new_sheet_after_a_packet_drops_the_branding(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """File > New after a packet gives the plain app back, with every step."""
    window = open_app(qtbot)
    filemenu.open_sheet(window, write_packet(
        tmp_path, replace(sample_packet(), steps=["welcome", "export"])))
    window.session.replace(Sheet())
    assert PRACTICE_NAME not in texts(window.page("welcome"))
    assert not any(window.ui.stepList.item(r).isHidden() for r in range(len(STEP_IDS)))
    assert "(555) 014-7700" not in window.ui.crisisLabel.text()


def test_run_opens_a_packet_given_on_the_command_line(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """main.run(["PACKET"]) starts the app and opens the packet once the window is up."""
    from firstsession.app import main

    path = write_packet(tmp_path, sample_packet())
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style = app.styleSheet()
    seen: list[object] = []

    def shown() -> MainWindow | None:
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
                     and w.isVisible()), None)

    def fake_exec() -> int:
        # The start-up timer opens the file once the event loop runs: wait for that.
        qtbot.waitUntil(lambda: getattr(shown(), "session", None) is not None
                        and shown().session.sheet.packet is not None,  # type: ignore[union-attr]
                        timeout=30_000)
        window = shown()
        assert window is not None
        seen.append(window.session.sheet.packet)
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(app, "exec", fake_exec)
    try:
        assert main.run([str(path)]) == 0
    finally:
        app.setStyleSheet(style)
        gc.unfreeze()  # run() freezes what start-up made; give this test process its GC back
    assert seen and isinstance(seen[0], dict) and seen[0]["practice"]["name"] == PRACTICE_NAME


def test_open_offers_sheets_and_packets_and_tells_them_apart(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File > Open lists both kinds; a saved sheet that holds a packet opens as that sheet."""
    from PySide6.QtWidgets import QFileDialog

    window = open_app(qtbot)
    filemenu.open_sheet(window, write_packet(tmp_path, sample_packet()))
    window.session.sheet.notes = "kept"
    copy = tmp_path / "my sheet.json"
    files.atomic_write(copy, storage.encode_sheet(window.session.sheet))
    window.session.replace(Sheet())
    filters: list[str] = []

    def get_open(_parent: QWidget, _title: str, _folder: str, name_filter: str) -> tuple[str, str]:
        filters.append(name_filter)
        return (str(copy), "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open)
    assert filemenu.open_sheet(window)
    assert "sheet" in filters[0] and "packet" in filters[0]
    assert window.session.sheet.notes == "kept"
    assert window.session.sheet.packet is not None
    assert PRACTICE_NAME in texts(window.page("welcome"))


def test_practice_details_read_alike_in_app_editor_and_pdf(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The Welcome page, the packet editor's text preview and the handout's practice page show
    how sessions happen, the policies and the contact details under the same headings, in
    the same order, each contact detail labelled alike (issue 10: written three times)."""
    import io

    from pypdf import PdfReader

    from firstsession import labels
    from firstsession.app.packet_editor.preview import preview_text
    from firstsession.pdf import render_blank

    packet = replace(sample_packet(), session_format="both", sliding_scale="Ask us.")
    assert all(getattr(packet, field).strip() for field in labels.POLICIES)
    shared = [labels.SESSION_FORMAT, *labels.POLICIES.values(), labels.CONTACT]
    phone = f"{labels.PHONE}: {packet.practice.phone}"

    reader = PdfReader(io.BytesIO(render_blank(packet=packet)))
    pdf_lines = [line.strip() for line in (reader.pages[0].extract_text() or "").splitlines()]
    on_paper = [line for line in pdf_lines
                if line in (labels.WELCOME, labels.LOCAL_CRISIS_LINES, *shared)]
    assert on_paper == [labels.WELCOME, labels.LOCAL_CRISIS_LINES, *shared]
    assert labels.SESSION_FORMATS["both"] in pdf_lines and phone in pdf_lines

    text_lines = preview_text(packet).split("\n")
    as_text = [line for line in text_lines
               if line in (labels.WELCOME, labels.LOCAL_CRISIS_LINES, *shared)]
    assert text_lines[0] == packet.practice.name
    assert as_text == [labels.WELCOME, labels.LOCAL_CRISIS_LINES, *shared]
    assert labels.SESSION_FORMATS["both"] in text_lines and phone in text_lines

    window = open_app(qtbot)
    assert filemenu.open_sheet(window, write_packet(tmp_path, packet))
    column = window.page("welcome").column
    widgets = [column.itemAt(i).widget() for i in range(column.count())]
    shown = [w.text() for w in widgets if isinstance(w, QLabel)]
    titles = [w.text() for w in widgets
              if isinstance(w, QLabel) and w.objectName() == "subheading"]
    assert titles == [f"About {packet.practice.name}", *shared]
    assert labels.SESSION_FORMATS["both"] in shown
    assert phone in shown[shown.index(labels.CONTACT) + 1].split("\n")


def test_every_policy_and_contact_detail_has_one_label() -> None:
    """labels.py words each policy and contact field of a packet once, no more, no fewer."""
    from firstsession import labels
    from firstsession.packet import CONTACT_FIELDS, POLICY_FIELDS

    assert tuple(labels.POLICIES) == POLICY_FIELDS
    assert tuple(labels.CONTACT_DETAILS) == CONTACT_FIELDS


def test_a_local_crisis_number_after_an_arabic_name_keeps_its_order_in_the_crisis_bar(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, messages: list[str]
) -> None:
    """The number of a local line whose name is Arabic is isolated left to right (LRI..PDI),
    so Qt shows "(555) 014-7700", never "7700-014 (555)"."""
    import dataclasses

    packet = sample_packet()
    first = packet.crisis_lines[0]
    packet.crisis_lines = [dataclasses.replace(first, name="خط الأزمات المحلي"),
                           *packet.crisis_lines[1:]]
    window = open_app(qtbot)
    assert filemenu.open_sheet(window, write_packet(tmp_path, packet))
    shown = window.ui.crisisLabel.text()
    assert "خط الأزمات المحلي" in shown
    assert "\u2066(555) 014-7700\u2069" in shown
