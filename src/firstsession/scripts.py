"""Which bundled font draws which piece of a person's text, in what direction, in what order.

Pure Python (no reportlab, no Qt): the PDF engine (``pdf/scripttext.py``), the
messages about what cannot be printed and the app share it.

- ``FACES``: the fallback chain of bundled faces, one line per face (adding a
  script = one line here and one line in ``tests/script_samples.py``).
- ``clusters``: text cut into grapheme-like clusters (a letter with its marks, an
  emoji sequence, a flag), the smallest pieces a font is chosen for.
- ``runs``: text (after NFC) as runs of one face and one bidi embedding level.
- ``is_simple``: the fast route: text today's Paragraph path already draws.
- ``missing_scripts``/``replace_missing``: the truly impossible, in words.
- ``language_of``: a BCP 47 tag when the writing names one language.

The coverage of every face comes from ``fonts/coverage.json`` (each face's cmap as
``[first, last]`` ranges, written by ``tools/vendor_fonts.py``), so no font file is
opened to choose a face. ``fontTools.unicodedata`` (Script property) and
``bidi.algorithm`` (python-bidi's pure-Python UBA) are imported on first use.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from firstsession.bidilevels import bidi_levels, has_rtl
from firstsession.i18n import N_, _, babel_locale_name


@dataclass(frozen=True)
class Face:
    """One bundled font face.

    ``name`` is the reportlab font name (``pdf/fonts.py`` registers it on first use),
    ``file`` the file in ``firstsession/fonts/``, ``index`` the face inside a
    collection (.ttc), ``bold_file`` its bold (None: bold text uses the regular
    face) and ``family`` the face's family name, as Qt knows it.
    """

    name: str
    file: str
    index: int = 0
    bold_file: str | None = None
    family: str = ""


def _noto(name: str, stem: str, family: str, *, bold: bool = False) -> Face:
    return Face(name, f"{stem}-Regular.ttf", 0, f"{stem}-Bold.ttf" if bold else None, family)


# The fallback chain, in order of preference for code points several faces have.
# Noto Sans first (Latin, Greek, Cyrillic); emoji clusters go to EMOJI first (see ``pick``).
# A new script: vendor its face with tools/vendor_fonts.py (file, licence, coverage.json),
# add its line here and a sample line to tests/script_samples.py.
FACES: tuple[Face, ...] = (
    _noto("FirstSessionSans", "NotoSans", "Noto Sans", bold=True),
    _noto("FS-Arabic", "NotoNaskhArabic", "Noto Naskh Arabic", bold=True),
    _noto("FS-Hebrew", "NotoSansHebrew", "Noto Sans Hebrew", bold=True),
    _noto("FS-Devanagari", "NotoSansDevanagari", "Noto Sans Devanagari", bold=True),
    _noto("FS-Bengali", "NotoSansBengali", "Noto Sans Bengali", bold=True),
    _noto("FS-Tamil", "NotoSansTamil", "Noto Sans Tamil", bold=True),
    _noto("FS-Thai", "NotoSansThai", "Noto Sans Thai", bold=True),
    _noto("FS-Ethiopic", "NotoSansEthiopic", "Noto Sans Ethiopic", bold=True),
    _noto("FS-Gujarati", "NotoSansGujarati", "Noto Sans Gujarati"),
    _noto("FS-Gurmukhi", "NotoSansGurmukhi", "Noto Sans Gurmukhi"),
    _noto("FS-Oriya", "NotoSansOriya", "Noto Sans Oriya"),
    _noto("FS-Telugu", "NotoSansTelugu", "Noto Sans Telugu"),
    _noto("FS-Kannada", "NotoSansKannada", "Noto Sans Kannada"),
    _noto("FS-Malayalam", "NotoSansMalayalam", "Noto Sans Malayalam"),
    _noto("FS-Sinhala", "NotoSansSinhala", "Noto Sans Sinhala"),
    _noto("FS-Khmer", "NotoSansKhmer", "Noto Sans Khmer"),
    _noto("FS-Myanmar", "NotoSansMyanmar", "Noto Sans Myanmar"),
    _noto("FS-Lao", "NotoSansLao", "Noto Sans Lao"),
    _noto("FS-Georgian", "NotoSansGeorgian", "Noto Sans Georgian"),
    _noto("FS-Armenian", "NotoSansArmenian", "Noto Sans Armenian"),
    _noto("FS-Tibetan", "NotoSerifTibetan", "Noto Serif Tibetan"),
    _noto("FS-Syriac", "NotoSansSyriac", "Noto Sans Syriac"),
    _noto("FS-Thaana", "NotoSansThaana", "Noto Sans Thaana"),
    _noto("FS-NKo", "NotoSansNKo", "Noto Sans NKo"),
    _noto("FS-Cherokee", "NotoSansCherokee", "Noto Sans Cherokee"),
    _noto("FS-Syllabics", "NotoSansCanadianAboriginal", "Noto Sans Canadian Aboriginal"),
    _noto("FS-Yi", "NotoSansYi", "Noto Sans Yi"),
    _noto("FS-Tifinagh", "NotoSansTifinagh", "Noto Sans Tifinagh"),
    _noto("FS-Mongolian", "NotoSansMongolian", "Noto Sans Mongolian"),
    Face("FS-CJK", "wqy-microhei.ttc", 0, None, "WenQuanYi Micro Hei"),
    Face("FS-Emoji", "NotoEmoji-Regular.ttf", 0, None, "Noto Emoji"),
    _noto("FS-Symbols2", "NotoSansSymbols2", "Noto Sans Symbols2"),
    _noto("FS-Symbols", "NotoSansSymbols", "Noto Sans Symbols"),
)
BY_NAME: dict[str, Face] = {face.name: face for face in FACES}
EMOJI: Face = BY_NAME["FS-Emoji"]

# Noto Sans's four styles: the fast route (``is_simple``) needs a character in all of them.
_SIMPLE_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
                 "NotoSans-BoldItalic.ttf")

ZWJ = "\u200d"
# Characters that belong to the cluster before them: variation selectors, keycap, skin
# tones, emoji tag characters (marks are found by category).
_EXTENDERS = frozenset({0xFE0E, 0xFE0F, 0x20E3, *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)})
# Default ignorables a face may lack without harm: HarfBuzz hides them (they still
# decide joining and direction). Source: Unicode DerivedCoreProperties.txt,
# Default_Ignorable_Code_Point (the ones people type).
IGNORABLE = frozenset({0x00AD, 0x034F, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F,
                       0x2060, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A),
                       *range(0xFE00, 0xFE10), *range(0xE0000, 0xE1000)})
_REGIONAL = range(0x1F1E6, 0x1F200)
_VIRAMA = 9  # canonical combining class of a virama: the next letter joins the conjunct
# Strong right-to-left characters and the marks that open RTL (Hebrew, Arabic, Syriac,
# Thaana, N'Ko, ... blocks; RLM, ALM, RLE, RLO, RLI): text without them skips the UBA.
_NEUTRAL_SCRIPTS = frozenset({"Zyyy", "Zinh", "Zzzz"})


@dataclass(frozen=True)
class Run:
    """A stretch of text drawn with one face at one bidi embedding level (odd = RTL).

    ``face`` is None only for clusters no face can draw (see ``missing_scripts``).
    """

    text: str
    face: Face | None
    level: int


def font_dir() -> Path:
    """The folder of the bundled fonts and ``coverage.json``."""
    return Path(__file__).resolve().parent / "fonts"


@cache
def _coverage_table() -> dict[str, list[list[int]]]:
    table: dict[str, list[list[int]]] = json.loads(
        (font_dir() / "coverage.json").read_text(encoding="utf-8")
    )
    return table


@cache
def _file_coverage(file: str) -> frozenset[int]:
    return frozenset(cp for first, last in _coverage_table()[file] for cp in range(first, last + 1))


def coverage(face: Face) -> frozenset[int]:
    """The code points ``face``'s regular file maps (its cmap), read once from coverage.json.

    Raises KeyError for a file coverage.json does not list (re-run tools/vendor_fonts.py).
    """
    return _file_coverage(face.file)


def clusters(text: str) -> list[str]:
    """``text`` cut into grapheme-like clusters, in order; joined they give ``text`` back.

    A cluster is a character with its combining marks (Mn/Mc/Me), a virama with
    the letter it joins (Devanagari conjuncts), ``X ZWJ Y`` chains, variation
    selectors, keycaps, skin tones, emoji tag sequences, and regional-indicator
    pairs (flags). Close to Unicode's extended grapheme clusters (UAX #29), not
    identical: Hangul jamo and prepended concatenation marks are not joined. A ZWJ
    always stays with the character before it, and takes the next one into the cluster
    only when that is a letter, digit or symbol (so "a\u200d " keeps its space apart).
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        if ord(text[i]) in _REGIONAL and j < n and ord(text[j]) in _REGIONAL:
            j += 1  # a flag: two regional indicators
        while j < n:
            ch = text[j]
            cp = ord(ch)
            if cp in _EXTENDERS or unicodedata.category(ch) in ("Mn", "Mc", "Me"):
                j += 1
            elif ch == ZWJ:  # joins the next letter, digit or emoji; never a space or punctuation
                j += 2 if j + 1 < n and _joinable(text[j + 1]) else 1
            elif (unicodedata.combining(text[j - 1]) == _VIRAMA
                  and unicodedata.category(ch) == "Lo"
                  and _script(ch) == _script(text[j - 1])):  # a conjunct: one script
                j += 1
            else:
                break
        out.append(text[i:j])
        i = j
    return out


