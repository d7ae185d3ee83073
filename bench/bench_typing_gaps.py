"""Does the window freeze while a person types into a large sheet? Longest event-loop gap.

Not a test. Each run is a whole process: it saves a sheet of about N MB (text spread over
the fields as a person with long pastes would have it: the background answers, the
notes, the feelings, the questions, the therapists), opens the real window offscreen
on "Before the day" the way the app starts (``main._start``, then ``app.exec``: as in the
app, other threads run while the event loop waits), and 0.2 s later, for about five
seconds, types into a text field with ``QTest.keyClick`` (one key every 40 ms), ticks a
checklist box every 0.7 s, and lets autosave fire as usual (once a second). A 5 ms
QTimer notes every tick; the gaps between ticks are what the person feels. Printed per
run: the longest gap, the 99th percentile and the number of saves.

Fields typed into: "nervous" (a short field; the 1 MB notes are on the same page) and
"notes" (the end of the 1 MB notes field itself).

Before/after: ``--sync`` makes this code's autosave write on the GUI thread
(``Session.background_saves = False``; ``--both`` runs each case both ways); ``--src DIR``
runs another checkout (e.g. ``git archive <commit> | tar -x -C /tmp/base``, then
``--src /tmp/base/src``), to measure the code before, which prints as "before".

Run: python bench/bench_typing_gaps.py [--mb 5 15] [--field nervous notes] [--seconds 5]
     [--sync] [--both] [--src DIR]
Target (issue 9): no gap over 50 ms with a 5 MB sheet.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"


def build_sheet(megabytes: float):  # type: ignore[no-untyped-def]
    """A sheet whose saved file is about ``megabytes`` MB (10**6 bytes)."""
    from firstsession import storage
    from firstsession.model import ChosenQuestion, Feeling, PromptAnswer, Sheet, Therapist

    target = int(megabytes * 1_000_000)
    # Paragraphs of a few lines, as pasted text has.
    words = ("My partner says I seem far away; sometimes I can't find the words at all. " * 4
             + "\n")
    accented = "Je me sens dépassée, et c'est dur d'en parler — même à mes proches. " * 4 + "\n"

    def text(size: int, base: str = words) -> str:
        return (base * (size // len(base) + 1))[:size]

    sheet = Sheet(notes=text(1_000_000))
    sheet.nervous_questions = "What if I freeze up?"
    sheet.what_brings_me = text(200_000, accented)
    sheet.goals = text(100_000)
    sheet.hoped_change = text(100_000)
    for i in range(30):
        sheet.feelings.append(Feeling(f"word {i}", intensity=i % 11, when_where=text(2_000),
                                      body=text(2_000, accented), helps=text(2_000)))
    for i in range(200):
        sheet.questions.append(ChosenQuestion(f"own-{i}", f"My own question {i}: " + text(200),
                                              own=True))
    for i in range(5):
        sheet.therapists.append(Therapist(name=f"Therapist {i}", notes=text(20_000),
                                          answers={f"q{j}": text(2_000) for j in range(20)}))
    # The rest in background answers, 40 of them, as long pastes.
    rest = max(0, target - len(storage.encode_sheet(sheet)))
    for i in range(40):
        sheet.culture.append(PromptAnswer(f"prompt-{i}", text(rest // 40, accented if i % 2
                                                              else words), share=i % 3 == 0))
    return sheet


def run_one(args: argparse.Namespace) -> dict[str, float | int | str]:
    """One measured run in this process; returns the figures."""
    import gc

    from firstsession import paths, storage

    sheet = build_sheet(args.mb)
    storage.save_sheet(sheet)
    size = paths.sheet_path().stat().st_size
    del sheet

    from firstsession.app import main

    gc.disable()  # as main.run does
    try:
        app, window, _ = main._start()
    finally:
        gc.freeze()
        gc.enable()
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtTest import QTest

    session = window.session
    if not hasattr(session, "background_saves"):
        mode = "before"  # this checkout saves on the GUI thread anyway
    elif args.sync:
        session.background_saves = False
        mode = "sync"
    else:
        mode = "background"
    window.go_to("before")
    page = window.page("before")
    field = page.notes if args.field == "notes" else page.nervous
    boxes = [row.box for row in page.rows.values()]
    field.setFocus()
    if args.field == "notes":
        field.moveCursor(field.textCursor().MoveOperation.End)
    # As the app: its event loop (app.exec lets other threads run while it waits).
    QTimer.singleShot(200, app.quit)  # the window is up, then the person starts typing
    app.exec()

    saves = [0]
    session.saved.connect(lambda: saves.__setitem__(0, saves[0] + 1))
    clock = QElapsedTimer()
    clock.start()
    ticks: list[int] = []
    beat = QTimer()
    beat.setInterval(5)
    beat.timeout.connect(lambda: ticks.append(clock.nsecsElapsed()))
    typed = [0]
    letters = "i think i freeze when people look at me "

    def type_a_key() -> None:
        key = letters[typed[0] % len(letters)]
        QTest.keyClick(field, key)
        typed[0] += 1
        if typed[0] % 18 == 0:  # about every 0.7 s, tick (or untick) a box
            box = boxes[(typed[0] // 18) % len(boxes)]
            box.setChecked(not box.isChecked())

    typist = QTimer()
    typist.setInterval(40)
    typist.timeout.connect(type_a_key)
    stop_at = args.seconds * 1000
    done = QTimer()
    done.setSingleShot(True)
    done.setInterval(int(stop_at))
    done.timeout.connect(typist.stop)
    beat.start()
    typist.start()
    done.start()
    QTimer.singleShot(int(stop_at) + 1500, app.quit)  # and the last autosave
    app.exec()
    beat.stop()
    # Every word typed is on disk once the window closes.
    window.close()
    saved = storage.read_sheet_file(paths.sheet_path())
    text = saved.notes if args.field == "notes" else saved.nervous_questions
    expected = field.toPlainText()
    gaps = sorted((b - a) / 1e6 for a, b in zip(ticks, ticks[1:], strict=False))
    return {
        "mode": mode,
        "field": args.field,
        "file_mb": round(size / 1e6, 2),
        "keys": typed[0],
        "saves": saves[0],
        "longest_ms": round(gaps[-1], 1),
        "p99_ms": round(gaps[int(len(gaps) * 0.99)], 1),
        "median_ms": round(gaps[len(gaps) // 2], 1),
        "kept": text == expected and len(text) > 20,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[5.0])
    parser.add_argument("--field", nargs="+", default=["nervous", "notes"],
                        choices=["nervous", "notes"])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--sync", action="store_true", help="save on the GUI thread (before)")
    parser.add_argument("--both", action="store_true", help="each run with --sync and without")
    parser.add_argument("--src", type=Path, default=SRC, help="the checkout's src to import")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.mb, args.field = args.mb[0], args.field[0]
        print(json.dumps(run_one(args)), flush=True)
        return 0
    print(f"Event-loop gaps while typing ({args.seconds:.0f} s, a key every 40 ms, a tick "
          f"every 0.7 s, autosave on); src: {args.src}")
    print(f"{'sheet':>8} {'field':>8} {'saving':>10} {'longest':>9} {'p99':>8} {'median':>7}"
          f" {'saves':>5} {'keys':>5}  kept")
    modes = [True, False] if args.both else [args.sync]
    for mb in args.mb:
        for field in args.field:
            for sync in modes:
                with tempfile.TemporaryDirectory() as tmp:
                    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                               FIRSTSESSION_DATA_DIR=str(Path(tmp) / "data"),
                               XDG_CONFIG_HOME=str(Path(tmp) / "config"),
                               PYTHONPATH=str(args.src))
                    cmd = [sys.executable, str(Path(__file__).resolve()), "--child",
                           "--mb", str(mb), "--field", field, "--seconds", str(args.seconds)]
                    if sync:
                        cmd.append("--sync")
                    out = subprocess.run(cmd, env=env, capture_output=True, text=True,
                                         timeout=600)
                    if out.returncode != 0:
                        print(out.stderr[-3000:], file=sys.stderr)
                        return 1
                    r = json.loads(out.stdout.strip().splitlines()[-1])
                    print(f"{r['file_mb']:>6} MB {r['field']:>8} {r['mode']:>10} "
                          f"{r['longest_ms']:>6} ms {r['p99_ms']:>5} ms {r['median_ms']:>4} ms"
                          f" {r['saves']:>5} {r['keys']:>5}  {'yes' if r['kept'] else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
