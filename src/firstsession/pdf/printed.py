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
from firstsession.i18n import N_, _, ngettext
from firstsession.model import Feeling, PromptAnswer, Sheet, Therapist
from firstsession.pdf.errors import Undrawable
from firstsession.pdf.text import clean, shorten

# Fixed wording of the sheet, kept together so it is easy to review and translate: each
# is marked N_ and put into the current language (``_``) where it is printed.
TITLE = N_("First Session preparation sheet")
HEADER = N_("First Session \u2014 preparation sheet")
SUMMARY_TITLE = N_("For my therapist: what I want you to know")
SUMMARY_LEAD = N_("I wrote this before our first session, to help us get started.")
CONTINUED = N_("\u2026 (continued in the full sheet)")
FULL_TITLE = N_("My preparation sheet")
IN_FULL_TITLE = N_("Page 1 in full")
IN_FULL_LEAD = N_("Some answers were too long for page 1. Here they are in full.")
EMPTY = N_("Nothing has been written in this sheet yet.")
NOTHING_CHOSEN = N_("Nothing from the sections chosen for printing goes on this page.")
KEY = N_("(key question)")
NOT_RATED = N_("not rated")
CONTINUED_NAME = N_("{name}, continued")
DONE = N_("Done ({done} of {total})")
LEFT = N_("Still to do ({left})")
ON_PAGE_ONE = N_("Not repeated here, see page 1: {what}.")
THERAPIST = N_("Therapist")
# Where fields are in the app, as its steps and lists are titled there (app/widgets.py).
BACKGROUND_STEP = N_("My background")
MY_QUESTIONS = N_("My questions, in my order")

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
    "feelings": N_("My feelings"),
    "background": N_("My background and culture"),
    "preferences": N_("What I would like in a therapist"),
    "questions": N_("My questions for therapists"),
    "therapists": N_("Therapists I have talked to"),
    "before_the_day": N_("Before the day"),
    "notes": N_("My notes"),
    "summary_feelings": N_("How I have been feeling"),
    "summary_background": N_("What I want you to understand about my background"),
    "summary_questions": N_("My key questions"),
    "compare": N_("Side by side"),
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
    return _(NOT_RATED) if intensity is None else _("{value} / 10").format(value=intensity)


def _about(feeling: Feeling, n: int, content: Content) -> str:
    """The title of a feeling's details box as the app shows it: About "sad"."""
    word = content.feeling_word(feeling).strip() or _("feeling {number}").format(number=n)
    return _(labels.ABOUT_FEELING).replace("%1", shorten(word, 40, 1)[0])


def _notes_about(therapist: Therapist, n: int) -> str:
    """The title of a therapist's notes box as the app shows it: Your notes about Tom Reid."""
    name = therapist.name.strip() or _(labels.UNNAMED_PERSON).replace("%1", str(n))
    return _(labels.NOTES_ABOUT).replace("%1", shorten(name, 40, 1)[0])


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

    def within(where: str, field: str) -> str:
        """A field named inside the box or list that holds it: "About “sad”: What helps"."""
        return _("{where}: {field}").format(where=where, field=field)

    summary = ("summary",)
    add(summary, _(labels.NAME), sheet.about.name)
    add(summary, _(labels.PRONOUNS), sheet.about.pronouns)
    add(summary, _(labels.LANGUAGE), sheet.about.language)
    for i, f in enumerate(sheet.feelings):
        n = i + 1
        about = _about(f, n, content)
        feeling = _("feeling {number}").format(number=n)
        add(("feelings",), within(_(labels.CHOSEN_FEELINGS), feeling), content.feeling_word(f))
        add(("feelings",), within(about, _(labels.WHEN_WHERE_QUESTION)), f.when_where)
        add(("feelings",), within(about, _(labels.BODY_QUESTION)), f.body)
        add(("feelings",), within(about, _(labels.HELPS_QUESTION)), f.helps)
    for key in ("what_brings_me", "goals", "hoped_change"):
        add(("feelings",), _(LABELS[key]), getattr(sheet, key))
    for a in shared_answers(sheet.culture) + shared_answers(sheet.preferences):
        add(("background",), within(_(BACKGROUND_STEP), prompt_label(content, a)), a.answer)
    answered = {qid for t in sheet.therapists for qid, text in t.answers.items() if text.strip()}
    for i, q in enumerate(sheet.questions):
        sections = ["questions"]
        if q.id in answered:
            sections.append("therapists")
        question = _("question {number}").format(number=i + 1)
        add(sections, within(_(MY_QUESTIONS), question), content.question_text(q))
    position = {q.id: i + 1 for i, q in enumerate(sheet.questions)}
    for i, t in enumerate(sheet.therapists):
        who = _notes_about(t, i + 1)
        add(("therapists",), within(who, _(labels.THERAPIST_NAME)), t.name)
        add(("therapists",), within(who, _(labels.THERAPIST_CONTACT)), t.contact)
        add(("therapists",), within(who, _(labels.THERAPIST_NOTES)), t.notes)
        for qid, text in t.answers.items():
            answer = (_("their answer to question {number}").format(number=position[qid])
                      if qid in position else _("their answer to another question"))
            add(("therapists",), within(who, answer), text)
    add(("before_the_day",), _(labels.NERVOUS), sheet.nervous_questions)
    add(("notes",), _(labels.NOTES_QUESTION), sheet.notes)
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
    """A script's name (``scripts.script_name``, already in the current language) as a
    message says it: "Javanese letters" / "letras en javanés", "Egyptian hieroglyphs",
    "control characters" (an English name that is already a plural noun is kept, in lower
    case after its first word)."""
    if script.lower().endswith(_PLURAL_ENDINGS):
        head, _sep, tail = script.rpartition(" ")
        return f"{head} {tail.lower()}" if head else tail.lower()
    if script in {_(name) for name in _NOUN_NAMES}:
        return script
    return _("{script} letters").format(script=script)


