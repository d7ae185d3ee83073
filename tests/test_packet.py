"""Counsellor packets: the file format, strict checks on untrusted packets, and applying one."""

from __future__ import annotations

import base64
import copy
import io
import json
import random
import struct
import subprocess
import sys
import zlib
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from firstsession import content as content_module
from firstsession.packet import (
    FORMAT_NAME,
    MAX_LOGO_BYTES,
    MAX_PACKET_BYTES,
    PRACTICE_CATEGORY_ID,
    Packet,
    PacketError,
    PacketPrompt,
    PacketQuestion,
    PacketTooNewError,
    Practice,
    included_steps,
)
from firstsession.packet_content import packet_categories, packet_prompts
from firstsession.packet_format import (
    decode_packet,
    encode_packet,
    packet_from_dict,
    packet_to_dict,
    read_packet_file,
    save_packet,
    validate_packet,
)
from firstsession.packet_logo import logo_from_bytes, read_logo_file
from firstsession.packet_sample import PRACTICE_NAME, sample_packet
from firstsession.steps import STEP_IDS

HOSTILE = [
    "{{ 7*7 }}",
    "{% include '/etc/passwd' %}",
    "<img src=http://x>",
    "javascript:alert(1)",
    "<b>&amp;</b> & <br/> ]]> \\n %s {0}",
]

# -- helpers ---------------------------------------------------------------------------


