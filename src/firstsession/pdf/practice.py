"""A counsellor packet on paper: the practice header and the practice's own page.

Everything here comes from a packet, which may come from anyone: it is only ever
plain text, escaped by ``markup`` like text a person typed. Website and email are
printed as words, never as links.
"""

from __future__ import annotations

from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from firstsession.packet import Packet
from firstsession.packet_logo import shown_logo
from firstsession.pdf.common import NameSlot, PracticeHeader, labelled, para, paras, styles

DOT = " \u00b7 "
SESSION_FORMATS = {
    "in_person": "Sessions are in person.",
    "online": "Sessions are online.",
    "both": "Sessions can be in person or online.",
}
SECTIONS = (
    ("fees", "Fees"),
    ("insurance", "Insurance"),
    ("sliding_scale", "Sliding scale"),
    ("cancellation", "Cancellation policy"),
)
CONFIDENTIALITY = "Confidentiality"
HOW_WE_MEET = "How we meet"
CONTACT = "Contact us"
LOCAL_CRISIS = "Local crisis lines"
WELCOME = "Welcome"


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


def practice_page(packet: Packet, *, name_slot: bool) -> list[Flowable]:
    """The practice's details: the first page of its handout (it may run on).

    Local crisis lines come straight after the welcome, where they are easy to find.
    """
    s = styles()
    p = packet.practice
    out: list[Flowable] = list(paras(p.name, s.title))
    if name_slot:
        out.append(NameSlot())
    if packet.welcome_note.strip():
        out.append(para(WELCOME, s.h2))
        out.extend(paras(packet.welcome_note, s.body))
    if packet.crisis_lines:
        out.append(para(LOCAL_CRISIS, s.h2))
        for line in packet.crisis_lines:
            text = line.contact + (f"\n{line.detail}" if line.detail.strip() else "")
            out.extend(labelled(line.name, text, s.item))
    if packet.session_format in SESSION_FORMATS:
        out.append(para(HOW_WE_MEET, s.h2))
        out.append(para(SESSION_FORMATS[packet.session_format], s.body))
    for key, title in SECTIONS:
        text = getattr(packet, key)
        if text.strip():
            out.append(para(title, s.h2))
            out.extend(paras(text, s.body))
    if packet.confidentiality.strip():
        out.append(para(CONFIDENTIALITY, s.h2))
        out.extend(paras(packet.confidentiality, s.body))
    contact = [
        ("Clinicians", ", ".join(p.clinicians)),
        ("Address", p.address),
        ("Phone", p.phone),
        ("Email", p.email),
        ("Website", p.website),
    ]
    contact = [(label, value) for label, value in contact if value.strip()]
    if contact:
        out.append(para(CONTACT, s.h2))
        for label, value in contact:
            out.extend(labelled(label, value, s.item))
    return out
