"""tools/i18n.py leaves committed catalogues alone when nothing changed, and check fails on
a shipped language with gaps."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from i18n_helpers import ROOT, load_tool

tool = load_tool()
CATALOGUES = ["locale/firstsession.pot", "locale/es/LC_MESSAGES/firstsession.po",
              "locale/es/LC_MESSAGES/firstsession.mo"]


def _run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(repo / "tools" / "i18n.py"), *args],
                          capture_output=True, text=True, cwd=repo, timeout=300)


def test_extract_update_and_compile_twice_change_no_byte(tmp_path: Path) -> None:
    """With no real change, extract, update and compile (run twice) give the committed bytes."""
    repo = tmp_path / "repo"
    ignore = shutil.ignore_patterns("__pycache__")
    for folder in ("src", "tools", "locale"):
        shutil.copytree(ROOT / folder, repo / folder, ignore=ignore)
    shutil.copy2(ROOT / "pyproject.toml", repo / "pyproject.toml")
    for _round in range(2):
        for command in ("extract", "update", "compile"):
            done = _run(repo, command)
            assert done.returncode == 0, done.stderr
        changed = [name for name in CATALOGUES
                   if (repo / name).read_bytes() != (ROOT / name).read_bytes()]
        assert changed == []


def test_check_prints_each_languages_counts_and_spanish_is_complete() -> None:
    """`check` on the repository names Spanish as shipped with nothing left to translate."""
    done = _run(ROOT, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "es (shipped): " in done.stdout
    assert "es (shipped): 0 translated" not in done.stdout
    assert ", 0 untranslated, 0 fuzzy" in done.stdout


def _language(tmp: Path, translations: list[tuple[str, str, bool]]) -> Path:
    """A tiny source, its template and an "xx" catalogue of (msgid, msgstr, fuzzy)."""
    from babel.messages.catalog import Catalog

    src = tmp / "src"
    src.mkdir()
    (src / "a.py").write_text('_("Hello")\n_("Goodbye")\n_("Thanks")\n', encoding="utf-8")
    tool.write_catalogue(tool.extract(src, tmp), tmp / "firstsession.pot")
    catalog = Catalog(locale=None, fuzzy=False)
    catalog.add("Thanks", "Merci")
    for msgid, msgstr, fuzzy in translations:
        catalog.add(msgid, msgstr, flags=["fuzzy"] if fuzzy else [])
    po = tmp / "xx" / "LC_MESSAGES" / "firstsession.po"
    po.parent.mkdir(parents=True)
    tool.write_catalogue(catalog, po)
    return src


def test_check_fails_when_a_shipped_language_has_untranslated_or_fuzzy_messages(
    tmp_path: Path,
) -> None:
    """A language with a .mo and one untranslated and one fuzzy message is one problem line."""
    src = _language(tmp_path, [("Hello", "", False), ("Goodbye", "Au revoir", True)])
    po = tmp_path / "xx" / "LC_MESSAGES" / "firstsession.po"
    tool.compile_po(po)
    problems = tool.check(src, tmp_path)
    assert problems == [f"{po}: shipped with 1 untranslated and 1 fuzzy messages (translate "
                        "them, then run tools/i18n.py compile)"]
    assert tool.language_report(tmp_path) == [
        "xx (shipped): 1 translated, 1 untranslated, 1 fuzzy"]


def test_a_complete_shipped_language_passes_check(tmp_path: Path) -> None:
    """The same language, every message translated and compiled: no problem."""
    src = _language(tmp_path, [("Hello", "Bonjour", False), ("Goodbye", "Au revoir", False)])
    tool.compile_po(tmp_path / "xx" / "LC_MESSAGES" / "firstsession.po")
    assert tool.check(src, tmp_path) == []
