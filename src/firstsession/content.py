"""The app's words, loaded from ``templates/*.toml`` (one source for app and PDF).

See docs/CONTENT_FORMAT.md for the files' shape. Loading is checked: a missing
key or a duplicate id is a ContentError naming the file, so a writer's slip shows
up in the tests rather than as a blank screen.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from firstsession.paths import resource_dir

if TYPE_CHECKING:
    from firstsession.packet import Packet

STALE_AFTER_DAYS = 365


class ContentError(Exception):
    """A content file is missing or malformed (a problem for writers, not users)."""


# -- body text: paragraphs and bullet lists ----------------------------------------


class Block(NamedTuple):
    kind: str  # "p" or "ul"
    items: tuple[str, ...]  # one item for a paragraph


def parse_body(body: str) -> tuple[Block, ...]:
    """Split body text into paragraphs and bullet lists (the rules in CONTENT_FORMAT.md)."""
    blocks: list[Block] = []
    para: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("p", (" ".join(para),)))
            para.clear()
        if bullets:
            blocks.append(Block("ul", tuple(bullets)))
            bullets.clear()

    for raw in body.strip().splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("- "):
            if para:
                flush()
            bullets.append(line[2:].strip())
        elif bullets and raw.startswith((" ", "\t")):
            bullets[-1] += " " + line  # a wrapped bullet line
        else:
            if bullets:
                flush()
            para.append(line)
    flush()
    return tuple(blocks)


# -- content types -----------------------------------------------------------------


class Explainer(NamedTuple):
    id: str
    title: str
    summary: str
    body: str

    @property
    def blocks(self) -> tuple[Block, ...]:
        return parse_body(self.body)


class Page(NamedTuple):
    title: str
    body: str

    @property
    def blocks(self) -> tuple[Block, ...]:
        return parse_body(self.body)


class Word(NamedTuple):
    word: str
    meaning: str


class Family(NamedTuple):
    id: str
    name: str
    description: str
    words: tuple[Word, ...]


class Prompt(NamedTuple):
    id: str
    label: str
    help: str
    domain: str = ""


class Question(NamedTuple):
    id: str
    text: str
    why: str
    category: str


class Category(NamedTuple):
    id: str
    name: str
    questions: tuple[Question, ...]


class ChecklistItem(NamedTuple):
    id: str
    text: str


class CrisisLine(NamedTuple):
    name: str
    contact: str
    detail: str
    reviewed: dt.date | None = None  # when this line was last checked against its source


class CrisisCountry(NamedTuple):
    code: str
    name: str
    emergency: str
    reviewed: dt.date
    lines: tuple[CrisisLine, ...]
    # The emergency numbers one by one ("119", "110"); `emergency` is them as shown.
    # Empty for a region with none, and for INTL (the country is not known).
    calls: tuple[str, ...] = ()

    def is_stale(self, today: dt.date | None = None) -> bool:
        """True when the emergency number or the first line was last checked more than a
        year before ``today`` (default: the real today)."""
        from firstsession.crisis import stale_since

        return stale_since(self, today) is not None

    def footer(self) -> str:
        """One short line for a page footer or the window's status bar (crisis.footer)."""
        from firstsession.crisis import footer

        return footer(self)


