"""Making PDFs away from the window's thread.

Making PDFs away from the window's thread: one render at a time (``render_lock``), a worker
thread that keeps only the newest job (``LatestJob``), the separate render process
(``RenderProcess``), and the export step's preview renders built from them (``SheetRenders``).

reportlab would hold the interpreter lock the window needs, so a preview is made in another
process (``firstsession._render``), which a worker thread waits for. multiprocessing is
imported only when the first render process starts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from firstsession import i18n
from firstsession.app.preview import UnreadablePdf, prepared_document
from firstsession.app.widgets import tr

if TYPE_CHECKING:
    import multiprocessing.process
    from multiprocessing.connection import Connection

    from PySide6.QtPdf import QPdfDocument

    from firstsession import _render, pdf
    from firstsession.content import Content
    from firstsession.model import Sheet

# reportlab keeps global state (registered fonts, caches): one render at a time, whichever
# thread it runs on. The preview's render process is asked under this lock too (tests hold
# it to keep a preview "still rendering").
render_lock = threading.Lock()


class LatestJob(QObject):
    """Runs jobs one at a time on a worker thread; only the newest job's result counts.

    ``submit(job)`` queues ``job`` (a function of no arguments, run on the worker thread,
    so it must only read a snapshot, never live widgets or the live sheet). A job
    submitted while another runs replaces any job still waiting; a running job cannot
    be stopped, but its result is dropped once a newer job was submitted (or ``cancel``
    was called). ``finished(number, result)`` is emitted on the GUI thread with the
    newest job's number and its return value, or the exception it raised.

    Give it no parent and keep a reference to it: the worker thread holds the object while
    a job runs, so it is never deleted under the thread's ``emit`` (a parent's destruction
    would delete it at any moment, and an emit from another thread on a deleted QObject
    can crash the process instead of raising).
    """

    finished = Signal(int, object)
    _delivered = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        from PySide6.QtCore import Qt  # costly to build: not while the page is built

        super().__init__(parent)
        self._lock = threading.Lock()
        self._waiting: tuple[int, Callable[[], object]] | None = None
        self._running = False
        self._latest = 0
        self._delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(self, job: Callable[[], object]) -> int:
        """Queue ``job``; its number (the newest)."""
        self._latest += 1
        with self._lock:
            self._waiting = (self._latest, job)
            if self._running:
                return self._latest
            self._running = True
        threading.Thread(target=self._work, name="firstsession-render", daemon=True).start()
        return self._latest

    def cancel(self) -> None:
        """Forget every job submitted so far: nothing more is reported for them."""
        self._latest += 1
        with self._lock:
            self._waiting = None

    def busy(self) -> bool:
        """True while a job is waiting or running."""
        with self._lock:
            return self._running

    def latest(self) -> int:
        return self._latest

    def _work(self) -> None:
        while True:
            with self._lock:
                if self._waiting is None:
                    self._running = False
                    return
                number, job = self._waiting
                self._waiting = None
            try:
                result: object = job()
            except Exception as err:  # reported to the GUI thread, which explains it
                result = err
            try:
                self._delivered.emit(number, result)
            except RuntimeError:  # the window went away while this job ran
                return

    def _deliver(self, number: int, result: object) -> None:
        if number == self._latest:
            self.finished.emit(number, result)


class RenderStopped(Exception):
    """The render process ended before it answered (superseded, closed, or it died)."""


class RenderProcess:
    """A separate Python process (``firstsession._render``) that makes preview PDFs.

    Started on first use with multiprocessing's "spawn" method (the same on every
    platform), then kept for the next render. Requests and PDFs go over a pipe, never
    through a file. ``run`` is called from a worker thread and waits there (the window's
    thread never waits for the process); ``supersede`` and ``close`` are called from the
    window's thread and end the process, which the next ``run`` starts again.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._running: int | None = None  # the ticket of the request being answered
        self._tickets = 0

    def ticket(self) -> int:
        """A number for the next request; later requests get larger numbers."""
        self._tickets += 1
        return self._tickets

    def run(self, ticket: int, request: tuple[object, ...]) -> object:
        """Send ``request`` (pickled, e.g. ``(sheet, content, anyway, language)``) and wait for the
        answer. Raises RenderStopped if the process ends first."""
        with self._lock:
            if self._process is None or not self._process.is_alive():
                self._end()  # reaps one that died by itself
                self._start()
            conn, process = self._conn, self._process
            self._running = ticket
        assert conn is not None
        try:
            conn.send(request)
            return conn.recv()
        except (EOFError, OSError) as err:
            with self._lock:
                if self._conn is conn:
                    self._conn = None
                if self._process is process:  # it died by itself: reap it now
                    self._end()
            conn.close()
            raise RenderStopped(
                tr("it was interrupted. Choose \u201cRefresh preview\u201d to try again.",
                   "PdfView")) from err
        finally:
            with self._lock:
                self._running = None

    def supersede(self, ticket: int) -> None:
        """End the process if it is still working on a request older than ``ticket``:
        its answer would be thrown away, and the newer request need not wait for it."""
        with self._lock:
            if self._running is not None and self._running < ticket:
                self._end()

    def close(self) -> None:
        """End the process (if any) and wait for it: no process outlives the window."""
        with self._lock:
            self._end()

    def pid(self) -> int | None:
        """The process's id while it runs (for tests), else None."""
        with self._lock:
            alive = self._process is not None and self._process.is_alive()
            return self._process.pid if alive and self._process is not None else None

    def _start(self) -> None:
        import multiprocessing  # with its helpers: only once a preview is rendered

        from firstsession import _render

        multiprocessing.active_children()  # reaps any earlier one that ended by itself
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe(duplex=True)
        process = context.Process(target=_render.serve, args=(theirs,),
                                  name="firstsession-preview", daemon=True)
        process.start()
        theirs.close()  # only the child holds its end: its death reads as end-of-file here
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn = process, ours

    def _end(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        # It holds nothing to tidy up (no files, only the request), so it is ended at once.
        process.kill()
        process.join()
        process.close()
        # The worker thread waiting on the pipe reads end-of-file and closes its end.


# -- the export step's preview renders ---------------------------------------------------------


@dataclass(frozen=True)
class PreviewResult:
    """What a preview render found: the writing no bundled font can
    draw, and the PDF (None when it waits for the person, or ``error`` says why not)."""

    problems: list[pdf.Undrawable]
    document: QPdfDocument | None = None  # the PDF, loaded, belonging to the GUI thread
    error: str | None = None


def render_preview(renderer: RenderProcess, ticket: int, sheet: Sheet,
                   content: Content, anyway: bool, gui_thread: QThread) -> PreviewResult:
    """The preview of ``sheet`` (a snapshot nobody else changes), made by ``renderer``'s
    process while this (worker) thread waits.

    With writing no bundled font can draw, no PDF is made unless ``anyway`` (then its
    name stands in for it, "[Javanese]"). The PDF comes loaded in a QPdfDocument handed to
    ``gui_thread``, its page sizes read, so showing it costs the window next to nothing.
    Never raises for a sheet that cannot be rendered: the reason is in ``error``. Raises
    RenderStopped if the process was ended first (a newer render superseded it).
    """
    with render_lock:  # one render at a time, as for saving and printing
        # The language the app speaks now: the render process has only its environment's.
        answer = renderer.run(ticket, (sheet, content, anyway, i18n.current()))
    problems, data, error = cast("_render.Rendered", answer)
    if data is None:
        return PreviewResult(problems, error=error)
    try:
        document = prepared_document(data, gui_thread)
    except UnreadablePdf as err:
        return PreviewResult(problems, error=str(err))
    return PreviewResult(problems, document)


class SheetRenders(QObject):
    """Preview renders of a sheet for the widget ``owner``: each ``submit`` renders a snapshot
    in the render process, waited for on a worker thread; a newer submit supersedes (and
    ends) a render still running. ``finished(result)`` is emitted on the GUI thread with the
    newest render's PreviewResult, or the exception its worker raised. The process ends
    with ``owner`` or the application, whichever goes first."""

    finished = Signal(object)

    def __init__(self, owner: QObject) -> None:
        super().__init__(owner)
        self.jobs = LatestJob()  # no parent: see LatestJob
        self.jobs.finished.connect(self._relay)
        self.process = RenderProcess()
        # No render process outlives the page or the app (and none is left a zombie), and
        # a render that ends after the page is gone is dropped.
        owner.destroyed.connect(self.jobs.cancel)
        owner.destroyed.connect(self.process.close)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.process.close)

    def _relay(self, _number: int, result: object) -> None:
        self.finished.emit(result)

    def submit(self, sheet: Sheet, content: Content, anyway: bool) -> None:
        """Render ``sheet`` (a snapshot: nothing else may change it) on the worker thread."""
        gui_thread = self.thread()
        process = self.process
        ticket = process.ticket()
        self.jobs.submit(
            lambda: render_preview(process, ticket, sheet, content, anyway, gui_thread))
        process.supersede(ticket)  # a render still running for older words is ended

    def busy(self) -> bool:
        """True while a render is waiting or running."""
        return self.jobs.busy()

    def close(self) -> None:
        """Drop any render under way and end the process: for closing."""
        self.jobs.cancel()
        self.process.close()
