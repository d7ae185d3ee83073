"""The sheet's JSON format: round trips, checks on every field, migrations."""

from __future__ import annotations

import json

import pytest

from firstsession.migrations import migrate
from firstsession.model import ChosenQuestion, Feeling, Sheet, Therapist
from firstsession.sheet_format import (
    SCHEMA_VERSION,
    SheetFormatError,
    SheetTooNewError,
    sheet_from_dict,
    sheet_to_dict,
)


def full_sheet() -> Sheet:
    sheet = Sheet()
    sheet.about.name = "Ana <b>&</b>"
    sheet.feelings.append(Feeling("calm", intensity=3, body="shoulders"))
    sheet.culture_answer("heritage").answer = "Στην οικογένειά μου"
    sheet.culture_answer("heritage").share = True
    sheet.questions.append(ChosenQuestion("licence", "Are you licensed?", starred=True))
    sheet.therapists.append(Therapist(name="Dr. Q", answers={"licence": "Yes"}, fit=4))
    sheet.checklist["bring-card"] = True
    return sheet


def test_round_trip_through_json_keeps_everything() -> None:
    """A sheet written to JSON and read back is equal, field for field."""
    sheet = full_sheet()
    text = json.dumps(sheet_to_dict(sheet))
    assert sheet_from_dict(json.loads(text)) == sheet


def test_saved_json_names_its_format_and_version() -> None:
    """Every saved sheet says what it is and which schema version wrote it."""
    data = sheet_to_dict(Sheet())
    assert data["format"] == "firstsession-sheet"
    assert data["schema_version"] == SCHEMA_VERSION


def test_newer_version_is_refused_with_a_clear_message() -> None:
    """A sheet from a newer First Session is refused, not half-read."""
    data = sheet_to_dict(Sheet())
    data["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(SheetTooNewError, match="newer First Session"):
        sheet_from_dict(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "something-else"}, "not a First Session sheet"),
        ({"schema_version": "2"}, "schema_version"),
        ({"notes": 5}, "notes should be text"),
        ({"feelings": [{"word": "sad", "intensity": 11}]}, r"feelings\[0\].intensity"),
        ({"feelings": [{"word": ""}]}, "word is empty"),
        ({"feelings": {"word": "sad"}}, "feelings should be a list"),
        ({"therapists": [{"id": "t1", "fit": 9}]}, "fit"),
        ({"therapists": [{"id": "t1", "answers": {"q": 3}}]}, "answers"),
        ({"culture": [{"prompt_id": "x", "share": "yes"}]}, "share should be true or false"),
        ({"checklist": ["a"]}, "checklist"),
        ({"export": {"paper": "A5"}}, "paper"),
    ],
)
def test_wrong_fields_are_named(change: dict[str, object], message: str) -> None:
    """A malformed field gives an error that names the field."""
    data = sheet_to_dict(Sheet())
    data.update(change)
    with pytest.raises(SheetFormatError, match=message):
        sheet_from_dict(data)


def test_non_objects_are_not_sheets() -> None:
    """A JSON list, number or null is not mistaken for a sheet."""
    for value in ([], 3, None, "sheet"):
        with pytest.raises(SheetFormatError):
            sheet_from_dict(value)


def test_version_1_questions_and_checklist_are_migrated() -> None:
    """A format-1 sheet (plain-string questions, list checklist) reads as format 2."""
    v1 = {
        "format": "firstsession-sheet",
        "schema_version": 1,
        "notes": "kept",
        "questions": ["How long is a session?", "Do you give homework?"],
        "checklist": ["bring-card", "write-questions"],
    }
    sheet = sheet_from_dict(v1)
    assert [q.text for q in sheet.questions] == ["How long is a session?", "Do you give homework?"]
    assert all(q.own for q in sheet.questions)
    assert len({q.id for q in sheet.questions}) == 2
    assert sheet.checklist == {"bring-card": True, "write-questions": True}
    assert sheet.notes == "kept"


def test_migration_does_not_change_its_input() -> None:
    """Migrating works on a copy: the caller's data is left alone."""
    v1 = {"format": "firstsession-sheet", "schema_version": 1, "checklist": ["a"]}
    out = migrate(dict(v1), 1)
    assert v1["checklist"] == ["a"]
    assert out["schema_version"] == SCHEMA_VERSION


def test_answers_are_private_until_shared() -> None:
    """A new background answer is private; only shared, non-empty ones count as shared."""
    sheet = Sheet()
    a = sheet.culture_answer("faith")
    a.answer = "private words"
    assert not a.share
    assert sheet.shared_culture() == []
    assert sheet.private_count() == 1
    a.share = True
    assert sheet.shared_culture() == [a]


