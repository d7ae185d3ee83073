"""The fillable form's own Unicode font: Noto Sans embedded whole, as a PDF Type0 font.

reportlab's AcroForm only knows the 14 standard PDF fonts, which cover Latin-1: a reader
filling a field with Greek, Cyrillic or Vietnamese letters drew ``?`` or nothing. So the
form carries ``NotoSans-Form.ttf`` (every character of Noto Sans Regular, made once by
tools/make_form_font.py) as a composite font the way PDF 32000-1 section 9.7 describes it:

- a ``/Type0`` font with ``/Encoding /Identity-H`` (two bytes per glyph, the code is the glyph id);
- its ``/CIDFontType2`` descendant with ``/CIDToGIDMap /Identity`` and ``/W`` glyph widths;
- a ``/FontDescriptor`` holding the whole TrueType file as ``/FontFile2`` (not a per-document
  subset: the letters a person will type are not known when the PDF is made);
- a ``/ToUnicode`` CMap from every glyph back to its character, so a reader (and pypdf) can
  turn typed text into glyph codes and copy it back out.

The objects are written with reportlab's own ``pdfdoc`` classes, once per document; the bytes
that depend only on the font file are computed once per process; ``forms`` writes the font
into a document when the document gets its first text field. In the face, each character's
glyph id is its code point (see tools/make_form_font.py: pypdf measures filled text right
only then), so the embedded file is mostly empty glyphs, which compress to almost nothing.
"""

from __future__ import annotations

import struct
import threading
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfdoc import (  # type: ignore[import-untyped]
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
)

import firstsession

FONT_FILE = "NotoSans-Form.ttf"
RESOURCE_NAME = "FSNoto"  # the name fields use in /DA and the form's /DR /Font
BASE_FONT = "NotoSans-Regular"
_BLOCK = 100  # a CMap's bfrange section holds at most 100 entries (Adobe TN 5014)

_lock = threading.Lock()  # the app may export from a worker thread


def font_path() -> Path:
    """The form font file inside the installed package."""
    return Path(firstsession.__file__).resolve().parent / "fonts" / FONT_FILE


@dataclass(frozen=True)
class FontData:
    """What the PDF objects need from the font file, in PDF units (1/1000 of the font size)."""

    font_file: bytes  # the TrueType file, zlib-compressed (its /FontFile2 stream)
    length1: int  # bytes of the file before compression
    widths: tuple[int, ...]  # advance width of each glyph id, 1/1000 em
    to_unicode: bytes  # the ToUnicode CMap, zlib-compressed
    bbox: tuple[int, int, int, int]  # the font's bounding box, 1/1000 em
    ascent: int
    descent: int  # negative, below the baseline
    cap_height: int


def _runs(glyph_to_char: dict[int, int]) -> list[tuple[int, int, int]]:
    """Runs of glyphs mapping to consecutive characters: (first glyph, last glyph, first char).

    A run stays within one high byte, as a CMap's bfrange must (Adobe TN 5014).
    """
    runs: list[tuple[int, int, int]] = []
    for gid, cp in sorted(glyph_to_char.items()):
        if runs:
            first, last, first_cp = runs[-1]
            if gid == last + 1 and cp == first_cp + gid - first and gid >> 8 == first >> 8 \
                    and cp <= 0xFFFF:
                runs[-1] = (first, gid, first_cp)
                continue
        runs.append((gid, gid, cp))
    return runs


def _to_unicode_cmap(glyph_to_char: dict[int, int]) -> bytes:
    """A ToUnicode CMap mapping each 2-byte glyph code to its UTF-16BE character (PDF 9.10.3)."""
    runs = _runs(glyph_to_char)
    body: list[str] = []
    for start in range(0, len(runs), _BLOCK):
        block = runs[start:start + _BLOCK]
        body.append(f"{len(block)} beginbfrange")
        body.extend(f"<{first:04X}> <{last:04X}> <{chr(cp).encode('utf-16-be').hex().upper()}>"
                    for first, last, cp in block)
        body.append("endbfrange")
    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
        *body,
        "endcmap",
        "CMapName currentdict /CIDInit /ProcSet findresource /defineresource exec pop",
        "end",
        "end",
    ]).encode("ascii")


def _tables(raw: bytes) -> dict[bytes, bytes]:
    """A TrueType file's tables by tag (the table directory, OpenType spec "Font file")."""
    count = struct.unpack_from(">H", raw, 4)[0]
    tables = {}
    for n in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sLLL", raw, 12 + 16 * n)
        tables[tag] = raw[offset:offset + length]
    return tables


