"""The filled preparation sheet as a PDF.

Page 1 is a one-page summary for the therapist; the sections the person chose
follow in the order of ``model.SECTIONS``. Only answers marked to share are
printed. Text cut short on page 1 always appears in full later: in its own
section, or (when that section is left out) under "Page 1 in full".

What is printed is what the person meant: items keep the person's order, every
answer has its label, a rating they never set says "not rated" (no number, no
bar), nothing about other people (the therapists they compared) is on page 1,
and no heading is printed without something under it.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    KeepInFrame,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from firstsession import content as content_mod
from firstsession.content import Content
from firstsession.model import (
    SECTIONS,
    ChosenQuestion,
    Feeling,
    PromptAnswer,
    Sheet,
    Therapist,
)
from firstsession.packet_content import PacketContent, content_for_sheet
from firstsession.pdf import PdfError, Undrawable
from firstsession.pdf.common import (
    ACCENT_HEX,
    ACCENT_SOFT,
    RULE,
    Furniture,
    GroupMark,
    Indented,
    Marked,
    Meter,
    build_pdf,
    code_of,
    crisis_country,
    crisis_footer,
    geometry,
    markup,
    missing_chars,
    para,
    paras,
    resolve_paper,
    shorten,
    styles,
)
from firstsession.pdf.practice import practice_header

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
    "name": "Name I go by",
    "pronouns": "Pronouns",
    "language": "Language I prefer",
    "what_brings_me": "What brings me",
    "goals": "What I hope for",
    "hoped_change": "What I hope will change",
    "nervous": "Questions I\u2019m nervous to ask",
    "notes": "Notes",
    "when_where": "When and where",
    "body": "In my body",
    "helps": "What helps",
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

TOP_FEELINGS = 5
# Page 1 starts generous and is shortened step by step until it fits: first the
# tallest answers down to 3 lines, then lists down to 3 items, then 2 and 2, then 1.
# Short answers stay whole for as long as possible.
START_LINES = 10
START_ITEMS = 8
FLOORS: tuple[int, ...] = (3, 2, 1)
MAX_GROW_TRIES = 40  # a bound on page-1 layouts while giving lines back
CHARS_PER_LINE = 85  # about one line of 11 pt text across the page


# -- what gets printed ----------------------------------------------------------------


@dataclass(frozen=True)
class PrintedField:
    """One piece of user text, the sections that print it, and a label for messages."""

    sections: frozenset[str]
    label: str
    text: str


def _prompt_label(content: Content, answer: PromptAnswer) -> str:
    """The prompt's text: the content's, else the one kept with an earlier answer
    (sheet_merge.adopt_packet), else the prompt id."""
    prompt = content.culture_prompt(answer.prompt_id)
    return prompt.label if prompt else (answer.label or answer.prompt_id)


def _asked(content: Content, answer: PromptAnswer) -> bool:
    """True when the sheet's content still asks the prompt; an earlier answer to a prompt
    a packet dropped is printed in the background section only, never on page 1."""
    return content.culture_prompt(answer.prompt_id) is not None


def _shared(answers: Iterable[PromptAnswer]) -> list[PromptAnswer]:
    return [a for a in answers if a.share and a.answer.strip()]


def _top_feelings(sheet: Sheet) -> list[int]:
    """Indexes of the feelings on page 1: the first ones, in the person's own order
    (the app invites putting the most important first)."""
    return list(range(min(len(sheet.feelings), TOP_FEELINGS)))


def _intensity_text(intensity: int | None) -> str:
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
    for a in _shared(sheet.culture):
        add(
            ("background",),
            f"Background: {_prompt_label(content, a)}",
            a.answer,
        )
    for a in _shared(sheet.preferences):
        add(("background",), f"Preference: {_prompt_label(content, a)}", a.answer)
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
        add(("therapists",), f"{who}: contact", t.contact)
        add(("therapists",), f"{who}: notes", t.notes)
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


# -- layout ---------------------------------------------------------------------------


def _labelled(label: str, text: str, style_name: str = "body") -> list[Flowable]:
    """'Label: text' with the label in bold; long text continues as more paragraphs."""
    style = getattr(styles(), style_name)
    return list(paras(text, style, first_markup=f"<b>{markup(label)}:</b> "))


def _word(feeling: Feeling) -> str:
    # The file format never has an empty word, but a half-typed one in the app can.
    return feeling.word if feeling.word.strip() else "A feeling"


def _fit_text(fit: int | None) -> str:
    return NOT_RATED if fit is None else f"{fit} / 5"


def _rated(paragraph: Paragraph, value: int | None, maximum: int) -> Flowable:
    """A line that says a rating in words, with dots only when the person set it."""
    return paragraph if value is None else Meter(paragraph, value, maximum)


@dataclass
class _PageOne:
    """One layout of page 1: the story, what must appear in full elsewhere, the answers."""

    story: list[Flowable]
    in_full: list[tuple[str, str]]
    slots: dict[str, Paragraph]  # shortenable answers by slot name
    cut: set[str]  # slots the plan has cut short
    whole: set[str] = field(default_factory=set)  # answers shown in full (see _Writer.whole)


@dataclass
class _Plan:
    """How much of page 1 to show: line limits per answer, items per list."""

    lines: dict[str, int]
    items: dict[str, int]

    def shorten(self, slots: dict[str, Paragraph], floor: int, over_lines: float) -> bool:
        """Take one step towards fitting, not below ``floor``; False when none is left."""
        # A slot's limit is what it shows now (the "continued" note can add a line).
        limits = {
            slot: min(self.lines.get(slot, START_LINES), max(1, round(p.height / p.style.leading)))
            for slot, p in slots.items()
        }
        tall = [(n, slot) for slot, n in limits.items() if n > floor]
        if tall:
            lines, slot = max(tall)
            # Take off what is over the page, but never more than this answer can give.
            self.lines[slot] = lines - min(lines - floor, max(1, math.ceil(over_lines)))
            return True
        longest = max(self.items, key=lambda k: self.items[k], default="")
        if longest and self.items[longest] > floor:
            self.items[longest] -= 1
            return True
        return False


class _Writer:
    """Builds the story for one sheet."""

    def __init__(self, sheet: Sheet, content: Content, frame: tuple[float, float]) -> None:
        self.sheet = sheet
        self.content = content
        self.frame_width, self.frame_height = frame
        self.s = styles()
        chosen = set(sheet.export.sections)
        self.sections = [sid for sid in SECTIONS if sid in chosen]
        self._made: dict[tuple[object, ...], Flowable] = {}  # page-1 pieces, see _para
        self._heights: dict[int, float] = {}
        # Answers page 1 printed in full ("what_brings_me", "background:<prompt id>",
        # "question:<index>"): the sections after it do not print them again.
        self.whole: set[str] = set()

    # -- page 1 ------------------------------------------------------------------------

    def summary(self) -> tuple[list[Flowable], list[tuple[str, str]]]:
        """Page 1, shortened until it fits; plus what must be shown in full elsewhere.

        Also sets ``self.whole``: the answers page 1 shows in full."""
        ticked = set(self.sections)
        counts = {
            "background": len(self._summary_background()) if "background" in ticked else 0,
            "questions": len(self._starred()) if "questions" in ticked else 0,
        }
        plan = _Plan(lines={}, items={k: min(n, START_ITEMS) for k, n in counts.items()})
        for floor in FLOORS:
            while True:
                page = self._summary_with(plan)
                over = self._height(page.story) - self.frame_height
                if over <= 0:
                    page = self._grow_back(plan, page)
                    self.whole = page.whole
                    return page.story, page.in_full
                if not plan.shorten(page.slots, floor, over / self.s.body.leading):
                    break
        # Still too tall (an extreme number of short lines): shrink rather than overflow.
        box = KeepInFrame(self.frame_width, self.frame_height, page.story, mode="shrink")
        self.whole = page.whole
        return [box], page.in_full

    def _grow_back(self, plan: _Plan, page: _PageOne) -> _PageOne:
        """Give cut answers back a line at a time while the page still fits.

        Shortening takes whole steps (and a shorter list frees a lot at once), so
        the first fit often leaves room that a cut answer can use.
        """
        grown, tries = True, 0
        while grown and tries < MAX_GROW_TRIES:
            grown = False
            for slot in sorted(page.cut):
                tries += 1
                plan.lines[slot] += 1
                bigger = self._summary_with(plan)
                if self._height(bigger.story) <= self.frame_height:
                    page, grown = bigger, True
                else:
                    plan.lines[slot] -= 1
        return page

    def _summary_background(self) -> list[PromptAnswer]:
        """Shared background answers, "what I want you to understand" first."""
        shared = [a for a in _shared(self.sheet.culture) if _asked(self.content, a)]
        return sorted(shared, key=lambda a: a.prompt_id != "understand")

    def _starred(self) -> list[ChosenQuestion]:
        return [q for q in self.sheet.questions if q.starred and q.text.strip()]

    def _height(self, story: list[Flowable]) -> float:
        """The height the frame will use: like reportlab's Frame, a flowable's space
        before overlaps the previous one's space after (only the larger counts)."""
        total = 0.0
        space_after = 0.0
        for i, f in enumerate(story):
            if id(f) not in self._heights:
                self._heights[id(f)] = f.wrap(self.frame_width, self.frame_height)[1]
            before = max(f.getSpaceBefore() - space_after, 0.0) if i else 0.0
            space_after = f.getSpaceAfter()
            total += before + self._heights[id(f)] + space_after
        return total

    def _para(self, text: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
        """A Paragraph of markup, made once: page 1 is laid out several times while fitting."""
        key = (text, style.name, bullet)
        if key not in self._made:
            self._made[key] = Paragraph(text, style, bulletText=bullet)
        return self._made[key]

    def _summary_with(self, plan: _Plan) -> _PageOne:
        """Page 1 under ``plan``; also each shortenable answer's Paragraph, by slot name."""
        s, sheet = self.s, self.sheet
        story: list[Flowable] = [
            self._para(markup(SUMMARY_TITLE), s.title),
            self._para(markup(SUMMARY_LEAD), s.lead),
        ]
        in_full: list[tuple[str, str]] = []
        slots: dict[str, Paragraph] = {}
        cut_slots: set[str] = set()
        whole: set[str] = set()

        def short(
            slot: str, label: str, text: str, home: str | None, most: int, item: str = ""
        ) -> str:
            lines = min(most, plan.lines.get(slot, most))
            cut_text, cut = shorten(text, lines * CHARS_PER_LINE, lines)
            out = markup(cut_text)
            if item and not cut:
                whole.add(item)
            if cut:
                if lines < most:  # cut by the plan, so it may grow back
                    cut_slots.add(slot)
                out += f" <i>{CONTINUED}</i>"
                if home not in self.sections:
                    in_full.append((label, text))
            return out

        def answer(
            slot: str,
            label: str,
            text: str,
            home: str | None,
            style: ParagraphStyle,
            prefix: str = "",
            bullet: str | None = None,
            lines: int = START_LINES,
            item: str = "",
        ) -> None:
            p = self._para(prefix + short(slot, label, text, home, lines, item), style, bullet)
            slots[slot] = p
            story.append(p)

        for key in ("name", "pronouns", "language"):
            value = getattr(sheet.about, key)
            if value.strip():
                label = LABELS[key]
                answer(key, label, value, None, s.item, f"<b>{markup(label)}:</b> ", lines=2)

        # Page 1 shows only what a ticked section holds: an unticked section's answers
        # never reach paper, not even as a line or a "more in the full sheet".
        ticked = set(self.sections)
        top = [sheet.feelings[i] for i in _top_feelings(sheet)] if "feelings" in ticked else []
        if top:
            story.append(self._para(markup(HEADINGS["summary_feelings"]), s.h2))
            for f in top:
                text = _word(f)
                word = short("", f"Feeling: {text[:40]}", text, "feelings", 1)
                line = self._para(
                    f"<b>{word}</b> \u2014 {markup(_intensity_text(f.intensity))}", s.item
                )
                meter_key = ("meter", line.text, f.intensity)
                if meter_key not in self._made:
                    self._made[meter_key] = _rated(line, f.intensity, 10)
                story.append(self._made[meter_key])
            left_off = [
                ("Feeling", f"{_word(f)} \u2014 {_intensity_text(f.intensity)}")
                for f in sheet.feelings[len(top):]
            ]
            self._more(story, left_off, "feelings")

        for key in ("what_brings_me", "goals", "hoped_change"):
            text = getattr(sheet, key)
            if text.strip() and "feelings" in ticked:
                story.append(self._para(markup(LABELS[key]), s.h2))
                answer(key, LABELS[key], text, "feelings", s.body, item=key)

        shared = self._summary_background() if "background" in ticked else []
        if shared:
            shown = plan.items["background"]
            story.append(self._para(markup(HEADINGS["summary_background"]), s.h2))
            for n, a in enumerate(shared[:shown]):
                label = _prompt_label(self.content, a)
                # A label is user text too (a prompt id the content does not know is
                # shown as is): two lines at most here, in full in its section.
                short_label, label_cut = shorten(label, 2 * CHARS_PER_LINE, 2)
                story.append(self._para(
                    markup(short_label) + (" \u2026" if label_cut else ""), s.label))
                # With its label cut, the answer is printed again (whole) in its section.
                item = "" if label_cut else f"background:{a.prompt_id}"
                answer(f"background-{n}", label, a.answer, "background", s.body, item=item)
            left_off = [
                (_prompt_label(self.content, a), a.answer) for a in shared[shown:]
            ]
            self._more(story, left_off, "answers about my background")

        if sheet.nervous_questions.strip() and "before_the_day" in ticked:
            story.append(self._para(markup(LABELS["nervous"]), s.h2))
            # Printed here only (not again in "Before the day"); cut text goes to
            # "Page 1 in full".
            answer("nervous", LABELS["nervous"], sheet.nervous_questions, None, s.body)

        starred = self._starred() if "questions" in ticked else []
        if starred:
            shown = plan.items["questions"]
            story.append(self._para(markup(HEADINGS["summary_questions"]), s.h2))
            index = {id(q): i for i, q in enumerate(sheet.questions)}
            for n, q in enumerate(starred[:shown]):
                label = f"Key question: {q.text[:40]}"
                answer(f"question-{n}", label, q.text, "questions", s.listed, bullet="\u2022",
                       item=f"question:{index[id(q)]}")
            left_off = [("Key question", q.text) for q in starred[shown:]]
            self._more(story, left_off, "key questions")

        if len(story) == 2:
            written = any(f.text.strip() for f in printed_fields(sheet, self.content))
            story.append(self._para(markup(NOTHING_CHOSEN if written else EMPTY), s.note))
        return _PageOne(story, in_full, slots, cut_slots, whole)

    def _more(self, story: list[Flowable], left_off: list[tuple[str, str]], what: str) -> None:
        """'And 3 more ... in the full sheet' for list items left off page 1.

        Only for a ticked section (page 1 shows nothing else), which prints them all:
        items left off page 1 were not cut short, so "Page 1 in full" never has them."""
        if not left_off:
            return
        if len(left_off) == 1:
            what = what.replace("feelings", "feeling").replace("answers", "answer")
            what = what.replace("questions", "question")
        more = f"And {len(left_off)} more {what} in the full sheet."
        story.append(self._para(markup(more), self.s.small))

    def in_full(self, items: list[tuple[str, str]]) -> list[Flowable]:
        s = self.s
        story: list[Flowable] = [para(IN_FULL_TITLE, s.h1), para(IN_FULL_LEAD, s.small)]
        for label, text in dict.fromkeys(items):  # an answer whose label was also cut: once
            story.extend(paras(label, s.h3))
            story.extend(paras(text, s.body))
        return story

    # -- sections ----------------------------------------------------------------------

    def feelings(self) -> list[Flowable]:
        s, sheet = self.s, self.sheet
        story: list[Flowable] = []
        for f in sheet.feelings:
            meaning = "" if f.own else self.content.meaning_of(f.word)
            # h3 is bold already; the word may be very long, so it flows as paragraphs.
            rating = f" \u2014 {markup(_intensity_text(f.intensity))}"
            word = paras(_word(f), s.h3, last_markup=rating)
            if f.intensity is None:
                story.extend(word)
            else:  # the dots sit by the first line, which says the number too
                story.append(Meter(word[0], f.intensity, 10))
                story.extend(word[1:])
            if meaning:
                story.append(para(meaning, s.help))
            for key, text in (("when_where", f.when_where), ("body", f.body), ("helps", f.helps)):
                story.extend(_labelled(LABELS[key], text, "item"))
            story.append(Spacer(1, 4))
        on_page_one: list[str] = []
        for key in ("what_brings_me", "goals", "hoped_change"):
            text = getattr(sheet, key)
            if key in self.whole:
                on_page_one.append(LABELS[key])
            elif text.strip():
                story.append(para(LABELS[key], s.h2))
                story.extend(paras(text, s.body))
        return self._noting(story, on_page_one)

    def _noting(self, story: list[Flowable], on_page_one: list[str]) -> list[Flowable]:
        """A section without what page 1 printed in full, and a line saying where it is;
        nothing at all when page 1 had everything (no section of only a pointer)."""
        if not story or not on_page_one:
            return story
        names = []
        for label in on_page_one:
            short_label, cut = shorten(label, 60, 1)
            more = " \u2026" if cut else ""
            names.append(f"\u201c{short_label}{more}\u201d")
        what = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return [para(ON_PAGE_ONE.format(what=what), self.s.small), *story]

    def background(self) -> list[Flowable]:
        s, sheet = self.s, self.sheet
        story: list[Flowable] = []
        on_page_one: list[str] = []
        for a in _shared(sheet.culture):
            if f"background:{a.prompt_id}" in self.whole:
                on_page_one.append(_prompt_label(self.content, a))
                continue
            story.extend(paras(_prompt_label(self.content, a), s.h3))
            story.extend(paras(a.answer, s.body))
        prefs = _shared(sheet.preferences)
        if prefs:
            story.append(para(HEADINGS["preferences"], s.h2))
            for a in prefs:
                story.extend(paras(_prompt_label(self.content, a), s.h3))
                story.extend(paras(a.answer, s.body))
        private = sheet.private_count()
        if private:
            answers = "answer" if private == 1 else "answers"
            them = "it" if private == 1 else "them"
            story.append(
                para(
                    f"I have kept {private} {answers} private. "
                    f"I may talk about {them} when I\u2019m ready.",
                    s.note,
                )
            )
        return self._noting(story, on_page_one)

    def questions(self) -> list[Flowable]:
        s = self.s
        story: list[Flowable] = []
        shown = [
            q for i, q in enumerate(self.sheet.questions)
            if q.text.strip() and f"question:{i}" not in self.whole
        ]
        on_page_one = [HEADINGS["summary_questions"]] if len(shown) < len(
            [q for q in self.sheet.questions if q.text.strip()]) else []
        for n, q in enumerate(shown, start=1):
            key = f' <font color="{ACCENT_HEX}"><b>{KEY}</b></font>' if q.starred else ""
            parts = paras(q.text, s.listed, last_markup=key, bullet=f"{n}.")
            story.append(Marked(parts[0], "star" if q.starred else ""))
            story.extend(Indented(p, Marked.INDENT) for p in parts[1:])
        return self._noting(story, on_page_one)

    def therapists(self) -> list[Flowable]:
        s, sheet = self.s, self.sheet
        people = sheet.therapists
        story: list[Flowable] = []
        if len(people) >= 2:
            story.append(para(HEADINGS["compare"], s.h2))
            story.append(self._comparison(people))
        questions = {q.id: q.text for q in sheet.questions}
        for i, t in enumerate(people, start=1):
            name = t.name if t.name.strip() else f"Therapist {i}"
            story.append(CondPageBreak(3 * cm))
            story.extend(paras(name, s.h2))
            # From here to the next person, a page that continues this person's
            # answers starts with "Name, continued".
            short_name, cut = shorten(name, 60, 1)
            again = CONTINUED_NAME.format(name=short_name + (" \u2026" if cut else ""))
            story.append(GroupMark(para(again, s.continued)))
            story.extend(_labelled("Contact", t.contact, "item"))
            line = Paragraph(f"<b>How well they fit me:</b> {_fit_text(t.fit)}", s.item)
            story.append(_rated(line, t.fit, 5))
            story.extend(_labelled("My notes", t.notes, "item"))
            answered = [(qid, a) for qid, a in t.answers.items() if a.strip()]
            order = {qid: n for n, qid in enumerate(questions)}
            answered.sort(key=lambda qa: order.get(qa[0], len(order)))
            mine = sum(1 for qid, _ in answered if qid in questions)
            if mine:
                heading = f"Their answers to my questions ({mine} of {len(questions)})"
                story.append(para(heading, s.h3))
            elif answered:
                story.append(para("Their answers", s.h3))
            for qid, answer in answered:
                story.extend(paras(questions.get(qid) or self._bank_text(qid), s.label))
                story.extend(paras(answer, s.item))
            story.append(GroupMark(None))
        return story

    def _bank_text(self, qid: str) -> str:
        """The bank's wording for an answered question no longer on my list."""
        bank = self.content.question(qid)
        return bank.text if bank else "Another question"

    def _comparison(self, people: list[Therapist]) -> Table:
        """Name, fit and contact side by side; long text is cut here and shown in full below."""
        s = self.s

        def cell(text: str, limit: int = 90) -> Paragraph:
            short, cut = shorten(text, limit, 3)
            return Paragraph(markup(short) + (" \u2026" if cut else ""), s.cell)

        rows: list[list[Flowable]] = [
            [
                Paragraph("Therapist", s.cell_head),
                Paragraph("Fit", s.cell_head),
                Paragraph("Contact", s.cell_head),
            ]
        ]
        for i, t in enumerate(people, start=1):
            rows.append(
                [
                    cell(t.name if t.name.strip() else f"Therapist {i}"),
                    Paragraph(_fit_text(t.fit), s.cell),
                    cell(t.contact or "\u2014"),
                ]
            )
        w = self.frame_width
        table = Table(rows, colWidths=[w * 0.42, w * 0.18, w * 0.40], repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), ACCENT_SOFT),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        return table

    def before_the_day(self) -> list[Flowable]:
        s, sheet = self.s, self.sheet
        story: list[Flowable] = []
        items = self.content.checklist
        done = [item for item in items if sheet.checklist.get(item.id, False)]
        left = [item for item in items if not sheet.checklist.get(item.id, False)]
        # Briefly: what is done, then what is left, each under a label with a count.
        if done:
            story.append(para(DONE.format(done=len(done), total=len(items)), s.label))
            story.extend(Marked(para(item.text, s.tight), "tick") for item in done)
        if left and done:  # nothing ticked: an untouched checklist says nothing
            story.append(para(LEFT.format(left=len(left)), s.label))
            story.extend(Marked(para(item.text, s.tight), "box") for item in left)
        # The questions I'm nervous to ask are printed once: on page 1 when it is printed.
        if sheet.nervous_questions.strip() and "summary" not in self.sections:
            story.append(para(LABELS["nervous"], s.h2))
            story.extend(paras(sheet.nervous_questions, s.body))
        return story

    def notes(self) -> list[Flowable]:
        return paras(self.sheet.notes, self.s.body)

    # -- the whole story -----------------------------------------------------------------

    def story(self) -> list[Flowable]:
        s = self.s
        story: list[Flowable] = []
        in_full: list[tuple[str, str]] = []
        if "summary" in self.sections:
            page_one, in_full = self.summary()
            story.extend(page_one)
        rest: list[Flowable] = []
        if in_full:
            rest.extend(self.in_full(in_full))
        builders = {
            "feelings": self.feelings,
            "background": self.background,
            "questions": self.questions,
            "therapists": self.therapists,
            "before_the_day": self.before_the_day,
            "notes": self.notes,
        }
        for sid in self.sections:
            if sid not in builders:
                continue
            part = builders[sid]()
            if part:
                rest.append(CondPageBreak(4 * cm))
                rest.append(para(HEADINGS[sid], s.h1))
                rest.extend(part)
        if rest:
            if story:
                story.append(PageBreak())
            story.append(para(FULL_TITLE, s.title))
            story.extend(rest)
        if not story:
            story.append(para(EMPTY, s.note))
        return story


def render(
    sheet: Sheet,
    *,
    content: Content | None = None,
    paper: str | None = None,
    replace_missing: bool = False,
    pages: Collection[int] | None = None,
) -> bytes:
    c = content or content_mod.load()
    practice = None
    if sheet.packet is not None:
        # The packet's view of the content: its prompts and questions are labelled
        # right, and its local crisis lines come first in the footer.
        if not isinstance(c, PacketContent):
            c = content_for_sheet(sheet.packet, c)
        assert isinstance(c, PacketContent)
        practice = practice_header(c.packet)
    problems = undrawable(sheet, c)
    if problems and not replace_missing:
        raise PdfError(describe(problems))
    size = resolve_paper(paper, sheet.export.paper, sheet.country)
    furniture = Furniture(
        header=HEADER,
        crisis=crisis_footer(crisis_country(c, sheet.country)),
        practice=practice,
    )
    g = geometry(size, furniture)
    story = _Writer(sheet, c, (g.frame_width, g.frame_height)).story()
    return build_pdf(story, paper=size, furniture=furniture, title=TITLE, pages=pages)
