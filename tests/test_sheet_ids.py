"""Sheets store ids, not English words (format 5); older sheets move to ids, keeping every word."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from firstsession import content as content_mod
from firstsession.migrations import v4_to_v5
from firstsession.model import ChosenQuestion, Feeling, Sheet
from firstsession.sample import sample_sheet
from firstsession.sheet_format import SCHEMA_VERSION, sheet_from_dict, sheet_to_dict

DATA = Path(__file__).parent / "data"
ENGLISH = content_mod.in_language("en")


def old_sheet() -> dict[str, Any]:
    """A real format-4 file, as First Session wrote it before ids."""
    data: dict[str, Any] = json.loads((DATA / "sheet-v4.json").read_text(encoding="utf-8"))
    return data


def strings(value: object) -> list[str]:
    """Every text in a sheet's JSON (ids left out: they are names, not words)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != "id" for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_the_format_is_five_and_a_new_sheet_writes_ids() -> None:
    """A sheet written now is format 5: list words and bank questions as ids, no English copy."""
    sheet = sample_sheet()
    data = sheet_to_dict(sheet)
    assert data["schema_version"] == SCHEMA_VERSION == 5
    listed = [f["word"] for f in data["feelings"] if not f["own"]]
    assert listed == ["overwhelmed", "irritated", "lonely", "hopeful"]
    assert all(ENGLISH.word(word) is not None for word in listed)
    bank = [q for q in data["questions"] if not q["own"]]
    assert bank and all(q["text"] == "" and ENGLISH.question(q["id"]) for q in bank)


def test_an_old_sheet_maps_english_words_and_questions_to_ids() -> None:
    """Exact matches, then case- and space-insensitive ones, become ids; a question whose
    id the bank lost but whose text it has takes the bank's id, its answers with it."""
    sheet = sheet_from_dict(old_sheet())
    feelings = {(f.word, f.own) for f in sheet.feelings}
    assert ("fed-up", False) in feelings
    assert ("lonely", False) in feelings  # "  Lonely " in the file
    by_id = {q.id: q for q in sheet.questions}
    assert by_id["licence"] == ChosenQuestion("licence", "", starred=True, own=False)
    assert by_id["verify-licence"].text == "" and not by_id["verify-licence"].own
    assert by_id["training"].text == "" and not by_id["training"].own
    assert sheet.therapists[0].answers["training"] == "A master's degree."


def test_an_old_text_that_matches_nothing_is_kept_as_the_persons_own() -> None:
    """A feeling word or question text that matches no id stays, word for word, as the
    person's own; the question's therapist answer follows it; own words are untouched."""
    sheet = sheet_from_dict(old_sheet())
    assert Feeling("irritable", own=True, intensity=4, helps="A walk") in sheet.feelings
    assert [(f.word, f.own) for f in sheet.feelings if f.own] == [
        ("irritable", True), ("hopeful", True), ("stretched thin", True)]
    moved = next(q for q in sheet.questions if q.text == "Do you see people on Saturdays?")
    assert moved.own and moved.starred and moved.id == "own-supervision"
    assert sheet.therapists[0].answers[moved.id] == "Yes, Saturday mornings."
    assert "supervision" not in sheet.therapists[0].answers
    own = next(q for q in sheet.questions if q.id == "own-1")
    assert own == ChosenQuestion("own-1", "Can my sister come to the first session?", own=True)


def test_migrating_an_old_sheet_loses_no_word() -> None:
    """Every text of the old file is still in the sheet, as stored or as shown in English."""
    data = old_sheet()
    sheet = sheet_from_dict(data)
    shown = strings(sheet_to_dict(sheet))
    shown += [ENGLISH.feeling_word(f) for f in sheet.feelings]
    shown += [ENGLISH.question_text(q) for q in sheet.questions]
    folded = {" ".join(s.split()).casefold() for s in shown}
    for text in strings(data):
        if text.strip():
            assert " ".join(text.split()).casefold() in folded, text


def test_a_packet_question_stays_the_packets_words() -> None:
    """A sheet from a packet keeps a packet question by id when the packet kept in the sheet
    has its text, so it shows the packet's words in the packet's language."""
    packet = {"format": "firstsession-packet", "schema_version": 1,
              "practice": {"name": "Clínica Río"}, "language": "es",
              "questions": [{"id": "fees", "text": "¿Cuánto cuesta una sesión?"}]}
    data = {"format": "firstsession-sheet", "schema_version": 4, "packet": packet,
            "questions": [{"id": "pk-fees", "text": "¿Cuánto cuesta una sesión?", "own": False}]}
    sheet = sheet_from_dict(data)
    assert sheet.questions == [ChosenQuestion("pk-fees", "")]
    from firstsession.packet_content import content_for_sheet

    shown = content_for_sheet(sheet.packet, ENGLISH)
    assert shown.question_text(sheet.questions[0]) == "¿Cuánto cuesta una sesión?"


def test_the_migration_step_leaves_other_fields_and_odd_values_alone() -> None:
    """Fields that are not feelings or questions pass through; values of the wrong kind are
    left for the reader to refuse with its usual message."""
    data = {"format": "firstsession-sheet", "schema_version": 4, "notes": "kept",
            "feelings": ["not an object"], "questions": [{"id": 3, "text": "x"}]}
    out = v4_to_v5(data)
    assert out["notes"] == "kept" and out["schema_version"] == 5
    assert out["feelings"] == ["not an object"] and out["questions"] == [{"id": 3, "text": "x"}]


def test_a_format_5_sheet_reads_back_unchanged() -> None:
    """Ids written are ids read: a saved sheet reads back equal."""
    sheet = Sheet(feelings=[Feeling("fed-up", intensity=3)],
                  questions=[ChosenQuestion("licence", starred=True)])
    assert sheet_from_dict(json.loads(json.dumps(sheet_to_dict(sheet)))) == sheet
