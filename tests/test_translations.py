"""The translation catalogues: fresh, complete and safe to show, and the tool that keeps them so.

``tools/i18n.py`` extracts every marked string into ``locale/firstsession.pot``, merges it into
each language's ``.po`` and compiles the ``.mo`` the program reads. The first tests hold the
repository to it (the .pot has every marked string, every language translates every message,
no .mo is older than its .po, no translation drops a field or an accelerator); the rest pin the
tool's own behaviour on small made-up sources and catalogues.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo
from i18n_helpers import ROOT, TOOL, load_tool

# Languages the program must speak completely (issue 12: Spanish everywhere).
COMPLETE_LANGUAGES = ("es",)
tool = load_tool()


# -- the repository's catalogues ---------------------------------------------------------


def test_the_template_holds_every_string_the_source_marks() -> None:
    """locale/firstsession.pot is what `tools/i18n.py extract` makes from src/ now."""
    problems = tool.stale_template()
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", COMPLETE_LANGUAGES)
def test_a_complete_language_translates_every_message(lang: str) -> None:
    """Every message of the .pot has a translation, not fuzzy, in the language's .po."""
    po = ROOT / "locale" / lang / "LC_MESSAGES" / "firstsession.po"
    assert po.is_file(), f"{po.relative_to(ROOT)} is missing (tools/i18n.py merge-parts)"
    catalog = tool.read_catalogue(po, lang)
    template = tool.read_catalogue(tool.POT)
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        strings = found.string if found is not None and isinstance(found.string, tuple) \
            else [found.string if found is not None else ""]
        if found is None or found.fuzzy or not all(strings):
            where = ", ".join(f"{f}:{n}" for f, n in message.locations[:2])
            state = "fuzzy" if found is not None and found.fuzzy else "untranslated"
            missing.append(f"{where}: {tool._msgid(message)!r} {state}")
    assert missing == [], f"{len(missing)} of {len(tool.keys(template))} messages:\n" + \
        "\n".join(missing)


def test_every_catalogue_compiles_and_no_compiled_one_is_stale(tmp_path: Path) -> None:
    """Every locale/<lang>/…/firstsession.po compiles with no field or accelerator problem,
    and the committed .mo holds what compiling it gives now."""
    problems = []
    for po in tool.po_files():
        catalog = tool.read_catalogue(po, tool._babel_locale(tool.language_of(po)))
        problems.extend(tool.catalogue_problems(catalog, po))
        problems.extend(tool.stale_mo(po))
        assert read_mo(io.BytesIO(tool.mo_bytes(catalog))) is not None
    assert problems == [], "\n".join(problems)


# -- extraction ----------------------------------------------------------------------------


SOURCE = '''\
from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from firstsession.i18n import _, N_, ngettext, pgettext

STEP = N_("Before you go")

class Page:
    def build(self, n):
        # TRANSLATORS: a button that saves the sheet as a PDF
        self.tr("&Export")
        QCoreApplication.translate("MainWindow", u"&Help", None)
        QT_TRANSLATE_NOOP("Fit", "Good fit")
        ngettext("And {count} more answer", "And {count} more answers", n)
        pgettext("file menu", "Open")
        self.tr(self.name)  # a variable: cannot be extracted
'''


def test_extraction_finds_every_kind_of_marked_call_with_its_place_and_comment(
        tmp_path: Path) -> None:
    """_/N_/tr/translate/QT_TRANSLATE_NOOP/ngettext/pgettext are all read, with file:line
    and the translator's comment; tr(variable) is not a message."""
    src = tmp_path / "src"
    (src / "pkg").mkdir(parents=True)
    (src / "pkg" / "page.py").write_text(SOURCE, encoding="utf-8")
    catalog = tool.extract(src, tmp_path)
    assert tool.keys(catalog) == {
        ("Before you go", None), ("&Export", None), ("&Help", None), ("Good fit", None),
        ("And {count} more answer", None), ("Open", "file menu"),
    }
    export = catalog.get("&Export")
    assert export.locations == [("src/pkg/page.py", 9)]
    assert export.auto_comments == ["a button that saves the sheet as a PDF"]
    plural = catalog.get(("And {count} more answer", "And {count} more answers"))
    assert plural.id == ("And {count} more answer", "And {count} more answers")


def test_the_real_source_yields_the_compiled_forms_strings() -> None:
    """The Designer form's strings (app/generated, QCoreApplication.translate) are extracted."""
    catalog = tool.extract()
    files = {file for message in catalog for file, _line in message.locations}
    assert "src/firstsession/app/generated/ui_mainwindow.py" in files
    assert ("&New sheet", None) in tool.keys(catalog)


