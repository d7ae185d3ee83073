"""The blank handout: the app's guides and questions on paper, with lines to write on.

Counsellors hand it out at intake; a person can also print it to fill in by
hand. Every part is optional, and it says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Unpack

from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Spacer,
)

from firstsession import content as content_mod
from firstsession import labels
from firstsession.content import Block, Content, CrisisCountry
from firstsession.i18n import N_, _, speaking
from firstsession.packet import Packet, included_steps
from firstsession.packet_content import PacketContent
from firstsession.pdf.document import (
    PREPARED_FOR,
    Copy,
    Furniture,
    build_pdf,
    crisis_country,
    resolve_paper,
)
from firstsession.pdf.flowables import Indented, Marked, Scale, WriteInLines
from firstsession.pdf.forms import FormLines, NameSlot, field_name
from firstsession.pdf.options import HandoutOptions
from firstsession.pdf.paragraphs import labelled, para, paras
from firstsession.pdf.practice import practice_header, practice_page
from firstsession.pdf.printed import words_language
from firstsession.pdf.styles import styles
from firstsession.pdf.text import crisis_footer
from firstsession.steps import STEP_IDS

# Fixed wording of the handout, kept together so it is easy to review and translate.
TITLE = N_("First Session handout: getting ready for a first session")
HEADER = N_("First Session \u2014 getting ready for your first session")
COVER_TITLE = N_("Getting ready for your first session")
COVER_LEAD = N_(
    "This handout is yours to fill in by hand. Every part is optional: "
    "write only what you want to, and skip anything."
)
HELP_NOW = N_("If you need help now")
INSIDE = N_("In this handout")
EXPECT = N_("What to expect")
ABOUT = N_("About me")
FEELINGS = N_("My feelings")
FEELINGS_LEAD = N_(
    "Some words for feelings, in families. Circle any that fit, or use your own words."
)
BODY_WORDS = N_("Where you might notice it in your body")
BACKGROUND = N_("My background")
BACKGROUND_LEAD = N_(
    "These questions are all optional. Write only what you choose to share, "
    "and leave the rest blank."
)
PREFERENCES = N_("What I would like in a therapist")
QUESTIONS = N_("Questions for therapists")
QUESTIONS_LEAD = N_(
    "Tick the questions you want to ask. Write each therapist\u2019s answer on the lines."
)
FILLABLE_LEAD = N_(
    "This handout is yours to fill in on screen: click in a box to type. Every part is "
    "optional: write only what you want to, and skip anything. Save the file to keep what "
    "you wrote."
)
FILLABLE_QUESTIONS_LEAD = N_(
    "Tick the questions you want to ask. Write each therapist\u2019s answer in the box."
)
BEFORE = N_("Before the day")
NERVOUS = labels.NERVOUS
NOTES = labels.NOTES
FEELING_SLOTS = 3


def _blocks(blocks: tuple[Block, ...]) -> list[Flowable]:
    """Content body text: paragraphs, and bullets as real bullet lists."""
    s = styles()
    out: list[Flowable] = []
    for block in blocks:
        if block.kind == "ul":
            items = [
                ListItem(para(text, s.item), leftIndent=16) for text in block.items
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


class _Parts:
    """Write-in areas: ruled lines on paper, or form fields in the fillable handout."""

    def __init__(self, fillable: bool) -> None:
        self.fillable = fillable

    def lines(
        self, count: int, name: str, tooltip: str, *, fill: bool = False,
        max_width: float | None = None,
    ) -> Flowable:
        if self.fillable:
            return FormLines(count, name, tooltip, fill=fill, max_width=max_width)
        return WriteInLines(count, fill=fill)

    def write_in(
        self, label: str, lines: int, name: str, help_text: str = "", heading: str = "h3"
    ) -> KeepTogether:
        s = styles()
        style = getattr(s, heading)
        parts: list[Flowable] = list(paras(label, style)) or [para(label, style)]
        if help_text:
            parts.extend(paras(help_text, s.help))
        parts.append(self.lines(lines, name, label))
        parts.append(Spacer(1, 4))
        return KeepTogether(parts)

    def box(self, text: str, name: str) -> Marked:
        """A line of text with a box to tick: drawn, or a form check box."""
        field = (name, text) if self.fillable else None
        return Marked(para(text, styles().item), "box", field)


def _section(title: str, lead: str = "") -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [CondPageBreak(6 * cm), para(title, s.h1)]
    if lead:
        out.append(para(lead, s.small))
    return out


def _crisis_lines(countries: Sequence[CrisisCountry]) -> list[Flowable]:
    """Every shown country's lines in full, each country under its own name when there
    are several (a packet's country and the client's own), with "please confirm" notes
    after each entry checked over a year ago."""
    from firstsession.crisis import (
        country_label,
        emergency_label,
        is_old,
        line_note,
        stale_note,
    )

    s = styles()
    out: list[Flowable] = [para(_(HELP_NOW), s.h2)]
    for country in countries:
        # Always named: the reader sees which country's numbers these are.
        out.append(para(((country_label(country), "b"),), s.item))
        shown: set[tuple[str, str]] = set()
        for line in country.lines:
            # A packet's local lines come first and may repeat a national one (988 in the US).
            key = (" ".join(line.name.casefold().split()),
                   " ".join(line.contact.casefold().split()))
            if key in shown:
                continue
            shown.add(key)
            notes = [t for t in (line.detail.strip(), line_note(line)) if t]
            out.extend(labelled(line.name, "\n".join([line.contact, *notes]), s.item))
        out.append(para(emergency_label(country), s.item))
        if is_old(country.reviewed):
            out.append(para(stale_note(country.reviewed), s.small))
    return out


def story(
    content: Content,
    country: Sequence[CrisisCountry],
    *,
    packet: Packet | None = None,
    steps: tuple[str, ...] = STEP_IDS,
    fillable: bool = False,
    name_slot: bool = False,
) -> list[Flowable]:
    """The handout's story. With a packet, the practice's page comes first and
    ``content`` should be the packet's view of the content (its prompts and questions)."""
    s = styles()
    w = _Parts(fillable)
    out: list[Flowable] = []
    if packet is not None:
        out.extend(practice_page(packet, name_slot=name_slot))
        out.append(PageBreak())
    out += [para(_(COVER_TITLE), s.title)]
    if name_slot and packet is None:
        out.append(NameSlot())
    out.append(para(_(FILLABLE_LEAD if fillable else COVER_LEAD), s.lead))

    about_basics = "background" in steps
    about_hopes = "feelings" in steps
    sections = {
        EXPECT: "expect" in steps,
        ABOUT: about_basics or about_hopes,
        FEELINGS: "feelings" in steps,
        BACKGROUND: "background" in steps,
        QUESTIONS: "questions" in steps,
        BEFORE: "before" in steps,
        NOTES: True,
    }

    # Welcome, "not a substitute for care", and the crisis lines in full.
    out.append(para(content.welcome.title, s.h2))
    out.extend(_blocks(content.handout_welcome.blocks))
    out.append(para(content.handout_not_care.strip(), s.callout))
    out.extend(_crisis_lines(country))
    inside = [_(title) for title, shown in sections.items() if shown]
    out.append(para(_(INSIDE), s.h2))
    # No-break spaces keep each title whole when the line wraps.
    out.append(para("  \u00b7  ".join(t.replace(" ", "\u00a0") for t in inside), s.body))

    if sections[EXPECT]:
        out.append(PageBreak())
        out.append(para(_(EXPECT), s.h1))
        for explainer in content.explainers:
            out.append(CondPageBreak(4 * cm))
            out.append(para(explainer.title, s.h2))
            out.extend(_blocks(explainer.blocks))

    if sections[ABOUT]:
        out.append(PageBreak())
        out.append(para(_(ABOUT), s.h1))
        if about_basics:
            out += [
                w.write_in(_(labels.NAME), 1, field_name("about", "name")),
                w.write_in(_(labels.PRONOUNS), 1, field_name("about", "pronouns")),
                w.write_in(_(labels.LANGUAGE), 1, field_name("about", "language")),
            ]
        if about_hopes:
            out += [
                w.write_in(_(labels.WHAT_BRINGS_ME), 3, field_name("about", "what-brings-me")),
                w.write_in(_(labels.GOALS), 3, field_name("about", "goals")),
                w.write_in(_(labels.HOPED_CHANGE), 2, field_name("about", "hoped-change")),
            ]

    if sections[FEELINGS]:
        out += _section(_(FEELINGS), _(FEELINGS_LEAD))
        for family in content.families:
            words = ", ".join(x.word for x in family.words)
            name = _("{label}:").format(label=family.name)
            out.append(para(((name, "b"), (f" {words}", "")), s.small))
        if content.body_words:
            words = ", ".join(x.word for x in content.body_words)
            body = _("{label}:").format(label=_(BODY_WORDS))
            out.append(para(((body, "b"), (f" {words}", "")), s.small))
        for n in range(1, FEELING_SLOTS + 1):
            slot = f"feeling{n}"
            strength: list[Flowable]
            if fillable:  # nothing to circle on screen: a small box for the number
                strength = [
                    para(_("How strong is it, from 0 (not at all) to 10 (as strong as it "
                           "gets)?"), s.label),
                    w.lines(1, field_name(slot, "strength"),
                            _("Feeling {number}: how strong (0-10)").format(number=n),
                            max_width=3 * cm),
                ]
            else:
                strength = [
                    para(_("How strong is it? Circle a number."), s.label),
                    Scale(_("not at all"), _("as strong as it gets")),
                ]
            # (the question, its field, the field's tooltip): one line to write on each.
            asked = [
                (_("The word"), "word", _("Feeling {number}: the word")),
                (_(labels.WHEN_WHERE_QUESTION), "when-where",
                 _("Feeling {number}: when and where")),
                (_("Where do I notice it in my body?"), "body", _("Feeling {number}: in my body")),
                (_(labels.HELPS_QUESTION), "helps", _("Feeling {number}: what helps")),
            ]
            parts: list[Flowable] = [para(_("Feeling {number}").format(number=n), s.h2)]
            for i, (question, key, tooltip) in enumerate(asked):
                parts += [para(question, s.label),
                          w.lines(1, field_name(slot, key), tooltip.format(number=n))]
                if i == 0:
                    parts += strength
            out.append(KeepTogether(parts))

    if sections[BACKGROUND]:
        out += _section(_(BACKGROUND), _(BACKGROUND_LEAD))
        for prompt in content.culture_prompts:
            out.append(
                w.write_in(prompt.label, 3, field_name("culture", prompt.id), prompt.help)
            )
        if content.preference_prompts:
            # keepWithNext does not hold a heading to a KeepTogether, so make room explicitly.
            out.append(CondPageBreak(6 * cm))
            out.append(para(_(PREFERENCES), s.h2))
            for prompt in content.preference_prompts:
                out.append(
                    w.write_in(prompt.label, 2, field_name("preference", prompt.id), prompt.help)
                )

    if sections[QUESTIONS]:
        out += _section(_(QUESTIONS), _(FILLABLE_QUESTIONS_LEAD if fillable else QUESTIONS_LEAD))
        for category in content.categories:
            out.append(CondPageBreak(4.5 * cm))
            out.append(para(category.name, s.h2))
            for q in category.questions:
                out.append(
                    KeepTogether(
                        [
                            w.box(q.text, field_name("question", q.id)),
                            Indented(
                                w.lines(2, field_name("answer", q.id),
                                        _("Answer: {question}").format(question=q.text)),
                                Marked.INDENT,
                            ),
                        ]
                    )
                )

    if sections[BEFORE]:
        out += _section(_(BEFORE), content.checklist_intro.strip())
        for item in content.checklist:
            out.append(w.box(item.text, field_name("checklist", item.id)))
        out.append(w.write_in(_(NERVOUS), 5, field_name("nervous"), heading="h2"))

    out += _section(_(NOTES))
    out.append(w.lines(10, field_name("notes"), _(NOTES), fill=True))
    return out


