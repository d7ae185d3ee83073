"""Start-up: `firstsession --smoke-test` against a bare PySide6 window, whole processes.

Target (issue 3): at most 1.5x the bare window in time and in peak memory.
Run: python bench/bench_startup.py [rounds]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from runner import PYTHON, compare  # noqa: E402


def firstsession_command() -> str:
    """The installed `firstsession` command, as a person runs it (not `python -m`)."""
    script = Path(PYTHON).with_name("firstsession")
    if not script.exists():
        raise SystemExit("install the project first: pip install .")
    return str(script)


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    here = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as config:
        env = {
            "QT_QPA_PLATFORM": "offscreen",
            "FIRSTSESSION_DATA_DIR": data,
            "XDG_CONFIG_HOME": config,
        }
        compare(
            "Start-up: smoke test vs bare PySide6 window",
            [firstsession_command(), "--smoke-test"],
            [PYTHON, str(here / "bare_window.py")],
            rounds,
            env,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
