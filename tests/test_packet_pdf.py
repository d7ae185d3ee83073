"""A counsellor packet on paper: the practice's handout, its header, the fillable form, copies."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from pypdf import PdfReader, PdfWriter

from firstsession import content as content_mod
from firstsession.model import ExportOptions, PromptAnswer, Sheet
from firstsession.packet import LocalCrisisLine, Packet, PacketPrompt, PacketQuestion
from firstsession.packet_format import packet_to_dict
from firstsession.packet_sample import PRACTICE_NAME, sample_packet
from firstsession.pdf import render_blank, render_blank_copies, render_sheet

HOSTILE = ["{{ 7*7 }}", "<img src=http://x>", "javascript:alert(1)", "a & b </para>"]
MULTILINE = 1 << 12  # the text field flag "multiline" (PDF 32000-1, table 228)


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    """Text without whitespace: lines wrap differently, the characters must not."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def content() -> content_mod.Content:
    return content_mod.load()


@pytest.fixture(scope="module")
def packet() -> Packet:
    return sample_packet()


@pytest.fixture(scope="module")
def handout(packet: Packet) -> bytes:
    return render_blank(packet=packet, paper="Letter", country="US", client_name="Sam Rivera")


@pytest.fixture(scope="module")
def fillable(packet: Packet) -> bytes:
    return render_blank(packet=packet, paper="A4", country="US", fillable=True)


def replace_packet() -> Packet:
    return dataclasses.replace(
        sample_packet(),
        prompts=[PacketPrompt("only-prompt", "Our only background prompt")],
        prompts_mode="replace",
        questions=[PacketQuestion("only-question", "Our only question?")],
        questions_mode="replace",
    )


# -- the practice's handout ---------------------------------------------------------------


def test_handout_shows_the_practice_details(handout: bytes, packet: Packet) -> None:
    """The practice name, fees, cancellation policy and local crisis line are printed."""
    text = squash("".join(pages_text(handout)))
    for value in (
        PRACTICE_NAME,
        packet.fees,
        packet.cancellation,
        packet.insurance,
        packet.sliding_scale,
        packet.crisis_lines[1].name,
        packet.crisis_lines[1].contact,
        packet.practice.website,
    ):
        assert squash(value) in text, value


def test_details_page_comes_first_with_the_client_name(handout: bytes, packet: Packet) -> None:
    """Page 1 is the practice's page and says who it was prepared for; no other page does."""
    pages = pages_text(handout)
    first = squash(pages[0])
    assert "Preparedfor:SamRivera" in first
    assert squash(packet.welcome_note.split("\n")[0]) in first
    assert not any("Prepared for" in p for p in pages[1:])


def test_packet_prompts_and_questions_are_added(
    handout: bytes, packet: Packet, content: content_mod.Content
) -> None:
    """In "add" mode the packet's prompts and questions print after the bank's."""
    text = squash("".join(pages_text(handout)))
    for prompt in packet.prompts:
        assert squash(prompt.label) in text
    for question in packet.questions:
        assert squash(question.text) in text
    assert squash(content.culture_prompts[0].label) in text
    assert squash(content.all_questions()[0].text) in text


def test_replace_mode_drops_the_banks_prompts_and_questions(
    content: content_mod.Content,
) -> None:
    """In "replace" mode only the packet's own prompts and questions are printed."""
    text = squash("".join(pages_text(render_blank(packet=replace_packet(), country="US"))))
    assert "Ouronlybackgroundprompt" in text and "Ouronlyquestion?" in text
    for prompt in content.culture_prompts:
        assert squash(prompt.label) not in text
    for question in content.all_questions():
        assert squash(question.text) not in text
    for prompt in content.preference_prompts:  # preference prompts are not changed
        assert squash(prompt.label) in text


def test_only_the_packets_steps_are_printed(content: content_mod.Content) -> None:
    """A packet without the feelings and background steps leaves those sections out."""
    packet = dataclasses.replace(sample_packet(), steps=["welcome", "questions", "export"])
    text = squash("".join(pages_text(render_blank(packet=packet, country="US"))))
    assert "Questionsfortherapists" in text and "Notes" in text
    assert "Myfeelings" not in text and "Mybackground" not in text
    assert squash(content.explainers[0].title) not in text


