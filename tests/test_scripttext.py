"""The ScriptText flowable and its router: Latin bytes as today, layout, pages, one line."""

from __future__ import annotations

import io
import threading
import unicodedata
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate
from script_samples import NFD_NGUYEN

from firstsession.pdf import fonts
from firstsession.pdf.rich import block
from firstsession.pdf.scripttext import ScriptText, draw_line, line_width
from firstsession.pdf.text import markup

STYLE = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=11, leading=15)


def pdf_of(story: list[Any], size: tuple[float, float] = (595, 842)) -> bytes:
    fonts.register()
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=size, invariant=True).build(story)
    return out.getvalue()


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def test_simple_text_makes_todays_paragraph_byte_for_byte() -> None:
    """Simple text (and a bold label) through rich.block gives today's PDF, byte for byte."""
    text = 'Less < more & "quotes" · Καλημέρα · Здравствуйте · Tiếng Việt\nsecond line'
    fonts.register()
    ours = block([("Label: ", "b"), (text, "")], STYLE)
    assert isinstance(ours, Paragraph)
    today = Paragraph(f"<b>{markup('Label: ')}</b>{markup(text)}", STYLE)
    assert pdf_of([ours]) == pdf_of([today])


def test_decomposed_latin_is_printed_composed_on_the_fast_route() -> None:
    """"Nguyễn" typed decomposed (macOS) prints as the composed letters, marks in place."""
    made = block(NFD_NGUYEN, STYLE)
    assert isinstance(made, Paragraph)
    read = "".join(pages(pdf_of([made]))[0].split())
    assert read == "".join(unicodedata.normalize("NFC", NFD_NGUYEN).split())


def test_other_scripts_take_the_script_text_route() -> None:
    """Text that is not simple (Hebrew, stacked marks, emoji) becomes a ScriptText."""
    for text in ("שלום", "a\u0301\u0323", "🙂"):
        assert isinstance(block(text, STYLE), ScriptText)


def test_script_text_splits_across_pages_without_losing_a_word() -> None:
    """A long Hindi answer flows over several pages; every word is read back, in order."""
    words = [f"शब्द{n}" for n in range(600)]
    text = " ".join(words)
    made = block(text, STYLE)
    assert isinstance(made, ScriptText)
    got = pages(pdf_of([made]))
    assert len(got) >= 2
    assert " ".join(got).split() == words


def test_a_long_unspaced_word_wraps_at_cluster_boundaries() -> None:
    """Unspaced Thai wider than the line wraps between clusters, every letter kept."""
    thai = "ขอบคุณมากครอบครัวของฉัน" * 12
    made = block(thai, STYLE)
    assert isinstance(made, ScriptText)
    width, _height = made.wrap(200, 800)
    assert len(made.laid_lines()) >= 3
    for line, _base in made.laid_lines():
        assert sum(piece.width(11) for piece in line) <= 200 + 0.01
    read = "".join("".join(pages(pdf_of([block(thai, STYLE)], (344, 842)))).split())
    assert read == thai


def test_right_to_left_paragraphs_are_right_aligned_and_indents_are_kept() -> None:
    """RTL lines end at the right indent; indents, centring and right alignment hold."""
    def first_x(style: ParagraphStyle, text: str) -> tuple[float, float]:
        made = ScriptText([(text, False)], style)
        made.wrap(300, 800)
        canvas = Canvas(io.BytesIO(), pagesize=(300, 800))
        made.drawOn(canvas, 0, 0)
        line = made.laid_lines()[0][0]
        return _line_extent(canvas), sum(p.width(style.fontSize) for p in line)

    (x_he, w_he) = first_x(ParagraphStyle("r", parent=STYLE, rightIndent=20), "שלום לכם 🙂")
    assert x_he + w_he == pytest.approx(280, abs=0.01)
    (x_en, _w) = first_x(ParagraphStyle("l", parent=STYLE, leftIndent=30), "hi 🙂")
    assert x_en == pytest.approx(30, abs=0.01)
    (x_c, w_c) = first_x(ParagraphStyle("c", parent=STYLE, alignment=TA_CENTER), "hi 🙂")
    assert x_c + w_c / 2 == pytest.approx(150, abs=0.01)
    (x_r, w_r) = first_x(ParagraphStyle("c", parent=STYLE, alignment=TA_RIGHT), "hi 🙂")
    assert x_r + w_r == pytest.approx(300, abs=0.01)


