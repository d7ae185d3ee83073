"""The export step's preview and the event loop: the longest gap while a person works.

Not a test. One process per sheet size (the sample sheet plus 1 MB or 5 MB of notes): the
"Print and export" page is shown offscreen with its first preview made, then a 5 ms QTimer
notes every moment the event loop turns while a script acts as a person would:

- tick: untick and tick "What goes in" boxes, one change every 150 ms (each change starts
  the 800 ms pause, then a new preview), then wait until the last preview is shown;
- refresh: click "Refresh preview" and keep typing into a text box (one key every 30 ms)
  until the new preview is shown.

It prints the longest gap between two turns of the event loop (the window cannot repaint or
take a key in that time), and how many gaps were over 50 ms. Target (issue 9): no gap over
50 ms. Run: python bench/bench_preview_gaps.py [size ...]    (default: 1000000 5000000)
Point PYTHONPATH at another source tree to measure it the same way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

ONE_RUN = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from firstsession import content
from firstsession.sample import sample_sheet
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
from firstsession.app.session import Session
from firstsession.app.steps.export import ExportStep

size = int(sys.argv[1])
app = QApplication([])
c = content.load()
sheet = sample_sheet(c)
sheet.notes = ("I keep a diary of the week. " * (size // 28 + 1))[:size]
session = Session(sheet, c)
session.autosave_enabled = False  # saving is not what this measures (its own bench)
page = ExportStep(session)
page.resize(1000, 900)
typing = QLineEdit()


def rendering() -> bool:
    renders = getattr(page, "_renders_made", None)  # the worker (issue 9), made on first use
    busy = renders.busy() if renders is not None else False
    return page._stale or page._debounce.isActive() or busy


def spin_until(done, limit_s=120.0):
    clock = QElapsedTimer()
    clock.start()
    while not done() and clock.elapsed() < limit_s * 1000:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


page.show()
typing.show()
spin_until(lambda: page.document.pageCount() > 0 and not rendering())
pages = page.document.pageCount()

ticks = []
timer = QTimer()
timer.setInterval(5)
timer.timeout.connect(lambda: ticks.append(time.perf_counter()))


def measure(name, act):
    ticks.clear()
    timer.start()
    ticks.append(time.perf_counter())  # a click that blocks at once is a gap too
    act()
    spin_until(lambda: False, 0.05)  # and so is one that blocks until the end
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    print(f"{name} {max(gaps) * 1000:.0f} {sum(g > 0.050 for g in gaps)} {len(gaps)}", flush=True)


def tick_boxes():
    boxes = [page.section_boxes[s] for s in ("feelings", "questions", "notes")]
    steps = [(box, state) for state in (False, True) for box in boxes]
    clock = QElapsedTimer()
    for box, state in steps:
        clock.start()
        box.setChecked(state)
        spin_until(lambda: clock.elapsed() >= 150)
    spin_until(lambda: not rendering())


def refresh_and_type():
    page.refresh_button.click()
    clock = QElapsedTimer()
    while rendering():
        clock.start()
        typing.insert("a")
        spin_until(lambda: clock.elapsed() >= 30 or not rendering())


measure("tick", tick_boxes)
measure("refresh", refresh_and_type)
print(f"pages {pages}", flush=True)
"""


def run(size: int) -> dict[str, tuple[int, int, int]]:
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, FIRSTSESSION_DATA_DIR=data, QT_QPA_PLATFORM="offscreen")
        result = subprocess.run([sys.executable, "-c", ONE_RUN, str(size)], env=env,
                                capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    found: dict[str, tuple[int, int, int]] = {}
    for line in result.stdout.splitlines():
        name, *numbers = line.split()
        found[name] = tuple(int(n) for n in numbers)  # type: ignore[assignment]
    return found


def main() -> int:
    sizes = [int(a) for a in sys.argv[1:]] or [1_000_000, 5_000_000]
    print("Longest event-loop gap on Print and export (5 ms timer), one process per size")
    print(f"  {'sheet':>10}  {'pages':>5}  {'action':8} {'longest gap':>12}  {'gaps > 50 ms':>12}")
    for size in sizes:
        start = time.perf_counter()
        found = run(size)
        for action in ("tick", "refresh"):
            longest, over, _count = found[action]
            print(f"  {size / 1e6:>8g} MB  {found['pages'][0]:>5}  {action:8} "
                  f"{longest:>9d} ms  {over:>12d}")
        print(f"  ({time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
