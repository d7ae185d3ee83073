"""Guides that fit the person's health system, in the app and in the PDF (issue 13).

The question bank, the checklist and the registers and public routes under What to expect
follow the sheet's country (the packet's, for a sheet or a handout from a counsellor's
packet; never the printing computer's locale); a question already picked always stays and
prints; Spanish shows Spanish, and a word a translation lacks shows in English.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from conftest import open_country_list
from core_catalogue import compile_spanish

from firstsession import content, guides, healthsystems, i18n, localeinfo
from firstsession.app.session import Session
from firstsession.app.window import MainWindow, settings
from firstsession.model import ChosenQuestion, Sheet
from firstsession.packet import Packet
from firstsession.packet_format import packet_to_dict
from firstsession.packet_sample import sample_packet
from firstsession.pdf import render_blank, render_sheet

REGISTER_Q = "Are you on a professional register? Which one?"
LICENSE_Q = "Are you licensed to practice here? What kind of license do you have?"
INSURANCE_Q = "Do you take my insurance? If not, can you give me a receipt so I can claim it back?"
GENERAL_INSURANCE_Q = "Can I get help with the cost, for example from a public scheme, insurance"
US_PAYMENT = "Have your insurance card and any payment ready, if you need them."
GB_PAYMENT = "Have any letter from your doctor, and any payment, ready if you need them."


@pytest.fixture(autouse=True)
def english_on_a_machine_in(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """English, on a computer whose locale says the US unless a test says otherwise; the
    language and the data read are put back afterwards."""
    before = i18n.current()
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_PAPER", i18n.TRANSLATIONS_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setattr(localeinfo, "_platform_locale", "")
    i18n.set_language("en")
    healthsystems.reload()
    settings().clear()
    yield
    i18n.set_language(before)
    healthsystems.reload()


def spanish(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Speak Spanish from the merged catalogue (the data read again)."""
    compile_spanish(tmp_path)
    monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(tmp_path))
    i18n.set_language("es")
    healthsystems.reload()


def open_app(qtbot, sheet: Sheet) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(Session(sheet, content.load()))
    qtbot.addWidget(window)
    window.show()
    return window


def bank(window: MainWindow) -> dict[str, str]:
    """{question id: text} of the Questions step's bank, as built now."""
    window.go_to("questions")
    page = window.pages["questions"]
    return {qid: item.text(0) for qid, item in page.question_items.items()}  # type: ignore[attr-defined]


def checklist(window: MainWindow) -> dict[str, str]:
    """{item id: text} of the Before the day step's checklist."""
    window.go_to("before")
    page = window.pages["before"]
    return {iid: row.label.text() for iid, row in page.rows.items()}  # type: ignore[attr-defined]


def choose_country(qtbot, window: MainWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    """Pick ``code`` in the country box as a person does: click it, then choose."""
    combo = open_country_list(qtbot, window)
    combo.setCurrentIndex(combo.findData(code))


def pdf_text(data: bytes) -> str:
    """Every page's text, runs of white space as one space."""
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text() or "" for page in pages).split())


def gb_packet() -> Packet:
    return dataclasses.replace(sample_packet(), country="GB")


