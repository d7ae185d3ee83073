"""Step-by-step upgrades of older saved sheets to the current schema.

Each function takes the dict of version N and returns the dict of version N+1.
They never touch the file on disk: the upgraded sheet is written only when the
person next saves, after the usual backup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

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


MIGRATIONS: dict[int, Migration] = {1: v1_to_v2, 2: v2_to_v3, 3: v3_to_v4}


def migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Apply every step from ``version`` up to the current schema."""
    while version in MIGRATIONS:
        data = MIGRATIONS[version](data)
        version += 1
    return data
