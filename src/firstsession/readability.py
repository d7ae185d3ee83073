"""Plain-language checks: Flesch–Kincaid for English, Fernández-Huerta for Spanish, no dependencies.

The app promises that its explainers read at US grade 8 or below, and that the Spanish ones
score at least 70 on Fernández-Huerta's scale ("algo fácil" or easier). This module lets the
tests (and writers) check those promises. It is a careful estimate, not a linguist: syllables are
counted with common spelling rules, which is close enough to compare drafts and to catch long,
dense sentences.

Body text follows the content format in ``docs/CONTENT_FORMAT.md``: paragraphs are separated by a
blank line and a line starting with ``- `` is a bullet point. Use :func:`plain_text` to turn a body
into one line per paragraph or bullet, then :func:`fk_grade` to score it.
"""

from __future__ import annotations

import re

__all__ = [
    "count_sentences",
    "count_syllables",
    "count_syllables_es",
    "fernandez_huerta",
    "fk_grade",
    "plain_text",
    "words",
]

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


# -- Spanish -------------------------------------------------------------------------

# Strong (open) vowels make a syllable of their own next to another strong vowel (hiatus:
# "po-e-ta", "le-er"). Weak (closed) vowels join a neighbour into one syllable (diphthong:
# "tie-rra", "ciu-dad"), unless they carry the written accent (hiatus again: "dí-a", "ba-úl").
_ES_STRONG = frozenset("aeoáéó")
_ES_WEAK = frozenset("iuüy")
_ES_ACCENTED_WEAK = frozenset("íú")
_ES_VOWELS = _ES_STRONG | _ES_WEAK | _ES_ACCENTED_WEAK
# The "u" of "que", "qui", "gue", "gui" is not said ("que-so", "gui-so"); "gü" is ("pin-güi-no").
_ES_SILENT_U_RE = re.compile(r"(?<=q)u|(?<=g)u(?=[eéií])")
# "y" is a vowel when no vowel follows it ("muy", "hoy", "y"); before a vowel it is a consonant
# ("ma-yo", "re-yes").
_ES_CONSONANT_Y_RE = re.compile(r"y(?=[aeiouáéíóúü])")


def count_syllables_es(word: str) -> int:
    """Count the syllables of one Spanish word by the spelling rules (always at least 1).

    Groups of vowels are split into syllables by the spelling rules for diphthongs and hiatus
    in the Real Academia Española's *Ortografía de la lengua española* (2010): two strong
    vowels (a, e, o) are two syllables ("ca-os"); a weak vowel (i, u, ü, final y) joins its
    neighbour into one ("cuer-po", "muy", "buey"); a weak vowel with a written accent stands
    alone ("dí-a", "re-ír", "ba-úl"). The silent "u" of "qu" and of "gu" before e or i is not
    a vowel ("quien" has one syllable). "h" between vowels does not join them ("a-ho-ra").
    Letters outside Spanish spelling are ignored; a word with no vowel at all (an acronym such
    as "TCC") counts as 1.
    """
    w = _ES_CONSONANT_Y_RE.sub("j", _ES_SILENT_U_RE.sub("", word.lower()))
    count = 0
    previous = ""
    for ch in w:
        if ch not in _ES_VOWELS:
            previous = ""
            continue
        if not previous or _es_hiatus(previous, ch):
            count += 1
        previous = ch
    return max(1, count)


def _es_hiatus(previous: str, vowel: str) -> bool:
    """Whether ``vowel``, right after the vowel ``previous``, starts a new syllable."""
    if previous in _ES_STRONG and vowel in _ES_STRONG:
        return True
    if previous in _ES_ACCENTED_WEAK or vowel in _ES_ACCENTED_WEAK:
        return True
    return previous == vowel  # "chi-i-ta", "du-un-vi-ro": the same weak vowel twice


def fernandez_huerta(text: str) -> float:
    """Return the Fernández-Huerta readability score of Spanish ``text`` (higher is easier).

    Source: Fernández Huerta, J. (1959), "Medidas sencillas de lecturabilidad", *Consigna*
    214, an adaptation of Flesch's Reading Ease (Flesch 1948) to Spanish. It is
    usually printed as L = 206.84 - 0.60 P - 1.02 F, with P the syllables and F the
    *sentences* per 100 words; read that way, shorter sentences would lower the score, the
    opposite of Flesch's formula it adapts. This function uses the common corrected form
    (Law, G. (2011), "Error in the Fernandez Huerta Readability Formula", LINGUIST List
    22.2332), which matches Flesch term for term:

        L = 206.84 - 0.60 P - 1.02 F

    with P = syllables per 100 words (:func:`count_syllables_es`) and F = words per sentence
    (each line end also ends a sentence, see :func:`count_sentences`). On the usual scale,
    90-100 is very easy, 80-90 easy, 70-80 fairly easy (about grade 6), 60-70 normal for
    adults.

    Raises ``ValueError`` for text with no words, which has no score.
    """
    ws = words(text)
    if not ws:
        raise ValueError("text with no words has no Fernández-Huerta score")
    sentences = max(1, count_sentences(text))
    syllables_per_100_words = 100 * sum(count_syllables_es(w) for w in ws) / len(ws)
    words_per_sentence = len(ws) / sentences
    return 206.84 - 0.60 * syllables_per_100_words - 1.02 * words_per_sentence
