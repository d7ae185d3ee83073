"""Step-by-step upgrades of older saved sheets to the current schema.

Each function takes the dict of version N and returns the dict of version N+1.
They never touch the file on disk: the upgraded sheet is written only when the
person next saves, after the usual backup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from firstsession.content import fold, in_language

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "question"


def v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Format 1 (the first draft) kept questions as plain strings and the
    checklist as a list of ticked item ids. Format 2 keeps, per question, an id,
    its text, a star and whether it is the person's own; and the checklist as
    item id -> ticked.
    """
    out = dict(data)
    questions = data.get("questions", [])
    if isinstance(questions, list):
        upgraded: list[Any] = []
        for i, q in enumerate(questions):
            if isinstance(q, str):
                upgraded.append({"id": f"own-{i}-{_slug(q)}", "text": q, "own": True})
            else:
                upgraded.append(q)  # left for the reader to judge
        out["questions"] = upgraded
    ticked = data.get("checklist", [])
    if isinstance(ticked, list):
        out["checklist"] = {item: True for item in ticked if isinstance(item, str)}
    out["schema_version"] = 2
    return out


def v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Format 3 adds ``packet``: the counsellor packet a sheet was started from (none
    for sheets made before packets existed)."""
    out = dict(data)
    out.setdefault("packet", None)
    out["schema_version"] = 3
    return out


# Format 3's default export choices: every section, notes on therapists included.
_V3_DEFAULT_SECTIONS = (
    "summary", "feelings", "background", "questions", "therapists", "before_the_day", "notes"
)


def v3_to_v4(data: dict[str, Any]) -> dict[str, Any]:
    """Format 4 lets a rating be null: not rated. A feeling's ``intensity`` used to
    start at 5 and was always written, so a migration cannot tell a 5 the person chose
    from one they never touched: old values are kept as they are (a missing one was
    read as 5, and still is). ``fit`` 0 meant "not rated yet" and becomes null.

    Notes on therapists are now left out of the PDF by default. A format-3 sheet whose
    export choices are still exactly the old default (every section) never chose them,
    so they are left out too; a sheet whose choices were changed keeps them as chosen.
    """
    out = dict(data)
    export = data.get("export")
    if isinstance(export, dict) and export.get("sections") == list(_V3_DEFAULT_SECTIONS):
        out["export"] = {
            **export,
            "sections": [s for s in _V3_DEFAULT_SECTIONS if s != "therapists"],
        }
    feelings = data.get("feelings")
    if isinstance(feelings, list):
        out["feelings"] = [
            {**f, "intensity": 5} if isinstance(f, dict) and "intensity" not in f else f
            for f in feelings
        ]
    therapists = data.get("therapists")
    if isinstance(therapists, list):
        out["therapists"] = [
            {**t, "fit": None}
            if isinstance(t, dict) and type(t.get("fit")) is int and t.get("fit") == 0
            else t
            for t in therapists
        ]
    out["schema_version"] = 4
    return out


def v4_to_v5(data: dict[str, Any]) -> dict[str, Any]:
    """Format 5 stores ids, not English text, so a sheet shows in the language chosen now.

    A feeling from the list (``own`` false) stored its English word: it now stores the
    word's id ("fed up" -> "fed-up"). A bank or packet question stored its English text:
    it now stores only its id (``text`` ""). Old texts are matched exactly, then with case
    and spaces aside, against the English list and bank (a packet question against the
    packet kept in the sheet). A text that matches nothing is kept, word for word, as the
    person's own (``own`` true; a question's id becomes "own-<id>" and the therapists'
    answers follow it). Own words and own questions stay exactly as typed.
    """
    english = in_language("en")
    out = dict(data)
    feelings = data.get("feelings")
    if isinstance(feelings, list):
        words = {fold(w.word): w.id for w in english.all_words()}
        out["feelings"] = [_feeling_v5(f, words) for f in feelings]
    questions = data.get("questions")
    if isinstance(questions, list):
        by_id = {q.id: fold(q.text) for q in english.all_questions()}
        bank_texts: dict[str, str] = {}  # folded text -> the first bank id with it
        for qid, text in by_id.items():
            bank_texts.setdefault(text, qid)
        by_id.update(_packet_questions(data.get("packet")))
        renamed: dict[str, str] = {}
        taken = {q.get("id") for q in questions if isinstance(q, dict)}
        out["questions"] = [_question_v5(q, by_id, bank_texts, taken, renamed) for q in questions]
        if renamed and isinstance(data.get("therapists"), list):
            out["therapists"] = _renamed_answers(data["therapists"], renamed)
    out["schema_version"] = 5
    return out


def _feeling_v5(feeling: Any, words: dict[str, str]) -> Any:
    if not isinstance(feeling, dict) or feeling.get("own", False) is not False:
        return feeling  # the person's own word (or not a feeling at all: the reader says so)
    word = feeling.get("word")
    if not isinstance(word, str):
        return feeling
    found = words.get(fold(word))
    return {**feeling, "word": found} if found else {**feeling, "own": True}


def _packet_questions(packet: Any) -> dict[str, str]:
    """The packet's questions as app id -> folded text (none when there is no packet)."""
    from firstsession.packet import packet_item_id

    if not isinstance(packet, dict) or not isinstance(packet.get("questions"), list):
        return {}
    return {
        packet_item_id(q["id"]): fold(q["text"])
        for q in packet["questions"]
        if isinstance(q, dict) and isinstance(q.get("id"), str) and isinstance(q.get("text"), str)
    }


def _question_v5(
    q: Any,
    by_id: dict[str, str],
    bank_texts: dict[str, str],
    taken: set[Any],
    renamed: dict[str, str],
) -> Any:
    if not isinstance(q, dict) or q.get("own") is True:
        return q
    qid, text = q.get("id"), q.get("text")
    if not isinstance(qid, str) or not isinstance(text, str):
        return q  # left for the reader to judge
    folded = fold(text)
    if by_id.get(qid) == folded:
        return {**q, "text": ""}
    other = bank_texts.get(folded)
    if other is not None and other not in taken:
        taken.add(other)
        renamed[qid] = other
        return {**q, "id": other, "text": ""}
    own_id = f"own-{qid}"
    while own_id in taken:
        own_id += "-1"
    taken.add(own_id)
    renamed[qid] = own_id
    return {**q, "id": own_id, "own": True}


def _renamed_answers(therapists: list[Any], renamed: dict[str, str]) -> list[Any]:
    """The therapists with their answers filed under the questions' new ids."""
    return [
        {**t, "answers": {renamed.get(k, k): v for k, v in t["answers"].items()}}
        if isinstance(t, dict) and isinstance(t.get("answers"), dict)
        else t
        for t in therapists
    ]


MIGRATIONS: dict[int, Migration] = {1: v1_to_v2, 2: v2_to_v3, 3: v3_to_v4, 4: v4_to_v5}


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Apply every step from ``version`` up to the current schema."""
    while version in MIGRATIONS:
        data = MIGRATIONS[version](data)
        version += 1
    return data
