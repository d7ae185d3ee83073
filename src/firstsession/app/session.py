"""The open sheet, shared by every step, and its autosave.

Steps put text into ``session.sheet`` through ``set_text`` / ``take_text``, which
keep only text that can be saved (no lone surrogates) and refuse text that would
make the sheet too large to read back (``storage.MAX_SHEET_BYTES``); other
changes go in directly, followed by ``touch()``. The first
change after a save starts a one-second timer; when it fires the sheet is saved.
So every change is on disk within about a second, however fast the person types.

The window never waits for a save: the GUI thread only takes a snapshot of the
sheet (``storage.sheet_snapshot``: plain data, no encoding); a worker thread
encodes and writes it through the core's atomic writer, one save at a time. A
change made while a save is writing is saved right after it, from a new snapshot
(the newest state wins). The result (saved, or failed with a reason) comes back
on the GUI thread as ``saved`` / ``save_failed``, and ``dirty`` stays true until
the newest change is on disk. ``save_now()`` (closing, quitting, logout, New,
Open) first waits for a save in progress, then saves what is newer at once.

Size check without encoding: the session knows an upper bound of the encoded
size: the exact size of the last sheet encoded, plus the exact change of every
text since (``sheet_format.storable_change``, which only encodes the part that
changed), plus ``TOUCH_MARGIN`` for each other change. Only text that would pass
the limit by that bound makes the sheet be measured exactly, on the spot.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import Shiboken

from firstsession import files, paths, sheet_format, storage
from firstsession.content import Content
from firstsession.i18n import _
from firstsession.model import Sheet

AUTOSAVE_DELAY_MS = 1000
# A bound on how many bytes one change made without take_text (a tick, a new row, a
# question from the bank or a packet) can add to the saved sheet, beyond its text
# that went through take_text. Only used to decide when to measure exactly.
TOUCH_MARGIN = 64 * 1024


def failure_words(err: BaseException) -> str:
    """Why a save failed, in a few plain words (shown in brackets in the status bar)."""
    if isinstance(err, storage.SheetTooLargeError):
        return str(err)
    if isinstance(err, OSError):
        if isinstance(err, (files.NotAFileError, storage.DanglingLinkError)) or not err.filename:
            return err.strerror or str(err)
        return f"{err.strerror or err}: {err.filename}"
    return _("an unexpected problem: {kind}: {details}").format(
        kind=type(err).__name__, details=err)


@dataclass
class _Job:
    """One save (or, with ``path`` None, one measurement) done by a worker thread."""

    session: weakref.ref[Session]
    generation: int  # the session's change count when the snapshot was taken
    writes: bool  # False: only measures the encoded size
    thread: threading.Thread | None = None
    size: int = 0  # the encoded sheet, in bytes
    error: BaseException | None = None  # why the save failed

    def result(self) -> tuple[int, BaseException | None]:
        """Wait until the worker is done; its (size in bytes, error or None)."""
        assert self.thread is not None
        self.thread.join()
        return self.size, self.error


def _encode_and_write(
    snapshot: dict[str, Any], path: Path | None
) -> tuple[int, BaseException | None]:
    """In the worker thread: encode the snapshot and, with a path, save it there.
    Returns the encoded size in bytes and the error that stopped the save (or None)."""
    data = storage.encode_snapshot(snapshot)
    if path is None:
        return len(data), None
    try:
        storage.save_encoded(data, path)
    except Exception as err:  # any failure at all must be heard, not only OSError
        return len(data), err
    return len(data), None


class _Relay(QObject):
    """Carries finished jobs from worker threads to the GUI thread (a queued signal).

    One for the whole app, made on the GUI thread and never deleted: a worker must never
    emit on an object that may be destroyed meanwhile (a closed window's session), which
    crashes Qt. Each job names its session weakly; a session that is gone is skipped.
    """

    finished = Signal(object)

    def deliver(self, job: _Job) -> None:
        session = job.session()
        if session is not None and Shiboken.isValid(session):
            session._job_finished(job)


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.finished.connect(_relay.deliver)
    return _relay


class Session(QObject):
    changed = Signal()  # something in the sheet changed
    # The whole sheet was replaced (New, Open, backup restored); ``content`` may have
    # changed with it (a sheet from a counsellor packet shows the packet's content).
    reloaded = Signal()
    saved = Signal()
    save_failed = Signal(str)  # a plain-words reason
    text_refused = Signal(str)  # a plain message: some text was too long to keep

    def __init__(self, sheet: Sheet, content: Content, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sheet = sheet
        # The bank as loaded; ``content`` is what the steps show: the bank, or the
        # bank as seen through the counsellor packet the sheet came from.
        self.base_content = content
        self.content = self.content_for(sheet)
        self.dirty = False
        self.autosave_enabled = True
        # False: autosave writes on the GUI thread, as before (for the benchmark).
        self.background_saves = True
        self._generation = 0  # counts changes; a save knows which change it holds
        # The encoded sheet's size, as an upper bound in bytes: ``_size_base`` (exact,
        # of the last sheet encoded; None when not known) plus ``_size_drift``.
        self._size_base: int | None = None
        self._size_drift = 0
        self._since_snapshot = 0  # drift since the newest snapshot given to the worker
        self._snapshot_generation = -1
        # Encoded sizes of texts this session put in the sheet: id -> (text, bytes).
        self._text_sizes: dict[int, tuple[str, int]] = {}
        self._job: _Job | None = None  # the save the worker is doing
        self._again = False  # the sheet changed while it was: save again after it
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self._autosave)
        # Learn the sheet's size once the window is up, off this thread; a window that
        # builds a page after its first paint puts this off until then (postpone_size).
        self._size_postponed = False
        if not sheet.is_empty():
            QTimer.singleShot(0, self._learn_size)

    def content_for(self, sheet: Sheet) -> Content:
        """The content a sheet is shown with: its packet's view of the bank, if it has one."""
        if sheet.packet is None:
            return self.base_content
        # Packets (and Pillow, for the logo) load only for sheets that came from one.
        from firstsession.packet import PacketError
        from firstsession.packet_content import content_for_sheet

        try:
            return content_for_sheet(sheet.packet, self.base_content)
        except PacketError:  # sheets are checked when read; never fail to show one
            return self.base_content

    # -- text in, within the size limit ---------------------------------------------------

    def take_text(self, text: str, replacing: str = "") -> str | None:
        """``text`` as it can be kept in the sheet in place of ``replacing`` (lone
        surrogates become U+FFFD), or None, with ``text_refused`` emitted, when it would
        make the saved sheet larger than ``storage.MAX_SHEET_BYTES`` (bytes). The caller
        puts the returned text in the sheet and calls ``touch()``.

        Cheap for a small edit of a long text: only the part that changed is encoded.
        """
        text, change = self._storable_change(replacing, text)
        growing = len(text) > len(replacing)
        if growing and self._upper_bound() + change > storage.MAX_SHEET_BYTES:
            self._measure_now()  # near the limit (or not known): measure exactly
            if self._upper_bound() + change > storage.MAX_SHEET_BYTES:
                self._refuse_text()
                return None
        self._drift(change)
        return text

    def _storable_change(self, old: str, new: str) -> tuple[str, int]:
        """``new`` made storable, and the encoded bytes it takes more than ``old``.

        Texts this session kept are remembered (by identity, with their size), so
        typing into a long field checks and encodes only the part that changed.
        """
        known = self._text_sizes.get(id(old))
        if known is None or known[0] is not old:
            if len(old) + len(new) < 4096:  # short: the plain way is as quick
                new = sheet_format.storable_text(new)
                size = sheet_format.encoded_text_size
                return new, size(new) - size(old)
            # Not one of ours (a sheet as loaded may hold anything): the whole text once.
            known = (old, sheet_format.encoded_text_size(old))
            new = sheet_format.storable_text(new)
            old = sheet_format.storable_text(old)
        new, change = sheet_format.storable_change(old, new)
        if len(self._text_sizes) >= 64:
            self._text_sizes.clear()
        self._text_sizes[id(new)] = (new, known[1] + change)
        return new, change

    def _upper_bound(self) -> int:
        if self._size_base is None:
            return storage.MAX_SHEET_BYTES + 1  # not known: measure
        return self._size_base + self._size_drift

    def _drift(self, change: int) -> None:
        self._size_drift += change
        self._since_snapshot += change

    def postpone_size(self) -> None:
        """Put off learning the sheet's size (a worker encodes it) until
        ``learn_size_soon``: start-up work of its own would slow the window down."""
        self._size_postponed = True

    def learn_size_soon(self) -> None:
        """Learn the sheet's size (off the GUI thread) at the next event-loop turn, if
        it was put off and is not known yet."""
        if self._size_postponed:
            self._size_postponed = False
            if not self.sheet.is_empty():
                QTimer.singleShot(0, self, self._learn_size)

    def _learn_size(self) -> None:
        if self._size_base is None and self._job is None and not self._size_postponed:
            self._start_job(None)

    def _measure_now(self) -> None:
        """Encode the sheet on the spot for its exact size (only near the limit)."""
        self._size_base = len(storage.encode_sheet(self.sheet))
        self._size_drift = 0
        self._since_snapshot = 0  # the newest snapshot's size no longer matters
        self._snapshot_generation = -1

    def _refuse_text(self) -> None:
        self.text_refused.emit(
            self.tr("This is too long to keep: a sheet can hold at most %1 MB, and "
                    "this would make yours larger. It was not added.").replace(
                "%1", str(storage.MAX_SHEET_BYTES // 1048576))
        )

    def may_insert(self, text: str, replacing: str = "") -> bool:
        """Whether inserting ``text`` in place of ``replacing`` (a selection) in one field
        keeps the saved sheet within ``storage.MAX_SHEET_BYTES``; when not, emits
        ``text_refused`` and returns False. Changes nothing: a text field asks this
        before Qt inserts a paste, so a huge paste is never inserted at all."""
        if len(text) <= len(replacing):
            return True
        change = (sheet_format.encoded_text_size(sheet_format.storable_text(text))
                  - sheet_format.encoded_text_size(sheet_format.storable_text(replacing)))
        if self._upper_bound() + change > storage.MAX_SHEET_BYTES:
            self._measure_now()  # near the limit (or not known): measure exactly
            if self._upper_bound() + change > storage.MAX_SHEET_BYTES:
                self._refuse_text()
                return False
        return True

    def set_text(self, owner: object, name: str, text: str) -> bool:
        """Put ``text`` in the sheet as ``owner.name`` through ``take_text`` and touch;
        False (nothing changed) when it was refused as too long."""
        current = getattr(owner, name)
        kept = self.take_text(text, current)
        if kept is None:
            return False
        if kept != current:
            setattr(owner, name, kept)
            self._touch(measured=True)
        return True

    def touch(self) -> None:
        """Record that the sheet changed; it will be saved within a second. For changes
        that add at most ``TOUCH_MARGIN`` bytes beyond text taken with ``take_text``;
        a whole new sheet goes through ``replace``."""
        self._touch(measured=False)

    def _touch(self, measured: bool) -> None:
        if not measured:
            self._drift(TOUCH_MARGIN)
        self._generation += 1
        self.dirty = True
        if self.autosave_enabled and not self._timer.isActive():
            self._timer.start()
        self.changed.emit()

    # -- saving ---------------------------------------------------------------------------

    def _autosave(self) -> None:
        if not self.dirty:
            return
        if not self.background_saves:
            self.save_now()
        elif self._job is not None:
            self._again = True  # saved from a new snapshot once this one is written
        else:
            self._start_job(paths.sheet_path())

    def _start_job(self, path: Path | None) -> None:
        """Snapshot the sheet here (cheap) and encode, and with ``path`` write, it in a
        worker thread; the result comes back through ``_job_finished``. One at a time."""
        assert self._job is None
        snapshot = storage.sheet_snapshot(self.sheet)
        self._since_snapshot = 0
        self._snapshot_generation = self._generation
        job = _Job(weakref.ref(self), self._generation, path is not None)
        relay = _the_relay()

        def work() -> None:  # in the worker thread
            try:
                job.size, job.error = _encode_and_write(snapshot, path)
            except BaseException as err:  # e.g. out of memory while encoding
                job.error = err
            relay.finished.emit(job)

        # Not a daemon: the interpreter waits for a save in progress before it exits.
        job.thread = threading.Thread(target=work, name="firstsession-save")
        self._job = job
        job.thread.start()

    def _job_finished(self, job: _Job) -> None:
        """On the GUI thread: a save from the worker is done (or was already settled)."""
        if job is not self._job:
            return  # save_now() waited for it and settled it already
        self._settle()
        if self._again and self.dirty:
            self._again = False
            self._start_job(paths.sheet_path())

    def _settle(self) -> bool:
        """Wait for the worker's save, if any, and report it; True unless it failed."""
        job, self._job = self._job, None
        if job is None:
            return True
        size, error = job.result()
        if job.generation == self._snapshot_generation:  # the newest snapshot's size
            self._size_base = size
            self._size_drift = self._since_snapshot
        if not job.writes:
            return True
        if error is not None:
            self.save_failed.emit(failure_words(error))
            return False
        if job.generation == self._generation:
            self.dirty = False
        self.saved.emit()
        return True

    def save_now(self) -> bool:
        """Save at once if anything changed; True when the sheet is safely on disk.

        A save already being written by the worker is waited for first; then whatever
        changed since is saved here, on this thread.
        """
        self._timer.stop()
        self._again = False
        self._settle()
        if not self.dirty:
            return True
        try:
            data = storage.encode_sheet(self.sheet)
            self._size_base, self._size_drift, self._since_snapshot = len(data), 0, 0
            self._snapshot_generation = -1
            storage.save_encoded(data)
        except Exception as err:  # any failure at all must be heard, not only OSError
            self.save_failed.emit(failure_words(err))
            return False
        self.dirty = False
        self.saved.emit()
        return True

    def refresh_content(self) -> None:
        """Read the content again, in the language spoken now (after a switch of language):
        ``base_content`` and ``content`` are replaced; the sheet is untouched and no
        signal is sent (the window builds its pages again itself)."""
        from firstsession import content as bank

        fresh = bank.load()
        if fresh is self.base_content and hasattr(bank.load, "cache_clear"):
            bank.load.cache_clear()  # one cache for every language: read it again
            fresh = bank.load()
        self.base_content = fresh
        self.content = self.content_for(self.sheet)

    def replace(self, sheet: Sheet) -> None:
        """Put a different sheet in place (the one on disk becomes the backup)."""
        self.save_now()
        self.sheet = sheet
        self._forget_size()
        self.content = self.content_for(sheet)
        self.reloaded.emit()
        self.touch()

    def _forget_size(self) -> None:
        self._size_base = None
        self._size_drift = self._since_snapshot = 0
        self._snapshot_generation = -1
        self._text_sizes.clear()

    def reset_without_saving(self) -> None:
        """Forget the sheet in memory without writing anything (after Delete all my data).

        A save the worker is writing is waited for first, so nothing is written after.
        """
        self._timer.stop()
        self._again = False
        job, self._job = self._job, None
        if job is not None:
            job.result()
        self.sheet = Sheet()
        self._forget_size()
        self._generation += 1
        self.content = self.base_content
        self.dirty = False
        self.reloaded.emit()
