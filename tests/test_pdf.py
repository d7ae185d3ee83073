"""The PDFs as a person (and their therapist) reads them: text, pages, footers, metadata."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from firstsession import content as content_mod
from firstsession.content import CrisisCountry
from firstsession.model import (
    SECTIONS,
    AboutMe,
    ChosenQuestion,
    ExportOptions,
    Feeling,
    PromptAnswer,
    Sheet,
    Therapist,
)
from firstsession.pdf import (
    PdfError,
    Undrawable,
    export_blank,
    export_sheet,
    render_blank,
    render_sheet,
    undrawable,
)

TRICKY = (
    'Less < more & "quotes" \'single\' {{ name }} {% if x %} <img src="http://x"> </para>\n'
    "second line: é ñ ü · Καλημέρα · Здравствуйте · Tiếng Việt có dấu"
)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def squash(text: str) -> str:
    """Text without any whitespace: lines wrap differently, the characters must not."""
    return "".join(text.split())


def full_text(pdf: bytes) -> str:
    return squash("".join(pages_text(pdf)))


def small_sheet(**changes: object) -> Sheet:
    sheet = Sheet(country="US", export=ExportOptions(paper="A4"))
    for key, value in changes.items():
        setattr(sheet, key, value)
    return sheet


@pytest.fixture(scope="module")
def content() -> content_mod.Content:
    return content_mod.load()


@pytest.fixture(scope="module")
def blank_pdf() -> bytes:
    return render_blank(paper="A4", country="GB")


# -- text comes out exactly ------------------------------------------------------------


def test_markup_and_scripts_come_back_exactly() -> None:
    """Markup characters, template syntax, accents, Greek, Cyrillic, Vietnamese print as typed."""
    sheet = small_sheet(
        what_brings_me=TRICKY,
        notes=TRICKY,
        feelings=[Feeling("nervous", intensity=7, helps=TRICKY)],
        culture=[PromptAnswer("heritage", TRICKY, share=True)],
        questions=[ChosenQuestion("own-1", TRICKY, own=True)],
        therapists=[Therapist(name="Dr. A", notes=TRICKY)],
        export=ExportOptions(sections=list(SECTIONS), paper="A4"),
    )
    text = full_text(render_sheet(sheet))
    # what brings me and culture (each once: page 1 has them whole), notes, feeling,
    # question, therapist notes
    assert text.count(squash(TRICKY)) >= 6


@pytest.mark.parametrize("text", [TRICKY, "&amp; &lt;&gt; &#65; ]]> <![CDATA[x]]>", "a&&b<<>>"])
def test_escape_is_the_standard_xml_escape(text: str) -> None:
    """Our escape gives exactly xml.sax.saxutils.escape's output (it avoids its import cost)."""
    from xml.sax.saxutils import escape as standard

    from firstsession.pdf.text import escape

    assert escape(text) == standard(text)


def _drawable_text() -> st.SearchStrategy[str]:
    """Letters, digits, punctuation, symbols and spaces, limited to what the font can draw
    in all four styles (``scripts.simple_chars``: the Paragraph route)."""
    from firstsession.scripts import simple_chars

    alphabet = sorted(
        ch
        for ch in simple_chars()
        if unicodedata.category(ch)[0] in "LNPS" or unicodedata.category(ch) == "Zs"
    )
    return st.text(st.sampled_from(alphabet), max_size=120)


# Deferred: the font's character map is read when the test runs, not at collection.
drawable_text = st.deferred(_drawable_text)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(notes=drawable_text)
def test_any_drawable_text_in_notes_comes_back(notes: str) -> None:
    """Any printable text the font can draw (letters, digits, punctuation, symbols) round-trips."""
    sheet = small_sheet(notes=notes, export=ExportOptions(sections=["notes"], paper="A4"))
    # NFC at print time: a character with a canonical singleton (U+1F71) prints composed.
    assert squash(unicodedata.normalize("NFC", notes)) in full_text(render_sheet(sheet))


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(" ".join(["word"] * 10_000)[:50_000], id="spaces"),
        pytest.param("\n".join(["a line of an answer"] * 2_500)[:50_000], id="newlines"),
        pytest.param("x" * 50_000, id="one-run"),
    ],
)
def test_a_50000_character_answer_flows_across_pages(answer: str) -> None:
    """A huge answer splits across pages (no LayoutError) and is printed to its very end."""
    sheet = small_sheet(notes=answer + "THE-END")
    pdf = render_sheet(sheet)
    pages = pages_text(pdf)
    assert len(pages) >= 5
    assert "THE-END" in squash(pages[-1])


