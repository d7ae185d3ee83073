"""What can go wrong making a PDF: ``PdfError``, ``Undrawable`` and ``UndrawableError``.

``Undrawable`` is writing in one field no font can draw; ``UndrawableError`` a sheet
holding some, refused until the person chooses to print each script's name instead.

A leaf with no reportlab: the app and the command line name these at start-up for free.
"""

from __future__ import annotations

from dataclasses import dataclass


class PdfError(Exception):
    """The PDF could not be made or saved; the message is plain words for people."""


@dataclass(frozen=True)
class Undrawable:
    """Writing in one field that no bundled font can draw, by script."""

    field: str  # the label the app shows, e.g. "Anything else to remember"
    scripts: tuple[str, ...]  # script names in plain words, e.g. ("Javanese",), in order


class UndrawableError(PdfError):
    """A sheet holds writing no bundled font can draw; ``problems`` names each field.

    The message is the app's sentence (``printed.describe``); the command line says
    the same with its own option (``--replace-missing``).
    """

    def __init__(self, message: str, problems: tuple[Undrawable, ...]) -> None:
        super().__init__(message)
        self.problems = problems
