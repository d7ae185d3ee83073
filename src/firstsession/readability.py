"""Plain-language checks: a small Flesch–Kincaid grade level, with no dependencies.

The app promises that its explainers read at US grade 8 or below. This module lets the tests
(and writers) check that promise. It is a careful estimate, not a linguist: syllables are counted
with common English spelling rules, which is close enough to compare drafts and to catch long,
dense sentences.

Body text follows the content format in ``docs/CONTENT_FORMAT.md``: paragraphs are separated by a
blank line and a line starting with ``- `` is a bullet point. Use :func:`plain_text` to turn a body
into one line per paragraph or bullet, then :func:`fk_grade` to score it.
"""

from __future__ import annotations

import re

__all__ = ["count_sentences", "count_syllables", "fk_grade", "plain_text", "words"]

_WORD_RE = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['\u2019][A-Za-z\u00C0-\u024F]+)*")
_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")
_SENTENCE_END_RE = re.compile(r"[.!?]+")
_BULLET = "- "

# Suffixes after a silent "e" that do not add a syllable of their own: "safe-ly", "hope-ful".
_SILENT_E_SUFFIXES = ("ly", "ful", "less", "ness", "ment")

# Vowel pairs that are usually said as two syllables, although they form one vowel group:
# "psych-i-a-trist", "e-mo-tion" vs "ra-di-o", "ac-tu-al", "qui-et", "i-de-a", "rac-ism",
# "be-ing", "try-ing".
_SPLIT_PATTERNS = (
    re.compile(r"(?<![ctgs])ia"),
    re.compile(r"(?<![tscxgn])io(?!r)"),
    re.compile(r"(?<![qg])ua"),
    re.compile(r"iu"),
    re.compile(r"iet"),
    re.compile(r"ea$"),
    re.compile(r"[^aeiou]ism$"),
    re.compile(r"[aeiouy]ings?$"),
)


def words(text: str) -> list[str]:
    """Return the words in ``text``: runs of letters, with inner apostrophes kept ("don't")."""
    return _WORD_RE.findall(text)


def count_syllables(word: str) -> int:
    """Estimate the number of syllables in one English word (always at least 1).

    Rules: count groups of vowels (``y`` counts as a vowel); a final silent ``e`` does not count,
    but a consonant followed by ``-le`` does ("ta-ble"); ``-ed`` is silent unless it follows ``t``
    or ``d`` ("asked" vs "want-ed"); ``-es`` is silent after most consonants ("makes" vs
    "chang-es"); a silent ``e`` before ``-ly``, ``-ful``, ``-less``, ``-ness`` or ``-ment`` does not
    count ("safe-ly"); some vowel pairs count twice ("ra-di-o", "be-ing").
    """
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1
    if len(w) <= 3:
        return 1
    count = len(_VOWEL_GROUP_RE.findall(w))

    def consonant(ch: str) -> bool:
        return ch.isalpha() and ch not in "aeiouy"

    if w.endswith("e"):
        if w.endswith("le") and len(w) > 2 and consonant(w[-3]):
            pass  # "table", "gentle": the -le is its own syllable
        elif not w.endswith(("ee", "ie", "oe", "ye", "ue")):
            count -= 1
    elif w.endswith("ed") and consonant(w[-3]) and w[-3] not in "td":
        count -= 1
    elif (
        w.endswith("es")
        and consonant(w[-3])
        and w[-3] not in "sxzcg"
        and not w.endswith(("ches", "shes"))
        and not (w[-3] == "l" and consonant(w[-4]))
    ):
        count -= 1

    for suffix in _SILENT_E_SUFFIXES:
        stem = w[: -len(suffix)]
        if (
            w.endswith(suffix)
            and len(stem) >= 3
            and stem.endswith("e")
            and consonant(stem[-2])
            and not (stem[-2] == "l" and consonant(stem[-3]))
        ):
            count -= 1
            break

    count += sum(len(p.findall(w)) for p in _SPLIT_PATTERNS)
    return max(1, count)


def plain_text(body: str) -> str:
    """Turn a body in the content format into plain text, one paragraph or bullet per line.

    The ``- `` bullet markers are stripped, each bullet keeps its own line, and lines wrapped
    inside one paragraph are joined with spaces. Blank lines between blocks are dropped.
    """
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(" ".join(paragraph))
            paragraph.clear()

    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith(_BULLET) or line == "-":
            flush()
            item = line[1:].strip()
            if item:
                out.append(item)
        else:
            paragraph.append(line)
    flush()
    return "\n".join(out)


def count_sentences(text: str) -> int:
    """Count sentences: pieces ended by ``.``, ``!`` or ``?``, and each line's end.

    Every non-empty line is treated as ending a sentence, because bullet points and headings
    often have no full stop. Pass text through :func:`plain_text` first so that a wrapped
    paragraph is one line. Pieces with no words (such as "...") are not counted.
    """
    total = 0
    for line in text.splitlines():
        for piece in _SENTENCE_END_RE.split(line):
            if words(piece):
                total += 1
    return total


def fk_grade(text: str) -> float:
    """Return the Flesch–Kincaid grade level of ``text`` (0.0 for text with no words).

    Grade = 0.39 × (words per sentence) + 11.8 × (syllables per word) − 15.59.
    Each line end counts as a sentence end (see :func:`count_sentences`).
    """
    ws = words(text)
    if not ws:
        return 0.0
    sentences = max(1, count_sentences(text))
    syllables = sum(count_syllables(w) for w in ws)
    return 0.39 * (len(ws) / sentences) + 11.8 * (syllables / len(ws)) - 15.59