class Content:
    """All content, each file read the first time one of its parts is asked for.

    Start-up needs only the welcome text and the crisis lines, so the other
    files are not parsed until a step that uses them is opened.
    """

    # The counsellor packet this content shows (set by packet_content.PacketContent).
    packet: Packet | None = None

    @cached_property
    def explainers(self) -> tuple[Explainer, ...]:
        ex = _read("explainers.toml")
        items = tuple(
            Explainer(
                _get(e, "id", "explainers"),
                _get(e, "title", "explainers"),
                e.get("summary", ""),
                _get(e, "body", "explainers"),
            )
            for e in _get(ex, "explainers", "explainers.toml")
        )
        _unique([e.id for e in items], "explainers.toml")
        return items

    @cached_property
    def _welcome(self) -> dict[str, Any]:
        return _read("welcome.toml")

    @property
    def welcome(self) -> Page:
        w = _get(self._welcome, "welcome", "welcome.toml")
        return Page(_get(w, "title", "welcome"), _get(w, "body", "welcome"))

    @property
    def privacy(self) -> Page:
        p = _get(self._welcome, "privacy", "welcome.toml")
        return Page(_get(p, "title", "privacy"), _get(p, "body", "privacy"))

    @property
    def not_care(self) -> str:
        return str(_get(_get(self._welcome, "not_care", "welcome.toml"), "body", "not_care"))

    @property
    def handout_welcome(self) -> Page:
        """The welcome worded for the printed handout (no window, no menus)."""
        h = _get(self._welcome, "handout", "welcome.toml")
        return Page(self.welcome.title, _get(h, "body", "handout"))

    @property
    def handout_not_care(self) -> str:
        return str(_get(_get(self._welcome, "handout", "welcome.toml"), "not_care", "handout"))

    @cached_property
    def _emotions(self) -> dict[str, Any]:
        return _read("emotions.toml")

    @cached_property
    def families(self) -> tuple[Family, ...]:
        families = tuple(
            Family(
                _get(f, "id", "emotions"),
                _get(f, "name", "emotions"),
                f.get("description", ""),
                _words(_get(f, "words", "emotions"), "emotions.toml"),
            )
            for f in _get(self._emotions, "families", "emotions.toml")
        )
        _unique([w.word for f in families for w in f.words], "emotions.toml")
        return families

    @property
    def body_intro(self) -> str:
        return str(_get(self._emotions, "body", "emotions.toml").get("intro", ""))

    @cached_property
    def body_words(self) -> tuple[Word, ...]:
        body = _get(self._emotions, "body", "emotions.toml")
        return _words(_get(body, "words", "emotions.toml [body]"), "emotions.toml")

    @cached_property
    def _culture(self) -> dict[str, Any]:
        data = _read("culture.toml")
        ids = [p["id"] for p in data.get("prompts", []) + data.get("preferences", [])]
        _unique(ids, "culture.toml")
        return data

    @property
    def culture_intro(self) -> str:
        return str(_get(self._culture, "intro", "culture.toml").get("body", ""))

    @cached_property
    def culture_prompts(self) -> tuple[Prompt, ...]:
        return _prompts(_get(self._culture, "prompts", "culture.toml"), "culture.toml")

    @cached_property
    def preference_prompts(self) -> tuple[Prompt, ...]:
        return _prompts(_get(self._culture, "preferences", "culture.toml"), "culture.toml")

    @cached_property
    def categories(self) -> tuple[Category, ...]:
        qs = _read("questions.toml")
        categories = tuple(
            Category(
                cid := _get(c, "id", "questions"),
                _get(c, "name", "questions"),
                tuple(
                    Question(
                        _get(q, "id", "questions"),
                        _get(q, "text", "questions"),
                        q.get("why", ""),
                        cid,
                    )
                    for q in _get(c, "questions", "questions")
                ),
            )
            for c in _get(qs, "categories", "questions.toml")
        )
        _unique([q.id for c in categories for q in c.questions], "questions.toml")
        return categories

    @cached_property
    def _checklist(self) -> dict[str, Any]:
        return _read("checklist.toml")

    @property
    def checklist_intro(self) -> str:
        return str(_get(self._checklist, "intro", "checklist.toml").get("body", ""))

    @cached_property
    def checklist(self) -> tuple[ChecklistItem, ...]:
        items = tuple(
            ChecklistItem(_get(i, "id", "checklist"), _get(i, "text", "checklist"))
            for i in _get(self._checklist, "items", "checklist.toml")
        )
        _unique([i.id for i in items], "checklist.toml")
        return items

    @cached_property
    def countries(self) -> tuple[CrisisCountry, ...]:
        cri = _read("crisis.toml")
        countries = tuple(
            CrisisCountry(
                code=_get(c, "code", "crisis"),
                name=_get(c, "name", "crisis"),
                emergency=c.get("emergency", ""),
                reviewed=_date(_get(c, "reviewed", "crisis"), f"crisis.toml {c.get('code')}"),
                lines=tuple(
                    CrisisLine(
                        _get(ln, "name", "crisis"), _get(ln, "contact", "crisis"),
                        ln.get("detail", ""),
                        _date(ln["reviewed"], f"crisis.toml {c.get('code')}")
                        if "reviewed" in ln else None,
                    )
                    for ln in c.get("lines", ())
                ),
                calls=(c["emergency"],) if c.get("emergency") else (),
            )
            for c in _get(cri, "countries", "crisis.toml")
        )
        _unique([c.code for c in countries], "crisis.toml")
        if "INTL" not in {c.code for c in countries}:
            raise ContentError("crisis.toml: the INTL fallback is missing")
        return countries

    def check_all(self) -> None:
        """Read and check every file now (tests and the command line use this)."""
        for name in ("explainers", "welcome", "privacy", "not_care", "handout_welcome",
                     "handout_not_care", "families", "body_intro",
                     "body_words", "culture_intro", "culture_prompts", "preference_prompts",
                     "categories", "checklist_intro", "checklist", "countries"):
            getattr(self, name)

    # -- look-ups -----------------------------------------------------------------

    def all_questions(self) -> tuple[Question, ...]:
        return tuple(q for c in self.categories for q in c.questions)

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.all_questions() if q.id == qid), None)

    def all_words(self) -> tuple[Word, ...]:
        return tuple(w for f in self.families for w in f.words)

    def meaning_of(self, word: str) -> str:
        lowered = word.strip().lower()
        return next((w.meaning for w in self.all_words() if w.word == lowered), "")

    def culture_prompt(self, pid: str) -> Prompt | None:
        prompts = self.culture_prompts + self.preference_prompts
        return next((p for p in prompts if p.id == pid), None)

    @cached_property
    def emergency_numbers(self) -> dict[str, tuple[tuple[str, ...], dt.date, str]]:
        """Every region's own emergency numbers (emergency.toml: code -> (numbers to
        call, first the one for a medical emergency; the date they were checked; the
        region's English name)). A region with none has an empty tuple of numbers."""
        data = _read("emergency.toml")
        checked = _date(_get(_get(data, "meta", "emergency.toml"), "reviewed",
                             "emergency.toml"), "emergency.toml")
        return {
            str(_get(c, "code", "emergency.toml")): (
                tuple(str(n) for n in c.get("call", ())),
                _date(c["reviewed"], f"emergency.toml {c['code']}") if "reviewed" in c
                else checked,
                str(c.get("name", c["code"])),
            )
            for c in _get(data, "countries", "emergency.toml")
        }

    def crisis_for(self, code: str) -> CrisisCountry:
        """The help for a country code: its crisis lines when we have them; else its own
        emergency number(s) and no line (crisis.footer turns that into a sentence);
        INTL, with no number at all, when the code is no known region."""
        code = (code or "").upper()
        by_code = {c.code: c for c in self.countries}
        if code in by_code:
            return by_code[code]
        if len(code) == 2 and code in self.emergency_numbers:  # read only when needed
            calls, reviewed, name = self.emergency_numbers[code]
            return CrisisCountry(code, name, ", ".join(calls), reviewed, (), calls)
        return by_code["INTL"]

    def crisis_shown(self, code: str) -> tuple[CrisisCountry, ...]:
        """Every country whose help is shown for a person in ``code``: just that one
        here; a packet's content puts the packet's country first (PacketContent)."""
        return (self.crisis_for(code),)


# -- loading -----------------------------------------------------------------------


def _read(name: str) -> dict[str, Any]:
    path: Path = resource_dir("templates") / name
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ContentError(f"{name}: {err}") from err


def _get(table: dict[str, Any], key: str, where: str) -> Any:
    try:
        return table[key]
    except (KeyError, TypeError):
        raise ContentError(f"{where}: missing '{key}'") from None


def _unique(ids: list[str], where: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ContentError(f"{where}: duplicate id '{i}'")
        seen.add(i)


def _words(items: list[dict[str, Any]], where: str) -> tuple[Word, ...]:
    return tuple(
        Word(str(_get(w, "word", where)).strip(), str(_get(w, "meaning", where))) for w in items
    )


def _prompts(items: list[dict[str, Any]], where: str) -> tuple[Prompt, ...]:
    return tuple(
        Prompt(
            id=_get(p, "id", where),
            label=_get(p, "label", where),
            help=p.get("help", ""),
            domain=p.get("domain", ""),
        )
        for p in items
    )


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    raise ContentError(f"{where}: 'reviewed' should be a date like 2026-11-01")


@cache
def load() -> Content:
    """The content, shared by the whole process; each file is read on first use."""
    return Content()
