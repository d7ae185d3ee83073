"""Page 1 of the filled sheet: the summary for the therapist.

It is shortened step by step until it fits one page, with "Page 1 in full" for what
it cut short.

Text cut short on page 1 always appears in full later: in its own section, or (when
that section is left out) under "Page 1 in full".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, KeepInFrame  # type: ignore[import-untyped]

from firstsession.content import Content
from firstsession.i18n import _, ngettext
from firstsession.model import ChosenQuestion, PromptAnswer, Sheet
from firstsession.pdf.flowables import rated, stacked_height
from firstsession.pdf.paragraphs import para, paras
from firstsession.pdf.printed import (
    CONTINUED,
    EMPTY,
    HEADINGS,
    IN_FULL_LEAD,
    IN_FULL_TITLE,
    LABELS,
    NOTHING_CHOSEN,
    SUMMARY_LEAD,
    SUMMARY_TITLE,
    asked,
    intensity_text,
    printed_fields,
    prompt_label,
    shared_answers,
    word_of,
)
from firstsession.pdf.rich import Part, Text, block
from firstsession.pdf.styles import styles
from firstsession.pdf.text import shorten

TOP_FEELINGS = 5
# Page 1 starts generous and is shortened step by step until it fits: first the
# tallest answers down to 3 lines, then lists down to 3 items, then 2 and 2, then 1.
# Short answers stay whole for as long as possible.
START_LINES = 10
START_ITEMS = 8
FLOORS: tuple[int, ...] = (3, 2, 1)
MAX_GROW_TRIES = 40  # a bound on page-1 layouts while giving lines back
CHARS_PER_LINE = 85  # about one line of 11 pt text across the page


def _top_feelings(sheet: Sheet) -> list[int]:
    """Indexes of the feelings on page 1: the first ones, in the person's own order
    (the app invites putting the most important first)."""
    return list(range(min(len(sheet.feelings), TOP_FEELINGS)))


@dataclass
class _PageOne:
    """One layout of page 1: the story, what must appear in full elsewhere, the answers."""

    story: list[Flowable]
    in_full: list[tuple[str, str]]
    slots: dict[str, Flowable]  # shortenable answers by slot name
    cut: set[str]  # slots the plan has cut short
    whole: set[str] = field(default_factory=set)  # answers shown in full (see PageOne.whole)


@dataclass
class _Plan:
    """How much of page 1 to show: line limits per answer, items per list."""

    lines: dict[str, int]
    items: dict[str, int]

    def shorten(self, slots: dict[str, Flowable], floor: int, over_lines: float) -> bool:
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


class PageOne:
    """Builds page 1 for one sheet (``summary``); its pieces are made once while fitting."""

    def __init__(self, sheet: Sheet, content: Content, sections: list[str],
                 frame: tuple[float, float]) -> None:
        self.sheet = sheet
        self.content = content
        self.sections = sections  # the ticked sections, in print order
        self.frame_width, self.frame_height = frame
        self.s = styles()
        self._made: dict[tuple[object, ...], Flowable] = {}  # page-1 pieces, see _para
        self._heights: dict[int, float] = {}
        # Answers page 1 printed in full ("what_brings_me", "background:<prompt id>",
        # "question:<index>"): the sections after it do not print them again.
        self.whole: set[str] = set()

    def summary(self) -> tuple[list[Flowable], list[tuple[str, str]]]:
        """Page 1, shortened until it fits; plus what must be shown in full elsewhere.

        Also sets ``self.whole``: the answers page 1 shows in full."""
        ticked = set(self.sections)
        counts = {
            "background": len(self._summary_background()) if "background" in ticked else 0,
            "questions": len(self._starred()) if "questions" in ticked else 0,
        }
        plan = _Plan(lines={}, items={k: min(n, START_ITEMS) for k, n in counts.items()})
        page: _PageOne | None = None
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
        assert page is not None  # FLOORS is not empty: the last layout tried
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
        shared = [a for a in shared_answers(self.sheet.culture) if asked(self.content, a)]
        return sorted(shared, key=lambda a: a.prompt_id != "understand")

    def _starred(self) -> list[ChosenQuestion]:
        return [q for q in self.sheet.questions
                if q.starred and self.content.question_text(q).strip()]

    def _height(self, story: list[Flowable]) -> float:
        """The height the frame will use (``stacked_height``); each piece measured once."""
        return stacked_height(story, self._height_of)

    def _height_of(self, f: Flowable) -> float:
        if id(f) not in self._heights:
            self._heights[id(f)] = f.wrap(self.frame_width, self.frame_height)[1]
        return self._heights[id(f)]

    def _para(self, content: Text, style: ParagraphStyle, bullet: str | None = None) -> Flowable:
        """A paragraph (``rich.block``), made once: page 1 is laid out several times while
        fitting."""
        key = (content if isinstance(content, str) else tuple(content), style.name, bullet)
        if key not in self._made:
            self._made[key] = block(content, style, bullet=bullet)
        return self._made[key]

    def _summary_with(self, plan: _Plan) -> _PageOne:
        """Page 1 under ``plan``; also each shortenable answer's Paragraph, by slot name."""
        s, sheet = self.s, self.sheet
        story: list[Flowable] = [
            self._para(_(SUMMARY_TITLE), s.title),
            self._para(_(SUMMARY_LEAD), s.lead),
        ]
        in_full: list[tuple[str, str]] = []
        slots: dict[str, Flowable] = {}
        cut_slots: set[str] = set()
        whole: set[str] = set()

        def short(
            slot: str, label: str, text: str, home: str | None, most: int, item: str = ""
        ) -> list[Part]:
            lines = min(most, plan.lines.get(slot, most))
            cut_text, cut = shorten(text, lines * CHARS_PER_LINE, lines)
            out: list[Part] = [(cut_text, "")]
            if item and not cut:
                whole.add(item)
            if cut:
                if lines < most:  # cut by the plan, so it may grow back
                    cut_slots.add(slot)
                out += [(" ", ""), (_(CONTINUED), "i")]
                if home not in self.sections:
                    in_full.append((label, text))
            return out

        def answer(
            slot: str,
            label: str,
            text: str,
            home: str | None,
            style: ParagraphStyle,
            prefix: tuple[Part, ...] = (),
            bullet: str | None = None,
            lines: int = START_LINES,
            item: str = "",
        ) -> None:
            p = self._para([*prefix, *short(slot, label, text, home, lines, item)], style, bullet)
            slots[slot] = p
            story.append(p)

        for key in ("name", "pronouns", "language"):
            value = getattr(sheet.about, key)
            if value.strip():
                label = _(LABELS[key])
                colon = _("{label}:").format(label=label)
                answer(key, label, value, None, s.item, ((colon, "b"), (" ", "")), lines=2)

        # Page 1 shows only what a ticked section holds: an unticked section's answers
        # never reach paper, not even as a line or a "more in the full sheet".
        ticked = set(self.sections)
        top = [sheet.feelings[i] for i in _top_feelings(sheet)] if "feelings" in ticked else []
        if top:
            story.append(self._para(_(HEADINGS["summary_feelings"]), s.h2))
            for f in top:
                text = word_of(f, self.content)
                word = short("", _("Feeling: {word}").format(word=text[:40]), text, "feelings", 1)
                # The word in bold (its "continued" note in bold italic), then the rating.
                parts: list[Part] = [(t, "bi" if look == "i" else "b") for t, look in word]
                parts.append((f" \u2014 {intensity_text(f.intensity)}", ""))
                line = self._para(parts, s.item)
                meter_key = ("meter", tuple(parts), f.intensity)
                if meter_key not in self._made:
                    self._made[meter_key] = rated(line, f.intensity, 10)
                story.append(self._made[meter_key])
            left_off = [
                (_("Feeling"), f"{word_of(f, self.content)} \u2014 {intensity_text(f.intensity)}")
                for f in sheet.feelings[len(top):]
            ]
            self._more(story, left_off, "feelings")

        for key in ("what_brings_me", "goals", "hoped_change"):
            text = getattr(sheet, key)
            if text.strip() and "feelings" in ticked:
                story.append(self._para(_(LABELS[key]), s.h2))
                answer(key, _(LABELS[key]), text, "feelings", s.body, item=key)

        shared = self._summary_background() if "background" in ticked else []
        if shared:
            shown = plan.items["background"]
            story.append(self._para(_(HEADINGS["summary_background"]), s.h2))
            for n, a in enumerate(shared[:shown]):
                label = prompt_label(self.content, a)
                # A label is user text too (a prompt id the content does not know is
                # shown as is): two lines at most here, in full in its section.
                short_label, label_cut = shorten(label, 2 * CHARS_PER_LINE, 2)
                story.append(self._para(short_label + (" \u2026" if label_cut else ""), s.label))
                # With its label cut, the answer is printed again (whole) in its section.
                item = "" if label_cut else f"background:{a.prompt_id}"
                answer(f"background-{n}", label, a.answer, "background", s.body, item=item)
            left_off = [
                (prompt_label(self.content, a), a.answer) for a in shared[shown:]
            ]
            self._more(story, left_off, "background")

        if sheet.nervous_questions.strip() and "before_the_day" in ticked:
            story.append(self._para(_(LABELS["nervous"]), s.h2))
            # Printed here only (not again in "Before the day"); cut text goes to
            # "Page 1 in full".
            answer("nervous", _(LABELS["nervous"]), sheet.nervous_questions, None, s.body)

        starred = self._starred() if "questions" in ticked else []
        if starred:
            shown = plan.items["questions"]
            story.append(self._para(_(HEADINGS["summary_questions"]), s.h2))
            index = {id(q): i for i, q in enumerate(sheet.questions)}
            for n, q in enumerate(starred[:shown]):
                text = self.content.question_text(q)
                label = _("Key question: {question}").format(question=text[:40])
                answer(f"question-{n}", label, text, "questions", s.listed, bullet="\u2022",
                       item=f"question:{index[id(q)]}")
            left_off = [(_("Key question"), self.content.question_text(q)) for q in starred[shown:]]
            self._more(story, left_off, "questions")

        if len(story) == 2:
            written = any(f.text.strip() for f in printed_fields(sheet, self.content))
            story.append(self._para(_(NOTHING_CHOSEN if written else EMPTY), s.note))
        return _PageOne(story, in_full, slots, cut_slots, whole)

    def _more(self, story: list[Flowable], left_off: list[tuple[str, str]], what: str) -> None:
        """'And 3 more ... in the full sheet' for list items left off page 1 (``what``:
        "feelings", "background" or "questions"), a whole sentence from the catalogue.

        Only for a ticked section (page 1 shows nothing else), which prints them all:
        items left off page 1 were not cut short, so "Page 1 in full" never has them."""
        if not left_off:
            return
        story.append(self._para(more_sentence(what, len(left_off)), self.s.small))


def more_sentence(what: str, count: int) -> str:
    """"And 3 more feelings in the full sheet." for ``what`` ("feelings", "background",
    "questions"): whole sentences with the language's plural forms, never grammar built here."""
    if what == "feelings":
        sentence = ngettext("And {count} more feeling in the full sheet.",
                            "And {count} more feelings in the full sheet.", count)
    elif what == "background":
        sentence = ngettext("And {count} more answer about my background in the full sheet.",
                            "And {count} more answers about my background in the full sheet.",
                            count)
    else:
        sentence = ngettext("And {count} more key question in the full sheet.",
                            "And {count} more key questions in the full sheet.", count)
    return sentence.format(count=count)


def in_full(items: list[tuple[str, str]]) -> list[Flowable]:
    """"Page 1 in full": each (label, text) page 1 cut short, once."""
    s = styles()
    story: list[Flowable] = [para(_(IN_FULL_TITLE), s.h1), para(_(IN_FULL_LEAD), s.small)]
    for label, text in dict.fromkeys(items):  # an answer whose label was also cut: once
        story.extend(paras(label, s.h3))
        story.extend(paras(text, s.body))
    return story
