"""What can go wrong making a PDF: ``PdfError``, and ``Undrawable`` (writing no font can draw).

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
