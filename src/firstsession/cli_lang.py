"""The command line's language: ``--lang TAG``, and argparse's own words from our catalogue.

``--lang`` is read before the parser is built (``language_from_argv``), so the help,
the usage errors and every message after them are in that language. Without it the
command line speaks the system's language (``i18n.set_language(None)``: LANGUAGE,
LC_ALL, LC_MESSAGES, LANG). A tag we do not speak is refused with one line naming the
languages we do (``LanguageError``); a tag with a region we have no catalogue for speaks
its language ("es-MX" -> Spanish, dates as in Mexico).

argparse words its usage, headings and errors through the stdlib ``gettext`` module's
functions, read from its module globals at call time; ``use_our_words`` points them at
our catalogue (only in the command line's own process), and ``ARGPARSE_WORDS`` marks
those messages so extraction puts them in ``firstsession.pot``.
"""

from __future__ import annotations

from collections.abc import Sequence

from firstsession import i18n
from firstsession.i18n import N_, _

LANG_OPTION = "--lang"

# argparse's own messages (Python 3.11's argparse.py, which passes them to gettext), so
# that extraction finds them and translators translate them with ours.
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("one of the arguments %s is required"),
    N_("unexpected option string: %s"),
    N_("%(prog)s: error: %(message)s\n"),
)


class LanguageError(ValueError):
    """A ``--lang`` tag we do not speak; the message is one line naming those we do."""


def use_our_words() -> None:
    """Make argparse word its usage, headings and errors from our catalogue, in the
    language spoken when each is shown (argparse reads ``_`` and ``ngettext`` from its
    module's globals at call time)."""
    import argparse

    setattr(argparse, "_", i18n._)  # noqa: B010 (a module global the stubs do not name)
    setattr(argparse, "ngettext", i18n.ngettext)  # noqa: B010


def language_from_argv(argv: Sequence[str]) -> str | None:
    """The tag given with ``--lang TAG`` or ``--lang=TAG`` anywhere before ``--``, the last
    one winning; None when there is none (or ``--lang`` has no value: argparse says so)."""
    found: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == LANG_OPTION and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith(LANG_OPTION + "="):
            found = arg.split("=", 1)[1]
    return found


def spoken_names() -> str:
    """The languages we speak, each named in itself with its tag: "English (en), español (es)"."""
    from firstsession.languagetags import native_name

    return ", ".join(f"{native_name(tag)} ({tag})" for tag in i18n.available_languages())


def choose_language(tag: str | None) -> str:
    """Speak ``tag`` from now on (None: the system's language); returns the language chosen.

    Raises LanguageError (one line, in the system's language) for a tag that is not a
    language we speak: "pt" when we speak English and Spanish, "xx", "".
    """
    if tag is None:
        return i18n.set_language(None)
    wanted = i18n.normalize(tag)
    spoken = {code.lower() for code in i18n.available_languages()}
    base = wanted.split("-")[0].lower() if wanted else ""
    if not base or (wanted.lower() not in spoken and base not in spoken):
        i18n.set_language(None)
        raise LanguageError(
            _("First Session does not speak \u201c{tag}\u201d; choose one of: {languages}")
            .format(tag=tag, languages=spoken_names())
        )
    return i18n.set_language(wanted)