def image_bytes(
    size: tuple[int, int] = (8, 6), fmt: str = "PNG", mode: str = "RGB", noise: bool = False
) -> bytes:
    """A small image made with Pillow (noise makes it hard to compress)."""
    if noise:
        image = Image.frombytes(mode, size, random.Random(7).randbytes(size[0] * size[1] * 3))
    else:
        image = Image.new(mode, size, (90, 150, 160) if mode == "RGB" else 1)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny 1-bit PNG whose header claims another size (a decompression bomb's header)."""
    data = bytearray(image_bytes((1, 1), mode="1"))
    # IHDR: 8-byte signature, 4-byte length, "IHDR", then width and height
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


@cache
def _sample_dict() -> dict[str, Any]:
    return packet_to_dict(sample_packet())


def valid_dict() -> dict[str, Any]:
    """The sample packet as parsed JSON, ready to be spoiled."""
    return copy.deepcopy(_sample_dict())


def set_path(data: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """Set a dotted path such as "prompts.1.label" in parsed JSON."""
    keys: list[Any] = [int(k) if k.isdigit() else k for k in path.split(".")]
    target: Any = data
    for key in keys[:-1]:
        target = target[key]
    target[keys[-1]] = value
    return data


def refused(data: object, *parts: str) -> PacketError:
    """Assert packet_from_dict refuses data with a one-line message containing parts."""
    with pytest.raises(PacketError) as info:
        packet_from_dict(data)
    message = str(info.value)
    assert "\n" not in message and "\r" not in message
    for part in parts:
        assert part in message
    return info.value


def refused_bytes(raw: bytes, *parts: str) -> PacketError:
    """Assert decode_packet refuses raw bytes with a one-line message containing parts."""
    with pytest.raises(PacketError) as info:
        decode_packet(raw)
    message = str(info.value)
    assert "\n" not in message
    for part in parts:
        assert part in message
    return info.value


def with_logo(data: bytes, mime: str = "image/png") -> dict[str, Any]:
    d = valid_dict()
    d["logo"] = {"mime": mime, "data": base64.b64encode(data).decode()}
    return d


# -- round trips and the sample --------------------------------------------------------


def test_round_trip_through_a_file(tmp_path: Path) -> None:
    """A packet saved and read back is equal, field for field, logo included."""
    packet = sample_packet()
    path = tmp_path / "riverside.fspacket"
    save_packet(packet, path)
    assert read_packet_file(path) == packet
    assert json.loads(path.read_text("utf-8"))["format"] == FORMAT_NAME
    assert path.stat().st_mode & 0o777 == 0o644


def test_sample_packet_is_valid_and_realistic() -> None:
    """The sample packet passes every check and has what the brief promises."""
    packet = validate_packet(sample_packet())
    assert packet.practice.name == PRACTICE_NAME
    assert len(packet.practice.clinicians) == 2
    assert "(555)" in packet.practice.phone
    assert packet.practice.email.endswith("example.org")
    assert packet.logo is not None and (packet.logo.width, packet.logo.height) == (240, 80)
    assert packet.session_format == "both" and packet.language == "en"
    assert "24 hours" in packet.cancellation and packet.sliding_scale
    assert any("988" in c.contact for c in packet.crisis_lines) and len(packet.crisis_lines) == 2
    assert packet.steps == list(STEP_IDS)
    assert (len(packet.prompts), packet.prompts_mode) == (2, "add")
    assert (len(packet.questions), packet.questions_mode) == (3, "add")


def test_minimal_packet_takes_defaults() -> None:
    """Only format, version and the practice's name are needed; the rest has defaults."""
    packet = packet_from_dict(
        {"format": FORMAT_NAME, "schema_version": 1, "practice": {"name": "Small Practice"}}
    )
    assert packet == Packet(practice=Practice(name="Small Practice"))
    assert packet.language == "en" and packet.steps == list(STEP_IDS)


def test_logo_size_comes_from_the_image_not_the_file() -> None:
    """Width and height are measured by decoding; the file cannot declare them."""
    packet = packet_from_dict(with_logo(image_bytes((13, 5))))
    assert packet.logo is not None and (packet.logo.width, packet.logo.height) == (13, 5)
    d = with_logo(image_bytes((13, 5)))
    d["logo"]["width"] = 4000
    refused(d, "unknown field in logo: width")


def test_logo_base64_may_be_wrapped_over_lines() -> None:
    """base64 broken into 76-character lines (as tools write it) is accepted."""
    raw = image_bytes((30, 30), noise=True)
    d = valid_dict()
    d["logo"] = {"mime": "image/png", "data": base64.encodebytes(raw).decode()}
    packet = packet_from_dict(d)
    assert packet.logo is not None and packet.logo.data == raw


def test_jpeg_logo_is_accepted() -> None:
    """A JPEG logo declared as image/jpeg is read and measured."""
    packet = packet_from_dict(with_logo(image_bytes((20, 10), fmt="JPEG"), "image/jpeg"))
    assert packet.logo is not None and packet.logo.mime == "image/jpeg"
    assert (packet.logo.width, packet.logo.height) == (20, 10)


def test_byte_order_mark_is_accepted() -> None:
    """A UTF-8 byte-order mark (as Notepad writes) does not stop a packet being read."""
    assert decode_packet(b"\xef\xbb\xbf" + encode_packet(sample_packet())) == sample_packet()


# -- damaged and foreign files ---------------------------------------------------------


@pytest.mark.parametrize(
    "raw", [b"", b"{", b"not json", b'{"format": "firstsession-packet",}', b"[1, 2"]
)
def test_malformed_json_is_refused(raw: bytes) -> None:
    """Text that is not JSON gets one line saying the packet is damaged."""
    refused_bytes(raw, "damaged or cut short")


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.999])
def test_truncated_packet_is_refused(fraction: float) -> None:
    """A packet file cut short anywhere is refused, never half-read."""
    raw = encode_packet(sample_packet())
    refused_bytes(raw[: int(len(raw) * fraction)])


def test_random_bytes_are_refused() -> None:
    """Random bytes only ever give a PacketError."""
    rng = random.Random(4)
    for _ in range(50):
        refused_bytes(rng.randbytes(rng.randrange(1, 400)))


def test_invalid_utf8_is_refused() -> None:
    """Bytes that are not UTF-8 are refused with one line."""
    refused_bytes(b'{"format": "\xff\xfe"}', "not UTF-8")


def test_a_sheet_or_other_json_is_not_a_packet() -> None:
    """A First Session sheet, a list or another program's JSON are told apart."""
    refused({"format": "firstsession-sheet", "schema_version": 2}, "sheet, not a counsellor packet")
    refused([1, 2], "not a First Session counsellor packet")
    refused({"name": "x"}, "not a First Session counsellor packet")


