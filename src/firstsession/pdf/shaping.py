"""HarfBuzz shaping of one run of text for reportlab, and a ToUnicode map that gives the text back.

reportlab 5.1 draws a ``ShapedStr`` (glyphs with HarfBuzz positions) through its
TrueType subsets, but three things it does are not enough for a person's words
(measured in /work/notes/issue11-research.md, section 2):

1. a glyph with no cmap entry (a ligature, a conjunct, a contextual form, an
   emoji sequence) is drawn under a private-use code whose ToUnicode entry is that
   private character, so copy/paste and search lose the letters;
2. ``makeToUnicodeCMap`` writes code points above U+FFFF as five hex digits
   (``<1F642>``), which pypdf rejects: every emoji is lost on extraction;
3. its Paragraph shaping uses one font per word (not used here: ``scripttext``
   lays out lines itself and shapes each run with its own face).

``shape`` fixes 1 by giving each such glyph a private code of our own whose
ToUnicode text is the source text it stands for (several characters allowed);
``install`` (called by ``shape``) wraps ``ttfonts.makeToUnicodeCMap`` once so the
CMap carries that text and writes UTF-16 surrogate pairs (fix 2). Fonts without
our codes and without code points above U+FFFF get reportlab's own CMap, byte for
byte. ``check_reportlab`` names the internals relied on; reportlab is pinned to
``>=5.0.1,<5.2`` and tests/test_script_pdf.py calls it.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from reportlab.pdfbase import pdfmetrics, ttfonts  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr  # type: ignore[import-untyped]
from reportlab.pdfgen import textobject  # type: ignore[import-untyped]

from firstsession import scripts

# Shaping adds private codes to a face's shared tables (charToGlyph, glyphToChar,
# charWidths); the app exports from worker threads.
_lock = threading.RLock()
_PRIVATE = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD))  # BMP private use, then plane 15

# Scripts whose text reportlab draws right glyph by glyph from the cmap (no
# reordering, no contextual forms); anything else goes through HarfBuzz.
_UNSHAPED_SCRIPTS = frozenset({"Latn", "Grek", "Cyrl", "Zyyy", "Hani", "Hira", "Kana", "Hang",
                               "Bopo", "Ethi", "Cher", "Yiii", "Geor", "Armn", "Cans", "Tfng"})


class ReportlabChanged(RuntimeError):
    """The installed reportlab lacks an internal shaping relies on (see ``check_reportlab``)."""


def check_reportlab() -> None:
    """Raise ReportlabChanged naming what is missing if reportlab's internals used here moved.

    Relied on (reportlab 5.0.1-5.1.x): ``ttfonts.makeToUnicodeCMap(fontname, subset)``
    called by name from ``TTFont.addObjects``; ``ShapedStr(s, shapeData=...)`` and
    ``ShapeData``'s six fields; ``TTFont.hbFace``, ``TTFont.pdfScale``, the face's
    ``charToGlyph``/``glyphToChar``/``charWidths``/``name``/``subfontNameX``;
    ``PDFTextObject._textOut`` drawing a ShapedStr with positions.
    """
    wanted: list[tuple[str, bool]] = [
        ("ttfonts.makeToUnicodeCMap", callable(getattr(ttfonts, "makeToUnicodeCMap", None))),
        ("TTFont.addObjects calls makeToUnicodeCMap",
         "makeToUnicodeCMap" in ttfonts.TTFont.addObjects.__code__.co_names),
        ("ShapeData fields", ShapeData._fields == ("cluster", "x_advance", "y_advance",
                                                   "x_offset", "y_offset", "width")),
        ("ShapedStr(shapeData=)", hasattr(ShapedStr("a", shapeData=[]), "__shapeData__")),
        ("TTFont.hbFace", isinstance(getattr(ttfonts.TTFont, "hbFace", None), property)),
        ("TTFont.pdfScale", callable(getattr(ttfonts.TTFont, "pdfScale", None))),
        ("PDFTextObject._textOut", callable(getattr(textobject.PDFTextObject, "_textOut", None))),
        ("PDFTextObject._formatText handles ShapedStr",
         "ShapedStr" in textobject.PDFTextObject._formatText.__code__.co_names),
    ]
    missing = [name for name, ok in wanted if not ok]
    if missing:
        raise ReportlabChanged("reportlab changed; shaping needs: " + ", ".join(missing))


@dataclass(frozen=True)
class Shaped:
    """One run shaped: ``string`` draws it (reportlab ShapedStr or plain str), ``advance`` is its
    width in 1/1000 of the font size, ``glyphs`` the glyph ids drawn (0 = .notdef)."""

    font: str
    string: str
    advance: float
    glyphs: tuple[int, ...]

    def width(self, size: float) -> float:
        """Width in points at ``size`` points."""
        return self.advance * size / 1000


def needs_shaping(text: str) -> bool:
    """True when ``text`` needs HarfBuzz: combining marks, default ignorables, characters
    above U+FFFF (emoji sequences), or a script that joins or reorders (Arabic,
    Indic, Thai, ...). Latin/Greek/Cyrillic/CJK without marks are drawn glyph by glyph."""
    for ch in text:
        cp = ord(ch)
        if cp < 0x300:
            continue
        if cp > 0xFFFF or cp in scripts.IGNORABLE or unicodedata.combining(ch) \
                or unicodedata.category(ch) in ("Mn", "Mc", "Me"):
            return True
        if scripts.script_of(ch) not in _UNSHAPED_SCRIPTS:
            return True
    return False


class _FaceCodes:
    """The private codes given to one reportlab face: (glyph, text) -> code and code -> text."""

    def __init__(self) -> None:
        self.code_of: dict[tuple[int, str], int] = {}
        self.text_of: dict[int, str] = {}
        self.next_code = _PRIVATE[0][0]


# reportlab face name + subfontNameX (as in the subset's BaseFont) -> its codes
_codes: dict[str, _FaceCodes] = {}


def _face_key(face: Any) -> str:
    return bytes(face.name + face.subfontNameX).decode("latin-1")


def _private_code(ttf: Any, gid: int, text: str, advance: float) -> int:
    """A private-use code drawing glyph ``gid`` whose ToUnicode text is ``text``."""
    face = ttf.face
    codes = _codes.setdefault(_face_key(face), _FaceCodes())
    code = codes.code_of.get((gid, text))
    if code is not None:
        return code
    code = codes.next_code
    while code in face.charToGlyph:
        code += 1
        if _PRIVATE[0][1] < code < _PRIVATE[1][0]:
            code = _PRIVATE[1][0]
    if code > _PRIVATE[1][1]:
        raise ValueError("no private-use code left in this font")
    codes.next_code = code + 1
    face.charToGlyph[code] = gid
    face.glyphToChar.setdefault(gid, []).append(code)
    face.charWidths[code] = advance
    codes.code_of[(gid, text)] = code
    codes.text_of[code] = text
    return code


def _cluster_spans(text: str, clusters: list[int]) -> list[str]:
    """The source text of each glyph's HarfBuzz cluster (cluster values are code point offsets)."""
    starts = sorted(set(clusters))
    end_of = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    return [text[cl:end_of[cl]] for cl in clusters]


