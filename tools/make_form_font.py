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

import hashlib
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "src" / "firstsession" / "fonts"
SOURCE = "NotoSans-Regular.ttf"
TARGET = "NotoSans-Form.ttf"


def make(source: Path, target: Path) -> None:
    """Write ``target``: every character of ``source``, no hinting, no layout tables.

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
    font.save(str(target))


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
