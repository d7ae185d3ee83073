"""Make the fillable form's font, ``NotoSans-Form.ttf``, from the vendored ``NotoSans-Regular.ttf``.

Run by a developer when Noto Sans changes; never at run time. A PDF form embeds its font whole,
not as a subset of the letters already on the page (a person types any letter later), so the
face is made small once, here: every character Noto Sans Regular has (Latin with every accent,
Vietnamese, Greek, Cyrillic, IPA, punctuation, currency), without the hinting instructions and
OpenType layout tables that PDF readers do not use when they draw a form field's text.

Measured (fontTools 4.68, zlib level 6 as in the PDF): NotoSans-Regular.ttf 512,672 bytes,
258,669 compressed; this face 208,140 bytes, 118,107 compressed; a Latin/Greek/Cyrillic/
Vietnamese block subset that keeps hinting 406,580 bytes, 207,682 compressed.

    python tools/make_form_font.py      # rewrites NotoSans-Form.ttf and its SOURCES.txt line
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "src" / "firstsession" / "fonts"
SOURCE = "NotoSans-Regular.ttf"
TARGET = "NotoSans-Form.ttf"


def make(source: Path, target: Path) -> None:
    """Write ``target``: every character of ``source``, no hinting, no layout tables, and
    each character's glyph at the glyph id equal to its code point.

    Why the glyph ids: in the PDF the form's font is Identity-H, so a character code is a glyph
    id, and pypdf (which fills forms for many programs) measures text by looking the *characters*
    up in the font's widths as if they were codes. With glyph id = code point its measure is
    right, so it wraps and shrinks filled text to fit; otherwise lines ran past the box's edge.
    Glyphs that no character names (parts of accented letters) go in unused low slots; code
    points with no glyph get an empty one. Every character is below U+10000 (checked).

    The output is byte-for-byte reproducible (the head table's dates are kept).
    """
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]  # keep the copyright and licence notices
    options.notdef_outline = True
    options.recalc_timestamp = False
    font = TTFont(str(source), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    for table in ("GSUB", "GPOS", "GDEF", "DSIG"):
        if table in font:
            del font[table]
    _glyph_ids_by_code_point(font)
    font.save(str(target))


def _glyph_ids_by_code_point(font: TTFont) -> None:
    cmap = font.getBestCmap()
    if max(cmap) > 0xFFFF:
        raise SystemExit("a character beyond U+FFFF: glyph id = code point cannot hold it")
    glyf, metrics = font["glyf"], font["hmtx"].metrics
    named = set(cmap.values())
    parts = [name for name in font.getGlyphOrder() if name not in named and name != ".notdef"]
    free = [cp for cp in range(1, max(cmap)) if cp not in cmap]
    slot_of_part = dict(zip(free, parts, strict=False))
    if len(slot_of_part) < len(parts):
        raise SystemExit("no room for the glyphs that no character names")
    glyphs, order, seen = {".notdef": glyf[".notdef"]}, [".notdef"], set()
    new_metrics = {".notdef": metrics[".notdef"]}
    new_cmap: dict[int, str] = {}
    for cp in range(1, max(cmap) + 1):
        if cp in cmap:
            original = cmap[cp]
            name = original if original not in seen else f"u{cp:04X}"  # a shared glyph: copy
            seen.add(original)
            glyphs[name], new_metrics[name] = copy.deepcopy(glyf[original]), metrics[original]
            new_cmap[cp] = name
        elif cp in slot_of_part:
            name = slot_of_part[cp]
            glyphs[name], new_metrics[name] = glyf[name], metrics[name]
        else:
            name = f"gap{cp:04X}"
            glyphs[name], new_metrics[name] = Glyph(), (0, 0)
        order.append(name)
    font.setGlyphOrder(order)
    glyf.glyphOrder, glyf.glyphs = order, glyphs
    font["hmtx"].metrics = new_metrics
    for table in font["cmap"].tables:
        table.cmap = {cp: new_cmap[cp] for cp in table.cmap if cp in new_cmap}
    font["post"].formatType = 3.0  # no glyph names: the ids are the point
    font["post"].extraNames, font["post"].mapping = [], {}


def sources_line(target: Path) -> str:
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    return (f"{TARGET}\tmade from {SOURCE} by tools/make_form_font.py (all its characters; "
            f"no hinting, no layout tables)\tOFL-1.1\t{digest}")


def main() -> int:
    target = FONTS / TARGET
    make(FONTS / SOURCE, target)
    sources = FONTS / "SOURCES.txt"
    lines = [line for line in sources.read_text(encoding="utf-8").splitlines()
             if not line.startswith(TARGET + "\t")]
    lines.append(sources_line(target))
    sources.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{target.name}: {target.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
