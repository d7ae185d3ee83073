"""Every PDF output prints every script: the sheet, its summary, handouts, batches, /Lang.

Real PDFs read back with pypdf. "Real glyphs" is checked in the PDF itself: every code
of every embedded font maps (ToUnicode) to text that font's file has in its character
map, so no .notdef box was drawn, and no code maps to a private-use character (codes
0-127 of a subset are reportlab's reserved ASCII block, listed whether drawn or not: an
ASCII character from a face without it is caught by the engine's per-sample glyph test).
"""

from __future__ import annotations

import io
import json
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader
from script_samples import IMPOSSIBLE, ISSUE_EXAMPLE, SAMPLES

from firstsession import labels, scripts
from firstsession.model import (
    SECTIONS,
    ChosenQuestion,
    ExportOptions,
    Feeling,
    PromptAnswer,
    Sheet,
    Therapist,
)
from firstsession.packet import LocalCrisisLine, Packet, PacketPrompt, PacketQuestion
from firstsession.packet_sample import sample_packet
from firstsession.pdf import PdfError, render_blank, render_blank_copies, render_sheet, undrawable

TEXTS = [text for _key, _tag, text, _readback in SAMPLES]
RTL_KEYS = {key for key, _tag, _text, readback in SAMPLES if readback == "words"}


