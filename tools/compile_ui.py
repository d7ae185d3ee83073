"""Regenerate src/firstsession/app/generated/ from the Designer forms in ui/.

We compile forms (rather than loading them with QUiLoader at run time) because
the compiled module imports faster and needs no XML parsing at start-up. The only
change to uic's output: Qt names the form never uses are not imported.
Run: python tools/compile_ui.py   (tests/test_app_structure.py checks it is up to date)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "firstsession" / "app" / "generated"


def uic() -> str:
    found = shutil.which("pyside6-uic") or str(Path(sys.executable).with_name("pyside6-uic"))
    return found


IMPORT_BLOCK = re.compile(r"^from (PySide6\.\w+) import \(?([^)]*?)\)?\n(?=\S|\n)", re.M | re.S)


def drop_unused_imports(code: str) -> str:
    """pyside6-uic imports some 45 Qt names whatever the form uses; each one PySide
    creates on import costs start-up time, so keep only the names the form uses."""

    def keep_used(match: re.Match[str]) -> str:
        module, names = match.group(1), match.group(2)
        body = code[match.end():]
        used = [n for n in re.split(r"[\s,]+", names) if n and re.search(rf"\b{n}\b", body)]
        if not used:
            return ""
        return f"from {module} import {', '.join(used)}\n"

    return IMPORT_BLOCK.sub(keep_used, code)


def compile_form(form: Path) -> str:
    code = subprocess.run(
        [uic(), str(form)], check=True, capture_output=True, text=True, cwd=form.parent
    ).stdout
    return drop_unused_imports(code)


def main() -> int:
    for form in sorted((ROOT / "ui").glob("*.ui")):
        target = OUT / f"ui_{form.stem}.py"
        target.write_text(compile_form(form))
        print(f"{form.relative_to(ROOT)} -> {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