def test_newer_schema_version_is_refused() -> None:
    """A packet from a newer First Session is refused with a message saying so."""
    err = refused({**valid_dict(), "schema_version": 3}, "newer First Session", "format 3")
    assert isinstance(err, PacketTooNewError)
    refused({**valid_dict(), "schema_version": 10**100}, "newer First Session")
    refused_bytes(json.dumps({**valid_dict(), "schema_version": 4}).encode(), "newer")


@pytest.mark.parametrize("version", [0, -1, "1", 1.0, True, None])
def test_bad_schema_version_is_refused(version: object) -> None:
    """schema_version must be a positive whole number."""
    refused({**valid_dict(), "schema_version": version}, "schema_version")


def test_file_problems_are_one_line(tmp_path: Path) -> None:
    """A missing file or a folder gives one clear line naming the path."""
    with pytest.raises(PacketError, match="there is no file at"):
        read_packet_file(tmp_path / "missing.json")
    with pytest.raises(PacketError, match="is a folder"):
        read_packet_file(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "firstsession-packet", "schema_version": 1, "practice": {"name": "P"},'
        ' "fees": 3}'
    )
    with pytest.raises(PacketError, match=r"bad\.json cannot be used: fees should be text"):
        read_packet_file(bad)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    """A file over 8 MiB is refused from its size alone (a sparse file: nothing is read)."""
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_PACKET_BYTES + 1)
    with pytest.raises(PacketError, match="too large to be a packet"):
        read_packet_file(path)
    refused_bytes(b" " * (MAX_PACKET_BYTES + 1), "too large")


# -- wrong types, limits and required fields -------------------------------------------

WRONG_TYPES = [
    ("practice", "Riverside", "practice should be an object"),
    ("practice.name", 5, "practice.name should be text"),
    ("practice.email", ["a@example.org"], "practice.email should be text"),
    ("practice.website", None, "practice.website should be text"),
    ("practice.clinicians", "Dr. A", "practice.clinicians should be a list"),
    ("practice.clinicians.1", 3, "practice.clinicians[1] should be text"),
    ("welcome_note", None, "welcome_note should be text"),
    ("fees", 140, "fees should be text"),
    ("confidentiality", {"text": "x"}, "confidentiality should be text"),
    ("session_format", "hybrid", "session_format should be one of"),
    ("session_format", True, "session_format should be one of"),
    ("crisis_lines", {}, "crisis_lines should be a list"),
    ("crisis_lines.0", "988", "crisis_lines[0] should be an object"),
    ("crisis_lines.0.contact", 988, "crisis_lines[0].contact should be text"),
    ("language", 1, "language should be a language tag"),
    ("language", "English please", "language should be a language tag"),
    ("steps", "all", "steps should be a list"),
    ("steps.0", "dance", "steps[0] should be one of"),
    ("steps.0", 1, "steps[0] should be one of"),
    ("prompts", None, "prompts should be a list"),
    ("prompts.1", ["x"], "prompts[1] should be an object"),
    ("prompts.1.label", False, "prompts[1].label should be text"),
    ("prompts.0.help", {"a": 1}, "prompts[0].help should be text"),
    ("prompts_mode", "merge", "prompts_mode should be one of"),
    ("questions.2.why", 1.5, "questions[2].why should be text"),
    ("questions.0.category", "Fees!", "questions[0].category should be 1 to 64"),
    ("questions_mode", None, "questions_mode should be one of"),
    ("logo", "abc", "logo should be an object"),
    ("logo.mime", "image/gif", 'logo.mime should be "image/png" or "image/jpeg"'),
    ("logo.mime", 7, 'logo.mime should be "image/png" or "image/jpeg"'),
    ("logo.data", 5, "logo.data should be text"),
    ("logo.data", "@@not base64@@", "logo.data is not valid base64"),
    ("logo.data", "\u00e9t\u00e9", "logo.data is not valid base64"),
]