def _line_extent(canvas: Canvas) -> float:
    """The x of the first text origin the canvas drew (BT ... 1 0 0 1 x y Tm)."""
    code = canvas._code
    for op in code:
        if " Tm" in op:
            parts = op.split(" Tm")[0].split()
            return float(parts[-2])
    raise AssertionError("no text drawn")


def test_bold_spans_use_the_bold_face_where_a_script_has_one() -> None:
    """Bold spans use Noto Sans Bold and Noto Sans Hebrew Bold; plain spans the regular."""
    made = block([("Name: ", "b"), ("שלום", "b"), (" עולם", "")], STYLE)
    assert isinstance(made, ScriptText)
    made.wrap(400, 800)
    used = {(p.text.strip(), p.font) for line, _b in made.laid_lines() for p in line
            if not p.space}
    assert ("Name:", fonts.BOLD) in used
    assert ("שלום", "FS-Hebrew-Bold") in used
    assert ("עולם", "FS-Hebrew") in used


def test_draw_line_returns_its_width_and_aligns_on_x() -> None:
    """draw_line returns line_width's width, aligns right/centre on x; the text reads back."""
    fonts.register()
    name = "Prepared for أحمد 和 Zoë 🙂"
    width = line_width(name, 10)
    assert width > 0
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(400, 200))
    assert draw_line(canvas, 380, 100, name, 10, align="right") == pytest.approx(width)
    assert draw_line(canvas, 200, 50, name, 10, align="centre") == pytest.approx(width)
    canvas.save()
    read = pages(out.getvalue())[0]
    assert read.count("Zoë") == 2 and read.count("和") == 2
    with pytest.raises(ValueError):
        draw_line(canvas, 0, 0, name, 10, align="middle")


def test_exports_from_two_threads_at_once_give_the_same_pdf() -> None:
    """Two threads building the same many-script story at once both get every word."""
    text = "Say hello to my mum: شكرا جزيلا and 谢谢你 🙂 धन्यवाद ক্ষি"
    results: list[str] = []

    def work() -> None:
        results.append(" ".join(pages(pdf_of([block(text, STYLE) for _ in range(30)]))))

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and results[0] == results[1]
    assert results[0].count("谢谢你") == 30


def test_the_rest_of_a_split_laid_out_in_a_narrower_frame_keeps_every_word_once() -> None:
    """A split's rest re-wrapped in a narrower frame prints each word once, in order."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    words = [f"शब्द{n}" for n in range(400)]
    fonts.register()
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=(595, 842))
    wide = Frame(40, 40, 515, 760, id="wide")
    narrow = Frame(40, 40, 250, 760, id="narrow")
    doc.addPageTemplates([PageTemplate("first", [wide], autoNextPageTemplate="rest"),
                          PageTemplate("rest", [narrow])])
    doc.build([block(" ".join(words), STYLE)])
    assert " ".join(pages(out.getvalue())).split() == words


def test_newlines_start_new_lines_and_only_the_first_line_is_indented() -> None:
    """Newlines start lines; only the first line is indented; minWidth = widest word."""
    style = ParagraphStyle("i", parent=STYLE, firstLineIndent=25, leftIndent=5)
    made = ScriptText([("שלום\nעולם\n\nטוב", False)], style)
    made.wrap(300, 800)
    assert [[p.text for p in line] for line, _base in made.laid_lines()] == \
        [["שלום"], ["עולם"], [], ["טוב"]]
    assert made.minWidth() == pytest.approx(
        max(p.width(11) for line, _b in made.laid_lines() for p in line) + 30)
    assert made._laid is not None
    assert [line.first for line in made._laid.lines] == [True, False, False, False]


def test_the_text_colour_of_the_style_is_used() -> None:
    """ScriptText fills its text with the style's textColor."""
    from reportlab.lib.colors import Color

    style = ParagraphStyle("c", parent=STYLE, textColor=Color(0.2, 0.4, 0.6))
    made = ScriptText([("שלום", False)], style)
    made.wrap(300, 800)
    canvas = Canvas(io.BytesIO(), pagesize=(300, 800))
    made.drawOn(canvas, 0, 0)
    assert ".2 .4 .6 rg" in canvas._code


