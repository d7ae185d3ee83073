"""A sheet holding every script sample, built with the engine's flowable: the whole-process bench.

Each sample of tests/script_samples.py three times (as a heading-like bold label with
its text, as a plain paragraph, and in a two-sample mixed line), on A4 pages, through
``pdf.rich.block`` (the route every PDF text takes): the bench for "a sheet holding all the scripts
exports in under 3 s" until the outputs branch routes the real sheet through it.

Usage: python bench/script_sheet.py OUT.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def main() -> int:
    from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
    from reportlab.platypus import SimpleDocTemplate  # type: ignore[import-untyped]
    from script_samples import SAMPLES  # type: ignore[import-not-found]

    from firstsession.pdf import fonts
    from firstsession.pdf.rich import block

    fonts.register()
    body = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=11, leading=15,
                          spaceAfter=4)
    story = []
    texts = [text for _key, _tag, text, _readback in SAMPLES]
    for n, (key, _tag, text, _readback) in enumerate(SAMPLES):
        story.append(block([(f"{key}: ", "b"), (text, "")], body))
        story.append(block(text, body))
        story.append(block(f"{text} / {texts[(n + 1) % len(texts)]}", body))
    SimpleDocTemplate(sys.argv[1]).build(story)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
