"""Follow-ups to issue 8 found by a tester: one sheet limit for reading and writing,
a stdout that fails after the work is done, Pillow's warnings on a logo, a saved sheet
that is a link to nothing, an import over an unreadable saved sheet, and File > Open
naming a file it cannot tell the kind of. Real files, real processes, real PDFs."""

from __future__ import annotations

import dataclasses
import errno
import io
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from conftest import AnswerDialogs
from PIL import Image
from pypdf import PdfReader

from firstsession import files, paths, storage
from firstsession.model import Sheet
from firstsession.packet import MAX_PACKET_BYTES
from firstsession.packet_format import encode_packet, packet_to_dict, read_packet_file
from firstsession.packet_logo import logo_from_bytes, normalise_image
from firstsession.packet_sample import sample_packet
from firstsession.sample import sample_sheet
from firstsession.sheet_format import sheet_to_dict
from tests.conftest import run_cli

LIMIT = storage.MAX_SHEET_BYTES


def compact(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def big_compact_sheet(path: Path) -> dict[str, object]:
    """A valid sheet written compact by another program: under the limit as it is, but
    over it once indented (many feelings), with one long note making up the size."""
    data = sheet_to_dict(sample_sheet())
    data["feelings"] = data["feelings"] * 2000  # type: ignore[operator]
    data["notes"] = ""
    room = LIMIT - 1000 - len(compact(data))
    data["notes"] = "n" * room
    raw = compact(data)
    assert len(raw) <= LIMIT
    assert len(json.dumps(data, ensure_ascii=False, indent=2).encode()) > LIMIT
    path.write_bytes(raw)
    return data


# -- 1. one limit, really --------------------------------------------------------------


def test_a_compact_sheet_under_the_limit_can_be_imported_and_saved_again(
    tmp_path: Path, data_dir: Path
) -> None:
    """A sheet the reader accepts is always written again (compact when the indented form
    would pass the limit): import works, exit 0, and the saved sheet reads back the same."""
    source = tmp_path / "big-compact.json"
    data = big_compact_sheet(source)
    done = run_cli("import", str(source))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and done.stderr == ""
    saved = paths.sheet_path()
    assert saved.stat().st_size <= LIMIT
    sheet = storage.read_sheet_file(saved)
    assert sheet_to_dict(sheet) == data
    storage.save_sheet(dataclasses.replace(sheet, notes=sheet.notes[:-1]))  # autosave works
    assert storage.read_sheet_file(saved).notes == sheet.notes[:-1]


def over_once_saved(path: Path) -> None:
    """A file under the limit whose sheet, as we write it (every field, even compact),
    is over it: only the few fields needed, and a note filling the rest."""
    defaults = len(compact(sheet_to_dict(Sheet())))
    head = {"format": "firstsession-sheet", "schema_version": 4, "notes": ""}
    fill = LIMIT - len(compact(head)) - defaults // 2
    head["notes"] = "n" * fill
    raw = compact(head)
    assert len(raw) <= LIMIT
    path.write_bytes(raw)


def test_a_sheet_over_the_limit_once_saved_is_refused_as_too_large_never_damaged(
    tmp_path: Path, data_dir: Path
) -> None:
    """Whatever we read we can write again: a sheet that would be over the limit once
    saved is refused by the reader as too large, by the command (one line, exit 2) and at
    start-up (set aside as too large)."""
    source = tmp_path / "over.json"
    over_once_saved(source)
    with pytest.raises(storage.SheetFileTooLargeError, match="too large"):
        storage.read_sheet_file(source)
    done = run_cli("import", str(source))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "too large" in done.stderr and "damaged" not in done.stderr
    assert not paths.sheet_path().exists()
    data_dir.mkdir()
    os.replace(source, paths.sheet_path())
    outcome = storage.load_saved()
    assert outcome.problem and "too large" in outcome.problem
    assert "damaged" not in outcome.problem
    assert outcome.set_aside_to is not None and "too-large" in outcome.set_aside_to.name


def test_an_error_no_command_caught_names_its_files_and_claims_nothing() -> None:
    """The command's last-resort line for a system error names the file(s) it knows,
    never says "a file", and never claims that nothing was changed."""
    from firstsession.cli import describe_os_error

    two = describe_os_error(OSError(errno.EXDEV, "Invalid cross-device link", "/a/x", None, "/b/y"))
    assert "/a/x" in two and "/b/y" in two and "Invalid cross-device link" in two
    none = describe_os_error(OSError(errno.EIO, "Input/output error"))
    for line in (two, none):
        assert "a file" not in line and "nothing was changed" not in line


# -- 2. a stdout that fails after the work is done ------------------------------------------


def test_a_closed_pipe_after_the_work_is_done_is_not_reported_as_a_failure(
    tmp_path: Path, data_dir: Path
) -> None:
    """`firstsession sample -o X | true`: the file is written, exit 0, and stderr says the
    work was done but the line could not be printed (never "nothing was changed")."""
    out = tmp_path / "s.json"
    child = subprocess.Popen(
        [sys.executable, "-m", "firstsession", "sample", "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader goes away before anything is printed
    err = child.stderr.read().decode()
    assert child.wait(timeout=60) == 0, err
    storage.read_sheet_file(out)
    assert "nothing was changed" not in err and "Traceback" not in err
    assert err.count("\n") == 1 and "done" in err


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may make a device node")
def test_a_full_stdout_after_an_import_says_the_import_happened(
    tmp_path: Path, data_dir: Path
) -> None:
    """`firstsession import B.json > full` (a copy of /dev/full): the import happened, so
    exit 0 and one truthful line on stderr, never "nothing was changed"."""
    full = tmp_path / "full"
    os.mknod(full, 0o600 | 0o020000, os.makedev(1, 7))
    source = tmp_path / "B.json"
    source.write_bytes(storage.encode_sheet(Sheet(notes="imported")))
    with open(full, "w") as stdout:
        done = subprocess.run(
            [sys.executable, "-m", "firstsession", "import", str(source)],
            stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert storage.read_sheet_file(paths.sheet_path()).notes == "imported"
    assert "nothing was changed" not in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "No space left" in done.stderr


# -- 3. Pillow's warnings on a logo -------------------------------------------------------


def jpeg_with_corrupt_exif() -> bytes:
    """A camera's JPEG whose EXIF block says two entries follow and holds half of one."""
    image = Image.new("RGB", (60, 20), (200, 30, 30))
    out = io.BytesIO()
    image.save(out, "JPEG", exif=b"Exif\x00\x00II*\x00\x08\x00\x00\x00\x02\x00\x12\x01\x03\x00")
    return out.getvalue()


def test_a_logo_with_corrupt_exif_is_checked_and_normalised_without_a_warning() -> None:
    """Checking and normalising a JPEG with damaged EXIF raises no Pillow warning."""
    data = jpeg_with_corrupt_exif()
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        logo = logo_from_bytes(data)
        shown = normalise_image(data)
    assert [str(w.message) for w in seen] == []
    assert (logo.width, logo.height) == (60, 20) and (shown.width, shown.height) == (60, 20)


def test_a_handout_with_a_corrupt_exif_logo_prints_it_and_nothing_on_stderr(
    tmp_path: Path,
) -> None:
    """`blank --packet P.json` with that logo: exit 0, empty stderr, the logo in the PDF."""
    packet = dataclasses.replace(sample_packet(), logo=logo_from_bytes(jpeg_with_corrupt_exif()))
    packet_file = tmp_path / "P.json"
    packet_file.write_bytes(encode_packet(packet))
    out = tmp_path / "x.pdf"
    done = run_cli("blank", "--packet", str(packet_file), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert len(PdfReader(out).pages[0].images) >= 1


# -- 4. a saved sheet that is a link to nothing --------------------------------------------


def dangling_saved_sheet(tmp_path: Path, data_dir: Path) -> Path:
    """sheet.json -> a file on a "drive" whose mount point is there but empty."""
    mount = tmp_path / "usb-drive"
    mount.mkdir()
    target = mount / "my-sheet.json"
    data_dir.mkdir()
    paths.sheet_path().symlink_to(target)
    return target


def test_a_dangling_saved_sheet_link_is_named_left_in_place_and_never_written_through(
    tmp_path: Path, data_dir: Path
) -> None:
    """At start-up the problem names the link's target; the link is not renamed; a save
    refuses to create the target through it (a clear error), and the link stays."""
    target = dangling_saved_sheet(tmp_path, data_dir)
    outcome = storage.load_saved()
    assert outcome.problem is not None
    assert f"is a link to {target}, which is not there now" in outcome.problem
    assert outcome.dangling_link_to == str(target) and outcome.set_aside_to is None
    assert paths.sheet_path().is_symlink()
    assert sorted(p.name for p in data_dir.iterdir()) == ["sheet.json"]
    with pytest.raises(storage.DanglingLinkError, match="not there now"):
        storage.save_sheet(Sheet(notes="new words"))
    assert not target.exists() and os.readlink(paths.sheet_path()) == str(target)
    target.write_bytes(storage.encode_sheet(Sheet(notes="on the drive")))  # drive is back
    assert storage.load_saved().sheet.notes == "on the drive"


def test_the_app_says_the_saved_sheet_is_a_link_to_nothing_and_keeps_new_words_unsaved(
    qtbot, tmp_path: Path, data_dir: Path  # type: ignore[no-untyped-def]
) -> None:
    """The start-up line names the link's target; in the app a save fails aloud (the
    sheet stays dirty, so closing asks) and nothing is created through the link."""
    from firstsession import content
    from firstsession.app.session import Session

    target = dangling_saved_sheet(tmp_path, data_dir)
    done = run_cli("--smoke-test", env={"QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert f"Your saved sheet is a link to {target}, which is not there now" in done.stderr
    assert "there is no file at" not in done.stderr
    export = run_cli("export", "-o", str(tmp_path / "out.pdf"))
    assert export.returncode == 2 and "no saved sheet yet" not in export.stderr
    assert f"is a link to {target}, which is not there now" in export.stderr
    session = Session(storage.load_saved().sheet, content.load())
    failures: list[str] = []
    session.save_failed.connect(failures.append)
    session.sheet.notes = "typed while the drive is away"
    session.touch()
    assert session.save_now() is False
    assert session.dirty and failures and "not there now" in failures[0]
    assert not target.exists() and paths.sheet_path().is_symlink()
    told = startup_notice(qtbot, storage.load_saved())
    assert "left as it is" in told and "Save a copy" in told


def startup_notice(qtbot, outcome: storage.LoadOutcome) -> str:  # type: ignore[no-untyped-def]
    """The start-up notice's words, answered with OK as a person would."""
    from PySide6.QtWidgets import QMessageBox

    from firstsession import content
    from firstsession.app import helpmenu
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow

    window = MainWindow(Session(outcome.sheet, content.load()))
    qtbot.addWidget(window)
    window.show()
    seen = AnswerDialogs(QMessageBox, lambda box: box.buttons()[0].click(),
                         note=lambda box: box.text() + "\n" + box.informativeText())
    helpmenu.report_load_problem(window, outcome)
    seen.assert_answered()
    assert len(seen) == 1
    return seen[0]


# -- 5. import over an unreadable saved sheet ----------------------------------------------


def test_import_over_an_unreadable_saved_sheet_says_where_the_old_one_was_kept(
    tmp_path: Path, data_dir: Path
) -> None:
    """The old saved sheet could not be read: it is set aside and the command says so in
    one extra line on stderr naming the kept file; exit 0, since the import worked."""
    data_dir.mkdir()
    paths.sheet_path().write_bytes(b'{"format": "firstsession-sheet", "sche')
    source = tmp_path / "B.json"
    source.write_bytes(storage.encode_sheet(Sheet(notes="imported")))
    done = run_cli("import", str(source))
    assert done.returncode == 0, done.stderr
    kept = [p for p in data_dir.iterdir() if "unreadable" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b'{"format"')
    assert done.stderr == (
        f"firstsession: your old saved sheet could not be read; it was kept as {kept[0]}\n"
    )
    assert storage.read_sheet_file(paths.sheet_path()).notes == "imported"


# -- 6. File > Open on a file whose kind cannot be told --------------------------------------


def test_open_tells_a_large_packet_from_a_sheet_and_names_utf16_and_oversize_files(
    tmp_path: Path,
) -> None:
    """A packet over the packet limit is still seen as a packet (its reader says "too large
    to be a packet"); a UTF-16 file is named as UTF-16; a file too large for either is
    "too large to be a sheet or a packet". No message calls a packet a sheet."""
    from firstsession.app.filemenu import file_kind

    data = packet_to_dict(sample_packet())
    data["practice"]["about"] = "a" * (MAX_PACKET_BYTES + 1024 * 1024)  # type: ignore[index]
    big_packet = tmp_path / "big-packet.json"
    big_packet.write_bytes(compact(data))
    assert file_kind(big_packet) == "packet"
    with pytest.raises(Exception, match="too large to be a packet"):
        read_packet_file(big_packet)

    utf16 = tmp_path / "packet-utf16.json"
    utf16.write_text(encode_packet(sample_packet()).decode(), encoding="utf-16")
    with pytest.raises(files.FileReadError) as err:
        file_kind(utf16)
    assert "UTF-16" in str(err.value) and "sheet" not in str(err.value)
    assert str(utf16) in str(err.value)

    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (LIMIT + 1))
    with pytest.raises(files.FileReadError, match="too large to be a sheet or a packet"):
        file_kind(huge)


def test_file_open_shows_the_utf16_message_without_calling_it_a_sheet(
    qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    """File > Open on a UTF-16 packet: one message naming UTF-16; the sheet is unchanged."""
    from PySide6.QtWidgets import QMessageBox

    from firstsession import content
    from firstsession.app import filemenu
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow

    utf16 = tmp_path / "packet-utf16.json"
    utf16.write_text(encode_packet(sample_packet()).decode(), encoding="utf-16")
    window = MainWindow(Session(Sheet(notes="mine"), content.load()))
    qtbot.addWidget(window)
    window.show()
    seen = AnswerDialogs(QMessageBox, lambda box: box.accept())
    assert filemenu.open_sheet(window, utf16) is False
    seen.assert_answered()
    assert len(seen) == 1 and "UTF-16" in seen[0] and "sheet" not in seen[0]
    assert window.session.sheet.notes == "mine"
    window.session.dirty = False
