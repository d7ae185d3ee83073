"""The fillable form's own Unicode font: embedded once, named by every field, drawn by readers.

The reader tests fill a form made by the product's own field code with pypdf and render it with
poppler (``pdftoppm``, on a DejaVu-only fontconfig) and MuPDF (``mutool draw``), the way
tools/form_matrix.py measures every script; they skip when those programs are missing.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from firstsession.pdf import formfont, render_blank, render_blank_copies

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "src" / "firstsession" / "fonts"


@pytest.fixture(scope="module")
def fillable() -> bytes:
    return render_blank(paper="A4", country="US", fillable=True)


@pytest.fixture(scope="module")
def matrix() -> ModuleType:
    spec = importlib.util.spec_from_file_location("form_matrix", ROOT / "tools" / "form_matrix.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["form_matrix"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def text_widgets(reader: PdfReader) -> list[Any]:
    return [annot.get_object() for page in reader.pages for annot in page.get("/Annots", [])
            if annot.get_object().get("/FT") == "/Tx"]


def form_font(reader: PdfReader) -> Any:
    acroform = reader.trailer["/Root"]["/AcroForm"]
    return acroform["/DR"]["/Font"][f"/{formfont.RESOURCE_NAME}"].get_object()


def test_the_form_font_is_an_embedded_unicode_font_in_the_forms_resources(
    fillable: bytes,
) -> None:
    """/AcroForm /DR names a Type0 Identity-H font holding the whole Noto Sans form face."""
    font = form_font(PdfReader(io.BytesIO(fillable)))
    assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H"
    assert "/ToUnicode" in font
    cid = font["/DescendantFonts"][0].get_object()
    assert cid["/Subtype"] == "/CIDFontType2" and cid["/CIDToGIDMap"] == "/Identity"
    embedded = cid["/FontDescriptor"]["/FontFile2"].get_data()
    # The whole face, not the letters on the page: a person types letters nobody knew of.
    assert embedded == (FONTS / formfont.FONT_FILE).read_bytes()
    cmap = TTFont(io.BytesIO(embedded)).getBestCmap()
    for letter in "ÆŁİΣλЖжễơưđ€":
        assert ord(letter) in cmap, letter


def test_the_form_fonts_widths_are_the_faces_own(fillable: bytes) -> None:
    """/W gives every glyph the advance width in the font's hmtx table (readers wrap with it)."""
    cid = form_font(PdfReader(io.BytesIO(fillable)))["/DescendantFonts"][0].get_object()
    widths: dict[int, int] = {}
    entries = list(cid["/W"])
    while entries:
        first, second = entries[0], entries[1]
        if isinstance(second, list):
            widths.update({first + i: w for i, w in enumerate(second)})
            entries = entries[2:]
        else:
            widths.update({gid: entries[2] for gid in range(first, second + 1)})
            entries = entries[3:]
    face = TTFont(FONTS / formfont.FONT_FILE)
    metrics = face["hmtx"].metrics
    assert face["head"].unitsPerEm == 1000
    assert widths == {gid: metrics[name][0] for gid, name in enumerate(face.getGlyphOrder())}


def test_the_form_fonts_tounicode_gives_every_glyph_its_character(fillable: bytes) -> None:
    """Copying typed text back out works: the ToUnicode CMap maps each glyph to its character."""
    cmap_text = form_font(PdfReader(io.BytesIO(fillable)))["/ToUnicode"].get_data().decode()
    mapped: dict[int, int] = {}
    for first, last, char in re.findall(r"<([0-9A-F]{4})> <([0-9A-F]{4})> <([0-9A-F]{4})>",
                                        cmap_text):
        for gid in range(int(first, 16), int(last, 16) + 1):
            mapped[gid] = int(char, 16) + gid - int(first, 16)
    face = TTFont(FONTS / formfont.FONT_FILE)
    expected: dict[int, int] = {}
    for cp, name in sorted(face.getBestCmap().items(), reverse=True):
        expected[face.getGlyphID(name)] = cp
    assert mapped == expected


def test_every_text_field_asks_for_the_form_font_at_auto_size(fillable: bytes) -> None:
    """The form's /DA and every text field's /DA say "/FSNoto 0 Tf": auto size, our font."""
    reader = PdfReader(io.BytesIO(fillable))
    wanted = f"/{formfont.RESOURCE_NAME} 0 Tf"
    assert str(reader.trailer["/Root"]["/AcroForm"]["/DA"]).startswith(wanted)
    widgets = text_widgets(reader)
    assert len(widgets) > 50
    for widget in widgets:
        assert str(widget["/DA"]).startswith(wanted), widget["/T"]
        look = widget["/AP"]["/N"].get_object()
        assert f"/{formfont.RESOURCE_NAME}" in look["/Resources"]["/Font"]


