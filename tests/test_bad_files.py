"""Crafted and unlucky files, as a person meets them: the command line (whole processes)
and the app (File > Open, the saved sheet at start-up, Restore backup).

Every bad file gets one plain line naming it (exit 2) or one calm message, and is
left exactly as it was; a bad saved sheet is set aside, never deleted or overwritten.
"""

from __future__ import annotations

import faulthandler
import json
import os
import re
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli

from firstsession import paths, storage
from firstsession.model import Sheet
from firstsession.packet_format import encode_packet
from firstsession.packet_sample import sample_packet
from firstsession.sample import sample_sheet
from firstsession.sheet_format import SCHEMA_VERSION, SheetFormatError, sheet_from_dict

SHEET = storage.encode_sheet(sample_sheet())
PACKET = encode_packet(sample_packet())
NAMES = "Sam Rivera\nZoë O'Brien\n".encode()
LATIN1_SHEET = json.dumps(
    {"format": "firstsession-sheet", "schema_version": SCHEMA_VERSION, "notes": "Café über"},
    ensure_ascii=False,
).encode("latin-1")

# What each crafted sheet must say (a part of the one line), and its bytes.
BAD_SHEETS: dict[str, tuple[bytes, str]] = {
    "huge-intensity": (
        re.sub(rb'"intensity": \d+', b'"intensity": ' + b"7" * 5000, SHEET, count=1),
        "holds a number too long to read",
    ),
    "lone-surrogate": (
        SHEET.replace(b'"notes": "', b'"notes": "\\ud83d', 1),
        "notes contains a broken character",
    ),
    "duplicate-key": (
        SHEET.replace(b"{", b'{\n  "notes": "first",', 1),
        "the field notes appears twice in one object",
    ),
    "utf-16": (SHEET.decode().encode("utf-16"), "is in UTF-16, not UTF-8"),
    "latin-1": (LATIN1_SHEET, "not UTF-8 text (it may be in Latin-1"),
}


def assert_refused(result: subprocess.CompletedProcess[str], path: Path, says: str) -> None:
    """One line on stderr naming the file and the problem, exit 2, no traceback."""
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"firstsession: {path}"), lines[0]
    assert says in lines[0], lines[0]


def cli_args(command: str, path: Path, out: Path) -> list[str]:
    if command == "export":
        return ["export", str(path), "-o", str(out)]
    if command == "import":
        return ["import", str(path)]
    if command == "packet":
        return ["blank", "--packet", str(path), "-o", str(out)]
    return ["blank", "--names", str(path), "-o", str(out)]


# -- the command line --------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(BAD_SHEETS))
@pytest.mark.parametrize("command", ["export", "import"])
def test_crafted_sheets_get_one_line_and_exit_2(tmp_path: Path, kind: str, command: str) -> None:
    """A 5,000-digit intensity, a lone surrogate, a duplicate key, UTF-16 or Latin-1:
    one line naming the file and the problem, exit 2, nothing written or changed."""
    raw, says = BAD_SHEETS[kind]
    bad = tmp_path / f"{kind}.json"
    bad.write_bytes(raw)
    out = tmp_path / "out.pdf"
    assert_refused(run_cli(*cli_args(command, bad, out)), bad, says)
    assert bad.read_bytes() == raw
    assert not out.exists()
    assert not paths.sheet_path().exists()


def special_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    return {
        "named-pipe": (fifo, "is not a regular file (it is a named pipe)"),
        "folder": (tmp_path, "is a folder, not a file"),
        "device": (Path("/dev/null"), "is not a regular file (it is a device)"),
    }


@pytest.mark.parametrize("kind", ["named-pipe", "folder", "device"])
@pytest.mark.parametrize("command", ["export", "import", "packet", "names"])
def test_pipes_folders_and_devices_are_refused_at_once(tmp_path: Path, kind: str,
                                                       command: str) -> None:
    """A named pipe, a folder or /dev/null as the sheet, the packet or the names file:
    refused at once (run_cli's timeout catches a hang), one line, exit 2, left as it was."""
    path, says = special_files(tmp_path)[kind]
    mode = path.stat().st_mode
    out = tmp_path / "out.pdf"
    assert_refused(run_cli(*cli_args(command, path, out)), path, says)
    assert path.stat().st_mode == mode
    assert not out.exists()
    assert not paths.sheet_path().exists()


