"""Regenerate src/firstsession/app/generated/ from the Designer forms in ui/.

We compile forms (rather than loading them with QUiLoader at run time) because
the compiled module imports faster and needs no XML parsing at start-up.
Run: python tools/compile_ui.py   (tests/test_app_structure.py checks it is up to date)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "firstsession" / "app" / "generated"


def uic() -> str:
    found = shutil.which("pyside6-uic") or str(Path(sys.executable).with_name("pyside6-uic"))
    return found


def compile_form(form: Path) -> str:
    return subprocess.run(
        [uic(), str(form)], check=True, capture_output=True, text=True, cwd=form.parent
    ).stdout


def main() -> int:
    for form in sorted((ROOT / "ui").glob("*.ui")):
        target = OUT / f"ui_{form.stem}.py"
        target.write_text(compile_form(form))
        print(f"{form.relative_to(ROOT)} -> {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