def test_long_text_in_every_field_exports(content: content_mod.Content) -> None:
    """Very long names, contacts, words and questions never break the layout or the table."""
    long = "long " * 1_000 + "z" * 3_000
    bank = content.all_questions()[0]
    sheet = small_sheet(
        about=AboutMe(long, long, long),
        what_brings_me=long,
        goals=long,
        feelings=[Feeling(long, own=True, intensity=9, when_where=long, body=long, helps=long)],
        culture=[PromptAnswer("understand", long, share=True)],
        preferences=[PromptAnswer("pref-gender", long, share=True)],
        questions=[ChosenQuestion(bank.id, long, starred=True)],
        therapists=[
            Therapist(name=long, contact=long, notes=long, fit=4, answers={bank.id: long}),
            Therapist(name=long, contact=long, fit=2),
        ],
        nervous_questions=long,
        notes=long,
    )
    pages = pages_text(render_sheet(sheet))
    assert len(pages) > 10
    assert "(continuedinthefullsheet)" in squash(pages[0])


# -- page 1 ---------------------------------------------------------------------------


def test_summary_is_one_page_and_long_text_continues_later() -> None:
    """Page 1 stays one page; cut text says so and appears in full in a later section."""
    long = "I have a lot to say. " * 400 + "LAST-WORDS"
    sheet = small_sheet(about=AboutMe(name="Robin"), what_brings_me=long)
    pages = pages_text(render_sheet(sheet))
    first = squash(pages[0])
    assert "Formytherapist:whatIwantyoutoknow" in first
    assert "(continuedinthefullsheet)" in first and "LAST-WORDS" not in first
    assert "Mypreparationsheet" in squash(pages[1])
    assert "LAST-WORDS" in squash("".join(pages[1:]))


def test_an_answer_whose_section_is_left_out_is_not_on_page_one_or_in_full() -> None:
    """Page 1 shows only ticked sections: an answer whose section is not exported is
    neither on page 1 nor under 'Page 1 in full', and page 1 does not claim the sheet
    is empty."""
    long = "Some words about why I am here. " * 200 + "LAST-WORDS"
    sheet = small_sheet(what_brings_me=long, export=ExportOptions(sections=["summary"], paper="A4"))
    text = full_text(render_sheet(sheet))
    assert "Page1infull" not in text and "Somewords" not in text and "LAST-WORDS" not in text
    assert "Nothinghasbeenwritten" not in text and "sectionschosen" in text


def test_summary_lists_feelings_in_the_persons_order_with_text_intensity() -> None:
    """Feelings on page 1 keep the order the person gave them (not re-sorted by strength)
    and are shown as 'N / 10' in words."""
    sheet = small_sheet(
        feelings=[Feeling("calm", intensity=2), Feeling("angry", intensity=9)],
        questions=[ChosenQuestion("own-1", "Do you see teens?", starred=True, own=True)],
    )
    first = squash(pages_text(render_sheet(sheet))[0])
    assert first.index("calm—2/10") < first.index("angry—9/10")
    assert "Doyouseeteens?" in first


# -- what is shared, what is private -------------------------------------------------------