def test_practice_header_and_crisis_line_on_every_page(handout: bytes, packet: Packet) -> None:
    """Every page carries the practice's name and details, its crisis line and Page X of Y."""
    pages = pages_text(handout)
    assert len(pages) > 5
    for n, page in enumerate(pages, start=1):
        flat = squash(page)
        assert squash(PRACTICE_NAME) in flat
        assert squash(packet.practice.phone) in flat
        assert "988" in flat  # the packet's first local crisis line leads the footer
        assert f"Page {n} of {len(pages)}" in page


def test_logo_is_drawn_in_the_header_of_every_copy(packet: Packet) -> None:
    """Every page of every copy draws the logo it names, and the file embeds it only once."""
    data = render_blank_copies(["A", "B"], packet=packet, country="US")
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        if "left blank" in (page.extract_text() or ""):
            continue  # the blank page that pads a copy for duplex printing
        xobjects = page["/Resources"].get("/XObject", {})
        used = set(re.findall(rb"/(FormXob\.[0-9a-f]+) Do", page.get_contents().get_data()))
        assert used, "no logo on the page"
        assert {name.decode() for name in used} <= {k.lstrip("/") for k in xobjects}
    assert data.count(b"/Subtype /Image") == 1


def test_hostile_packet_text_comes_out_literally() -> None:
    """Template code, HTML and javascript: links in a packet print as typed, never as links."""
    hostile = " ".join(HOSTILE)
    packet = dataclasses.replace(
        sample_packet(),
        welcome_note=hostile,
        fees=hostile,
        prompts=[PacketPrompt("evil", hostile, hostile)],
        questions=[PacketQuestion("evil", hostile)],
        crisis_lines=[LocalCrisisLine("{{ 7*7 }} line", "javascript:alert(1)")],
    )
    packet.practice = dataclasses.replace(
        packet.practice, name="<img src=http://x> {{ 7*7 }}", website="javascript:alert(1)"
    )
    data = render_blank(packet=packet, country="US", client_name="<b>{{ 7*7 }}</b>")
    text = squash("".join(pages_text(data)))
    for bit in HOSTILE:
        assert squash(bit) in text
    assert "Preparedfor:<b>{{7*7}}</b>" in text
    assert b"/Link" not in data and b"/URI" not in data and b"/JavaScript" not in data


def test_sheet_from_a_packet_carries_the_practice_header() -> None:
    """A client's sheet from a packet prints the header, the packet prompt's label, its line."""
    packet = sample_packet()
    sheet = Sheet(country="US", export=ExportOptions(paper="A4"))
    sheet.packet = packet_to_dict(packet)
    sheet.culture = [PromptAnswer("pk-best-times", "Tuesday evenings", share=True)]
    pages = pages_text(render_sheet(sheet))
    for page in pages:
        assert squash(PRACTICE_NAME) in squash(page)
        assert "988SuicideCrisis" in squash(page).replace("&", "")
    text = squash("".join(pages))
    assert squash(packet.prompts[0].label) in text
    assert "Tuesdayevenings" in text


# -- the fillable form ----------------------------------------------------------------------


def test_fillable_fields_exist_with_readable_names(
    fillable: bytes, packet: Packet, content: content_mod.Content
) -> None:
    """Text fields for each write-in area and check boxes for questions and checklist items."""
    fields = PdfReader(io.BytesIO(fillable)).get_fields() or {}
    for name in ("about_name", "about_what-brings-me", "feeling1_word", "nervous", "notes"):
        assert fields[name]["/FT"] == "/Tx", name
    for prompt in content.culture_prompts:
        assert fields[f"culture_{prompt.id}"]["/FT"] == "/Tx"
    for prompt in packet.prompts:
        assert fields[f"culture_pk-{prompt.id}"]["/FT"] == "/Tx"
    for question in content.all_questions():
        assert fields[f"question_{question.id}"]["/FT"] == "/Btn"
        assert fields[f"answer_{question.id}"]["/FT"] == "/Tx"
    for question in packet.questions:
        assert fields[f"question_pk-{question.id}"]["/FT"] == "/Btn"
    for item in content.checklist:
        assert fields[f"checklist_{item.id}"]["/FT"] == "/Btn"
    assert all("." not in name for name in fields)  # a dot would mean "child of"