@pytest.mark.parametrize(("path", "value", "message"), WRONG_TYPES)
def test_wrong_types_are_refused_naming_the_field(path: str, value: object, message: str) -> None:
    """Each kind of field refuses a value of the wrong type, naming the field."""
    err = refused(set_path(valid_dict(), path, value), message)
    assert err.field is not None and err.field.split(".")[0].split("[")[0] == path.split(".")[0]


TOO_LONG = [
    ("practice.name", 200),
    ("practice.phone", 200),
    ("practice.clinicians.0", 200),
    ("practice.address", 500),
    ("welcome_note", 5000),
    ("cancellation", 5000),
    ("crisis_lines.0.detail", 500),
    ("prompts.0.label", 500),
    ("prompts.0.help", 1000),
    ("questions.0.text", 500),
    ("questions.0.why", 1000),
]


@pytest.mark.parametrize(("path", "limit"), TOO_LONG)
def test_text_is_length_limited(path: str, limit: int) -> None:
    """Text at the limit is fine; one character more is refused with the limit named."""
    packet_from_dict(set_path(valid_dict(), path, "a" * limit))
    refused(set_path(valid_dict(), path, "a" * (limit + 1)), f"at most {limit} characters")


@pytest.mark.parametrize(
    ("path", "limit", "item"),
    [
        ("practice.clinicians", 20, "Dr. A"),
        ("crisis_lines", 10, None),
        ("prompts", 60, None),
        ("questions", 100, None),
    ],
)
def test_lists_are_limited(path: str, limit: int, item: object) -> None:
    """Each list has a maximum length; one more entry is refused."""
    d = valid_dict()
    if item is None:
        template: dict[str, Any] = copy.deepcopy(d[path][0])
        items = []
        for i in range(limit + 1):
            entry = dict(template)
            if "id" in entry:
                entry["id"] = f"item-{i}"
            items.append(entry)
    else:
        items = [item] * (limit + 1)
    packet_from_dict(set_path(valid_dict(), path, items[:limit]))
    refused(set_path(d, path, items), f"too many entries (at most {limit})")


def test_required_fields() -> None:
    """A packet needs a practice name; crisis lines, prompts and questions need their text."""
    refused({"format": FORMAT_NAME, "schema_version": 1}, "practice.name is missing")
    refused(set_path(valid_dict(), "practice.name", "   "), "practice.name is empty")
    refused(set_path(valid_dict(), "prompts.0.label", ""), "prompts[0].label is empty")
    refused(set_path(valid_dict(), "questions.1.text", " "), "questions[1].text is empty")
    d = valid_dict()
    del d["crisis_lines"][0]["contact"]
    refused(d, "crisis_lines[0].contact is missing")
    d = valid_dict()
    del d["logo"]["data"]
    refused(d, "logo.data is missing")


def test_one_line_fields_refuse_line_breaks() -> None:
    """Names, phone and labels are single lines; notes and the address may span lines."""
    refused(set_path(valid_dict(), "practice.name", "A\nB"), "practice.name should be a single")
    refused(set_path(valid_dict(), "questions.0.text", "A\nB"), "single line")
    packet = packet_from_dict(set_path(valid_dict(), "welcome_note", "Hi,\n\n\tWelcome."))
    assert packet.welcome_note == "Hi,\n\n\tWelcome."


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\r", "\x0b"])
@pytest.mark.parametrize("path", ["practice.name", "welcome_note", "prompts.1.help"])
def test_control_characters_are_refused(char: str, path: str) -> None:
    """Control characters other than line breaks and tabs are refused, naming the field."""
    name = path.replace(".1.", "[1].")
    error = refused(set_path(valid_dict(), path, f"a{char}b"), name, "control character",
                    "(character 2 of 3)")
    assert "U+" not in str(error)


def test_lone_surrogates_are_refused() -> None:
    """A broken character from a JSON \\ud800 escape is refused (it could not be written out)."""
    raw = encode_packet(sample_packet()).replace(b'"fees": "', b'"fees": "\\ud800', 1)
    refused_bytes(raw, "fees contains a broken character")


