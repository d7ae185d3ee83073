"""Copy the fonts First Session ships into src/firstsession/fonts/, with their sources and coverage.

Run by a developer when the set of fonts changes; never at run time (nothing downloads). It takes
the packages the fonts come from, fetched by hand beforehand:

    apt-get download fonts-noto-core fonts-wqy-microhei      # Debian 12: 20201225-1, 0.2.0-beta-3.1
    npm pack @expo-google-fonts/noto-emoji                    # 0.4.7: Noto Emoji, monochrome (OFL)
    python tools/vendor_fonts.py fonts-noto-core_*.deb fonts-wqy-microhei_*.deb \
        expo-google-fonts-noto-emoji-*.tgz

It writes, next to the fonts:
- ``SOURCES.txt``: each file, the package and version it came from, its licence and sha256;
- ``coverage.json``: each face's character map as ``[first, last]`` code point ranges, so the
  PDF code picks a face for a character without opening 40 font files (fontTools reads them here).

Licences: the Noto fonts and Noto Emoji are under the SIL Open Font License 1.1 (``OFL.txt``);
WenQuanYi Micro Hei under Apache-2.0 (``LICENSE-Apache-2.0.txt``; Debian's copyright file names
"Apache-2.0 or GPL-3+ with font exception": we take Apache-2.0).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "src" / "firstsession" / "fonts"

# file in fonts/ -> (package, path inside the package)
NOTO_DIR = "usr/share/fonts/truetype/noto"
NOTO = [
    # the scripts
    "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf",
    "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf",
    "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf",
    "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf",
    "NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf",
    "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf",
    "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf",
    "NotoSansSymbols-Regular.ttf", "NotoSansSymbols2-Regular.ttf",
    # beyond the list: more scripts a person might type
    "NotoSansGujarati-Regular.ttf", "NotoSansGurmukhi-Regular.ttf", "NotoSansOriya-Regular.ttf",
    "NotoSansTelugu-Regular.ttf", "NotoSansKannada-Regular.ttf", "NotoSansMalayalam-Regular.ttf",
    "NotoSansSinhala-Regular.ttf", "NotoSansKhmer-Regular.ttf", "NotoSansMyanmar-Regular.ttf",
    "NotoSansLao-Regular.ttf", "NotoSerifTibetan-Regular.ttf", "NotoSansGeorgian-Regular.ttf",
    "NotoSansArmenian-Regular.ttf", "NotoSansSyriac-Regular.ttf", "NotoSansThaana-Regular.ttf",
    "NotoSansNKo-Regular.ttf", "NotoSansCherokee-Regular.ttf",
    "NotoSansCanadianAboriginal-Regular.ttf",
    "NotoSansYi-Regular.ttf", "NotoSansTifinagh-Regular.ttf", "NotoSansMongolian-Regular.ttf",
]
WQY = ("wqy-microhei.ttc", "usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
EMOJI = ("NotoEmoji-Regular.ttf", "package/400Regular/NotoEmoji_400Regular.ttf")
ALREADY = ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
           "NotoSans-BoldItalic.ttf"]


def _extract_deb(deb: Path, into: Path) -> None:
    subprocess.run(["dpkg-deb", "-x", str(deb), str(into)], check=True)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ranges(points: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for cp in sorted(points):
        if out and cp == out[-1][1] + 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def coverage(path: Path) -> list[list[int]]:
    """The face's cmap (face 0 of a collection) as sorted inclusive code point ranges."""
    from fontTools.ttLib import TTCollection, TTFont

    font = TTCollection(str(path)).fonts[0] if path.suffix == ".ttc" else TTFont(str(path))
    return _ranges(list(font.getBestCmap()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("noto_deb", type=Path, help="fonts-noto-core_*.deb")
    ap.add_argument("wqy_deb", type=Path, help="fonts-wqy-microhei_*.deb")
    ap.add_argument("emoji_tgz", type=Path, help="expo-google-fonts-noto-emoji-*.tgz (npm pack)")
    args = ap.parse_args(argv)
    sources: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _extract_deb(args.noto_deb, work / "noto")
        _extract_deb(args.wqy_deb, work / "wqy")
        with tarfile.open(args.emoji_tgz) as tgz:
            tgz.extractall(work / "emoji", filter="data")
        for name in NOTO:
            shutil.copyfile(work / "noto" / NOTO_DIR / name, FONTS / name)
            sources.append(f"{name}\t{args.noto_deb.name}\tOFL-1.1")
        shutil.copyfile(work / "wqy" / WQY[1], FONTS / WQY[0])
        sources.append(f"{WQY[0]}\t{args.wqy_deb.name}\tApache-2.0")
        shutil.copyfile(work / "emoji" / EMOJI[1], FONTS / EMOJI[0])
        sources.append(f"{EMOJI[0]}\t{args.emoji_tgz.name}\tOFL-1.1")
    shutil.copyfile("/usr/share/common-licenses/Apache-2.0", FONTS / "LICENSE-Apache-2.0.txt")
    for name in ALREADY:
        sources.append(
            f"{name}\t(shipped before; same files as fonts-noto-core 20201225-1)\tOFL-1.1")
    lines = ["# file\tfrom\tlicence\tsha256 (written by tools/vendor_fonts.py)"]
    for row in sources:
        name = row.split("\t", 1)[0]
        lines.append(f"{row}\t{_sha256(FONTS / name)}")
    (FONTS / "SOURCES.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    faces = sorted(p.name for p in FONTS.iterdir() if p.suffix in (".ttf", ".ttc"))
    table = {name: coverage(FONTS / name) for name in faces}
    (FONTS / "coverage.json").write_text(
        json.dumps(table, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    size = sum((FONTS / n).stat().st_size for n in faces)
    print(f"{len(faces)} faces, {size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
