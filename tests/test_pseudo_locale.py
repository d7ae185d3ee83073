"""Under a pseudo-locale, no English is left on any step or in any PDF, and no label is cut.

``tools/i18n.py pseudo`` translates every extracted message (and every content file) into
"en-XA": accented letters, 40% longer, between ⁅ and ⁆. Then the real window walks every
step with the sample sheet, and every PDF is rendered and read back. A run of three ASCII
letters outside ⁅ ⁆ is a word that never went through the catalogue or the content files:
a string that cannot be extracted (tr(variable), a literal, grammar built in code) or
content shown in English. Each is listed with the string and where it was seen.

What may stay as it is (``ALLOWED``): the person's own words and the practice's (they are
never translated), proper names the same in every language, and what the pseudo-locale
cannot have (CLDR has no "en-XA", so dates fall back to English month names by design).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Message
from i18n_helpers import (
    ROOT,
    english_left,
    english_lines,
    load_tool,
    pdf_texts,
    speaking,
    strings_in,
    widget_texts,
)

tool = load_tool()
PSEUDO = "en-XA"  # Android's pseudo-locale tag: English base, a region no one has
MONTHS_AND_DAYS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
ALLOWED = [
    re.compile(r"First Session"),  # the program's name, the same in every language
    re.compile(r"\b(?:PDF|PNG|JPEG)\b"),  # formats' names ("PDF" in Spanish too)
    re.compile(r"\b[KMG]iB\b"),  # unit symbols (IEC 80000-13), the same in every language
    re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+"),  # addresses
    re.compile(r"(?:~|[A-Za-z]:)?(?:[/\\][^\s/\\]+)+[/\\]?"),  # a path on this machine
    re.compile(rf"\b(?:{MONTHS_AND_DAYS})\b"),  # en-XA has no CLDR data: English dates
]


@pytest.fixture(scope="module")
def pseudo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pseudo-locale from the source as it is now (not the committed .pot)."""
    out = tmp_path_factory.mktemp("pseudo")
    tool.write_pseudo(PSEUDO, out, template=tool.extract())
    return out


@pytest.fixture
def in_pseudo(pseudo_root: Path, monkeypatch: pytest.MonkeyPatch, qapp: Any) -> Iterator[str]:
    """The app and the domain speak en-XA for one test; English again afterwards."""
    with speaking(PSEUDO, pseudo_root, monkeypatch) as chosen:
        assert chosen == PSEUDO, "the pseudo catalogue was not found"
        yield chosen


def english_content_strings() -> set[str]:
    """Every text in templates/*.toml (a sheet copying one is not the person's words)."""
    found: set[str] = set()
    for path in (ROOT / "templates").glob("*.toml"):
        found.update(strings_in(tomllib.loads(path.read_text(encoding="utf-8"))))
    return found


def own_words(sheet: Any, practice: Any = None) -> list[str]:
    """The person's own words in ``sheet`` and the practice's in ``practice`` (a packet),
    never translated, longest first. Ids, and our content's texts copied into a sheet,
    are not the person's words; a packet's texts are all the practice's."""
    content = english_content_strings()
    words: set[str] = set()
    for source, ours in ((sheet, content), (practice, set())):
        for text in strings_in(source):
            if text in ours or re.fullmatch(r"[a-z0-9-]+", text) or len(text.strip()) < 3:
                continue
            words.add(" ".join(text.split()))
            # A PDF may show one line or sentence of a long answer ("… (continued)").
            pieces = re.split(r"\n|(?<=[.!?;:])\s+", text)
            words.update(" ".join(p.split()) for p in pieces if len(p.split()) >= 2)
    return sorted(words, key=len, reverse=True)


def cldr_english_names() -> re.Pattern[str]:
    """Country and language names as CLDR writes them in English (CLDR has no "en-XA", so
    babel gives the pseudo-locale English names, as it gives English dates), and each
    language's name in itself (the packet editor's "Spanish (español)")."""
    from babel import Locale, localedata

    english = Locale.parse("en")
    names = {*english.territories.values(), *english.languages.values()}
    for code in localedata.locale_identifiers():
        if "_" not in code:
            names.add(Locale.parse(code).get_display_name(code) or code)
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def language_names() -> list[re.Pattern[str]]:
    """Each language the program speaks, named in itself ("English", "Español"): the
    Language menu lists them so, whatever language is spoken (a person who cannot read
    the current one still finds their own)."""
    from babel import Locale, UnknownLocaleError

    from firstsession import i18n

    names = []
    for tag in i18n.available_languages():
        try:
            code = tag.replace("-", "_")
            names.append(Locale.parse(code).get_display_name(code))
        except (UnknownLocaleError, ValueError):
            continue
    return [*(re.compile(re.escape(name), re.IGNORECASE) for name in names if name),
            cldr_english_names()]