def test_unknown_fields_are_refused_and_named() -> None:
    """Fields this version does not know are refused by name, at any level."""
    refused({**valid_dict(), "extra": 1, "script": "x"}, "unknown fields: extra, script")
    refused(set_path(valid_dict(), "practice.fax", "555"), "unknown field in practice: fax")
    refused(set_path(valid_dict(), "prompts.0.template", "{{x}}"), "in prompts[0]: template")
    refused(set_path(valid_dict(), "crisis_lines.0.url", "x"), "in crisis_lines[0]: url")
    err = refused({**valid_dict(), "bad\nkey\x1b[2J": 1}, "unknown field", "\\n")
    assert "\x1b" not in str(err)


def test_duplicate_keys_are_refused() -> None:
    """A key given twice in one object is refused rather than silently taking one."""
    raw = b'{"format": "firstsession-packet", "schema_version": 1, "fees": "a", "fees": "b"}'
    refused_bytes(raw, "fees appears twice")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_numbers_are_refused(constant: str) -> None:
    """NaN, Infinity and numbers too large for a float are refused."""
    raw = b'{"format": "firstsession-packet", "schema_version": %s}' % constant.encode()
    refused_bytes(raw)


def test_deep_nesting_is_refused() -> None:
    """Deeply nested JSON is refused with one line, never a RecursionError."""
    refused_bytes(b"[" * 200_000 + b"]" * 200_000, "nested too deeply")
    refused_bytes(b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "nested too deeply")
    nested: object = "x"
    for _ in range(60):
        nested = [nested]
    refused(set_path(valid_dict(), "fees", nested), "fees should be text")


def test_very_long_numbers_are_refused() -> None:
    """A number with thousands of digits gives one line, not a ValueError."""
    raw = b'{"format": "firstsession-packet", "schema_version": ' + b"9" * 10_000 + b"}"
    refused_bytes(raw, "number")


# -- hostile text is data --------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_kept_as_literal_text(text: str, tmp_path: Path) -> None:
    """Template code, markup and script links are not refused: they are kept as plain text."""
    packet = sample_packet()
    packet.practice.name = text
    packet.practice.website = text
    packet.welcome_note = f"{text}\n{text}"
    packet.crisis_lines[1].contact = text
    packet.prompts[0].label = text
    packet.questions[0].text = text
    packet.questions[0].why = text
    path = tmp_path / "hostile.json"
    save_packet(packet, path)
    back = read_packet_file(path)
    assert back == packet
    assert back.practice.name == text and back.welcome_note == f"{text}\n{text}"


# -- ids and steps ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad_id", ["", "Upper", "-lead", "has space", "a" * 65, "\u00fcn\u00efcode", 5, "a\n", "a_b"]
)
def test_bad_ids_are_refused(bad_id: object) -> None:
    """Ids are 1-64 lowercase letters, digits and hyphens, not starting with a hyphen."""
    refused(set_path(valid_dict(), "prompts.0.id", bad_id), "prompts[0].id should be 1 to 64")
    refused(set_path(valid_dict(), "questions.1.id", bad_id), "questions[1].id should be 1 to 64")


@pytest.mark.parametrize("good_id", ["a", "0", "a-b-c", "a" * 64, "9-lives-"])
def test_good_ids_are_accepted(good_id: str) -> None:
    """Well-formed ids are read unchanged."""
    packet = packet_from_dict(set_path(valid_dict(), "prompts.0.id", good_id))
    assert packet.prompts[0].id == good_id


def test_ids_must_be_unique_and_present() -> None:
    """Two prompts (or questions) with one id, or one with no id, are refused."""
    d = valid_dict()
    d["prompts"][1]["id"] = d["prompts"][0]["id"]
    refused(d, "prompts[1].id best-times is used twice")
    d = valid_dict()
    d["questions"][2]["id"] = d["questions"][0]["id"]
    refused(d, "questions[2].id", "used twice")
    d = valid_dict()
    del d["questions"][0]["id"]
    refused(d, "questions[0].id is missing")


