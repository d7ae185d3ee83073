"""Start-up of the frozen app against a frozen bare PySide6 window, whole processes.

Both are frozen by tools/build_bundle.py with the same PyInstaller options (one folder,
the same Qt files left out): `firstsession --smoke-test` from the bundle against
bench/bare_window.py frozen alone. Target (issue 14): at most 1.5x, frozen vs frozen.
Run: python bench/bench_bundle.py [rounds] [--bundle DIR]
  --bundle DIR  an existing build's output folder (tools/build_bundle.py --out DIR) to
                reuse; without it both are built into a temporary folder first (~2 min).
Also prints `--onefile` against the folder when OUT/onefile/firstsession exists.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from runner import PYTHON, compare  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "tools" / "build_bundle.py"


def build(out: Path) -> None:
    """The app's bundle and the frozen bare window, both into OUT/dist."""
    if not (out / "dist" / "firstsession" / "firstsession").exists():
        subprocess.run([PYTHON, str(BUILD), "--python", PYTHON, "--out", str(out), "--no-deb"],
                       check=True)
    if not (out / "dist" / "bare_window" / "bare_window").exists():
        subprocess.run([PYTHON, str(BUILD), "--python", PYTHON, "--out", str(out),
                        "--bare", str(ROOT / "bench" / "bare_window.py")], check=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("rounds", nargs="?", type=int, default=7)
    parser.add_argument("--bundle", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        out = args.bundle or Path(scratch) / "build"
        build(out)
        data, config = Path(scratch) / "data", Path(scratch) / "config"
        env = {"QT_QPA_PLATFORM": "offscreen", "FIRSTSESSION_DATA_DIR": str(data),
               "XDG_CONFIG_HOME": str(config)}
        app = out / "dist" / "firstsession" / "firstsession"
        compare("Start-up, frozen: bundle's smoke test vs frozen bare PySide6 window",
                [str(app), "--smoke-test"], [str(out / "dist" / "bare_window" / "bare_window")],
                args.rounds, env)
        onefile = out / "onefile" / "firstsession"
        if onefile.exists():
            print()
            compare("Start-up: one self-extracting file vs one folder (both the app)",
                    [str(onefile), "--smoke-test"], [str(app), "--smoke-test"],
                    args.rounds, env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