def english_report(seen: list[tuple[str, str]], own: list[str],
                   allowed: list[re.Pattern[str]] | None = None) -> list[str]:
    """One line per text that still holds English: where, the words, the text."""
    found: dict[tuple[str, str, str], list[str]] = {}
    for where, text in seen:
        place, _, page = where.partition(" page ")  # a PDF's running header: one line
        for line, words in english_lines(text, own, [*ALLOWED, *(allowed or [])]):
            key = (place, " ".join(dict.fromkeys(words)), re.sub(r"\d+", "N", line[:120]))
            found.setdefault(key, []).append(page)
    return [f"{place}{' page ' + ', '.join(pages[:3]) if pages[0] else ''}"
            f"{' …' if len(pages) > 3 else ''}: {words!r} in {line!r}"
            for (place, words, line), pages in found.items()]


def sample_window(qtbot: Any) -> Any:
    from firstsession import content
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow
    from firstsession.sample import sample_sheet

    words = content.load()
    session = Session(sample_sheet(words), words)
    session.autosave_enabled = False
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_no_step_of_the_app_shows_english_under_the_pseudo_locale(
        qtbot: Any, in_pseudo: str, normal_app_font: None) -> None:
    """Every step (sample sheet), its widgets, menus, actions and item views: every word
    went through the catalogue or the content files."""
    from firstsession.sheet_format import sheet_to_dict
    from firstsession.steps import STEP_IDS

    window = sample_window(qtbot)
    own = own_words(sheet_to_dict(window.session.sheet))
    seen: list[tuple[str, str]] = []
    for step in STEP_IDS:
        window.go_to(step)
        qtbot.wait(0)  # no timer: let a built page's queued layout run
        seen.extend(widget_texts(window, f"step {step}", menus=step == STEP_IDS[-1]))
    report = english_report(list(dict.fromkeys(seen)), own, language_names())
    assert report == [], f"{len(report)} texts still English:\n" + "\n".join(report)


def test_the_packet_editor_shows_no_english_and_cuts_no_label_under_the_pseudo_locale(
        qtbot: Any, in_pseudo: str, normal_app_font: None) -> None:
    """The counsellor's packet editor, open on the sample packet: every word of ours is
    translated (the practice's own words stay), and no label or button is cut."""
    from firstsession import content
    from firstsession.app.packet_editor import PacketEditor
    from firstsession.packet_format import packet_to_dict
    from firstsession.packet_sample import sample_packet

    packet = sample_packet()
    editor = PacketEditor(content.load(), packet)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    seen = list(dict.fromkeys(widget_texts(editor, "packet editor")))
    report = english_report(seen, own_words(None, packet_to_dict(packet)), language_names())
    report.extend(cut_labels(editor, "packet editor"))
    assert report == [], f"{len(report)} problems:\n" + "\n".join(report)


def rendered_pdfs() -> Iterator[tuple[str, bytes]]:
    from firstsession import pdf
    from firstsession.packet_sample import sample_packet
    from firstsession.sample import sample_sheet

    yield "export of the sample sheet", pdf.render_sheet(sample_sheet())
    yield "blank handout", pdf.render_blank()
    yield "fillable handout", pdf.render_blank(fillable=True)
    # A packet's handout speaks the packet's language: a packet written in the pseudo-language.
    yield "a packet's handout", pdf.render_blank(
        packet=dataclasses.replace(sample_packet(), language=PSEUDO))


def test_no_pdf_holds_english_under_the_pseudo_locale(
        monkeypatch: pytest.MonkeyPatch, pseudo_root: Path) -> None:
    """The sample's export, the blank and fillable handouts and a packet's handout, read
    back with pypdf: every word of ours is translated."""
    from firstsession.packet_format import packet_to_dict
    from firstsession.packet_sample import sample_packet
    from firstsession.sample import sample_sheet
    from firstsession.sheet_format import sheet_to_dict

    report: list[str] = []
    with speaking(PSEUDO, pseudo_root, monkeypatch):
        own = own_words(sheet_to_dict(sample_sheet()), packet_to_dict(sample_packet()))
        for name, data in rendered_pdfs():
            # Country names come from CLDR, English under the pseudo-locale (no CLDR data).
            report.extend(english_report(list(pdf_texts(data, name)), own,
                                         [cldr_english_names()]))
    assert report == [], f"{len(report)} texts still English:\n" + "\n".join(report)