def test_steps_always_include_welcome_and_export_in_order() -> None:
    """Chosen steps come back in the app's order, with welcome and export always in."""
    packet = packet_from_dict(set_path(valid_dict(), "steps", ["questions", "feelings"]))
    assert packet.steps == ["welcome", "feelings", "questions", "export"]
    assert included_steps(Packet(steps=[])) == ("welcome", "export")
    twice = set_path(valid_dict(), "steps", ["feelings", "feelings"])
    refused(twice, "steps[1] names feelings twice")


# -- the logo --------------------------------------------------------------------------


def test_oversized_logo_is_refused() -> None:
    """A logo over 2 MiB is refused by size, before it is decoded."""
    big = image_bytes() + b"\0" * MAX_LOGO_BYTES
    refused(with_logo(big), "logo is too large (at most 2 MiB)")
    with pytest.raises(PacketError, match="too large"):
        logo_from_bytes(big)


def test_logo_file_size_is_checked_before_reading(tmp_path: Path) -> None:
    """Choosing a logo file over 2 MiB is refused from its size alone."""
    path = tmp_path / "logo.png"
    with path.open("wb") as handle:
        handle.truncate(MAX_LOGO_BYTES + 1)
    with pytest.raises(PacketError, match="too large to be a logo"):
        read_logo_file(path)
    small = tmp_path / "small.png"
    small.write_bytes(image_bytes((9, 9)))
    assert read_logo_file(small).width == 9


@pytest.mark.parametrize(
    "data",
    [b"hello, world", b"", b"GIF89a" + b"\0" * 20, b"<svg xmlns='http://www.w3.org/2000/svg'/>"],
)
def test_logo_that_is_not_an_image_is_refused(data: bytes) -> None:
    """Bytes that are not PNG or JPEG (SVG and GIF included) are refused."""
    refused(with_logo(data), "not a PNG or JPEG image")


def test_png_signature_with_garbage_is_refused() -> None:
    """Data that starts like a PNG but is not one fails the Pillow decode."""
    refused(with_logo(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20), "logo could not be read")


def test_logo_mime_must_match_the_real_format() -> None:
    """JPEG data declared as PNG (and the other way round) is refused."""
    refused(with_logo(image_bytes(fmt="JPEG"), "image/png"), "says image/png", "is a JPEG")
    refused(with_logo(image_bytes(fmt="PNG"), "image/jpeg"), "says image/jpeg", "is a PNG")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
@pytest.mark.parametrize("fraction", [0.3, 0.7, 0.98])
def test_truncated_logo_is_refused(fmt: str, fraction: float) -> None:
    """A logo cut short is refused (the image is decoded in full, not just its header)."""
    data = image_bytes((64, 64), fmt=fmt, noise=True)
    mime = "image/png" if fmt == "PNG" else "image/jpeg"
    refused(with_logo(data[: int(len(data) * fraction)], mime), "logo could not be read")


@pytest.mark.parametrize("size", [(20000, 20000), (5000, 5000), (4001, 10), (10, 4001)])
def test_decompression_bomb_is_refused(size: tuple[int, int]) -> None:
    """A tiny file declaring a huge image is refused, and Pillow's limit is left as it was."""
    before = Image.MAX_IMAGE_PIXELS
    refused(with_logo(png_declaring(*size)), "too many pixels")
    assert Image.MAX_IMAGE_PIXELS == before


def test_largest_allowed_logo_side_is_accepted() -> None:
    """An image exactly 4000 pixels wide is within the limit."""
    logo = logo_from_bytes(image_bytes((4000, 2), mode="1"))
    assert (logo.width, logo.height) == (4000, 2)


def test_animated_logos_are_refused() -> None:
    """An animated PNG is refused; an animated GIF is not a PNG or JPEG at all."""
    frames = [Image.new("RGB", (10, 10), c) for c in ("red", "blue")]
    for fmt, message in (("PNG", "animated"), ("GIF", "not a PNG or JPEG")):
        buffer = io.BytesIO()
        frames[0].save(buffer, format=fmt, save_all=True, append_images=frames[1:])
        refused(with_logo(buffer.getvalue()), message)


