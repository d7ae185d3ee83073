"""Names in any script: batch names with joiners and bidi marks accepted, and --split file names.

A name is text as typed: ZWJ (family emoji, Indic half forms), ZWNJ (Persian), LRM/RLM/ALM
and variation selectors belong to it; only control characters are refused. --split makes
file names that keep each letter with its marks and stay safe on Linux, macOS and Windows.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from firstsession.cli_names import NamesError, names_from_bytes, safe_file_part, split_paths
from firstsession.names import (
    MAX_FILE_NAME_BYTES,
    WINDOWS_FORBIDDEN,
    clusters,
    file_name_problem,
    refused_character,
)
from firstsession.outputs import printable
from firstsession.packet_format import packet_from_dict
from firstsession.packet_sample import sample_packet

ZWJ, ZWNJ, LRM, RLM, ALM = "\u200d", "\u200c", "\u200e", "\u200f", "\u061c"
FAMILY = f"👨{ZWJ}👩{ZWJ}👧"
SCOTLAND = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"  # a tag sequence

# (what it is, the name as typed, its --split file-name part)
SPLIT_NAMES = [
    ("Hindi", "अनंत शर्मा", "अनंत-शर्मा"),
    ("Bengali", "অনুপম দাশগুপ্ত", "অনুপম-দাশগুপ্ত"),
    ("Persian with ZWNJ", f"مهر{ZWNJ}آرا محمدی", f"مهر{ZWNJ}آرا-محمدی"),
    ("a ZWJ family emoji", f"{FAMILY} Rivera", f"{FAMILY}-Rivera"),
    ("Thai", "สมชาย ใจดี", "สมชาย-ใจดี"),
    ("Arabic with RLM", f"{RLM}محمد علي{RLM}", "محمد-علي"),
    ("Hindi with a ZWJ half form", f"क्{ZWJ}ष मिश्रा", f"क्{ZWJ}ष-मिश्रा"),
    ("decomposed Vietnamese", unicodedata.normalize("NFD", "Nguyễn Thị"), "Nguyễn-Thị"),
    ("a tag-sequence flag", f"Ailsa {SCOTLAND}", f"Ailsa-{SCOTLAND}"),
]

# Names that are text, with the format characters a person types (or a keyboard adds).
TEXT_NAMES = [
    f"{FAMILY} Rivera",
    f"مهر{ZWNJ}آرا محمدی",
    f"{RLM}محمد علي{RLM}",
    f"{LRM}Sam{LRM} שלום",
    f"ابو{ALM} بكر",
    "Ana ❤\ufe0f",  # VS16: the emoji form of the heart
    "葛\U000e0100城",  # an ideographic variation selector (U+E0100)
    f"Ailsa {SCOTLAND}",
    "Sam\u00a0Rivera",  # a no-break space
    "Jo\u00adanna",  # a soft hyphen
    "\U0001fae8 Ana",  # an emoji from Unicode 15.0, newer than Python 3.11's database
]


@pytest.mark.parametrize("name", TEXT_NAMES)
def test_names_with_joiners_bidi_marks_and_variation_selectors_are_accepted_as_typed(
        name: str) -> None:
    """Format characters are part of a name: the names file accepts it and keeps it as typed."""
    names = names_from_bytes(f"{name}\n".encode(), "names.txt")
    assert names == [" ".join(name.split())]


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x9b", "\ufffe",
                                  "\U0010ffff", "\ufdd0"])
def test_names_with_control_characters_are_still_refused_with_one_line(char: str) -> None:
    """Control characters and noncharacters are refused with the same one-line message."""
    with pytest.raises(NamesError, match=r"^names.txt line 2: the name holds a control character$"):
        names_from_bytes(f"Ana\nSam{char}Rivera\n".encode("utf-8", "surrogatepass"),
                         "names.txt")


def test_a_names_file_with_every_kind_of_format_character_makes_the_handouts(
        tmp_path: Path) -> None:
    """Whole process: a names file of ZWJ, ZWNJ, RLM, ALM, VS and tag names exits 0 (no refusal)."""
    names = tmp_path / "names.txt"
    names.write_text("\n".join(TEXT_NAMES) + "\n", "utf-8")
    out = tmp_path / "batch.pdf"
    result = run_cli("blank", "--names", str(names), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "control character" not in result.stderr
    assert out.read_bytes().startswith(b"%PDF-")


def test_the_length_limit_counts_a_decomposed_name_as_printed() -> None:
    """An NFD name (macOS) of 100 letters is accepted, and kept decomposed, as typed."""
    name = unicodedata.normalize("NFD", "Nguyễn " * 13 + "Thị Án")
    assert len(unicodedata.normalize("NFC", name)) <= 100 < len(name)
    assert names_from_bytes(name.encode(), "names.txt") == [name]


@pytest.mark.parametrize("char", [ZWJ, ZWNJ, LRM, RLM, ALM, "\ufe0f", "\U000e0067"])
def test_packet_text_may_hold_format_characters(char: str) -> None:
    """A practice name and welcome note with ZWJ, ZWNJ, bidi marks, VS or tags are accepted."""
    from firstsession.packet_format import packet_to_dict

    data = packet_to_dict(sample_packet())
    data["practice"]["name"] = f"Clinic{char}Name"
    data["welcome_note"] = f"Hello{char}there"
    packet = packet_from_dict(data)
    assert packet.practice.name == f"Clinic{char}Name"
    assert packet.welcome_note == f"Hello{char}there"


@pytest.mark.parametrize("char", ["\ufffe", "\ufdd0", "\U0010ffff"])
def test_packet_text_with_a_noncharacter_is_refused_naming_the_field(char: str) -> None:
    """A noncharacter (never text, Unicode 23.7) in a packet is refused, naming the field."""
    from firstsession.packet import PacketError
    from firstsession.packet_format import packet_to_dict

    data = packet_to_dict(sample_packet())
    data["welcome_note"] = f"Hello{char}"
    with pytest.raises(PacketError, match=r"^welcome_note contains a character that is never "
                       r"text \(character 6 of 6\)$"):
        packet_from_dict(data)


def test_refused_characters_are_exactly_controls_surrogates_and_noncharacters() -> None:
    """Every code point is refused iff it is Cc (but the allowed ones), Cs or a noncharacter."""
    for code in range(0x110000):
        ch = chr(code)
        category = unicodedata.category(ch)
        expected = (category in ("Cc", "Cs")
                    or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE) and ch != "\t"
        assert (refused_character(f"a{ch}b", allowed="\t") == ch) is expected, hex(code)


@pytest.mark.parametrize(("what", "name", "part"), SPLIT_NAMES, ids=[s[0] for s in SPLIT_NAMES])
def test_split_file_names_keep_marks_with_their_letters(what: str, name: str, part: str) -> None:
    """--split keeps vowel signs, viramas, ZWJ/ZWNJ inside words and emoji sequences whole."""
    assert safe_file_part(name) == part
    assert file_name_problem(f"handout-001-{part}.pdf") is None


def test_split_writes_files_named_in_every_script(tmp_path: Path) -> None:
    """Whole process: --split writes one file per name, named with its letters and marks."""
    names = tmp_path / "names.txt"
    names.write_text("".join(f"{name}\n" for _, name, _ in SPLIT_NAMES), "utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    result = run_cli("blank", "--names", str(names), "--split", "-o", str(folder))
    assert result.returncode == 0, result.stderr
    expected = {f"handout-{i:03d}-{part}.pdf" for i, (_, _, part) in enumerate(SPLIT_NAMES, 1)}
    assert {p.name for p in folder.iterdir()} == expected
    # The "Wrote" line names the first and last file with their letters, not as escapes.
    assert "handout-001-अनंत-शर्मा.pdf" in result.stdout
    assert f"handout-009-Ailsa-{SCOTLAND}.pdf" in result.stdout
    assert "\\u" not in result.stdout and "\\U" not in result.stdout


def test_messages_show_joiners_as_themselves_but_never_a_bidi_mark() -> None:
    """ZWJ, ZWNJ and tags join letters in a message; RLM/LRM/ALM, which reorder it, are escaped."""
    assert printable(f"{FAMILY} {SCOTLAND} مهر{ZWNJ}آرا") == f"{FAMILY} {SCOTLAND} مهر{ZWNJ}آرا"
    assert printable(f"a{RLM}b{LRM}c{ALM}") == "a\\u200fb\\u200ec\\u061c"


def test_long_names_are_cut_between_letters_to_fit_255_bytes(tmp_path: Path) -> None:
    """A long output name and long names: every file name fits 255 bytes, cut between clusters."""
    long_name = "अनंत शर्मा " * 30 + FAMILY * 40
    out = tmp_path / ("क्ष" * 20 + ".pdf")  # 180 bytes of the person's own choosing
    for path in split_paths(out, [long_name, FAMILY * 60, "Ana"]):
        assert len(path.name.encode()) <= MAX_FILE_NAME_BYTES
        assert file_name_problem(path.name) is None
    part = split_paths(out, [long_name])[0].name.removeprefix(out.stem + "-001-")[:-4]
    made = clusters(part)
    whole = clusters(long_name.replace(" ", "-"))
    assert made == whole[:len(made)], "the name is cut inside a letter's cluster"


def test_an_output_name_with_no_room_for_names_gets_one_clear_line(tmp_path: Path) -> None:
    """A 255-byte name is written whole; when OUT's own name leaves no room, one clear line."""
    names = tmp_path / "names.txt"
    names.write_text("Ana\n", "utf-8")
    result = run_cli("blank", "--names", str(names), "--split",
                     "-o", str(tmp_path / ("x" * 243 + ".pdf")))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / ("x" * 243 + "-001-Ana.pdf")).is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    result = run_cli("blank", "--names", str(names), "--split",
                     "-o", str(tmp_path / ("x" * 247 + ".pdf")))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "too long a name" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("file_name", "problem"), [
    ("CON.pdf", "device"), ("lpt¹.txt", "device"), ("nul", "device"),
    ("a:b.pdf", "one of"), ("a?.pdf", "one of"), ('a".pdf', "one of"),
    ("name.", "dot or a space"), ("name ", "dot or a space"), ("..", "empty"),
    ("a\x1fb", "control"), ("ж" * 128, "255 bytes"),
])
def test_file_names_unsafe_somewhere_are_named_as_such(file_name: str, problem: str) -> None:
    """The file-name check knows Windows' forbidden characters, devices, trailing dots and 255."""
    found = file_name_problem(file_name)
    assert found is not None and problem in found


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_name_becomes_a_file_name_part_safe_everywhere(name: str) -> None:
    """Whatever a name holds, its file-name part is safe on every system and never a path."""
    part = safe_file_part(name)
    assert part
    assert file_name_problem(f"handout-001-{part}.pdf") is None
    assert not set(part) & WINDOWS_FORBIDDEN and "." not in part
    assert part == unicodedata.normalize("NFC", part)