def read(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


def words(text: str) -> Counter[str]:
    """The words of ``text`` after NFKC, without the punctuation at their ends (a
    right-to-left label's colon is drawn at its left end)."""
    found = (w.strip(".,:;()") for w in unicodedata.normalize("NFKC", text).split())
    return Counter(w for w in found if w)


@cache
def _coverage() -> dict[str, frozenset[int]]:
    table = json.loads((scripts.font_dir() / "coverage.json").read_text("utf-8"))
    return {name: frozenset(cp for a, b in ranges for cp in range(a, b + 1))
            for name, ranges in table.items()}


def _file_of(base_font: str) -> str:
    """The bundled file an embedded subset comes from ("/AAAAAA+NotoSans-Bold")."""
    stem = base_font.split("+", 1)[-1]
    return "wqy-microhei.ttc" if stem.startswith("WenQuanYi") else f"{stem}.ttf"


def glyph_problems(pdf: bytes) -> list[str]:
    """Codes drawn from a font whose file lacks their text (a .notdef box) or mapping to
    private-use characters; [] when every glyph came from a font that has it."""
    problems: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type1":
                continue  # reportlab's initial Helvetica: declared, never used for text
            has = _coverage()[_file_of(str(font["/BaseFont"]))]
            data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            for entry in data.split("beginbfchar", 1)[1].split("endbfchar")[0].split("\n"):
                if "> <" not in entry:
                    continue
                code, dest = entry.strip().lstrip("<").rstrip(">").split("> <")
                text = bytes.fromhex(dest).decode("utf-16-be")
                if int(code, 16) < 128 and text == chr(int(code, 16)):
                    continue  # reportlab's subsets reserve codes 0-127 for ASCII, used or not
                for ch in text:
                    if unicodedata.category(ch) == "Co":
                        problems.append(f"{font['/BaseFont']}: private {ch!r}")
                    elif ord(ch) not in has and unicodedata.category(ch) != "Cf":
                        problems.append(f"{font['/BaseFont']}: lacks {ch!r} ({text!r})")
    return problems


def assert_prints(pdf: bytes, texts: list[str]) -> None:
    """No .notdef or private codes, and each text reads back: exactly (whitespace aside)
    for left-to-right samples, as the same words for right-to-left ones."""
    assert glyph_problems(pdf) == []
    got = read(pdf)
    assert "U+" not in got and "[" not in got.replace("[Javanese]", "")
    flat, got_words = squash(got), words(got)
    for key, _tag, text, readback in SAMPLES:
        if text not in texts:
            continue
        if readback == "exact":
            assert squash(text) in flat, key
        elif readback == "words":
            assert not words(text) - got_words, key
        else:  # a measured share (Tibetan): its letters are all there
            assert all(ch in flat for ch in squash(text) if ch.isalpha()), key


def every_script_sheet() -> Sheet:
    """A sheet whose every kind of field holds samples of many scripts."""
    t = TEXTS
    sheet = Sheet(country="US", export=ExportOptions(sections=list(SECTIONS), paper="A4"))
    sheet.about.name = "אנה כהן"
    sheet.about.language = "עברית"
    sheet.what_brings_me = "\n\n".join(t[:12])
    sheet.goals = "\n".join(t[12:24])
    sheet.hoped_change = " ".join(t[24:])
    sheet.feelings = [Feeling(t[i], intensity=i % 11, when_where=t[i + 1], body=t[i + 2],
                              helps=t[i + 3]) for i in range(0, len(t) - 4, 8)]
    sheet.culture = [PromptAnswer("heritage", "\n".join(t), share=True)]
    sheet.questions = [ChosenQuestion(f"own-{i}", t[i], own=True, starred=i < 10)
                       for i in range(0, len(t), 5)]
    sheet.therapists = [Therapist(name=t[i], contact=t[i + 1], notes=t[i + 2],
                                  answers={"own-0": t[i + 3]}) for i in (9, 12, 20)]
    sheet.nervous_questions = ISSUE_EXAMPLE
    sheet.notes = "\n".join(t)
    return sheet


@pytest.fixture(scope="module")
def every_script_pdf() -> bytes:
    return render_sheet(every_script_sheet())


def test_a_sheet_holding_every_script_prints_each_word_with_real_glyphs(
    every_script_pdf: bytes,
) -> None:
    """Answers, feelings and their notes, questions, therapists' names, notes and answers and
    "anything else" in every sample script export with no message, no .notdef, and read back."""
    assert undrawable(every_script_sheet()) == []
    assert_prints(every_script_pdf, TEXTS)


def test_the_clinician_summary_prints_every_script_on_page_one() -> None:
    """Page 1 alone (the summary for the therapist) prints names, feelings and answers in
    many scripts, right-to-left ones as their words."""
    sheet = every_script_sheet()
    sheet.export.sections = ["summary", "feelings", "before_the_day"]
    sheet.what_brings_me = "\n".join(TEXTS[:8])
    pdf = render_sheet(sheet, pages=[1])
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert glyph_problems(pdf) == []
    page_one = read(pdf)
    assert words("אנה כהן") <= words(page_one) and words(ISSUE_EXAMPLE) <= words(page_one)
    assert_prints(pdf, [sheet.feelings[0].word, *TEXTS[:3]])


def test_the_issues_example_in_before_the_day_exports_without_a_message() -> None:
    """ "Say hello to my mum: شكرا جزيلا and 谢谢你 🙂" in Before the day is no problem: the
    PDF is made at once and holds every word (not codes)."""
    sheet = Sheet(country="US", nervous_questions=ISSUE_EXAMPLE,
                  export=ExportOptions(sections=["before_the_day"], paper="A4"))
    assert undrawable(sheet) == []
    pdf = render_sheet(sheet)
    assert glyph_problems(pdf) == []
    assert not words(ISSUE_EXAMPLE) - words(read(pdf))


def test_decomposed_latin_prints_composed() -> None:
    """Text typed decomposed (macOS gives NFD) prints as the composed letters, so marks sit
    on their letters and the words read back as typed (NFC)."""
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    sheet = Sheet(country="US", notes=nfd, export=ExportOptions(sections=["notes"], paper="A4"))
    pdf = render_sheet(sheet)
    assert "Nguyễn Thị Ánh" in read(pdf)
    assert glyph_problems(pdf) == []


def test_decomposed_korean_is_not_refused_and_prints_composed() -> None:
    """Korean typed on a Mac (NFD jamo, the tester's nfd_korean.json) is not reported as
    undrawable (the check composes first, as printing does) and prints as Hangul syllables."""
    nfd = unicodedata.normalize("NFD", "감사합니다 우리 가족 (Korean typed on a Mac)")
    sheet = Sheet(country="US", notes=nfd, export=ExportOptions(sections=["notes"], paper="A4"))
    assert undrawable(sheet) == []
    pdf = render_sheet(sheet)
    assert "감사합니다 우리 가족" in read(pdf)
    assert glyph_problems(pdf) == []


def every_script_packet() -> Packet:
    """The sample packet with its practice's words in several scripts."""
    p = sample_packet()
    p.practice.name = "مركز الأمل · 希望中心 · Κέντρο"
    p.welcome_note = "\n\n".join([TEXTS[9], TEXTS[12], TEXTS[16], ISSUE_EXAMPLE])
    p.crisis_lines = [LocalCrisisLine(name="קו חם", contact="☎ 1201", detail=TEXTS[18]),
                      LocalCrisisLine(name="हेल्पलाइन", contact="1800 599 0019", detail=TEXTS[8])]
    p.prompts = [PacketPrompt("p1", TEXTS[13], help=TEXTS[14]), PacketPrompt("p2", TEXTS[19])]
    p.questions = [PacketQuestion("q1", TEXTS[17]), PacketQuestion("q2", TEXTS[20])]
    return p


def test_packet_handouts_print_a_practices_words_in_any_script() -> None:
    """The practice's name (header and page), welcome note, crisis lines, prompts and
    questions in several scripts print in the packet handout, blank and fillable."""
    packet = every_script_packet()
    for fillable in (False, True):
        pdf = render_blank(paper="A4", country="US", packet=packet, fillable=fillable)
        texts = [t for t in TEXTS if t in packet.welcome_note or t in
                 [*(q.text for q in packet.questions), *(x.label for x in packet.prompts)]]
        assert texts
        assert_prints(pdf, texts)
        got = words(read(pdf))
        assert not words("קו חם हेल्पलाइन ☎ 1201") - got
        first_page = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert not words("مركز الأمل 希望中心") - words(first_page)


def test_a_batch_prints_prepared_for_names_in_any_script() -> None:
    """ "Prepared for" names in Arabic, Chinese, Hindi and an emoji ZWJ name print on each
    copy's first page, with real glyphs."""
    names = ["فاطمة الزهراء", "王小明", "अनंत शर्मा", "Sam 👩\u200d👩\u200d👧"]
    pdf = render_blank_copies(names, paper="A4", country="US", packet=sample_packet())
    assert glyph_problems(pdf) == []
    reader = PdfReader(io.BytesIO(pdf))
    starts = [n for n, page in enumerate(reader.pages) if "Prepared for" in page.extract_text()]
    assert len(starts) == len(names)
    for name, n in zip(names, starts, strict=True):
        shown = words(reader.pages[n].extract_text())
        assert not words(name) - shown, name


def test_a_long_name_in_another_script_is_cut_between_letters_with_marks() -> None:
    """A name too long for its slot is shortened with "…" between clusters: no mark is
    separated from its letter."""
    name = "अनंत शर्मा " * 20
    pdf = render_blank_copies([name, "Ana"], paper="A4", country="US")
    first = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    shown = first.split("Prepared for:", 1)[1].strip().split("\n", 1)[0]
    assert shown.endswith("\u2026") and len(shown) < len(name)
    assert unicodedata.category(shown[0]) != "Mn"
    kept = shown.rstrip("\u2026").rstrip()
    assert scripts.clusters(kept) == scripts.clusters(name[:len(kept)])
    assert glyph_problems(pdf) == []


# -- the truly impossible ----------------------------------------------------------------


def test_only_writing_no_font_has_is_reported_named_as_the_app_labels_it() -> None:
    """Javanese in "Anything else to remember" is reported with that label and "Javanese
    letters"; every script a bundled font has is not reported; no code points."""
    javanese = dict(IMPOSSIBLE)["Javanese"]
    sheet = Sheet(country="US", notes=f"{ISSUE_EXAMPLE} {javanese}",
                  what_brings_me=" ".join(TEXTS),
                  export=ExportOptions(sections=list(SECTIONS), paper="A4"))
    problems = undrawable(sheet)
    assert [(p.field, p.scripts) for p in problems] == [
        (labels.NOTES_QUESTION, ("Javanese",))]
    with pytest.raises(PdfError) as err:
        render_sheet(sheet)
    message = str(err.value)
    assert "Javanese letters" in message and "\u201cAnything else to remember\u201d" in message
    assert "U+" not in message and javanese not in message and "\n" not in message


def test_printing_anyway_puts_the_scripts_name_in_its_place() -> None:
    """With replace_missing, Javanese and hieroglyphs print as "[Javanese]" and
    "[Egyptian hieroglyphs]"; every other word prints as written."""
    impossible = dict(IMPOSSIBLE)
    sheet = Sheet(country="US", export=ExportOptions(sections=["notes"], paper="A4"),
                  notes=f"{impossible['Javanese']} {TEXTS[9]} {impossible['Egyptian hieroglyphs']}")
    pdf = render_sheet(sheet, replace_missing=True)
    got = read(pdf)
    assert "[Javanese]" in got and "[Egyptian hieroglyphs]" in got
    assert not words(TEXTS[9]) - words(got)
    assert glyph_problems(pdf) == []


# -- /Lang -------------------------------------------------------------------------------


def lang(pdf: bytes) -> str:
    return str(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"])


@pytest.mark.parametrize("key", ["hebrew", "thai", "korean", "greek", "japanese"])
def test_a_sheet_says_the_language_most_of_its_words_are_in(key: str) -> None:
    """/Lang is the language the person's words are in when their letters say so."""
    tag, text = next((t, x) for k, t, x, _ in SAMPLES if k == key)
    sheet = Sheet(country="US", notes=text * 3, about=Sheet().about,
                  export=ExportOptions(sections=["summary", "notes"], paper="A4"))
    sheet.about.name = "Sam"
    assert lang(render_sheet(sheet)) == tag


def test_a_sheet_in_latin_or_a_shared_script_says_english() -> None:
    """Latin, Arabic-script or Chinese-only words cannot say their language: /Lang stays
    "en" (the fixed wording's)."""
    for text in ("Bonjour tout le monde", "شكرا جزيلا لكم", "谢谢你"):
        sheet = Sheet(country="US", notes=text,
                      export=ExportOptions(sections=["notes"], paper="A4"))
        assert lang(render_sheet(sheet)) == "en"


def test_a_packet_handout_says_the_packets_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A packet's handout is in the packet's language, and its /Lang says so (Spanish
    from this part's catalogue, compiled now); a language we do not speak prints
    English words, and says "en"."""
    from core_catalogue import speak_spanish

    from firstsession import i18n

    try:
        speak_spanish(monkeypatch, tmp_path)
        packet = sample_packet()
        packet.language = "es-MX"
        assert lang(render_blank(paper="A4", country="US", packet=packet)) == "es-MX"
        assert lang(render_blank(paper="A4", country="US")) == "en"
        packet.language = "pt-BR"
        assert lang(render_blank(paper="A4", country="US", packet=packet)) == "en"
    finally:
        monkeypatch.undo()
        i18n.set_language(None)



@pytest.mark.parametrize("script, said", [
    ("Javanese", "Javanese letters"),
    ("Egyptian hieroglyphs", "Egyptian hieroglyphs"),
    ("Control characters", "Control characters"),
    ("Symbols", "symbols"),
])
def test_a_script_is_named_in_words_people_read(script: str, said: str) -> None:
    """A message says "Javanese letters", and keeps a name that is already a plural noun."""
    from firstsession.pdf.printed import in_words

    assert in_words(script) == said


@pytest.mark.parametrize("text", ["กี" * 100, "🙂" + "👨\u200d👩\u200d👧" * 40, "क्षि" * 60])
def test_text_cut_short_keeps_letters_with_their_marks(text: str) -> None:
    """Text without spaces cut to fit page 1 (or a table cell) is cut between clusters: no
    letter loses its vowel sign, no emoji sequence is broken."""
    from firstsession.pdf.text import shorten

    short, cut = shorten(text, 85, 3)
    assert cut and short
    assert scripts.clusters(short) == scripts.clusters(text)[:len(scripts.clusters(short))]
    assert "".join(scripts.clusters(text)[:len(scripts.clusters(short))]) == short
