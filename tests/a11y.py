"""Shared accessibility checks for the widget tests."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

# Widgets a person operates: each needs a name a screen reader can say.
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractSlider,
    QAbstractItemView,
)


def is_qt_internal(widget: QWidget) -> bool:
    """Parts Qt builds and names for assistive technology itself: scroll bars, the
    menu bar's overflow button, a combo box's popup list."""
    if type(widget).__name__ == "QScrollBar" or widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    return parent is not None and type(parent).__name__ == "QComboBoxPrivateContainer"


def unnamed_widgets(page: QWidget) -> list[str]:
    """Interactive widgets with no accessible name, hidden ones included (they may show later).

    Scroll bars belong to their view (which has a name), so they are left out.
    """
    return [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in page.findChildren(QWidget)
        if isinstance(w, INTERACTIVE)
        and not isinstance(w, QScrollBar)
        and not w.accessibleName().strip()
    ]
