"""Taking a counsellor's packet into a sheet the person has already written in.

Opening a packet used to start a new sheet. A person who prepared first should
keep every word: ``adopt_packet`` returns a new sheet that carries the packet
and everything already written, and a list of what had to move.

- Answers to prompts the packet still asks stay where they are.
- Answers to prompts the packet no longer asks move into the person's notes
  ("Anything else to remember"), each under the prompt it answered, below one
  heading naming the practice. When any of them was private, the notes are left
  out of the PDF (the person can tick them again): a private answer never goes
  to paper because it moved.
- Chosen questions the packet no longer offers stay in the list as the
  person's own questions, with the same id, so therapists' answers stay with them.
- A step the packet leaves out, where the person has already written, stays in
  the step list (the sheet's copy of the packet lists it), so nothing is hidden.

Plain dataclasses, no Qt.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from typing import Literal

from firstsession.content import Content
from firstsession.model import PromptAnswer, Sheet
from firstsession.packet import (
    Packet,
    PacketError,
    content_for_sheet,
    included_steps,
    packet_categories,
    packet_prompts,
    packet_to_dict,
)
from firstsession.progress import STEP_IDS

NOTES_HEADING = "Kept from before I opened the packet from {practice}"

MovedKind = Literal["answer", "question", "step"]


@dataclass(frozen=True)
class Moved:
    """One thing that moved when a packet was taken in.

    ``kind`` is "answer" (an answer to a prompt the packet does not ask; ``label``
    is the prompt, ``private`` says whether the answer was private), "question" (a
    chosen question the packet does not offer; ``label`` is its text) or "step" (a
    step the packet leaves out but that holds the person's writing; ``label`` is
    the step id).
    """

    kind: MovedKind
    label: str
    private: bool = False


@dataclass(frozen=True)
class Adopted:
    """The result of ``adopt_packet``: the new sheet, what moved, and whether the
    notes were taken out of the PDF because a private answer moved into them."""

    sheet: Sheet
    moved: list[Moved]
    notes_left_out: bool = False


def _old_content(sheet: Sheet, base: Content) -> Content:
    try:
        return content_for_sheet(sheet.packet, base)
    except PacketError:  # sheets are checked when read; never fail because of an old packet
        return base


def _writes_in(sheet: Sheet, step_id: str) -> bool:
    """True when the person has written or chosen something in a step (notes count)."""
    if step_id == "feelings":
        return bool(sheet.feelings or sheet.what_brings_me.strip() or sheet.goals.strip()
                    or sheet.hoped_change.strip())
    if step_id == "background":
        return any(a.answer.strip() for a in sheet.culture + sheet.preferences) or bool(
            sheet.about.name.strip() or sheet.about.pronouns.strip()
            or sheet.about.language.strip()
        )
    if step_id == "questions":
        return bool(sheet.questions)
    if step_id == "therapists":
        return bool(sheet.therapists)
    if step_id == "before":
        return (any(sheet.checklist.values()) or bool(sheet.nervous_questions.strip())
                or bool(sheet.notes.strip()))
    return False


def _notes_block(practice: str, moved: list[tuple[str, PromptAnswer]]) -> str:
    parts = [NOTES_HEADING.format(practice=practice.strip() or "my counsellor") + ":"]
    for label, answer in moved:
        parts.append(f"{label}\n{answer.answer.strip()}")
    return "\n\n".join(parts)


def adopt_packet(sheet: Sheet, packet: Packet, base: Content) -> Adopted:
    """A copy of ``sheet`` that uses ``packet``, keeping every word written.

    ``base`` is the content bank as loaded (not a packet's view); the prompts'
    labels for the old sheet come from its own packet, if it had one. ``sheet``
    is not changed. The new sheet keeps the country, feelings, therapists,
    checklist, notes and export choices; see the module text for what moves.
    Raises nothing for a packet read by ``read_packet_file``.
    """
    new = copy.deepcopy(sheet)
    old_content = _old_content(sheet, base)
    moved: list[Moved] = []

    # Prompts: answers to prompts the packet asks stay, the rest move into the notes.
    asked = {p.id for p in packet_prompts(packet, base)}
    kept_answers: list[PromptAnswer] = []
    to_notes: list[tuple[str, PromptAnswer]] = []
    for answer in new.culture:
        if answer.prompt_id in asked:
            kept_answers.append(answer)
        elif answer.answer.strip():
            prompt = old_content.culture_prompt(answer.prompt_id)
            label = prompt.label if prompt is not None else answer.prompt_id
            to_notes.append((label, answer))
            moved.append(Moved("answer", label, private=not answer.share))
        # an empty answer to a prompt that is gone holds nothing: it is dropped
    new.culture = kept_answers
    notes_left_out = False
    if to_notes:
        block = _notes_block(packet.practice.name, to_notes)
        new.notes = f"{new.notes.rstrip()}\n\n{block}" if new.notes.strip() else block
        if any(not a.share for _, a in to_notes) and "notes" in new.export.sections:
            new.export.sections = [s for s in new.export.sections if s != "notes"]
            notes_left_out = True

    # Questions: the list is the person's; ones the packet does not offer become their own.
    offered = {q.id for c in packet_categories(packet, base) for q in c.questions}
    for question in new.questions:
        if question.id not in offered and not question.own:
            question.own = True
            moved.append(Moved("question", question.text))

    # Steps: one the packet leaves out stays in the list when the person wrote there.
    shown = set(included_steps(packet))
    kept_steps = [s for s in STEP_IDS if s in shown or _writes_in(new, s)]
    for step in STEP_IDS:
        if step in kept_steps and step not in shown:
            moved.append(Moved("step", step))
    new.packet = packet_to_dict(dataclasses.replace(packet, steps=kept_steps))
    return Adopted(new, moved, notes_left_out)
