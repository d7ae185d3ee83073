"""Render the app icon's PNG sizes from its SVG with Qt's own SVG renderer.

Run: python tools/render_icons.py   (writes src/firstsession/icons/firstsession-N.png)
The PNGs are committed, so neither the app nor a build needs an SVG renderer; a test
(tests/test_app_icon.py) fails when they no longer match the SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from firstsession.icons import ICON_SIZES, icon_dir  # noqa: E402


def render(size: int) -> bytes:
    """The icon as PNG bytes, ``size`` x ``size`` pixels, rendered from the SVG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(icon_dir() / "firstsession.svg"))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    for size in ICON_SIZES:
        path = icon_dir() / f"firstsession-{size}.png"
        path.write_bytes(render(size))
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