def test_copies_of_a_fillable_handout_embed_the_form_font_once() -> None:
    """Three personalised fillable copies in one PDF share one embedded font file."""
    data = render_blank_copies(["A", "B", "C"], country="US", fillable=True)
    face_size = (FONTS / formfont.FONT_FILE).stat().st_size
    assert data.count(b"/Length1 %d" % face_size) == 1  # the page text's subsets differ
    reader = PdfReader(io.BytesIO(data))
    fonts = {w["/AP"]["/N"].get_object()["/Resources"]["/Font"].raw_get(
        f"/{formfont.RESOURCE_NAME}").idnum for w in text_widgets(reader)}
    assert len(fonts) == 1


def test_the_form_face_has_every_character_of_noto_sans_and_its_recorded_checksum() -> None:
    """The form face has every character of Noto Sans Regular but NUL; SOURCES.txt has its sha."""
    form = TTFont(FONTS / formfont.FONT_FILE)
    cmap = form.getBestCmap()
    assert cmap.keys() == TTFont(FONTS / "NotoSans-Regular.ttf").getBestCmap().keys() - {0}
    # Glyph id = code point, so that pypdf measures filled text right (make_form_font.py).
    assert all(form.getGlyphID(name) == cp for cp, name in cmap.items())
    digest = hashlib.sha256((FONTS / formfont.FONT_FILE).read_bytes()).hexdigest()
    line = next(line for line in (FONTS / "SOURCES.txt").read_text("utf-8").splitlines()
                if line.startswith(formfont.FONT_FILE + "\t"))
    assert line.endswith("\t" + digest)


needs_renderers = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("mutool") is None,
    reason="needs poppler's pdftoppm and MuPDF's mutool (Debian: poppler-utils, mupdf-tools)",
)


@pytest.fixture(scope="module")
def pypdf_fills(matrix: ModuleType, tmp_path_factory: pytest.TempPathFactory
                ) -> dict[tuple[str, str, str], str]:
    keys = ("latin", "greek", "cyrillic", "vietnamese")
    samples = [sample for sample in matrix.SAMPLES if sample[0] in keys]
    assert len(samples) == len(keys)
    result: dict[tuple[str, str, str], str] = matrix.measure(
        samples, ["pypdf", "pypdf, its appearance only"], ["poppler", "MuPDF"],
        tmp_path_factory.mktemp("form"),
        replaced=False)
    return result


@needs_renderers
@pytest.mark.parametrize("renderer", ["poppler", "MuPDF"])
@pytest.mark.parametrize("script", ["latin", "greek", "cyrillic", "vietnamese"])
def test_latin_greek_cyrillic_and_vietnamese_filled_by_pypdf_show_in_both_readers(
    pypdf_fills: dict[tuple[str, str, str], str], script: str, renderer: str,
) -> None:
    """Every letter of the sample is drawn in the field, shaped like the letter (not ? or blank)."""
    assert pypdf_fills[script, "pypdf", renderer] == "yes"


@needs_renderers
@pytest.mark.parametrize("renderer", ["poppler", "MuPDF"])
def test_a_long_paragraph_filled_by_pypdf_wraps_into_rows_in_both_readers(
    pypdf_fills: dict[tuple[str, str, str], str], renderer: str,
) -> None:
    """A 500-character answer in a multiline box wraps into several rows, not one cut line."""
    shown = pypdf_fills["long", "pypdf", renderer]  # poppler's own drawing may reach the edge
    assert shown.split()[1].startswith("rows") and int(shown.split()[0]) >= 3, shown


@needs_renderers
@pytest.mark.parametrize("renderer", ["poppler", "MuPDF"])
def test_a_long_paragraph_as_pypdf_draws_it_fits_inside_its_box(
    pypdf_fills: dict[tuple[str, str, str], str], renderer: str,
) -> None:
    """pypdf's own drawing of a filled paragraph wraps and shrinks it to fit: no ink at the edge.

    (It measures text with the form font's widths; the face's glyph ids are its code points
    so that its measure is right.)
    """
    shown = pypdf_fills["long", "pypdf, its appearance only", renderer]
    assert shown.endswith(" rows") and int(shown.split()[0]) >= 3, shown