def test_a_sheet_with_a_utf8_byte_order_mark_is_imported_and_exported(tmp_path: Path) -> None:
    """A UTF-8 sheet that starts with a byte-order mark is a good sheet everywhere."""
    sheet = tmp_path / "bom.json"
    sheet.write_bytes(b"\xef\xbb\xbf" + SHEET)
    result = run_cli("export", str(sheet), "-o", str(tmp_path / "out.pdf"))
    assert result.returncode == 0, result.stderr
    result = run_cli("import", str(sheet))
    assert result.returncode == 0, result.stderr
    assert storage.read_sheet_file(paths.sheet_path()) == sample_sheet()


def test_a_packet_and_names_file_with_a_byte_order_mark_are_used(tmp_path: Path) -> None:
    """A packet and a names file saved as "UTF-8 with BOM" make the handouts."""
    packet = tmp_path / "packet.json"
    packet.write_bytes(b"\xef\xbb\xbf" + PACKET)
    names = tmp_path / "names.txt"
    names.write_bytes(b"\xef\xbb\xbf" + NAMES)
    out = tmp_path / "out.pdf"
    result = run_cli("blank", "--packet", str(packet), "--names", str(names), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "(2 handouts)" in result.stdout


@pytest.mark.parametrize(
    ("command", "raw", "says"),
    [
        ("packet", PACKET.decode().encode("utf-16"), "is in UTF-16, not UTF-8"),
        ("packet", PACKET.decode().encode("utf-16-le"), "is in UTF-16, not UTF-8"),
        ("packet", PACKET.replace(b'"fees": "', b'"fees": "Caf\xe9 ', 1),
         "not UTF-8 text (it may be in Latin-1"),
        ("names", NAMES.decode().encode("utf-16"), "is in UTF-16, not UTF-8"),
        ("names", NAMES.decode().encode("latin-1"), "not UTF-8 text (it may be in Latin-1"),
        ("packet", PACKET.replace(b"{", b'{\n  "fees": "x",', 1),
         "the field fees appears twice in one object"),
    ],
)
def test_packets_and_names_in_another_encoding_are_named(tmp_path: Path, command: str,
                                                        raw: bytes, says: str) -> None:
    """A packet or names file in UTF-16 or Latin-1 is told apart from a damaged one."""
    bad = tmp_path / "input"
    bad.write_bytes(raw)
    out = tmp_path / "out.pdf"
    assert_refused(run_cli(*cli_args(command, bad, out)), bad, says)
    assert bad.read_bytes() == raw
    assert not out.exists()


@pytest.mark.parametrize("kind", ["named-pipe", "folder", "device"])
def test_a_logo_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    """The packet editor's logo file goes through the same reader: one line naming it."""
    from firstsession.packet import PacketError
    from firstsession.packet_logo import read_logo_file

    path, says = special_files(tmp_path)[kind]
    with pytest.raises(PacketError) as caught:
        read_logo_file(path)
    assert str(caught.value) == f"{path} {says}"


# -- the model on its own ----------------------------------------------------------------


@pytest.mark.parametrize(
    "value", [10**5000, -(10**5000), True, 5.0, "5"],
    ids=["huge", "huge-negative", "true", "float", "text"],
)
def test_an_intensity_that_is_not_a_small_whole_number_is_a_format_error(value: object) -> None:
    """sheet_from_dict refuses a huge int (too long even to print), a bool or a float cleanly."""
    data = {"format": "firstsession-sheet", "schema_version": SCHEMA_VERSION,
            "feelings": [{"word": "calm", "intensity": value}]}
    with pytest.raises(SheetFormatError, match=r"feelings\[0\]\.intensity should be a whole"):
        sheet_from_dict(data)


def test_a_huge_schema_version_is_too_new_not_a_crash() -> None:
    """A schema_version too long to print still gives the plain "newer" sentence."""
    with pytest.raises(SheetFormatError, match="newer First Session;"):
        sheet_from_dict({"format": "firstsession-sheet", "schema_version": 10**5000})


# -- the app -------------------------------------------------------------------------------


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Warning boxes are recorded instead of shown."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def record(_parent: object, _title: str, text: str, *args: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    def ask(box: QMessageBox) -> int:  # a question (such as "Replace your sheet?"): Cancel
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Cancel.value)

    monkeypatch.setattr(QMessageBox, "warning", record)
    monkeypatch.setattr(QMessageBox, "exec", ask)
    return shown


