"""What can go wrong making a PDF: ``PdfError``, and ``Undrawable`` (text the font cannot draw).

A leaf with no reportlab: the app and the command line name these at start-up for free.
"""

from __future__ import annotations

from dataclasses import dataclass


class PdfError(Exception):
    """The PDF could not be made or saved; the message is plain words for people."""


@dataclass(frozen=True)
class Undrawable:
    """Characters in one field that the bundled font cannot draw."""

    field: str  # a label a person recognises, e.g. "Notes" or "Feeling 2: what helps"
    chars: str  # the distinct characters, in order of appearance
