"""Batch handouts: `firstsession blank --packet P --names N.txt -o out.pdf`, whole processes.

Not a test. Writes the sample packet and name lists of 50, 100 and 200 names to a
temporary folder, runs each command as a whole process (median of a few rounds),
and prints seconds, seconds per name, whether the cost of each extra name stays the
same from 50 to 200 names (linear), the 200/100 ratio, whether 200 names take
under 10 s (the target), and one --fillable run with 200 names.

Run from anywhere: python bench/bench_batch.py [rounds]      (default 3)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(SRC))
from runner import PYTHON, run_once  # noqa: E402

COUNTS = (50, 100, 200)
TARGET_SECONDS = 10.0


def main() -> int:
    from pypdf import PdfReader

    from firstsession.packet_format import encode_packet
    from firstsession.packet_sample import sample_packet

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        packet = folder / "packet.json"
        packet.write_bytes(encode_packet(sample_packet()))
        env = dict(
            os.environ,
            PYTHONPATH=os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH")) if p),
            FIRSTSESSION_DATA_DIR=str(folder / "data"),
        )
        seconds: dict[int, float] = {}
        print(f"Batch handouts with the sample packet ({rounds} rounds each, medians)")

        def timed(count: int, *extra: str) -> tuple[float, Path]:
            names = folder / f"names-{count}.txt"
            names.write_text(
                "".join(f"Client {i} Ñandú-Pérez\n" for i in range(1, count + 1)), "utf-8"
            )
            out = folder / f"out-{count}.pdf"
            cmd = [PYTHON, "-m", "firstsession", "blank", "--packet", str(packet),
                   "--names", str(names), "-o", str(out), "--country", "US", *extra]
            return statistics.median(run_once(cmd, env)[0] for _ in range(rounds)), out

        def show(label: str, count: int, took: float, out: Path) -> None:
            pages = len(PdfReader(out).pages)
            print(f"  {label:>22}: {took:6.2f} s   {took / count * 1000:6.1f} ms per name   "
                  f"{pages} pages   {out.stat().st_size / 1e6:.1f} MB")

        for count in COUNTS:
            seconds[count], out = timed(count)
            show(f"{count} names", count, seconds[count], out)
        took, out = timed(200, "--fillable")
        show("200 names, --fillable", 200, took, out)

        # A fixed cost (start-up, the one layout) plus a cost per name: linear means the
        # cost of each extra name does not grow with the number of names.
        first = (seconds[100] - seconds[50]) / 50
        second = (seconds[200] - seconds[100]) / 100
        growth = second / first if first > 0 else float("inf")
        linear = growth <= 1.5
        print(f"  each extra name: {first * 1000:.1f} ms from 50 to 100 names, "
              f"{second * 1000:.1f} ms from 100 to 200 ({growth:.2f}x): "
              f"{'linear' if linear else 'NOT LINEAR'}")
        ratio = seconds[200] / seconds[100]
        print(f"  200 / 100 names: {ratio:.2f}x (2 if there were no fixed start-up cost)")
        verdict = "ok" if seconds[200] < TARGET_SECONDS else "OVER TARGET"
        print(f"  target: 200 names under {TARGET_SECONDS:.0f} s: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
