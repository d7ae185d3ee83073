"""The app's fields and labels on a bare machine: every script drawn from the project's own fonts.

Each test runs Qt in a process of its own whose fontconfig knows only the DejaVu fonts
(what a fresh Debian or Ubuntu has, and what .ci/run gives the suite), so the answer is
the same on a developer's machine with hundreds of fonts. Qt itself says which font drew
each glyph: the text's layout gives glyph runs, each with its font (QRawFont) and glyph
indexes; glyph 0 (.notdef) or a font without a cmap (Qt's "box" engine, used when no
font has the script) is a missing glyph.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEJAVU_DIR
from script_samples import SAMPLES

from firstsession.app.fonts import FAMILIES, SYSTEM_DRAWS, needs_fonts

# Scripts beyond the list that Qt still draws as boxes with our faces, and why.
# The test fails when one of them starts to show (then take it out of here).
KNOWN_GAPS = {
    # fontconfig gives Noto Sans Thaana the language "dv", yet Qt (PySide6 6.11) lists its
    # writing systems as Symbol only (QFontDatabase.writingSystems), so Qt never picks it
    # for Thaana: not as a substitute, nor named in a font's family list.
    "thaana": "Qt does not use Noto Sans Thaana for Thaana",
}
# The issue's own list of scripts that showed boxes in the app on a bare machine.
BOXED_ON_A_BARE_MACHINE = ("korean", "hindi", "bengali", "tamil", "thai", "amharic")

FIELDS_PROBE = r"""
import json, sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QApplication, QLineEdit, QTextEdit, QVBoxLayout, QWidget
from firstsession.app import fonts
from firstsession.app.colours import use_look
from firstsession.app.main import stylesheet
from firstsession.app.widgets import heading

samples = json.loads(sys.argv[1])
app = QApplication(["firstsession"])
system = app.font()
use_look(app, stylesheet())  # as main.run: the stylesheet changes how fonts reach widgets
fonts.use_fallback_families(app)


def runs_missing(layout, text):
    # Fonts that drew the text, and whether any glyph is missing (.notdef or a box).
    used, missing = set(), False
    for run in layout.glyphRuns(0, len(text.encode("utf-16-le")) // 2):
        raw = run.rawFont()
        if not raw.fontTable("cmap"):  # Qt's box engine: no font has these characters
            missing = True
            continue
        used.add(raw.familyName())
        missing = missing or 0 in run.glyphIndexes()
    return used, missing


def line_layout(text, font):
    # The layout a QLineEdit or a one-line QLabel makes: one line in the widget's font.
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine().setLineWidth(1e6)
    layout.endLayout()
    return layout


def build():
    # A window of a heading (bold, larger), a line edit and a text edit per sample.
    window = QWidget()
    window.setFixedWidth(1400)
    column = QVBoxLayout(window)
    rows = {}
    for key, text in samples:
        line_edit, text_edit = QLineEdit(text), QTextEdit()
        text_edit.setPlainText(text)
        text_edit.setFixedHeight(80)
        for field in (line_edit, text_edit):
            field.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no cursor in the pictures
        rows[key] = (heading(text, 2), line_edit, text_edit)
        for widget in rows[key]:
            column.addWidget(widget)
    window.show()
    for _ in range(5):
        app.processEvents()
    return window, rows


def look(rows):
    result = {}
    for key, (label, line_edit, text_edit) in rows.items():
        text = line_edit.text()
        checks = [runs_missing(line_layout(text, label.font()), text),
                  runs_missing(line_layout(text, line_edit.font()), text),
                  runs_missing(text_edit.document().firstBlock().layout(), text)]
        result[key] = {"missing": [m for _, m in checks],
                       "fonts": sorted(set().union(*(u for u, _ in checks)))}
    return result


shown_before, rows = build()
before = look(rows)
registration = fonts.install_fonts(app)
for _ in range(5):
    app.processEvents()
after = look(rows)
# What the widgets already on screen draw now, against the same widgets made afresh.
made_after, fresh = build()
same = {key: [a.grab().toImage() == b.grab().toImage() for a, b in zip(rows[key], fresh[key])]
        for key in rows}
font = app.font()
print(json.dumps({
    "before": before, "after": after, "same": same, "failed": registration.failed,
    "registered": registration.families, "untouched": font == system,
    "substitutes": {name: QFont.substitutes(name) for name in (system.family(), "Sans Serif")},
}))
"""

TRIGGERS_PROBE = Path(__file__).with_name("app_fonts_triggers.py")


def bare_machine_env(folder: Path) -> dict[str, str]:
    """The environment of a machine whose only fonts are DejaVu's (a private fontconfig
    written into ``folder``); skips the test where DejaVu is not installed."""
    if not DEJAVU_DIR.is_dir():
        pytest.skip(f"DejaVu fonts are not installed here ({DEJAVU_DIR})")
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{DEJAVU_DIR}</dir>\n  <cachedir>{folder / 'fc-cache'}</cachedir>\n"
        "</fontconfig>\n", "utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen")
    env.pop("FONTCONFIG_PATH", None)
    return env


@pytest.fixture
def bare_machine(tmp_path: Path) -> dict[str, str]:
    """The environment of a machine whose only fonts are DejaVu's."""
    return bare_machine_env(tmp_path)


