"""The fillable form's reader matrix: which scripts each PDF reader shows in a field, per fill.

    python tools/form_matrix.py            # prints the table (Markdown); about five minutes
    python tools/form_matrix.py --keep DIR # also keeps the PDFs and page images in DIR

How it decides "shows". One PDF holds, for every sample, text fields made by the product's own
code (``firstsession.pdf.forms.draw_field``, so the same font, look and flags as a fillable
handout), all the same size and placed on whole pixels at 200 dpi:

- the whole text, and the same text with every character replaced by U+E000 (a private-use
  character no font draws, so a reader shows it as ``?``, an empty box or nothing);
- every grapheme cluster alone, its replacement, and the cluster without its last code point
  (so a dropped accent or vowel sign is caught: "e" + U+0301 must not look like "e").

The form is filled (by pypdf with NeedAppearances, by pypdf's own appearance streams alone, or
by MuPDF itself through ``mutool run``) and rendered by poppler (``pdftoppm``, with a fontconfig
holding only DejaVu, as on a bare machine) and MuPDF (``mutool draw``). A field "shows" its text
when its pixels differ from the same field left empty, from the replaced text, and (for a cluster
of several code points) from the shortened cluster. A sample is "yes" when the whole text and
every cluster show; "blank" or "? / boxes" when nothing does; otherwise "k of n letters". The
long paragraph is judged by the rows of text it wraps into. Misplaced accents cannot be told
apart this way: look at the kept images (``--keep``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "src" / "firstsession" / "fonts"
try:
    from firstsession import scripts
    from firstsession.pdf.forms import FieldSpot, draw_field
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))
    from firstsession import scripts
    from firstsession.pdf.forms import FieldSpot, draw_field

NFD_NGUYEN = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
# (key, what a person would call it, text): adding a script is one line.
SAMPLES: list[tuple[str, str, str]] = [
    ("latin", "Latin", "Crème brûlée, Ærøskøbing, Łódź, São Paulo, İstanbul"),
    ("latin_nfd", "Latin, decomposed (macOS)", NFD_NGUYEN),
    ("greek", "Greek", "Καλημέρα, ευχαριστώ πολύ"),
    ("cyrillic", "Cyrillic", "Здравствуйте, спасибо большое"),
    ("vietnamese", "Vietnamese", "Cảm ơn bạn rất nhiều, Nguyễn"),
    ("chinese", "Chinese", "谢谢你，我的家人說中文"),
    ("japanese", "Japanese", "ありがとう、カタカナ"),
    ("korean", "Korean", "감사합니다 가족"),
    ("arabic", "Arabic", "شكرا جزيلا"),
    ("hebrew", "Hebrew", "תודה רבה"),
    ("hindi", "Hindi", "धन्यवाद क्षत्रिय"),
    ("thai", "Thai", "ขอบคุณมาก"),
    ("amharic", "Amharic", "አመሰግናለሁ"),
    ("emoji", "Emoji", "🙂 👍🏽 🇬🇧 👨\u200d👩\u200d👧 ❤️"),
]
LONG = ("This is a long answer that a person typed into the box, much longer than the box is "
        "wide, so that a reader has to wrap it or shrink it. Καλημέρα, Здравствуйте, Nguyễn. ") * 3
REPLACEMENT = "\ue000"
DPI = 200
PITCH = 18.0  # points: 50 pixels at 200 dpi, so every field starts on a whole pixel
CELL = (54.0, 18.0)  # one cluster's field, points
WHOLE = (252.0, 18.0)  # the whole text's field
PARAGRAPH = (360.0, 90.0)  # the long paragraph's field
PAGE = (612.0, 792.0)


@dataclass(frozen=True)
class Probe:
    """One field of the test form: its name, what is filled into it, and where it is."""

    name: str
    value: str
    spot: FieldSpot


def letters(text: str) -> list[str]:
    """The clusters of a text that should leave ink: not spaces."""
    return [c for c in scripts.clusters(text) if not c.isspace()]


def _variants(key: str, text: str, replaced: bool) -> list[tuple[str, str, tuple[float, float]]]:
    """(field name, value, size) for one sample: whole, per cluster, and their controls."""
    out = [(f"{key}.whole", text, WHOLE)]
    if replaced:
        out.append((f"{key}.whole.x", _replaced(text), WHOLE))
    for n, cluster in enumerate(letters(text)):
        out.append((f"{key}.{n}", cluster, CELL))
        if replaced:
            out.append((f"{key}.{n}.x", _replaced(cluster), CELL))
        if len(cluster) > 1:
            out.append((f"{key}.{n}.short", cluster[:-1], CELL))
    return out


def _replaced(text: str) -> str:
    return "".join(" " if ch.isspace() else REPLACEMENT for ch in text)


def make_form(path: Path, samples: Iterable[tuple[str, str, str]], replaced: bool = True,
              long: bool = True) -> list[Probe]:
    """Write the test form to ``path`` with the product's field code; return its fields.

    The same place on a second PDF, ``path`` with ``-reference`` added, holds each cluster
    drawn as ordinary page text in the vendored face that has it: the shape to expect.
    """
    from reportlab.pdfgen.canvas import Canvas

    wanted = [v for key, _label, text in samples for v in _variants(key, text, replaced)]
    if long:
        wanted.append(("long", LONG, PARAGRAPH))
    c = Canvas(str(path), pagesize=PAGE)
    probes: list[Probe] = []
    x, y, page = PITCH * 2, PAGE[1] - PITCH * 3, 1
    for name, value, (width, height) in wanted:
        if x + width > PAGE[0] - PITCH * 2:  # next row; y is a row's top, less one cell
            x, y = PITCH * 2, y - PITCH * 2
        if y - (height - CELL[1]) < PITCH * 2:
            c.showPage()
            x, y, page = PITCH * 2, PAGE[1] - PITCH * 3, page + 1
        if height > CELL[1]:  # a tall field hangs down from its row; the next starts below
            y -= height - CELL[1]
        spot = FieldSpot(page, "text", name.replace(".", "_"), x, y, width, height,
                         name.replace(".", "_"))
        draw_field(c, spot, "")
        probes.append(Probe(spot.name, value, spot))
        x += width + PITCH
    c.showPage()
    c.save()
    _reference(reference_path(path), probes)
    return probes


def _is_cluster(name: str) -> bool:
    """True for a field holding one cluster of a sample ("greek_3"), not a control."""
    return name.rsplit("_", 1)[-1].isdigit()


def reference_path(path: Path) -> Path:
    return path.with_name(path.stem + "-reference.pdf")


def _face_for(cluster: str) -> str | None:
    """The file of the vendored face the PDF engine picks for the cluster (``scripts.pick``)."""
    face = scripts.pick(cluster)
    return face.file if face is not None else None


def _reference(path: Path, probes: list[Probe]) -> None:
    """Each cluster's expected look: drawn as page text, 12 points, where its field is."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path), pagesize=PAGE)
    page = 1
    for probe in probes:
        while probe.spot.page > page:
            c.showPage()
            page += 1
        face = _face_for(probe.value)
        if face is None or not _is_cluster(probe.name):
            continue
        if face not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(face, str(FONTS / face)))
        c.setFont(face, 12)
        c.drawString(probe.spot.x + 4, probe.spot.y + 5, probe.value)
    c.showPage()
    c.save()


