"""The blank handout: the app's guides and questions on paper, with lines to write on.

Counsellors hand it out at intake; a person can also print it to fill in by
hand. Every part is optional, and it says so.
"""

from __future__ import annotations

from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    Spacer,
)

from firstsession import content as content_mod
from firstsession.content import Block, Content, CrisisCountry
from firstsession.pdf.common import (
    Furniture,
    Indented,
    Marked,
    Scale,
    WriteInLines,
    build_pdf,
    crisis_country,
    crisis_footer,
    long_date,
    markup,
    para,
    resolve_paper,
    styles,
)

# Fixed wording of the handout, kept together so it is easy to review and translate.
TITLE = "First Session handout: getting ready for a first session"
HEADER = "First Session \u2014 getting ready for your first session"
COVER_TITLE = "Getting ready for your first session"
COVER_LEAD = (
    "This handout is yours to fill in by hand. Every part is optional: "
    "write only what you want to, and skip anything."
)
HELP_NOW = "If you need help now"
INSIDE = "In this handout"
EXPECT = "What to expect"
ABOUT = "About me"
FEELINGS = "My feelings"
FEELINGS_LEAD = "Some words for feelings, in families. Circle any that fit, or use your own words."
BODY_WORDS = "Where you might notice it in your body"
BACKGROUND = "My background"
BACKGROUND_LEAD = (
    "These questions are all optional. Write only what you choose to share, "
    "and leave the rest blank."
)
PREFERENCES = "What I would like in a therapist"
QUESTIONS = "Questions for therapists"
QUESTIONS_LEAD = (
    "Tick the questions you want to ask. Write each therapist\u2019s answer on the lines."
)
BEFORE = "Before the day"
NERVOUS = "Questions I\u2019m nervous to ask"
NOTES = "Notes"
FEELING_SLOTS = 3


def _blocks(blocks: tuple[Block, ...]) -> list[Flowable]:
    """Content body text: paragraphs, and bullets as real bullet lists."""
    s = styles()
    out: list[Flowable] = []
    for block in blocks:
        if block.kind == "ul":
            items = [
                ListItem(Paragraph(markup(text), s.item), leftIndent=16) for text in block.items
            ]
            out.append(
                ListFlowable(
                    items,
                    bulletType="bullet",
                    start="\u2022",
                    leftIndent=16,
                    bulletFontName=s.item.fontName,
                    bulletFontSize=s.item.fontSize,
                    spaceAfter=6,
                )
            )
        else:
            out.extend(para(text, s.body) for text in block.items)
    return out


def _write_in(label: str, lines: int, help_text: str = "", heading: str = "h3") -> KeepTogether:
    s = styles()
    parts: list[Flowable] = [para(label, getattr(s, heading))]
    if help_text:
        parts.append(para(help_text, s.help))
    parts.append(WriteInLines(lines))
    parts.append(Spacer(1, 4))
    return KeepTogether(parts)


def _section(title: str, lead: str = "") -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [CondPageBreak(6 * cm), para(title, s.h1)]
    if lead:
        out.append(para(lead, s.small))
    return out


def _crisis_lines(country: CrisisCountry) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [para(HELP_NOW, s.h2)]
    for line in country.lines:
        text = f"<b>{markup(line.name)}:</b> {markup(line.contact)}"
        if line.detail.strip():
            text += f"<br/>{markup(line.detail)}"
        out.append(Paragraph(text, s.item))
    out.append(Paragraph(f"<b>Emergency:</b> {markup(country.emergency)}", s.item))
    if country.is_stale():
        out.append(
            para(
                f"These numbers were last checked on {long_date(country.reviewed)}. "
                "Please check they are current.",
                s.small,
            )
        )
    return out


def story(content: Content, country: CrisisCountry) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [para(COVER_TITLE, s.title), para(COVER_LEAD, s.lead)]

    # Welcome, "not a substitute for care", and the crisis lines in full.
    out.append(para(content.welcome.title, s.h2))
    out.extend(_blocks(content.welcome.blocks))
    out.append(para(content.not_care.strip(), s.callout))
    out.extend(_crisis_lines(country))
    inside = (EXPECT, ABOUT, FEELINGS, BACKGROUND, QUESTIONS, BEFORE, NOTES)
    out.append(para(INSIDE, s.h2))
    # No-break spaces keep each title whole when the line wraps.
    out.append(para("  \u00b7  ".join(t.replace(" ", "\u00a0") for t in inside), s.body))

    out.append(PageBreak())
    out.append(para(EXPECT, s.h1))
    for explainer in content.explainers:
        out.append(CondPageBreak(4 * cm))
        out.append(para(explainer.title, s.h2))
        out.extend(_blocks(explainer.blocks))

    out.append(PageBreak())
    out.append(para(ABOUT, s.h1))
    out += [
        _write_in("Name I go by", 1),
        _write_in("Pronouns", 1),
        _write_in("Language I prefer", 1),
        _write_in("What brings me", 3),
        _write_in("What I hope for", 3),
        _write_in("What I hope will change", 2),
    ]

    out += _section(FEELINGS, FEELINGS_LEAD)
    for family in content.families:
        words = ", ".join(w.word for w in family.words)
        out.append(Paragraph(f"<b>{markup(family.name)}:</b> {markup(words)}", s.small))
    if content.body_words:
        words = ", ".join(w.word for w in content.body_words)
        out.append(Paragraph(f"<b>{markup(BODY_WORDS)}:</b> {markup(words)}", s.small))
    for n in range(1, FEELING_SLOTS + 1):
        out.append(
            KeepTogether(
                [
                    para(f"Feeling {n}", s.h2),
                    para("The word", s.label),
                    WriteInLines(1),
                    para("How strong is it? Circle a number.", s.label),
                    Scale("not at all", "as strong as it gets"),
                    para("When and where does it show up?", s.label),
                    WriteInLines(1),
                    para("Where do I notice it in my body?", s.label),
                    WriteInLines(1),
                    para("What helps?", s.label),
                    WriteInLines(1),
                ]
            )
        )

    out += _section(BACKGROUND, BACKGROUND_LEAD)
    for prompt in content.culture_prompts:
        out.append(_write_in(prompt.label, 3, prompt.help))
    if content.preference_prompts:
        # keepWithNext does not hold a heading to a KeepTogether, so make room explicitly.
        out.append(CondPageBreak(6 * cm))
        out.append(para(PREFERENCES, s.h2))
        for prompt in content.preference_prompts:
            out.append(_write_in(prompt.label, 2, prompt.help))

    out += _section(QUESTIONS, QUESTIONS_LEAD)
    for category in content.categories:
        out.append(CondPageBreak(4.5 * cm))
        out.append(para(category.name, s.h2))
        for q in category.questions:
            out.append(
                KeepTogether(
                    [
                        Marked(para(q.text, s.item), "box"),
                        Indented(WriteInLines(2), Marked.INDENT),
                    ]
                )
            )

    out += _section(BEFORE, content.checklist_intro.strip())
    for item in content.checklist:
        out.append(Marked(para(item.text, s.item), "box"))
    out.append(_write_in(NERVOUS, 5, heading="h2"))

    out += _section(NOTES)
    out.append(WriteInLines(10, fill=True))
    return out


def render(*, content: Content | None = None, paper: str | None = None, country: str = "") -> bytes:
    c = content or content_mod.load()
    crisis = crisis_country(c, country)
    size = resolve_paper(paper, "auto", country)
    furniture = Furniture(header=HEADER, crisis=crisis_footer(crisis))
    return build_pdf(story(c, crisis), paper=size, furniture=furniture, title=TITLE)
