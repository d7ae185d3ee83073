"""The bundled fonts: Noto Sans registered with reportlab once, every other face when first needed.

The 14 standard PDF fonts only cover Latin-1, so every PDF we make uses these
TrueType files (shipped with their licences, OFL.txt and LICENSE-Apache-2.0.txt).
``face_font`` registers any face of ``scripts.FACES`` (Arabic, Devanagari, CJK,
emoji, ...) the first time a run of text needs it: WenQuanYi Micro Hei alone takes
0.25 s to load, so nothing is loaded that a document does not use.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

import firstsession
from firstsession.scripts import Face

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
def _register_family() -> None:
    # Called under _lock via register(); cached, so each style is parsed once.
    from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
    from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

    for name, filename in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(font_dir() / filename)))
    pdfmetrics.registerFontFamily(
        FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )


def register() -> None:
    """Register the family with reportlab (cheap after the first call)."""
    with _lock:
        _register_family()


# reportlab names of the faces registered so far: (face name, bold) -> font name
_registered: dict[tuple[str, bool], str] = {}


def face_name(face: Face, bold: bool = False) -> str:
    """The reportlab font name ``face_font`` registers ``face`` under (no loading)."""
    if face.name == REGULAR:
        return BOLD if bold else REGULAR
    return f"{face.name}-Bold" if bold and face.bold_file else face.name


def face_font(face: Face, bold: bool = False) -> str:
    """The registered reportlab font name for ``face`` (its bold file when ``bold`` and it
    has one, else its regular), registering it on first use; thread-safe.

    Noto Sans is the family ``register`` sets up (``REGULAR``/``BOLD``). Raises
    reportlab's TTFError if a bundled file is missing or unreadable (a broken install).
    """
    if face.name == REGULAR:
        register()
        return face_name(face, bold)
    key = (face.name, bold)
    name = _registered.get(key)
    if name is not None:
        return name
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = face_name(face, bold)
    filename = face.bold_file if name != face.name and face.bold_file else face.file
    with _lock:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(
                TTFont(name, str(font_dir() / filename), subfontIndex=face.index)
            )
        _registered[key] = name
    return name