def test_private_answers_never_appear_and_a_gentle_note_does() -> None:
    """Answers kept private are never printed; shared ones are; the 'kept N private' line shows."""
    sheet = small_sheet(
        culture=[
            PromptAnswer("heritage", "SHARED-HERITAGE-ANSWER", share=True),
            PromptAnswer("faith", "PRIVATE-FAITH-ANSWER", share=False),
            PromptAnswer("understand", "SHARED-UNDERSTAND-ANSWER", share=True),
        ],
        preferences=[PromptAnswer("pref-gender", "PRIVATE-PREFERENCE", share=False)],
    )
    text = full_text(render_sheet(sheet))
    assert "SHARED-HERITAGE-ANSWER" in text and "SHARED-UNDERSTAND-ANSWER" in text
    assert "PRIVATE" not in text
    assert "Ihavekept2answersprivate." in text


def test_starred_questions_are_marked_in_words() -> None:
    """A starred question says '(key question)' in text, not only with a drawn star."""
    sheet = small_sheet(
        questions=[
            ChosenQuestion("own-1", "First question?", starred=True, own=True),
            ChosenQuestion("own-2", "Second question?", own=True),
        ],
        export=ExportOptions(sections=["questions"], paper="A4"),
    )
    text = full_text(render_sheet(sheet))
    assert "1.Firstquestion?(keyquestion)" in text
    assert "2.Secondquestion?" in text and "Secondquestion?(key" not in text


def test_checklist_prints_what_is_done_and_what_is_left_briefly(
        content: content_mod.Content) -> None:
    """The checklist says what was done and what is left, each under a counted label,
    without a '(done)' / '(not yet)' after every item; an untouched one prints nothing."""
    first, second = content.checklist[0], content.checklist[1]
    total = len(content.checklist)
    sheet = small_sheet(
        checklist={first.id: True},
        export=ExportOptions(sections=["before_the_day"], paper="A4"),
    )
    text = full_text(render_sheet(sheet))
    done, left = text.index(f"Done(1of{total})"), text.index(f"Stilltodo({total - 1})")
    assert done < text.index(squash(first.text)) < left < text.index(squash(second.text))
    assert "(done)" not in text and "(notyet)" not in text
    untouched = full_text(render_sheet(small_sheet(
        export=ExportOptions(sections=["before_the_day"], paper="A4"))))
    assert "Beforetheday" not in untouched and squash(first.text) not in untouched


def test_two_therapists_are_compared_side_by_side() -> None:
    """With two therapists the PDF has a comparison of names and fit, written as 'N / 5'."""
    sheet = small_sheet(
        therapists=[Therapist(name="Dr. Okafor", fit=4), Therapist(name="J. Lee")],
        export=ExportOptions(sections=["therapists"], paper="A4"),
    )
    text = full_text(render_sheet(sheet))
    assert "Sidebyside" in text
    assert "Dr.Okafor4/5" in text and "J.Leenotrated" in text


def test_only_chosen_sections_are_printed() -> None:
    """Sections left out of export.sections do not appear."""
    sheet = small_sheet(
        notes="MY-NOTES",
        feelings=[Feeling("tired", intensity=3, helps="NAPS")],
        export=ExportOptions(sections=["notes"], paper="A4"),
    )
    text = full_text(render_sheet(sheet))
    assert "MY-NOTES" in text and "NAPS" not in text and "Myfeelings" not in text


def test_an_empty_sheet_still_exports() -> None:
    """An empty sheet gives a short PDF saying so, not an error."""
    pages = pages_text(render_sheet(Sheet(country="US")))
    assert "Nothinghasbeenwritten" in squash(pages[0])


def test_half_filled_items_do_not_break_the_export() -> None:
    """A feeling with no word yet, a blank question and a nameless therapist still export."""
    sheet = small_sheet(
        feelings=[Feeling("  ", intensity=6, helps="tea")],
        questions=[ChosenQuestion("own-1", "", own=True)],
        therapists=[Therapist(), Therapist(fit=3)],
        export=ExportOptions(sections=list(SECTIONS), paper="A4"),
    )
    text = full_text(render_sheet(sheet))
    assert "Afeeling—6/10" in text and "Therapist2" in text