@cache
def _joinable(ch: str) -> bool:
    """True for what a ZWJ may join to the cluster before it: a letter, digit or symbol."""
    category = unicodedata.category(ch)
    return category[0] in "LN" or category == "So"


def _unicodedata() -> Any:
    """fontTools.unicodedata (Script property), imported on first use (~30 ms)."""
    from fontTools import unicodedata as fu  # type: ignore[import-untyped]  # no stubs

    return fu


def _script(ch: str) -> str:
    code: str = _unicodedata().script(ch)
    return code


def script_of(cluster: str) -> str:
    """The ISO 15924 code of a cluster's first character with a real script ("Zyyy" if none)."""
    for ch in cluster:
        code = _script(ch)
        if code not in _NEUTRAL_SCRIPTS:
            return code
    return "Zyyy"


def _is_emoji(cp: int) -> bool:
    return (0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF
            or cp in (0x2B50, 0x2B55, 0x3030, 0x303D))


@lru_cache(maxsize=65536)
def pick(cluster: str, prev: Face | None = None) -> Face | None:
    """The face that draws ``cluster`` (NFC), or None when no bundled face can.

    An emoji cluster goes to the emoji face when it has every code point (a text
    symbol such as ☺ without VS16 stays with the face before it if that face has
    it); a neutral cluster (spaces, digits, punctuation) stays in ``prev`` when
    ``prev`` has it and is not the emoji face (whose space is an emoji wide);
    otherwise the first face of ``FACES`` holding every code point
    that is not a default ignorable. Answers are cached (text repeats its clusters).
    """
    need = {ord(c) for c in cluster}
    must = need - IGNORABLE
    if not must:  # only joiners/marks of direction: invisible, any face hides them
        return prev or FACES[0]
    if any(_is_emoji(cp) for cp in need):
        symbol_alone = len(need) == 1 and 0x2600 <= min(need) <= 0x27BF
        if not (symbol_alone and prev is not None and must <= coverage(prev)):
            if must <= coverage(EMOJI):
                return EMOJI
    if (prev is not None and prev != EMOJI and must <= coverage(prev)
            and script_of(cluster) == "Zyyy"):
        return prev
    for face in FACES:
        if must <= coverage(face):
            return face
    return None


