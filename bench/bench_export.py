"""Export: `firstsession export` against a bare reportlab script, whole processes.

Not a test. Writes the sample sheet to a temporary folder, then alternates
(a) ``python -m firstsession export SHEET -o OUT.pdf`` with (b)
``bench/bare_reportlab.py`` (the same four fonts, a comparable six-page PDF with
a footer). Prints medians, the time ratio (target: 1.5 or less) and both PDFs'
page counts.

Run from anywhere: python bench/bench_export.py [rounds]      (default 7)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(SRC))
from runner import PYTHON, compare  # noqa: E402

TARGET_RATIO = 1.5


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def main() -> int:
    from firstsession.files import atomic_write
    from firstsession.sample import sample_sheet
    from firstsession.storage import encode_sheet

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet = folder / "sheet.json"
        atomic_write(sheet, encode_sheet(sample_sheet()))
        ours, bare = folder / "ours.pdf", folder / "bare.pdf"
        env = {
            "PYTHONPATH": os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH")) if p),
            "FIRSTSESSION_DATA_DIR": str(folder / "data"),  # never touch the real saved sheet
        }
        result = compare(
            "Export: firstsession export (sample sheet) vs bare reportlab",
            [PYTHON, "-m", "firstsession", "export", str(sheet), "-o", str(ours)],
            [PYTHON, str(HERE / "bare_reportlab.py"), str(bare)],
            rounds,
            env,
        )
        print(f"  pages:    ours {pages(ours)}, baseline {pages(bare)}")
        verdict = "ok" if result["time_ratio"] <= TARGET_RATIO else "OVER TARGET"
        print(f"  target:   time ratio <= {TARGET_RATIO}: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
