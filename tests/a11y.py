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
