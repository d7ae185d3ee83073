"""The app's icon: drawn once as SVG, its PNGs in step with it, on every window however the
app is started, and in the About box."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import AnswerDialogs

from firstsession.icons import ICON_SIZES, icon_dir, png

ROOT = Path(__file__).resolve().parents[1]

# Starts the app's smoke test the way ``how`` names, keeping the QApplication alive (it is
# made first, so the app reuses it), and prints what the desktop is told about the app.
WINDOW_ICON_PROBE = """
import importlib.metadata, json, runpy, sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(["firstsession"])
how = sys.argv[1]
sys.argv = ["firstsession", "--smoke-test"]
try:
    if how == "python -m firstsession":
        runpy.run_module("firstsession", run_name="__main__", alter_sys=True)
    else:  # the `firstsession` command: the console script's own entry point
        (script,) = importlib.metadata.entry_points(group="console_scripts", name="firstsession")
        sys.exit(script.load()())
except SystemExit as done:
    status = done.code
windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]
print(json.dumps({
    "status": status,
    "app_sizes": [s.width() for s in app.windowIcon().availableSizes()],
    "window_sizes": [s.width() for w in windows for s in w.windowIcon().availableSizes()],
    "desktop_file": app.desktopFileName(),
}))
"""


def _render_icons_tool() -> Any:
    spec = importlib.util.spec_from_file_location("render_icons", ROOT / "tools/render_icons.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_icon_png_is_the_svg_rendered_at_its_size(qapp: object) -> None:
    """Each committed PNG is square at its size and matches the SVG rendered now (so an
    edited SVG without `python tools/render_icons.py` fails here)."""
    from PySide6.QtGui import QImage

    render = _render_icons_tool().render
    for size in ICON_SIZES:
        committed = QImage(str(png(size)))
        assert (committed.width(), committed.height()) == (size, size)
        fresh = QImage.fromData(render(size))
        committed = committed.convertToFormat(QImage.Format.Format_ARGB32)
        fresh = fresh.convertToFormat(QImage.Format.Format_ARGB32)
        step = max(1, size // 64)  # every pixel up to 64 px, a grid of 64 x 64 above
        worst = max(
            abs(a - b)
            for y in range(0, size, step)
            for x in range(0, size, step)
            for a, b in zip(committed.pixelColor(x, y).getRgb(), fresh.pixelColor(x, y).getRgb(),
                            strict=True)
        )
        assert worst <= 8, f"{png(size).name} differs from the SVG: run tools/render_icons.py"


def test_the_icon_reads_at_16_pixels(qapp: object) -> None:
    """At 16 px the white bubble stands out from the tile by WCAG contrast 4.5:1 or more."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(png(16)))

    def luminance(colour: QColor) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
                + 0.0722 * channel(colour.blueF()))

    tile = luminance(image.pixelColor(8, 14))  # the teal tile's lower edge
    bubble = luminance(image.pixelColor(6, 6))  # inside the white bubble
    assert (max(tile, bubble) + 0.05) / (min(tile, bubble) + 0.05) >= 4.5
    assert (icon_dir() / "firstsession.svg").read_text(encoding="utf-8").startswith("<?xml")


@pytest.mark.parametrize("how", ["firstsession", "python -m firstsession"])
def test_the_window_has_the_icon_however_the_app_is_started(how: str) -> None:
    """`firstsession` and `python -m firstsession` both give the app and its window the
    icon at every window size, and name the desktop entry (Wayland's taskbar icon)."""
    from firstsession.app.appicon import DESKTOP_FILE_NAME, WINDOW_ICON_SIZES

    result = subprocess.run([sys.executable, "-c", WINDOW_ICON_PROBE, how],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["status"] == 0
    assert sorted(seen["app_sizes"]) == list(WINDOW_ICON_SIZES)
    assert sorted(seen["window_sizes"]) == list(WINDOW_ICON_SIZES)
    assert seen["desktop_file"] == DESKTOP_FILE_NAME


def test_the_icon_is_set_after_the_windows_first_paint(qtbot: Any, qapp: Any) -> None:
    """The window shows first; the icon (about 10 ms of files) follows from the event loop."""
    from PySide6.QtGui import QIcon

    from firstsession import content
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow
    from firstsession.model import Sheet

    qapp.setWindowIcon(QIcon())
    window = MainWindow(Session(Sheet(), content.load()))
    window.session.autosave_enabled = False
    qtbot.addWidget(window)
    assert qapp.windowIcon().isNull()
    window.show()
    qtbot.waitUntil(lambda: not qapp.windowIcon().isNull())
    assert not window.windowIcon().isNull()


def test_the_about_box_shows_the_app_icon(qtbot: Any, qapp: Any) -> None:
    """Help > About shows the app's own icon, not Qt's "information" sign."""
    from PySide6.QtWidgets import QMessageBox

    from firstsession import content
    from firstsession.app import helpmenu
    from firstsession.app.appicon import use_app_icon
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow
    from firstsession.model import Sheet

    use_app_icon(qapp)
    window = MainWindow(Session(Sheet(), content.load()))
    window.session.autosave_enabled = False
    qtbot.addWidget(window)
    window.show()
    shown: list[Any] = []

    def answer(box: QMessageBox) -> None:
        shown.append(box.iconPixmap().toImage())
        box.accept()

    boxes = AnswerDialogs(QMessageBox, answer)
    helpmenu.show_about(window)
    boxes.assert_answered()
    (image,) = shown
    expected = qapp.windowIcon().pixmap(image.width(), image.height()).toImage()
    assert image.width() >= 48
    assert image.convertToFormat(expected.format()) == expected