def runs(text: str, base_level: int | None = None,
         boundaries: Iterable[int] = ()) -> tuple[list[Run], int]:
    """``text`` after NFC as runs of one face and one level, in logical order, and the base level.

    ``base_level`` None finds the paragraph direction from the first strong
    character (UBA P2/P3; 0 when there is none); 0 or 1 forces it. Left-to-right
    text without right-to-left characters skips the UBA (every level 0). The runs'
    texts joined equal ``NFC(text)``. ``boundaries`` are where one part of the text
    meets the next (see ``bidi_levels``), as indices into ``text``; they are dropped
    if NFC changes ``text`` (the parts were each composed already when given).
    """
    composed = unicodedata.normalize("NFC", text)
    if composed != text:
        text, boundaries = composed, ()
    if not base_level and not has_rtl(text):
        base = 0
        levels = [0] * len(text)
    else:
        levels, base = bidi_levels(text, base_level, boundaries)
    parts: list[tuple[list[str], Face | None, int]] = []  # (clusters, face, level)
    pos = 0
    prev: Face | None = None
    for cluster in clusters(text):
        face = pick(cluster, prev)
        level = levels[pos]
        if parts and parts[-1][1] is face and parts[-1][2] == level:
            parts[-1][0].append(cluster)
        else:
            parts.append(([cluster], face, level))
        prev = face or prev
        pos += len(cluster)
    return [Run("".join(texts), face, level) for texts, face, level in parts], base