def test_importing_the_package_does_not_load_reportlab() -> None:
    """The app can import firstsession.pdf at start-up without paying for reportlab."""
    code = "import sys, firstsession.pdf; print('reportlab' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")},
    )
    assert result.stdout.strip() == "False"


# -- characters the font cannot draw -------------------------------------------------------


def test_undrawable_writing_is_reported_by_field_and_script() -> None:
    """Only writing no bundled font has (Javanese, control characters) is named, with the
    field's label as the app shows it and the script in words; emoji print; the export stops."""
    sheet = small_sheet(
        notes="Hello 😀 and ꦲꦤꦕꦫꦏ again 🌱",
        feelings=[Feeling("sad", intensity=4), Feeling("tense", helps="bell\x07")],
    )
    assert undrawable(sheet) == [
        Undrawable("About \u201ctense\u201d: What helps, even a little?", ("Control characters",)),
        Undrawable("Anything else to remember", ("Javanese",)),
    ]
    with pytest.raises(PdfError) as err:
        render_sheet(sheet)
    assert "Javanese letters in \u201cAnything else to remember\u201d" in str(err.value)
    assert "Control characters in \u201cAbout \u201ctense\u201d" in str(err.value)
    assert "U+" not in str(err.value)


def test_replace_missing_prints_the_scripts_name() -> None:
    """With replace_missing writing no font has is printed as its script's name, never dropped."""
    sheet = small_sheet(notes="smile ꦲꦤꦕꦫꦏ here 😀")
    text = full_text(render_sheet(sheet, replace_missing=True))
    assert "smile[Javanese]here😀" in text


def test_private_or_unexported_text_never_blocks_an_export() -> None:
    """Undrawable characters in text that is not printed do not stop the export."""
    sheet = small_sheet(
        culture=[PromptAnswer("faith", "private ꦲꦤꦕꦫꦏ", share=False)],
        notes="ꦲꦤꦕꦫꦏ",
        export=ExportOptions(sections=["summary", "background"], paper="A4"),
    )
    assert undrawable(sheet) == []
    render_sheet(sheet)


def test_windows_line_ends_are_line_breaks_not_errors() -> None:
    """'\\r\\n' from pasted text is a line break, not an undrawable character."""
    sheet = small_sheet(notes="one\r\ntwo\rthree")
    assert undrawable(sheet) == []
    assert "onetwothree" in full_text(render_sheet(sheet))


# -- every page -------------------------------------------------------------------------


def _reviewed_on(country: CrisisCountry, day: dt.date) -> CrisisCountry:
    """A copy of ``country`` last checked on ``day`` (named tuple or dataclass alike)."""
    if hasattr(country, "_replace"):
        return country._replace(reviewed=day)
    return dataclasses.replace(country, reviewed=day)


@pytest.mark.parametrize(("country", "number"), [
    ("US", "988"), ("GB", "116123"), ("BR", "numbers:192,190"), ("ZZ", "yourlocalemergencynumber"),
])
def test_every_page_has_page_x_of_y_and_the_crisis_line(country: str, number: str) -> None:
    """Each page says 'Page X of Y' and carries the crisis line for the sheet's country."""
    sheet = small_sheet(country=country, notes="A fairly long note. " * 900)
    pages = pages_text(render_sheet(sheet))
    assert len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
        assert number in squash(page)


def test_stale_crisis_numbers_carry_a_check_date(content: content_mod.Content) -> None:
    """Crisis data older than a year adds '(checked on DATE; numbers change, please confirm)'
    on every page."""
    old = dt.date(2020, 3, 1)
    countries = tuple(_reviewed_on(c, old) if c.code == "US" else c for c in content.countries)
    stale = content_mod.Content()  # a fresh copy; only its crisis data is changed
    stale.countries = countries
    sheet = small_sheet(notes="note " * 2000)
    for page in pages_text(render_sheet(sheet, content=stale)):
        assert "2020;numberschange,pleaseconfirm" in squash(page)
    assert "please confirm" not in full_text(render_sheet(sheet, content=content))


