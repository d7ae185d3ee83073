"""Which steps of the preparation have something in them (shown in the step list)."""

from __future__ import annotations

from firstsession.model import Sheet


def step_has_content(sheet: Sheet, step_id: str) -> bool:
    """True when the person has written or chosen something in that step."""
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
        return any(sheet.checklist.values()) or bool(sheet.nervous_questions.strip())
    return False
