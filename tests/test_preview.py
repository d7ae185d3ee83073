"""The export step's preview: made off the window's thread, superseded by newer changes,
shown only once the window is up, and never drawn from a page image of another size.

The tests hold ``rendering.render_lock`` (the lock every PDF render takes) to keep a render
"still running" for as long as they need, and wait for signals, never for the clock.
"""

from __future__ import annotations

import os
import signal
from typing import Any

import pytest
from PySide6.QtCore import QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocumentRenderOptions, QPdfPageRenderer

from firstsession import content as content_mod
from firstsession.app import rendering
from firstsession.app.session import Session
from firstsession.app.steps.export import ExportStep
from firstsession.model import SECTIONS, Sheet
from firstsession.sample import sample_sheet

BIG = 1_000_000  # characters: the preview takes about a second to render


@pytest.fixture(scope="module")
def content() -> content_mod.Content:
    return content_mod.load()


def shown_step(qtbot: Any, sheet: Sheet, content: content_mod.Content) -> ExportStep:
    step = ExportStep(Session(sheet, content))
    qtbot.addWidget(step)
    step.resize(900, 1400)
    with qtbot.waitSignal(step.preview_updated, timeout=30_000):
        step.show()
        qtbot.waitExposed(step)
    return step


def big_sheet(content: content_mod.Content) -> Sheet:
    sheet = sample_sheet(content)
    sheet.notes = ("I keep a diary of the week. " * (BIG // 28 + 1))[:BIG]
    return sheet


def event_loop_turns(qtbot: Any) -> None:
    """Returns once the event loop has run a zero-delay timer (fails if it is blocked)."""
    timer = QTimer()
    timer.setSingleShot(True)
    with qtbot.waitSignal(timer.timeout, timeout=5_000):
        timer.start(0)


def test_refresh_renders_while_the_window_keeps_working(qtbot, content) -> None:
    """"Refresh preview" with a 1 MB sheet returns at once; the window goes on handling
    events while the PDF is made, and the new preview appears when it is ready."""
    step = shown_step(qtbot, sample_sheet(content), content)
    step.session.sheet.notes = big_sheet(content).notes
    rendering.render_lock.acquire()  # the render cannot finish while the test holds this
    try:
        qtbot.mouseClick(step.refresh_button, Qt.MouseButton.LeftButton)
        assert step.preview_status.text() == "Updating preview\u2026"
        event_loop_turns(qtbot)
        qtbot.keyClicks(step.view, "x")  # input is handled meanwhile
        event_loop_turns(qtbot)
        before = step.document.pageCount()
    finally:
        rendering.render_lock.release()
    with qtbot.waitSignal(step.preview_updated, timeout=60_000):
        pass
    assert step.document.pageCount() > before


def test_ticking_a_box_during_a_render_shows_only_the_newest_choice(qtbot, content) -> None:
    """A box ticked while an older preview is still being made supersedes it: the older
    result is never shown, and the preview shows the latest choices."""
    step = shown_step(qtbot, sample_sheet(content), content)
    shown: list[int] = []
    step.preview_updated.connect(lambda: shown.append(step.document.pageCount()))
    with rendering.render_lock:
        step.refresh_preview()  # an older render, held at the lock
        for section_id in SECTIONS:
            if section_id != "notes":
                step.section_boxes[section_id].setChecked(False)
        with qtbot.waitSignal(step._debounce.timeout, timeout=5_000):
            pass  # the debounced refresh with the new choices is queued behind it
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    qtbot.waitUntil(lambda: not step._renders.busy(), timeout=30_000)
    event_loop_turns(qtbot)
    assert shown == [1], "only the newest preview (notes only, one page) was shown"


def render_pid(qtbot: Any, step: ExportStep) -> int:
    """The id of the step's render process, once it has one."""
    qtbot.waitUntil(lambda: step._renders.process.pid() is not None, timeout=30_000)
    pid = step._renders.process.pid()
    assert pid is not None
    return pid


def process_gone(pid: int) -> bool:
    """True when no process (not even a zombie) has this id."""
    return not os.path.exists(f"/proc/{pid}")


def test_a_render_process_that_dies_is_explained_and_the_next_refresh_works(
        qtbot, content) -> None:
    """If the process making the PDF ends before it answers (the system ended it), the
    preview says so in plain words, and "Refresh preview" makes it again."""
    step = shown_step(qtbot, sample_sheet(content), content)
    step.session.sheet.notes = big_sheet(content).notes
    pid = render_pid(qtbot, step)
    os.kill(pid, signal.SIGSTOP)  # it cannot answer until it is ended
    with qtbot.waitSignal(step.preview_updated, timeout=30_000):
        step.refresh_preview()
        qtbot.waitUntil(lambda: step._renders.process._running is not None, timeout=10_000)
        os.kill(pid, signal.SIGKILL)
    assert step.preview_status.text() == (
        "The preview could not be made: it was interrupted. "
        "Choose \u201cRefresh preview\u201d to try again.")
    assert process_gone(pid), "the dead process was reaped (no zombie)"
    with qtbot.waitSignal(step.preview_updated, timeout=60_000):
        qtbot.mouseClick(step.refresh_button, Qt.MouseButton.LeftButton)
    assert step.document.pageCount() > 4
    assert step._renders.process.pid() not in (None, pid)


def test_a_newer_change_ends_the_render_still_running_for_older_words(qtbot, content) -> None:
    """A refresh while a long render is still running ends that render's process (its
    result would be thrown away); only the newest preview is shown."""
    step = shown_step(qtbot, sample_sheet(content), content)
    step.session.sheet.notes = big_sheet(content).notes
    shown: list[int] = []
    step.preview_updated.connect(lambda: shown.append(step.document.pageCount()))
    old = render_pid(qtbot, step)
    os.kill(old, signal.SIGSTOP)  # "still running" for as long as the test needs
    step.refresh_preview()
    qtbot.waitUntil(lambda: step._renders.process._running is not None, timeout=10_000)
    step.session.sheet.notes = ""
    for section_id in SECTIONS:
        if section_id != "notes":
            step.section_boxes[section_id].setChecked(False)
    step.section_boxes["notes"].setChecked(True)
    step.refresh_preview()
    assert process_gone(old), "the superseded render's process is ended and reaped"
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    qtbot.waitUntil(lambda: not step._renders.busy(), timeout=30_000)
    event_loop_turns(qtbot)
    assert shown == [1], "only the newest preview was shown"


def test_closing_the_page_ends_its_render_process(qtbot, content) -> None:
    """No render process outlives the export page: closing it ends the process, which
    leaves no zombie behind, even in the middle of a render."""
    step = shown_step(qtbot, sample_sheet(content), content)
    pid = render_pid(qtbot, step)
    os.kill(pid, signal.SIGSTOP)  # "in the middle of a render" for as long as needed
    step.refresh_preview()
    qtbot.waitUntil(lambda: step._renders.process._running is not None, timeout=10_000)
    step.close_renderer()
    assert process_gone(pid)
    step.close()
    step.deleteLater()
    event_loop_turns(qtbot)
    assert step._renders.process.pid() is None


# -- start-up on the export step -------------------------------------------------------------


class _FirstPaint(QObject):
    def __init__(self, order: list[str]) -> None:
        super().__init__()
        self.order = order

    def eventFilter(self, _watched: QObject, event: Any) -> bool:  # Qt's name
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.Paint and "paint" not in self.order:
            self.order.append("paint")
        return False


def test_a_window_reopened_on_the_export_step_renders_after_it_is_up(
        qtbot, content, monkeypatch) -> None:
    """Reopening the app on "Print and export": the window comes up with the step selected,
    its page is built just after the first paint and then shown, and only then is the
    preview rendered (start-up never waits for the page or a PDF)."""
    from firstsession.app.window import MainWindow, settings

    settings().setValue("window/step", "export")
    try:
        order: list[str] = []
        original = ExportStep.refresh_preview

        def recorded(self: ExportStep) -> None:
            order.append("render")
            original(self)

        monkeypatch.setattr(ExportStep, "refresh_preview", recorded)
        window = MainWindow(Session(sample_sheet(content), content))
        qtbot.addWidget(window)
        window.forget_state = True  # closing it at the end must not save the step
        watcher = _FirstPaint(order)
        window.installEventFilter(watcher)
        assert window.current_step() == "export"
        assert "export" not in window.pages, "the page is built after the first paint"
        window.show()
        qtbot.waitUntil(lambda: "export" in window.pages, timeout=10_000)
        page = window.pages["export"]
        assert window.ui.stepStack.currentWidget().widget() is page  # it is what is shown
        assert window.ui.stepList.currentRow() == window.ui.stepStack.currentIndex()
        qtbot.waitUntil(lambda: page.document.pageCount() >= 2, timeout=30_000)
        assert order[:2] == ["paint", "render"]
        assert page.document.pageCount() >= 2
    finally:
        settings().clear()


# -- never a page image made for another size -------------------------------------------------


def page_renderer(step: ExportStep) -> QPdfPageRenderer:
    renderer = step.view.findChild(QPdfPageRenderer)
    assert renderer is not None
    return renderer


def wait_for_sharp_first_page(qtbot: Any, step: ExportStep) -> None:
    """Wait until the view has been given page 1 at the width it shows it at."""
    want = round((step.view.viewport().width() - 12) * step.view.devicePixelRatioF())

    def right_size(page: int, _size: QSize, image: QImage, *_rest: object) -> bool:
        return page == 0 and abs(image.width() - want) <= 2

    with qtbot.waitSignal(page_renderer(step).pageRendered, timeout=30_000,
                          check_params_cb=right_size):
        step.view.viewport().update()
        step.view.viewport().repaint()


def test_a_page_image_made_for_an_old_size_is_rendered_again(qtbot, content) -> None:
    """A page render made for the view's old size that lands after the view changed size
    (as when the window settles while the app starts on this step) is not kept: the page
    is rendered again at the current size and looks exactly as a fresh render does."""
    step = shown_step(qtbot, sample_sheet(content), content)
    wait_for_sharp_first_page(qtbot, step)
    points = step.document.pagePointSize(0)
    # Only page 1's part of the view is compared: the pages below it may still be
    # arriving from QtPdf's render thread, and would make any two grabs differ.
    viewport = step.view.viewport()
    page_height = round((viewport.width() - 12) * points.height() / points.width())
    page_one = QRect(0, 0, viewport.width(), min(viewport.height(), 6 + page_height))
    clean = viewport.grab(page_one).toImage()

    # The renderer delivers an image for a view twice as wide, as a late render would.
    dpr = step.view.devicePixelRatioF()
    wide = round((step.view.viewport().width() - 12) * 2 * dpr)
    size = QSize(wide, round(wide * points.height() / points.width()))
    stale = step.document.render(0, size)

    page_renderer(step).pageRendered.emit(0, size, stale, QPdfDocumentRenderOptions(), 0)

    def looks_clean() -> bool:
        viewport = step.view.viewport()
        viewport.repaint()  # paints what is cached, asking for what is not
        return viewport.grab(page_one).toImage() == clean

    # Generous: on a loaded machine QtPdf's render thread may take seconds to answer.
    qtbot.waitUntil(looks_clean, timeout=30_000)