def test_pillow_is_imported_only_for_a_logo() -> None:
    """Reading a packet without a logo does not import Pillow (start-up stays light)."""
    code = (
        "import sys, json\n"
        "from firstsession.packet_format import decode_packet\n"
        "raw = json.dumps({'format': 'firstsession-packet', 'schema_version': 1,"
        " 'practice': {'name': 'P'}}).encode()\n"
        "decode_packet(raw)\n"
        "print('PIL' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "False", result.stderr


# -- saving ----------------------------------------------------------------------------


def test_save_refuses_an_invalid_packet_and_keeps_the_old_file(tmp_path: Path) -> None:
    """A packet that could not be read back is never written; an existing file is unchanged."""
    path = tmp_path / "p.json"
    with pytest.raises(PacketError, match="practice.name is missing|practice.name is empty"):
        save_packet(Packet(), path)
    assert not path.exists()
    save_packet(sample_packet(), path)
    before = path.read_bytes()
    bad = sample_packet()
    bad.prompts.append(PacketPrompt("Bad Id", "label"))
    with pytest.raises(PacketError, match=r"prompts\[2\]\.id"):
        save_packet(bad, path)
    assert path.read_bytes() == before


# -- applying a packet -----------------------------------------------------------------


def _packet_with(prompts_mode: str, questions_mode: str) -> Packet:
    packet = sample_packet()
    packet.prompts_mode = prompts_mode
    packet.questions_mode = questions_mode
    return packet


def test_bank_ids_never_use_the_packet_prefix() -> None:
    """The bank's ids never start with "pk-", so packet ids cannot collide with them."""
    content = content_module.load()
    ids = [p.id for p in content.culture_prompts + content.preference_prompts]
    ids += [q.id for q in content.all_questions()] + [c.id for c in content.categories]
    assert not [i for i in ids if i.startswith("pk-")]


def test_prompts_add_to_the_bank() -> None:
    """In add mode the packet's prompts follow the bank's, with namespaced ids."""
    content = content_module.load()
    prompts = packet_prompts(_packet_with("add", "add"), content)
    assert prompts[: len(content.culture_prompts)] == content.culture_prompts
    extra = prompts[len(content.culture_prompts) :]
    assert [p.id for p in extra] == ["pk-best-times", "pk-support-people"]
    assert all(p.domain == PRACTICE_NAME for p in extra)


def test_prompts_replace_the_bank() -> None:
    """In replace mode only the packet's prompts are used."""
    prompts = packet_prompts(_packet_with("replace", "add"), content_module.load())
    assert [p.id for p in prompts] == ["pk-best-times", "pk-support-people"]


def test_questions_add_a_practice_category() -> None:
    """In add mode the bank's categories come first, then one named after the practice."""
    content = content_module.load()
    categories = packet_categories(_packet_with("add", "add"), content)
    assert categories[:-1] == content.categories
    own = categories[-1]
    assert (own.id, own.name) == (PRACTICE_CATEGORY_ID, PRACTICE_NAME)
    assert [q.id for q in own.questions] == [
        "pk-online-or-office", "pk-sliding-scale", "pk-between-sessions"
    ]
    assert all(q.category == PRACTICE_CATEGORY_ID for q in own.questions)
    all_ids = [q.id for c in categories for q in c.questions]
    assert len(all_ids) == len(set(all_ids))


def test_questions_replace_the_bank() -> None:
    """In replace mode only the practice's category is used."""
    categories = packet_categories(_packet_with("add", "replace"), content_module.load())
    assert [c.id for c in categories] == [PRACTICE_CATEGORY_ID]


def test_packet_without_extras_leaves_the_bank_alone() -> None:
    """A packet with no prompts or questions in add mode changes nothing."""
    content = content_module.load()
    packet = Packet(practice=Practice(name="P"))
    assert packet_prompts(packet, content) == content.culture_prompts
    assert packet_categories(packet, content) == content.categories
    packet.questions.append(PacketQuestion("q", "A question?"))
    assert packet_categories(packet, content)[-1].name == "P"


# -- fuzzing ---------------------------------------------------------------------------

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
)
_JSONISH = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=25,
)
_KNOWN_KEYS = list(_sample_dict().keys()) + ["name", "id", "label", "mime", "data", "extra"]


