"""Content per language: each item from ``templates/<lang>/``, English where a translation has none.

A language counts as spoken only when it has a compiled catalogue (``i18n.available_languages``):
content alone would show translated guides inside an English window. So these tests write a
tiny catalogue with babel next to their made-up content; Spanish gets one too when the build
has none yet (the merged catalogue lands separately).
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from pypdf import PdfReader

from firstsession import content as content_mod
from firstsession import i18n
from firstsession.content import Content, ContentError
from firstsession.content_files import merged
from firstsession.model import ChosenQuestion, Feeling, Sheet
from firstsession.sample import sample_sheet

pytest_plugins = ["languages"]  # the translations and speak fixtures


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


ENGLISH = content_mod.in_language("en")


# -- fallback item by item -------------------------------------------------------------


def test_a_partial_translation_falls_back_to_english_item_by_item(translations, speak) -> None:  # type: ignore[no-untyped-def]
    """A made-up language that translates one explainer, one word and the welcome's title
    shows those in its words and every other item in English, never a blank."""
    first, second = ENGLISH.explainers[0], ENGLISH.explainers[1]
    write(translations / "templates" / "xx" / "explainers.toml",
          f'[[explainers]]\nid = "{second.id}"\ntitle = "Xx second"\nbody = "Xx body."\n')
    write(translations / "templates" / "xx" / "welcome.toml", '[welcome]\ntitle = "Xx welcome"\n')
    write(translations / "templates" / "xx" / "emotions.toml",
          '[[families]]\nid = "angry"\nwords = [ { id = "fed-up", word = "xx-fedup" } ]\n')
    speak("xx")
    shown = content_mod.load()
    shown.check_all()
    assert [e.id for e in shown.explainers] == [e.id for e in ENGLISH.explainers]
    assert shown.explainers[0] == first
    assert (shown.explainers[1].title, shown.explainers[1].body) == ("Xx second", "Xx body.")
    assert shown.explainers[1].summary == second.summary  # the key it left out: English
    assert shown.welcome.title == "Xx welcome"
    assert shown.welcome.body == ENGLISH.welcome.body
    assert shown.word("fed-up") == ("fed-up", "xx-fedup", ENGLISH.meaning_of("fed-up"))
    assert shown.word("annoyed") == ENGLISH.word("annoyed")
    assert shown.families[0].name == ENGLISH.families[0].name
    assert shown.categories == ENGLISH.categories
    for explainer in shown.explainers:
        assert explainer.title.strip() and explainer.body.strip()


def test_an_empty_translated_text_shows_the_english_one(translations, speak) -> None:  # type: ignore[no-untyped-def]
    """A text left empty in a translation (a translator's placeholder) shows in English."""
    question = ENGLISH.all_questions()[0]
    write(translations / "templates" / "xx" / "questions.toml",
          f'[[categories]]\nid = "{question.category}"\nname = " "\n'
          f'questions = [ {{ id = "{question.id}", text = "" }} ]\n')
    speak("xx")
    assert content_mod.load().question(question.id) == question
    assert content_mod.load().categories[0].name == ENGLISH.categories[0].name


def test_a_broken_translation_file_shows_english_and_logs_one_line(  # type: ignore[no-untyped-def]
    translations, speak, caplog
) -> None:
    """A translation file that is not valid TOML does not break anything: that file shows in
    English, and one warning names it."""
    write(translations / "templates" / "xx" / "checklist.toml", "items = [ { id = \n")
    write(translations / "templates" / "xx" / "welcome.toml", '[welcome]\ntitle = "Xx welcome"\n')
    speak("xx")
    with caplog.at_level(logging.WARNING, logger="firstsession.content_files"):
        shown = content_mod.load()
        assert shown.checklist == ENGLISH.checklist
        assert shown.welcome.title == "Xx welcome"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "xx/checklist.toml" in warnings[0]


def test_a_translation_of_the_wrong_shape_keeps_the_english_item(  # type: ignore[no-untyped-def]
    translations, speak, caplog
) -> None:
    """A translated value of another kind (a list where English has text) is ignored and
    logged; the rest of the file is still used."""
    checklist = ENGLISH.checklist
    write(translations / "templates" / "xx" / "checklist.toml",
          f'items = [ {{ id = "{checklist[0].id}", text = ["oops"] }},'
          f' {{ id = "{checklist[1].id}", text = "Xx item" }} ]\n')
    speak("xx")
    with caplog.at_level(logging.WARNING, logger="firstsession.content_files"):
        shown = content_mod.load().checklist
    assert shown[0] == checklist[0]
    assert shown[1].text == "Xx item"
    assert any("another kind" in r.getMessage() for r in caplog.records)


def test_a_broken_english_file_is_a_content_error(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Our own English file, broken, is a ContentError naming it (the tests catch it)."""
    monkeypatch.setattr("firstsession.content_files._source_dir", lambda: tmp_path)
    write(tmp_path / "welcome.toml", "[welcome\n")
    with pytest.raises(ContentError, match="welcome.toml"):
        merged("welcome.toml", "en")


def test_each_thread_speaking_its_own_language_gets_its_content(speak) -> None:  # type: ignore[no-untyped-def]
    """One content object follows the language of the moment, ``i18n.speaking`` included."""
    speak("es")
    speak("en")
    shown = content_mod.load()
    assert shown.welcome.title == ENGLISH.welcome.title
    with i18n.speaking("es"):
        spanish_title = shown.welcome.title
    assert spanish_title != ENGLISH.welcome.title
    assert spanish_title == content_mod.in_language("es").welcome.title
    assert shown.welcome.title == ENGLISH.welcome.title


# -- ids -----------------------------------------------------------------------------------


def test_every_feeling_and_body_word_has_a_unique_id_in_both_languages() -> None:
    """Every word in templates/emotions.toml has an id, unique; each Spanish word carries
    the id of an English word, so meanings are found by id, never by position."""
    english_ids = [w.id for w in ENGLISH.all_words()] + [w.id for w in ENGLISH.body_words]
    assert all(english_ids) and len(english_ids) == len(set(english_ids))
    import tomllib

    spanish = tomllib.loads((Path(__file__).parents[1] / "templates" / "es" /
                             "emotions.toml").read_text(encoding="utf-8"))
    spanish_ids = [w["id"] for f in spanish["families"] for w in f["words"]]
    spanish_ids += [w["id"] for w in spanish["body"]["words"]]
    assert sorted(spanish_ids) == sorted(english_ids)


def test_the_same_sheet_shows_its_words_and_questions_in_the_language_chosen_now(speak) -> None:  # type: ignore[no-untyped-def]
    """A sheet keeps ids: under es it shows the Spanish word, meaning and question, under
    en the English ones; own words and own questions stay exactly as typed."""
    sheet = Sheet(
        feelings=[Feeling("fed-up"), Feeling("Stretched thin", own=True)],
        questions=[ChosenQuestion(ENGLISH.all_questions()[0].id),
                   ChosenQuestion("own-1", "¿Puedo venir con mi hija?", own=True)],
    )
    shown = content_mod.load()
    speak("es")
    assert [shown.feeling_word(f) for f in sheet.feelings] == ["hartazgo", "Stretched thin"]
    assert shown.meaning_of("fed-up") == "cansancio de algo que pasa una y otra vez"
    spanish_question = shown.question_text(sheet.questions[0])
    assert spanish_question.startswith("¿")
    assert shown.question_text(sheet.questions[1]) == "¿Puedo venir con mi hija?"
    speak("en")
    assert [shown.feeling_word(f) for f in sheet.feelings] == ["fed up", "Stretched thin"]
    assert shown.meaning_of("fed-up") == "tired of something that keeps happening"
    assert shown.question_text(sheet.questions[0]) == ENGLISH.all_questions()[0].text


def test_a_word_typed_in_either_language_is_found_by_its_id(speak) -> None:  # type: ignore[no-untyped-def]
    """Under es, "Hartazgo " and "fed up" both name the list word "fed-up"; other text is own."""
    speak("es")
    shown = content_mod.load()
    assert shown.word_id_for("Hartazgo ") == "fed-up"
    assert shown.word_id_for("fed  up") == "fed-up"
    assert shown.word_id_for("stretched thin") is None


def test_an_unknown_id_is_shown_readable_never_blank() -> None:
    """A list word or question the content no longer has shows its id as words, or the
    text kept with it: never a blank."""
    assert ENGLISH.feeling_word(Feeling("long-gone-word")) == "long gone word"
    assert ENGLISH.question_text(ChosenQuestion("gone", "Kept words")) == "Kept words"
    assert ENGLISH.question_text(ChosenQuestion("gone")) == "gone"


def test_spanish_crisis_lines_show_under_spanish(speak) -> None:  # type: ignore[no-untyped-def]
    """Under es the US crisis text offers the Spanish options (988, press 2; text AYUDA)."""
    speak("es")
    united_states = content_mod.load().crisis_for("US")
    said = " ".join(f"{line.contact} {line.detail}" for line in united_states.lines)
    assert "AYUDA" in said and "marque 2" in said
    speak("en")
    assert "marque 2" not in " ".join(
        f"{line.contact} {line.detail}" for line in content_mod.load().crisis_for("US").lines)


# -- the PDF -------------------------------------------------------------------------------


def pdf_text(sheet: Sheet) -> str:
    from firstsession.pdf import render_sheet

    data = render_sheet(sheet)
    return "".join(
        "".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def test_the_printed_sheet_shows_content_in_the_language_chosen_now(speak) -> None:  # type: ignore[no-untyped-def]
    """The same sample sheet prints Spanish feeling words, meanings and questions under es,
    English ones under en; its own words print as typed in both."""
    sheet = sample_sheet()
    spanish = content_mod.in_language("es")
    key = next(q for q in sheet.questions if q.starred and not q.own)
    speak("es")
    text = pdf_text(sheet)
    for expected in (spanish.feeling_word(sheet.feelings[0]), spanish.meaning_of("overwhelmed"),
                     spanish.question_text(key), "stretched thin"):
        assert "".join(expected.split()) in text, expected
    assert "".join(ENGLISH.question_text(key).split()) not in text
    speak("en")
    text = pdf_text(sheet)
    assert "".join(ENGLISH.question_text(key).split()) in text
    assert "".join(ENGLISH.meaning_of("overwhelmed").split()) in text
    assert "".join(spanish.question_text(key).split()) not in text


def test_content_objects_fixed_to_a_language_ignore_the_current_one(speak) -> None:  # type: ignore[no-untyped-def]
    """``in_language("en")`` stays English while Spanish is spoken (for old English sheets)."""
    speak("es")
    assert Content("en").welcome == ENGLISH.welcome
    assert content_mod.load().welcome != ENGLISH.welcome


def test_every_shipped_translation_loads_whole_without_a_warning(caplog) -> None:  # type: ignore[no-untyped-def]
    """Each templates/<lang>/ we ship reads cleanly: every part, no file skipped, no value
    of the wrong kind (a warning here would mean English showing through)."""
    folders = sorted(p.name for p in (Path(__file__).parents[1] / "templates").iterdir()
                     if p.is_dir())
    assert "es" in folders
    with caplog.at_level(logging.WARNING, logger="firstsession.content_files"):
        for tag in folders:
            Content(tag).check_all()
    assert [r.getMessage() for r in caplog.records] == []


def test_a_packets_own_questions_keep_the_packets_words_under_another_language(speak) -> None:  # type: ignore[no-untyped-def]
    """Under es, a sheet from an English packet shows the packet's own question as the
    packet wrote it, and the bank's questions in Spanish."""
    from firstsession.packet import Packet, PacketQuestion, Practice, packet_item_id
    from firstsession.packet_content import PacketContent

    packet = Packet(practice=Practice(name="Harbour"), language="en",
                    questions=[PacketQuestion("wait", "How long is the wait?")])
    speak("es")
    shown = PacketContent(content_mod.load(), packet)
    assert shown.question_text(ChosenQuestion(packet_item_id("wait"))) == "How long is the wait?"
    bank = ChosenQuestion(ENGLISH.all_questions()[0].id)
    assert shown.question_text(bank) == content_mod.in_language("es").question_text(bank)
    assert shown.question_text(bank) != ENGLISH.question_text(bank)
