"""The side list's rows: step names measured at the list's width, so a long name wraps."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget
from shiboken6 import isValid

TEXT_WORD_WRAP = 0x1000  # Qt.TextFlag.TextWordWrap as a number: start-up code does not touch Qt
ITEM_MARGINS = 2 * 4 + 2  # a step row's left and right margins in ui/style.qss, and a focus frame


class StepNameDelegate(QStyledItemDelegate):
    """Step names measured at the list's width, so a long name (with its tick) wraps onto
    another line instead of running under the list's edge. Qt measures list rows as if
    the list were endlessly wide."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        # The list's viewport by its object name: view.viewport() would make PySide look
        # through every QWidget class for its type (about 10 ms before the first paint).
        found = view.findChild(QWidget, "qt_scrollarea_viewport")
        self.viewport = found if found is not None else view.viewport()

    def sizeHint(  # Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if not isValid(self.viewport):  # PySide can drop that wrapper: ask the view again
            self.viewport = self.view.viewport()
        width = max(self.viewport.width() - 2 * self.view.spacing(), 1)
        measured = QStyleOptionViewItem(option)
        measured.rect = QRect(0, 0, width, max(option.rect.height(), 1))
        one_line = super().sizeHint(measured, index)
        if one_line.width() + ITEM_MARGINS <= width:
            # The name fits on one line, margins and all. Asked no further: PySide sets up
            # QStyle's Python class (~10 enums, 6 ms) the first time a style reaches Python.
            return one_line
        from PySide6.QtWidgets import QStyle  # see above: only for a name that wraps

        # The room the style really gives the text (the stylesheet's padding taken off),
        # and the lines the name needs in it.
        self.initStyleOption(measured, index)
        measured.rect = QRect(0, 0, width, one_line.height())
        room = self.view.style().subElementRect(
            QStyle.SubElement.SE_ItemViewItemText, measured, self.view
        )
        # Less the item's margins (ui/style.qss), which the style's text rect leaves in.
        usable = room.width() - ITEM_MARGINS
        needed = measured.fontMetrics.boundingRect(
            QRect(0, 0, max(usable, 1), 1 << 20), TEXT_WORD_WRAP, measured.text
        )
        return QSize(min(one_line.width(), width),
                     one_line.height() + max(needed.height() - room.height(), 0))
