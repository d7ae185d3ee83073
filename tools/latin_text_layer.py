"""Check that the Latin outputs' text layer is the same as in another checkout (main by default).

Renders, in a separate process per tree, the sample sheet, the blank handout, the sample
packet's handout, a batch of two copies and a fillable handout, and compares the text
pypdf extracts from every page. The text route for Latin (``pdf/rich.py``) must give
exactly what it gave before the script engine.

Usage: python tools/latin_text_layer.py [--baseline SRC]
(default baseline: ``git archive main src templates`` unpacked into a temporary folder).
Prints one line per output and exits 1 when any differs.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DUMP = """
import io, json, sys
from pypdf import PdfReader
from firstsession import pdf
from firstsession.sample import sample_sheet
from firstsession.packet_sample import sample_packet

def text(data):
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]

packet = sample_packet()
print(json.dumps({
    "sample sheet": text(pdf.render_sheet(sample_sheet(), paper="A4")),
    "blank handout": text(pdf.render_blank(paper="A4", country="GB")),
    "packet handout": text(pdf.render_blank(paper="A4", country="US", packet=packet)),
    "batch": text(pdf.render_blank_copies(["Sam Rivera", "Zo\\u00eb \\u00c5ngstr\\u00f6m"],
                                         paper="A4", country="US", packet=packet)),
    "fillable": text(pdf.render_blank(paper="Letter", country="US", fillable=True,
                                      client_name="Ann Lee")),
}))
"""


def dump(src: Path) -> dict[str, list[str]]:
    """Every output's page texts, rendered with the package in ``src``."""
    out = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(src)!r})\n"
                          + DUMP], check=True, capture_output=True, text=True)
    result: dict[str, list[str]] = json.loads(out.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="another checkout's src folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        baseline = args.baseline
        if baseline is None:
            command = ["git", "-C", str(ROOT), "archive", "main", "src", "templates"]
            archive = subprocess.run(command, check=True, capture_output=True).stdout
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(tmp, filter="data")
            baseline = Path(tmp) / "src"
        before, after = dump(baseline), dump(ROOT / "src")
    same = True
    for name, pages in before.items():
        equal = after.get(name) == pages
        same = same and equal
        print(f"{name}: {len(pages)} pages, text layer {'the same' if equal else 'DIFFERENT'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