def test_version_2_gains_an_empty_packet() -> None:
    """A format-2 sheet reads as format 3 with no packet, keeping everything else."""
    v2 = {"format": "firstsession-sheet", "schema_version": 2, "notes": "kept",
          "checklist": {"a": True}}
    sheet = sheet_from_dict(v2)
    assert sheet.packet is None and sheet.notes == "kept" and sheet.checklist == {"a": True}
    assert sheet_to_dict(sheet)["schema_version"] == SCHEMA_VERSION == 5


def test_sheet_keeps_its_packet_and_refuses_a_bad_one() -> None:
    """The packet a sheet came from round-trips; a malformed one names the field."""
    from firstsession.packet_format import packet_to_dict
    from firstsession.packet_sample import sample_packet

    sheet = Sheet(packet=packet_to_dict(sample_packet()))
    assert sheet_from_dict(json.loads(json.dumps(sheet_to_dict(sheet)))) == sheet
    data = sheet_to_dict(sheet)
    data["packet"]["practice"]["email"] = 5
    with pytest.raises(SheetFormatError, match="packet: practice.email"):
        sheet_from_dict(data)


def test_a_new_feeling_and_a_new_therapist_are_not_rated() -> None:
    """Nothing is filled in for the person: a new feeling's intensity and a new therapist's
    fit are None (not rated) and are saved as null, not as a middle value."""
    sheet = Sheet(feelings=[Feeling("overwhelmed")], therapists=[Therapist(name="Tom Reid")])
    assert sheet.feelings[0].intensity is None and sheet.therapists[0].fit is None
    data = json.loads(json.dumps(sheet_to_dict(sheet)))
    assert data["feelings"][0]["intensity"] is None and data["therapists"][0]["fit"] is None
    assert sheet_from_dict(data) == sheet


def test_a_rating_may_be_null_but_not_zero_fit_or_out_of_range() -> None:
    """Format 4 reads null (or a missing key) as not rated; fit 0, intensity 11 are refused."""
    data = sheet_to_dict(Sheet())
    data["feelings"] = [{"word": "sad"}, {"word": "calm", "intensity": None}]
    data["therapists"] = [{"id": "t1"}]
    sheet = sheet_from_dict(data)
    assert [f.intensity for f in sheet.feelings] == [None, None]
    assert sheet.therapists[0].fit is None
    data["therapists"] = [{"id": "t1", "fit": 0}]
    with pytest.raises(SheetFormatError, match=r"therapists\[0\]\.fit should be .* or null"):
        sheet_from_dict(data)


def test_version_3_sheets_keep_their_intensities_and_unrated_fit_becomes_null() -> None:
    """A migration cannot tell a chosen 5 from the old default, so format-3 intensities
    are kept as they were (a missing one was read as 5 and still is); fit 0 meant "not
    rated yet" and becomes null; fit 1-5 is kept."""
    v3 = {
        "format": "firstsession-sheet", "schema_version": 3,
        "feelings": [{"word": "sad", "intensity": 5}, {"word": "calm", "intensity": 0},
                     {"word": "tense"}],
        "therapists": [{"id": "t1", "fit": 0}, {"id": "t2", "fit": 4}],
    }
    sheet = sheet_from_dict(v3)
    assert [f.intensity for f in sheet.feelings] == [5, 0, 5]
    assert [t.fit for t in sheet.therapists] == [None, 4]
    assert v3["therapists"] == [{"id": "t1", "fit": 0}, {"id": "t2", "fit": 4}]  # input kept


def test_a_new_sheet_leaves_the_notes_on_therapists_out_of_the_pdf() -> None:
    """The comparison of therapists is for the person: off by default in a new sheet and
    in a saved sheet with no export choices; a person's own choice is kept."""
    assert "therapists" not in Sheet().export.sections
    data = sheet_to_dict(Sheet())
    del data["export"]
    assert "therapists" not in sheet_from_dict(data).export.sections
    data["export"] = {"sections": ["summary", "therapists"]}
    assert sheet_from_dict(data).export.sections == ["summary", "therapists"]


def test_version_3_default_export_choices_leave_the_notes_on_therapists_out() -> None:
    """A format-3 sheet still on the old default (every section, never chosen) no longer
    prints notes on therapists; one whose choices were changed keeps what it chose."""
    every = ["summary", "feelings", "background", "questions", "therapists",
             "before_the_day", "notes"]
    v3 = {"format": "firstsession-sheet", "schema_version": 3,
          "export": {"sections": every, "paper": "A4"}}
    sheet = sheet_from_dict(v3)
    assert sheet.export.sections == [s for s in every if s != "therapists"]
    assert sheet.export.paper == "A4"
    chosen = {**v3, "export": {"sections": ["summary", "therapists"]}}
    assert sheet_from_dict(chosen).export.sections == ["summary", "therapists"]
