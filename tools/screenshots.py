"""Screenshots of every step in a real window (X11 under Xvfb): light, dark, 200% text.

Run: python tools/screenshots.py [OUTDIR] [--packet-only] [--steps=ID,...] [--modes=MODE,...]
                                  [--font=FILE.ttf] [--lang=TAG] (default OUTDIR: docs/screenshots)
``--steps`` shoots only those steps (e.g. ``export,feelings``), without the packet shots.
``--modes`` picks from light, dark, large-text (the default three) and small-window (normal
text in a 640x480 window, the smallest window the layout promises; not in the README).
``--font`` loads a font file (its bold next to it, if any) and uses it as the application
font, to see the pages as a machine with that font shows them. The default is the bundled
Noto Sans, so the screenshots come out the same on every machine; ``--font=system`` uses
whatever font the system gives.
``--lang`` speaks that language ("es"; a catalogue under locale/ or the folder named by
FIRSTSESSION_TRANSLATIONS_DIR) instead of English; the files are then named
``NN-step-mode-<lang>.png``.
Also shot, in light mode: the counsellor packet editor filled with the sample packet
(packet-editor.png) and the Welcome step of a sheet opened from it (packet-welcome.png);
``--packet-only`` takes just those two.
Needs Debian's xvfb (xvfb-run) and the xcb libraries listed in the README. If there is
no display, the script restarts itself under xvfb-run. The window shows the sample sheet
from a temporary data folder, so nothing of yours is read or written.

Dark mode: Xvfb has no desktop theme, so the script gives the app a dark system-like
palette, as a dark desktop would; the app has no colours of its own and follows it.
200% text: the application font is doubled, as a person's system setting would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1100, 760


def _reexec_under_xvfb() -> None:
    if os.environ.get("DISPLAY") or os.environ.get("FS_SHOTS_CHILD"):
        return
    xvfb = shutil.which("xvfb-run")
    if not xvfb:
        raise SystemExit("screenshots: install xvfb (Debian: apt-get install xvfb)")
    env = dict(os.environ, FS_SHOTS_CHILD="1")
    cmd = [xvfb, "-a", "-s", "-screen 0 1400x1000x24", sys.executable, *sys.argv]
    raise SystemExit(subprocess.call(cmd, env=env))


def dark_palette():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a",
        QPalette.ColorRole.AlternateBase: "#2a2b2e",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#2f3033",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.Highlight: "#8ab4f8",
        QPalette.ColorRole.HighlightedText: "#202124",
        QPalette.ColorRole.ToolTipBase: "#2a2b2e",
        QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.PlaceholderText: "#a0a4aa",
        QPalette.ColorRole.Mid: "#4a4c50",
        QPalette.ColorRole.Midlight: "#3a3c40",
        QPalette.ColorRole.Light: "#55575b",
        QPalette.ColorRole.Dark: "#101113",
        QPalette.ColorRole.Link: "#8ab4f8",
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7b7f85"))
    return p


def packet_shots(app, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The packet editor with the sample packet, and the Welcome step a client then sees."""
    from firstsession import content
    from firstsession.app.packet_editor import PacketEditor
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow
    from firstsession.model import Sheet
    from firstsession.packet_format import packet_to_dict
    from firstsession.packet_sample import sample_packet

    def settle(rounds: int = 40) -> None:
        for _ in range(rounds):
            app.processEvents()

    editor = PacketEditor(content.load(), sample_packet())
    editor.resize(WIDTH + 100, HEIGHT)
    editor.show()
    settle()
    editor.refresh_preview()
    import time

    deadline = time.monotonic() + 3  # QPdfView draws its pages in the background
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    editor.grab().save(str(out / "packet-editor.png"))
    print(out / "packet-editor.png")
    editor.dirty = False
    editor.close()
    settle()
    window = MainWindow(Session(Sheet(country="US", packet=packet_to_dict(sample_packet())),
                                content.load()))
    window.session.autosave_enabled = False
    window.resize(WIDTH, HEIGHT)
    window.show()
    window.go_to("welcome")
    settle()
    window.grab().save(str(out / "packet-welcome.png"))
    print(out / "packet-welcome.png")
    window.forget_state = True
    window.close()
    window.deleteLater()
    settle()