def _glyph_texts(clusters: list[int], spans: list[str], own: list[str | None],
                 rtl: bool) -> list[str | None]:
    """The text each glyph stands for: None = its own cmap character is right.

    Per HarfBuzz cluster (MONOTONE_CHARACTERS: a reordered syllable is one cluster):
    one glyph -> the cluster's whole text unless that is its own character; several
    glyphs, left-to-right -> the first drawn carries the whole text, the others ""
    (reading in drawing order gives logical order, pre-base vowels included);
    several, right-to-left -> each keeps its own character and the rest goes to the
    first glyph without one (pypdf reverses RTL words itself).
    """
    members: dict[int, list[int]] = {}
    for k, cl in enumerate(clusters):
        members.setdefault(cl, []).append(k)
    out: list[str | None] = [None] * len(clusters)
    for ks in members.values():
        span = spans[ks[0]]
        left = list(span)
        for k in ks:
            mine = own[k]
            if mine is not None and mine in left:
                left.remove(mine)
        rest = "".join(left)
        if len(ks) == 1:
            out[ks[0]] = None if own[ks[0]] is not None and not rest else span
        elif not rtl:
            for n, k in enumerate(ks):
                out[k] = span if n == 0 else ""
        else:
            unmapped = [k for k in ks if own[k] is None]
            for k in unmapped:
                out[k] = ""
            if unmapped:
                out[unmapped[0]] = rest
            elif rest:
                out[ks[-1]] = (own[ks[-1]] or "") + rest
    return out


def shape(font: str, text: str, rtl: bool = False) -> Shaped:
    """``text`` in the registered TrueType font ``font``, shaped by HarfBuzz, ready to draw.

    ``rtl`` sets the run's direction (glyphs come out in visual order, brackets
    mirrored: UBA L4). Right-to-left text and what ``needs_shaping`` picks go through
    HarfBuzz; other text is returned as a plain str measured with reportlab's widths.
    Results are cached (per font, text and direction) and independent of size: see
    ``Shaped.width``. Thread-safe. Raises KeyError if ``font`` is not registered.
    """
    with _lock:
        return _shape(font, text, rtl)


