"""The app's words, loaded from ``templates/*.toml`` (one source for app and PDF).

See docs/CONTENT_FORMAT.md for the files' shape. Loading is checked: a missing
key or a duplicate id is a ContentError naming the file, so a writer's slip shows
up in the tests rather than as a blank screen.

Content speaks the current language (``i18n.current()``, so a thread inside
``i18n.speaking`` gets its own): each item comes from ``templates/<lang>/`` when the
translation has it, else from English (``content_files.merged``). Every part is read
once per language and kept. Sheets store ids (a feeling word's, a question's), and
``feeling_word`` / ``question_text`` turn them into words in the language of the moment.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar, overload

from firstsession import i18n
from firstsession.content_files import ContentError, merged

if TYPE_CHECKING:
    from firstsession.model import ChosenQuestion, Feeling
    from firstsession.packet import Packet

__all__ = ["ContentError", "Content", "fold", "in_language", "load", "per_language"]

STALE_AFTER_DAYS = 365
T = TypeVar("T")


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
    id: str  # what a sheet stores; the same in every language ("fed-up")
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


class per_language(Generic[T]):  # noqa: N801 (used as a decorator, like cached_property)
    """Like ``functools.cached_property``, but kept once per language: the value for the
    language the content speaks now (``Content.language_now``). A value set in the
    instance's ``__dict__`` under the same name wins, as with ``cached_property``."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> per_language[T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        store: dict[tuple[str, str, str], Any] = instance.__dict__.setdefault("_per_language", {})
        # The translator's folder is part of the key: trying a language again after
        # editing it elsewhere (or a test's own folder) reads the files afresh.
        key = (instance.language_now(), os.environ.get(i18n.TRANSLATIONS_ENV, ""), self.name)  # type: ignore[attr-defined]
        if key not in store:
            store[key] = self.func(instance)
        return store[key]


