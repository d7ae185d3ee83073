"""Export time against the length of one field: whole `firstsession export` processes.

Not a test. For each kind of field (a background heading, which once took 6.8 s at
200,000 characters and 38 s at 400,000, and the notes), writes a sheet whose one
field holds 50,000 to 800,000 characters, exports it as a whole process and prints
the median seconds and the ratio to the length before. Layout linear in length
gives about 2x per doubling (a little less at the short end, where start-up counts).

Run from anywhere: python bench/bench_long_text.py [rounds]      (default 3)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(SRC))
from runner import PYTHON, run_once  # noqa: E402

from firstsession.model import PromptAnswer, Sheet  # noqa: E402

LENGTHS = (50_000, 100_000, 200_000, 400_000, 800_000)


def words(length: int) -> str:
    return ("feeling words " * (length // 14 + 1))[:length]


def heading(text: str) -> Sheet:
    sheet = Sheet()
    sheet.culture.append(PromptAnswer(text, "my answer", share=True))
    return sheet


def notes(text: str) -> Sheet:
    return Sheet(notes=text)


KINDS: dict[str, Callable[[str], Sheet]] = {"background heading": heading, "notes": notes}


def main() -> int:
    from firstsession.files import atomic_write
    from firstsession.storage import encode_sheet

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH")) if p),
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env["FIRSTSESSION_DATA_DIR"] = str(folder / "data")  # never the real saved sheet
        print(f"Export time by length of one field ({rounds} rounds each, medians)")
        print(f"{'field':<20} {'characters':>10} {'seconds':>8} {'x previous':>10}")
        for kind, make in KINDS.items():
            before = None
            for length in LENGTHS:
                sheet, out = folder / "sheet.json", folder / "out.pdf"
                atomic_write(sheet, encode_sheet(make(words(length))))
                cmd = [PYTHON, "-m", "firstsession", "export", str(sheet), "-o", str(out)]
                seconds = statistics.median(run_once(cmd, env)[0] for _ in range(rounds))
                ratio = f"{seconds / before:.2f}x" if before else ""
                print(f"{kind:<20} {length:>10,} {seconds:>8.2f} {ratio:>10}", flush=True)
                out.unlink(missing_ok=True)
                before = seconds
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