def test_metadata_names_nobody(content: content_mod.Content) -> None:
    """Title and creator are neutral; no person's name, user name or machine name.

    Every field is compared whole with what it must be, so a name cannot hide in any of
    them, and the check does not depend on who runs it (a user called "ion" or "session")."""
    sheet = small_sheet(about=AboutMe(name="Zanzibar-Quokka-7731"), notes="hi")
    fixed_date = "D:20000101000000+00'00'"  # invariant, never the time or place of making
    for pdf, title in (
        (render_sheet(sheet), "First Session preparation sheet"),
        (render_blank(content=content), "First Session handout: getting ready for a first session"),
    ):
        meta = PdfReader(io.BytesIO(pdf)).metadata or {}
        assert {key: str(value) for key, value in meta.items()} == {
            "/Title": title, "/Author": "", "/Subject": "", "/Keywords": "",
            "/Creator": "First Session", "/Producer": "First Session",
            "/CreationDate": fixed_date, "/ModDate": fixed_date, "/Trapped": "/False",
        }


def test_same_sheet_gives_the_same_bytes() -> None:
    """Output is deterministic (no time stamps or random ids in the file)."""
    sheet = small_sheet(notes="same")
    assert render_sheet(sheet) == render_sheet(sheet)


@pytest.mark.parametrize(
    ("paper", "country", "size"),
    [
        ("A4", "US", (595, 842)),
        ("Letter", "GB", (612, 792)),
        ("auto", "US", (612, 792)),
        ("auto", "GB", (595, 842)),
    ],
)
def test_paper_size_follows_the_option_then_the_country(
    paper: str, country: str, size: tuple[int, int]
) -> None:
    """A4 or Letter as chosen; 'auto' follows the country (Letter for the US)."""
    sheet = Sheet(country=country, notes="x", export=ExportOptions(paper=paper))
    page = PdfReader(io.BytesIO(render_sheet(sheet))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


def test_unknown_paper_is_a_plain_error() -> None:
    """A paper name other than A4 or Letter is a PdfError, not a crash."""
    with pytest.raises(PdfError, match="unknown paper size"):
        render_sheet(small_sheet(), paper="A3")


# -- files --------------------------------------------------------------------------------


def test_export_writes_files(tmp_path: Path) -> None:
    """export_sheet and export_blank write readable PDFs to the chosen path."""
    sheet_out, blank_out = tmp_path / "sheet.pdf", tmp_path / "blank.pdf"
    export_sheet(small_sheet(notes="hello"), sheet_out)
    export_blank(blank_out, paper="Letter", country="US")
    assert "hello" in full_text(sheet_out.read_bytes())
    assert len(PdfReader(blank_out).pages) > 5


def test_unwritable_output_is_a_plain_error(tmp_path: Path) -> None:
    """Saving where no file can go raises PdfError 'cannot write ...'."""
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    with pytest.raises(PdfError, match="cannot write"):
        export_sheet(small_sheet(), not_a_folder / "out.pdf")


# -- the blank handout ----------------------------------------------------------------------


def test_blank_handout_has_every_explainer_prompt_and_question(
    blank_pdf: bytes, content: content_mod.Content
) -> None:
    """The handout prints every explainer title, culture prompt label and question."""
    text = full_text(blank_pdf)
    for explainer in content.explainers:
        assert squash(explainer.title) in text
    for prompt in content.culture_prompts + content.preference_prompts:
        assert squash(prompt.label) in text
    for question in content.all_questions():
        assert squash(question.text) in text
    assert "012345678910" in text  # the scale to circle


def test_blank_handout_pages_have_footer_and_no_missing_glyphs(blank_pdf: bytes) -> None:
    """Every handout page has the crisis line and page number; no content is left out as
    [U+...] codes or [Script] names."""
    pages = pages_text(blank_pdf)
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
        assert "116123" in squash(page)
    assert not re.search(r"\[U\+[0-9A-F]{4,6}\]|\[[A-Z][a-z]+\]", "".join(pages))