@cache
def simple_chars() -> frozenset[str]:
    """Characters today's Paragraph path draws right: in all four Noto Sans styles, not a
    combining mark, format character, control or private-use character; plus newline,
    tab and carriage return (the Paragraph markup turns them into breaks and spaces)."""
    common = set.intersection(*(set(_file_coverage(f)) for f in _SIMPLE_FILES))
    keep = {chr(cp) for cp in common
            if unicodedata.category(chr(cp)) not in ("Mn", "Mc", "Me", "Cf", "Cc", "Co")}
    return frozenset(keep | {"\n", "\t", "\r"})


def is_simple(text: str) -> bool:
    """True when today's Paragraph path draws ``text`` correctly after NFC (the fast route).

    Every character of ``NFC(text)`` must be in ``simple_chars()``: Latin, Greek
    and Cyrillic with precomposed accents; no combining marks, format characters
    or right-to-left letters. Cheap: one C-level set check (plus an NFC quick check)
    for text already in NFC; about 1 microsecond per 100 characters.
    """
    allowed = simple_chars()
    if allowed.issuperset(text):
        return True
    if unicodedata.is_normalized("NFC", text):
        return False
    return allowed.issuperset(unicodedata.normalize("NFC", text))


# Plain words for scripts whose Unicode name reads oddly in a message (Unicode
# Scripts.txt / PropertyValueAliases.txt names otherwise, underscores as spaces).
_SCRIPT_WORDS = {  # marked for the catalogue; put into the current language when named
    "Egyp": N_("Egyptian hieroglyphs"),
    "Cans": N_("Canadian syllabics"),
    "Nkoo": N_("N'Ko"),
    "Hani": N_("Chinese characters"),
    "Zyyy": N_("Symbols"),
    "Zinh": N_("Accent marks"),
    "Zzzz": N_("Unknown characters"),
    "Brai": N_("Braille"),
}


def script_name(ch: str) -> str:
    """The script of one character in plain words of the current language: "Khmer",
    "Egyptian hieroglyphs" ("jemer", "jeroglíficos egipcios" in Spanish).

    Names come from the Unicode Script property (``fontTools.unicodedata``) in English
    and from CLDR (via babel) in any other language, falling back to English when CLDR
    has no name; private-use characters are "Private characters", controls "Control
    characters" (both from the catalogue).
    """
    category = unicodedata.category(ch)
    if category == "Co":
        return _("Private characters")
    if category == "Cc":
        return _("Control characters")
    code = _script(ch)
    if code in _SCRIPT_WORDS:
        return _(_SCRIPT_WORDS[code])
    english = str(_unicodedata().script_name(code)).replace("_", " ")
    return _cldr_script_name(code, babel_locale_name()) or english


@cache
def _cldr_script_name(code: str, locale_name: str) -> str:
    """CLDR's name for the script ``code`` (ISO 15924) in ``locale_name``; "" for English
    (the Unicode names are kept there) and when CLDR has none."""
    if locale_name.split("_")[0] == "en":
        return ""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(locale_name).scripts.get(code, "")
    except (UnknownLocaleError, ValueError):
        return ""
    return str(name)


def _cluster_name(cluster: str) -> str:
    for ch in cluster:
        if _script(ch) not in _NEUTRAL_SCRIPTS or unicodedata.category(ch) in ("Co", "Cc"):
            return script_name(ch)
    return script_name(cluster[0])


def _drawable(cluster: str) -> bool:
    if cluster in ("\n", "\t", "\r"):
        return True
    if unicodedata.category(cluster[0]) == "Cc":
        return False
    return pick(unicodedata.normalize("NFC", cluster)) is not None


