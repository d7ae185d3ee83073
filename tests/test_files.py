"""The one hardened reader (files.read_bounded) and strict JSON decoder (files.decode_json)
that every file we open goes through: sheets, packets, names files and logos."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from firstsession import files
from firstsession.files import FileReadError, decode_json, decode_text, read_bounded

# -- read_bounded: what kind of file, how much of it ------------------------------------


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    """A regular file within the limit comes back byte for byte."""
    path = tmp_path / "a.json"
    path.write_bytes(b"0123456789")
    assert read_bounded(path, 10, "sheet") == b"0123456789"


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    """A missing file (or a path through a file) says there is no file there."""
    with pytest.raises(FileReadError, match=r"^there is no file at .*missing\.json$"):
        read_bounded(tmp_path / "missing.json", 10, "sheet")
    (tmp_path / "plain").write_bytes(b"x")
    with pytest.raises(FileReadError, match="there is no file at"):
        read_bounded(tmp_path / "plain" / "inside.json", 10, "sheet")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    """A folder is refused with one sentence naming it."""
    with pytest.raises(FileReadError, match=r"is a folder, not a file$"):
        read_bounded(tmp_path, 10, "sheet")


def test_a_device_is_refused_without_reading(tmp_path: Path) -> None:
    """/dev/null and /dev/zero (character devices) are refused; /dev/zero would never end."""
    for device in ("/dev/null", "/dev/zero"):
        device_message = r"^/dev/\w+ is not a regular file \(it is a device\)$"
        with pytest.raises(FileReadError, match=device_message):
            read_bounded(Path(device), 10, "sheet")


def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    """A FIFO with no writer is refused at once instead of blocking the caller forever."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    outcome: list[str] = []

    def read() -> None:
        try:
            read_bounded(fifo, 10, "sheet")
        except FileReadError as err:
            outcome.append(str(err))

    reader = threading.Thread(target=read, daemon=True)  # a hang must not hang the suite
    reader.start()
    reader.join(timeout=30)
    assert not reader.is_alive(), "reading a named pipe blocked"
    assert outcome == [f"{fifo} is not a regular file (it is a named pipe)"]


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    """A file over the limit is refused from its size alone (a sparse file: nothing read)."""
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(8 * 1024 * 1024 + 1)
    message = r"huge\.json is too large to be a packet \(8,388,609 bytes; at most 8 MiB\)"
    with pytest.raises(FileReadError, match=message):
        read_bounded(path, 8 * 1024 * 1024, "packet")
    path.write_bytes(b"x" * 11)
    with pytest.raises(FileReadError, match="too large"):
        read_bounded(path, 10, "sheet")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses Linux's /proc")
def test_never_more_than_the_limit_is_read_even_if_the_size_lies() -> None:
    """A file that says it is empty but holds more (as /proc files do, or a growing file) is
    read only up to the limit plus one byte, then refused."""
    path = Path("/proc/self/maps")
    assert os.stat(path).st_size == 0 and len(path.read_bytes()) > 100
    with pytest.raises(FileReadError, match=r"too large to be a sheet \(101 bytes"):
        read_bounded(path, 100, "sheet")


def test_a_file_name_that_is_not_utf8_is_shown_readably(tmp_path: Path) -> None:
    """A file name holding the byte \\xe9 and a line break is shown on one printable line."""
    name = os.fsdecode(b"caf\xe9\nx.json")
    with pytest.raises(FileReadError) as caught:
        read_bounded(tmp_path / name, 10, "sheet")
    message = str(caught.value)
    assert "caf\\xe9?x.json" in message and "\n" not in message
    message.encode("utf-8")  # printable anywhere: no lone surrogates left in it


def test_permission_denied_is_one_sentence_even_as_root() -> None:
    """A file the person may not read gives "cannot be opened (permission denied)".

    Tests run as root in CI, so the read runs in a child process as `nobody`.
    """
    folder = Path(tempfile.mkdtemp(prefix="firstsession-perm-"))
    try:
        os.chmod(folder, 0o755)
        secret = folder / "secret.json"
        secret.write_bytes(b"{}")
        os.chmod(secret, 0o000)
        # The child imports as itself, then (under root) becomes `nobody` before reading.
        probe = (
            "import os, pwd, sys; from pathlib import Path; from firstsession import files\n"
            "if os.geteuid() == 0:\n"
            "    nobody = pwd.getpwnam('nobody')\n"
            "    os.setgroups([]); os.setgid(nobody.pw_gid); os.setuid(nobody.pw_uid)\n"
            "try:\n    files.read_bounded(Path(sys.argv[1]), 10, 'sheet')\n"
            "except files.FileReadError as err:\n    print(err)\n"
        )
        src = str(Path(files.__file__).resolve().parents[1])
        result = subprocess.run(
            [sys.executable, "-c", probe, str(secret)],
            capture_output=True, text=True, timeout=60,
            env={**os.environ, "PYTHONPATH": src},
        )
        assert result.stdout.strip() == f"{secret} cannot be opened (permission denied)", result
    finally:
        shutil.rmtree(folder)


