"""Layouts that fit any width and any text size.

Layouts that fit any width: a row that wraps like text, a row that stacks when narrow,
a check box whose text wraps, a group box whose title never widens the page, a label
that can break a long path, wrapped labels sized to their lines; and a list inside a
page that hands the mouse wheel to the page at its end.

Pages use these so that nothing is wider than the narrowest window or the largest
text a person may choose (200% text at 1024x700, normal text at 640x480): a row of
fixed buttons or a long check box label that cannot wrap makes the page scroll
sideways. They do not touch PySide's ``Qt`` namespace until a click needs it (it is
costly to build, see widgets.set_by_name): the export page, built at start-up when the
app reopens on it, uses them.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMargins,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QSize,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QMouseEvent,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QBoxLayout,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from firstsession.app.widgets import set_by_name, wrapping_policy

if TYPE_CHECKING:
    from PySide6.QtGui import QTextLayout


class FlowLayout(QLayout):
    """Items side by side while they fit, then on the next line, like words in a line of text.

    For rows of buttons (and a caption with its field): a plain row of N buttons needs
    the width of all N at once, which at large text or in a narrow window is wider than
    the page, so the page scrolls sideways. A flow row needs only its widest item.
    Hidden items take no room. Spacing is in pixels; the default is one "M" of the
    parent's font between items and a third of a line between lines.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)
        if spacing >= 0:
            self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:  # Qt's name; addWidget comes here
        self._items.append(item)

    def count(self) -> int:  # Qt's name
        return len(self._live())

    def itemAt(self, index: int) -> QLayoutItem | None:  # Qt's name
        items = self._live()
        return items[index] if 0 <= index < len(items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # Qt's name
        items = self._live()
        return items.pop(index) if 0 <= index < len(items) else None

    def _live(self) -> list[QLayoutItem]:
        """The items, without any whose Python wrapper is already gone.

        When a window is deleted, PySide invalidates the wrappers of a layout's items
        (they belong to the layout's parent in its object tree) while Qt is still
        deleting the window's other children and asking this layout for sizes; an
        invalidated item would raise "Internal C++ object already deleted". Such items
        are being destroyed with the window, so they are dropped here.
        """
        if not all(map(isValid, self._items)):
            self._items = [item for item in self._items if isValid(item)]
        return self._items

    # No expandingDirections(): returning a Qt.Orientation from Python makes PySide build
    # its whole ``Qt`` namespace (~18 ms) when the first page with a flow row is laid out.
    # Qt's default (both ways) lays out every page using it exactly as "neither" did (their
    # geometry compared at five window sizes): each parent has a stretch, or no room to give.

    def hasHeightForWidth(self) -> bool:  # Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # Qt's name
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # Qt's name
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # Qt's name: everything on one line
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown)
        width += self._gaps()[0] * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:  # Qt's name: one item a line
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._live() if not item.isEmpty()]

    def _gaps(self) -> tuple[int, int]:
        """Pixels between items on a line, and between lines."""
        if self.spacing() >= 0:
            return self.spacing(), self.spacing()
        parent = self.parentWidget()
        metrics = parent.fontMetrics() if parent is not None else None
        if metrics is None:
            return 8, 6
        return metrics.horizontalAdvance("M"), metrics.lineSpacing() // 3

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items inside ``rect`` (only measure unless ``move``), each centred
        on its line's height (a caption lines up with the field beside it); the height used."""
        area = rect.marginsRemoved(self.contentsMargins())
        across, down = self._gaps()
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for item in self._shown():
            hint = item.sizeHint().boundedTo(item.maximumSize()).expandedTo(item.minimumSize())
            hint.setWidth(min(hint.width(), area.width()))  # never wider than the line
            if lines[-1] and x + hint.width() > area.x() + area.width():
                lines.append([])
                x = area.x()
            lines[-1].append((item, hint))
            x += hint.width() + across
        y = area.y()
        for number, line in enumerate(lines):
            line_height = max((hint.height() for _, hint in line), default=0)
            x = area.x()
            for item, hint in line:
                if move:
                    top = y + (line_height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), hint))
                x += hint.width() + across
            y += line_height + (down if number < len(lines) - 1 else 0)
        margins: QMargins = self.contentsMargins()
        return y - rect.y() + margins.bottom()


def flow_row(*widgets: QWidget) -> FlowLayout:
    """The widgets in a FlowLayout: side by side while they fit, wrapped when not."""
    row = FlowLayout()
    for widget in widgets:
        row.addWidget(widget)
    return row


