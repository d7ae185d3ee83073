"""A counsellor packet on paper: the practice header and the practice's own page.

Everything here comes from a packet, which may come from anyone: it is only ever
plain text, printed like text a person typed (``rich.block``). Website and email are
printed as words, never as links.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, KeepTogether  # type: ignore[import-untyped]

from firstsession import labels
from firstsession.i18n import _
from firstsession.packet import Packet, practice_contact, practice_policies
from firstsession.packet_logo import shown_logo
from firstsession.pdf.document import PracticeHeader
from firstsession.pdf.flowables import OnePageIfClose
from firstsession.pdf.forms import NameSlot
from firstsession.pdf.paragraphs import labelled, para, paras
from firstsession.pdf.styles import styles

DOT = " \u00b7 "


def practice_header(packet: Packet) -> PracticeHeader:
    """The header on every page of this practice's handouts and sheets."""
    p = packet.practice
    details = DOT.join(
        part for part in (", ".join(p.clinicians), p.phone, p.website, p.email) if part.strip()
    )
    # The logo as people see it (upright, 8-bit RGB/RGBA), the same as the app shows.
    logo = None if packet.logo is None else shown_logo(packet.logo)
    return PracticeHeader(
        name=p.name,
        details=details,
        logo=None if logo is None else logo.data,
        logo_size=(0, 0) if logo is None else (logo.width, logo.height),
    )


@dataclass(frozen=True)
class _Compact:
    """The practice page's styles: a little closer together than the handout's, so the
    usual practice's details fit on its first page at full size."""

    h2: ParagraphStyle
    body: ParagraphStyle
    item: ParagraphStyle


@cache
def _compact() -> _Compact:
    s = styles()
    return _Compact(
        h2=ParagraphStyle("fs-practice-h2", parent=s.h2, spaceBefore=8, spaceAfter=3),
        body=ParagraphStyle("fs-practice-body", parent=s.body, spaceAfter=4),
        item=ParagraphStyle("fs-practice-item", parent=s.item, spaceAfter=2),
    )


def practice_page(packet: Packet, *, name_slot: bool) -> list[Flowable]:
    """The practice's details: the first page of its handout (it may run on, but never
    by a line or two onto an almost empty page: a little too much is shrunk to fit).

    Local crisis lines come straight after the welcome, where they are easy to find.
    """
    title = styles().title
    s = _compact()
    p = packet.practice
    out: list[Flowable] = list(paras(p.name, title))
    if name_slot:
        out.append(NameSlot())
    # Each section (a heading and its text) stays together, so a page that runs on
    # starts with a heading, never with the last line of a paragraph.
    sections: list[list[Flowable]] = []
    if packet.welcome_note.strip():
        sections.append([para(_(labels.WELCOME), s.h2), *paras(packet.welcome_note, s.body)])
    if packet.crisis_lines:
        lines: list[Flowable] = [para(_(labels.LOCAL_CRISIS_LINES), s.h2)]
        for line in packet.crisis_lines:
            text = line.contact + (f"\n{line.detail}" if line.detail.strip() else "")
            lines.extend(labelled(line.name, text, s.item))
        sections.append(lines)
    if packet.session_format in labels.SESSION_FORMATS:
        sentence = _(labels.SESSION_FORMATS[packet.session_format])
        sections.append([para(_(labels.SESSION_FORMAT), s.h2), para(sentence, s.body)])
    for key, text in practice_policies(packet):
        sections.append([para(_(labels.POLICIES[key]), s.h2), *paras(text, s.body)])
    clinicians = ", ".join(p.clinicians)
    contact = [(_(labels.CLINICIANS), clinicians)] if clinicians.strip() else []
    contact += [(_(labels.CONTACT_DETAILS[key]), text) for key, text in practice_contact(p)]
    if contact:
        details: list[Flowable] = [para(_(labels.CONTACT), s.h2)]
        for label, value in contact:
            details.extend(labelled(label, value, s.item))
        sections.append(details)
    out.extend(KeepTogether(section) for section in sections)
    return [OnePageIfClose(out)]
