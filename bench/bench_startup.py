"""Start-up: `firstsession --smoke-test` against a bare PySide6 window, whole processes.

Target (issue 3): at most 1.5x the bare window in time and in peak memory, whole
process. A second table splits each run where the smoke test has closed its window:
"window" is the time until then (what a person waits for), "exit" the rest (Python
and Qt tearing down). Both commands are started the same way for that split, through
a small wrapper that notes the moment the window work is done.
A third and fourth table (issue 9) start the app reopened on "Print and export" (the last
step used), with the sample sheet and with a 1 MB sheet: the preview is rendered only
after the window is up, so start-up should stay near the Welcome start.
A last table (issue 12) starts it under LANG=es_ES.UTF-8: the translators (our catalogue
and Qt's qtbase_es) installed, every word looked up in Spanish. A catalogue not yet built
in can be tried with FIRSTSESSION_TRANSLATIONS_DIR (see firstsession.i18n).
Run: python bench/bench_startup.py [rounds]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from runner import PYTHON, compare  # noqa: E402

HERE = Path(__file__).resolve().parent

# Each prints the wall-clock time once its window is closed, then exits as usual.
# Ours also prints when the window was first painted and when the page of the step it
# reopened on was built after that (0 when it reopened on Welcome, built with the window).
OURS_MARKED = """
import sys, time
from firstsession.cli import main
status = main(["--smoke-test"])
from firstsession.app.window import START_TIMES
print(START_TIMES.get("window painted", 0), START_TIMES.get("restored page ready", 0),
      time.time(), flush=True)
sys.exit(status)
"""
BARE_MARKED = """
import sys, time
path = sys.argv[1]
try:
    exec(compile(open(path).read(), path, "exec"), {"__name__": "__main__"})
finally:
    print(time.time(), flush=True)
"""


def firstsession_command() -> str:
    """The installed `firstsession` command, as a person runs it (not `python -m`)."""
    script = Path(PYTHON).with_name("firstsession")
    if not script.exists():
        raise SystemExit("install the project first: pip install .")
    return str(script)


def split_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """Seconds until the window work is done, and from then until the process is gone;
    for ours reopened on a step, also seconds until the window was first painted and
    until that step's page was ready (else 0, 0)."""
    start = time.time()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    end = time.time()
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {result.stderr}")
    *marks, marked = (float(word) for word in result.stdout.split()[-3:])
    painted, ready = ((m - start if m else 0.0) for m in marks) if len(marks) == 2 else (0, 0)
    return marked - start, end - marked, painted, ready


def split(rounds: int, env: dict[str, str]) -> None:
    env = dict(os.environ, **env)
    commands = {
        "ours": [PYTHON, "-c", OURS_MARKED],
        "baseline": [PYTHON, "-c", BARE_MARKED, str(HERE / "bare_window.py")],
    }
    runs: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, cmd in commands.items():
            runs[name].append(split_once(cmd, env))
    window = {name: statistics.median(r[0] for r in rs) for name, rs in runs.items()}
    exit_ = {name: statistics.median(r[1] for r in rs) for name, rs in runs.items()}
    print(f"Split where the window is closed ({rounds} rounds each, alternating, medians)")
    for name in commands:
        print(f"  {name + ':':9s} window {window[name]:.3f} s   exit {exit_[name]:.3f} s")
    print(f"  ratio:    window {window['ours'] / window['baseline']:.2f}x   "
          f"exit {exit_['ours'] / exit_['baseline']:.2f}x")
    painted = statistics.median(r[2] for r in runs["ours"])
    ready = statistics.median(r[3] for r in runs["ours"])
    if painted and ready:
        print(f"  reopened on a step: window painted {painted:.3f} s "
              f"({painted / window['baseline']:.2f}x the bare window closed), "
              f"that step's page ready {ready:.3f} s ({ready / window['baseline']:.2f}x)")


MAKE_SHEET = """
import sys
from firstsession import content, storage
from firstsession.sample import sample_sheet
sheet = sample_sheet(content.load())
size = int(sys.argv[1])
if size:
    sheet.notes = ("I keep a diary of the week. " * (size // 28 + 1))[:size]
storage.save_sheet(sheet)
"""


def reopened_on_export(rounds: int, size: int) -> None:
    """Start-up with a saved sheet (the sample, plus ``size`` characters of notes) and the
    export step as the last step used."""
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as config:
        env = {"QT_QPA_PLATFORM": "offscreen", "FIRSTSESSION_DATA_DIR": data,
               "XDG_CONFIG_HOME": config}
        subprocess.run([PYTHON, "-c", MAKE_SHEET, str(size)], env=dict(os.environ, **env),
                       check=True)
        folder = Path(config) / "firstsession"
        folder.mkdir(mode=0o700)
        (folder / "firstsession.conf").write_text("[window]\nstep=export\n")
        what = "the sample sheet" if not size else f"a {size / 1e6:g} MB sheet"
        compare(
            f"Start-up reopened on Print and export with {what} vs bare PySide6 window",
            [firstsession_command(), "--smoke-test"],
            [PYTHON, str(HERE / "bare_window.py")],
            rounds,
            env,
        )
        print()
        split(rounds, env)


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    against_bare("Start-up: smoke test vs bare PySide6 window", rounds, {})
    for size in (0, 1_000_000):
        print()
        reopened_on_export(rounds, size)
    print()
    # Issue 12: the system asks for Spanish, so both translators are installed at start.
    against_bare("Start-up in Spanish (LANG=es_ES.UTF-8) vs bare PySide6 window", rounds,
                 {"LANG": "es_ES.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""})
    return 0


def against_bare(title: str, rounds: int, more_env: dict[str, str]) -> None:
    """The smoke test against the bare window, in fresh folders, with ``more_env`` set."""
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as config:
        env = {"QT_QPA_PLATFORM": "offscreen", "FIRSTSESSION_DATA_DIR": data,
               "XDG_CONFIG_HOME": config, **more_env}
        compare(
            title,
            [firstsession_command(), "--smoke-test"],
            [PYTHON, str(HERE / "bare_window.py")],
            rounds,
            env,
        )
        print()
        split(rounds, env)


if __name__ == "__main__":
    raise SystemExit(main())