def test_a_stale_template_names_each_missing_string_and_where_it_is(tmp_path: Path) -> None:
    """check reports "file:line: 'text' is not in locale/firstsession.pot", and a message
    the source no longer marks, one line each."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.py").write_text('_("Kept")\n_("Brand new")\n', encoding="utf-8")
    pot = tmp_path / "firstsession.pot"
    old = Catalog()
    old.add("Kept")
    old.add("Gone")
    tool.write_catalogue(old, pot)
    problems = tool.stale_template(src, pot)
    assert len(problems) == 2
    assert problems[0].startswith("src/a.py:2: 'Brand new' is not in ")
    assert "'Gone' is no longer marked" in problems[1]


# -- update and merge-parts ----------------------------------------------------------------


def write_po(path: Path, entries: list[tuple[str, str]], *, fuzzy: tuple[str, ...] = ()) -> None:
    catalog = Catalog(locale="es", fuzzy=False)
    for msgid, msgstr in entries:
        catalog.add(msgid, msgstr, flags=["fuzzy"] if msgid in fuzzy else [])
    tool.write_catalogue(catalog, path)


def test_update_marks_changed_messages_fuzzy_and_keeps_removed_ones_as_obsolete(
        tmp_path: Path) -> None:
    """A reworded English message keeps its old translation as a fuzzy guess; a message the
    source dropped stays in the file as #~ (a translator's work is never thrown away)."""
    po = tmp_path / "es" / "LC_MESSAGES" / "firstsession.po"
    po.parent.mkdir(parents=True)
    write_po(po, [("Save the sheet", "Guardar la hoja"), ("Removed text", "Texto quitado")])
    template = Catalog()
    template.add("Save the sheet now")
    tool.write_catalogue(template, tmp_path / "firstsession.pot")
    assert tool.update_all(tmp_path) == [
        f"{po}: 0 translated, 1 fuzzy, 0 untranslated"]
    text = po.read_text(encoding="utf-8")
    assert ('#, fuzzy\n#| msgid "Save the sheet"\nmsgid "Save the sheet now"\n'
            'msgstr "Guardar la hoja"') in text
    assert '#~ msgid "Removed text"\n#~ msgstr "Texto quitado"' in text


def test_merge_parts_folds_helpers_translations_in_and_deletes_the_parts(tmp_path: Path) -> None:
    """locale/es/parts/*.po land in locale/es/LC_MESSAGES/firstsession.po (made from the .pot)
    with the Spanish plural rule; the parts folder is gone afterwards."""
    template = Catalog()
    for msgid in ("File", "Help", "Not yet translated"):
        template.add(msgid)
    tool.write_catalogue(template, tmp_path / "firstsession.pot")
    parts = tmp_path / "es" / "parts"
    parts.mkdir(parents=True)
    write_po(parts / "app.po", [("File", "Archivo")])
    write_po(parts / "core.po", [("Help", "Ayuda")])
    assert tool.merge_all_parts(tmp_path) == []
    assert not parts.exists()
    merged = tool.read_catalogue(tmp_path / "es" / "LC_MESSAGES" / "firstsession.po", "es")
    assert merged.get("File").string == "Archivo"
    assert merged.get("Help").string == "Ayuda"
    assert merged.get("Not yet translated").string == ""
    assert merged.plural_forms == "nplurals=2; plural=(n != 1);"


def test_two_parts_disagreeing_on_a_message_are_reported_and_kept(tmp_path: Path) -> None:
    """When two helpers translate one message differently, merge-parts says which and keeps
    the parts for the lead to decide."""
    parts = tmp_path / "es" / "parts"
    parts.mkdir(parents=True)
    write_po(parts / "app.po", [("Open", "Abrir")])
    write_po(parts / "core.po", [("Open", "Abierto")])
    conflicts = tool.merge_all_parts(tmp_path)
    assert conflicts == ["es: core.po: 'Open' already translated by app.po"]
    assert (parts / "core.po").is_file()


# -- compile and check ---------------------------------------------------------------------


