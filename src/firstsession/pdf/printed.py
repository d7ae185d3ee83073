"""What the filled sheet prints, and in which words.

Its fixed wording, every field with the sections that print it, and the characters
the font cannot draw.

No reportlab here: checking a sheet before an export costs no layout.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from firstsession import content as content_mod
from firstsession import labels
from firstsession.content import Content
from firstsession.model import Feeling, PromptAnswer, Sheet
from firstsession.pdf.errors import Undrawable
from firstsession.pdf.text import code_of, missing_chars

# Fixed wording of the sheet, kept together so it is easy to review and translate.
TITLE = "First Session preparation sheet"
HEADER = "First Session \u2014 preparation sheet"
SUMMARY_TITLE = "For my therapist: what I want you to know"
SUMMARY_LEAD = "I wrote this before our first session, to help us get started."
CONTINUED = "\u2026 (continued in the full sheet)"
FULL_TITLE = "My preparation sheet"
IN_FULL_TITLE = "Page 1 in full"
IN_FULL_LEAD = "Some answers were too long for page 1. Here they are in full."
EMPTY = "Nothing has been written in this sheet yet."
NOTHING_CHOSEN = "Nothing from the sections chosen for printing goes on this page."
KEY = "(key question)"
NOT_RATED = "not rated"
CONTINUED_NAME = "{name}, continued"
DONE = "Done ({done} of {total})"
LEFT = "Still to do ({left})"
ON_PAGE_ONE = "Not repeated here, see page 1: {what}."

LABELS = {
    "name": labels.NAME,
    "pronouns": labels.PRONOUNS,
    "language": labels.LANGUAGE,
    "what_brings_me": labels.WHAT_BRINGS_ME,
    "goals": labels.GOALS,
    "hoped_change": labels.HOPED_CHANGE,
    "nervous": labels.NERVOUS,
    "notes": labels.NOTES,
    "when_where": labels.WHEN_WHERE,
    "body": labels.BODY,
    "helps": labels.HELPS,
}

HEADINGS = {
    "feelings": "My feelings",
    "background": "My background and culture",
    "preferences": "What I would like in a therapist",
    "questions": "My questions for therapists",
    "therapists": "Therapists I have talked to",
    "before_the_day": "Before the day",
    "notes": "My notes",
    "summary_feelings": "How I have been feeling",
    "summary_background": "What I want you to understand about my background",
    "summary_questions": "My key questions",
    "compare": "Side by side",
}


@dataclass(frozen=True)
class PrintedField:
    """One piece of user text, the sections that print it, and a label for messages."""

    sections: frozenset[str]
    label: str
    text: str


def prompt_label(content: Content, answer: PromptAnswer) -> str:
    """The prompt's text: the content's, else the one kept with an earlier answer
    (sheet_merge.adopt_packet), else the prompt id."""
    prompt = content.culture_prompt(answer.prompt_id)
    return prompt.label if prompt else (answer.label or answer.prompt_id)


def asked(content: Content, answer: PromptAnswer) -> bool:
    """True when the sheet's content still asks the prompt; an earlier answer to a prompt
    a packet dropped is printed in the background section only, never on page 1."""
    return content.culture_prompt(answer.prompt_id) is not None


def shared_answers(answers: Iterable[PromptAnswer]) -> list[PromptAnswer]:
    return [a for a in answers if a.share and a.answer.strip()]


def intensity_text(intensity: int | None) -> str:
    return NOT_RATED if intensity is None else f"{intensity} / 10"


def printed_fields(sheet: Sheet, content: Content) -> list[PrintedField]:
    """Every user text the PDF can print, with the sections that print it.

    Page 1 shows a section's answers only when that section is ticked too, so an
    answer's sections are its own section's (only name, pronouns and language are
    page 1's own)."""
    out: list[PrintedField] = []

    def add(sections: Iterable[str], label: str, text: str) -> None:
        out.append(PrintedField(frozenset(sections), label, text))

    summary = ("summary",)
    add(summary, LABELS["name"], sheet.about.name)
    add(summary, LABELS["pronouns"], sheet.about.pronouns)
    add(summary, LABELS["language"], sheet.about.language)
    for i, f in enumerate(sheet.feelings):
        n = i + 1
        add(("feelings",), f"Feeling {n}: word", f.word)
        add(("feelings",), f"Feeling {n}: {LABELS['when_where'].lower()}", f.when_where)
        add(("feelings",), f"Feeling {n}: {LABELS['body'].lower()}", f.body)
        add(("feelings",), f"Feeling {n}: {LABELS['helps'].lower()}", f.helps)
    for key in ("what_brings_me", "goals", "hoped_change"):
        add(("feelings",), LABELS[key], getattr(sheet, key))
    for a in shared_answers(sheet.culture):
        add(
            ("background",),
            f"Background: {prompt_label(content, a)}",
            a.answer,
        )
    for a in shared_answers(sheet.preferences):
        add(("background",), f"Preference: {prompt_label(content, a)}", a.answer)
    answered = {qid for t in sheet.therapists for qid, text in t.answers.items() if text.strip()}
    for i, q in enumerate(sheet.questions):
        sections = ["questions"]
        if q.id in answered:
            sections.append("therapists")
        add(sections, f"Question {i + 1}", q.text)
    position = {q.id: i + 1 for i, q in enumerate(sheet.questions)}
    for i, t in enumerate(sheet.therapists):
        who = f"Therapist {i + 1}"
        add(("therapists",), f"{who}: name", t.name)
        add(("therapists",), f"{who}: {labels.THERAPIST_CONTACT.lower()}", t.contact)
        add(("therapists",), f"{who}: {labels.THERAPIST_NOTES.lower()}", t.notes)
        for qid, text in t.answers.items():
            where = f"question {position[qid]}" if qid in position else "another question"
            add(("therapists",), f"{who}: answer to {where}", text)
    add(("before_the_day",), LABELS["nervous"], sheet.nervous_questions)
    add(("notes",), LABELS["notes"], sheet.notes)
    return out


def undrawable(sheet: Sheet, content: Content | None = None) -> list[Undrawable]:
    c = content or content_mod.load()
    chosen = set(sheet.export.sections)
    found: list[Undrawable] = []
    for f in printed_fields(sheet, c):
        if f.sections & chosen:
            chars = missing_chars(f.text)
            if chars:
                found.append(Undrawable(f.label, chars))
    return found


def describe(problems: list[Undrawable], limit: int = 5) -> str:
    """One plain message naming the fields and characters, e.g. Notes: "😀" (U+1F600)."""

    def show(ch: str) -> str:
        printable = ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF
        return f'"{ch}" ({code_of(ch)})' if printable else f"({code_of(ch)})"

    parts = []
    for p in problems[:limit]:
        chars = [show(ch) for ch in p.chars[:8]]
        more = ", \u2026" if len(p.chars) > 8 else ""
        parts.append(f"{p.field}: {', '.join(chars)}{more}")
    if len(problems) > limit:
        parts.append(f"and {len(problems) - limit} more fields")
    return (
        "some characters cannot be shown in the PDF's font: "
        + "; ".join(parts)
        + ". Change or remove them, or export again showing them as codes like [U+1F600]."
    )


def word_of(feeling: Feeling) -> str:
    # The file format never has an empty word, but a half-typed one in the app can.
    return feeling.word if feeling.word.strip() else "A feeling"


def fit_text(fit: int | None) -> str:
    return NOT_RATED if fit is None else f"{fit} / 5"
