"""The filled preparation sheet as a PDF: the sections after page 1, and ``render``.

Page 1 (``summary.PageOne``) is a one-page summary for the therapist; the sections
the person chose follow in the order of ``model.SECTIONS``. Only answers marked to
share are printed (``printed``).

What is printed is what the person meant: items keep the person's order, every
answer has its label, a rating they never set says "not rated" (no number, no
bar), nothing about other people (the therapists they compared) is on page 1,
and no heading is printed without something under it.
"""

from __future__ import annotations

from typing import Unpack

from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from firstsession import content as content_mod
from firstsession import labels
from firstsession.content import Content
from firstsession.i18n import _, ngettext
from firstsession.model import SECTIONS, Sheet, Therapist
from firstsession.packet_content import PacketContent, content_for_sheet
from firstsession.pdf.document import Furniture, build_pdf, crisis_country, geometry, resolve_paper
from firstsession.pdf.errors import UndrawableError
from firstsession.pdf.flowables import GroupMark, Indented, Marked, Meter, rated
from firstsession.pdf.options import SheetOptions
from firstsession.pdf.paragraphs import labelled, para, paras
from firstsession.pdf.practice import practice_header
from firstsession.pdf.printed import (
    CONTINUED_NAME,
    DONE,
    EMPTY,
    FULL_TITLE,
    HEADER,
    HEADINGS,
    KEY,
    LABELS,
    LEFT,
    ON_PAGE_ONE,
    THERAPIST,
    TITLE,
    and_list,
    describe,
    document_language,
    fit_text,
    intensity_text,
    prompt_label,
    shared_answers,
    undrawable,
    word_of,
)
from firstsession.pdf.rich import Part
from firstsession.pdf.styles import ACCENT_SOFT, RULE, styles
from firstsession.pdf.summary import PageOne, in_full
from firstsession.pdf.text import crisis_footer, shorten