# Names in the catalogue that are already plural nouns in any language.
_NOUN_NAMES = (N_("Egyptian hieroglyphs"), N_("Canadian syllabics"), N_("Chinese characters"),
                  N_("Symbols"), N_("Accent marks"), N_("Unknown characters"),
                  N_("Control characters"), N_("Private characters"))


def and_list(items: Sequence[str]) -> str:
    """Items joined as the current language joins a list: "A, B and C" / "A, B y C"
    (CLDR list patterns via babel)."""
    if len(items) <= 1:
        return "".join(items)
    from babel.lists import format_list

    from firstsession.i18n import cldr_locale

    return str(format_list(list(items), locale=cldr_locale()))


def example_of(problems: Sequence[Undrawable]) -> str:
    """What printing anyway puts in their place, from the first script found that is
    letters (control characters make a poor example): "[Javanese]"."""
    found = [script for p in problems for script in p.scripts]
    characters = {_(name) for name in _NOUN_NAMES if name.endswith("characters")}
    letters = [script for script in found if script not in characters]
    fallback = _("Javanese")
    return f"[{(letters or found or [fallback])[0]}]"


def describe(problems: Sequence[Undrawable], limit: int = 5, *,
             again: str | None = None) -> str:
    """One plain sentence naming each field (as the app labels it) and the writing in it
    no font here can draw, e.g. ... Javanese letters in "Anything else to remember"; it
    ends "Change it, or <again> to print each script's name in its place, like [Javanese]"
    (``again`` defaults to "export again"; the command line says "add --replace-missing").
    In the current language, with its own list words ("and", "y")."""
    parts = [
        _("{scripts} in \u201c{field}\u201d").format(
            scripts=and_list([in_words(x) for x in p.scripts]), field=p.field)
        for p in problems[:limit]
    ]
    if len(problems) > limit:
        more = len(problems) - limit
        parts.append(ngettext("and {count} more field", "and {count} more fields", more)
                     .format(count=more))
    return _("some of what you wrote uses writing that no font in First Session can print "
             "yet: {fields}. Change it, or {again} to print each script's name in its "
             "place, like {example}.").format(
        fields="; ".join(parts), again=again or _("export again"),
        example=example_of(problems))


# How many characters of each field say which language the sheet is in: enough to
# count letters, and bounded so a very long answer costs nothing.
LANGUAGE_SAMPLE = 2_000


def document_language(sheet: Sheet, content: Content) -> str:
    """The sheet's /Lang: its packet's language (``content`` is the packet's view of the
    content for a sheet made from a packet), else the language most of the person's
    printed words are in when the letters say so unambiguously (``scripts.language_of``:
    Hebrew, Thai, Korean, Greek...), else the language of the fixed wording
    (``words_language``)."""
    from firstsession import scripts
    from firstsession.packet_content import PacketContent

    chosen = set(sheet.export.sections)
    sample = "\n".join(f.text[:LANGUAGE_SAMPLE] for f in printed_fields(sheet, content)
                       if f.sections & chosen)
    packet = content.packet.language if isinstance(content, PacketContent) else ""
    return scripts.language_of(sample) or words_language(packet)


def words_language(preferred: str = "") -> str:
    """The /Lang of our fixed wording: the language spoken now (``i18n.current``) with the
    region it was asked for ("es-MX"), or ``preferred`` (a packet's "es-AR") when it is
    that language with more detail."""
    from firstsession import i18n

    spoken = i18n.current()
    for tag in (preferred, i18n.babel_locale_name().replace("_", "-")):
        wanted = i18n.normalize(tag)
        if wanted and (wanted == spoken or wanted.startswith(spoken + "-")):
            return wanted
    return spoken


def word_of(feeling: Feeling, content: Content) -> str:
    """The feeling's word as printed: in the language chosen now (own words as typed)."""
    # The file format never has an empty word, but a half-typed one in the app can.
    word = content.feeling_word(feeling)
    return word if word.strip() else _("A feeling")


def fit_text(fit: int | None) -> str:
    return _(NOT_RATED) if fit is None else _("{value} / 5").format(value=fit)