class ResponsiveRow(QWidget):
    """Side by side when there is room, one above the other when narrow or at big fonts.

    The parts go in ``self.box`` (a QBoxLayout); ``min_em`` is the width, in "M"s of the
    row's font, from which they stand side by side.
    """

    def __init__(self, min_em: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(16)
        # The layout must not impose its side-by-side minimum on the row: the row has
        # to be offered a narrow width before it can decide to stack.
        self.box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.min_em = min_em

    def minimumSizeHint(self) -> QSize:  # Qt's name
        """As narrow as the stacked arrangement needs (the widest single part)."""
        hint = super().minimumSizeHint()
        parts = [
            item.minimumSize().width()
            for i in range(self.box.count())
            if (item := self.box.itemAt(i)) is not None
        ]
        return QSize(max(parts, default=0), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        wide = event.size().width() >= self.fontMetrics().horizontalAdvance("M") * self.min_em
        direction = (
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        if self.box.direction() != direction:
            self.box.setDirection(direction)
        super().resizeEvent(event)


def fit_wrapped_labels(page: QWidget) -> None:
    """Give every wrapped label in ``page`` exactly the lines it needs.

    ``setSizePolicy`` after ``setWordWrap`` drops the label's height-for-width flag; the
    label is then sized by its guessed size hint, which leaves gaps and a long blank end
    to the page. Put the flag back, and keep text at the top in case of spare room.
    """
    from PySide6.QtCore import Qt  # not on the start-up path (see widgets.set_by_name)

    for label in page.findChildren(QLabel):
        if label.wordWrap():
            policy = label.sizePolicy()
            policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
            policy.setHeightForWidth(True)
            label.setSizePolicy(policy)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


class _ClickableLabel(QLabel):
    """A wrapping label that toggles its check box when clicked, like a check box's own text."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt's name
        from PySide6.QtCore import Qt  # costly to build, not needed until a click

        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class CheckRow(QWidget):
    """A check box whose text wraps (a plain QCheckBox never wraps, which breaks
    long items at large font sizes). The box itself takes the keyboard focus and
    carries the text as its accessible name."""

    def __init__(self, text: str, checked: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox()
        self.box.setChecked(checked)
        self.box.setAccessibleName(text)
        self.label = _ClickableLabel(text)
        self.label.setWordWrap(True)
        # By name: the Qt namespace is costly to build (see widgets.set_by_name).
        set_by_name(self.label, "alignment", "AlignLeft|AlignTop")
        set_by_name(self.label, "textFormat", "PlainText")
        self.label.setBuddy(self.box)
        self.label.setSizePolicy(wrapping_policy(QSizePolicy.Policy.Expanding))
        self.label.clicked.connect(self.box.toggle)
        self.label.clicked.connect(self._focus_box)
        # As tall as the wrapped text at the row's width (the layout asks the label's
        # height for width), never padded out by the page's layout. Not "Fixed": that
        # made the row's guessed height its minimum, and the rows' minimums set a page's
        # height in its scroll area, which then scrolled on past the page's end.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(self.fontMetrics().horizontalAdvance(" ") * 2)
        # Line the box up with the middle of the first line of text.
        box_column = QVBoxLayout()
        box_column.setContentsMargins(0, 0, 0, 0)
        box_column.addSpacing(
            max(0, (self.label.fontMetrics().height() - self.box.sizeHint().height()) // 2)
        )
        box_column.addWidget(self.box)
        box_column.addStretch(1)
        row.addLayout(box_column)
        row.addWidget(self.label, 1)

    def _focus_box(self) -> None:
        from PySide6.QtCore import Qt  # costly to build, not needed until a click

        self.box.setFocus(Qt.FocusReason.MouseFocusReason)

    def set_checked_quietly(self, checked: bool) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(checked)
        self.box.blockSignals(False)


class TitledGroup(QGroupBox):
    """A group box whose title (which may hold words a person typed: a feeling, a name)
    never sets the page's width: when the box is narrower than its title, the title is
    shortened with "…" to fit. ``title()`` is always the whole title, and so is the
    accessible name, so a screen reader says all of it."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self.setTitle(title)

    def title(self) -> str:  # Qt's name: the whole title, never the shortened one
        return self._title

    def setTitle(self, title: str) -> None:  # Qt's name
        self._title = title
        self.setAccessibleName(title)
        self._fit_title()

    def minimumSizeHint(self) -> QSize:  # Qt's name: as narrow as the contents allow
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is None:
            return hint
        return QSize(layout.totalMinimumSize().width(), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        super().resizeEvent(event)
        self._fit_title()

    def _fit_title(self) -> None:
        from PySide6.QtCore import Qt  # not on the start-up path (see widgets.set_by_name)

        metrics = self.fontMetrics()
        room = self.width() - 4 * metrics.horizontalAdvance("M")  # the frame and its indent
        shown = metrics.elidedText(self._title, Qt.TextElideMode.ElideRight, max(room, 0))
        if not shown and self._title:
            shown = "\u2026"
        if shown != super().title():
            super().setTitle(shown)


class BreakAnywhereLabel(QLabel):
    """Plain text that wraps between words where it can and anywhere where it must, for
    text that may hold a long file path: a QLabel never breaks inside a word, so one long
    path (``/home/.../my_first_session_notes_final.pdf``) would set the page's width.

    Painted by us (a QLabel cannot wrap this way), so selecting with the mouse is replaced
    by "Copy" in the right-click menu, which copies the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        set_by_name(self, "textFormat", "PlainText")  # see widgets.set_by_name
        self.setSizePolicy(wrapping_policy(QSizePolicy.Policy.Expanding))
        copy = QAction(self)  # QAction(text, parent) sets up PySide's QIcon class (~1.5 ms)
        copy.setText(self.tr("Copy"))
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(self.text()))
        self.addAction(copy)
        set_by_name(self, "contextMenuPolicy", "ActionsContextMenu")

    def hasHeightForWidth(self) -> bool:  # Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # Qt's name
        margins = self.contentsMargins()
        inner = max(width - margins.left() - margins.right(), 1)
        return self._lay_out(inner)[1] + margins.top() + margins.bottom()

    def minimumSizeHint(self) -> QSize:  # Qt's name: a few letters wide, however long the text
        # As tall as its lines when nothing wraps, like a wrapping QLabel: the layout asks
        # for the height at the real width, and a tall minimum would pad the page's end.
        width = min(self._text_width(), self.fontMetrics().horizontalAdvance("M") * 8)
        return QSize(width, self.heightForWidth(self._text_width()))

    def sizeHint(self) -> QSize:  # Qt's name
        width = min(self._text_width(), self.fontMetrics().horizontalAdvance("M") * 30)
        return QSize(width, self.heightForWidth(width))

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt's name
        from PySide6.QtGui import QPainter  # see _lay_out

        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        area = self.contentsRect()
        self._lay_out(area.width())[0].draw(painter, QPointF(area.topLeft()))
        painter.end()

    def _text_width(self) -> int:
        margins = self.contentsMargins()
        lines = self.text().split("\n")
        widest = max(self.fontMetrics().horizontalAdvance(line) for line in lines)
        return widest + margins.left() + margins.right() + 1

    def _lay_out(self, width: int) -> tuple[QTextLayout, int]:
        """The text laid out in lines of ``width`` pixels, and its height in pixels."""
        # Imported here: PySide sets up a class and all its enums on first import (these
        # and QPainter, about 2 ms), and this label often stays hidden and empty.
        from PySide6.QtGui import QTextLayout, QTextOption

        layout = QTextLayout(self.text().replace("\n", "\u2028"), self.font(), self)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        height = 0.0
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        return layout, math.ceil(height)


class _WheelToPage(QObject):
    """See ``hand_wheel_to_page``."""

    def __init__(self, view: QAbstractScrollArea) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() != QEvent.Type.Wheel or not isinstance(event, QWheelEvent):
            return False
        delta = event.angleDelta().y() or event.pixelDelta().y()
        if delta == 0 or abs(event.angleDelta().x()) > abs(event.angleDelta().y()):
            return False
        if event.inverted():
            delta = -delta
        bar = self.view.verticalScrollBar()
        at_end = bar.value() <= bar.minimum() if delta > 0 else bar.value() >= bar.maximum()
        page = self._page_scroller()
        if not at_end or page is None:
            return False  # the list scrolls itself
        handed = QWheelEvent(
            event.position(), event.globalPosition(), event.pixelDelta(), event.angleDelta(),
            event.buttons(), event.modifiers(), event.phase(), event.inverted(),
        )
        QCoreApplication.sendEvent(page.verticalScrollBar(), handed)
        event.accept()
        return True

    def _page_scroller(self) -> QAbstractScrollArea | None:
        widget = self.view.parentWidget()
        while widget is not None and not isinstance(widget, QAbstractScrollArea):
            widget = widget.parentWidget()
        return widget


def enclosing_scroll_area(widget: QWidget) -> QScrollArea | None:
    """The scroll area a page sits in (the nearest above ``widget``), or None."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


def hand_wheel_to_page(view: QAbstractScrollArea) -> None:
    """Let the mouse wheel over a list inside a scrolling page move the page once the list
    can scroll no further that way (at its top or end, or when it has nothing to scroll).

    Qt passes an unused wheel event on to the page only in some cases (not for a
    touchpad's scroll, which stays with the widget it started on), so a list in the
    middle of a page could stop the page from moving under the pointer."""
    view.viewport().installEventFilter(_WheelToPage(view))
