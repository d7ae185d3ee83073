"""A packet applied to the content: the prompts, questions and crisis lines a client sees."""

from __future__ import annotations

from typing import Any

from firstsession.content import (
    Category,
    Content,
    CrisisCountry,
    CrisisLine,
    Prompt,
    Question,
    per_language,
)
from firstsession.packet import PRACTICE_CATEGORY_ID, Packet, packet_item_id
from firstsession.packet_format import packet_from_dict


def packet_prompts(packet: Packet, content: Content) -> tuple[Prompt, ...]:
    """The background prompts with this packet: the bank's plus the packet's, or only its own.

    Preference prompts are not changed by a packet.
    """
    own = tuple(
        Prompt(
            id=packet_item_id(p.id),
            label=p.label,
            help=p.help,
            domain=packet.practice.name,
        )
        for p in packet.prompts
    )
    if packet.prompts_mode == "replace":
        return own
    return content.culture_prompts + own


def packet_categories(packet: Packet, content: Content) -> tuple[Category, ...]:
    """The question bank with this packet.

    In "add" mode: the bank's categories, then one category named after the
    practice holding the packet's questions (left out when there are none). In
    "replace" mode: only the practice's category.
    """
    own: tuple[Category, ...] = ()
    if packet.questions:
        questions = tuple(
            Question(
                id=packet_item_id(q.id),
                text=q.text,
                why=q.why,
                category=PRACTICE_CATEGORY_ID,
            )
            for q in packet.questions
        )
        own = (Category(PRACTICE_CATEGORY_ID, packet.practice.name, questions),)
    if packet.questions_mode == "replace":
        return own
    return content.categories + own


def packet_crisis_lines(packet: Packet) -> tuple[CrisisLine, ...]:
    """The packet's local crisis lines in the content's own shape (for footers)."""
    return tuple(CrisisLine(c.name, c.contact, c.detail) for c in packet.crisis_lines)


class PacketContent(Content):
    """The content as a client of a practice sees it: the packet's prompts and
    questions added to (or in place of) the bank's, and its local crisis lines
    listed before the national ones. Everything else is the base content's."""

    packet: Packet  # always one here (Content's is None)

    def __init__(self, base: Content, packet: Packet) -> None:
        super().__init__()
        self._base = base
        self.packet = packet

    def language_now(self) -> str:
        """The base content's language: the bank's words follow it, the packet's own
        words are the packet's, in the packet's language."""
        return self._base.language_now()

    @per_language
    def culture_prompts(self) -> tuple[Prompt, ...]:
        return packet_prompts(self.packet, self._base)

    @per_language
    def categories(self) -> tuple[Category, ...]:
        return packet_categories(self.packet, self._base)

    def crisis_for(self, code: str) -> CrisisCountry:
        """The packet's country's help (``code`` only for an old packet that names no
        country), its local lines first: never the printing computer's country."""
        national = self._base.crisis_for(self.packet.country or code)
        return national._replace(lines=packet_crisis_lines(self.packet) + national.lines)

    def crisis_shown(self, code: str) -> tuple[CrisisCountry, ...]:
        """The packet's country first; the client's own (``code``) after it when it is
        another country, so each is shown under its own name, never mixed."""
        first = self.crisis_for(code)
        own = self._base.crisis_for(code) if code.strip() else None
        return (first,) if own is None or own.code == first.code else (first, own)


def _delegate(name: str) -> property:
    return property(lambda self: getattr(self._base, name))


# Parts a packet does not change are read from the base content, never parsed twice.
for _name in ("explainers", "welcome", "privacy", "not_care", "handout_welcome",
              "handout_not_care", "families", "body_intro",
              "body_words", "culture_intro", "preference_prompts", "checklist_intro",
              "checklist", "countries"):
    setattr(PacketContent, _name, _delegate(_name))


def content_for_sheet(sheet_packet: dict[str, Any] | None, base: Content) -> Content:
    """The content for a sheet: the base content, or the packet's view of it."""
    if sheet_packet is None:
        return base
    return PacketContent(base, packet_from_dict(sheet_packet))