def cut_labels(window: Any, where: str) -> Iterator[str]:
    """Labels, buttons and check boxes on show whose text does not fit their place."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if not widget.isVisible() or not widget.text().strip():
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            fits = needed <= widget.height() + 1
            size = f"needs {needed}px high, has {widget.height()}"
        else:
            hint = widget.sizeHint()
            fits = hint.width() <= widget.width() + 1
            size = f"needs {hint.width()}px wide, has {widget.width()}"
        if not fits:
            yield (f"{where}: {type(widget).__name__} {widget.objectName()!r} "
                   f"{widget.text()[:80]!r} is cut ({size})")


def test_no_label_or_button_is_cut_when_every_string_grows(
        qtbot: Any, in_pseudo: str, normal_app_font: None) -> None:
    """40% longer words on every step: each label, button and check box either fits its
    text or wraps it (its size hint, or its height for its width, fits its geometry)."""
    from firstsession.steps import STEP_IDS

    window = sample_window(qtbot)
    report: list[str] = []
    for step in STEP_IDS:
        window.go_to(step)
        qtbot.wait(0)
        report.extend(cut_labels(window, f"step {step}"))
    assert report == [], f"{len(report)} cut:\n" + "\n".join(dict.fromkeys(report))


# -- the check itself --------------------------------------------------------------------


def test_the_pseudo_catalogue_translates_every_message_and_keeps_fields() -> None:
    """Every message is wrapped in ⁅ ⁆, about 40% longer, its fields, accelerator, markup
    and links untouched; content files keep ids and dates."""
    assert tool.pseudo_text("&Export {count} files to %1") == \
        "⁅&Éxpóŕţ {count} fíĺéš ţó %1 ōñé ţ⁆"
    assert tool.pseudo_text("<b>Bold</b> see https://988lifeline.org") == \
        "<b>⁅Bóĺď</b> šéé https://988lifeline.org ōñé⁆"
    assert tool.message_problems(Message(
        "&Export {count} files to %1", tool.pseudo_text("&Export {count} files to %1"))) == []
    data = tool.pseudo_content({"id": "angry", "reviewed": dt.date(2026, 1, 1),
                                "body": "Line one\n- a bullet"})
    assert data["id"] == "angry" and str(data["reviewed"]) == "2026-01-01"
    assert data["body"].splitlines()[1].startswith("- ⁅")
    assert tomllib.loads(tool.toml_text(data)) == data


@pytest.mark.parametrize(("text", "left"), [
    ("⁅Ţĥé ţéxţ⁆ and more", ["and", "more"]),
    ("⁅Ţĥé ⁅ñéšţéď⁆ óñé⁆", []),
    ("⁅Ţĥé ĺóñĝ ţéxţ ţĥáţ ŵáš cut…", []),
    ("First Session PDF, 30 November 2026, /tmp/x/sheet.json", []),
    ("My own words: Dana", []),
])
def test_english_is_found_outside_the_marks_only(text: str, left: list[str]) -> None:
    """The finder: English outside ⁅ ⁆ is reported; nested, cut-off, allowed and own words
    are not."""
    assert english_left(text, ["My own words: Dana"], ALLOWED) == left


def test_a_label_that_cannot_grow_is_found_and_a_wrapping_one_is_not(
        qtbot: Any, normal_app_font: None) -> None:
    """The cut-label finder: a fixed-width label without wrapping is reported; the same
    text word-wrapped in a tall enough label, or a short button, is not."""
    from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    text = tool.pseudo_text("Save the sheet as a PDF to print or to bring along")
    fixed = QLabel(text)
    fixed.setObjectName("fixed")
    fixed.setFixedWidth(120)
    wrapped = QLabel(text)
    wrapped.setWordWrap(True)
    button = QPushButton(tool.pseudo_text("OK"))
    for widget in (fixed, wrapped, button):
        layout.addWidget(widget)
    window.resize(240, 400)
    window.show()
    qtbot.waitExposed(window)
    found = list(cut_labels(window, "test"))
    assert len(found) == 1 and "QLabel 'fixed'" in found[0], found