def fill_pypdf(src: Path, dst: Path, values: dict[str, str], need_appearances: bool) -> None:
    """Fill with pypdf: its own appearance streams, plus NeedAppearances when asked."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(src))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=need_appearances)
    writer.write(dst)


MUPDF_FILL = """
var values = JSON.parse(read(scriptArgs[1]));
var doc = new PDFDocument(scriptArgs[0]);
for (var i = 0; i < doc.countPages(); i++) {
  var widgets = doc.loadPage(i).getWidgets();
  for (var j = 0; j < widgets.length; j++) {
    var label = widgets[j].getLabel();
    if (values.hasOwnProperty(label)) {
      widgets[j].setTextValue(values[label]);
      widgets[j].update();
    }
  }
}
doc.save(scriptArgs[2]);
"""


def fill_mupdf(src: Path, dst: Path, values: dict[str, str]) -> None:
    """Fill with MuPDF itself (``mutool run``): it sets each value and draws its own appearance."""
    script, data = dst.with_suffix(".js"), dst.with_suffix(".json")
    script.write_text(MUPDF_FILL, encoding="utf-8")
    data.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    subprocess.run(["mutool", "run", str(script), str(src), str(data), str(dst)], check=True,
                   capture_output=True)


FILLS: dict[str, Callable[[Path, Path, dict[str, str]], None]] = {
    "pypdf": lambda s, d, v: fill_pypdf(s, d, v, need_appearances=True),
    "pypdf, its appearance only": lambda s, d, v: fill_pypdf(s, d, v, need_appearances=False),
    "MuPDF": fill_mupdf,
}


def bare_fontconfig(folder: Path) -> Path:
    """A fontconfig file that knows only DejaVu (what a bare Debian/Ubuntu machine has)."""
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        "  <dir>/usr/share/fonts/truetype/dejavu</dir>\n"
        f"  <cachedir>{folder / 'fc-cache'}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    return conf


def _pages(folder: Path, stem: str) -> list[Image.Image]:
    files = sorted(folder.glob(f"{stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [Image.open(p).convert("L") for p in files]


def render_poppler(pdf: Path, folder: Path, stem: str) -> list[Image.Image]:
    """Every page rendered by poppler (pdftoppm) on a DejaVu-only fontconfig, grey, 200 dpi."""
    env = dict(os.environ, FONTCONFIG_FILE=str(bare_fontconfig(folder)))
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(folder / stem)],
                   check=True, env=env, capture_output=True)
    return _pages(folder, stem)


def render_mupdf(pdf: Path, folder: Path, stem: str) -> list[Image.Image]:
    """Every page rendered by MuPDF (mutool draw), grey, 200 dpi."""
    subprocess.run(["mutool", "draw", "-q", "-r", str(DPI), "-o", str(folder / f"{stem}-%d.png"),
                    str(pdf)], check=True, capture_output=True)
    return _pages(folder, stem)


RENDERERS: dict[str, Callable[[Path, Path, str], list[Image.Image]]] = {
    "poppler": render_poppler,
    "MuPDF": render_mupdf,
}
INSET = 6  # pixels kept off the field's border
EDGE = 3  # pixels: ink this close to the inside's right or bottom edge "reaches the edge"


def crop(pages: list[Image.Image], spot: FieldSpot) -> Image.Image:
    """The inside of a field on its rendered page."""
    scale = DPI / 72
    page = pages[spot.page - 1]
    left, top = round(spot.x * scale), round(page.height - (spot.y + spot.height) * scale)
    right, bottom = round((spot.x + spot.width) * scale), round(page.height - spot.y * scale)
    return page.crop((left + INSET, top + INSET, right - INSET, bottom - INSET))


def differs(a: Image.Image, b: Image.Image) -> bool:
    """True when two field crops differ by more than anti-aliasing noise."""
    return _ink(ImageChops.difference(a, b)).histogram()[255] > 4


def _ink(difference: Image.Image) -> Image.Image:
    """Pixels that changed by more than anti-aliasing noise, as a black-and-white mask."""
    return difference.point(lambda v: 255 if v > 48 else 0)


SHAPE = 24  # pixels: both inks are scaled into this square before they are compared
SAME_SHAPE = 0.25  # mean difference (0..1) above which ink is not the letter at all
RIVAL_MARGIN = 0.05  # "ø" may be nearly as close to "o" as to itself
SAME_PROPORTIONS = 1.5  # width/height ratios further apart than this are different letters


def shape_distance(field: Image.Image, empty: Image.Image, reference: Image.Image) -> float:
    """How unlike the expected letters a field's ink is: 0 = the same shape, 1 = nothing alike.

    Both inks (the field against its empty look, the reference against white paper) are cut
    to their bounding boxes and scaled to one small square, so size and font differences
    matter little while a wrong glyph, a box or a ``?`` is far off.
    """
    inks, proportions = [], []
    for image, background in ((field, empty), (reference, Image.new("L", reference.size, 255))):
        ink = _ink(ImageChops.difference(image, background))
        box = ink.getbbox()
        if box is None:
            return 1.0
        ink = ink.crop(box)
        proportions.append((ink.width + 4) / (ink.height + 4))  # + 4: "l" and "i" are thin
        side = max(ink.size)
        square = Image.new("L", (side, side), 0)  # keep the proportions: "l" is not "o"
        square.paste(ink, ((side - ink.width) // 2, (side - ink.height) // 2))
        inks.append(square.resize((SHAPE, SHAPE), Image.Resampling.BILINEAR))
    if max(proportions) / min(proportions) > SAME_PROPORTIONS:
        return 1.0
    histogram = ImageChops.difference(inks[0], inks[1]).histogram()
    return sum(v * n for v, n in enumerate(histogram)) / (255 * SHAPE * SHAPE)


def ink_rows(field: Image.Image, empty: Image.Image) -> int:
    """How many rows of text a field holds: bands of pixel rows dense with ink.

    Tightly set rows touch (an accent reaches the descender above), so a band ends where the
    ink per pixel row falls below a third of the densest row: only x-heights are that dense.
    """
    ink = _ink(ImageChops.difference(field, empty))
    profile = [ink.crop((0, y, ink.width, y + 1)).histogram()[255] for y in range(ink.height)]
    floor = max(profile) / 3
    rows, inside = 0, False
    for count in profile:
        dense = count > floor
        if dense and not inside:
            rows += 1
        inside = dense
    return rows if max(profile) else 0


@dataclass
class Rendered:
    """One fill of the test form as one renderer drew it, with what to compare against."""

    probes: dict[str, Probe]
    pages: list[Image.Image]
    empty: list[Image.Image]
    reference: list[Image.Image]

    def field(self, name: str) -> tuple[Image.Image, Image.Image]:
        """The field's inside as filled, and as left empty."""
        spot = self.probes[name].spot
        return crop(self.pages, spot), crop(self.empty, spot)

    def is_blank(self, name: str) -> bool:
        return not differs(*self.field(name))

    def like(self, name: str, other: str) -> bool:
        """True when field ``name`` looks like field ``other`` (a control); False if none."""
        return other in self.probes and not differs(self.field(name)[0], self.field(other)[0])

    def reaches_edge(self, name: str) -> bool:
        """True when ink runs to the right or bottom edge of the field's inside.

        Such text is cut off, or about to be: a box that fits its text leaves a margin.
        """
        here, empty = self.field(name)
        box = _ink(ImageChops.difference(here, empty)).getbbox()
        return box is not None and (box[2] > here.width - EDGE or box[3] > here.height - EDGE)

    def distance(self, name: str, reference: str) -> float:
        """Shape distance between field ``name`` and the reference drawn where ``reference`` is."""
        here, empty = self.field(name)
        return shape_distance(here, empty, crop(self.reference, self.probes[reference].spot))

    def shows(self, name: str, rivals: list[str]) -> bool:
        """A cluster's field shows it: not blank, not like its controls, and shaped like it.

        "Shaped like it": close to its own reference, and no farther from it than from any
        other letter of the same sample (``rivals``), so a font unlike Noto Sans still counts
        while a wrong glyph, a ``?`` or a box does not.
        """
        if self.is_blank(name) or self.like(name, name + "_x") or self.like(name, name + "_short"):
            return False
        own = self.distance(name, name)
        return own < SAME_SHAPE and all(
            own <= self.distance(name, other) + RIVAL_MARGIN
            for other in rivals if self.probes[other].value != self.probes[name].value)

    def verdict(self, key: str, count: int) -> str:
        """A sample's cell: "yes", "blank", "? / boxes / wrong letters" or "k of n letters"."""
        whole = f"{key}_whole"
        names = [f"{key}_{n}" for n in range(count)]
        good = sum(self.shows(name, names) for name in names)
        if good == count and not self.is_blank(whole) and not self.like(whole, whole + "_x"):
            return "yes"
        if good == 0:
            blank = self.is_blank(whole) and all(self.is_blank(name) for name in names)
            return "blank" if blank else "? / boxes / wrong letters"
        return f"{good} of {count} letters"


