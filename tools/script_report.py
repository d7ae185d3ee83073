"""Print how each script sample reads back from its PDF in pypdf, pdftotext and MuPDF.

For every row of tests/script_samples.py: a one-sample PDF built with
``pdf.rich.block`` (11 pt, A4), then the text read back by pypdf
(``extract_text``), poppler (``pdftotext -enc UTF-8``) and MuPDF (``mutool draw -F
txt``). Each cell: "exact" (NFC, whitespace squashed), "words" (same words in any
order, NFKC) or the share of letters, marks and digits read back (NFKC multiset,
percent). Also the glyph ids drawn that are 0 (.notdef; expected 0). A reader whose
command is missing shows "-".

Usage: python tools/script_report.py   (prints a Markdown table)
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))


def verdict(text: str, read: str | None) -> str:
    """"exact", "words" or the share of letters read back, for one extractor's text."""
    if read is None:
        return "-"
    if "".join(unicodedata.normalize("NFC", read).split()) == \
            "".join(unicodedata.normalize("NFC", text).split()):
        return "exact"
    if sorted(unicodedata.normalize("NFKC", read).split()) == \
            sorted(unicodedata.normalize("NFKC", text).split()):
        return "words"

    def letters(t: str) -> Counter[str]:
        return Counter(c for c in unicodedata.normalize("NFKC", t)
                       if unicodedata.category(c)[0] in "LMN")
    want, got = letters(text), letters(read)
    return f"{100 * sum((want & got).values()) / max(sum(want.values()), 1):.0f}%"


def run(cmd: list[str]) -> str | None:
    if shutil.which(cmd[0]) is None:
        return None
    raw = subprocess.run(cmd, check=True, capture_output=True).stdout
    # MuPDF writes characters above U+FFFF as two UTF-8-encoded surrogates (CESU-8):
    # decode them as such and join the pairs.
    text = raw.decode("utf-8", "surrogatepass")
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def main() -> int:
    from pypdf import PdfReader
    from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
    from reportlab.platypus import SimpleDocTemplate  # type: ignore[import-untyped]
    from script_samples import SAMPLES  # type: ignore[import-not-found]

    from firstsession.pdf import fonts
    from firstsession.pdf.rich import block
    from firstsession.pdf.scripttext import ScriptText

    fonts.register()
    style = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=11, leading=15)
    print("| sample | route | .notdef | pypdf | pdftotext | MuPDF |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for key, _tag, text, _readback in SAMPLES:
            path = Path(tmp) / f"{key}.pdf"
            made = block(text, style)
            SimpleDocTemplate(str(path)).build([made])
            notdef = 0
            if isinstance(made, ScriptText):
                notdef = sum(piece.shaped.glyphs.count(0) for line, _b in made.laid_lines()
                             for piece in line)
            pypdf_text = PdfReader(io.BytesIO(path.read_bytes())).pages[0].extract_text()
            poppler = run(["pdftotext", "-enc", "UTF-8", str(path), "-"])
            mupdf = run(["mutool", "draw", "-q", "-F", "txt", "-o", "-", str(path)])
            route = "ScriptText" if isinstance(made, ScriptText) else "Paragraph"
            print(f"| {key} | {route} | {notdef} | {verdict(text, pypdf_text)} | "
                  f"{verdict(text, poppler)} | {verdict(text, mupdf)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
