"""The translation workflow in one command: extract, update, merge-parts, compile, check, pseudo.

Everything the program says goes through gettext (docs/TRANSLATING.md): the app's
``self.tr()`` / ``QCoreApplication.translate()`` and the domain's ``_()``, ``N_()``,
``ngettext()``, ``pgettext()`` all land in ``locale/firstsession.pot``, one
``locale/<lang>/LC_MESSAGES/firstsession.po`` per language, compiled into the ``.mo`` next
to it. Only babel's library is used (no pybabel, msgfmt or xgettext binaries, no network).

    python tools/i18n.py extract            # src/ -> locale/firstsession.pot
    python tools/i18n.py update             # the .pot -> every .po (changed: fuzzy; gone: #~)
    python tools/i18n.py merge-parts        # locale/<lang>/parts/*.po -> the .po; parts deleted
    python tools/i18n.py compile            # every .po -> .mo (fuzzy entries left out)
    python tools/i18n.py check              # exit 1, one line per problem
    python tools/i18n.py pseudo en-XA OUT   # pseudo-translation (OUT: a translations dir)

tests/test_translations.py and tests/test_pseudo_locale.py import this file's functions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import string
import sys
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, cast

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
LOCALE = ROOT / "locale"
TEMPLATES = ROOT / "templates"
DOMAIN = "firstsession"
POT = LOCALE / f"{DOMAIN}.pot"
PROJECT = "First Session"
COMMENT_TAGS = ("TRANSLATORS:",)
PLURAL_FORMS = {"es": "nplurals=2; plural=(n != 1);"}
# The calls extraction reads, as pybabel's -k options (COMMON12): Qt's tr(text) and
# translate(context, text), whose context is ignored (one English sentence, one translation).
KEYWORD_SPECS = ("_", "N_", "ngettext:1,2", "pgettext:1c,2", "npgettext:1c,2,3", "tr",
                 "translate:2", "QT_TRANSLATE_NOOP:2")
KEYWORDS: dict[str, Any] = {
    "_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3), "tr": None, "translate": (2,), "QT_TRANSLATE_NOOP": (2,),
}

Key = tuple[str, str | None]  # (msgid, context): how a catalogue tells messages apart


# -- extract ---------------------------------------------------------------------------


def source_files(src: Path = SRC) -> list[Path]:
    """Every Python file under ``src`` (the compiled Designer form in app/generated too)."""
    return sorted(p for p in src.rglob("*.py") if "__pycache__" not in p.parts)


def extract(src: Path = SRC, root: Path | None = None) -> Catalog:
    """Every marked string in ``src`` as a template catalogue: source references (paths
    relative to ``root``, default ``src``'s parent) and ``# TRANSLATORS:`` comments kept.
    A call whose text is not a literal (``tr(variable)``) cannot be extracted: babel skips
    it, and the pseudo-locale test finds what it shows."""
    catalog = new_catalogue()
    root = src.parent if root is None else root
    for path in source_files(src):
        relative = path.relative_to(root).as_posix()
        found = extract_from_file("python", str(path), keywords=KEYWORDS,
                                  comment_tags=COMMENT_TAGS, strip_comment_tags=True)
        for lineno, message, comments, context in found:
            if isinstance(message, tuple) and not all(message):
                continue  # a plural whose forms are not all literals
            if not message:
                continue
            catalog.add(message, None, [(relative, lineno)], auto_comments=comments,
                        context=context)
    return catalog


def new_catalogue(locale: str | None = None) -> Catalog:
    """An empty catalogue with our header (project, version from pyproject.toml)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return Catalog(locale=locale, project=PROJECT, version=project["version"], domain=DOMAIN,
                   fuzzy=False, copyright_holder="First Session contributors")


def keys(catalog: Catalog) -> set[Key]:
    """The messages of ``catalog`` (header left out), as (msgid, context)."""
    return {(_msgid(m), m.context) for m in catalog if m.id}


def _msgid(message: Message) -> str:
    return message.id[0] if isinstance(message.id, tuple | list) else str(message.id)


def write_catalogue(catalog: Catalog, path: Path) -> None:
    """Writes ``catalog`` as a .po/.pot file (obsolete messages kept as ``#~``), without
    a creation date, so a file changes only when its messages do."""
    out = io.BytesIO()
    write_po(out, catalog, width=96, sort_by_file=False, ignore_obsolete=False,
             include_previous=True, omit_header=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = re.sub(rb'"POT-Creation-Date: [^"]*\\n"\n', b"", out.getvalue())
    path.write_bytes(data)


def read_catalogue(path: Path, locale: str | None = None) -> Catalog:
    """A .po/.pot file as a babel Catalog (``locale`` for a language's plural rule)."""
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, abort_invalid=False)


def command_extract(_args: argparse.Namespace) -> int:
    catalog = extract()
    write_catalogue(catalog, POT)
    print(f"{POT.relative_to(ROOT)}: {len(keys(catalog))} messages")
    return 0


# -- update, merge-parts ---------------------------------------------------------------


def po_files(locale_dir: Path = LOCALE) -> list[Path]:
    """Every language's catalogue: locale/<lang>/LC_MESSAGES/firstsession.po."""
    return sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def language_of(po: Path) -> str:
    """locale/es_MX/LC_MESSAGES/firstsession.po -> "es_MX"."""
    return po.parent.parent.name


def _babel_locale(lang: str) -> str | None:
    """The locale babel knows for ``lang`` (None for a made-up one: no CLDR plural rule)."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None
    return lang.replace("-", "_")


def update(template: Catalog, po: Path) -> Catalog:
    """Merges ``template`` into the catalogue at ``po``: new messages added, changed ones
    marked fuzzy (the old translation kept as a guess), removed ones kept as obsolete."""
    catalog = read_catalogue(po, _babel_locale(language_of(po)))
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
    return catalog


def update_all(locale_dir: Path = LOCALE) -> list[str]:
    """Merges ``locale_dir``'s .pot into every language's .po there; one line each."""
    template = read_catalogue(locale_dir / f"{DOMAIN}.pot")
    lines = []
    for po in po_files(locale_dir):
        catalog = update(template, po)
        write_catalogue(catalog, po)
        counts = translation_counts(catalog)
        lines.append(f"{_shown(po)}: {counts['translated']} translated, "
                     f"{counts['fuzzy']} fuzzy, {counts['untranslated']} untranslated")
    return lines


def command_update(_args: argparse.Namespace) -> int:
    for line in update_all():
        print(line)
    return 0


def merge_parts(lang_dir: Path, template: Catalog | None = None) -> tuple[Catalog, list[str]]:
    """Folds ``lang_dir/parts/*.po`` into ``lang_dir/LC_MESSAGES/firstsession.po`` (made
    from the .pot when missing). Returns the merged catalogue and one line per conflict
    (two parts translating one message differently: the first part in name order wins)."""
    po = lang_dir / "LC_MESSAGES" / f"{DOMAIN}.po"
    lang = lang_dir.name
    if po.is_file():
        catalog = read_catalogue(po, _babel_locale(lang))
    else:
        catalog = new_catalogue(_babel_locale(lang))
        if template is not None:
            catalog.update(template, no_fuzzy_matching=True)
    if lang in PLURAL_FORMS or lang.split("_")[0] in PLURAL_FORMS:
        catalog._num_plurals, catalog._plural_expr = _plural_parts(  # noqa: SLF001
            PLURAL_FORMS.get(lang) or PLURAL_FORMS[lang.split("_")[0]])
    conflicts: list[str] = []
    taken: dict[Key, str] = {}
    for part in sorted((lang_dir / "parts").glob("*.po")):
        for message in read_catalogue(part, _babel_locale(lang)):
            if not message.id or not message.string:
                continue
            key = (_msgid(message), message.context)
            existing = catalog.get(message.id, message.context)
            if key in taken and existing is not None and existing.string != message.string:
                conflicts.append(f"{part.name}: {key[0]!r} already translated by {taken[key]}")
                continue
            if existing is None:
                catalog.add(message.id, message.string, context=message.context,
                            auto_comments=message.auto_comments)
            else:
                existing.string = message.string
                existing.flags.discard("fuzzy")
            taken[key] = part.name
    return catalog, conflicts


def _plural_parts(forms: str) -> tuple[int, str]:
    """"nplurals=2; plural=(n != 1);" -> (2, "(n != 1)")."""
    number = int(re.search(r"nplurals\s*=\s*(\d+)", forms).group(1))  # type: ignore[union-attr]
    expr = re.search(r"plural\s*=\s*([^;]+)", forms).group(1).strip()  # type: ignore[union-attr]
    return number, expr


def merge_all_parts(locale_dir: Path = LOCALE) -> list[str]:
    """``merge_parts`` for every language in ``locale_dir`` that has parts, then the parts
    are deleted. Returns the conflicts, one line each (the parts are kept if any)."""
    pot = locale_dir / f"{DOMAIN}.pot"
    template = read_catalogue(pot) if pot.is_file() else None
    all_conflicts: list[str] = []
    for lang_dir in sorted(p for p in locale_dir.iterdir() if (p / "parts").is_dir()):
        catalog, conflicts = merge_parts(lang_dir, template)
        all_conflicts.extend(f"{lang_dir.name}: {line}" for line in conflicts)
        write_catalogue(catalog, lang_dir / "LC_MESSAGES" / f"{DOMAIN}.po")
        counts = translation_counts(catalog)
        print(f"{lang_dir.name}: parts merged: {counts['translated']} translated, "
              f"{counts['fuzzy']} fuzzy, {counts['untranslated']} untranslated")
        if not conflicts:
            for part in (lang_dir / "parts").glob("*.po"):
                part.unlink()
            (lang_dir / "parts").rmdir()
    return all_conflicts


def command_merge_parts(_args: argparse.Namespace) -> int:
    conflicts = merge_all_parts()
    for line in conflicts:
        print(line, file=sys.stderr)
    return 1 if conflicts else 0


# -- compile ---------------------------------------------------------------------------


def translation_counts(catalog: Catalog) -> dict[str, int]:
    """How many messages are translated, fuzzy (a guess, not compiled) and untranslated."""
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        if message.fuzzy:
            counts["fuzzy"] += 1
        elif all(strings):
            counts["translated"] += 1
        else:
            counts["untranslated"] += 1
    return counts


class _DatelessCatalogue:
    """``catalog`` as ``write_mo`` reads it, its header without POT-Creation-Date (babel
    stamps the current time there, so the same .po would compile to new bytes)."""

    def __init__(self, catalog: Catalog) -> None:
        self.charset = catalog.charset
        self.messages = list(catalog)
        header = self.messages[0]
        header.string = "".join(line for line in str(header.string).splitlines(keepends=True)
                                if not line.startswith("POT-Creation-Date:"))

    def __iter__(self) -> Iterator[Message]:
        return iter(self.messages)


def mo_bytes(catalog: Catalog) -> bytes:
    """The compiled catalogue: fuzzy entries are left out (a guess is never shown), and
    no date in the header, so the same .po always compiles to the same bytes."""
    out = io.BytesIO()
    write_mo(out, cast(Catalog, _DatelessCatalogue(catalog)), use_fuzzy=False)
    return out.getvalue()


def compile_po(po: Path) -> dict[str, int]:
    """``po`` -> the ``.mo`` next to it. Raises ValueError listing the field and format
    problems (see ``message_problems``) instead of compiling a catalogue that would
    crash or lose a word. Returns ``translation_counts``."""
    catalog = read_catalogue(po, _babel_locale(language_of(po)))
    problems = catalogue_problems(catalog, po)
    if problems:
        raise ValueError("\n".join(problems))
    po.with_suffix(".mo").write_bytes(mo_bytes(catalog))
    return translation_counts(catalog)


def compile_all(locale_dir: Path = LOCALE) -> tuple[list[str], list[str]]:
    """Compiles every .po in ``locale_dir``: (one report line per language, problems)."""
    report: list[str] = []
    problems: list[str] = []
    for po in po_files(locale_dir):
        try:
            counts = compile_po(po)
        except ValueError as error:
            problems.extend(str(error).splitlines())
            continue
        report.append(f"{_shown(po)} -> .mo: {counts['translated']} translated, "
                      f"{counts['fuzzy']} fuzzy (left out), {counts['untranslated']} untranslated")
    return report, problems


def command_compile(_args: argparse.Namespace) -> int:
    report, problems = compile_all()
    for line in report:
        print(line)
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


# -- check -----------------------------------------------------------------------------

# Qt's %1 first: in "%1%" (a percentage) the field is %1 and the last % is a literal.
PERCENT_FIELD = re.compile(r"%L?\d+|%n|%(?:\([^)]*\))?[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGc%]")
ACCELERATOR = re.compile(r"&(?![&\s]|[A-Za-z]+;|#\d+;)")  # "&File": yes; "&&", "&amp;": no


def brace_fields(text: str) -> list[str]:
    """The ``str.format`` fields of ``text`` ("{count}" -> ["count"]). Raises ValueError
    for a broken field ("{count" or a single "}")."""
    return sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text)
                  if name is not None)


def percent_fields(text: str) -> list[str]:
    """The printf (``%s``, ``%(name)s``) and Qt (``%1``) fields of ``text``."""
    return sorted(m for m in PERCENT_FIELD.findall(text) if m != "%%")


def accelerators(text: str) -> int:
    """How many keyboard accelerators (``&File``) ``text`` has."""
    return len(ACCELERATOR.findall(text))


def message_problems(message: Message) -> list[str]:
    """What is wrong with one translated message: a translation's fields or accelerators
    differ from the English, or a field is broken. Plurals: every form may drop the count
    (Spanish "una respuesta más"), none may add a field the English lacks."""
    if not message.id or not message.string or message.fuzzy:
        return []
    ids = list(message.id) if isinstance(message.id, tuple | list) else [message.id]
    strings = list(message.string) if isinstance(message.string, tuple | list) \
        else [message.string]
    problems: list[str] = []
    try:
        wanted = {f for text in ids for f in brace_fields(text)}
    except ValueError:
        wanted = set()  # an English string with literal braces is not a format string
    plural = len(ids) > 1
    for text in strings:
        if not text:
            continue
        if wanted:
            try:
                got = set(brace_fields(text))
            except ValueError as error:
                problems.append(f"broken field in {text!r}: {error}")
                continue
            if got - wanted or (not plural and got != wanted):
                problems.append(f"fields {sorted(got)} differ from the English {sorted(wanted)}")
        english_percent = sorted({f for t in ids for f in percent_fields(t)})
        if english_percent and sorted(set(percent_fields(text))) != english_percent \
                and not plural:
            problems.append(f"%-fields {percent_fields(text)} differ from the English "
                            f"{english_percent}")
        if accelerators(text) != accelerators(ids[0]):
            problems.append(f"{accelerators(text)} accelerators (&) where the English has "
                            f"{accelerators(ids[0])}")
    return problems


def catalogue_problems(catalog: Catalog, po: Path) -> list[str]:
    """One line per problem message in ``catalog`` (read from ``po``): "file:line: msgid: what"."""
    lines: list[str] = []
    for message in catalog:
        for problem in message_problems(message):
            where = f"{_shown(po)}:{message.lineno}" if message.lineno else _shown(po)
            lines.append(f"{where}: {_msgid(message)!r}: {problem}")
    return lines


def _shown(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def stale_template(src: Path = SRC, pot: Path = POT) -> list[str]:
    """One line per marked string missing from the .pot (with where it is marked), and
    per message the .pot holds that the source no longer marks."""
    if not pot.is_file():
        return [f"{_shown(pot)}: missing; run tools/i18n.py extract"]
    fresh = extract(src)
    have = keys(read_catalogue(pot))
    lines = []
    for message in fresh:
        key = (_msgid(message), message.context)
        if message.id and key not in have:
            file, line = message.locations[0]
            lines.append(f"{file}:{line}: {key[0]!r} is not in {_shown(pot)} "
                         "(run tools/i18n.py extract)")
    for key in sorted(have - keys(fresh), key=lambda k: (k[0], k[1] or "")):
        lines.append(f"{_shown(pot)}: {key[0]!r} is no longer marked in the source "
                     "(run tools/i18n.py extract)")
    return lines


def stale_mo(po: Path) -> list[str]:
    """A line when the .mo next to ``po`` is missing or does not hold what compiling
    ``po`` now gives (the messages compared, not the bytes: babel versions differ)."""
    mo = po.with_suffix(".mo")
    if not mo.is_file():
        return [f"{_shown(mo)}: missing; run tools/i18n.py compile"]
    catalog = read_catalogue(po, _babel_locale(language_of(po)))
    wanted = _compiled_pairs(read_mo(io.BytesIO(mo_bytes(catalog))))
    with mo.open("rb") as handle:
        have = _compiled_pairs(read_mo(handle))
    if wanted != have:
        return [f"{_shown(mo)}: stale ({len(wanted ^ have)} messages differ from "
                f"{po.name}); run tools/i18n.py compile"]
    return []


def _compiled_pairs(catalog: Catalog) -> set[tuple[Any, Any, Any]]:
    def frozen(value: Any) -> Any:
        return tuple(value) if isinstance(value, list | tuple) else value

    return {(frozen(m.id), frozen(m.string), m.context) for m in catalog if m.id}


def check(src: Path = SRC, locale_dir: Path = LOCALE) -> list[str]:
    """Every problem, one line each: a stale .pot, stale or missing .mo files, and
    translations whose fields or accelerators differ from the English."""
    problems = stale_template(src, locale_dir / f"{DOMAIN}.pot")
    for po in po_files(locale_dir):
        try:
            catalog = read_catalogue(po, _babel_locale(language_of(po)))
        except Exception as error:  # noqa: BLE001 (a broken file is a problem to report)
            problems.append(f"{_shown(po)}: cannot be read: {error}")
            continue
        problems.extend(catalogue_problems(catalog, po))
        problems.extend(stale_mo(po))
        problems.extend(unfinished(catalog, po))
    return problems


def unfinished(catalog: Catalog, po: Path) -> list[str]:
    """A line when a shipped language (one with a .mo next to its .po) has fuzzy or
    untranslated messages: what it ships would show those in English."""
    counts = translation_counts(catalog)
    if not po.with_suffix(".mo").is_file() or not (counts["fuzzy"] or counts["untranslated"]):
        return []
    return [f"{_shown(po)}: shipped with {counts['untranslated']} untranslated and "
            f"{counts['fuzzy']} fuzzy messages (translate them, then run tools/i18n.py "
            "compile)"]


def language_report(locale_dir: Path = LOCALE) -> list[str]:
    """One line per language: translated, fuzzy and untranslated counts, shipped or not."""
    lines = []
    for po in po_files(locale_dir):
        try:
            counts = translation_counts(read_catalogue(po, _babel_locale(language_of(po))))
        except Exception:  # noqa: BLE001 (check() reports a file it cannot read)
            continue
        shipped = "shipped" if po.with_suffix(".mo").is_file() else "not shipped: no .mo"
        lines.append(f"{language_of(po)} ({shipped}): {counts['translated']} translated, "
                     f"{counts['untranslated']} untranslated, {counts['fuzzy']} fuzzy")
    return lines


def command_check(_args: argparse.Namespace) -> int:
    for line in language_report():
        print(line)
    problems = check()
    for line in problems:
        print(line)
    return 1 if problems else 0


# -- pseudo ----------------------------------------------------------------------------

# U+2045/2046, brackets with quill: every face the app and the PDF use has them (the PDF
# refuses a character no bundled font can print, and ⟦ ⟧ are in none of them).
OPEN, CLOSE = "⁅", "⁆"
# Latin-1 and Latin Extended-A only: every font the app and the PDF use has them.
ACCENTED = str.maketrans(
    "aceinorsuyzdghjkltwACEINORSUYZDGHJKLTW",
    "áçéíñóŕšúýžďĝĥĵķĺţŵÁÇÉÍÑÓŔŠÚÝŽĎĜĤĴĶĹŤŴ",
)
FILLER = "ōñé ţŵō ţĥŕéé ƒōúŕ ƒíŵé šíķ šéŵéñ éíĝĥţ ñíñé ţéñ "
GROWTH = 0.4  # German and Spanish run about 30% longer than English; leave a margin
# Kept as they are: format fields, printf/Qt fields, markup tags, entities, URLs.
PROTECTED = re.compile(
    r"\{[^{}]*\}|%L?\d+|%n|%(?:\([^)]*\))?[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGc%]|<[^<>]*>"
    r"|&[A-Za-z]+;|&#\d+;|(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+")
LEADING_TAGS = re.compile(r"^(\s*(?:<[^<>]*>\s*)*)")
TRAILING_TAGS = re.compile(r"((?:\s*<[^<>]*>)*\s*)$")


def pseudo_text(text: str) -> str:
    """``text`` pseudo-translated: letters accented, about 40% longer, between ⁅ and ⁆
    (so a cut end shows). Fields, markup, entities and URLs are kept; a line that starts
    with "- " (a bullet in content) keeps it; each line is wrapped on its own."""
    if not text.strip():
        return text
    if "\n" in text:
        return "\n".join(pseudo_text(line) for line in text.split("\n"))
    bullet = re.match(r"^(\s*- )", text)
    head = bullet.group(1) if bullet else LEADING_TAGS.match(text).group(1)  # type: ignore[union-attr]
    tail = TRAILING_TAGS.search(text[len(head):]).group(1)  # type: ignore[union-attr]
    body = text[len(head):len(text) - len(tail)]
    if not body:
        return text
    out: list[str] = []
    position = 0
    letters = 0  # the letters a translator translates (not those in fields or links)
    for match in PROTECTED.finditer(body):
        words = body[position:match.start()]
        letters += sum(ch.isalpha() for ch in words)
        out.extend([words.translate(ACCENTED), match.group(0)])
        position = match.end()
    out.append(body[position:].translate(ACCENTED))
    letters += sum(ch.isalpha() for ch in body[position:])
    extra = round(letters * GROWTH)
    padding = (FILLER * (extra // len(FILLER) + 1))[:extra].rstrip()
    grown = "".join(out) + (" " + padding if padding else "")
    return f"{head}{OPEN}{grown}{CLOSE}{tail}"


def pseudo_catalogue(template: Catalog, lang: str) -> Catalog:
    """Every message of ``template`` pseudo-translated (plural forms both)."""
    catalog = new_catalogue(_babel_locale(lang))
    catalog._num_plurals, catalog._plural_expr = 2, "(n != 1)"  # noqa: SLF001
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            translated: Any = tuple(pseudo_text(text) for text in message.id)
        else:
            translated = pseudo_text(message.id)
        catalog.add(message.id, translated, context=message.context)
    return catalog


# Content keys that are not words (ids, country codes, numbers to dial, dates).
CONTENT_KEEP = frozenset({"id", "code", "emergency", "reviewed"})


def pseudo_content(data: Any, key: str = "") -> Any:
    """A content file's data with every word pseudo-translated, ids and numbers kept."""
    if isinstance(data, dict):
        return {k: pseudo_content(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [pseudo_content(v, key) for v in data]
    if isinstance(data, str) and key not in CONTENT_KEEP:
        return pseudo_text(data)
    return data


def toml_text(data: dict[str, Any]) -> str:
    """``data`` (as tomllib reads it: tables, arrays of tables, strings, dates, lists of
    inline tables) written back as TOML."""
    lines: list[str] = []
    _toml_table(data, [], lines)
    return "\n".join(lines).strip() + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, str):
        return '"' + "".join(_toml_char(ch) for ch in value) + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | dt.date):
        return value.isoformat() if isinstance(value, dt.date) else repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}"
                                for k, v in value.items()) + " }"
    raise TypeError(f"no TOML for {type(value).__name__}")


def _toml_char(ch: str) -> str:
    if ch in '"\\':
        return "\\" + ch
    if ch == "\n":
        return "\\n"
    if ord(ch) < 0x20 or ch == "\x7f":
        return f"\\u{ord(ch):04x}"
    return ch


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_value(key)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _toml_table(data: dict[str, Any], path: list[str], lines: list[str]) -> None:
    plain = {k: v for k, v in data.items()
             if not isinstance(v, dict) and not (_is_table_array(v) and _has_tables(v))}
    for k, v in plain.items():
        lines.append(f"{_toml_key(k)} = {_toml_value(v)}")
    for k, v in data.items():
        if k in plain:
            continue
        sub = [*path, _toml_key(k)]
        if isinstance(v, dict):
            lines.extend(["", f"[{'.'.join(sub)}]"])
            _toml_table(v, sub, lines)
        else:
            for item in v:
                lines.extend(["", f"[[{'.'.join(sub)}]]"])
                _toml_table(item, sub, lines)


def _has_tables(items: list[dict[str, Any]]) -> bool:
    """An array of tables written as [[...]] blocks (not inline) when its tables nest
    further lists or are large; small flat ones (feeling words) stay inline."""
    return any(isinstance(v, list | dict) or (isinstance(v, str) and len(v) > 60)
               for item in items for v in item.values()) or any(len(i) > 2 for i in items)


def write_pseudo(lang: str, out: Path, template: Catalog | None = None,
                 templates: Path = TEMPLATES) -> Path:
    """A pseudo-translated language ``lang`` in ``out`` (a folder usable as
    FIRSTSESSION_TRANSLATIONS_DIR): ``locale/<lang>/LC_MESSAGES/firstsession.po`` and its
    ``.mo`` for every message of ``template`` (default: the .pot, else a fresh extract), and
    ``templates/<lang>/*.toml`` from templates/*.toml. Returns the .mo's path."""
    if template is None:
        template = read_catalogue(POT) if POT.is_file() else extract()
    folder = out / "locale" / lang.replace("-", "_") / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    catalog = pseudo_catalogue(template, lang)
    write_catalogue(catalog, folder / f"{DOMAIN}.po")
    mo = folder / f"{DOMAIN}.mo"
    mo.write_bytes(mo_bytes(catalog))
    content = out / "templates" / lang
    content.mkdir(parents=True, exist_ok=True)
    for source in sorted(templates.glob("*.toml")):
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        (content / source.name).write_text(toml_text(pseudo_content(data)), encoding="utf-8")
    return mo


def command_pseudo(args: argparse.Namespace) -> int:
    mo = write_pseudo(args.lang, Path(args.out))
    print(f"{mo}; try it: FIRSTSESSION_TRANSLATIONS_DIR={args.out} firstsession --lang {args.lang}")
    return 0


# -- the command -----------------------------------------------------------------------


def compile_catalogue(po: Path) -> Path:
    """Compiles one language's .po (any folder laid out as locale/<lang>/LC_MESSAGES) into
    the .mo next to it; raises ValueError on field problems. Returns the .mo's path."""
    compile_po(po)
    return po.with_suffix(".mo")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/i18n.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("extract", help="every marked string in src/ -> locale/firstsession.pot")
    commands.add_parser("update", help="merge the .pot into every language's .po")
    commands.add_parser("merge-parts", help="fold locale/<lang>/parts/*.po into the .po")
    commands.add_parser("compile", help="every .po -> .mo (fuzzy left out)")
    commands.add_parser("check", help="exit 1 when anything is stale or broken")
    pseudo = commands.add_parser("pseudo", help="a pseudo-translation to look for English")
    pseudo.add_argument("lang", help='a tag babel need not know, e.g. "en-XA"')
    pseudo.add_argument("out", help="the folder to write (use as FIRSTSESSION_TRANSLATIONS_DIR)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    handler = {"extract": command_extract, "update": command_update,
               "merge-parts": command_merge_parts, "compile": command_compile,
               "check": command_check, "pseudo": command_pseudo}[args.command]
    return handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
