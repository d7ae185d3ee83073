"""Small building blocks every step uses for labelled, named, reachable inputs.

Small building blocks every step uses, so that each input is labelled, named for
screen readers, reachable by Tab, and sized from the system font (never fixed pixels)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from firstsession.content import Block


def tr(text: str, context: str = "FirstSession") -> str:
    """Translate a string (helpers outside a QObject subclass use this)."""
    return QCoreApplication.translate(context, text)


def step_titles() -> dict[str, str]:
    """The steps' names as people see them, by step id (the side list, the packet editor)."""
    return {
        "welcome": tr("Welcome"),
        "expect": tr("What to expect"),
        "feelings": tr("My feelings"),
        "background": tr("My background"),
        "questions": tr("Questions for therapists"),
        "therapists": tr("Compare therapists"),
        "before": tr("Before the day"),
        "export": tr("Print and export"),
    }


def action_button(text: str, description: str) -> QPushButton:
    """A push button with an accessible name and description (also its tooltip) that
    Enter in a field never presses."""
    button = QPushButton(text)
    button.setAccessibleName(plain(text).replace("\u2026", ""))
    button.setAccessibleDescription(description)
    button.setToolTip(description)
    button.setAutoDefault(False)
    return button


def set_by_name(widget: QObject, name: str, key: str) -> None:
    """Set an enum property by the names Designer uses, e.g. ("textFormat", "PlainText").

    Code on the start-up path does not touch PySide's ``Qt`` namespace: PySide
    builds its ~90 Python enums the first time it is used, which costs about 30 ms
    (docs/DESIGN_NOTES.md, "Start-up"). Qt's property system takes an enum key as text.
    """
    if not widget.setProperty(name, key):
        raise ValueError(f"{type(widget).__name__}.{name} cannot be set to {key!r}")


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
    gives the text as many lines as it needs at the width it really has.

    Vertically "Preferred", not "Minimum": a layout gives a height-for-width item
    exactly the height it needs at its width anyway, while "Minimum" made the label's
    guessed (narrow, tall) size hint its minimum, and a page's minimum is what a scroll
    area sizes it to: every wrapped label then added empty space below the page's end."""
    policy = QSizePolicy(horizontal, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    return policy


def heading(text: str, level: int = 1) -> QLabel:
    label = QLabel(text)
    label.setObjectName("heading" if level == 1 else "subheading")
    label.setWordWrap(True)
    label.setFont(scaled_font(label, {1: 1.6, 2: 1.25, 3: 1.1}.get(level, 1.0), bold=True))
    label.setAccessibleName(text)
    set_by_name(label, "textFormat", "PlainText")
    return label


def paragraph(text: str, *, object_name: str = "body") -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    set_by_name(label, "textFormat", "PlainText")
    label.setSizePolicy(wrapping_policy())
    return label


def text_blocks(blocks: Iterable[Block]) -> QWidget:
    """Content body blocks as plain wrapped labels: paragraphs, and bullet lists with
    a hanging indent. Plain labels start much faster than rich text (Qt's rich-text
    engine costs some 15 ms the first time), so the first page uses these."""
    box = QWidget()
    line, em = box.fontMetrics().lineSpacing(), box.fontMetrics().horizontalAdvance("M")
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(line // 2)
    for block in blocks:
        if block.kind != "ul":
            column.addWidget(paragraph(block.items[0]))
            continue
        bullets = QVBoxLayout()
        bullets.setSpacing(line // 4)
        for item in block.items:
            row = QHBoxLayout()
            row.setSpacing(em // 2)
            row.setContentsMargins(em, 0, 0, 0)
            bullet = QLabel("\u2022")
            set_by_name(bullet, "alignment", "AlignLeft|AlignTop")
            row.addWidget(bullet)
            row.addWidget(paragraph(item), 1)
            bullets.addLayout(row)
        column.addLayout(bullets)
    return box


def blocks_html(blocks: Iterable[Block]) -> str:
    """Content body blocks as simple, escaped rich text for a label or text browser."""
    from html import escape  # not needed by the first page

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
    set_by_name(label, "textFormat", "RichText")
    label.setWordWrap(True)
    label.setOpenExternalLinks(False)  # content has no links; never open anything
    label.setSizePolicy(wrapping_policy())
    return label


def undo_refused(editor: QLineEdit | QPlainTextEdit) -> None:
    """Take back the edit the sheet just refused (a paste too long to keep): the field
    shows again what the sheet holds. Done once the change has finished."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, editor.undo)


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    """Ask a Yes/No question (No is the default, so Enter or Escape keeps things as they
    are); True when the person says Yes."""
    from PySide6.QtWidgets import QMessageBox  # its Python class (~1 ms) only when asking

    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _undo_if_refused(editor: QLineEdit | QPlainTextEdit, accepted: object) -> None:
    """Take the last edit back when the handler refused it (returned False, not None)."""
    if accepted is False:
        undo_refused(editor)


def line_edit(
    layout: QBoxLayout,
    label: str,
    value: str,
    on_change: Callable[[str], object],
    *,
    description: str = "",
    placeholder: str = "",
) -> QLineEdit:
    """A labelled one-line field whose changes go to ``on_change``; when that returns
    False (the sheet refused the text) the edit is taken back.

    One-line fields hold names and short answers: Qt's own cap of 32,767 characters
    (``maxLength``, kept) bounds a paste, so even a pasted 17 MB is cut to that at once
    and never freezes the app."""
    editor = QLineEdit(value)
    editor.textChanged.connect(lambda text: _undo_if_refused(editor, on_change(text)))
    _labelled(layout, label, editor, description, placeholder)
    return editor


def _labelled(
    layout: QBoxLayout,
    label: str,
    editor: QLineEdit | QPlainTextEdit,
    description: str,
    placeholder: str,
) -> None:
    """Put a field in ``layout`` under its label (its buddy) and optional hint, and
    give it its accessible name and description."""
    caption = QLabel(label)
    caption.setWordWrap(True)
    caption.setBuddy(editor)
    editor.setAccessibleName(plain(label))
    editor.setAccessibleDescription(description or placeholder)
    editor.setPlaceholderText(placeholder)
    layout.addWidget(caption)
    if description:
        layout.addWidget(paragraph(description, object_name="hint"))
    layout.addWidget(editor)


# What a pasted text may be, at most, in a field outside a sheet (the packet editor's):
# characters. A sheet's fields are bounded by the sheet's own limit (Session.may_insert).
MAX_PASTE_CHARS = 1024 * 1024
# A run of this many characters with no space makes a text area wrap anywhere (TextArea).
LONG_RUN = 1000
_LONG_RUN = re.compile(r"\S{" + str(LONG_RUN) + "}")


class TextArea(QPlainTextEdit):
    """A multi-line field that Tab leaves (so keyboard users never get stuck).

    Text wraps at spaces (Qt's ``WrapAtWordBoundaryOrAnywhere``) until the field holds a
    run of ``LONG_RUN`` characters with no space (a pasted link, code or junk): that mode
    takes time quadratic in such a run (300,000 characters: 12 s; a megabyte froze the
    app for 45 s), so the field then wraps anywhere (``WrapAnywhere``, linear: 0.3 s),
    until its whole text is set again without one. A paste is checked BEFORE Qt inserts it: in a
    sheet's field, one that would make the sheet larger than it can be saved is refused
    with the session's plain message (``Session.may_insert``); elsewhere, a paste over
    ``MAX_PASTE_CHARS`` characters is refused with a plain tip. Nothing is inserted then.
    """

    def __init__(self, text: str = "", lines: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtGui import QTextOption

        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._wrap_for(text, whole=True)
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

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt's name)
        if source.hasText():
            text = source.text()
            if not self._may_paste(text):
                return
            self._wrap_for(text, whole=False)
        super().insertFromMimeData(source)

    def _wrap_for(self, text: str, *, whole: bool) -> None:
        """Wrap anywhere once ``text`` (going in) holds a long run with no space; when
        ``text`` is the field's whole new text, wrap at spaces again if it holds none."""
        from PySide6.QtGui import QTextOption

        if _LONG_RUN.search(text):
            self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        elif whole:
            self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)

    def _may_paste(self, text: str) -> bool:
        """Whether ``text`` may be pasted over the selection (see the class's note)."""
        from firstsession.app.session import Session

        replacing = self.textCursor().selectedText()
        owner = self.parentWidget()
        while owner is not None:
            session = getattr(owner, "session", None)
            if isinstance(session, Session):
                return bool(session.may_insert(text, replacing))
            if owner.isWindow():  # a dialog of its own (the packet editor): not the sheet
                break
            owner = owner.parentWidget()
        if len(text) - len(replacing) <= MAX_PASTE_CHARS:
            return True
        from PySide6.QtWidgets import QToolTip

        QToolTip.showText(
            self.mapToGlobal(self.cursorRect().bottomLeft()),
            tr("This is too long to paste here; it was not added."), self)
        return False

    def set_text_quietly(self, text: str) -> None:
        """Replace the text without reporting a change (used when a sheet is reloaded)."""
        if self.toPlainText() != text:
            self.blockSignals(True)
            self._wrap_for(text, whole=True)
            self.setPlainText(text)
            self.blockSignals(False)


def text_area(
    layout: QBoxLayout,
    label: str,
    value: str,
    on_change: Callable[[str], object],
    *,
    description: str = "",
    placeholder: str = "",
    lines: int = 4,
) -> TextArea:
    """A labelled multi-line field whose changes go to ``on_change``; when that returns
    False (the sheet refused the text) the edit is taken back."""
    editor = TextArea(value, lines)
    editor.textChanged.connect(lambda: _undo_if_refused(editor, on_change(editor.toPlainText())))
    _labelled(layout, label, editor, description, placeholder)
    return editor


def compact(area: TextArea) -> TextArea:
    """Keep a text area at the few lines it was made for; returns the area.

    A page inside a scroll area is laid out at its preferred (size hint) height, and
    a plain text edit hints about twelve lines; capping the height at the area's own
    minimum keeps a form short. Long answers scroll inside the area.
    """
    area.setMaximumHeight(area.minimumHeight())
    return area


def set_line_quietly(editor: QLineEdit, text: str) -> None:
    if editor.text() != text:
        editor.blockSignals(True)
        editor.setText(text)
        editor.blockSignals(False)


# Qt.FocusPolicy.TabFocus as a number: start-up code does not touch the Qt namespace.
TAB_FOCUS = 0x1


def tab_chain(window: QWidget) -> list[QWidget]:
    """The widgets of ``window`` that Tab can reach now (shown, enabled, taking focus by
    Tab, not handing it to another widget), in Qt's focus-chain order (the order they
    were made in, unless changed with ``setTabOrder``)."""
    chain: list[QWidget] = []
    widget = window.nextInFocusChain()
    while widget is not None and widget is not window and widget not in chain:
        if (
            widget.window() is window
            and widget.isVisible()
            and widget.isEnabled()
            and int(widget.focusPolicy().value) & TAB_FOCUS
            and widget.focusProxy() is None
        ):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


# -- what screen readers are told -------------------------------------------------------

HEADING_NAMES = ("heading", "subheading")  # object names heading() gives


def _accessible_classes() -> tuple[type, type]:
    """The accessible interfaces for headings and combo boxes, made on first use: PySide
    builds the accessibility types only then, which keeps them off the start-up path."""
    from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleInterface
    from PySide6.QtWidgets import QAccessibleWidget

    class _HeadingAccessible(QAccessibleWidget):
        """A heading label as a screen reader should meet it: role Heading, named by its text,
        so a person can jump from heading to heading."""

        def __init__(self, label: QLabel) -> None:
            super().__init__(label, QAccessible.Role.Heading)
            self.label = label

        def text(self, kind: QAccessible.Text) -> str:
            if kind == QAccessible.Text.Name:
                return self.label.accessibleName() or plain(self.label.text())
            return super().text(kind)

    class _ComboAccessible(QAccessibleWidget):
        """A combo box named by its label, with its choice as the value.

        Qt on Linux gives a combo box its current choice as its name (and leaves the label
        to a relation), so Orca says "United States, combo box" and never what it is for.
        Here the name is the accessible name (its label's words) and the choice is the value;
        the list of choices stays its one child, and "show menu" opens it, as in Qt's own."""

        def __init__(self, combo: QComboBox) -> None:
            super().__init__(combo, QAccessible.Role.ComboBox)
            self.combo = combo

        def text(self, kind: QAccessible.Text) -> str:
            if kind == QAccessible.Text.Name:
                return self.combo.accessibleName() or buddy_text(self.combo)
            if kind == QAccessible.Text.Value:
                return self.combo.currentText()
            return super().text(kind)

        def childCount(self) -> int:  # noqa: N802 (Qt's name)
            return 1

        # Qt's child() is null (None) for a child that is not there; PySide's stub says
        # it never is, so the honest return type needs the override allowed.
        def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
            return QAccessible.queryAccessibleInterface(self.combo.view()) if index == 0 else None

        def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802 (Qt's name)
            return 0 if child is not None and child.object() is self.combo.view() else -1

        def actionNames(self) -> list[str]:  # noqa: N802 (Qt's name)
            return [QAccessibleActionInterface.showMenuAction(),
                    QAccessibleActionInterface.pressAction(), *super().actionNames()]

        def doAction(self, name: str) -> None:  # noqa: N802 (Qt's name)
            if name in (QAccessibleActionInterface.showMenuAction(),
                        QAccessibleActionInterface.pressAction()):
                self.combo.showPopup()
            else:
                super().doAction(name)

    return _HeadingAccessible, _ComboAccessible


_classes: list[tuple[type, type]] = []


def buddy_text(widget: QWidget) -> str:
    """The words of the label whose buddy ``widget`` is ("" if none), without "&" and ":"."""
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget:
            return plain(label.text())
    return ""


def _accessible_factory(key: str, obj: QObject) -> object:
    """Qt asks this for each widget's accessible interface; None means Qt's own."""
    is_heading = isinstance(obj, QLabel) and obj.objectName() in HEADING_NAMES
    if not (is_heading or isinstance(obj, QComboBox)):
        return None
    if not _classes:
        _classes.append(_accessible_classes())
    heading_class, combo_class = _classes[0]
    return heading_class(obj) if is_heading else combo_class(obj)


_factory_installed: list[bool] = []


def install_accessibility() -> None:
    """Make headings Headings and name combo boxes by their labels, for every screen
    reader (Qt asks the factory for each widget's accessible interface). Once per process."""
    if not _factory_installed:
        from PySide6.QtGui import QAccessible

        QAccessible.installFactory(_accessible_factory)
        _factory_installed.append(True)