def render(
    *, names: Sequence[str] = (), pad_to_even: bool = False, **options: Unpack[HandoutOptions]
) -> bytes:
    """The handout, laid out once; one copy per name in ``names`` (or one unnamed copy).

    ``options``: see ``HandoutOptions``. Each named copy says "Prepared for: <name>" on
    its first page; in a fillable handout with several names, each copy's fields get
    their own prefix ("client001_about_name") so filling one copy never fills another.
    Its fixed words are in ``options["language"]``, else the packet's language, else the
    language spoken now (``i18n.speaking``, for this thread only). PdfError for an
    unknown paper size.
    """
    packet = options.get("packet")
    tag = options.get("language") or (packet.language if packet is not None else None)
    with speaking(tag):  # this thread only: the app's window keeps its own language
        return _render(names, pad_to_even, options)


def _render(names: Sequence[str], pad_to_even: bool, options: HandoutOptions) -> bytes:
    """``render`` in the language chosen there."""
    content, packet = options.get("content"), options.get("packet")
    paper, country = options.get("paper"), options.get("country", "")
    fillable = options.get("fillable", False)
    base = content or content_mod.load()
    c: Content = base
    if packet is not None and not isinstance(base, PacketContent):
        c = PacketContent(base, packet)
    crisis = crisis_country(c, country)
    size = resolve_paper(paper, "auto", country)
    header = practice_header(packet) if packet is not None else None
    furniture = Furniture(header=_(HEADER), crisis=crisis_footer(crisis), practice=header)
    steps = included_steps(packet) if packet is not None else STEP_IDS
    named = [n for n in names if n.strip()]
    many = len(named) > 1
    copies = [
        Copy(
            stamp=name,
            field_prefix=f"client{i:03d}_" if many and fillable else "",
            outline=f"{_(PREPARED_FOR)} {' '.join(name.split())}" if many else "",
        )
        for i, name in enumerate(named, start=1)
    ] or [Copy()]
    body = story(c, crisis, packet=packet, steps=steps, fillable=fillable, name_slot=bool(named))
    title = _(TITLE) if packet is None else _("{practice}: {title}").format(
        practice=packet.practice.name, title=_(TITLE))
    return build_pdf(
        body,
        paper=size,
        furniture=furniture,
        title=title,
        copies=copies,
        pad_to_even=pad_to_even and many,
        lang=words_language(packet.language if packet is not None else ""),
    )
