"""Taking a counsellor's packet into a sheet the person has already written in.

Opening a packet used to start a new sheet. A person who prepared first should
keep every word: ``adopt_packet`` returns a new sheet that carries the packet
and everything already written, and a list of what had to move.

- Answers to prompts the packet still asks stay where they are.
- Answers to prompts the packet no longer asks stay answers, each with its own
  share choice, and carry the prompt's text as ``label`` (the content no longer
  knows it). The app shows them under "Your earlier answers" on My background;
  the PDF prints the shared ones in the background section under that label,
  never a private one. The person's own notes and their export choices are not
  touched.
- Chosen questions the packet no longer offers (or offers in other words) stay in
  the list as the person's own questions, in the words the person saw, with the
  same id, so therapists' answers stay with them.
- A step the packet leaves out, where the person has already written, stays in
  the step list (the sheet's copy of the packet lists it), so nothing is hidden.

Plain dataclasses, no Qt.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from typing import Literal

from firstsession.content import Content, fold
from firstsession.model import MAX_LABEL_CHARS, PromptAnswer, Sheet
from firstsession.packet import Packet, PacketError, included_steps
from firstsession.packet_content import content_for_sheet, packet_categories, packet_prompts
from firstsession.packet_format import packet_to_dict
from firstsession.progress import step_has_content
from firstsession.steps import STEP_IDS

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
    """The result of ``adopt_packet``: the new sheet and what moved."""

    sheet: Sheet
    moved: list[Moved]


def _old_content(sheet: Sheet, base: Content) -> Content:
    try:
        return content_for_sheet(sheet.packet, base)
    except PacketError:  # sheets are checked when read; never fail because of an old packet
        return base


def _writes_in(sheet: Sheet, step_id: str) -> bool:
    """True when the person has written or chosen something in a step (notes count)."""
    return step_has_content(sheet, step_id) or (step_id == "before" and bool(sheet.notes.strip()))


def adopt_packet(sheet: Sheet, packet: Packet, base: Content) -> Adopted:
    """A copy of ``sheet`` that uses ``packet``, keeping every word written.

    ``base`` is the content bank as loaded (not a packet's view); the prompts'
    labels for the old sheet come from its own packet, if it had one. ``sheet``
    is not changed. The new sheet keeps the country, feelings, therapists,
    checklist, notes and export choices as they were; see the module text for
    what moves. An answer that was already an earlier answer (it has a label)
    keeps its label.
    Raises nothing for a packet read by ``read_packet_file``.
    """
    new = copy.deepcopy(sheet)
    old_content = _old_content(sheet, base)
    moved: list[Moved] = []

    # Prompts: answers to prompts the packet asks stay as they are; the others stay
    # answers too (same share choice), carrying their prompt's text as a label.
    asked = {p.id for p in packet_prompts(packet, base)}
    kept_answers: list[PromptAnswer] = []
    for answer in new.culture:
        if answer.prompt_id in asked:
            kept_answers.append(answer)
        elif answer.answer.strip():
            if not answer.label:
                prompt = old_content.culture_prompt(answer.prompt_id)
                answer.label = (prompt.label if prompt is not None
                                else answer.prompt_id)[:MAX_LABEL_CHARS]
            kept_answers.append(answer)
            moved.append(Moved("answer", answer.label, private=not answer.share))
        # an empty answer to a prompt that is gone holds nothing: it is dropped
    new.culture = kept_answers

    # Questions: the list is the person's; ones the packet does not offer become their own.
    # A sheet keeps a bank or packet question by id alone: one the new packet does not
    # offer with the same words keeps the words the person saw, as their own.
    offered = {q.id: q.text for c in packet_categories(packet, base) for q in c.questions}
    for question in new.questions:
        if question.own:
            continue
        seen = old_content.question_text(question)
        if question.id not in offered or fold(offered[question.id]) != fold(seen):
            question.text = seen
            question.own = True
            moved.append(Moved("question", question.text))

    # Steps: one the packet leaves out stays in the list when the person wrote there.
    shown = set(included_steps(packet))
    kept_steps = [s for s in STEP_IDS if s in shown or _writes_in(new, s)]
    for step in STEP_IDS:
        if step in kept_steps and step not in shown:
            moved.append(Moved("step", step))
    new.packet = packet_to_dict(dataclasses.replace(packet, steps=kept_steps))
    return Adopted(new, moved)