def _undrawable_pieces(text: str) -> Iterable[tuple[str, str | None]]:
    """``text`` as (piece, script name) with name None for drawable pieces; consecutive
    undrawable clusters of one script form one piece."""
    pending: list[str] = []
    name: str | None = None
    for cluster in clusters(text):
        if is_simple(cluster) or _drawable(cluster):
            if pending:
                yield "".join(pending), name
                pending, name = [], None
            yield cluster, None
            continue
        cluster_name = _cluster_name(cluster)
        if pending and cluster_name != name:
            yield "".join(pending), name
            pending = []
        pending.append(cluster)
        name = cluster_name
    if pending:
        yield "".join(pending), name


def missing_scripts(text: str) -> list[str]:
    """Script names (plain words) of the clusters no bundled face can draw, each once, in order.

    Empty for everything the fonts cover; e.g. ["Javanese", "Egyptian hieroglyphs"]
    for text holding those. Newlines and tabs are fine; other control characters
    are reported as "Control characters". The text is judged composed (NFC), as it
    is printed: decomposed Korean (macOS) is Hangul syllables, not loose jamo.
    """
    if is_simple(text):
        return []
    names: dict[str, None] = {}
    for _piece, name in _undrawable_pieces(unicodedata.normalize("NFC", text)):
        if name is not None:
            names.setdefault(name)
    return list(names)


def replace_missing(text: str) -> str:
    """``text`` with each run of undrawable clusters of one script replaced by "[<Script name>]".

    For example "hi ꦲꦤꦕꦫꦏ" -> "hi [Javanese]". Judged composed (NFC, as
    ``missing_scripts``): text with nothing undrawable is returned as given (not
    normalised), other text composed with its undrawable runs named. Use only after
    the person chose to print anyway.
    """
    if is_simple(text):
        return text
    pieces = list(_undrawable_pieces(unicodedata.normalize("NFC", text)))
    if all(name is None for _piece, name in pieces):
        return text
    return "".join(piece if name is None else f"[{name}]" for piece, name in pieces)


# Scripts that name one language when text is mostly written in them (BCP 47 tags,
# IANA language subtag registry). Latin, Arabic, Han, Cyrillic, Devanagari, Bengali
# (Bengali/Assamese), Ethiopic (Amharic/Tigrinya), Canadian syllabics, Tifinagh and
# Myanmar are shared by several languages and are left out on purpose.
_LANGUAGE_OF_SCRIPT = {
    "Hebr": "he", "Thai": "th", "Hang": "ko", "Grek": "el", "Geor": "ka", "Armn": "hy",
    "Khmr": "km", "Laoo": "lo", "Sinh": "si", "Gujr": "gu", "Guru": "pa", "Orya": "or",
    "Telu": "te", "Knda": "kn", "Mlym": "ml", "Taml": "ta", "Thaa": "dv", "Cher": "chr",
    "Yiii": "ii", "Nkoo": "nqo", "Syrc": "syr", "Mong": "mn",
}
_KANA = frozenset({"Hira", "Kana"})


def language_of(text: str, *, share: float = 0.6) -> str | None:
    """A BCP 47 language tag when most of ``text``'s letters are in a script that names one
    language, else None.

    "Most" = at least ``share`` (0-1) of the letters (category L*). Hebrew -> "he",
    Thai -> "th", Hangul -> "ko", Greek -> "el", Georgian -> "ka", Armenian -> "hy",
    ...; Japanese ("ja") when kana and Han letters together are the share and
    some kana is present. None for Latin, Cyrillic, Arabic script (Arabic, Persian,
    Urdu), Han alone (Chinese or Japanese), Devanagari (Hindi, Marathi, Nepali)
    and other shared scripts: the text alone cannot say which language it is.
    """
    counts: dict[str, int] = {}
    letters = 0
    for ch in text:
        if unicodedata.category(ch).startswith("L"):
            letters += 1
            code = _script(ch)
            counts[code] = counts.get(code, 0) + 1
    if not letters:
        return None
    kana = sum(counts.get(code, 0) for code in _KANA)
    if kana and kana + counts.get("Hani", 0) >= share * letters:
        return "ja"
    code, count = max(counts.items(), key=lambda item: item[1])
    if count >= share * letters:
        return _LANGUAGE_OF_SCRIPT.get(code)
    return None