def _packetish() -> st.SearchStrategy[dict[str, Any]]:
    header = st.fixed_dictionaries(
        {
            "format": st.sampled_from([FORMAT_NAME, "firstsession-sheet", "other"]),
            "schema_version": st.sampled_from([1, 1, 1, 2, 0, "1", None]),
        }
    )
    body = st.dictionaries(st.sampled_from(_KNOWN_KEYS), _JSONISH, max_size=6)
    return st.builds(lambda h, b: {**b, **h}, header, body)


def _only_packet_errors(data: object) -> None:
    try:
        packet_from_dict(data)
    except PacketError as err:
        assert "\n" not in str(err)


_FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_FUZZ
@given(_packetish())
def test_arbitrary_json_only_ever_raises_packet_error(data: dict[str, Any]) -> None:
    """Any JSON-like data either reads as a packet or gives a PacketError, nothing else."""
    _only_packet_errors(data)


_PATHS = [
    "practice", "practice.name", "practice.clinicians", "practice.clinicians.0", "logo",
    "logo.mime", "logo.data", "welcome_note", "session_format", "crisis_lines",
    "crisis_lines.0", "crisis_lines.1.name", "language", "steps", "steps.2", "prompts",
    "prompts.0", "prompts.1.id", "prompts_mode", "questions", "questions.2", "questions.0.why",
    "questions.1.category", "questions_mode",
]


@_FUZZ
@given(st.sampled_from(_PATHS), _JSONISH)
def test_spoiling_one_field_only_ever_raises_packet_error(path: str, value: object) -> None:
    """A valid packet with any one field replaced by any JSON value never crashes the reader."""
    _only_packet_errors(set_path(valid_dict(), path, value))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_bytes_after_an_image_signature_only_raise_packet_error(tail: bytes) -> None:
    """Junk after a PNG or JPEG signature only ever gives a PacketError from the logo check."""
    for head in (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"):
        with pytest.raises(PacketError):
            logo_from_bytes(head + tail)


def test_encoded_random_json_only_raises_packet_error() -> None:
    """Random JSON text through the byte reader gives a packet or a PacketError."""
    rng = random.Random(11)
    for _ in range(100):
        d = valid_dict()
        key = rng.choice(list(d))
        d[key] = rng.choice([None, 1, -1, 1.5, "x", [], {}, [1, "a"], {"a": None}])
        try:
            decode_packet(json.dumps(d).encode())
        except PacketError:
            pass


def test_encoding_is_stable() -> None:
    """Saving the same packet twice gives the same bytes (no needless changes for diffing)."""
    assert encode_packet(sample_packet()) == encode_packet(sample_packet())


def test_practice_details_come_in_one_order_with_blank_ones_left_out() -> None:
    """practice_contact and practice_policies give what a packet fills in, in the one
    order every reader shows it (address, phone, email, website; fees, insurance,
    sliding scale, cancellation, confidentiality), text as written, blanks left out."""
    from firstsession.packet import practice_contact, practice_policies

    packet = Packet(
        practice=Practice(name="P", address="1 Road\nTown", phone="  ", email="a@example.org",
                          website="example.org"),
        confidentiality="Kept.", fees="$90", insurance="Most plans.", cancellation=" 24 hours ",
        sliding_scale="\n",
    )
    assert practice_contact(packet.practice) == [
        ("address", "1 Road\nTown"), ("email", "a@example.org"), ("website", "example.org")]
    assert practice_policies(packet) == [
        ("fees", "$90"), ("insurance", "Most plans."), ("cancellation", " 24 hours "),
        ("confidentiality", "Kept.")]
    assert practice_contact(Practice()) == [] and practice_policies(Packet()) == []