def test_the_question_bank_in_britain_asks_about_a_register_and_not_insurance(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Under GB the Questions step asks "Are you on a professional register?" and has no
    insurance question at all."""
    questions = bank(open_app(qtbot, Sheet(country="GB")))
    assert questions["licence"] == REGISTER_Q
    assert "insurance" not in questions and "insurer-told" not in questions


def test_the_question_bank_in_the_us_asks_about_a_license_and_insurance(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Under US: the license question in US spelling and the insurance question."""
    questions = bank(open_app(qtbot, Sheet(country="US")))
    assert questions["licence"] == LICENSE_Q
    assert questions["insurance"] == INSURANCE_Q and "insurer-told" in questions


def test_the_checklist_follows_the_country(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The payment item names an insurance card in the US, a doctor's letter in the UK."""
    assert checklist(open_app(qtbot, Sheet(country="US")))["payment"] == US_PAYMENT
    assert checklist(open_app(qtbot, Sheet(country="GB")))["payment"] == GB_PAYMENT


def test_a_new_sheet_follows_the_computers_region(qtbot) -> None:  # type: ignore[no-untyped-def]
    """No country chosen yet on a US computer: the US bank."""
    assert bank(open_app(qtbot, Sheet()))["licence"] == LICENSE_Q


def test_changing_the_country_updates_the_guides_at_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    """With the Questions step open, choosing the UK in the box rebuilds its bank (no
    insurance, the register) and the checklist; the step stays the one shown."""
    window = open_app(qtbot, Sheet(country="US"))
    assert "insurance" in bank(window)
    choose_country(qtbot, window, "GB")
    assert window.current_step() == "questions"
    questions = bank(window)  # the page built again, still the one shown
    assert questions["licence"] == REGISTER_Q and "insurance" not in questions
    assert checklist(window)["payment"] == GB_PAYMENT


def test_a_picked_insurance_question_stays_and_prints_in_britain(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Picked in the US, then the country changed to the UK: the insurance question stays
    in my list (in the general wording) and prints; the licence question follows the UK."""
    sheet = Sheet(country="US", questions=[ChosenQuestion("insurance"), ChosenQuestion("licence")])
    window = open_app(qtbot, sheet)
    bank(window)
    choose_country(qtbot, window, "GB")
    mine = window.pages["questions"].model  # type: ignore[attr-defined]
    shown = [str(mine.data(mine.index(row, 0))) for row in range(mine.rowCount())]
    assert len(shown) == 2 and GENERAL_INSURANCE_Q in shown[0] and shown[1] == REGISTER_Q
    text = pdf_text(render_sheet(window.session.sheet))
    assert GENERAL_INSURANCE_Q in text and REGISTER_Q in text and LICENSE_Q not in text


def test_what_to_expect_names_the_registers_and_routes_with_their_sources(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Under GB, "Choosing a therapist" ends with the HCPC and where that came from, and
    "Other ways to get therapy" with NHS Talking Therapies."""
    window = open_app(qtbot, Sheet(country="GB"))
    window.go_to("expect")
    page = window.pages["expect"]
    ids = [e.id for e in page.explainers]  # type: ignore[attr-defined]
    page.topics.setCurrentRow(ids.index(guides.CREDENTIALS_EXPLAINER))  # type: ignore[attr-defined]
    text = page.reader.toPlainText()  # type: ignore[attr-defined]
    assert "Where to check a therapist in United Kingdom" in text
    assert "Health and Care Professions Council (HCPC)" in text
    assert "From the website of Health and Care Professions Council (HCPC): hcpc-uk.org" in text
    page.topics.setCurrentRow(ids.index(guides.ROUTES_EXPLAINER))  # type: ignore[attr-defined]
    assert "NHS Talking Therapies" in page.reader.toPlainText()  # type: ignore[attr-defined]


def test_an_entry_checked_over_a_year_ago_says_please_confirm() -> None:
    """A year and a day after its review, each entry says when it was checked."""
    _heading, fresh = guides.entries_for("public-routes", "GB")
    reviewed = healthsystems.public_routes("GB")[0].reviewed
    later = reviewed + dt.timedelta(days=366)
    _heading, old = guides.entries_for("public-routes", "GB", today=later)
    assert fresh[0].note == ""
    assert old[0].note == (f"checked on {i18n.format_date(reviewed)}; details change, "
                           "please confirm")


def test_a_gb_packets_handout_on_a_us_machine_uses_british_wording() -> None:
    """A UK practice's handout printed on a US computer: the register question, no
    insurance question, the doctor's letter, and the UK's registers and routes."""
    text = pdf_text(render_blank(packet=gb_packet()))
    assert REGISTER_Q in text and GB_PAYMENT in text
    assert INSURANCE_Q not in text and GENERAL_INSURANCE_Q not in text and LICENSE_Q not in text
    assert "Where to check a therapist in United Kingdom" in text and "hcpc-uk.org" in text


def test_a_us_packets_handout_on_a_british_machine_uses_us_wording(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample US practice printed under en_GB: the license and insurance questions."""
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    text = pdf_text(render_blank(packet=sample_packet()))
    assert LICENSE_Q in text and INSURANCE_Q in text and US_PAYMENT in text
    assert REGISTER_Q not in text and "hcpc-uk.org" not in text


def test_a_blank_handout_follows_the_country_printed() -> None:
    """`blank --country GB` wording without a packet; a country without data keeps the
    general wording (the cost question that fits every system)."""
    assert REGISTER_Q in pdf_text(render_blank(country="GB"))
    general = pdf_text(render_blank(country="NG"))
    assert GENERAL_INSURANCE_Q in general and REGISTER_Q not in general


def test_a_sheet_from_a_gb_packet_prints_british_wording_for_a_us_client(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The guides follow the packet's country (where the therapy is), in the app and the PDF."""
    sheet = Sheet(country="US", packet=packet_to_dict(gb_packet()),
                  questions=[ChosenQuestion("licence")])
    assert bank(open_app(qtbot, sheet))["licence"] == REGISTER_Q
    assert REGISTER_Q in pdf_text(render_sheet(sheet))


def test_spanish_shows_the_countrys_guides_in_spanish(
        qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Speaking Spanish under GB: the register question, the checklist, the heading and
    the source line in Spanish, in the app and in the handout."""
    spanish(monkeypatch, tmp_path)
    window = open_app(qtbot, Sheet(country="GB"))
    assert bank(window)["licence"] == "¿Está en un registro profesional? ¿En cuál?"
    assert checklist(window)["payment"].startswith("Si hace falta, tenga a mano la carta")
    text = pdf_text(render_blank(country="GB"))
    assert "¿Está en un registro profesional? ¿En cuál?" in text
    assert "Dónde comprobar a un terapeuta en Reino Unido" in text
    assert "Del sitio web de Health and Care Professions Council (HCPC): hcpc-uk.org" in text


def test_a_word_a_translation_lacks_shows_in_english(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A made-up language with one word translated: that word in it, every other in English."""
    folder = tmp_path / "templates" / "xx"
    folder.mkdir(parents=True)
    (folder / "health_systems.toml").write_text(
        '[credentials.register]\nquestion = "XX register?"\n', encoding="utf-8")
    monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(tmp_path))
    healthsystems.reload()
    base = content.in_language("en")
    categories = healthsystems.adjust_questions(base.categories, "GB", "xx")
    found = {q.id: q.text for c in categories for q in c.questions}
    assert found["licence"] == "XX register?"
    assert found["verify-licence"] == "Where can I check that register?"