def _cmap(table: bytes) -> dict[int, int]:
    """Code point -> glyph id from the Windows Unicode BMP (3, 1) format 4 subtable."""
    count = struct.unpack_from(">H", table, 2)[0]
    for n in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", table, 4 + 8 * n)
        if (platform, encoding) == (3, 1) and struct.unpack_from(">H", table, offset)[0] == 4:
            break
    else:
        raise ValueError("the form font has no format 4 Unicode character map")
    segments = struct.unpack_from(">H", table, offset + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", table, offset + 14)
    starts = struct.unpack_from(f">{segments}H", table, offset + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", table, offset + 16 + 4 * segments)
    range_at = offset + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", table, range_at)
    out: dict[int, int] = {}
    for i in range(segments):
        for cp in range(starts[i], ends[i] + 1 if ends[i] != 0xFFFF else 0xFFFF):
            if ranges[i] == 0:
                gid = (cp + deltas[i]) & 0xFFFF
            else:
                at = range_at + 2 * i + ranges[i] + 2 * (cp - starts[i])
                gid = struct.unpack_from(">H", table, at)[0]
                gid = (gid + deltas[i]) & 0xFFFF if gid else 0
            if gid:
                out[cp] = gid
    return out


@cache
def _font_data() -> FontData:
    # Read with struct, not a font library: the face has 65,534 glyph ids (one per code
    # point), and a per-glyph Python loop (reportlab's TTFontFile) takes a third of a second.
    # Offsets: OpenType spec, tables head, hhea, maxp, hmtx, OS/2 (version 2 or later).
    raw = font_path().read_bytes()
    tables = _tables(raw)
    units, *box = struct.unpack_from(">H16x4h", tables[b"head"], 18)
    metrics = struct.unpack_from(">H", tables[b"hhea"], 34)[0]
    glyphs = struct.unpack_from(">H", tables[b"maxp"], 4)[0]
    advances = struct.unpack_from(f">{2 * metrics}H", tables[b"hmtx"])[0::2]
    advances += (advances[-1],) * (glyphs - metrics)  # the last advance repeats (hmtx)
    ascent, descent = struct.unpack_from(">2h", tables[b"OS/2"], 68)
    cap_height = struct.unpack_from(">h", tables[b"OS/2"], 88)[0]

    def scaled(value: int) -> int:
        return round(value * 1000 / int(units))

    glyph_to_char: dict[int, int] = {}
    for cp, gid in sorted(_cmap(tables[b"cmap"]).items(), reverse=True):
        glyph_to_char[gid] = cp  # where glyphs are shared, the lowest code point wins
    return FontData(
        font_file=zlib.compress(raw, 6),
        length1=len(raw),
        widths=tuple(scaled(a) for a in advances),
        to_unicode=zlib.compress(_to_unicode_cmap(glyph_to_char), 6),
        bbox=(scaled(box[0]), scaled(box[1]), scaled(box[2]), scaled(box[3])),
        ascent=scaled(ascent),
        descent=scaled(descent),
        cap_height=scaled(cap_height),
    )


def _compact_widths(widths: tuple[int, ...]) -> list[Any]:
    """The /W array of glyph widths (PDF 32000-1, 9.7.4.3), in its short form.

    Runs of one width become ``first last w`` and the rest ``first [w w ...]``: for the form
    face (65,534 glyph ids, most of them empty) 340 entries instead of 65,534 numbers.
    """
    out: list[Any] = []
    pending: list[int] = []
    start = gid = 0
    while gid < len(widths):
        run = gid
        while run + 1 < len(widths) and widths[run + 1] == widths[gid]:
            run += 1
        if run - gid >= 3:
            if pending:
                out += [start, PDFArray(pending)]
                pending = []
            out += [gid, run, widths[gid]]
            gid = run + 1
            start = gid
        else:
            pending.append(widths[gid])
            gid += 1
    if pending:
        out += [start, PDFArray(pending)]
    return out


def font_data() -> FontData:
    """The form font's metrics and compressed streams (read once per process, about 0.1 s).

    Sources: the font's ``head``, ``hhea``, ``maxp``, ``hmtx``, ``OS/2`` and ``cmap`` tables.
    Raises ValueError if the file has no format 4 Unicode character map.

    Raises OSError if the packaged font file is missing or unreadable.
    """
    with _lock:
        return _font_data()


def _stream(document: Any, content: bytes, **entries: Any) -> Any:
    """An indirect stream object whose content is already Flate-compressed."""
    dictionary = PDFDictionary({"Filter": PDFName("FlateDecode"), **entries})
    return document.Reference(PDFStream(dictionary, content))


def add_to_document(document: Any) -> Any:
    """Write the Type0 font's objects into a reportlab ``PDFDocument``; return its reference.

    Called once per document (``forms`` keeps the reference on the document's AcroForm). The
    result is a ``PDFObjectReference`` to use in ``/DR /Font`` and appearance resources.
    """
    data = font_data()
    descriptor = document.Reference(PDFDictionary({
        "Type": PDFName("FontDescriptor"),
        "FontName": PDFName(BASE_FONT),
        "Flags": 32,  # nonsymbolic (PDF 32000-1, table 123)
        "FontBBox": PDFArray(list(data.bbox)),
        "ItalicAngle": 0,
        "Ascent": data.ascent,
        "Descent": data.descent,
        "CapHeight": data.cap_height,
        "StemV": 80,
        "FontFile2": _stream(document, data.font_file, Length1=data.length1),
    }))
    cid_font = document.Reference(PDFDictionary({
        "Type": PDFName("Font"),
        "Subtype": PDFName("CIDFontType2"),
        "BaseFont": PDFName(BASE_FONT),
        "CIDSystemInfo": PDFDictionary({
            "Registry": PDFString("Adobe"), "Ordering": PDFString("Identity"), "Supplement": 0,
        }),
        "FontDescriptor": descriptor,
        "DW": 1000,
        "W": PDFArray(_compact_widths(data.widths)),
        "CIDToGIDMap": PDFName("Identity"),
    }))
    return document.Reference(PDFDictionary({
        "Type": PDFName("Font"),
        "Subtype": PDFName("Type0"),
        "BaseFont": PDFName(BASE_FONT),
        "Encoding": PDFName("Identity-H"),
        "DescendantFonts": PDFArray([cid_font]),
        "ToUnicode": _stream(document, data.to_unicode),
    }))