# -- decode_text and decode_json: encodings ------------------------------------------------


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    """UTF-8 with a byte-order mark (as Notepad writes) is read like plain UTF-8."""
    assert decode_json(b'\xef\xbb\xbf{"a": "\xc3\xa9"}', "sheet") == {"a": "é"}
    assert decode_text(b"\xef\xbb\xbfSam\n", "names") == "Sam\n"


@pytest.mark.parametrize(
    ("encoding", "named"),
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
     ("utf-32", "UTF-32")],
)
def test_utf16_and_utf32_are_named(encoding: str, named: str) -> None:
    """Text in UTF-16 or UTF-32 (with or without a byte-order mark) is named, not "damaged"."""
    raw = '{"notes": "Café"}'.encode(encoding)
    with pytest.raises(FileReadError, match=f"^the sheet is in {named}, not UTF-8"):
        decode_json(raw, "sheet")


def test_latin1_text_is_named_as_another_encoding() -> None:
    """Latin-1 text is said to be "not UTF-8 text (it may be in Latin-1 ...)"."""
    with pytest.raises(FileReadError, match=r"not UTF-8 text \(it may be in Latin-1"):
        decode_json('{"notes": "Café über"}'.encode("latin-1"), "sheet")


def test_binary_junk_is_not_a_text_file() -> None:
    """Bytes with controls that are not UTF-8 are "not a text file (it may be damaged)"."""
    with pytest.raises(FileReadError, match=r"not a text file \(it may be damaged\)"):
        decode_json(b"\x00\x01\xff\xfe\x80junk", "sheet")


# -- decode_json: the strict rules -----------------------------------------------------------


def test_a_duplicate_key_is_refused_and_named() -> None:
    """A key given twice in one object, at any depth, is refused by name (never last-wins)."""
    with pytest.raises(FileReadError, match="^the field notes appears twice in one object$"):
        decode_json(b'{"notes": "a", "notes": "b"}', "sheet")
    with pytest.raises(FileReadError, match="the field word appears twice"):
        decode_json(b'{"feelings": [{"word": "a", "word": "b"}]}', "sheet")


@pytest.mark.parametrize(
    "number", [b"9" * 5000, b"-" + b"9" * 5000, b"1" * 21, b"1." + b"0" * 60, b"1e999", b"-1e999"]
)
def test_numbers_too_long_or_too_large_are_refused(number: bytes) -> None:
    """A 5,000-digit number (Python's own ValueError), 21 digits, or an infinite float."""
    with pytest.raises(FileReadError, match=r"^the sheet holds a number too (long|large) to read$"):
        decode_json(b'{"intensity": ' + number + b"}", "sheet")


def test_numbers_within_the_limits_are_read() -> None:
    """Twenty digits, negatives and ordinary fractions are still numbers."""
    assert decode_json(b'[12345678901234567890, -5, 0.5, 1e3]', "file") == [
        12345678901234567890, -5, 0.5, 1000.0]


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_nan_and_infinity_are_refused(constant: bytes) -> None:
    """Constants JSON does not allow are refused by name."""
    with pytest.raises(FileReadError, match="not a number JSON allows"):
        decode_json(b'{"a": ' + constant + b"}", "sheet")


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b'{"notes": "\\ud83d"}', "notes"),
        (b'{"notes": "ok \\udc00 end"}', "notes"),
        (b'{"feelings": [{"word": "x"}, {"word": "\\uDBFF"}]}', "feelings[1].word"),
        (b'"\\ud800"', "the sheet"),
    ],
)
def test_lone_surrogates_are_refused_and_placed(raw: bytes, where: str) -> None:
    """A lone surrogate escape (text that could never be saved again) is a broken character."""
    with pytest.raises(FileReadError, match=rf"^{re.escape(where)} contains a broken"):
        decode_json(raw, "sheet")


def test_a_lone_surrogate_in_a_key_is_refused() -> None:
    """A field name holding a lone surrogate is refused too."""
    with pytest.raises(FileReadError, match="field name with a broken character"):
        decode_json(b'{"a\\ud800": 1}', "sheet")


def test_a_real_surrogate_pair_is_an_emoji() -> None:
    """A well-formed pair of escapes is one character and is kept."""
    assert decode_json(b'{"notes": "\\ud83d\\ude00"}', "sheet") == {"notes": "\U0001f600"}


def test_deep_nesting_is_refused() -> None:
    """JSON nested deeper than Python can follow is one sentence, not a RecursionError."""
    with pytest.raises(FileReadError, match="nested too deeply"):
        decode_json(b"[" * 200_000 + b"]" * 200_000, "sheet")


@pytest.mark.parametrize("raw", [b"", b"{", b"not json", b'{"a": 1,}'])
def test_malformed_json_names_line_and_column(raw: bytes) -> None:
    """Text that is not JSON is "damaged or cut short", with where it went wrong."""
    with pytest.raises(FileReadError, match=r"damaged or cut short \(not valid JSON at line 1"):
        decode_json(raw, "sheet")


def test_every_message_is_one_line_without_controls() -> None:
    """A hostile key cannot put a line break or a terminal escape into a message."""
    with pytest.raises(FileReadError) as caught:
        decode_json(b'{"a\\n\\u001b[2J": 1, "a\\n\\u001b[2J": 2}', "sheet")
    assert "\n" not in str(caught.value) and "\x1b" not in str(caught.value)
