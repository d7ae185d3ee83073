"""Small building blocks every step uses, so that each input is labelled, named for
screen readers, reachable by Tab, and sized from the system font (never fixed pixels)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from firstsession.content import Block


def tr(text: str, context: str = "FirstSession") -> str:
    """Translate a string (helpers outside a QObject subclass use this)."""
    return QCoreApplication.translate(context, text)


def plain(label: str) -> str:
    """A label without its keyboard-mnemonic ampersand, for accessible names."""
    text = label.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.strip().rstrip(":").strip()


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    """The system font made bigger or smaller, so headings follow the system size."""
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def wrapping_policy(horizontal: QSizePolicy.Policy = QSizePolicy.Policy.Preferred) -> QSizePolicy:
    """A size policy for wrapped text that keeps "height for width", so the layout
    gives the text as many lines as it needs at the width it really has."""
    policy = QSizePolicy(horizontal, QSizePolicy.Policy.Minimum)
    policy.setHeightForWidth(True)
    return policy


def heading(text: str, level: int = 1) -> QLabel:
    label = QLabel(text)
    label.setObjectName("heading" if level == 1 else "subheading")
    label.setWordWrap(True)
    label.setFont(scaled_font(label, {1: 1.6, 2: 1.25, 3: 1.1}.get(level, 1.0), bold=True))
    label.setAccessibleName(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def paragraph(text: str, *, object_name: str = "body") -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(wrapping_policy())
    return label


def blocks_html(blocks: Iterable[Block]) -> str:
    """Content body blocks as simple, escaped rich text for a label or text browser."""
    parts: list[str] = []
    for block in blocks:
        if block.kind == "ul":
            items = "".join(f"<li>{escape(item)}</li>" for item in block.items)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{escape(block.items[0])}</p>")
    return "".join(parts)


def rich_label(html: str) -> QLabel:
    label = QLabel(html)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setOpenExternalLinks(False)  # content has no links; never open anything
    label.setSizePolicy(wrapping_policy())
    return label


def line_edit(
    layout: QBoxLayout,
    label: str,
    value: str,
    on_change: Callable[[str], None],
    *,
    description: str = "",
    placeholder: str = "",
) -> QLineEdit:
    """A labelled one-line field whose changes go to ``on_change``."""
    caption = QLabel(label)
    editor = QLineEdit(value)
    caption.setBuddy(editor)
    editor.setAccessibleName(plain(label))
    editor.setAccessibleDescription(description or placeholder)
    editor.setPlaceholderText(placeholder)
    editor.textChanged.connect(on_change)
    layout.addWidget(caption)
    if description:
        layout.addWidget(paragraph(description, object_name="hint"))
    layout.addWidget(editor)
    return editor


class TextArea(QPlainTextEdit):
    """A multi-line field that Tab leaves (so keyboard users never get stuck)."""

    def __init__(self, text: str = "", lines: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlainText(text)
        self.setTabChangesFocus(True)
        self.lines = lines
        self.setMinimumHeight(self._height_for(lines))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def _height_for(self, lines: int) -> int:
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom() + 2 * int(self.document().documentMargin())
        return self.fontMetrics().lineSpacing() * lines + frame + 4

    def sizeHint(self) -> QSize:  # as tall as its lines, not Qt's default of ~12 lines
        hint = super().sizeHint()
        return QSize(hint.width(), self._height_for(self.lines))

    def set_text_quietly(self, text: str) -> None:
        """Replace the text without reporting a change (used when a sheet is reloaded)."""
        if self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)


def text_area(
    layout: QBoxLayout,
    label: str,
    value: str,
    on_change: Callable[[str], None],
    *,
    description: str = "",
    placeholder: str = "",
    lines: int = 4,
) -> TextArea:
    """A labelled multi-line field whose changes go to ``on_change``."""
    caption = QLabel(label)
    caption.setWordWrap(True)
    editor = TextArea(value, lines)
    caption.setBuddy(editor)
    editor.setAccessibleName(plain(label))
    editor.setAccessibleDescription(description or placeholder)
    editor.setPlaceholderText(placeholder)
    editor.textChanged.connect(lambda: on_change(editor.toPlainText()))
    layout.addWidget(caption)
    if description:
        layout.addWidget(paragraph(description, object_name="hint"))
    layout.addWidget(editor)
    return editor


def set_line_quietly(editor: QLineEdit, text: str) -> None:
    if editor.text() != text:
        editor.blockSignals(True)
        editor.setText(text)
        editor.blockSignals(False)
