"""One wrapping item delegate and one reorderable list view, shared by the step pages.

``WrapDelegate`` measures an item's text at the width it really gets, so long text
wraps over several lines instead of being cut off; ``ReorderableListView`` is the
person's own list (feelings, questions): Alt+Up / Alt+Down ask to move the current
row, Delete asks to remove it, and it can take drag and drop within itself. The
view only asks (signals): the page moves or removes through its list model
(``models.SheetListModel``), so the buttons, the keys and the mouse do the same.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

ModelIndex = QModelIndex | QPersistentModelIndex


class WrapDelegate(QStyledItemDelegate):
    """Wraps long item text over several lines and makes the row as tall as it needs.

    Tree and list views ask for row heights without a width, so they cannot wrap on
    their own; this delegate measures the text against the view's real width (in a
    tree, the column's width less the indentation in front of column 0). With
    ``mark_role``, column 0 of an item whose ``mark_role`` data is true shows ``mark``
    after its text (the feeling words already chosen get a tick). ``spacious`` rows
    (the default) are measured here, with room for a check box and a third of a line
    (at least 4 pixels) under the text, to tell long entries of one list apart;
    otherwise the style measures the item at its real width, for a dense table of
    words and meanings.
    """

    def __init__(
        self,
        view: QAbstractItemView,
        mark_role: int | None = None,
        mark: str = "",
        *,
        spacious: bool = True,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.mark_role = mark_role
        self.mark = mark
        self.spacious = spacious

    def initStyleOption(  # noqa: N802 (Qt's name)
        self, option: QStyleOptionViewItem, index: ModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if self.mark_role is not None and index.column() == 0 and index.data(self.mark_role):
            option.text += self.mark  # shown where the person looks, and measured with it

    def sizeHint(  # noqa: N802 (Qt's name)
        self, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QSize:
        width = self._cell_width(index)
        if not self.spacious:
            # The style measures the item itself once it knows the real width.
            measured = QStyleOptionViewItem(option)
            measured.rect = QRect(0, 0, max(width, 1), max(option.rect.height(), 1))  # valid
            return super().sizeHint(measured, index)
        base = super().sizeHint(option, index)
        view = self.view
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, opt, view) + 1
        if opt.features & QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator:
            width -= style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, opt, view)
            width -= 2 * margin
        metrics = QFontMetrics(opt.font)
        # A little slack so the measured text never needs more lines than are painted.
        width = max(width - 4 * margin - metrics.averageCharWidth(), metrics.averageCharWidth() * 8)
        bounds = metrics.boundingRect(
            QRect(0, 0, width, 1_000_000), int(Qt.TextFlag.TextWordWrap), opt.text
        )
        padding = max(4, metrics.height() // 3)
        return QSize(min(base.width(), width), max(base.height(), bounds.height() + padding))

    def _cell_width(self, index: ModelIndex) -> int:
        """Pixels across the item's cell: the list's width, or in a tree the column's
        width less the indentation in front of column 0 at the item's depth."""
        view = self.view
        if not isinstance(view, QTreeView):
            return view.viewport().width()
        width = view.columnWidth(index.column())
        if index.column() == 0:  # only the first column is indented
            depth = 1 if view.rootIsDecorated() else 0
            parent = index.parent()
            while parent.isValid():
                depth += 1
                parent = parent.parent()
            width -= depth * view.indentation()
        return width


class ReorderableListView(QListView):
    """The person's own list, in their order: one row at a time, wrapped text.

    Alt+Up / Alt+Down emit ``move_requested`` (-1 up, +1 down); Delete (and Backspace
    with ``backspace_removes``, the Mac's delete key) emits ``remove_requested``, but
    not while a row is being edited. ``drag_to_reorder`` lets the mouse drag rows
    within the list (the model moves them, see ``models.SheetListModel``).
    """

    move_requested = Signal(int)  # -1 up, +1 down
    remove_requested = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        drag_to_reorder: bool = False,
        backspace_removes: bool = False,
    ) -> None:
        super().__init__(parent)
        self.backspace_removes = backspace_removes
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        if drag_to_reorder:
            self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
            self.setDefaultDropAction(Qt.DropAction.MoveAction)
            self.setDropIndicatorShown(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key = event.key()
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
            event.accept()
            return
        remove_keys = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) if self.backspace_removes else (
            Qt.Key.Key_Delete,
        )
        editing = self.state() == QAbstractItemView.State.EditingState
        if key in remove_keys and not alt and not editing:
            self.remove_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
