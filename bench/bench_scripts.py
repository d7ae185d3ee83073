"""Export speed with the script engine: the Latin sample sheet against a baseline checkout, and
the all-scripts sheet, whole processes.

Not a test. (a) ``python -m firstsession export`` of the sample sheet with this
tree's ``src`` against the same command with a baseline ``src`` (``--baseline
PATH``; default: ``git archive`` of ``BEFORE_SCRIPTS``, the last commit before the
script engine (issue 11), unpacked into a temporary folder); prints medians and
the time ratio (target: 1.3 or less). (b) ``bench/script_sheet.py`` (every sample of
tests/script_samples.py three times, built with ``pdf.scripttext.flowable``) as a
whole process, three runs (target: under 3 s each).

Run from anywhere:
    python bench/bench_scripts.py [--baseline SRC | --baseline-rev REV] [--ours SRC] [--rounds N]
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SRC = ROOT / "src"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(SRC))
from runner import PYTHON, compare, run_once  # noqa: E402

TARGET_RATIO = 1.3
TARGET_ALL_SCRIPTS_S = 3.0
BEFORE_SCRIPTS = "b7747a7"  # main just before issue 11 ("Every script") began


def baseline_src(folder: Path, rev: str = BEFORE_SCRIPTS) -> Path:
    """The tree at ``rev`` (src, templates, ui) unpacked: ``folder/src``."""
    base = subprocess.run(["git", "-C", str(ROOT), "rev-parse", rev],
                          check=True, capture_output=True, text=True).stdout.strip()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", base, "src", "templates", "ui"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    print(f"baseline: {rev} ({base[:10]})")
    return folder / "src"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="a src folder to compare with")
    parser.add_argument("--baseline-rev", default=BEFORE_SCRIPTS,
                        help=f"a commit to compare with (default {BEFORE_SCRIPTS})")
    parser.add_argument("--ours", type=Path, default=SRC,
                        help="the src folder to measure (default: this tree's)")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    from firstsession.files import atomic_write
    from firstsession.sample import sample_sheet
    from firstsession.storage import encode_sheet

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = args.baseline or baseline_src(folder / "base", args.baseline_rev)
        sheet = folder / "sheet.json"
        atomic_write(sheet, encode_sheet(sample_sheet()))
        data = {"FIRSTSESSION_DATA_DIR": str(folder / "data")}
        export = ["export", str(sheet), "-o"]
        ours_cmd = [PYTHON, "-c", _RUN.format(src=str(args.ours)), *export,
                    str(folder / "ours.pdf")]
        base_cmd = [PYTHON, "-c", _RUN.format(src=str(base)), *export, str(folder / "base.pdf")]
        result = compare(f"(a) Latin sample sheet: {args.ours} vs baseline", ours_cmd, base_cmd,
                         args.rounds, data)
        verdict = "ok" if result["time_ratio"] <= TARGET_RATIO else "OVER TARGET"
        print(f"  target:   time ratio <= {TARGET_RATIO}: {verdict}")

        env = dict(os.environ, PYTHONPATH=str(args.ours), **data)
        cmd = [PYTHON, str(HERE / "script_sheet.py"), str(folder / "all.pdf")]
        run_once(cmd, env)  # warm the file cache
        times = [run_once(cmd, env)[0] for _ in range(3)]
        shown = ", ".join(f"{t:.2f} s" for t in times)
        verdict = "ok" if max(times) < TARGET_ALL_SCRIPTS_S else "OVER TARGET"
        print(f"(b) all-scripts sheet ({cmd[1]}), whole process, 3 runs: {shown}")
        print(f"  target:   under {TARGET_ALL_SCRIPTS_S} s: {verdict}")

        every = folder / "every.json"
        atomic_write(every, encode_sheet(every_script_sheet()))
        cmd = [PYTHON, "-c", _RUN.format(src=str(args.ours)), "export", str(every), "-o",
               str(folder / "every.pdf")]
        try:
            run_once(cmd, env)
        except SystemExit as refused:
            print(f"(c) sample sheet with every script: not exported by this src: {refused}")
            return 0
        times = [run_once(cmd, env)[0] for _ in range(3)]
        shown = ", ".join(f"{t:.2f} s" for t in times)
        verdict = "ok" if max(times) < TARGET_ALL_SCRIPTS_S else "OVER TARGET"
        print(f"(c) sample sheet with every script, firstsession export, 3 runs: {shown}")
        print(f"  target:   under {TARGET_ALL_SCRIPTS_S} s: {verdict}")
    return 0


def every_script_sheet() -> object:
    """The sample sheet with every script sample in its free-text answers."""
    import dataclasses

    sys.path.insert(0, str(ROOT / "tests"))
    from script_samples import SAMPLES  # type: ignore[import-not-found]

    from firstsession.sample import sample_sheet

    texts = [text for _key, _tag, text, _readback in SAMPLES]
    half = len(texts) // 2
    sheet = sample_sheet()
    return dataclasses.replace(
        sheet,
        what_brings_me="\n".join(texts[:half]),
        goals="\n".join(texts[half:]),
        notes=" ".join(texts),
    )


# Each process puts its own src first, so the two trees never mix (PYTHONPATH is shared).
_RUN = ("import runpy, sys; sys.path.insert(0, {src!r}); sys.argv = ['firstsession'] + "
        "sys.argv[1:]; runpy.run_module('firstsession', run_name='__main__')")


if __name__ == "__main__":
    raise SystemExit(main())
