"""What the menus may use of the window they act for: a small protocol, never the window itself.

The File and Help menus (``filemenu``, ``helpmenu``) receive their host as an argument, as
Mu's logic receives its view and Picard's actions their tagger: ``MainWindow`` passes
itself. The menus import this module, never ``window``; so the window can import them, and
a test (or another window) can stand in for the host.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from firstsession.app.exporting import Exporter
    from firstsession.app.session import Session


class MenuHost(Protocol):
    """The window as the menus see it."""

    @property
    def session(self) -> Session:
        """The sheet being written, with its content; replaced through ``session.replace``."""
        ...

    def dialog_parent(self) -> QWidget:
        """The widget the menus' dialogs and message boxes belong to."""
        ...

    def go_to(self, step_id: str) -> None:
        """Show the step ``step_id`` (one of ``progress.STEP_IDS``)."""
        ...

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """One line in the window's status bar, for ``timeout_ms`` (0: until replaced)."""
        ...

    def exporter(self) -> Exporter:
        """The PDF actions (save, print, open, blank handout) of the "Print and export" step,
        which show their outcome in that step's page."""
        ...

    def stop_saving_state(self) -> None:
        """Write no window settings (size, last step) again: after "Delete all my data"."""
        ...