@lru_cache(maxsize=4096)
def _shape(font: str, text: str, rtl: bool) -> Shaped:
    ttf = pdfmetrics.getFont(font)
    face = ttf.face
    if not rtl and not needs_shaping(text):
        advance = pdfmetrics.stringWidth(text, font, 1000)
        return Shaped(font, text, advance, tuple(face.charToGlyph.get(ord(ch), 0) for ch in text))
    install()
    import uharfbuzz  # type: ignore[import-untyped]  # no stubs

    buffer = uharfbuzz.Buffer()
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    uharfbuzz.shape(uharfbuzz.Font(ttf.hbFace), buffer, {"kern": True, "liga": True})
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    gids = [info.codepoint for info in infos]
    clusters = [info.cluster for info in infos]
    spans = _cluster_spans(text, clusters)
    own: list[str | None] = []
    for gid, span in zip(gids, spans, strict=True):
        found = [chr(c) for c in face.glyphToChar.get(gid, ()) if chr(c) in span]
        own.append(found[0] if found else None)
    texts = _glyph_texts(clusters, spans, own, rtl)
    glyphs = [_Glyph(gid, cl, pos.x_advance, pos.y_advance, pos.x_offset, pos.y_offset,
                     mine, meant)
              for gid, cl, pos, mine, meant in zip(gids, clusters, positions, own, texts,
                                                   strict=True)]
    if not rtl:  # a pull-back of 0.15 em or more reads as a space
        glyphs = _marks_before_base(glyphs, 150 / ttf.pdfScale(1))
    codes: list[str] = []
    data: list[Any] = []
    advance = 0.0
    for g in glyphs:
        x_advance = ttf.pdfScale(g.x_advance)
        code = ord(g.own) if g.text is None and g.own is not None else \
            _private_code(ttf, g.gid, g.text or "", x_advance)
        codes.append(chr(code))
        data.append(ShapeData(g.cluster, x_advance, ttf.pdfScale(g.y_advance),
                              ttf.pdfScale(g.x_offset), ttf.pdfScale(g.y_offset),
                              face.charWidths.get(code, x_advance)))
        advance += x_advance
    return Shaped(font, ShapedStr("".join(codes), shapeData=data), advance,
                  tuple(g.gid for g in glyphs))


@dataclass(frozen=True)
class _Glyph:
    """One shaped glyph: HarfBuzz's id, cluster and position (font units), its own cmap
    character (None: none in its cluster) and the text it stands for (None: ``own``)."""

    gid: int
    cluster: int
    x_advance: int
    y_advance: int
    x_offset: int
    y_offset: int
    own: str | None
    text: str | None


def _marks_before_base(glyphs: list[_Glyph], pull: float) -> list[_Glyph]:
    """Left-to-right glyphs with each mark HarfBuzz pulls back over its base (no advance,
    x offset of -``pull`` font units or more: Oriya "ି", Tibetan vowel signs) drawn just
    before that base instead, at the same place.

    Drawn after its base, such a mark needs the text position moved back right by its
    offset, which PDF readers (pypdf, mutool, poppler) take for a space between words
    ("ପରି ବାର"). Drawn first, the moves are small. The two swap their texts (the mark
    drawn first stands for the base's text, the base for the mark's), so the text reads
    in logical order and no glyph stands for nothing; the page looks the same. Marks
    placed by small offsets (Latin accents, Thai tone marks) stay after their base:
    poppler orders those by position.
    """
    out = list(glyphs)
    k = 1
    while k < len(out):
        base = out[k - 1]
        mark = out[k]
        if (mark.x_advance == 0 and -mark.x_offset >= pull and base.x_advance > 0
                and (base.text is not None or base.own is not None)):
            base_text = base.own if base.text is None else base.text
            mark_text = mark.own if mark.text is None else mark.text
            # Drawn in the order mark, base; read in the order base text, mark text.
            out[k - 1] = replace(mark, x_offset=mark.x_offset + base.x_advance, text=base_text)
            out[k] = replace(base, text=mark_text)
        k += 1
    return out


def _utf16_hex(text: str) -> str:
    raw = text.encode("utf-16-be")
    return raw.hex().upper()


_original_cmap: Callable[[str, list[int]], str] | None = None


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """A ToUnicode CMap for one font subset: each code's text (several characters for our
    private codes; "" for the extra glyphs of a reordered cluster), UTF-16BE with
    surrogate pairs above U+FFFF. reportlab's own CMap when neither is needed.

    ``fontname`` is the subset's BaseFont ("AAAAAA+NotoSans-Regular"), ``subset``
    the code points drawn by codes 0..len-1. See the PDF 1.7 reference, 9.10.3.
    """
    codes = _codes.get(fontname.split("+", 1)[-1])
    if _original_cmap is not None and codes is None and max(subset, default=0) <= 0xFFFF:
        return _original_cmap(fontname, subset)
    text_of = codes.text_of if codes is not None else {}
    entries = [f"<{i:02X}> <{_utf16_hex(text_of.get(cp, chr(cp)))}>" for i, cp in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *entries,
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


def install() -> None:
    """Put ``to_unicode_cmap`` in place of reportlab's ``makeToUnicodeCMap`` (once; idempotent).

    Raises ReportlabChanged when reportlab's internals are not what this module expects.
    """
    global _original_cmap
    with _lock:
        if _original_cmap is not None:
            return
        check_reportlab()
        _original_cmap = ttfonts.makeToUnicodeCMap
        ttfonts.makeToUnicodeCMap = to_unicode_cmap
