"""Counsellor packets on the command line: sample --packet, blank --packet/--fillable/--names."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli
from pypdf import PdfReader

from firstsession.cli_names import safe_file_part
from firstsession.packet_format import encode_packet, read_packet_file
from firstsession.packet_sample import PRACTICE_NAME, sample_packet


def assert_one_clear_line(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("firstsession: ")


@pytest.fixture
def packet_file(tmp_path: Path) -> Path:
    path = tmp_path / "packet.json"
    path.write_bytes(encode_packet(sample_packet()))
    return path


def test_sample_packet_round_trip(tmp_path: Path) -> None:
    """sample --packet writes the sample packet, refuses to overwrite, and --force replaces."""
    target = tmp_path / "p.json"
    result = run_cli("sample", "--packet", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert read_packet_file(target) == sample_packet()
    assert json.loads(target.read_text("utf-8"))["format"] == "firstsession-packet"
    target.write_text("my own packet")
    assert_one_clear_line(run_cli("sample", "--packet", "-o", str(target)))
    assert target.read_text() == "my own packet"
    assert run_cli("sample", "--packet", "-o", str(target), "--force").returncode == 0
    assert read_packet_file(target).practice.name == PRACTICE_NAME


def test_blank_with_a_packet_names_and_fillable(tmp_path: Path, packet_file: Path) -> None:
    """--names makes one handout per name in one PDF; with --fillable each has its own fields."""
    names = tmp_path / "names.txt"
    names.write_text("\ufeffSam Rivera\n\n   \nÑandú Pérez\r\nAna\n", "utf-8")
    out = tmp_path / "all.pdf"
    result = run_cli("blank", "--packet", str(packet_file), "--names", str(names),
                     "--fillable", "-o", str(out), "--country", "US")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    pages = [page.extract_text() for page in reader.pages]
    prepared = [p for p in pages if "Prepared for" in p]
    assert len(prepared) == 3
    for page, name in zip(prepared, ["Sam Rivera", "Ñandú Pérez", "Ana"], strict=True):
        assert name in page.replace("\n", " ")
        assert PRACTICE_NAME in page
    assert len(pages) % 2 == 0  # each handout padded to an even page count for duplex
    fields = reader.get_fields() or {}
    assert {"client001_about_name", "client002_about_name", "client003_about_name"} <= set(fields)


def test_split_makes_safely_named_files_inside_the_folder(tmp_path: Path,
                                                          packet_file: Path) -> None:
    """--split writes OUT-001-<name>.pdf per name; a name like ../../etc/passwd stays inside."""
    folder = tmp_path / "out"
    folder.mkdir()
    names = tmp_path / "names.txt"
    names.write_text("../../etc/passwd\nSam Rivera\n/abs/path\\win:name?\n", "utf-8")
    result = run_cli("blank", "--packet", str(packet_file), "--names", str(names),
                     "--split", "-o", str(folder / "intake.pdf"))
    assert result.returncode == 0, result.stderr
    made = sorted(p.name for p in folder.iterdir())
    assert made == [
        "intake-001-etc-passwd.pdf",
        "intake-002-Sam-Rivera.pdf",
        "intake-003-abs-path-win-name.pdf",
    ]
    # nothing was written anywhere else
    assert {p.name for p in tmp_path.iterdir()} <= {"data", "names.txt", "out", "packet.json"}
    first = PdfReader(folder / "intake-001-etc-passwd.pdf").pages[0].extract_text()
    assert "../../etc/passwd" in first  # the name itself is printed as written
    # -o naming a folder: handout-NNN-<name>.pdf inside it
    names.write_text("Ana\n", "utf-8")
    result = run_cli("blank", "--names", str(names), "--split", "-o", str(folder))
    assert result.returncode == 0, result.stderr
    assert (folder / "handout-001-Ana.pdf").exists()


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("..", "client"),
        ("", "client"),
        ("Zoë O'Brien", "Zoë-O-Brien"),
        ("李小龍", "李小龍"),
        ("a\x00b/c", "a-b-c"),
        ("x" * 200, "x" * 40),
    ],
)
def test_safe_file_part(name: str, safe: str) -> None:
    """Names become file-name parts with no separators, dots or control characters."""
    assert safe_file_part(name) == safe


@pytest.mark.parametrize(
    ("kind", "content"),
    [
        ("empty", b""),
        ("only-blank-lines", b"\n  \n\t\n"),
        ("control", b"Sam\nA\x1b[31mna\n"),
        ("too-long", ("x" * 101).encode()),
        ("not-utf8", "Ñandú".encode("latin-1")),
        ("too-many", b"name\n" * 2001),
    ],
)
def test_bad_names_file_gets_one_line_and_exit_2(tmp_path: Path, kind: str,
                                                 content: bytes) -> None:
    """A bad names file: one clear line, exit 2, and no PDF written."""
    names = tmp_path / f"{kind}.txt"
    names.write_bytes(content)
    out = tmp_path / "o.pdf"
    assert_one_clear_line(run_cli("blank", "--names", str(names), "-o", str(out)))
    assert not out.exists()


BAD_PACKETS: dict[str, bytes] = {
    "malformed": b'{"format": "firstsession-packet", "schema_version": 1, "practice": {',
    "wrong-type": b'{"format": "firstsession-packet", "schema_version": 1, "fees": 140,'
    b' "practice": {"name": "X"}}',
    "newer": b'{"format": "firstsession-packet", "schema_version": 99}',
    "sheet": b'{"format": "firstsession-sheet", "schema_version": 3}',
    "bad-logo": b'{"format": "firstsession-packet", "schema_version": 1, "practice":'
    b' {"name": "X"}, "logo": {"mime": "image/png", "data": "PHN2Zz4="}}',
    "oversized": b" " * (8 * 1024 * 1024 + 1),
}


@pytest.mark.parametrize("kind", sorted(BAD_PACKETS))
def test_bad_packet_gets_one_line_and_exit_2(tmp_path: Path, kind: str) -> None:
    """A malformed, oversized, wrong-type or hostile packet: one line, exit 2, nothing written."""
    bad = tmp_path / f"{kind}.json"
    bad.write_bytes(BAD_PACKETS[kind])
    out = tmp_path / "o.pdf"
    result = run_cli("blank", "--packet", str(bad), "-o", str(out))
    assert_one_clear_line(result)
    assert "cannot be used" in result.stderr or "too large" in result.stderr
    assert not out.exists()
    assert bad.read_bytes() == BAD_PACKETS[kind]


def test_split_needs_names_and_output_never_overwrites_inputs(tmp_path: Path,
                                                             packet_file: Path) -> None:
    """--split without --names, or -o naming the packet file itself: one line, exit 2."""
    assert_one_clear_line(run_cli("blank", "--split", "-o", str(tmp_path / "o.pdf")))
    before = packet_file.read_bytes()
    assert_one_clear_line(run_cli("blank", "--packet", str(packet_file), "-o", str(packet_file)))
    assert packet_file.read_bytes() == before


def test_packet_commands_never_import_qt(tmp_path: Path) -> None:
    """sample --packet and blank --packet --names --fillable --split run without Qt."""
    code = (
        "import sys\n"
        "from firstsession.cli import main\n"
        f"d = {str(tmp_path)!r}\n"
        "open(d + '/n.txt', 'w').write('Sam\\nAna\\n')\n"
        "assert main(['sample', '--packet', '-o', d + '/p.json']) == 0\n"
        "assert main(['blank', '--packet', d + '/p.json', '--names', d + '/n.txt',"
        " '--fillable', '--split', '-o', d + '/b.pdf']) == 0\n"
        "qt = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))]\n"
        "assert not qt, qt\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "b-001-Sam.pdf").exists() and (tmp_path / "b-002-Ana.pdf").exists()


def test_names_in_any_script_print_and_only_the_impossible_gets_a_note(tmp_path: Path) -> None:
    """A Chinese name prints as written with no note; a Javanese one prints as [Javanese],
    and stderr says so in words (no character codes)."""
    names = tmp_path / "names.txt"
    names.write_text("李小龍\nꦲꦤꦕꦫꦏ\n", "utf-8")
    out = tmp_path / "o.pdf"
    result = run_cli("blank", "--names", str(names), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "name 2" in result.stderr and "name 1" not in result.stderr
    assert "Javanese letters" in result.stderr and "U+" not in result.stderr
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert "李小龍" in "".join(pages) and "[Javanese]" in "".join(pages)


def test_a_packet_with_writing_no_font_has_gets_a_note_naming_the_field_and_script(
    tmp_path: Path,
) -> None:
    """The tester's packet_javanese.json: the handout is made (exit 0) and one note on stderr
    names the packet's field ("welcome_note") and the script, in words."""
    packet = sample_packet()
    packet.welcome_note = "Sugeng rawuh \ua9b1\ua9b8\ua992\ua9ba\ua981 \ua9ab\ua9ae\ua9b8\ua983"
    path = tmp_path / "packet_javanese.json"
    path.write_bytes(encode_packet(packet))
    out = tmp_path / "o.pdf"
    result = run_cli("blank", "--packet", str(path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    (note,) = [line for line in result.stderr.splitlines() if "note:" in line]
    assert "packet_javanese.json" in note and "welcome_note: Javanese letters" in note
    assert "[Javanese]" in note and "U+" not in note
    assert "[Javanese]" in "".join(page.extract_text() for page in PdfReader(out).pages)


def test_the_batch_note_names_each_problem_names_own_script(tmp_path: Path) -> None:
    """Each name no font can draw is named with its own script; decomposed Korean is fine."""
    names = tmp_path / "names.txt"
    names.write_text("\u1100\u1161\u11b7\u1109\u1161\nꦲꦤꦕꦫꦏ\n\U00013000\U00013001\n", "utf-8")
    result = run_cli("blank", "--names", str(names), "-o", str(tmp_path / "o.pdf"))
    assert result.returncode == 0, result.stderr
    (note,) = [line for line in result.stderr.splitlines() if "note:" in line]
    assert "name 1" not in note and "Hangul" not in note
    assert "name 2: Javanese letters" in note and "name 3: Egyptian hieroglyphs" in note


def test_export_refusing_writing_no_font_has_names_the_option_that_prints_anyway(
    tmp_path: Path,
) -> None:
    """export's one line tells the person to add --replace-missing (the app's says export again)."""
    sheet = tmp_path / "sheet.json"
    assert run_cli("sample", "-o", str(sheet)).returncode == 0
    data = json.loads(sheet.read_text("utf-8"))
    data["notes"] = "hi \ua9b1\ua9b8\ua992\ua9ba\ua981"
    sheet.write_text(json.dumps(data), "utf-8")
    result = run_cli("export", str(sheet), "-o", str(tmp_path / "o.pdf"))
    assert_one_clear_line(result)
    assert "--replace-missing" in result.stderr and "Javanese letters" in result.stderr
    again = run_cli("export", str(sheet), "--replace-missing", "-o", str(tmp_path / "o.pdf"))
    assert again.returncode == 0, again.stderr
