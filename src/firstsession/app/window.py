"""The main window: the step list, the pages, Back and Next, the crisis line.

The layout comes from the Designer form ui/mainwindow.ui (compiled into
``generated/ui_mainwindow.py``). Step pages are imported and built the first time
they are shown, which keeps start-up fast. Menu actions live in ``filemenu`` and
``helpmenu``, which receive this window as a ``shell.MenuHost`` (the few things they may
use, methods in "the menus' host" below) and never import it; this module wires them up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QWidget,
)

from firstsession import i18n, localeinfo
from firstsession.app import countrybox
from firstsession.app.appsettings import settings  # our own file; Qt's kept off disk
from firstsession.app.generated.ui_mainwindow import Ui_MainWindow
from firstsession.app.language import fill_menu, follow_language, remember_place, restore_place
from firstsession.app.session import Session
from firstsession.app.steplist import StepNameDelegate
from firstsession.app.steps.base import StepPage
from firstsession.app.widgets import install_accessibility, set_by_name, step_titles, tab_chain
from firstsession.bidilevels import isolate_numbers
from firstsession.progress import step_has_content
from firstsession.steps import STEP_IDS

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent, QSessionManager  # built when used

    from firstsession.app.exporting import Exporter
    from firstsession.app.packet_editor import PacketEditor
    from firstsession.app.shell import MenuHost
    from firstsession.app.steps.export import ExportStep

# step id -> (module in firstsession.app.steps, class name)
# When the window reopened on a step other than Welcome was first painted, and when that
# step's page was then built (time.time(), seconds): read by bench/bench_startup.py.
START_TIMES: dict[str, float] = {}

STEP_CLASSES: dict[str, tuple[str, str]] = {
    "welcome": ("welcome", "WelcomeStep"),
    "expect": ("expect", "ExpectStep"),
    "feelings": ("feelings", "FeelingsStep"),
    "background": ("background", "BackgroundStep"),
    "questions": ("questions", "QuestionsStep"),
    "therapists": ("therapists", "TherapistsStep"),
    "before": ("before", "BeforeStep"),
    "export": ("export", "ExportStep"),
}



# Qt.ItemDataRole.AccessibleTextRole as a number: start-up code does not touch the
# Qt namespace (see widgets.set_by_name).
ACCESSIBLE_TEXT_ROLE = 11
def next_group(widget: QWidget, groups: tuple[QWidget, ...]) -> int:
    """1 + the index of the first of ``groups`` that holds ``widget``; 0 if none does."""
    for index, group in enumerate(groups):
        if group is widget or group.isAncestorOf(widget):
            return index + 1
    return 0


class MainWindow(QMainWindow):
    def __init__(self, session: Session) -> None:
        super().__init__()
        install_accessibility()
        self.session = session
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        set_by_name(self.ui.stepList, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        set_by_name(self.ui.crisisLabel, "textInteractionFlags", "TextSelectableByMouse")
        self.pages: dict[str, StepPage] = {}
        self._shown_content = session.content  # the content the built pages show
        self.forget_state = False  # set after "Delete all my data": write no settings again
        # The step the app reopens on (other than Welcome) is built just after the window's
        # first paint: the window comes up at once with that step selected, and its page
        # fills in a moment later.
        self._page_after_paint: str | None = None
        self._painted = False
        self._shown_language = i18n.current()  # the language the window's words are in
        follow_language(self, "_retranslate_if_needed")
        self._fill_step_list()
        self._fill_countries()
        self._connect()
        self._show_included_steps()
        self._set_shortcuts()
        self.update_progress()
        self._restore_state()

    # -- steps --------------------------------------------------------------------

    def _fill_step_list(self) -> None:
        titles = step_titles()
        for step_id in STEP_IDS:
            self.ui.stepList.addItem(QListWidgetItem(titles[step_id]))
            self.ui.stepStack.addWidget(QWidget())  # replaced by the page when first shown
        self.ui.stepList.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 16)
        self.ui.stepList.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 22)
        # A long name wraps onto a second line instead of running under the edge with
        # its tick: rows are measured one by one, at the list's width.
        self.ui.stepList.setWordWrap(True)
        self.ui.stepList.setUniformItemSizes(False)
        self.ui.stepList.setItemDelegate(StepNameDelegate(self.ui.stepList))
        set_by_name(self.ui.stepList, "resizeMode", "Adjust")

    def page(self, step_id: str) -> StepPage:
        """The page for a step, built on first use."""
        if step_id not in self.pages:
            module_name, class_name = STEP_CLASSES[step_id]
            module = importlib.import_module(f"firstsession.app.steps.{module_name}")
            page: StepPage = getattr(module, class_name)(self.session)
            page.setObjectName(f"step-{step_id}")
            scroller = QScrollArea()
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QScrollArea.Shape.NoFrame)
            scroller.setAccessibleName(step_titles()[step_id])
            index = STEP_IDS.index(step_id)
            placeholder = self.ui.stepStack.widget(index)
            self.ui.stepStack.insertWidget(index, scroller)
            if placeholder is not None:
                self.ui.stepStack.removeWidget(placeholder)
                placeholder.deleteLater()
            # The page goes in last, once the scroller is in the window: the stylesheet
            # then polishes the page once, not again when the scroller is moved in.
            scroller.setWidget(page)
            self.pages[step_id] = page
        return self.pages[step_id]

    def current_step(self) -> str:
        return STEP_IDS[self.ui.stepList.currentRow()]

    def go_to(self, step_id: str) -> None:
        self.ui.stepList.setCurrentRow(STEP_IDS.index(step_id))

    def included_steps(self) -> tuple[str, ...]:
        """The steps shown: all of them, or those the sheet's counsellor packet includes."""
        packet = self.session.content.packet
        if packet is None:
            return STEP_IDS
        from firstsession.packet import included_steps

        return included_steps(packet)

    def _show_included_steps(self) -> None:
        """Hide the rows of steps a packet leaves out; Back and Next skip them."""
        shown = self.included_steps()
        for row, step_id in enumerate(STEP_IDS):
            self.ui.stepList.item(row).setHidden(step_id not in shown)
        row = self.ui.stepList.currentRow()
        if row >= 0 and STEP_IDS[row] not in shown:
            self.go_to("welcome")
        elif row >= 0:
            self._show_row(row)  # the counter and the buttons follow the shown steps

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        step_id = STEP_IDS[row]
        if step_id != self._page_after_paint:
            if self._page_after_paint is not None:  # went elsewhere before it was built
                self._page_after_paint = None
                self.session.learn_size_soon()
            self.page(step_id)
        self.ui.stepStack.setCurrentIndex(row)
        shown = self.included_steps()
        position = shown.index(step_id) if step_id in shown else 0
        self.ui.backButton.setEnabled(position > 0)
        self.ui.nextButton.setEnabled(position < len(shown) - 1)
        self.ui.stepCounter.setText(self.tr("Step %1 of %2").replace("%1", str(position + 1))
                                    .replace("%2", str(len(shown))))
        self.setWindowTitle(self.tr("First Session") + " \u2013 " + step_titles()[step_id])

    def _move(self, delta: int) -> None:
        shown = self.included_steps()
        current = self.current_step()
        position = shown.index(current) + delta if current in shown else 0
        if 0 <= position < len(shown):
            self.go_to(shown[position])
            from PySide6.QtCore import Qt  # not needed at start-up (see set_by_name)

            # Put the person at the top of the new page, where reading starts.
            shown_page = self.ui.stepStack.currentWidget()
            if shown_page is not None:
                shown_page.setFocus(Qt.FocusReason.OtherFocusReason)

    def update_progress(self) -> None:
        """Mark steps that have something in them, with text as well as a sign."""
        titles = step_titles()
        for row, step_id in enumerate(STEP_IDS):
            item = self.ui.stepList.item(row)
            filled = step_has_content(self.session.sheet, step_id)
            item.setText(titles[step_id] + ("\u00a0\u00a0\u2713" if filled else ""))
            item.setToolTip(titles[step_id])  # the whole name, wherever it is cut
            item.setData(
                ACCESSIBLE_TEXT_ROLE,
                titles[step_id] + (self.tr(", has your answers") if filled else ""),
            )

    # -- the menus' host (shell.MenuHost) --------------------------------------------------

    def dialog_parent(self) -> QWidget:
        """The widget the menus' dialogs belong to: this window."""
        return self

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """One line in the status bar, for ``timeout_ms`` (0: until replaced)."""
        self.ui.statusbar.showMessage(text, timeout_ms)

    def exporter(self) -> Exporter:
        """The export step's PDF actions (its page is built if it was not yet)."""
        page = cast("ExportStep", self.page("export"))
        return page.exporter

    def stop_saving_state(self) -> None:
        """Write no window settings again (after "Delete all my data")."""
        self.forget_state = True

    # -- crisis line ----------------------------------------------------------------

    def _fill_countries(self) -> None:
        countrybox.start(self.ui.countryCombo)  # the whole list on first use
        self._select_country()

    def _select_country(self) -> None:
        code = (self.session.sheet.country or localeinfo.guess_country()).upper()
        country = self.session.content.crisis_shown(code)[-1]  # the person's own
        countrybox.select(self.ui.countryCombo, code,  # named in the UI's language (CLDR)
                          i18n.country_name(code) if country.code == code != "INTL" else "")
        self.update_crisis_line()

    def _country_chosen(self, index: int) -> None:
        # itemData() is untyped (Any); the sheet keeps a str ("" = guess from the system).
        self.session.sheet.country = str(self.ui.countryCombo.itemData(index) or "")
        self.session.touch()
        self.update_crisis_line()

    def update_crisis_line(self) -> None:
        code = str(self.ui.countryCombo.currentData() or "INTL")
        text = countrybox.bar_text(self.session.content, code)
        self.ui.crisisLabel.setText(isolate_numbers(text))  # (555) 014-7700 after Arabic
        self.ui.crisisLabel.setAccessibleName(text)

    # -- wiring -----------------------------------------------------------------------

    def _set_shortcuts(self) -> None:
        """The platform's own shortcuts where it has them, otherwise the usual ones.

        Set here rather than in the form: uic's setShortcut() calls make PySide build
        its whole ``Qt`` namespace at start-up (see widgets.set_by_name).
        """
        ui, key = self.ui, QKeySequence.StandardKey
        shortcuts = [
            (ui.actionNew, key.New, "Ctrl+N"),
            (ui.actionOpen, key.Open, "Ctrl+O"),
            (ui.actionSaveCopy, key.SaveAs, "Ctrl+Shift+S"),
            (ui.actionExportPdf, None, "Ctrl+E"),
            (ui.actionPrint, key.Print, "Ctrl+P"),
            (ui.actionQuit, key.Quit, "Ctrl+Q"),
            (ui.actionUndo, key.Undo, "Ctrl+Z"),
            (ui.actionRedo, key.Redo, "Ctrl+Shift+Z"),
            (ui.actionCut, key.Cut, "Ctrl+X"),
            (ui.actionCopy, key.Copy, "Ctrl+C"),
            (ui.actionPaste, key.Paste, "Ctrl+V"),
            (ui.actionSelectAll, key.SelectAll, "Ctrl+A"),
        ]
        for action, standard, usual in shortcuts:
            keys = QKeySequence.keyBindings(standard) if standard is not None else []
            action.setShortcuts(keys or [QKeySequence(usual)])  # portable text: never translated

    def _connect(self) -> None:
        ui = self.ui
        ui.stepList.currentRowChanged.connect(self._show_row)
        ui.backButton.clicked.connect(lambda: self._move(-1))
        ui.nextButton.clicked.connect(lambda: self._move(1))
        ui.countryCombo.currentIndexChanged.connect(self._country_chosen)
        self.session.changed.connect(self.update_progress)
        # First the pages follow a change of content (a sheet from a packet), then
        # the crisis line does; connections run in this order.
        self.session.reloaded.connect(self._content_maybe_changed)
        self.session.reloaded.connect(self._select_country)
        self.session.saved.connect(self._saved)  # a method: let go when the window is
        self.session.save_failed.connect(self._save_failed)
        self.session.text_refused.connect(self.ui.statusbar.showMessage)
        app = QApplication.instance()
        if isinstance(app, QGuiApplication):
            app.commitDataRequest.connect(self.commit_data)
            app.aboutToQuit.connect(self.session.save_now)  # app.exit(): a last save
        # The menus' modules (file dialogs, message boxes) load on first use; each action
        # gets this window as its MenuHost (mypy checks here that it is one).
        host: MenuHost = self
        menu_actions = {
            ui.actionNew: ("filemenu", "new_sheet"),
            ui.actionOpen: ("filemenu", "open_sheet"),
            ui.actionSaveCopy: ("filemenu", "save_copy"),
            ui.actionExportPdf: ("filemenu", "export_pdf"),
            ui.actionPrint: ("filemenu", "print_pdf"),
            ui.actionBlankHandout: ("filemenu", "blank_handout"),
            ui.actionNewPacket: ("filemenu", "new_packet"),
            ui.actionEditPacket: ("filemenu", "edit_packet"),
            ui.actionPrivacy: ("helpmenu", "show_privacy"),
            ui.actionAbout: ("helpmenu", "show_about"),
            ui.actionDeleteAll: ("helpmenu", "delete_all"),
        }
        for action, (module, function) in menu_actions.items():
            action.triggered.connect(
                lambda _=False, m=module, f=function: getattr(
                    importlib.import_module(f"firstsession.app.{m}"), f)(host)
            )
        ui.actionQuit.triggered.connect(self.close)
        ui.menuLanguage.aboutToShow.connect(
            lambda: fill_menu(ui.menuLanguage, lambda: self.retranslate()))
        edit = {
            ui.actionUndo: "undo",
            ui.actionRedo: "redo",
            ui.actionCut: "cut",
            ui.actionCopy: "copy",
            ui.actionPaste: "paste",
            ui.actionSelectAll: "selectAll",
        }
        for action, method in edit.items():
            action.triggered.connect(lambda _=False, m=method: self._edit(m))

    def _content_maybe_changed(self) -> None:
        """A sheet with other content (from a packet, or none) came in: rebuild the pages.

        Steps read the content when they are built, so pages built for the old
        content are dropped and built again when next shown.
        """
        if self.session.content is self._shown_content:
            return
        self._shown_content = self.session.content
        self._drop_pages()
        self._show_included_steps()  # shows the current step again, or Welcome

    def _drop_pages(self) -> None:
        """Forget every built page: each is built again, from the session, when next shown."""
        for step_id, page in list(self.pages.items()):
            self.session.reloaded.disconnect(page.reload)  # it must not show the new sheet
            index = STEP_IDS.index(step_id)
            old = self.ui.stepStack.widget(index)
            self.ui.stepStack.insertWidget(index, QWidget())
            if old is not None:
                self.ui.stepStack.removeWidget(old)
                old.hide()
                old.deleteLater()
        self.pages.clear()

    # -- language ---------------------------------------------------------------------

    def _retranslate_if_needed(self) -> None:
        """After a switch of language (``language.follow``): show the words again, once.
        Not through changeEvent: handing Python a plain QEvent makes PySide set up the
        class of every kind of event at start-up (see paintEvent)."""
        if self._shown_language != i18n.current():
            self.retranslate()

    def retranslate(self) -> None:
        """Show every word in the language now spoken: menus, the step list and its
        accessible names, Back and Next, the crisis bar, the title, and every page (built
        again from the session, with the content in the new language). The person's
        words live in the session, so nothing typed is lost; the step, the scroll
        position and the focused field stay."""
        self._shown_language = i18n.current()
        self.ui.retranslateUi(self)
        place = remember_place(self.ui.stepStack.currentWidget())
        self.session.refresh_content()
        self._shown_content = self.session.content
        self._drop_pages()
        self._fill_countries()
        self.update_progress()
        self._show_included_steps()
        restore_place(self.ui.stepStack.currentWidget(), place)

    def _edit(self, method: str) -> None:
        """Edit menu items act on whichever text field has the keyboard focus."""
        from PySide6.QtWidgets import QApplication

        widget = QApplication.focusWidget()
        if widget is not None and hasattr(widget, method):
            getattr(widget, method)()

    def _saved(self) -> None:
        self.ui.statusbar.showMessage(self.tr("Saved on this computer"), 4000)

    def _save_failed(self, reason: str) -> None:
        self.ui.statusbar.showMessage(
            self.tr("Could not save just now (%1). Your words are still here; "
                    "try File > Save a copy.").replace("%1", reason)
        )

    # -- keyboard ---------------------------------------------------------------------

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 (Qt's name)
        """Tab goes through the step list, then the page, then Back, Next and the
        country box, whatever order the widgets were made in (pages and their rows
        are built later than the window's own buttons)."""
        ui = self.ui
        # Qt's own chain holds the widgets in the order they were made; a stable
        # sort puts them in the order a person reads the window.
        groups = (ui.stepStack, ui.navBar, ui.crisisBar)

        def place(widget: QWidget) -> int:
            return next_group(widget, groups)

        chain = sorted(tab_chain(self), key=place)
        if not chain:
            return super().focusNextPrevChild(next)
        current = QApplication.focusWidget()
        while current is not None and current not in chain:
            current = current.parentWidget()
        if current is None:
            target = chain[0 if next else -1]
        else:
            target = chain[(chain.index(current) + (1 if next else -1)) % len(chain)]
        from PySide6.QtCore import Qt  # not needed at start-up (see set_by_name)

        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    # -- window state ------------------------------------------------------------------

    def _restore_state(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        step = s.value("window/step", "welcome")
        step = step if step in self.included_steps() else "welcome"
        if step != "welcome":
            self._page_after_paint = step  # built after the first paint (paintEvent)
            self.session.postpone_size()  # learnt once that page is ready
        self.go_to(step)

    def restored_page_pending(self) -> bool:
        """True until the page of the step the app reopened on has been built."""
        return self._page_after_paint is not None

    def build_restored_page(self) -> None:
        """Build the page of the step the app reopened on, now (if not built yet)."""
        step, self._page_after_paint = self._page_after_paint, None
        if step is None:
            return
        self.page(step)
        if self.current_step() == step:
            self.ui.stepStack.setCurrentIndex(STEP_IDS.index(step))
        import time

        START_TIMES["restored page ready"] = time.time()
        self.session.learn_size_soon()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """The first paint: the page of the step the app reopened on is built next.

        An override rather than an event filter: handing a filter a plain QEvent makes
        PySide set up the Python class of every kind of event (about 50) to find its own."""
        super().paintEvent(event)
        if not self._painted and self._page_after_paint is not None:
            import time

            self._painted = True
            START_TIMES["window painted"] = time.time()
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self, self.build_restored_page)

    def save_state(self) -> None:
        """Keep the window's size and step for next time; only what changed is written
        (each change makes QSettings rewrite its file, with a lock file, when closing)."""
        s = settings()
        for key, value in (("window/geometry", self.saveGeometry()),
                           ("window/step", self.current_step())):
            if s.value(key) != value:
                s.setValue(key, value)

    # -- every way out ------------------------------------------------------------------
    # File > Quit, closing this window, app.quit() (Qt sends every window a close
    # event) and the desktop's logout all ask the same questions, and any "Cancel"
    # keeps everything open.

    def open_editors(self) -> list[QDialog]:
        """The counsellor packet editors open over this window.

        Looked for among the app's windows (an editor is a dialog, so a window of its
        own): findChildren(QDialog) would make PySide wrap every widget of every page, and
        set up each one's Python type, to check its class (about 5 ms when closing)."""
        editors = []
        for widget in QApplication.topLevelWidgets():
            if (isinstance(widget, QDialog) and widget.isVisible()
                    and callable(getattr(widget, "may_close", None))
                    and self._owns(widget)):
                editors.append(widget)
        return editors

    def _owns(self, widget: QWidget) -> bool:
        """True when this window is ``widget``'s parent, or its parent's parent, and so on."""
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self:
                return True
            parent = parent.parentWidget()
        return False

    def may_close(self) -> bool:
        """Ask what must be asked before the app goes away; True when nothing is lost.

        Each packet editor with unsaved changes asks "Save the packet?"; then the sheet
        is saved, and if that fails the person is asked before their words are lost.
        """
        for editor in self.open_editors():
            # A PacketEditor, known by its may_close (its module is imported on first use).
            if not cast("PacketEditor", editor).may_close():
                return False
        if not self.session.save_now():
            from firstsession.app.filemenu import confirm_close_unsaved

            return confirm_close_unsaved(self)
        return True

    def commit_data(self, manager: QSessionManager) -> None:
        """The desktop session is ending (logout, shutdown): the same questions as Quit."""
        if not manager.allowsInteraction():
            self.session.save_now()  # no questions allowed: keep what can be kept
            return
        keep_going = self.may_close()
        manager.release()
        if not keep_going:
            manager.cancel()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.may_close():
            event.ignore()
            return
        for editor in self.open_editors():  # each said yes (saved or discarded) just now
            editor.close()
        if not self.forget_state:
            self.save_state()
        event.accept()