@pytest.fixture
def no_hang() -> Iterator[None]:
    """A test that could block forever ends the run with a traceback instead."""
    faulthandler.dump_traceback_later(60, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def open_window(qtbot):  # type: ignore[no-untyped-def]
    from firstsession import content
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow, settings

    settings().clear()
    window = MainWindow(Session(Sheet(notes="my own words"), content.load()))
    qtbot.addWidget(window)
    window.show()
    return window


def app_bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    found: dict[str, tuple[Path, str]] = {}
    for kind, (raw, says) in BAD_SHEETS.items():
        path = tmp_path / f"{kind}.json"
        path.write_bytes(raw)
        found[kind] = (path, says)
    found.update(special_files(tmp_path))
    return found


@pytest.mark.parametrize("kind", sorted(BAD_SHEETS) + ["named-pipe", "folder", "device"])
def test_file_open_refuses_a_bad_file_with_one_message(qtbot, tmp_path: Path, kind: str,  # type: ignore[no-untyped-def]
                                                       messages: list[str], no_hang: None) -> None:
    """File > Open on a crafted sheet, a named pipe (no freeze), a folder or a device:
    one plain message naming the file, the open sheet and the file unchanged."""
    from firstsession.app import filemenu

    path, says = app_bad_files(tmp_path)[kind]
    before = path.read_bytes() if path.is_file() else None
    window = open_window(qtbot)
    assert not filemenu.open_sheet(window, path)
    assert len(messages) == 1, messages
    assert str(path) in messages[0] and says in messages[0]
    assert "Traceback" not in messages[0] and "\n" not in messages[0]
    assert window.session.sheet == Sheet(notes="my own words")
    if before is not None:
        assert path.read_bytes() == before
    assert not paths.sheet_path().exists()


def test_file_open_reads_a_sheet_with_a_byte_order_mark(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        messages: list[str]) -> None:
    """File > Open takes a UTF-8 sheet that starts with a byte-order mark."""
    from firstsession import content
    from firstsession.app import filemenu
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow

    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + SHEET)
    window = MainWindow(Session(Sheet(), content.load()))  # empty: no "replace?" question
    qtbot.addWidget(window)
    window.show()
    assert filemenu.open_sheet(window, path)
    assert messages == []
    assert window.session.sheet == sample_sheet()


@pytest.mark.parametrize("kind", ["huge-intensity", "lone-surrogate", "duplicate-key", "utf-16"])
def test_a_crafted_saved_sheet_is_set_aside_and_the_app_starts(data_dir: Path, kind: str) -> None:
    """As the saved sheet, a crafted file no longer stops the app: `firstsession --smoke-test`
    starts (exit 0), and the file is set aside byte for byte, never deleted or overwritten."""
    raw, says = BAD_SHEETS[kind]
    data_dir.mkdir()
    paths.sheet_path().write_bytes(raw)
    result = run_cli("--smoke-test")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    aside = [p for p in data_dir.iterdir() if "unreadable" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == raw
    assert not paths.sheet_path().exists() or paths.sheet_path().read_bytes() != raw


@pytest.mark.parametrize("kind", sorted(BAD_SHEETS))
def test_the_start_up_message_is_plain(data_dir: Path, kind: str) -> None:
    """What the person is told at start-up names the problem in plain words, on one line."""
    raw, says = BAD_SHEETS[kind]
    data_dir.mkdir()
    paths.sheet_path().write_bytes(raw)
    outcome = storage.load_saved()
    assert outcome.sheet == Sheet()
    assert outcome.problem is not None
    assert outcome.problem.startswith("Your saved sheet cannot be used: ")
    assert says in outcome.problem
    assert "\n" not in outcome.problem
    assert outcome.set_aside_to is not None and outcome.set_aside_to.read_bytes() == raw


def test_a_saved_sheet_that_is_a_named_pipe_is_set_aside(data_dir: Path, no_hang: None) -> None:
    """A named pipe where the saved sheet should be: the app starts, the pipe is moved aside."""
    data_dir.mkdir()
    os.mkfifo(paths.sheet_path())
    outcome = storage.load_saved()
    assert outcome.problem == "Your saved sheet is not a regular file (it is a named pipe)"
    assert outcome.set_aside_to is not None
    assert stat.S_ISFIFO(outcome.set_aside_to.stat().st_mode)


def test_restore_backup_refuses_a_crafted_backup(qtbot, messages: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Help > Restore backup with a crafted backup: one message, the open sheet unchanged."""
    from firstsession.app import helpmenu

    storage.save_sheet(Sheet(notes="saved"))
    storage.backup_of(paths.sheet_path()).write_bytes(BAD_SHEETS["lone-surrogate"][0])
    assert not storage.backup_usable()
    window = open_window(qtbot)
    assert not helpmenu.restore_backup(window)
    assert len(messages) == 1 and "contains a broken character" in messages[0]
    assert window.session.sheet == Sheet(notes="my own words")
