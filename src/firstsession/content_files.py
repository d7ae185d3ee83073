"""Reading one content file in one language, English filling every gap item by item.

``merged(name, language)`` reads ``templates/<name>`` (English, the source: its shape and
order decide) and lays each translation from ``i18n.template_dirs(language)`` over it,
least specific first ("es" under "es-MX"). The rules (docs/CONTENT_FORMAT.md):

- a table (dict) is merged key by key: a key the translation lacks keeps the English value;
- a list of tables with ``id`` (or ``code``) keys is merged by that key, in the English
  order: an item the translation lacks stays English, an id English does not know is
  ignored (a translation cannot add a question the program does not know);
- any other list (a crisis country's lines) is taken whole from the translation;
- a text that is empty or of another kind than the English one keeps the English value.

So a partial translation shows English where it has nothing, never a blank. A broken
English file is a ``ContentError`` (ours: the tests catch it); a broken translation file is
skipped with one logged warning, and the person sees English for that file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from firstsession import i18n

ID_KEYS = ("id", "code")  # the keys that match a translated item to its English one


class ContentError(Exception):
    """A content file is missing or malformed (a problem for writers, not users)."""


def read_toml(path: Path, name: str) -> dict[str, Any]:
    """One TOML file as a dict; ``ContentError`` naming ``name`` when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ContentError(f"{name}: {err}") from err


def merged(name: str, language: str) -> dict[str, Any]:
    """The file ``name`` ("questions.toml") in ``language`` (a tag, "es-MX"), English
    filling each missing item. Raises ``ContentError`` when the English file is broken."""
    english = _source_dir()
    data = read_toml(english / name, name)
    for folder in reversed(i18n.template_dirs(language)):
        if folder == english:
            continue
        path = folder / name
        if not path.is_file():
            continue
        where = f"{folder.name}/{name}"
        try:
            translation = read_toml(path, where)
        except ContentError as err:
            _warn("content: %s; showing English for this file instead", err)
            continue
        data = overlay(data, translation, where)
    return data


def _source_dir() -> Path:
    from firstsession.paths import resource_dir

    return resource_dir("templates")


def overlay(base: Any, over: Any, where: str) -> Any:
    """``over`` laid on ``base`` by the rules in the module's docstring (``where`` names
    the place for the logged warning when a translation has the wrong kind of value)."""
    if isinstance(base, dict):
        if not isinstance(over, dict):
            return _mismatch(base, where)
        return {k: overlay(v, over[k], f"{where}.{k}") if k in over else v for k, v in base.items()}
    if isinstance(base, list):
        if not isinstance(over, list):
            return _mismatch(base, where)
        key = _id_key(base)
        if key is None:
            return over if over else base
        translated = {
            item[key]: item for item in over if isinstance(item, dict) and key in item
        }
        return [
            overlay(item, translated[item[key]], f"{where}[{item[key]}]")
            if item[key] in translated
            else item
            for item in base
        ]
    if isinstance(base, str):
        if not isinstance(over, str):
            return _mismatch(base, where)
        return over if over.strip() else base
    if type(over) is not type(base):
        return _mismatch(base, where)
    return over


def _id_key(items: list[Any]) -> str | None:
    """The key that names each item of a list of tables ("id", "code"), or None."""
    for key in ID_KEYS:
        if items and all(isinstance(item, dict) and key in item for item in items):
            return key
    return None


def _mismatch(base: Any, where: str) -> Any:
    _warn("content: %s has another kind of value than the English file; showing English", where)
    return base


def _warn(message: str, *args: object) -> None:
    """One line in the log (``logging`` is imported only when there is something to say:
    it is not needed at start-up)."""
    import logging

    logging.getLogger(__name__).warning(message, *args)
