"""The lock screen, the quick exit and the idle lock.

``Locker`` belongs to the main window (``install``). Locking saves the sheet first, closes
open dialogs, hides other windows of ours, and leaves only the lock screen in the window:
the step list, pages, menus and buttons are hidden; the crisis bar stays. With a
passphrase set the key is forgotten (``vault.lock``) and the screen asks for the
passphrase; without one it is a neutral screen with a "Continue" button.

- Quick exit: the "Quick exit" button at the top right of the menu bar, or Escape pressed
  twice within ``DOUBLE_ESCAPE_MS``: locks and minimises the window.
- Idle lock: after the minutes the person chose in Help > Privacy (``IDLE_KEY`` in our
  settings; 0 is never) with no key press, click or wheel in the app, it locks.
- At start with a passphrase set, the window opens locked; the passphrase loads the sheet.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from firstsession import passphrase, vault
from firstsession.app.widgets import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from firstsession.app.generated.ui_mainwindow import Ui_MainWindow
    from firstsession.app.session import Session


class _Parts(Protocol):
    """What the lock uses of ``window.MainWindow`` beyond QMainWindow (never imported here:
    the window's modules would import this one round a loop)."""

    @property
    def session(self) -> Session: ...

    @property
    def ui(self) -> Ui_MainWindow: ...

DOUBLE_ESCAPE_MS = 1200  # the second Escape must come this soon after the first
IDLE_KEY = "privacy/idle_lock_minutes"
IDLE_CHOICES = (0, 1, 5, 10, 15, 30, 60)  # minutes; 0 is never
_INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                           QEvent.Type.Wheel, QEvent.Type.TouchBegin})
# Qt.Key.Key_Escape as a number: start-up code does not touch the Qt namespace
# (see widgets.set_by_name); the lock screen itself is built on first use.
KEY_ESCAPE = 0x01000000



class LockScreen(QWidget):
    """What the window shows while locked: the passphrase field, or a neutral "Continue"."""

    def __init__(self, parent: QWidget) -> None:
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.setObjectName("lockScreen")
        column = QVBoxLayout(self)
        column.addStretch(1)
        self.title = QLabel()
        self.title.setObjectName("heading")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(tr("Passphrase"))
        self.field.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 24)
        self.button = QPushButton()
        self.button.setDefault(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAccessibleName(tr("Message"))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.field)
        row.addWidget(self.button)
        row.addStretch(1)
        for widget in (self.title, self.hint):
            column.addWidget(widget)
        column.addLayout(row)
        column.addWidget(self.message)
        column.addStretch(2)

    def show_mode(self, asks_passphrase: bool) -> None:
        """Words and fields for a passphrase (True) or for the neutral screen (False)."""
        self.field.clear()
        self.message.clear()
        self.field.setVisible(asks_passphrase)
        if asks_passphrase:
            self.title.setText(tr("Your sheet is locked"))
            self.hint.setText(tr("Type your passphrase to open it."))
            self.button.setText(tr("&Open my sheet"))
            self.button.setAccessibleName(tr("Open my sheet"))
        else:
            self.title.setText(tr("Paused"))
            self.hint.setText("")
            self.button.setText(tr("&Continue"))
            self.button.setAccessibleName(tr("Continue"))

    def take_focus(self) -> None:
        """The keyboard on the passphrase field, or on Continue."""
        from PySide6.QtCore import Qt

        (self.field if self.field.isVisibleTo(self) else self.button).setFocus(
            Qt.FocusReason.OtherFocusReason)