class Content:
    """All content, each file read the first time one of its parts is asked for.

    Start-up needs only the welcome text and the crisis lines, so the other
    files are not parsed until a step that uses them is opened. ``language``:
    None (the default) follows ``i18n.current()`` at each use; a tag fixes it.
    """

    # The counsellor packet this content shows (set by packet_content.PacketContent).
    packet: Packet | None = None

    def __init__(self, language: str | None = None) -> None:
        self._language = language

    def language_now(self) -> str:
        """The language the content speaks at this moment (a tag, "es")."""
        return self._language or i18n.current()

    def _read(self, name: str) -> dict[str, Any]:
        """One file in the language of the moment, English filling the gaps."""
        return merged(name, self.language_now())

    @per_language
    def explainers(self) -> tuple[Explainer, ...]:
        ex = self._read("explainers.toml")
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

    @per_language
    def _welcome(self) -> dict[str, Any]:
        return self._read("welcome.toml")

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

    @per_language
    def _emotions(self) -> dict[str, Any]:
        return self._read("emotions.toml")

    @per_language
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
        _unique([w.id for f in families for w in f.words], "emotions.toml")
        return families

    @property
    def body_intro(self) -> str:
        return str(_get(self._emotions, "body", "emotions.toml").get("intro", ""))

    @per_language
    def body_words(self) -> tuple[Word, ...]:
        body = _get(self._emotions, "body", "emotions.toml")
        words = _words(_get(body, "words", "emotions.toml [body]"), "emotions.toml")
        _unique([w.id for w in words], "emotions.toml [body]")
        return words

    @per_language
    def _culture(self) -> dict[str, Any]:
        data = self._read("culture.toml")
        ids = [p["id"] for p in data.get("prompts", []) + data.get("preferences", [])]
        _unique(ids, "culture.toml")
        return data

    @property
    def culture_intro(self) -> str:
        return str(_get(self._culture, "intro", "culture.toml").get("body", ""))

    @per_language
    def culture_prompts(self) -> tuple[Prompt, ...]:
        return _prompts(_get(self._culture, "prompts", "culture.toml"), "culture.toml")

    @per_language
    def preference_prompts(self) -> tuple[Prompt, ...]:
        return _prompts(_get(self._culture, "preferences", "culture.toml"), "culture.toml")

    @per_language
    def categories(self) -> tuple[Category, ...]:
        qs = self._read("questions.toml")
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

    @per_language
    def _checklist(self) -> dict[str, Any]:
        return self._read("checklist.toml")

    @property
    def checklist_intro(self) -> str:
        return str(_get(self._checklist, "intro", "checklist.toml").get("body", ""))

    @per_language
    def checklist(self) -> tuple[ChecklistItem, ...]:
        items = tuple(
            ChecklistItem(_get(i, "id", "checklist"), _get(i, "text", "checklist"))
            for i in _get(self._checklist, "items", "checklist.toml")
        )
        _unique([i.id for i in items], "checklist.toml")
        return items

    @per_language
    def countries(self) -> tuple[CrisisCountry, ...]:
        cri = self._read("crisis.toml")
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

    @per_language
    def _words_by_id(self) -> dict[str, Word]:
        return {w.id: w for w in self.all_words()}

    def word(self, word_id: str) -> Word | None:
        """The feeling word with this id, in the language of the moment (None: unknown)."""
        return self._words_by_id.get(word_id)

    def meaning_of(self, word_id: str) -> str:
        """The meaning of the feeling word with this id ("" when the list has none)."""
        found = self.word(word_id)
        return found.meaning if found else ""

    def word_id_for(self, typed: str) -> str | None:
        """The id of the list word that ``typed`` is, in the language of the moment or in
        English (case and spaces aside), or None: then it is the person's own word."""
        wanted = fold(typed)
        for words in (self.all_words(), _english(self).all_words()):
            found = next((w.id for w in words if fold(w.word) == wanted), None)
            if found is not None:
                return found
        return None

    def feeling_word(self, feeling: Feeling) -> str:
        """The word a feeling shows: the person's own as typed, or the list word for its
        id in the language of the moment (the id itself, made readable, when the list no
        longer has it: a word is never shown blank)."""
        if feeling.own:
            return feeling.word
        found = self.word(feeling.word)
        return found.word if found else feeling.word.replace("-", " ")

    def question_text(self, question: ChosenQuestion) -> str:
        """The text a chosen question shows: the person's own as typed, or the bank's (or
        the packet's) question for its id in the language of the moment; the text kept
        with it, else its id, when the bank no longer has it."""
        if question.own:
            return question.text
        found = self.question(question.id)
        return found.text if found else (question.text or question.id)

    def culture_prompt(self, pid: str) -> Prompt | None:
        prompts = self.culture_prompts + self.preference_prompts
        return next((p for p in prompts if p.id == pid), None)

    @cached_property
    def emergency_numbers(self) -> dict[str, tuple[tuple[str, ...], dt.date, str]]:
        """Every region's own emergency numbers (emergency.toml: code -> (numbers to
        call, first the one for a medical emergency; the date they were checked; the
        region's English name)). A region with none has an empty tuple of numbers."""
        data = merged("emergency.toml", i18n.SOURCE_LANGUAGE)  # data: no translated twin
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
        Word(
            str(_get(w, "id", where)),
            str(_get(w, "word", where)).strip(),
            str(_get(w, "meaning", where)),
        )
        for w in items
    )


def fold(text: str) -> str:
    """``text`` for matching words and questions: case folded, runs of spaces (any
    whitespace) as one, ends trimmed. "  Fed  UP " -> "fed up"."""
    return " ".join(text.split()).casefold()


def _english(content: Content) -> Content:
    """English content, for words typed in English while another language is spoken."""
    return content if content.language_now() == i18n.SOURCE_LANGUAGE else in_language("en")


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
    """The content, shared by the whole process, in the language of the moment
    (``i18n.current()``: it follows a change of language); each file is read on first
    use in each language."""
    return Content()


@cache
def in_language(tag: str) -> Content:
    """The content in one fixed language ("en" for reading old English sheets)."""
    return Content(tag)
