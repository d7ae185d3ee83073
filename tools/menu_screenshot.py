"""Screenshot of First Session in an applications menu, as the installed package shows it.

Run: python tools/menu_screenshot.py PACKAGE.deb [OUT.png]   (default docs/screenshots/menu.png)
Unpacks the .deb into a scratch folder, points XDG_DATA_DIRS at its usr/share, and shows
jgmenu (Debian's `jgmenu`, a small menu that reads .desktop files and icon themes, here
through its `jgmenu-apps` module) on Xvfb, opened on the category our entry is in; then
takes the screen with `xwd` (Debian's `x11-apps`) and keeps the menu's part. Needs: xvfb,
jgmenu, x11-apps, dpkg-deb, Pillow.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

JGMENU_CONFIG = """\
position_mode = fixed
menu_margin_x = 0
menu_margin_y = 0
menu_width = 420
menu_padding_top = 8
menu_padding_bottom = 8
icon_size = 48
icon_theme = hicolor
font = DejaVu Sans 14
item_height = 60
color_menu_bg = #f6f6f4 100
color_norm_fg = #1e1e1e 100
color_sel_bg = #dde9e7 100
color_sel_fg = #1e1e1e 100
color_menu_border = #9a9a9a 100
"""

SHOW = """\
/usr/lib/jgmenu/jgmenu-apps | jgmenu --simple --config-file="$1/jgmenurc" \
    --checkout=apps-dir-Accessories &
menu=$!
for _ in $(seq 100); do xwininfo -root -tree | grep -q jgmenu && break; sleep 0.1; done
sleep 0.5  # drawn just after its window appears
xwd -root -silent > "$1/screen.xwd"
kill $menu
"""


def xwd_to_image(data: bytes):  # type: ignore[no-untyped-def]
    """A 24/32-bit ZPixmap XWD file (what `xwd` writes for Xvfb's screen) as a Pillow image."""
    from PIL import Image

    header = struct.unpack(">25I", data[:100])
    header_size, width, height = header[0], header[4], header[5]
    bytes_per_line, colours = header[12], header[19]
    start = header_size + colours * 12
    pixels = data[start:start + bytes_per_line * height]
    return Image.frombuffer("RGBX", (width, height), pixels, "raw", "BGRX", bytes_per_line,
                            1).convert("RGB")


def main() -> int:
    deb = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "screenshots" / "menu.png"
    for tool in ("xvfb-run", "jgmenu", "xwd", "xwininfo", "dpkg-deb"):
        if shutil.which(tool) is None:
            raise SystemExit(f"menu_screenshot: {tool} is missing (see the module's docstring)")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        subprocess.run(["dpkg-deb", "-x", str(deb), str(folder / "root")], check=True)
        (folder / "jgmenurc").write_text(JGMENU_CONFIG)
        (folder / "show.sh").write_text(SHOW)
        env = dict(os.environ, HOME=str(folder), XDG_CACHE_HOME=str(folder / "cache"),
                   XDG_DATA_DIRS=f"{folder / 'root/usr/share'}:/usr/share")
        subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 640x480x24", "bash",
                        str(folder / "show.sh"), str(folder)], env=env, check=True)
        image = xwd_to_image((folder / "screen.xwd").read_bytes())
    box = image.point(lambda v: 255 if v else 0).getbbox()  # the menu, on a black screen
    if box is None:
        raise SystemExit("menu_screenshot: the menu did not appear")
    out.parent.mkdir(parents=True, exist_ok=True)
    image.crop(box).save(out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
