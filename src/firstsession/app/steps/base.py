"""What every step page shares: a heading, an intro, and a reload hook."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from firstsession.app.session import Session
from firstsession.app.widgets import heading, paragraph


class StepPage(QWidget):
    """One step of the preparation.

    Subclasses build their widgets in ``__init__`` from ``self.session.sheet``,
    write changes into the sheet and call ``self.session.touch()``. When the whole
    sheet is replaced (New, Open, backup restored) ``reload()`` must show the new
    sheet without reporting changes of its own.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(28, 20, 28, 20)
        self.column.setSpacing(10)
        session.reloaded.connect(self.reload)

    def add_title(self, title: str, intro: str = "") -> None:
        self.column.addWidget(heading(title, 1))
        if intro:
            self.column.addWidget(paragraph(intro))

    def set_sheet_text(self, name: str, text: str) -> bool:
        """Put ``text`` in the sheet's field ``name`` (see ``Session.set_text``); False
        when the sheet refused it (too large to save), and the field takes it back."""
        return bool(self.session.set_text(self.session.sheet, name, text))

    def reload(self) -> None:
        """Show ``self.session.sheet`` again after it was replaced."""
