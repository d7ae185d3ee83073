"""Fuzzing every reader of files from outside: the sheet, the counsellor packet, the names
file, and File > Open's guess of which one a file is.

Each reader gets bytes made from a valid file, then mutated: bytes changed, cut, inserted,
byte-order marks, other encodings, huge numbers, lone surrogate escapes, duplicate keys,
deep nesting. It must either return a value that can be written out again, or raise its
one documented error, never anything else.

The default suite runs FIRSTSESSION_FUZZ_EXAMPLES (200) examples per reader; the
`slow` variant runs 5,000 (`python -m pytest -m slow tests/test_readers_fuzz.py`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from firstsession import storage
from firstsession.cli_names import NamesError, read_names_file
from firstsession.packet import PacketError
from firstsession.packet_format import encode_packet, read_packet_file
from firstsession.packet_sample import sample_packet
from firstsession.sample import sample_sheet

SHEET = storage.encode_sheet(sample_sheet())
PACKET = encode_packet(sample_packet())
NAMES = "Sam Rivera\nZoë O'Brien\n\n  Dr. Amara Okafor \n李小龍\n".encode()

EXAMPLES = int(os.environ.get("FIRSTSESSION_FUZZ_EXAMPLES", "200"))
LONG_EXAMPLES = 5_000
_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large,
           HealthCheck.function_scoped_fixture, HealthCheck.large_base_example]


# -- mutations ------------------------------------------------------------------------------

Draw = Callable[[st.SearchStrategy[object]], object]


def _position(draw: Draw, raw: bytes) -> int:
    return draw(st.integers(0, len(raw)))  # type: ignore[return-value]


def _change_bytes(draw: Draw, raw: bytes) -> bytes:
    at = _position(draw, raw)
    new = draw(st.binary(min_size=1, max_size=8))
    return raw[:at] + new + raw[at + len(new):]  # type: ignore[operator]


def _insert_bytes(draw: Draw, raw: bytes) -> bytes:
    at = _position(draw, raw)
    return raw[:at] + draw(st.binary(max_size=40)) + raw[at:]  # type: ignore[operator]


def _cut(draw: Draw, raw: bytes) -> bytes:
    at = _position(draw, raw)
    end = draw(st.integers(at, len(raw)))
    return raw[:at] + raw[end:]  # type: ignore[index]


def _byte_order_mark(draw: Draw, raw: bytes) -> bytes:
    marks = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"]
    return draw(st.sampled_from(marks)) + raw  # type: ignore[operator]


def _other_encoding(draw: Draw, raw: bytes) -> bytes:
    encoding = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1"]))
    return raw.decode("utf-8", "replace").encode(encoding, "replace")  # type: ignore[arg-type]


def _insert_text(draw: Draw, raw: bytes) -> bytes:
    """Something crafted where a value starts (after ': ') or anywhere."""
    crafted = draw(st.sampled_from([
        b"9" * 5000, b"-" + b"1" * 25, b"1e999", b"NaN", b"-Infinity", b"1" * 4301,
        b'"\\ud83d"', b'"a\\udc00b"', b'"\\ud83d\\ude00"', b"\\ud800", b"\\uDBFF",
        b'"notes": "dup", ', b'"fees": "dup", ', b'"format": "firstsession-packet", ',
        b'"format": "firstsession-sheet", ', b"[" * 3000, b"{" * 3000, b"\x00", b"\xff",
        b"\xed\xa0\x80", b'"a\\u0000b"', b"true", b"null", b"{}", b"[]",
    ]))
    markers = [i + 2 for i in range(len(raw) - 1) if raw[i:i + 2] == b": "]
    at = draw(st.sampled_from(markers)) if markers and draw(st.booleans()) else _position(
        draw, raw)
    return raw[:at] + crafted + raw[at:]  # type: ignore[operator, index]


def _duplicate_key(draw: Draw, raw: bytes) -> bytes:
    """Repeat one `"key": ` right after an object opens."""
    opens = [i + 1 for i, b in enumerate(raw) if b == ord("{")]
    if not opens:
        return raw
    at = draw(st.sampled_from(opens))
    key = draw(st.sampled_from([b'"notes": "x", ', b'"format": "firstsession-sheet", ',
                                b'"name": "x", ', b'"schema_version": 1, ', b'"fees": "x", ']))
    return raw[:at] + key + raw[at:]  # type: ignore[operator, index]


def _nest(draw: Draw, raw: bytes) -> bytes:
    depth = draw(st.integers(1, 100_000))
    return b"[" * depth + raw + b"]" * depth  # type: ignore[operator]


def _replace_number(draw: Draw, raw: bytes) -> bytes:
    import re

    numbers = list(re.finditer(rb"\d+", raw))
    if not numbers:
        return raw
    match = draw(st.sampled_from(numbers))
    new = draw(st.sampled_from([b"9" * 5000, b"1" * 21, b"12345678901234567890", b"-1",
                                b"5.0", b"1e400", b"true"]))
    return raw[:match.start()] + new + raw[match.end():]  # type: ignore[operator, union-attr]


MUTATIONS = [_change_bytes, _insert_bytes, _cut, _byte_order_mark, _other_encoding,
             _insert_text, _duplicate_key, _nest, _replace_number]


@st.composite
def mutated(draw: Draw, base: bytes) -> bytes:
    raw = base
    for _ in range(draw(st.integers(1, 4))):  # type: ignore[call-overload]
        raw = draw(st.sampled_from(MUTATIONS))(draw, raw)  # type: ignore[operator]
    return raw


def inputs(base: bytes) -> st.SearchStrategy[bytes]:
    return st.one_of(mutated(base), st.binary(max_size=2000))


# -- the readers and what they may raise -------------------------------------------------------


def read_sheet(path: Path) -> None:
    try:
        sheet = storage.read_sheet_file(path)
    except storage.SheetFileError as err:
        assert_one_line(str(err))
        return
    # Whatever is read can be saved and read back the same.
    assert storage.decode_sheet(storage.encode_sheet(sheet)) == sheet


def read_packet(path: Path) -> None:
    try:
        packet = read_packet_file(path)
    except PacketError as err:
        assert_one_line(str(err))
        return
    encode_packet(packet).decode("utf-8")


def read_names(path: Path) -> None:
    try:
        names = read_names_file(path)
    except NamesError as err:
        assert_one_line(str(err))
        return
    assert names and all(name.encode("utf-8") and "\n" not in name for name in names)


def guess_kind(path: Path) -> None:
    from firstsession import files
    from firstsession.app.filemenu import file_kind

    try:
        kind = file_kind(path)
    except files.FileReadError as err:  # the kind cannot be told: one plain line
        assert_one_line(str(err))
        return
    assert kind in ("sheet", "packet")


def assert_one_line(message: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message
    message.encode("utf-8")  # printable: no lone surrogates


READERS: dict[str, tuple[Callable[[Path], None], bytes]] = {
    "sheet": (read_sheet, SHEET),
    "packet": (read_packet, PACKET),
    "names": (read_names, NAMES),
    "file-open-guess-sheet": (guess_kind, SHEET),
    "file-open-guess-packet": (guess_kind, PACKET),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def check(folder: Path, reader: str, data: st.DataObject) -> None:
    read, base = READERS[reader]
    raw = data.draw(inputs(base), label="file bytes")
    path = folder / "input"
    path.write_bytes(raw)
    read(path)
    assert path.read_bytes() == raw  # the file is never changed


@pytest.mark.parametrize("reader", sorted(READERS))
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=_CHECKS)
@given(data=st.data())
def test_every_reader_returns_a_value_or_its_one_error(folder: Path, reader: str,
                                                       data: st.DataObject) -> None:
    """Mutated sheets, packets and names files: a good value or the one documented error."""
    check(folder, reader, data)


@pytest.mark.slow
@pytest.mark.parametrize("reader", sorted(READERS))
@settings(max_examples=LONG_EXAMPLES, deadline=None, suppress_health_check=_CHECKS)
@given(data=st.data())
def test_every_reader_survives_a_long_fuzz(folder: Path, reader: str,
                                           data: st.DataObject) -> None:
    """The same fuzz with 5,000 examples per reader (run with -m slow)."""
    check(folder, reader, data)