class Locker(QObject):
    """The window's lock: ``lock()``, ``quick_exit()``, the idle timer, the Escape shortcut."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QMainWindow, on_unlock: Callable[[], None] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.parts = cast("_Parts", window)
        self.is_locked = False
        self._on_unlock = on_unlock  # at start: load the sheet once the passphrase is given
        self._hidden: list[QWidget] = []  # our other windows, hidden while locked
        self._hidden_here: list[QWidget] = []  # the window's parts hidden while locked
        self._disabled: list[QAction] = []  # the window's actions, off while locked
        self._title = ""
        self._screen: LockScreen | None = None  # built on first use
        self._asks = False  # the lock screen asks for the passphrase
        self.quick_exit_button = QPushButton(tr("Quick exit"))
        self.quick_exit_button.setObjectName("quickExit")
        self.quick_exit_button.setAccessibleName(tr("Quick exit"))
        self.quick_exit_button.setAccessibleDescription(tr(
            "Hides your sheet at once: saves it, clears the window and makes it small. "
            "Pressing Esc twice does the same."))
        self.quick_exit_button.setToolTip(self.quick_exit_button.accessibleDescription())
        self.quick_exit_button.clicked.connect(self.quick_exit)
        window.menuBar().setCornerWidget(self.quick_exit_button)  # top right by default
        self.quick_exit_button.show()  # a corner widget set after the window is shown
        self._last_escape = 0.0
        # Esc in the window (not in a dialog, which Esc closes); a field that uses Esc
        # itself (the feelings search, while it holds text) takes it first.
        self.escape_shortcut = QShortcut(QKeySequence(KEY_ESCAPE), window)
        self.escape_shortcut.activated.connect(self._escape_pressed)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self._idle)
        self._idle_ms = 0
        self._restarted = 0.0
        self._watching = False

    @property
    def screen(self) -> LockScreen:
        """The lock screen (made the first time it is needed), above the crisis bar."""
        if self._screen is None:
            screen = LockScreen(self.parts.ui.central)
            screen.hide()
            self.parts.ui.outerLayout.insertWidget(0, screen, 1)
            screen.button.clicked.connect(self.try_unlock)
            screen.field.returnPressed.connect(self.try_unlock)
            self._screen = screen
        return self._screen

    # -- locking --------------------------------------------------------------------------

    def quick_exit(self) -> None:
        """Save, hide everything but the lock screen (locked with a passphrase), minimise."""
        self.lock()
        self.window.showMinimized()

    def lock(self) -> None:
        """Save first, then show only the lock screen; forget the key when a passphrase is set."""
        window = self.window
        self.parts.session.save_now()
        asks = vault.current() is not None or self._on_unlock is not None or self._asks
        if vault.current() is not None:
            vault.lock()
        for widget in QApplication.topLevelWidgets():
            if widget is window or not widget.isVisible():
                continue
            if isinstance(widget, QDialog) and widget.isModal():
                widget.reject()  # a question or a file dialog: cancelled, nothing happens
            else:
                widget.hide()  # the packet editor, say: back as it was once unlocked
                self._hidden.append(widget)
        if not self.is_locked:
            ui = self.parts.ui
            self._hidden_here = [w for w in (ui.stepList, ui.stepStack, ui.navBar)
                                 if not w.isHidden()]
            for widget in self._hidden_here:
                widget.hide()
            for action in window.menuBar().actions():
                action.setVisible(False)
            self._disabled = [a for a in window.findChildren(QAction) if a.isEnabled()]
            for action in self._disabled:
                action.setEnabled(False)  # no shortcut reaches the sheet while locked
            window.statusBar().clearMessage()
            self._title = window.windowTitle()
            window.setWindowTitle(tr("First Session"))
        self.is_locked = True
        self._asks = asks
        self.screen.show_mode(asks)
        self.screen.show()
        self.screen.take_focus()
        self.idle_timer.stop()
        self.locked.emit()

    def start_locked(self, on_unlock: Callable[[], None]) -> None:
        """Open the window locked (a passphrase is set); ``on_unlock`` loads the sheet."""
        self._on_unlock = on_unlock
        self.lock()

    def try_unlock(self) -> bool:
        """The lock screen's button: check the passphrase (if one is asked), then show the
        sheet again. A wrong one gets a plain message and changes nothing."""
        if self._asks:
            from PySide6.QtCore import Qt

            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                passphrase.unlock(self.screen.field.text())
            except passphrase.PassphraseError:
                self.screen.field.selectAll()
                self.screen.message.setText(tr(
                    "That passphrase did not open your sheet. Nothing was changed. "
                    "Please try again."))
                return False
            finally:
                QApplication.restoreOverrideCursor()
            self.screen.field.clear()
            if self._on_unlock is not None:
                load, self._on_unlock = self._on_unlock, None
                load()
        self._uncover()
        return True

    def _uncover(self) -> None:
        window = self.window
        if self._screen is not None:
            self._screen.hide()
        for widget in self._hidden_here:
            widget.show()
        for action in window.menuBar().actions():
            action.setVisible(True)
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        window.setWindowTitle(self._title or window.windowTitle())
        for widget in self._hidden:
            widget.show()
        self._hidden.clear()
        self.is_locked = False
        self._asks = False
        # The passphrase field that had the keys is hidden now: give them to the window's
        # pages, so Esc pressed twice (Quick exit) works at once, without a click first.
        focused = window.focusWidget()
        if focused is None or not focused.isVisible():
            window.activateWindow()
            self.parts.ui.stepList.setFocus()
        self._restart_idle()
        self.unlocked.emit()

    # -- quick exit by keyboard -------------------------------------------------------------

    def _escape_pressed(self) -> None:
        now = time.monotonic()
        if now - self._last_escape <= DOUBLE_ESCAPE_MS / 1000:
            self._last_escape = 0.0
            self.quick_exit()
        else:
            self._last_escape = now

    # -- idle lock --------------------------------------------------------------------------

    def set_idle_ms(self, ms: int) -> None:
        """Lock after ``ms`` milliseconds with no input in the window (0: never).

        Input is watched only while an idle time is chosen: keys, clicks and the wheel reach
        the window's QWindow first, once each, and a filter there sees them. (A Python event
        filter makes PySide set up some 50 event classes on its first event, a few
        milliseconds that start-up without an idle lock does not pay.)"""
        self._idle_ms = max(ms, 0)
        if self._idle_ms and not self._watching:
            self.window.winId()  # the native window (made now if never shown)
            handle = self.window.windowHandle()
            if handle is not None:
                handle.installEventFilter(self)
                self._watching = True
        self._restart_idle()

    def idle_ms(self) -> int:
        return self._idle_ms

    def _restart_idle(self) -> None:
        if self._idle_ms and not self.is_locked:
            self.idle_timer.start(self._idle_ms)
            self._restarted = time.monotonic()
        else:
            self.idle_timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (event.type() in _INPUT_EVENTS and self._idle_ms
                and time.monotonic() - self._restarted > 0.5):
            self._restart_idle()  # at most twice a second: typing costs next to nothing
        return False

    def _idle(self) -> None:
        if not self.is_locked:
            self.lock()


def install(window: QMainWindow) -> Locker:
    """Give ``window`` its lock, Quick exit button and Escape-twice shortcut; the idle time
    comes from our settings."""
    from firstsession.app.appsettings import settings

    locker = Locker(window)
    window.locker = locker  # type: ignore[attr-defined]
    try:
        minutes = int(str(settings().value(IDLE_KEY, 0)))
    except ValueError:
        minutes = 0
    if minutes in IDLE_CHOICES:
        locker.set_idle_ms(minutes * 60_000)
    return locker


def locker_of(window: object) -> Locker | None:
    """The window's Locker, if it has one."""
    found = getattr(window, "locker", None)
    return found if isinstance(found, Locker) else None