def use_font_file(app, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Load ``path`` (and the bold file beside it, if any) and make it the app's font,
    at the size the app's font has now."""
    from PySide6.QtGui import QFont, QFontDatabase

    family = ""
    bold = {path.with_name(path.name.replace("Regular", "Bold")),
            path.with_name(f"{path.stem}-Bold{path.suffix}")} - {path}
    for file in (path, *sorted(bold)):
        font_id = QFontDatabase.addApplicationFont(str(file)) if file.is_file() else -1
        if font_id != -1 and not family:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    if not family:
        raise SystemExit(f"screenshots: cannot load the font {path}")
    font = QFont(family)
    font.setPointSizeF(app.font().pointSizeF())
    app.setFont(font)
    print(f"font: {family} {font.pointSizeF()} pt")


def main() -> int:
    _reexec_under_xvfb()
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    options = dict(a[2:].partition("=")[::2] for a in sys.argv[1:] if a.startswith("--"))
    packet_only = "packet-only" in options
    out = Path(args[0]) if args else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    data = tempfile.mkdtemp(prefix="fs-shots-data-")
    os.environ["FIRSTSESSION_DATA_DIR"] = data
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="fs-shots-config-")
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

    from PySide6.QtWidgets import QApplication

    from firstsession import content
    from firstsession.app.colours import use_look
    from firstsession.app.main import stylesheet
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow
    from firstsession.sample import sample_sheet
    from firstsession.steps import STEP_IDS

    app = QApplication(["firstsession"])
    app.setStyle("Fusion")
    lang = options.get("lang") or ""
    if lang:
        from firstsession.app.translator import use_language

        spoken = use_language(lang)
        if spoken != lang:
            raise SystemExit(f"screenshots: no catalogue for {lang!r} (speaking {spoken!r})")
        clear = getattr(content.load, "cache_clear", None)
        if clear is not None:  # one cache for every language: read the content again
            clear()
    font_file = options.get("font") or str(ROOT / "src/firstsession/fonts/NotoSans-Regular.ttf")
    if font_file != "system":
        use_font_file(app, Path(font_file))
    light = app.palette()
    base_font = app.font()
    # mode: (palette, text size as a multiple of the normal one, window size)
    all_modes = {
        "light": (light, 1.0, (WIDTH, HEIGHT)),
        "dark": (dark_palette(), 1.0, (WIDTH, HEIGHT)),
        "large-text": (light, 2.0, (1024, 700)),
        "small-window": (light, 1.0, (640, 480)),
    }
    chosen = options.get("modes") or "light,dark,large-text"
    modes = {name: all_modes[name] for name in chosen.split(",")}
    steps = options["steps"].split(",") if options.get("steps") else list(STEP_IDS)
    for mode, (palette, scale, size) in ({} if packet_only else modes).items():
        font = app.font()
        font.setPointSizeF(base_font.pointSizeF() * scale)
        app.setFont(font)
        use_look(app, stylesheet(), palette)  # as main.run does with the desktop's palette
        window = MainWindow(Session(sample_sheet(), content.load()))
        window.session.autosave_enabled = False
        window.resize(*size)
        window.show()
        for step in steps:
            window.go_to(step)
            for _ in range(40):  # let layouts settle and the PDF preview render
                app.processEvents()
            if step == "export":
                page = window.page("export")
                wait = getattr(page, "wait_for_preview", None)
                if callable(wait):
                    if not wait(15000):
                        print("the preview was not shown in time", file=sys.stderr)
                for _ in range(150):  # QtPdf draws its page images on a thread of its own
                    app.processEvents()
                    time.sleep(0.02)
            shot = window.screen().grabWindow(window.winId())
            suffix = f"-{lang}" if lang else ""
            name = out / f"{STEP_IDS.index(step) + 1:02d}-{step}-{mode}{suffix}.png"
            shot.save(str(name))
            print(name.relative_to(ROOT) if name.is_relative_to(ROOT) else name)
        window.forget_state = True
        window.close()
        window.deleteLater()
        app.processEvents()
    app.setFont(base_font)
    use_look(app, stylesheet(), light)
    if "steps" not in options:
        packet_shots(app, out)
    shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