def test_text_fields_are_multiline_with_no_length_cap(fillable: bytes) -> None:
    """Every text field is multiline and has no MaxLen (reportlab's default is 100)."""
    reader = PdfReader(io.BytesIO(fillable))
    widgets = [
        annot.get_object()
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/FT") == "/Tx"
    ]
    assert len(widgets) > 50
    for widget in widgets:
        assert int(widget["/Ff"]) & MULTILINE
        assert "/MaxLen" not in widget
    assert b"/MaxLen" not in fillable


def test_fillable_form_can_be_filled_and_read_back(fillable: bytes) -> None:
    """5,000 characters, accents, other scripts and a ticked box survive a fill and re-read."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fillable)))
    long_text = ("I would like to talk about work. " * 160)[:5000]
    values = {
        "about_name": "Ñandú é ü",
        "about_language": "Ελληνικά, Русский, 中文",  # stored; the form font has no Chinese
        "about_what-brings-me": long_text,
        "question_licence": "/Yes",
        "checklist_check-time": "/Yes",
    }
    for page in writer.pages:
        names = {a.get_object().get("/T") for a in page.get("/Annots", [])}
        here = {k: v for k, v in values.items() if k in names}
        if here:
            writer.update_page_form_field_values(page, here, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    fields = PdfReader(io.BytesIO(out.getvalue())).get_fields() or {}
    assert fields["about_name"]["/V"] == "Ñandú é ü"
    assert fields["about_language"]["/V"] == "Ελληνικά, Русский, 中文"
    assert fields["about_what-brings-me"]["/V"] == long_text
    assert len(fields["about_what-brings-me"]["/V"]) == 5000
    assert fields["question_licence"]["/V"] == "/Yes"
    assert fields["checklist_check-time"]["/V"] == "/Yes"
    assert fields["about_pronouns"].get("/V", "") == ""


# -- personalised copies ----------------------------------------------------------------------


def test_each_name_gets_its_own_handout_in_one_pdf(packet: Packet) -> None:
    """N names give N handouts, each starting on a new page with its own name, padded even."""
    names = ["Sam Rivera", "Ñandú Pérez", "Ana"]
    single = len(pages_text(render_blank(packet=packet, country="US", client_name="x")))
    pages = pages_text(render_blank_copies(names, packet=packet, country="US"))
    per_copy = single + single % 2  # an odd handout is padded with a blank page
    assert len(pages) == per_copy * len(names)
    starts = [i for i, page in enumerate(pages) if "Prepared for" in page]
    assert starts == [i * per_copy for i in range(len(names))]
    for start, name in zip(starts, names, strict=True):
        assert squash(f"Prepared for: {name}") in squash(pages[start])
        assert f"Page 1 of {single}" in pages[start]
    if single % 2:
        assert "left blank" in pages[per_copy - 1]


def test_fillable_copies_have_their_own_fields(packet: Packet) -> None:
    """In fillable copies each client's fields have their own prefix, so none are shared."""
    data = render_blank_copies(["A", "B"], packet=packet, country="US", fillable=True)
    reader = PdfReader(io.BytesIO(data))
    fields = reader.get_fields() or {}
    assert "client001_about_name" in fields and "client002_about_name" in fields
    assert len([f for f in fields if f.startswith("client001_")]) == len(fields) // 2
    # Each text box has its own appearance: form fillers such as pypdf draw the typed
    # text into it in place, so a shared one would show the text in every box.
    looks = [
        annot.get_object()["/AP"].raw_get("/N").idnum
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/FT") == "/Tx"
    ]
    assert len(looks) == len(set(looks)) > 100


def test_a_very_long_name_is_shortened_to_fit() -> None:
    """A long name shrinks to fit its line on page 1; a longer one is cut with an ellipsis."""
    fits = "Wolfeschlegelsteinhausenbergerdorff " * 2
    first = pages_text(render_blank(country="US", client_name=fits))[0]
    assert squash(f"Prepared for: {fits}") in squash(first)
    first = pages_text(render_blank(country="US", client_name="W" * 100))[0]
    shown = re.search(r"Prepared for:\s*(W+\u2026)", first)
    assert shown is not None and 20 < len(shown.group(1)) < 100