def run_probe(code: str, env: dict[str, str], *args: str) -> dict[str, object]:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                            text=True, env=env, timeout=180)
    assert result.returncode == 0, result.stderr
    answer: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


@pytest.fixture(scope="module")
def fields_on_a_bare_machine(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """What Qt drew each sample with, in a line edit, a text edit and a heading, before
    and after the app's fonts were installed (one process for every sample)."""
    folder = tmp_path_factory.mktemp("bare")
    env = bare_machine_env(folder)
    samples = [(key, text) for key, _tag, text, _readback in SAMPLES]
    return run_probe(FIELDS_PROBE, env, json.dumps(samples))


@pytest.mark.parametrize("key", [key for key, *_ in SAMPLES])
def test_every_script_shows_in_fields_and_headings_with_only_the_projects_fonts(
        fields_on_a_bare_machine: dict[str, object], key: str) -> None:
    """A heading, a line edit and a text edit holding the sample draw every glyph from a font."""
    after = fields_on_a_bare_machine["after"]
    assert isinstance(after, dict)
    missing, used = after[key]["missing"], after[key]["fonts"]
    if key in KNOWN_GAPS:
        assert any(missing), f"{key} shows now: take it out of KNOWN_GAPS ({used})"
        pytest.xfail(KNOWN_GAPS[key])
    assert missing == [False, False, False], f"{key}: a glyph is missing (fonts used: {used})"


@pytest.mark.parametrize("key", [key for key, *_ in SAMPLES])
def test_text_already_on_screen_is_drawn_again_with_the_new_fonts_not_garbled(
        fields_on_a_bare_machine: dict[str, object], key: str) -> None:
    """A heading, line edit and text edit shown before the fonts loaded draw as new ones do."""
    same = fields_on_a_bare_machine["same"]
    assert isinstance(same, dict)
    assert same[key] == [True, True, True], f"{key}: heading, line edit, text edit"


def test_the_bare_machine_really_shows_boxes_without_the_projects_fonts(
        fields_on_a_bare_machine: dict[str, object]) -> None:
    """Without our fonts the issue's Korean, Hindi, Bengali, Tamil, Thai and Amharic are boxes."""
    before = fields_on_a_bare_machine["before"]
    assert isinstance(before, dict)
    assert all(all(before[key]["missing"]) for key in BOXED_ON_A_BARE_MACHINE)
    assert not any(before["cyrillic"]["missing"])  # DejaVu has Cyrillic


def test_the_application_font_stays_the_systems_and_our_families_are_its_substitutes(
        fields_on_a_bare_machine: dict[str, object]) -> None:
    """The app font is left as the system's (Qt then follows its changes); FAMILIES substitute."""
    answer = fields_on_a_bare_machine
    assert answer["failed"] == []
    assert answer["untouched"] is True
    substitutes = answer["substitutes"]
    assert isinstance(substitutes, dict)
    ours = [f.lower() for f in FAMILIES]
    for family, names in substitutes.items():
        # Qt keeps substitutes lower-cased. A generic family ("Sans Serif") keeps what it
        # resolved to before our faces came first, then ours; the system's family ours.
        if family == "Sans Serif":
            assert names[0] not in ours and names[1:] == ours, names
        else:
            assert names == [f for f in ours if f != family.lower()], family


def test_latin_text_keeps_the_systems_font_after_our_fonts_load(
        fields_on_a_bare_machine: dict[str, object]) -> None:
    """Where the system's font is a generic name, our faces only fill in letters it lacks:
    Latin text is drawn with the same font before and after they load (fresh-eyes finding:
    every label turned Noto Sans and the step list narrowed)."""
    before, after = fields_on_a_bare_machine["before"], fields_on_a_bare_machine["after"]
    assert isinstance(before, dict) and isinstance(after, dict)
    def families(answer: dict[str, object]) -> list[str]:
        found = answer["latin"]
        assert isinstance(found, dict)
        return [str(name).casefold() for name in found["fonts"]]  # substitutes are lower-cased

    assert families(after) == families(before)
    assert "noto sans" not in families(after)


def test_the_fallback_families_are_exactly_the_families_of_the_bundled_files(
        fields_on_a_bare_machine: dict[str, object]) -> None:
    """FAMILIES (named before any file is read) lists every family Qt finds in our files."""
    registered = fields_on_a_bare_machine["registered"]
    assert isinstance(registered, list)
    assert sorted(registered) == sorted(FAMILIES)
    assert FAMILIES[0] == "Noto Sans" and len(set(FAMILIES)) == len(FAMILIES)


def start_app(folder: Path, trigger: str, *args: str, notes: str = "") -> dict[str, object]:
    """The app started on a bare machine (a sheet holding ``notes`` saved first, if any),
    then ``trigger`` (tests/app_fonts_triggers.py): what that process says."""
    env = bare_machine_env(folder)
    env.update(FIRSTSESSION_DATA_DIR=str(folder / "data"), XDG_CONFIG_HOME=str(folder / "config"))
    if notes:
        code = ("from firstsession import storage\nfrom firstsession.model import Sheet\n"
                f"storage.save_sheet(Sheet(notes={notes!r}))")
        subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return run_probe(TRIGGERS_PROBE.read_text("utf-8"), env, trigger, *args)


def test_a_start_whose_text_the_system_font_draws_registers_no_font(tmp_path: Path) -> None:
    """An empty sheet (Welcome, Latin crisis lines) starts without reading one of our fonts."""
    answer = start_app(tmp_path, "none")
    assert answer == {"at_build": False, "at_start": False, "after": False, "text": "",
                      "draws": None}


def test_a_latin_sheet_with_accents_and_curly_quotes_registers_no_font(tmp_path: Path) -> None:
    """Zoë’s “notes” (with €, Cyrillic and Greek) are the system font's: nothing loads."""
    answer = start_app(tmp_path, "none", notes="Zoë’s “notes” — 5 € café, Привет, Ελλάδα")
    assert answer["at_build"] is False and answer["after"] is False


def test_a_saved_sheet_in_hindi_registers_the_fonts_before_the_window_is_built(
        tmp_path: Path) -> None:
    """A sheet holding Hindi loads our fonts at start, before any widget lays text out."""
    answer = start_app(tmp_path, "none", notes="मुझे नींद नहीं आती")
    assert answer["at_build"] is True


def test_a_new_system_text_size_reaches_the_fields_and_our_fonts_still_draw(
        tmp_path: Path) -> None:
    """A larger system font (as Qt applies it) reaches a shown field; its Hindi still shows."""
    answer = start_app(tmp_path, "system-size", notes="मुझे नींद नहीं आती")
    assert answer["size"] == answer["wanted"]
    assert answer["draws"] is True


@pytest.mark.parametrize(
    "trigger", ["type", "paste", "input-method", "open-packet", "edit-packet", "country"])
def test_text_needing_our_fonts_registers_them_when_it_arrives(
        tmp_path: Path, trigger: str) -> None:
    """Typing Hindi, pasting Korean, an input method's Amharic, a Korean packet opened or
    edited, a country whose crisis lines are Korean: the fonts load then, and it shows."""
    args: list[str] = []
    if trigger.endswith("-packet"):
        from firstsession.packet_format import save_packet
        from firstsession.packet_sample import sample_packet

        packet = sample_packet()
        packet.practice.name = "서울 마음 상담센터"
        save_packet(packet, tmp_path / "packet.json")
        args = [str(tmp_path / "packet.json")]
    answer = start_app(tmp_path, trigger, *args)
    assert answer["at_start"] is False, "fonts were registered at start"
    assert answer["after"] is True, f"{trigger} did not register our fonts"
    assert answer["draws"] is True, f"{answer['text']!r} still shows a missing glyph"


def test_every_letter_the_rule_leaves_to_the_system_font_is_in_dejavu_sans() -> None:
    """SYSTEM_DRAWS (text that loads no font of ours) lists only what DejaVu Sans draws."""
    import unicodedata

    from fontTools.ttLib import TTFont

    path = DEJAVU_DIR / "DejaVuSans.ttf"
    if not path.is_file():
        pytest.skip(f"DejaVu Sans is not installed here ({path})")
    cmap = TTFont(path).getBestCmap()
    no_glyph = {"Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp"}  # controls, format, unassigned
    missing = [f"U+{code:04X}" for first, last in SYSTEM_DRAWS for code in range(first, last + 1)
               if unicodedata.category(chr(code)) not in no_glyph and code not in cmap]
    assert missing == []
    assert not needs_fonts("Zoë’s “café” — 5 €, Привет, Ελλάδα, Tiếng Việt")
    assert all(needs_fonts(text) for text in ("नमस्ते", "한국어", "😀", "ދިވެހި", "a ₿"))