def test_a_script_no_face_draws_is_printed_as_its_name_never_as_empty_boxes() -> None:
    """Javanese in Hebrew text prints as its script's name, never as .notdef boxes."""
    made = block("שלום ꦲꦤꦕꦫꦏ טוב", STYLE)
    assert isinstance(made, ScriptText)
    read = pages(pdf_of([made]))[0]
    assert "Javanese" in read
    assert all(0 not in p.shaped.glyphs for line, _b in made.laid_lines() for p in line)


def test_brackets_in_right_to_left_text_are_drawn_mirrored() -> None:
    """UBA L4: brackets at a right-to-left level are drawn with their mirrored glyphs."""
    from reportlab.pdfbase import pdfmetrics

    made = ScriptText([("ولدت في (القاهرة) [نعم]", False)], STYLE)
    made.wrap(400, 800)
    pieces = [p for line, _b in made.laid_lines() for p in line]
    for opening, closing in ("()", "[]"):
        (piece,) = [p for p in pieces if p.text == opening]
        cmap = pdfmetrics.getFont(piece.font).face.charToGlyph
        assert piece.shaped.glyphs == (cmap[ord(closing)],)


def test_a_no_break_space_keeps_its_words_on_one_line() -> None:
    """U+00A0 between Hebrew words is part of the word: lines never break there."""
    from firstsession.pdf.scripttext import pieces

    items, _base = pieces("שלום\u00a0עולם טוב", [False] * 13)
    assert [p.text for p in items if not p.space] == ["שלום\u00a0עולם", "טוב"]


def test_pieces_given_text_no_face_draws_name_its_script_instead() -> None:
    """pieces() called directly with Javanese draws "[Javanese]" from Noto Sans, not .notdef."""
    from firstsession.pdf.scripttext import pieces

    items, _base = pieces("hi ꦲꦤꦕꦫꦏ", [False] * 8)
    assert "[Javanese]" in [p.text for p in items]
    assert all(0 not in p.shaped.glyphs for p in items)


def test_draw_line_leaves_the_canvas_colour_and_font_as_they_were() -> None:
    """A coloured draw_line does not change the colour or font of what the caller draws next."""
    from reportlab.lib.colors import Color

    fonts.register()
    canvas = Canvas(io.BytesIO(), pagesize=(400, 200))
    canvas.setFont(fonts.REGULAR, 9)
    before = (canvas._fontname, canvas._fontsize, canvas._fillColorObj)
    draw_line(canvas, 10, 10, "שלום 🙂", 12, colour=Color(1, 0, 0))
    assert (canvas._fontname, canvas._fontsize, canvas._fillColorObj) == before


def test_chinese_lines_break_between_characters_but_not_before_closing_punctuation() -> None:
    """Chinese breaks between characters, never before "，" or after "「"."""
    from firstsession.pdf.scripttext import pieces

    text = "谢谢你，「我的家人」说中文。"
    items, _base = pieces(text, [False] * len(text))
    assert [p.text for p in items] == ["谢", "谢", "你，", "「我", "的", "家", "人」", "说", "中",
                                       "文。"]


def test_english_in_a_paragraph_told_it_is_right_to_left_keeps_its_word_order() -> None:
    """English in a paragraph forced right-to-left keeps its word order (UBA I2)."""
    made = ScriptText([("hello world", False)], STYLE, base_level=1)
    made.wrap(300, 800)
    (line, base), = made.laid_lines()
    from firstsession.pdf.scripttext import visual_order

    assert base == 1
    assert [p.text for p in visual_order(line, base) if not p.space] == ["hello", "world"]


def test_punctuation_at_a_right_to_left_level_is_drawn_in_visual_order() -> None:
    """"?!" after a Hebrew word is drawn "!?" left to right, so it reads "?!" right to left."""
    from reportlab.pdfbase import pdfmetrics

    made = ScriptText([("שלום עולם?!", False)], STYLE)
    made.wrap(400, 800)
    (piece,) = [p for line, _b in made.laid_lines() for p in line if p.text == "?!"]
    cmap = pdfmetrics.getFont(piece.font).face.charToGlyph
    assert piece.shaped.glyphs == (cmap[ord("!")], cmap[ord("?")])
