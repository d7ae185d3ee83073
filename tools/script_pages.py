"""The README's picture of every script on paper: a sheet holding every sample, its pages.

Builds the sample sheet with every row of tests/script_samples.py in its free-text
answers (as bench/bench_scripts.py does), exports it with ``firstsession export``,
renders the pages that hold those answers with poppler's ``pdftoppm -r 100`` and puts
them side by side with Pillow.

Usage: python tools/script_pages.py docs/images/every-script-pages.png
Needs: poppler-utils (``pdftoppm``).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

GAP = 16  # pixels between pages


def main(argv: list[str]) -> int:
    from bench_scripts import every_script_sheet  # type: ignore[import-not-found]
    from PIL import Image
    from pypdf import PdfReader

    from firstsession.files import atomic_write
    from firstsession.storage import encode_sheet

    out = Path(argv[0])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet, pdf = folder / "sheet.json", folder / "sheet.pdf"
        atomic_write(sheet, encode_sheet(every_script_sheet()))  # type: ignore[arg-type]
        subprocess.run([sys.executable, "-m", "firstsession", "export", str(sheet), "-o", str(pdf)],
                       check=True, env={"FIRSTSESSION_DATA_DIR": str(folder / "data"),
                                        "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
        # The pages with writing beyond Latin: any letter above U+024F.
        wanted = [n for n, page in enumerate(PdfReader(pdf).pages, start=1)
                  if any(ord(ch) > 0x24F and ch.isalpha() for ch in page.extract_text())]
        images = []
        for n in wanted:
            stem = folder / f"p{n}"
            subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", "-f", str(n),
                            "-l", str(n), str(pdf), str(stem)], check=True)
            images.append(Image.open(f"{stem}.png").convert("RGB"))
        width = sum(im.width for im in images) + GAP * (len(images) - 1)
        height = max(im.height for im in images)
        sheet_image = Image.new("RGB", (width, height), "white")
        x = 0
        for im in images:
            sheet_image.paste(im, (x, 0))
            x += im.width + GAP
        sheet_image.save(out, optimize=True)
        print(f"{out}: pages {wanted} of {pdf.name}, {width}x{height} px")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