def test_compile_leaves_fuzzy_guesses_out_and_counts_what_is_untranslated(tmp_path: Path) -> None:
    """A fuzzy entry is never compiled (the English shows instead of a wrong guess); the
    report counts translated, fuzzy and untranslated messages."""
    po = tmp_path / "es" / "LC_MESSAGES" / "firstsession.po"
    po.parent.mkdir(parents=True)
    write_po(po, [("Yes", "Sí"), ("Maybe", "Quizás"), ("No idea", "")], fuzzy=("Maybe",))
    report, problems = tool.compile_all(tmp_path)
    assert problems == []
    assert report == [f"{po} -> .mo: 1 translated, 1 fuzzy (left out), 1 untranslated"]
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = {m.id: m.string for m in read_mo(handle) if m.id}
    assert compiled == {"Yes": "Sí"}


@pytest.mark.parametrize(("msgid", "msgstr", "problem"), [
    ("And {count} more", "Y {cuenta} más", "fields ['cuenta'] differ from the English ['count']"),
    ("Saved {name}", "Guardado", "fields [] differ from the English ['name']"),
    ("Saved {name}", "Guardado {name", "broken field"),
    ("Copy %1 here", "Copiar aquí", "%-fields [] differ from the English ['%1']"),
    ("%1 of %2", "%1 de", "%-fields ['%1'] differ from the English ['%1', '%2']"),
    ("&Export", "Exportar", "0 accelerators (&) where the English has 1"),
    ("Export", "&Exportar", "1 accelerators (&) where the English has 0"),
])
def test_a_translation_that_drops_or_breaks_a_field_or_accelerator_is_a_problem(
        msgid: str, msgstr: str, problem: str) -> None:
    """Fields ({name}, %1) and accelerators (&) must match the English; a broken field too."""
    found = tool.message_problems(Message(msgid, msgstr))
    assert any(problem in line for line in found), found


@pytest.mark.parametrize(("msgid", "msgstr"), [
    (("And {count} more answer", "And {count} more answers"), ("Y una respuesta más",
                                                               "Y {count} respuestas más")),
    ("Tom && Jerry &amp; friends", "Tom && Jerry &amp; amigos"),
    ("{name} and {place}", "{place}: {name}"),
    ("%1%", "%1 %"),
])
def test_word_order_plural_forms_and_literal_ampersands_are_fine(
        msgid: str | tuple[str, str], msgstr: str | tuple[str, str]) -> None:
    """A plural's singular may drop the count; fields may move; && and &amp; are no keys."""
    assert tool.message_problems(Message(msgid, msgstr)) == []


def test_check_exits_1_and_prints_each_problem_on_one_line(tmp_path: Path) -> None:
    """The check command: a stale .mo and a dropped field, each one line, status 1."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.py").write_text('_("Hello {name}")\n', encoding="utf-8")
    template = tool.extract(src, tmp_path)
    tool.write_catalogue(template, tmp_path / "firstsession.pot")
    po = tmp_path / "es" / "LC_MESSAGES" / "firstsession.po"
    po.parent.mkdir(parents=True)
    write_po(po, [("Hello {name}", "Hola")])
    problems = tool.check(src, tmp_path)
    assert len(problems) == 2, problems
    assert "'Hello {name}': fields [] differ from the English ['name']" in problems[0]
    assert problems[1].endswith("firstsession.mo: missing; run tools/i18n.py compile")
    assert all("\n" not in line for line in problems)


def test_the_tool_needs_no_gettext_programs_and_no_network(tmp_path: Path) -> None:
    """`tools/i18n.py check` and `pseudo` run with an empty PATH (no msgfmt, no pybabel) and
    with every socket refused (no network)."""
    guard = tmp_path / "sitecustomize.py"
    mark = tmp_path / "guard-loaded"
    guard.write_text(
        f"open({str(mark)!r}, 'w').close()\n"
        "import socket\n"
        "def _refuse(*a, **k):\n    raise OSError('network used')\n"
        "socket.socket.connect = _refuse\nsocket.create_connection = _refuse\n",
        encoding="utf-8")
    env = {**os.environ, "PATH": "", "PYTHONPATH": os.pathsep.join(
        [str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    for args in (["check"], ["pseudo", "en-XA", str(tmp_path / "pseudo")]):
        done = subprocess.run([sys.executable, str(TOOL), *args], capture_output=True,
                              text=True, env=env, cwd=tmp_path, timeout=300)
        assert "network used" not in done.stderr
        assert "Traceback" not in done.stderr, done.stderr
    assert mark.is_file(), "the network guard was not loaded"
    assert (tmp_path / "pseudo" / "locale" / "en_XA" / "LC_MESSAGES" / "firstsession.mo").is_file()
    assert socket.socket.connect is not None  # this process is untouched
