"""The script engine's pure parts: clusters, faces per cluster, bidi levels, fast route, names."""

from __future__ import annotations

import time
import unicodedata

import pytest
from script_samples import IMPOSSIBLE, NFD_NGUYEN, SAMPLES

from firstsession import scripts
from firstsession.scripts import BY_NAME, EMOJI, FACES


def face_names(text: str) -> list[str | None]:
    runs, _base = scripts.runs(text)
    return [run.face.name if run.face else None for run in runs]


@pytest.mark.parametrize("text, expected", [
    ("ab", ["a", "b"]),
    ("e\u0301x", ["e\u0301", "x"]),
    ("a\u0301\u0323", ["a\u0301\u0323"]),  # stacked marks stay with their letter
    ("क्ष", ["क्ष"]),  # a virama joins the next letter: one conjunct
    ("👨\u200d👩\u200d👧!", ["👨\u200d👩\u200d👧", "!"]),  # a ZWJ family
    ("👍🏽x", ["👍🏽", "x"]),  # a skin tone
    ("❤️", ["❤️"]),  # VS16
    ("1\ufe0f\u20e3", ["1\ufe0f\u20e3"]),  # a keycap
    ("🇬🇧🇯🇵", ["🇬🇧", "🇯🇵"]),  # two flags, not one pair straddling them
    ("🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", [
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"]),  # a tag flag
    ("ক্ষি", ["ক্ষি"]),
])
def test_clusters_keep_marks_joiners_and_flags_with_their_letter(
    text: str, expected: list[str]
) -> None:
    """No cluster splits a letter from its marks, a conjunct, an emoji sequence or a flag."""
    assert scripts.clusters(text) == expected
    assert "".join(scripts.clusters(text)) == text


@pytest.mark.parametrize("key, tag, text, readback", SAMPLES, ids=[row[0] for row in SAMPLES])
def test_every_sample_has_a_face_for_every_cluster(
    key: str, tag: str | None, text: str, readback: str | float
) -> None:
    """Every cluster of every sample gets a face whose coverage holds its code points."""
    assert scripts.missing_scripts(text) == []
    runs, _base = scripts.runs(text)
    assert "".join(run.text for run in runs) == unicodedata.normalize("NFC", text)
    for run in runs:
        assert run.face is not None
        needed = {ord(ch) for ch in run.text} - scripts.IGNORABLE
        assert needed <= scripts.coverage(run.face), (key, run)


@pytest.mark.parametrize("text, expected", [
    ("Hello", ["FirstSessionSans"]),
    ("שלום, עולם", ["FS-Hebrew", "FirstSessionSans", "FS-Hebrew"]),  # a comma only Noto Sans has
    ("مرحبا 123", ["FS-Arabic"]),  # digits and spaces stay with the run they are in
    ("नमस्ते", ["FS-Devanagari"]),
    ("谢谢 감사 ありがとう", ["FS-CJK"]),
    ("hi 🙂 there", ["FirstSessionSans", "FS-Emoji", "FirstSessionSans"]),
    ("ok ☺ fine", ["FirstSessionSans", "FS-Emoji", "FirstSessionSans"]),  # Noto Sans lacks ☺
    ("go ⯑ on", ["FirstSessionSans", "FS-Symbols2", "FirstSessionSans"]),
    ("♥\ufe0f", ["FS-Emoji"]),
])
def test_each_cluster_gets_the_first_face_in_the_chain_that_draws_it(
    text: str, expected: list[str]
) -> None:
    """Faces follow FACES; neutrals stay with the face before; emoji go to the emoji face."""
    names = [name for n, name in enumerate(face_names(text))
             if n == 0 or name != face_names(text)[n - 1]]
    assert names == expected


def test_the_emoji_face_does_not_keep_the_space_after_an_emoji() -> None:
    """A space after an emoji is drawn by the text face (Noto Emoji's space is an emoji wide)."""
    assert scripts.pick(" ", EMOJI) is FACES[0]


def test_adding_a_face_is_one_line_and_every_face_file_has_coverage() -> None:
    """Each face has a vendored file with coverage; its bold draws all its regular draws."""
    assert len(BY_NAME) == len(FACES)
    for face in FACES:
        assert (scripts.font_dir() / face.file).is_file()
        assert scripts.coverage(face), face
        if face.bold_file:  # faces are picked by the regular's coverage: bold must match
            assert (scripts.font_dir() / face.bold_file).is_file()
            assert scripts.coverage(face) <= scripts._file_coverage(face.bold_file), face


@pytest.mark.parametrize("text, base, levels", [
    ("abc", 0, [0, 0, 0]),
    ("אבג", 1, [1, 1, 1]),
    ("ab אב 12", 0, [0, 0, 0, 1, 1, 1, 2, 2]),  # N1: a number after RTL letters joins them
    ("אב 12 ab", 1, [1, 1, 1, 2, 2, 1, 2, 2]),
    ("אב ", 1, [1, 1, 1]),
])
def test_bidi_levels_follow_the_unicode_bidi_algorithm(
    text: str, base: int, levels: list[int]
) -> None:
    """bidi_levels gives UAX #9 levels: direction, numbers in RTL, trailing spaces (L1)."""
    assert scripts.bidi_levels(text) == (levels, base)


def test_runs_find_the_paragraph_direction_and_can_be_told_it() -> None:
    """runs() gives base level 1 for Hebrew-first text, 0 for Latin-first, and a forced level."""
    assert scripts.runs("שלום hello")[1] == 1
    assert scripts.runs("hello שלום")[1] == 0
    assert scripts.runs("hello", 1)[1] == 1
    assert [r.level for r in scripts.runs("hello world", 1)[0]] == [2]  # L in RTL: level 2
    assert scripts.runs("12 34")[1] == 0


@pytest.mark.parametrize("text, simple", [
    ("Plain English, with ü, é, ß and “quotes”.", True),
    ("Καλημέρα · Здравствуйте · Tiếng Việt", True),
    (NFD_NGUYEN, True),  # NFD Latin is simple after NFC
    ("a\u0301\u0323", False),  # no precomposed form: HarfBuzz places the marks
    ("می\u200cخواهم", False),
    ("שלום", False),
    ("hi 🙂", False),
    ("line one\nline two\ttab", True),
    ("zero\u200bwidth", False),
])
def test_is_simple_is_true_only_for_what_the_plain_paragraph_draws_right(
    text: str, simple: bool
) -> None:
    """is_simple: all in Noto Sans after NFC, no marks or format characters, no RTL."""
    assert scripts.is_simple(text) is simple


def test_is_simple_is_cheap_on_a_long_latin_answer() -> None:
    """is_simple on 100,000 Latin characters takes under 30 ms (a set check in C)."""
    text = "A perfectly ordinary sentence about my week, with Crème brûlée. " * 1600
    scripts.is_simple(text)
    took = []
    for _ in range(10):
        start = time.perf_counter()
        assert scripts.is_simple(text)
        took.append(time.perf_counter() - start)
    assert sorted(took)[5] < 0.030


@pytest.mark.parametrize("name, text", IMPOSSIBLE)
def test_scripts_no_face_draws_are_named_in_words(name: str, text: str) -> None:
    """missing_scripts names the truly impossible scripts in plain words, never code points."""
    assert scripts.missing_scripts(f"Hello {text} there") == [name]
    assert scripts.replace_missing(f"Hello {text} there") == f"Hello [{name}] there"


def test_missing_scripts_come_in_order_of_appearance_once_each() -> None:
    """Two impossible scripts, one repeated: each named once, in the order they appear."""
    java, egyp = IMPOSSIBLE[0][1], IMPOSSIBLE[1][1]
    text = f"{egyp} and {java} and {egyp}"
    assert scripts.missing_scripts(text) == ["Egyptian hieroglyphs", "Javanese"]
    assert scripts.replace_missing(text) == \
        "[Egyptian hieroglyphs] and [Javanese] and [Egyptian hieroglyphs]"


def test_replace_missing_leaves_drawable_text_exactly_as_typed() -> None:
    """Drawable text (even NFD, ZWJ, Arabic) comes back unchanged, character for character."""
    text = NFD_NGUYEN + " می\u200cخواهم 👨\u200d👩\u200d👧 \n\t"
    assert scripts.replace_missing(text) == text
    assert scripts.missing_scripts(text) == []


def test_control_characters_are_named_but_newlines_and_tabs_are_text() -> None:
    """A stray control character is reported as such; newline and tab are not missing."""
    assert scripts.missing_scripts("a\x07b\n\tc") == ["Control characters"]
    assert scripts.replace_missing("a\x07b") == "a[Control characters]b"


@pytest.mark.parametrize("text, tag", [
    ("תודה רבה", "he"),
    ("ขอบคุณมาก", "th"),
    ("감사합니다", "ko"),
    ("ありがとう、漢字", "ja"),
    ("Καλημέρα", "el"),
    ("გმადლობთ", "ka"),
    ("Շնորհակալություն", "hy"),
    ("Thank you", None),  # Latin: many languages
    ("شكرا جزيلا", None),  # Arabic script: Arabic, Persian, Urdu...
    ("谢谢你", None),  # Han alone: Chinese or Japanese
    ("Спасибо", None),
    ("धन्यवाद", None),  # Devanagari: Hindi, Marathi, Nepali
    ("Hello שלום and more English words here", None),  # mostly Latin
    ("123 !!", None),
])
def test_language_of_names_a_language_only_when_the_script_says_which(
    text: str, tag: str | None
) -> None:
    """language_of gives a BCP 47 tag for scripts of one language, None when ambiguous."""
    assert scripts.language_of(text) == tag


def test_script_names_are_plain_words() -> None:
    """script_name gives words people read: Khmer, Canadian syllabics, N'Ko."""
    assert scripts.script_name("ក") == "Khmer"
    assert scripts.script_name("ᐃ") == "Canadian syllabics"
    assert scripts.script_name("ߊ") == "N'Ko"
    assert scripts.script_name("\ue000") == "Private characters"


def test_each_faces_family_is_the_family_name_inside_its_file() -> None:
    """Face.family (what Qt is asked for) equals the family name in the font file itself."""
    from fontTools.ttLib import TTCollection, TTFont

    for face in FACES:
        path = scripts.font_dir() / face.file
        font = (TTCollection(str(path)).fonts[face.index] if path.suffix == ".ttc"
                else TTFont(str(path), lazy=True))
        assert font["name"].getBestFamilyName() == face.family, face.name


def test_a_zwj_joins_a_following_letter_or_emoji_but_never_a_space_or_punctuation() -> None:
    """A ZWJ keeps to its cluster; it takes the next character along only when that is a
    letter, digit or symbol (an emoji sequence, a Devanagari half form), never a space."""
    assert scripts.clusters("a\u200d b") == ["a\u200d", " ", "b"]
    assert scripts.clusters("a\u200d/") == ["a\u200d", "/"]
    assert scripts.clusters("\U0001F468\u200d\U0001F467") == ["\U0001F468\u200d\U0001F467"]
    assert scripts.clusters("\u0915\u094d\u200d\u0937") == ["\u0915\u094d\u200d\u0937"]


# Korean typed on a Mac is decomposed (NFD jamo): the tester's nfd_korean.json notes.
NFD_KOREAN = ("\u1100\u1161\u11b7\u1109\u1161\u1112\u1161\u11b8\u1102\u1175\u1103\u1161"
              " \u110b\u116e\u1105\u1175 \u1100\u1161\u110c\u1169\u11a8 (Korean typed on a Mac)")


def test_decomposed_korean_is_judged_composed_and_never_refused() -> None:
    """NFD Hangul is composed before the check (as it is printed): nothing is missing and
    replace_missing gives it back untouched; an undrawable script beside it is named, composed."""
    assert scripts.missing_scripts(NFD_KOREAN) == []
    assert scripts.replace_missing(NFD_KOREAN) == NFD_KOREAN
    java = "\ua9b1\ua9b8\ua992\ua9ba\ua981"
    assert scripts.missing_scripts(NFD_KOREAN + java) == ["Javanese"]
    assert scripts.replace_missing(NFD_KOREAN + java) == \
        unicodedata.normalize("NFC", NFD_KOREAN) + "[Javanese]"


@pytest.mark.parametrize("text, expected", [
    ("क्中", ["क्", "中"]),
    ("என்王", ["எ", "ன்", "王"]),
    ("क्ष", ["क्ष"]),
])
def test_a_virama_joins_only_a_following_letter_of_its_own_script(
    text: str, expected: list[str]
) -> None:
    """A virama makes a conjunct with the next letter of its script only: "क्中" is two
    clusters, each drawn by its own face, and nothing is reported missing."""
    assert scripts.clusters(text) == expected
    assert scripts.missing_scripts(text) == []
    assert None not in face_names(text)


def test_a_zwj_before_a_newline_or_tab_leaves_them_as_line_breaks_and_spaces() -> None:
    """The tester's "family 👨‍👩‍👧 ZWJ newline" and "ok ZWJ tab": nothing is missing."""
    for text in ("My family 👨\u200d👩\u200d👧\u200d\nsecond line", "ok\u200d\ttab"):
        assert scripts.missing_scripts(text) == []
        assert scripts.replace_missing(text) == text