class _Writer:
    """Builds the story for one sheet."""

    def __init__(self, sheet: Sheet, content: Content, frame: tuple[float, float]) -> None:
        self.sheet = sheet
        self.content = content
        self.frame = frame
        self.frame_width, self.frame_height = frame
        self.s = styles()
        chosen = set(sheet.export.sections)
        self.sections = [sid for sid in SECTIONS if sid in chosen]
        # Answers page 1 printed in full ("what_brings_me", "background:<prompt id>",
        # "question:<index>"): the sections after it do not print them again.
        self.whole: set[str] = set()

    # -- sections ----------------------------------------------------------------------

    def feelings(self) -> list[Flowable]:
        s, sheet = self.s, self.sheet
        story: list[Flowable] = []
        for f in sheet.feelings:
            meaning = "" if f.own else self.content.meaning_of(f.word)
            # h3 is bold already; the word may be very long, so it flows as paragraphs.
            rating: tuple[Part, ...] = ((f" \u2014 {intensity_text(f.intensity)}", ""),)
            word = paras(word_of(f, self.content), s.h3, last=rating)
            if f.intensity is None:
                story.extend(word)
            else:  # the dots sit by the first line, which says the number too
                story.append(Meter(word[0], f.intensity, 10))
                story.extend(word[1:])
            if meaning:
                story.append(para(meaning, s.help))
            for key, text in (("when_where", f.when_where), ("body", f.body), ("helps", f.helps)):
                story.extend(labelled(_(LABELS[key]), text, s.item, alone=False))
            story.append(Spacer(1, 4))
        on_page_one: list[str] = []
        for key in ("what_brings_me", "goals", "hoped_change"):
            text = getattr(sheet, key)
            if key in self.whole:
                on_page_one.append(_(LABELS[key]))
            elif text.strip():
                story.append(para(_(LABELS[key]), s.h2))
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
            names.append(_("\u201c{label}\u201d").format(label=short_label + more))
        return [para(_(ON_PAGE_ONE).format(what=and_list(names)), self.s.small), *story]

    def background(self) -> list[Flowable]:
        s, sheet = self.s, self.sheet
        story: list[Flowable] = []
        on_page_one: list[str] = []
        for a in shared_answers(sheet.culture):
            if f"background:{a.prompt_id}" in self.whole:
                on_page_one.append(prompt_label(self.content, a))
                continue
            story.extend(paras(prompt_label(self.content, a), s.h3))
            story.extend(paras(a.answer, s.body))
        prefs = shared_answers(sheet.preferences)
        if prefs:
            story.append(para(_(HEADINGS["preferences"]), s.h2))
            for a in prefs:
                story.extend(paras(prompt_label(self.content, a), s.h3))
                story.extend(paras(a.answer, s.body))
        private = sheet.private_count()
        if private:
            kept = ngettext(
                "I have kept {count} answer private. I may talk about it when I\u2019m ready.",
                "I have kept {count} answers private. I may talk about them when I\u2019m ready.",
                private,
            )
            story.append(para(kept.format(count=private), s.note))
        return self._noting(story, on_page_one)

    def questions(self) -> list[Flowable]:
        s = self.s
        story: list[Flowable] = []
        shown = [
            q for i, q in enumerate(self.sheet.questions)
            if self.content.question_text(q).strip() and f"question:{i}" not in self.whole
        ]
        on_page_one = [_(HEADINGS["summary_questions"])] if len(shown) < len(
            [q for q in self.sheet.questions if self.content.question_text(q).strip()]) else []
        for n, q in enumerate(shown, start=1):
            key: tuple[Part, ...] = ((" ", ""), (_(KEY), "key")) if q.starred else ()
            parts = paras(self.content.question_text(q), s.listed, last=key, bullet=f"{n}.")
            story.append(Marked(parts[0], "star" if q.starred else ""))
            story.extend(Indented(p, Marked.INDENT) for p in parts[1:])
        return self._noting(story, on_page_one)

    def therapists(self) -> list[Flowable]:
        s, sheet = self.s, self.sheet
        people = sheet.therapists
        story: list[Flowable] = []
        if len(people) >= 2:
            story.append(para(_(HEADINGS["compare"]), s.h2))
            story.append(self._comparison(people))
        questions = {q.id: self.content.question_text(q) for q in sheet.questions}
        for i, t in enumerate(people, start=1):
            name = t.name if t.name.strip() else _("Therapist {number}").format(number=i)
            story.append(CondPageBreak(3 * cm))
            story.extend(paras(name, s.h2))
            # From here to the next person, a page that continues this person's
            # answers starts with "Name, continued".
            short_name, cut = shorten(name, 60, 1)
            again = _(CONTINUED_NAME).format(name=short_name + (" \u2026" if cut else ""))
            story.append(GroupMark(para(again, s.continued)))
            story.extend(labelled(_(labels.THERAPIST_CONTACT), t.contact, s.item, alone=False))
            fit_label = _("{label}:").format(label=_(labels.THERAPIST_FIT))
            line = para(((fit_label, "b"), (f" {fit_text(t.fit)}", "")), s.item)
            story.append(rated(line, t.fit, 5))
            story.extend(labelled(_(labels.THERAPIST_NOTES), t.notes, s.item, alone=False))
            answered = [(qid, a) for qid, a in t.answers.items() if a.strip()]
            order = {qid: n for n, qid in enumerate(questions)}
            answered.sort(key=lambda qa: order.get(qa[0], len(order)))
            mine = sum(1 for qid, _ in answered if qid in questions)
            if mine:
                heading = ngettext(
                    "Their answers to my questions ({count} of {total})",
                    "Their answers to my questions ({count} of {total})",
                    len(questions),
                ).format(count=mine, total=len(questions))
                story.append(para(heading, s.h3))
            elif answered:
                story.append(para(_("Their answers"), s.h3))
            for qid, answer in answered:
                story.extend(paras(questions.get(qid) or self._bank_text(qid), s.label))
                story.extend(paras(answer, s.item))
            story.append(GroupMark(None))
        return story

    def _bank_text(self, qid: str) -> str:
        """The bank's wording for an answered question no longer on my list."""
        bank = self.content.question(qid)
        return bank.text if bank else _("Another question")

    def _comparison(self, people: list[Therapist]) -> Table:
        """Name, fit and contact side by side; long text is cut here and shown in full below."""
        s = self.s

        def cell(text: str, limit: int = 90) -> Flowable:
            short, cut = shorten(text, limit, 3)
            return para(short + (" \u2026" if cut else ""), s.cell)

        rows: list[list[Flowable]] = [
            [
                para(_(THERAPIST), s.cell_head),
                para(_(labels.THERAPIST_FIT), s.cell_head),
                para(_(labels.THERAPIST_CONTACT), s.cell_head),
            ]
        ]
        for i, t in enumerate(people, start=1):
            rows.append(
                [
                    cell(t.name if t.name.strip() else _("Therapist {number}").format(number=i)),
                    para(fit_text(t.fit), s.cell),
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
            story.append(para(_(DONE).format(done=len(done), total=len(items)), s.label))
            story.extend(Marked(para(item.text, s.tight), "tick") for item in done)
        if left and done:  # nothing ticked: an untouched checklist says nothing
            story.append(para(_(LEFT).format(left=len(left)), s.label))
            story.extend(Marked(para(item.text, s.tight), "box") for item in left)
        # The questions I'm nervous to ask are printed once: on page 1 when it is printed.
        if sheet.nervous_questions.strip() and "summary" not in self.sections:
            story.append(para(_(LABELS["nervous"]), s.h2))
            story.extend(paras(sheet.nervous_questions, s.body))
        return story

    def notes(self) -> list[Flowable]:
        return paras(self.sheet.notes, self.s.body)

    # -- the whole story -----------------------------------------------------------------

    def story(self) -> list[Flowable]:
        s = self.s
        story: list[Flowable] = []
        cut_short: list[tuple[str, str]] = []
        if "summary" in self.sections:
            page = PageOne(self.sheet, self.content, self.sections, self.frame)
            page_one, cut_short = page.summary()
            self.whole = page.whole
            story.extend(page_one)
        rest: list[Flowable] = []
        if cut_short:
            rest.extend(in_full(cut_short))
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
                rest.append(para(_(HEADINGS[sid]), s.h1))
                rest.extend(part)
        if rest:
            if story:
                story.append(PageBreak())
            story.append(para(_(FULL_TITLE), s.title))
            story.extend(rest)
        if not story:
            story.append(para(_(EMPTY), s.note))
        return story


def render(sheet: Sheet, **options: Unpack[SheetOptions]) -> bytes:
    """The filled sheet as PDF bytes; see ``firstsession.pdf.render_sheet``."""
    content, paper = options.get("content"), options.get("paper")
    replace_missing, pages = options.get("replace_missing", False), options.get("pages")
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
        raise UndrawableError(describe(problems), tuple(problems))
    size = resolve_paper(paper, sheet.export.paper, sheet.country)
    furniture = Furniture(
        header=_(HEADER),
        crisis=crisis_footer(crisis_country(c, sheet.country)),
        practice=practice,
    )
    g = geometry(size, furniture)
    story = _Writer(sheet, c, (g.frame_width, g.frame_height)).story()
    return build_pdf(story, paper=size, furniture=furniture, title=_(TITLE), pages=pages,
                     lang=document_language(sheet, c))
