"""The language the command line, the PDF and the domain words speak (issue 12, part core).

i18n's choices (the system's languages, fallbacks, one thread's language), ``--lang``,
plural forms and dates from the catalogue, and Spanish PDFs read back with pypdf with no
English fixed word left in them. Spanish comes from
``locale/es/LC_MESSAGES/firstsession.po``, compiled at test time (``core_catalogue``).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli
from core_catalogue import CATALOGUE, REPO, speak_spanish
from pypdf import PdfReader

from firstsession import i18n
from firstsession.model import ExportOptions, PromptAnswer, Sheet


@pytest.fixture(autouse=True)
def _language_restored(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test leaves the process speaking the system's language (English here)."""
    yield
    monkeypatch.undo()
    i18n.set_language(None)


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Spanish is available (not chosen): this part's catalogue, compiled now."""
    return speak_spanish(monkeypatch, tmp_path)


def _system(monkeypatch: pytest.MonkeyPatch, **env: str) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)


# -- choosing the language ------------------------------------------------------------------


@pytest.mark.parametrize("env, expected", [
    ({"LANG": "es_ES.UTF-8"}, "es"),
    ({"LC_ALL": "es_MX.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "es_ES.UTF-8"}, "en"),
    ({"LANGUAGE": "pt_BR:es", "LANG": "en_US.UTF-8"}, "es"),
    ({"LC_MESSAGES": "es_AR.UTF-8"}, "es"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
])
def test_the_system_language_is_followed_as_gettext_reads_it(
    spanish: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    """LANGUAGE (a list, first spoken wins), then the first of LC_ALL, LC_MESSAGES, LANG."""
    _system(monkeypatch, **env)
    assert i18n.set_language(None) == expected
    assert i18n.current() == expected


def test_a_region_we_have_no_catalogue_for_speaks_its_language(spanish: Path) -> None:
    """es-MX speaks Spanish with Mexico's dates; an unknown language speaks English."""
    assert i18n.set_language("es-MX") == "es"
    assert i18n._("Notes") == "Notas"
    assert i18n.babel_locale_name() == "es_MX"
    assert i18n.set_language("xx") == "en"
    assert i18n._("Notes") == "Notes"
    assert i18n.set_language("pt-BR") == "en"


def test_speaking_changes_one_thread_only(spanish: Path) -> None:
    """A packet's handout can speak Spanish while the app's window keeps English."""
    i18n.set_language("en")
    seen: dict[str, str] = {}
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        inside.wait(10)
        seen["other"] = i18n._("Notes")
        leave.set()

    thread = threading.Thread(target=other)
    thread.start()
    with i18n.speaking("es-MX") as chosen:
        assert chosen == "es"
        seen["here"] = i18n._("Notes")
        inside.set()
        assert leave.wait(10)
    thread.join(10)
    assert seen == {"here": "Notas", "other": "Notes"}
    assert i18n._("Notes") == "Notes"


@pytest.mark.parametrize("n, english, spanish_words", [
    (1, "And 1 more answer about my background in the full sheet.",
     "Y 1 respuesta más sobre mi vida y mi origen en la hoja completa."),
    (3, "And 3 more answers about my background in the full sheet.",
     "Y 3 respuestas más sobre mi vida y mi origen en la hoja completa."),
    (0, "And 0 more answers about my background in the full sheet.",
     "Y 0 respuestas más sobre mi vida y mi origen en la hoja completa."),
])
def test_plural_forms_come_from_the_catalogue(
    spanish: Path, n: int, english: str, spanish_words: str
) -> None:
    """One, several and none take each language's own form of the whole sentence."""
    from firstsession.pdf.summary import more_sentence

    i18n.set_language("en")
    assert more_sentence("background", n) == english
    i18n.set_language("es")
    assert more_sentence("background", n) == spanish_words


def _background_sheet(answers: int) -> Sheet:
    from firstsession import content

    prompts = content.load().culture_prompts
    sheet = Sheet(country="US", export=ExportOptions(paper="A4", sections=["summary"]))
    sheet.export.sections = ["summary", "background"]
    sheet.culture = [PromptAnswer(prompt_id=p.id, answer=f"Answer {i}.", share=True)
                     for i, p in enumerate(prompts[:answers])]
    return sheet


def _text(pdf: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(io.BytesIO(pdf)).pages)


def test_one_answer_left_off_page_one_is_one_answer_in_both_languages(spanish: Path) -> None:
    """The known case: page 1 once printed "And 1 more answers about my background"."""
    from firstsession.pdf import render_sheet

    sheet = _background_sheet(9)  # page 1 lists at most 8
    i18n.set_language("en")
    english = _text(render_sheet(sheet))
    assert "And 1 more answer about my background in the full sheet." in english
    assert "1 more answers" not in english
    i18n.set_language("es")
    spanish_text = _text(render_sheet(sheet))
    assert "Y 1 respuesta más sobre mi vida y mi origen en la hoja completa." in spanish_text


def test_private_answers_are_counted_in_a_whole_sentence(spanish: Path) -> None:
    """"I have kept 1 answer private ... about it" comes from the catalogue, not from code."""
    from firstsession.pdf import render_sheet

    sheet = _background_sheet(2)
    sheet.export.sections = ["background"]
    sheet.culture[1].share = False
    i18n.set_language("es")
    text = _text(render_sheet(sheet))
    assert "He guardado 1 respuesta en privado. Puede que hable de ella" in text


def test_a_date_is_written_as_spanish_writes_it(spanish: Path) -> None:
    """Stale crisis numbers say when they were checked, as the language writes a date."""
    from firstsession.pdf.text import long_date

    day = dt.date(2020, 3, 1)
    i18n.set_language("es")
    assert long_date(day) == "1 de marzo de 2020"
    assert i18n.format_decimal(12345.5) == "12.345,5"
    i18n.set_language("en")
    assert long_date(day) == "March 1, 2020"


def test_names_of_languages_countries_and_scripts_follow_the_language(spanish: Path) -> None:
    """The editor's lists and the "[Javanese]" stand-in are named in the language spoken."""
    from firstsession import languagetags, scripts

    i18n.set_language("es")
    assert languagetags.language_name("en") == "inglés (English)"
    assert languagetags.language_name("es") == "español"
    assert languagetags.country_name("DE") == "Alemania"
    assert scripts.replace_missing("hola \ua9b2\ua9a4") == "hola [javanés]"
    i18n.set_language("en")
    assert languagetags.language_name("es") == "Spanish (español)"
    assert scripts.replace_missing("hi \ua9b2\ua9a4") == "hi [Javanese]"


def test_step_names_are_marked_once_and_shown_in_the_language(spanish: Path) -> None:
    """The domain names every step (for messages and the app's list) in the language spoken."""
    from firstsession.steps import STEP_IDS, STEP_NAMES, step_name

    assert set(STEP_NAMES) == set(STEP_IDS)
    i18n.set_language("es")
    assert step_name("feelings") == "Mis emociones"
    assert all(step_name(sid) != STEP_NAMES[sid] for sid in STEP_IDS)
    assert step_name("unknown") == "unknown"
    i18n.set_language("en")
    assert step_name("before") == "Before the day"


def test_the_preview_process_renders_in_the_language_the_app_sends(spanish: Path) -> None:
    """The preview's render process starts with the system's language; a request may
    name the app's, and the PDF is in it (the older three-part request still works)."""
    from multiprocessing import Pipe

    from firstsession import _render, content

    ours, theirs = Pipe()
    server = threading.Thread(target=_render.serve, args=(theirs,))
    server.start()
    try:
        sheet = _background_sheet(9)
        ours.send((sheet, content.load(), False, "es"))
        problems, spanish_pdf, error = ours.recv()
        ours.send((sheet, content.load(), False))
        _problems, english_pdf, _error = ours.recv()
    finally:
        ours.close()
        server.join(30)
    assert problems == [] and error is None and spanish_pdf and english_pdf
    assert "Y 1 respuesta más" in _text(spanish_pdf)
    assert "And 1 more answer" in _text(english_pdf)


# -- the command line -----------------------------------------------------------------------


def test_help_and_usage_errors_speak_the_language_asked_for(spanish: Path) -> None:
    """--lang es gives Spanish help, and argparse's own words in Spanish too."""
    result = run_cli("--lang", "es", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("uso: firstsession")
    assert "opciones:" in result.stdout and "mostrar este mensaje de ayuda" in result.stdout
    result = run_cli("blank", "--lang=es")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "firstsession: faltan estos argumentos obligatorios: -o/--output "
        "(vea 'firstsession --help')"]


@pytest.mark.parametrize("tag", ["pt", "xx", "", "pt-BR"])
def test_a_language_we_do_not_speak_is_one_line_and_exit_2(spanish: Path, tag: str) -> None:
    """--lang pt: one clear line naming the languages we speak, status 2, nothing written."""
    out = spanish.parent / "out.pdf"
    result = run_cli("blank", "--lang", tag, "-o", str(out), env={"LANG": "C.UTF-8"})
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith(f"firstsession: First Session does not speak \u201c{tag}\u201d")
    assert lines[0].endswith("English (en), español (es)")
    assert not out.exists()


def test_a_region_tag_is_fine_on_the_command_line(spanish: Path) -> None:
    """--lang es-MX (after or before the command) speaks Spanish."""
    out = spanish.parent / "out.pdf"
    result = run_cli("--lang", "es-MX", "blank", "-o", str(out), "--country", "US")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Se escribió {out}"
    assert _lang(out.read_bytes()) == "es-MX"


def _one_line(result: object) -> str:
    import subprocess

    assert isinstance(result, subprocess.CompletedProcess)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    line: str = lines[0]
    return line


def test_errors_about_files_are_one_line_in_the_language(spanish: Path) -> None:
    """A missing sheet, a damaged packet, a sheet from the future and writing no font has:
    each one plain line, in Spanish, status 2."""
    folder = spanish.parent
    missing = folder / "missing.json"
    line = _one_line(run_cli("export", str(missing), "-o", str(folder / "o.pdf"), "--lang", "es"))
    assert line == f"firstsession: no hay ningún archivo en {missing}"
    damaged = folder / "packet.json"
    damaged.write_text('{"format": "firstsession-packet", "schema_version": 1', encoding="utf-8")
    line = _one_line(run_cli("blank", "--packet", str(damaged), "-o", str(folder / "o.pdf"),
                             "--lang", "es"))
    assert "el paquete está dañado o incompleto (JSON no válido en la línea 1" in line
    future = folder / "future.json"
    future.write_text(json.dumps({"format": "firstsession-sheet", "schema_version": 99}),
                      encoding="utf-8")
    line = _one_line(run_cli("export", str(future), "-o", str(folder / "o.pdf"), "--lang", "es"))
    assert "esta hoja se hizo con una versión más nueva de First Session (formato 99)" in line
    javanese = folder / "javanese.json"
    assert run_cli("sample", "-o", str(javanese)).returncode == 0
    data = json.loads(javanese.read_text(encoding="utf-8"))
    data["notes"] = "\ua9b2\ua9a4\ua995"
    javanese.write_text(json.dumps(data), encoding="utf-8")
    line = _one_line(run_cli("export", str(javanese), "-o", str(folder / "o.pdf"), "--lang", "es"))
    assert ("letras en javanés en \u201cAlgo más para recordar\u201d. Cámbielo, o añada "
            "--replace-missing para imprimir en su lugar el nombre de cada escritura, como "
            "[javanés].") in line
    out = folder / "replaced.pdf"
    assert run_cli("export", str(javanese), "-o", str(out), "--lang", "es",
                   "--replace-missing").returncode == 0
    assert "[javanés]" in _text(out.read_bytes())


def _lang(pdf: bytes) -> str:
    return str(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"])


def test_a_spanish_packets_handout_speaks_spanish_unless_lang_says_otherwise(
    spanish: Path,
) -> None:
    """blank --packet follows the packet's language; an explicit --lang wins."""
    from firstsession.packet_format import encode_packet, validate_packet
    from firstsession.packet_sample import sample_packet

    packet = sample_packet()
    packet.language = "es-MX"
    path = spanish.parent / "packet.json"
    path.write_bytes(encode_packet(validate_packet(packet)))
    out = spanish.parent / "out.pdf"
    assert run_cli("blank", "--packet", str(path), "-o", str(out)).returncode == 0
    text = _text(out.read_bytes())
    assert "Prepararse para su primera sesión" in text and "Página 1 de" in text
    assert _lang(out.read_bytes()) == "es-MX"
    result = run_cli("blank", "--packet", str(path), "-o", str(out), "--force", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Getting ready for your first session" in _text(out.read_bytes())
    assert _lang(out.read_bytes()) == "en"


# -- no English left in Spanish PDFs --------------------------------------------------------

# Words that are English only, beyond those of our English messages (which are added).
_ENGLISH = {"the", "of", "and", "to", "your", "you", "my", "for", "in", "is", "this", "that",
            "with", "what", "page", "on", "it", "be", "are", "was", "or", "at", "by", "from",
            "as", "an", "how", "when", "where", "who", "which", "here", "there", "please",
            "prepared", "continued", "answer", "answers", "question", "questions", "feeling",
            "feelings", "therapist", "therapists", "notes", "name", "handout", "sheet"}
# Common English function words that no Spanish sentence has ("a", "me", "he", "no" and
# "son" are Spanish words too, so they are not here): two of them in one line of text that
# is not the person's or the practice's own words make an English sentence.
_FUNCTION_WORDS = {"the", "and", "you", "your", "with", "what", "how", "of", "to", "is",
                   "are", "this", "that", "for", "my", "it", "was", "will", "can", "do",
                   "does", "have", "has", "from", "about", "when", "who", "if", "or", "at",
                   "by", "our", "we", "they", "their", "an", "in", "be", "not", "it's",
                   "i", "am", "would", "could", "should", "some", "any", "other", "there"}
_WORD = re.compile(r"[A-Za-z][A-Za-z\u2019']*")
_PARTS = re.compile(r"[\n.:;!?\u2026()\[\]]")  # a line of a PDF, cut at sentence marks


def _words(text: str) -> set[str]:
    return {w.lower().strip("'\u2019") for w in _WORD.findall(text)}


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _sequence(text: str) -> list[str]:
    """The words of ``text`` in order, lower case; numbers and fields ({count}) dropped."""
    text = re.sub(r"\{[^}]*\}|%\(?\w*\)?\w", " ", text)
    return [w.lower().strip("'\u2019") for w in _WORD.findall(text)]


def _pairs(words: list[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:], strict=False))


def _catalogue() -> tuple[set[str], set[tuple[str, str]], set[str]]:
    """(words of our English messages, their pairs of words, words of the Spanish ones)."""
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    english: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    spanish_words: set[str] = set()
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            english |= set(_sequence(text))
            pairs |= _pairs(_sequence(text))
        for text in strings:
            spanish_words |= _words(text)
    return english, pairs, spanish_words


def _is_own_words(words: list[str], own: list[list[str]]) -> bool:
    """True when ``words`` (a part of a PDF line) run in this order inside one own text."""
    n = len(words)
    return any(words == text[i:i + n] for text in own for i in range(len(text) - n + 1))


def english_sentences(shown: str, *user_texts: str) -> list[str]:
    """Parts of lines of ``shown`` with two or more English function words that are not
    a run of the person's or the practice's own words (which stay as typed)."""
    own = [_sequence(text) for text in user_texts]
    found = []
    for part in _PARTS.split(shown):
        words = _sequence(part)
        hits = [w for w in words if w in _FUNCTION_WORDS]
        if len(hits) >= 2 and not _is_own_words(words, own):
            found.append(part.strip())
    return found


def english_left(pdf: bytes, *user_texts: str) -> set[str]:
    """English words of ours in ``pdf``: single words that are neither Spanish content
    (``templates/es/``) nor the person's or the practice's own words, any two words in a
    row of one of our English messages ("Page 3 of 9") that Spanish content and user
    text never have in a row, and any English sentence (``english_sentences``): English
    content (explainers, feelings, questions, checklist, crisis text) shows up here."""
    english, english_pairs, spanish_words = _catalogue()
    allowed = set(spanish_words) | {"first", "session", "pdf", "firstsession"}
    allowed_pairs: set[tuple[str, str]] = set()
    texts = list(user_texts)
    for path in (REPO / "templates" / "es").rglob("*.toml"):
        texts.extend(_strings(tomllib.loads(path.read_text(encoding="utf-8"))))
    for text in texts:
        allowed |= _words(text)
        allowed_pairs |= _pairs(_sequence(text))
    reader = PdfReader(io.BytesIO(pdf))
    shown = "\n".join(page.extract_text() or "" for page in reader.pages)
    shown += "\n" + str((reader.metadata or {}).get("/Title", ""))
    for field in (reader.get_fields() or {}).values():
        shown += "\n" + str(field.get("/TU", ""))
    left = {w for w in _words(shown) if w in english | _ENGLISH and w not in allowed}
    for part in _PARTS.split(shown):  # pairs within one line
        left |= {" ".join(p) for p in _pairs(_sequence(part)) & english_pairs
                 if p not in allowed_pairs and not set(p) <= spanish_words}
    return left | set(english_sentences(shown, *user_texts))


def test_spanish_pdfs_have_no_english_fixed_words(spanish: Path) -> None:
    """export --lang es, blank --lang es (on paper and fillable) and a Spanish packet's
    handout print no English word of ours, in messages or in content."""
    from firstsession.packet_format import encode_packet, validate_packet
    from firstsession.packet_sample import sample_packet

    folder = spanish.parent
    sheet, packet = folder / "sheet.json", folder / "packet.json"
    assert run_cli("sample", "-o", str(sheet), "--lang", "es").returncode == 0
    sample = sample_packet()
    sample.language = "es"
    packet.write_bytes(encode_packet(validate_packet(sample)))
    user = [text for path in (sheet, packet)
            for text in _strings(json.loads(path.read_text(encoding="utf-8")))]
    runs = {
        "export": ["export", str(sheet), "--lang", "es"],
        "blank": ["blank", "--lang", "es", "--country", "US"],
        "fillable": ["blank", "--lang", "es", "--fillable", "--names", str(folder / "n.txt")],
        "packet": ["blank", "--packet", str(packet), "--fillable"],
    }
    (folder / "n.txt").write_text("Sam Rivera\nAlex Kim\n", encoding="utf-8")
    for name, args in runs.items():
        out = folder / f"{name}.pdf"
        result = run_cli(*args, "-o", str(out))
        assert result.returncode == 0, result.stderr
        left = english_left(out.read_bytes(), *user)
        assert left == set(), (name, sorted(left))
        assert _lang(out.read_bytes()).startswith("es"), name
    assert json.loads(sheet.read_text(encoding="utf-8"))["format"] == "firstsession-sheet"


def test_an_unreadable_or_damaged_catalogue_gives_english_words(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A locale folder that cannot be read, or a damaged .mo, leaves the words in English."""
    root = tmp_path / "translations"
    folder = root / "locale" / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "firstsession.mo").write_bytes(b"not a catalogue")
    monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(root))
    try:
        assert "xx" in i18n.available_languages()
        assert i18n.set_language("xx") == "xx"
        assert i18n._("Emergency: {number}") == "Emergency: {number}"
        locked = root / "locale"
        locked.chmod(0o000)
        if os.geteuid() == 0:  # root reads anything: look at it as `nobody` instead
            # The child imports as root (Python's own files may be root's), then reads as nobody.
            probe = ("import os, pwd, gettext; from firstsession import i18n;"
                     "n = pwd.getpwnam('nobody'); os.setgroups([]);"
                     "os.setgid(n.pw_gid); os.setuid(n.pw_uid);"
                     "print(i18n.available_languages(), i18n._('Emergency: {number}'))")
            env = {k: v for k, v in os.environ.items() if not k.startswith(("LANG", "LC_"))}
            result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                    timeout=60, env={**env, "LANG": "C.UTF-8"})
            assert result.returncode == 0, result.stderr
            assert "'xx'" not in result.stdout and "Emergency: {number}" in result.stdout
        else:
            assert i18n.available_languages()[-1] != "xx"
        locked.chmod(0o755)
    finally:
        i18n.set_language(None)


def test_the_english_check_finds_english_content_in_an_english_pdf(spanish: Path) -> None:
    """The same check, over the same sheet printed in English, finds English sentences of
    content (not only of messages), so a Spanish PDF that fell back to English would fail."""
    folder = spanish.parent
    sheet = folder / "sheet.json"
    assert run_cli("sample", "-o", str(sheet), "--lang", "es").returncode == 0
    user = list(_strings(json.loads(sheet.read_text(encoding="utf-8"))))
    out = folder / "en.pdf"
    assert run_cli("export", str(sheet), "--lang", "en", "-o", str(out)).returncode == 0
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    shown = "\n".join(page.extract_text() or "" for page in reader.pages)
    found = english_sentences(shown, *user)
    content = list(_strings(tomllib.loads((REPO / "templates" / "emotions.toml").read_text(
        encoding="utf-8"))))
    content += list(_strings(tomllib.loads((REPO / "templates" / "checklist.toml").read_text(
        encoding="utf-8"))))
    assert any(" ".join(_sequence(part)) in " ".join(_sequence(text))
               for part in found for text in content if len(_sequence(part)) >= 3), found
    assert english_left(out.read_bytes(), *user)
