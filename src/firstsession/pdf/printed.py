"""What the filled sheet prints, and in which words.

Its fixed wording, every field with the sections that print it, the writing no bundled
font can draw (named in plain words), and the language the sheet is in.

No reportlab here: checking a sheet before an export costs no layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from firstsession import content as content_mod
from firstsession import labels
from firstsession.content import Content
from firstsession.model import Feeling, PromptAnswer, Sheet, Therapist
from firstsession.pdf.errors import Undrawable
from firstsession.pdf.text import clean, shorten

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
THERAPIST = "Therapist"
# Where fields are in the app, as its steps and lists are titled there (app/widgets.py).
BACKGROUND_STEP = "My background"
MY_QUESTIONS = "My questions, in my order"

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


def _about(feeling: Feeling, n: int) -> str:
    """The title of a feeling's details box as the app shows it: About "sad"."""
    word = feeling.word.strip() or f"feeling {n}"
    return labels.ABOUT_FEELING.replace("%1", shorten(word, 40, 1)[0])


def _notes_about(therapist: Therapist, n: int) -> str:
    """The title of a therapist's notes box as the app shows it: Your notes about Tom Reid."""
    name = therapist.name.strip() or labels.UNNAMED_PERSON.replace("%1", str(n))
    return labels.NOTES_ABOUT.replace("%1", shorten(name, 40, 1)[0])


def printed_fields(sheet: Sheet, content: Content) -> list[PrintedField]:
    """Every user text the PDF can print, with the sections that print it, each labelled
    with the words the app shows next to it (the field's label, and the box or list it
    is in when several fields share a label), so a message names what the person sees.

    Page 1 shows a section's answers only when that section is ticked too, so an
    answer's sections are its own section's (only name, pronouns and language are
    page 1's own)."""
    out: list[PrintedField] = []

    def add(sections: Iterable[str], label: str, text: str) -> None:
        out.append(PrintedField(frozenset(sections), label, text))

    summary = ("summary",)
    add(summary, labels.NAME, sheet.about.name)
    add(summary, labels.PRONOUNS, sheet.about.pronouns)
    add(summary, labels.LANGUAGE, sheet.about.language)
    for i, f in enumerate(sheet.feelings):
        n = i + 1
        about = _about(f, n)
        add(("feelings",), f"{labels.CHOSEN_FEELINGS}: feeling {n}", f.word)
        add(("feelings",), f"{about}: {labels.WHEN_WHERE_QUESTION}", f.when_where)
        add(("feelings",), f"{about}: {labels.BODY_QUESTION}", f.body)
        add(("feelings",), f"{about}: {labels.HELPS_QUESTION}", f.helps)
    for key in ("what_brings_me", "goals", "hoped_change"):
        add(("feelings",), LABELS[key], getattr(sheet, key))
    for a in shared_answers(sheet.culture) + shared_answers(sheet.preferences):
        add(("background",), f"{BACKGROUND_STEP}: {prompt_label(content, a)}", a.answer)
    answered = {qid for t in sheet.therapists for qid, text in t.answers.items() if text.strip()}
    for i, q in enumerate(sheet.questions):
        sections = ["questions"]
        if q.id in answered:
            sections.append("therapists")
        add(sections, f"{MY_QUESTIONS}: question {i + 1}", q.text)
    position = {q.id: i + 1 for i, q in enumerate(sheet.questions)}
    for i, t in enumerate(sheet.therapists):
        who = _notes_about(t, i + 1)
        add(("therapists",), f"{who}: {labels.THERAPIST_NAME}", t.name)
        add(("therapists",), f"{who}: {labels.THERAPIST_CONTACT}", t.contact)
        add(("therapists",), f"{who}: {labels.THERAPIST_NOTES}", t.notes)
        for qid, text in t.answers.items():
            where = f"question {position[qid]}" if qid in position else "another question"
            add(("therapists",), f"{who}: their answer to {where}", text)
    add(("before_the_day",), labels.NERVOUS, sheet.nervous_questions)
    add(("notes",), labels.NOTES_QUESTION, sheet.notes)
    return out


