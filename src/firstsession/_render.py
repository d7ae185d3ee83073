"""The preview's PDF, made in a separate process so the window never waits for it.

reportlab is pure Python: rendering a long sheet on a thread of the app's own process
holds Python's interpreter lock for most of the time, and the window (which needs that
lock for every event) stutters for 60-120 ms at a time. In a process of its own the
render has its own interpreter and the window none of its work.

This module is that process's whole program and has no Qt: the app starts it with
``multiprocessing``'s "spawn" method (the same on Linux, Windows and macOS; a frozen
app must call ``multiprocessing.freeze_support()`` first thing, see docs/DESIGN_NOTES.md)
and talks to it over a pipe: nothing is written to disk. See ``app/rendering.py``
(``RenderProcess``) for the app's side.
"""

from __future__ import annotations

import gc
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from firstsession import i18n, pdf

if TYPE_CHECKING:
    from firstsession.content import Content
    from firstsession.model import Sheet

# What one render gives back: the writing no bundled font can draw, the PDF's bytes
# (None when it waits for the person, or the error says why not), and the error.
Rendered = tuple[list[pdf.Undrawable], bytes | None, str | None]


def render(sheet: Sheet, content: Content, anyway: bool) -> Rendered:
    """The preview of ``sheet``: ``(problems, pdf_bytes, error)``.

    With writing no bundled font can draw, no PDF is made unless ``anyway`` (then its name
    stands in for it, "[Javanese]"). Never raises for a sheet that cannot be rendered: ``error``
    says why in plain words.
    """
    problems = pdf.undrawable(sheet, content=content)
    if problems and not anyway:
        return problems, None, None
    try:
        data = pdf.render_sheet(sheet, content=content, replace_missing=bool(problems))
    except pdf.PdfError as err:
        return problems, None, str(err)
    return problems, data, None


def serve(conn: Connection) -> None:
    """Answer render requests on ``conn`` until the app closes its end (or ends us).

    Each request is ``(sheet, content, anyway)`` or ``(sheet, content, anyway, language)``
    (the app's language, ``i18n.current()``: this process starts with the system's, and
    the person may have chosen another), each answer a ``Rendered``.
    """

    while True:
        try:
            sheet, content, anyway, *language = conn.recv()
        except (EOFError, OSError):
            return
        gc.disable()  # millions of short-lived objects: collect once, afterwards
        try:
            with i18n.speaking(language[0] if language else None):
                answer = render(sheet, content, anyway)
        except Exception as err:  # a bug must not end the process: the app explains it
            answer = ([], None, str(err) or type(err).__name__)
        finally:
            gc.enable()
        try:
            conn.send(answer)
        except (BrokenPipeError, OSError):
            return
        del sheet, content, answer
        gc.collect()
