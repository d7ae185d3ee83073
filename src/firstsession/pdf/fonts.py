"""The bundled Noto Sans family: registered with reportlab once per process.

The 14 standard PDF fonts only cover Latin-1, so every PDF we make uses these
TrueType files (shipped with their licence, OFL.txt). ``drawable`` is the set of
code points all four styles can draw; text outside it would come out as empty
boxes, so the PDF code checks user text against it first.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache
from pathlib import Path

import firstsession

FAMILY = "FirstSessionSans"
REGULAR = FAMILY
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"

# reportlab font name -> file in src/firstsession/fonts/
FILES: dict[str, str] = {
    REGULAR: "NotoSans-Regular.ttf",
    BOLD: "NotoSans-Bold.ttf",
    ITALIC: "NotoSans-Italic.ttf",
    BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
}

_lock = threading.Lock()  # the app may export from a worker thread


def font_dir() -> Path:
    return Path(firstsession.__file__).resolve().parent / "fonts"


@cache
def _codepoints_of_all_styles() -> frozenset[int]:
    # Called under _lock via register(); reportlab's TTFont parses the cmap for us.
    from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
    from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

    common: set[int] | None = None
    for name, filename in FILES.items():
        font = TTFont(name, str(font_dir() / filename))
        pdfmetrics.registerFont(font)
        points = set(font.face.charToGlyph)
        common = points if common is None else common & points
    pdfmetrics.registerFontFamily(
        FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    return frozenset(common or ())


def register() -> None:
    """Register the family with reportlab (cheap after the first call)."""
    with _lock:
        _codepoints_of_all_styles()


def drawable() -> frozenset[int]:
    """Code points that every style of the bundled font can draw."""
    with _lock:
        return _codepoints_of_all_styles()


@cache
def drawable_chars() -> frozenset[str]:
    """Characters that can be printed: drawable code points, newline and tab.

    Control characters are left out even where the font maps them: they draw nothing.
    """
    points = drawable()
    return frozenset(
        {chr(cp) for cp in points if unicodedata.category(chr(cp)) != "Cc"} | {"\n", "\t"}
    )
