"""Plain text made safe for reportlab: escaping, paragraphs, pieces, shortening.

- ``markup``: the only way text (user or content) becomes Paragraph markup. It is
  escaped first, so ``<img src=...>``, ``&`` or ``{{ }}`` are shown as typed.
  ``pdf/rich.py`` uses it for simple text only (see there).
- ``chunks``: long text cut into pieces reportlab lays out quickly.

No reportlab here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

from firstsession import scripts
from firstsession.content import CrisisCountry
from firstsession.i18n import format_date


def clean(text: str) -> str:
    """Windows and old-Mac line ends become plain newlines (they are line breaks, not marks)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def printable(text: str) -> str:
    """``text`` as it is printed: line ends made plain (``clean``), composed (NFC: macOS
    types "Nguyễn" and Korean decomposed), then each run of clusters no bundled face can
    draw replaced by its script's name in brackets ("[Javanese]", ``scripts.replace_missing``).

    The one route from a person's text to paper (``rich`` and ``scripttext`` both use it).
    The person's text is never changed in storage: this is only what goes on paper.
    """
    text = clean(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return scripts.replace_missing(text)


def escape(text: str) -> str:
    """Markup characters as entities: the same as ``xml.sax.saxutils.escape``.

    Written out because importing saxutils also imports urllib.request, http.client,
    email and ssl: about 25 ms of every export's start-up. tests/test_pdf.py checks
    that the two agree.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str) -> str:
    """Plain text -> safe Paragraph markup: escaped, newlines as <br/>.

    Only for text ``scripts.is_simple`` says Noto Sans draws as it is: ``pdf/rich.py``
    decides, and sends every other text to the engine's ScriptText instead.
    """
    return escape(clean(text)).replace("\t", " ").replace("\n", "<br/>")


_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
PIECE_LINES = 30
PIECE_CHARS = 2500


# The end of a sentence: its mark, any closing quotes or brackets, then a space.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(?= )")


def _cut_line(line: str) -> list[str]:
    """One line (no newline) in segments of at most PIECE_CHARS, cut where a reader
    would not mind a new line: after a sentence, else at a space, else (one endless
    word) anywhere. Each window is searched once, so this is linear in the line."""
    segments: list[str] = []
    while len(line) > PIECE_CHARS:
        half = PIECE_CHARS // 2
        ends = [m.end() for m in _SENTENCE_END.finditer(line, half, PIECE_CHARS)]
        cut = ends[-1] if ends else line.rfind(" ", half, PIECE_CHARS)
        if cut <= 0:
            cut = PIECE_CHARS
        segments.append(line[:cut].rstrip(" "))
        line = line[cut:].lstrip(" ")
    segments.append(line)
    return segments


def pieces(part: str) -> list[tuple[str, bool]]:
    """Cut one paragraph into pieces of at most PIECE_LINES lines and PIECE_CHARS,
    each with True when it continues the previous piece's last line.

    reportlab re-wraps the whole rest of a paragraph each time it splits it at a
    page end, so a 50,000-character answer as one Paragraph takes minutes; as
    pieces laid out without gaps it takes a second. Most pieces end where a line
    ends anyway (at the person's own line breaks); a single line longer than a
    piece is cut (after a sentence when there is one), and ``paras`` lays out such
    pieces as one line of text: the words of a cut piece's last, part-filled line
    move to the next piece once the width is known (see ``_Chain``).
    """
    pieces: list[tuple[str, bool]] = []
    lines: list[str] = []  # the current piece's lines
    size = 0
    continues = False  # whether the current piece continues the previous one's line

    def flush(next_continues: bool) -> None:
        nonlocal size, continues
        if lines:
            pieces.append(("\n".join(lines), continues))
            lines.clear()
            size = 0
            continues = next_continues

    for line in part.split("\n"):
        for n, segment in enumerate(_cut_line(line)):
            full = len(lines) >= PIECE_LINES or size + len(segment) + 1 > PIECE_CHARS
            if n > 0 or full:  # a line cut in two continues in a new piece
                flush(n > 0)
            lines.append(segment)
            size += len(segment) + 1
    flush(False)
    return pieces


def paragraphs(text: str) -> list[str]:
    """``text``'s paragraphs: split at blank lines, empty ones left out."""
    parts = _BLANK_LINES.split(clean(text).strip("\n"))
    return [part for part in parts if part.strip()]


def chunks(text: str) -> list[list[tuple[str, bool]]]:
    """Paragraphs (``paragraphs``), each as the pieces to lay it out in (see ``pieces``)."""
    return [pieces(part) for part in paragraphs(text)]


def shorten(text: str, max_chars: int, max_lines: int) -> tuple[str, bool]:
    """Cut ``text`` to fit a small space, at a word boundary when there is one nearby,
    else between clusters (a letter keeps its marks, an emoji sequence stays whole).

    Returns the (possibly) shortened text and whether anything was cut.
    """
    text = clean(text).strip()
    lines = text.split("\n")
    cut = False
    if len(lines) > max_lines:
        text = "\n".join(lines[:max_lines])
        cut = True
    if len(text) > max_chars:
        head = text[:max_chars]
        space = max(head.rfind(" "), head.rfind("\n"))
        if space > max_chars * 0.6:
            head = head[:space]
        else:
            head = text[:_cluster_start(text, max_chars)]
        text = head
        cut = True
    return text.rstrip(), cut


# How far back a cut looks for the start of a cluster: longer than any real one.
_CLUSTER_WINDOW = 32


def _cluster_start(text: str, cut: int) -> int:
    """``cut`` (an index into ``text``) moved back to the start of the cluster it falls in
    (``scripts.clusters``); ``cut`` itself when no start is found near it."""
    from firstsession import scripts

    start = max(0, cut - _CLUSTER_WINDOW)
    pos = start
    for cluster in scripts.clusters(text[start:cut + _CLUSTER_WINDOW]):
        if pos + len(cluster) > cut:
            break
        pos += len(cluster)
    return pos if pos > start else cut


def long_date(day: dt.date) -> str:
    """A date written out as the current language writes it (CLDR's long form via
    ``i18n.format_date``): "April 3, 2024", "3 April 2024" (en-GB), "3 de abril de 2024"."""
    # Written out in full: "3/4/2024" means different days in different countries.
    return format_date(day, "long")


def crisis_footer(countries: Sequence[CrisisCountry], today: dt.date | None = None) -> str:
    """The footer's crisis text: one country's line, or one labelled line per country (a
    packet's and the client's own), each with a note when its numbers are old."""
    from firstsession.crisis import shown_text

    return shown_text(countries, today)
