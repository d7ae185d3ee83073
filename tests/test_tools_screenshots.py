"""tools/screenshots.py answers --help without taking a single screenshot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TOOL = Path(__file__).resolve().parents[1] / "tools" / "screenshots.py"


def test_screenshots_help_prints_the_usage_and_exits_without_running(tmp_path: Path) -> None:
    """`tools/screenshots.py --help` prints its usage and exits 0, with no display or xvfb."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "FS_SHOTS_CHILD")}
    env["PATH"] = str(tmp_path)  # no xvfb-run: a run that tried to start would stop here
    done = subprocess.run([sys.executable, str(TOOL), "--help"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage:"), done.stdout
    assert "--lang" in done.stdout and "--steps" in done.stdout
    assert list(tmp_path.iterdir()) == []


def test_screenshots_refuses_an_unknown_option_with_one_line() -> None:
    """An unknown option is argparse's usage error (exit 2), not a run with the option ignored."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "FS_SHOTS_CHILD")}
    env["PATH"] = ""
    done = subprocess.run([sys.executable, str(TOOL), "--nonsense"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "unrecognized arguments: --nonsense" in done.stderr