def measure(samples: list[tuple[str, str, str]], fills: Iterable[str], renderers: Iterable[str],
            folder: Path, replaced: bool = True) -> dict[tuple[str, str, str], str]:
    """{(sample key or "long", fill, renderer): verdict} for the given samples.

    ``replaced=False`` leaves out the replaced-letter controls: faster (poppler spends about
    a quarter of a second on each character no font has), and the shape check still tells a
    box or a ``?`` from a letter.
    """
    form = folder / "form.pdf"
    probes = {p.name: p for p in make_form(form, samples, replaced=replaced)}
    values = {p.name: p.value for p in probes.values()}
    out: dict[tuple[str, str, str], str] = {}
    for renderer in renderers:
        draw = RENDERERS[renderer]
        empty = draw(form, folder, f"empty-{renderer}")
        reference = draw(reference_path(form), folder, f"reference-{renderer}")
        for fill in fills:
            tag = f"{fill}-{renderer}".replace(" ", "_").replace(",", "")
            filled = folder / f"{tag}.pdf"
            FILLS[fill](form, filled, values)
            seen = Rendered(probes, draw(filled, folder, tag), empty, reference)
            for key, _label, text in samples:
                out[key, fill, renderer] = seen.verdict(key, len(letters(text)))
            rows = ink_rows(*seen.field("long"))
            edge = ", reaches the edge" if seen.reaches_edge("long") else ""
            out["long", fill, renderer] = f"{rows} rows{edge}" if rows else "blank"
    return out


def table(results: dict[tuple[str, str, str], str], samples: list[tuple[str, str, str]],
          fills: list[str], renderers: list[str]) -> str:
    """The matrix as a Markdown table: one row per sample, one column per fill and renderer."""
    columns = [(f, r) for f in fills for r in renderers]
    lines = ["| Text | " + " | ".join(f"filled by {f}, shown by {r}" for f, r in columns) + " |",
             "|---" * (len(columns) + 1) + "|"]
    rows = [(key, label) for key, label, _t in samples] + [("long", "A long paragraph")]
    for key, label in rows:
        lines.append(f"| {label} | " + " | ".join(results[key, f, r] for f, r in columns) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="keep the PDFs and images in this folder")
    args = parser.parse_args(argv)
    missing = [tool for tool in ("pdftoppm", "mutool") if shutil.which(tool) is None]
    if missing:
        print(f"needs {' and '.join(missing)} (Debian: poppler-utils, mupdf-tools)",
              file=sys.stderr)
        return 2
    fills, renderers = list(FILLS), list(RENDERERS)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        results = measure(SAMPLES, fills, renderers, folder)
    print(table(results, SAMPLES, fills, renderers))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