def undrawable(sheet: Sheet, content: Content | None = None) -> list[Undrawable]:
    """Every printed field holding writing no bundled font can draw, with its scripts.

    Only what the PDF would print is checked (the sections chosen, shared answers).
    Everything the bundled faces cover prints (``scripts.missing_scripts``), so this is
    only the truly impossible: e.g. Javanese, Egyptian hieroglyphs, control characters.
    """
    from firstsession import scripts

    c = content or content_mod.load()
    chosen = set(sheet.export.sections)
    found: list[Undrawable] = []
    for f in printed_fields(sheet, c):
        if f.sections & chosen:
            missing = scripts.missing_scripts(clean(f.text))
            if missing:
                found.append(Undrawable(f.label, tuple(missing)))
    return found


# Script names (scripts.script_name) that already say what they are: no "letters" after them.
_PLURAL_ENDINGS = ("characters", "hieroglyphs", "syllabics", "symbols", "marks", "signs",
                   "numerals")


def in_words(script: str) -> str:
    """A script's name as a message says it: "Javanese letters", "Egyptian hieroglyphs",
    "control characters" (a name that is already a plural noun is kept, in lower case
    after its first word)."""
    if script.lower().endswith(_PLURAL_ENDINGS):
        head, _, tail = script.rpartition(" ")
        return f"{head} {tail.lower()}" if head else tail.lower()
    return f"{script} letters"


def example_of(problems: Sequence[Undrawable]) -> str:
    """What printing anyway puts in their place, from the first script found that is
    letters (control characters make a poor example): "[Javanese]"."""
    found = [script for p in problems for script in p.scripts]
    letters = [script for script in found if not script.endswith("characters")]
    return f"[{(letters or found or ['Javanese'])[0]}]"


def describe(problems: Sequence[Undrawable], limit: int = 5, *,
             again: str = "export again") -> str:
    """One plain sentence naming each field (as the app labels it) and the writing in it
    no font here can draw, e.g. ... Javanese letters in "Anything else to remember"; it
    ends "Change it, or <again> to print each script's name in its place, like [Javanese]"
    (the command line says "add --replace-missing")."""
    parts = [
        f"{' and '.join(in_words(x) for x in p.scripts)} in \u201c{p.field}\u201d"
        for p in problems[:limit]
    ]
    if len(problems) > limit:
        parts.append(f"and {len(problems) - limit} more fields")
    return (
        "some of what you wrote uses writing that no font in First Session can print yet: "
        + "; ".join(parts)
        + f". Change it, or {again} to print each script's name in its place, like "
        + example_of(problems) + "."
    )


# How many characters of each field say which language the sheet is in: enough to
# count letters, and bounded so a very long answer costs nothing.
LANGUAGE_SAMPLE = 2_000


def document_language(sheet: Sheet, content: Content) -> str:
    """The sheet's /Lang: its packet's language (``content`` is the packet's view of the
    content for a sheet made from a packet), else the language most of the person's
    printed words are in when the letters say so unambiguously (``scripts.language_of``:
    Hebrew, Thai, Korean, Greek...), else "en" (the fixed wording is English)."""
    from firstsession import scripts
    from firstsession.packet_content import PacketContent

    if isinstance(content, PacketContent) and content.packet.language.strip():
        return content.packet.language

    chosen = set(sheet.export.sections)
    sample = "\n".join(f.text[:LANGUAGE_SAMPLE] for f in printed_fields(sheet, content)
                       if f.sections & chosen)
    return scripts.language_of(sample) or "en"


def word_of(feeling: Feeling) -> str:
    # The file format never has an empty word, but a half-typed one in the app can.
    return feeling.word if feeling.word.strip() else "A feeling"


def fit_text(fit: int | None) -> str:
    return NOT_RATED if fit is None else f"{fit} / 5"
