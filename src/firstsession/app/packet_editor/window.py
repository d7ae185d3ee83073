"""The packet editor's dialog: the form beside the preview, the problem box, saving and closing.

What is typed is turned into a ``Packet`` and checked exactly as a packet file is
(``validate_packet``); the first problem is shown in the dialog, with a button that goes
to the field. Only a valid packet is ever written. The preview of the handout follows
the edits after a short pause.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from firstsession import i18n
from firstsession.app.filedialogs import ask_output_path, check_chosen
from firstsession.app.packet_editor.form import PacketForm
from firstsession.app.packet_editor.lists import set_text_quietly
from firstsession.app.packet_editor.preview import HandoutPreview
from firstsession.app.packet_editor.table import field_label
from firstsession.app.widgets import paragraph
from firstsession.content import Content
from firstsession.i18n import N_, _
from firstsession.outputs import OutputError, describe_write_failure, show_path
from firstsession.packet import Logo, Packet, PacketError
from firstsession.packet_format import check_new_packet, save_packet

PREVIEW_DELAY_MS = 800
PREVIEW_READABLE_EM = 36  # the preview beside the tabs is at least this wide (ems)
PACKET_FILTER = N_("Counsellor packet (*.json)")  # translated when the dialog opens


def field_sentence(err: PacketError) -> str:
    """The checker's one line as a sentence, the field named as the form names it:
    "Crisis line 1: contact is empty." """
    message = str(err)
    if err.field and message.startswith(err.field):
        message = field_label(err.field) + message[len(err.field):]
    message = message[:1].upper() + message[1:]
    return message.rstrip(".") + "."


class PacketEditor(QDialog):
    """Make or edit a counsellor packet, with a live preview of the handout.

    Each field's widget is also the editor's attribute the form's table names for it
    (``name``, ``fees``, ``crisis``, ``step_boxes``...); ``preview`` is the handout.
    """

    def __init__(
        self,
        base_content: Content,
        packet: Packet | None = None,
        path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.base_content = base_content
        self.path = path
        self.dirty = False
        self.discarded = False  # "Discard" was chosen for the changes so far
        self._loading = False
        # A new, empty packet is not told off for its empty name before anything is typed.
        self._quiet = packet is None
        self.error: PacketError | None = None
        self.em = self.fontMetrics().horizontalAdvance("M")

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self._language = i18n.current()  # the language the editor's words are in
        self._build()
        self.load(packet or Packet())
        self._update_title()
        self._fit_to_screen()

    def _build(self) -> None:
        """Every widget of the editor, in the language spoken now (empty fields)."""
        outer = QVBoxLayout(self)
        outer.addWidget(paragraph(self.tr(
            "A packet is your practice's own version of First Session. Clients open it in "
            "the app, and you can print it as a handout. Only the practice name is needed; "
            "leave out anything you like."
        ), object_name="hint"))
        outer.addWidget(self._build_problem_box())

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Parts of the packet"))
        bar = self.tabs.tabBar()
        bar.setAccessibleName(self.tr("Parts of the packet"))
        # Every tab's name is always shown whole: no scroll arrows, no "…". The tabs'
        # minimum width is then the whole bar, and the dialog opens wide enough for it.
        bar.setUsesScrollButtons(False)
        bar.setElideMode(Qt.TextElideMode.ElideNone)
        bar.setExpanding(False)
        self.form = PacketForm(self.tabs, self)
        for attr, widget in self.form.widgets.items():
            setattr(self, attr, widget)
        self.problem_notes = self.form.problem_notes
        self.form.edited.connect(self._edited)
        self.preview = HandoutPreview(self.base_content)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        outer.addWidget(self.splitter, 1)
        outer.addLayout(self._build_buttons())

        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in a field must never press a button
        for editor in self.form.lists.values():
            editor.list.currentRowChanged.connect(self._place_problem)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        """After a switch of language the editor shows its words again, once, with
        everything typed kept (see ``retranslate``)."""
        super().changeEvent(event)
        if getattr(self, "_language", i18n.current()) != i18n.current():
            self._language = i18n.current()
            QTimer.singleShot(0, self, self.retranslate)

    def retranslate(self) -> None:
        """Build the editor again in the language spoken now, keeping every field as typed
        (to the letter, spaces too), the list entries, the tab shown and unsaved changes."""
        self._language = i18n.current()
        values = self.form.packet()  # the choices, language, logo and steps
        typed = {path: (editor.text() if isinstance(editor, QLineEdit)
                        else editor.toPlainText())
                 for path, editor in self.form.lines.items()}
        entries = {path: (editor.entries, editor.list.currentRow())
                   for path, editor in self.form.lists.items()}
        tab, dirty = self.tabs.currentIndex(), self.dirty
        old = self.layout()
        if old is not None:
            QWidget().setLayout(old)  # the old widgets go with a throwaway parent
        self.form.deleteLater()
        self._build()
        self._loading = True
        try:
            self.form.load(values)
            for path, text in typed.items():
                set_text_quietly(self.form.lines[path], text)
            for path, (kept, row) in entries.items():
                self.form.lists[path].set_entries(kept)
                self.form.lists[path].list.setCurrentRow(row)
        finally:
            self._loading = False
        self.dirty = dirty
        self.tabs.setCurrentIndex(tab)
        self._update_title()
        self.refresh_preview()

    def _build_problem_box(self) -> QFrame:
        self.problem_box = QFrame()
        self.problem_box.setObjectName("problemBox")
        self.problem_box.setFrameShape(QFrame.Shape.StyledPanel)
        problem = QHBoxLayout(self.problem_box)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.go_to_problem_button = QPushButton(self.tr("&Go to this field"))
        self.go_to_problem_button.setAccessibleName(self.tr("Go to the field to fix"))
        self.go_to_problem_button.clicked.connect(self.go_to_problem)
        problem.addWidget(self.problem_label, 1)
        problem.addWidget(self.go_to_problem_button)
        self.problem_box.hide()
        return self.problem_box

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setAccessibleName(self.tr("Save the packet"))
        self.save_as_button = QPushButton(self.tr("Save &as…"))
        self.save_as_button.setAccessibleName(self.tr("Save the packet as a new file"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the packet editor"))
        self.save_button.clicked.connect(self.save)
        self.save_as_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.status, 1)
        for button in (self.save_button, self.save_as_button, self.close_button):
            buttons.addWidget(button)
        return buttons

    def _fit_to_screen(self) -> None:
        """Open at a size that shows every tab's name and a readable preview beside the
        tabs; where the screen is too narrow for both, the preview goes below the tabs."""
        lines = self.fontMetrics().lineSpacing()
        screen = self.screen() or QApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else None
        layout = self.layout()
        assert layout is not None  # made in __init__
        margins = layout.contentsMargins()
        frame = margins.left() + margins.right() + self.splitter.handleWidth() + self.em * 2
        tabs_width = self.tabs.minimumSizeHint().width()
        side_by_side = tabs_width + PREVIEW_READABLE_EM * self.em + frame
        width = max(self.em * 100, side_by_side)
        height = lines * 40
        if available is not None:
            if side_by_side > available.width():
                self.splitter.setOrientation(Qt.Orientation.Vertical)
            width = min(width, available.width() * 9 // 10)
            height = min(height, available.height())
        width = max(width, self.minimumSizeHint().width())
        self.resize(width, height)
        if self.splitter.orientation() == Qt.Orientation.Horizontal:
            tabs = max(tabs_width + self.em, (width - frame) // 2)
            self.splitter.setSizes([tabs, max(width - frame - tabs, self.em * 22)])
        else:  # the fields first; the preview below them, smaller
            self.splitter.setSizes([height * 3 // 5, height * 2 // 5])

    # -- the packet in and out -------------------------------------------------------------

    @property
    def logo(self) -> Logo | None:
        """The logo as chosen in the editor (None: no logo)."""
        return self.form.logo.logo

    def load(self, packet: Packet) -> None:
        """Show a packet in the fields (nothing is marked as changed)."""
        self._loading = True
        try:
            self.form.load(packet)
        finally:
            self._loading = False
        self.dirty = False
        self.check()
        self.refresh_preview()

    def packet(self) -> Packet:
        """The packet as the fields show it now (not yet checked)."""
        return self.form.packet()

    # -- checking ----------------------------------------------------------------------------

    def check(self) -> Packet | None:
        """Check the packet as typed; show the first problem, or hide the box. None if bad."""
        try:
            packet = check_new_packet(self.packet())  # a country too (format 2)
        except PacketError as err:
            self.error = err
            self._place_problem()
            if self._quiet:
                return None
            self.problem_label.setText(
                self.tr("Not ready to save: %1").replace("%1", field_sentence(err)))
            self.problem_label.setAccessibleName(self.problem_label.text())
            self.go_to_problem_button.setVisible(
                self.form.widget_for(err.field, select=False) is not None)
            self.problem_box.show()
            return None
        self.error = None
        self._place_problem()
        self.problem_box.hide()
        return packet

    def _place_problem(self) -> None:
        """Show the problem (if any) under its field and in that field's description."""
        err = None if self._quiet else self.error
        if err is None:
            self.form.show_problem(None, "")
        else:
            self.form.show_problem(err.field, field_sentence(err))

    def go_to_problem(self) -> None:
        """Show the tab with the field the problem is about and put the keyboard there."""
        self.form.go_to(self.error.field if self.error else None)

    def waiting_message(self) -> str:
        """What the preview says while the packet has a problem: the problem, and where."""
        if self.error is None:
            return ""
        sentence = field_sentence(self.error)
        tab = self.form.tab_title_for(self.error.field)
        if tab:
            return (self.tr("The preview waits until this is fixed, on the %1 tab: %2")
                    .replace("%1", tab).replace("%2", sentence))
        return self.tr("The preview waits until this is fixed: %1").replace("%1", sentence)

    def refresh_preview(self) -> None:
        """Show the handout for the packet as it is now; a packet with a problem is not drawn."""
        self._preview_timer.stop()
        packet = self.check()
        if packet is None:
            self.preview.wait(self.waiting_message())
        else:
            self.preview.show_packet(packet)

    # -- editing ------------------------------------------------------------------------------

    def _edited(self) -> None:
        if self._loading:
            return
        self._quiet = False
        self.dirty = True
        self.discarded = False
        self._update_title()
        self.check()
        self._preview_timer.start()  # restarts: the preview waits for a pause in typing

    def _update_title(self) -> None:
        name = self.path.name if self.path else self.tr("New packet")
        self.setWindowTitle(
            self.tr("Counsellor packet") + " \u2013 " + name + (" *" if self.dirty else "")
        )

    # -- saving and closing ----------------------------------------------------------------

    def save(self) -> bool:
        """Save to the packet's file (asking where the first time). Never writes a bad packet."""
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        """Ask where to save (a new file), then save; False when not saved (a problem in
        the packet, cancelled, or the file could not be written: the person was told)."""
        self._quiet = False
        packet = self.check()
        if packet is None:
            self.go_to_problem()
            return False
        file_name = (packet.practice.name or self.tr("Counsellor packet")) + ".json"
        path = ask_output_path(self, self.tr("Save the counsellor packet"), file_name,
                               _(PACKET_FILTER), suffix=".json", kind="data",
                               problem=self._cannot_save, start=self.path)
        if path is None:
            return False
        return self._write(path)

    def _cannot_save(self, sentence: str) -> None:
        QMessageBox.warning(self, self.tr("Could not save the packet"), sentence)

    def _write(self, path: Path) -> bool:
        self._quiet = False
        packet = self.check()
        if packet is None:
            self.go_to_problem()
            return False
        # The dialog asked about replacing; never our own files, a device or a folder.
        if not check_chosen(path, kind="data", problem=self._cannot_save):
            return False
        try:
            save_packet(packet, path)
        except PacketError as err:
            self._cannot_save(str(err))
            return False
        except OSError as err:
            self._cannot_save(OutputError(describe_write_failure(path, err)).sentence())
            return False
        self.path = path
        self.dirty = False
        self._update_title()
        self.status.setText(self.tr("Saved to %1").replace("%1", show_path(path)))
        return True

    def may_close(self) -> bool:
        """Offer to save unsaved changes (Save, Discard or Cancel); True when the editor
        may close now. Every way out asks this: closing the editor, quitting, closing
        the main window, logging out. Discard is remembered until the next edit."""
        if not self.dirty or self.discarded:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Save the packet?"),
            self.tr("The packet has changes that are not saved. Save them before closing?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self.discarded = True
            return True
        return answer == QMessageBox.StandardButton.Save and self.save()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.may_close():
            event.ignore()
            return
        event.accept()

    def reject(self) -> None:  # Escape closes through closeEvent, so changes are offered
        self.close()
