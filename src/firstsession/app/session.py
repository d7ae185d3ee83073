"""The open sheet, shared by every step, and its autosave.

Steps put text into ``session.sheet`` through ``set_text`` / ``take_text``, which
keep only text that can be saved (no lone surrogates) and refuse text that would
make the sheet too large to read back (``storage.MAX_SHEET_BYTES``); other
changes go in directly, followed by ``touch()``. The first
change after a save starts a one-second timer; when it fires the sheet is saved
through the core's atomic writer. So every change is on disk within about a
second, however fast the person types.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from firstsession import storage
from firstsession.content import Content
from firstsession.model import Sheet

AUTOSAVE_DELAY_MS = 1000


def failure_words(err: BaseException) -> str:
    """Why a save failed, in a few plain words (shown in brackets in the status bar)."""
    if isinstance(err, storage.SheetTooLargeError):
        return str(err)
    if isinstance(err, OSError):
        if isinstance(err, storage.NotAFileError) or not err.filename:
            return err.strerror or str(err)
        return f"{err.strerror or err}: {err.filename}"
    return f"an unexpected problem: {type(err).__name__}: {err}"


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
        # The encoded sheet's size in bytes, kept exact through text changes; None
        # when another change (a tick, a new row) means it must be measured again.
        self._size: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)

    def content_for(self, sheet: Sheet) -> Content:
        """The content a sheet is shown with: its packet's view of the bank, if it has one."""
        if sheet.packet is None:
            return self.base_content
        # Packets (and Pillow, for the logo) load only for sheets that came from one.
        from firstsession.packet import PacketError, content_for_sheet

        try:
            return content_for_sheet(sheet.packet, self.base_content)
        except PacketError:  # sheets are checked when read; never fail to show one
            return self.base_content

    def take_text(self, text: str, replacing: str = "") -> str | None:
        """``text`` as it can be kept in the sheet in place of ``replacing`` (lone
        surrogates become U+FFFD), or None, with ``text_refused`` emitted, when it would
        make the saved sheet larger than ``storage.MAX_SHEET_BYTES`` (bytes). The caller
        puts the returned text in the sheet and calls ``touch()``."""
        text = storage.storable_text(text)
        size = self._size_with(text, replacing)
        if size > storage.MAX_SHEET_BYTES and len(text) > len(replacing):
            self._refuse_text()
            return None
        self._size = size
        return text

    def _size_with(self, text: str, replacing: str) -> int:
        """The saved sheet's size in bytes with ``text`` in place of ``replacing``."""
        if self._size is None:
            self._size = len(storage.encode_sheet(self.sheet))
        return (self._size + storage.encoded_text_size(text)
                - storage.encoded_text_size(replacing))

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
        if self._size_with(storage.storable_text(text), replacing) <= storage.MAX_SHEET_BYTES:
            return True
        self._refuse_text()
        return False

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
        """Record that the sheet changed; it will be saved within a second."""
        self._touch(measured=False)

    def _touch(self, measured: bool) -> None:
        if not measured:
            self._size = None
        self.dirty = True
        if self.autosave_enabled and not self._timer.isActive():
            self._timer.start()
        self.changed.emit()

    def save_now(self) -> bool:
        """Save at once if anything changed; True when the sheet is safely on disk."""
        self._timer.stop()
        if not self.dirty:
            return True
        try:
            storage.save_sheet(self.sheet)
        except Exception as err:  # any failure at all must be heard, not only OSError
            self.save_failed.emit(failure_words(err))
            return False
        self.dirty = False
        self.saved.emit()
        return True

    def replace(self, sheet: Sheet) -> None:
        """Put a different sheet in place (the one on disk becomes the backup)."""
        self.save_now()
        self.sheet = sheet
        self._size = None
        self.content = self.content_for(sheet)
        self.reloaded.emit()
        self.touch()

    def reset_without_saving(self) -> None:
        """Forget the sheet in memory without writing anything (after Delete all my data)."""
        self._timer.stop()
        self.sheet = Sheet()
        self._size = None
        self.content = self.base_content
        self.dirty = False
        self.reloaded.emit()
