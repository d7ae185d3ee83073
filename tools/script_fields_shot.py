"""Screenshots of the app's fields holding every script, on a machine whose only fonts are DejaVu's.

Run: python tools/script_fields_shot.py [OUTDIR]          (default OUTDIR: docs/images)
Writes, from a real X11 window under Xvfb with a private fontconfig that lists only
/usr/share/fonts/truetype/dejavu (a bare Debian machine):
- scripts-fields-bare.png: a line edit per sample of tests/script_samples.py, before the
  app's fonts are installed (boxes where DejaVu has no glyphs);
- scripts-fields.png: the same fields once ``app.fonts.install_fonts`` has run;
- scripts-before-the-day.png: the real window on "Before the day", its two fields
  holding the issue's example and lines in Hindi, Korean, Amharic, Bengali, Tamil, Thai
  and emoji, the fonts installed before the window is built, as the app does when the
  saved sheet needs them.
Needs Debian's xvfb (xvfb-run) and the xcb libraries listed in the README; restarts itself
under xvfb-run when there is no display. Nothing of yours is read or written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _reexec_bare_under_xvfb() -> None:
    """Run this script again under xvfb-run, with a DejaVu-only fontconfig and temporary
    data and settings folders (the child knows it by FS_SHOTS_CHILD)."""
    if os.environ.get("FS_SHOTS_CHILD"):
        return
    xvfb = shutil.which("xvfb-run")
    if not xvfb:
        raise SystemExit("script_fields_shot: install xvfb (Debian: apt-get install xvfb)")
    scratch = Path(tempfile.mkdtemp(prefix="firstsession-shot-"))
    conf = scratch / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f"<fontconfig><dir>{DEJAVU}</dir>"
                    f"<cachedir>{scratch / 'cache'}</cachedir></fontconfig>\n", "utf-8")
    env = dict(os.environ, FS_SHOTS_CHILD="1", FONTCONFIG_FILE=str(conf),
               QT_QPA_PLATFORM="xcb", FIRSTSESSION_DATA_DIR=str(scratch / "data"),
               XDG_CONFIG_HOME=str(scratch / "config"), LANG="C.UTF-8", LC_ALL="C.UTF-8")
    cmd = [xvfb, "-a", "-s", "-screen 0 1400x1400x24", sys.executable, *sys.argv]
    try:
        raise SystemExit(subprocess.call(cmd, env=env))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    _reexec_bare_under_xvfb()
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT / "tests"))
    from PySide6.QtWidgets import QApplication, QFormLayout, QLabel, QLineEdit, QWidget
    from script_samples import BY_KEY, ISSUE_EXAMPLE, SAMPLES

    from firstsession import content
    from firstsession.app import fonts
    from firstsession.app.colours import use_look
    from firstsession.app.main import stylesheet
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow
    from firstsession.model import Sheet

    app = QApplication(["firstsession"])
    use_look(app, stylesheet())
    fonts.use_fallback_families(app)  # as main.run does before the window is built

    def settle() -> None:
        for _ in range(30):
            app.processEvents()

    panel = QWidget()
    form = QFormLayout(panel)
    for key, _tag, text, _readback in SAMPLES:
        field = QLineEdit(text)
        field.setMinimumWidth(640)
        form.addRow(QLabel(key.replace("_", " ")), field)
    panel.show()
    settle()
    for name, install in (("scripts-fields-bare.png", False), ("scripts-fields.png", True)):
        if install:
            fonts.install_fonts(app)
            settle()
        panel.adjustSize()
        settle()
        panel.grab().save(str(out / name))
        print(out / name)
    panel.close()

    def lines(*keys: str) -> str:
        return "\n".join(BY_KEY[key][1] for key in keys)

    sheet = Sheet(country="GB",
                  nervous_questions=f"{ISSUE_EXAMPLE}\n" + lines("hindi", "korean", "amharic"),
                  notes=lines("bengali", "tamil", "thai", "emoji"))
    window = MainWindow(Session(sheet, content.load()))
    window.session.autosave_enabled = False
    window.forget_state = True
    window.resize(1000, 1180)
    window.show()
    window.go_to("before")
    settle()
    window.grab().save(str(out / "scripts-before-the-day.png"))
    print(out / "scripts-before-the-day.png")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
