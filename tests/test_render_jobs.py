"""The preview's worker thread outlives the page it rendered for without harm."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import delete

from firstsession.app.rendering import LatestJob, SheetRenders


def test_a_job_that_ends_after_its_page_is_deleted_reports_nothing_and_does_not_crash(
        qtbot: QtBot) -> None:
    """The page is deleted while its render runs: the result is dropped, the process lives."""
    page = QWidget()
    renders = SheetRenders(page)
    jobs = renders.jobs
    started, release, done = threading.Event(), threading.Event(), threading.Event()
    reported: list[object] = []
    jobs.finished.connect(lambda _n, result: reported.append(result))

    def job() -> object:
        started.set()
        release.wait(10)
        return "late"

    jobs.submit(job)
    assert started.wait(10)
    delete(page)  # the page (and the SheetRenders under it) goes while the job runs
    watcher = threading.Thread(target=lambda: (release.set(), done.set()))
    watcher.start()
    watcher.join()
    qtbot.waitUntil(lambda: not jobs.busy())
    qtbot.wait(0)  # deliver anything queued
    assert reported == []


def test_a_job_result_reaches_the_gui_thread(qtbot: QtBot) -> None:
    """The newest job's result is delivered on the GUI thread."""
    jobs = LatestJob()
    holder = QObject()
    seen: list[tuple[object, bool]] = []

    def on_finished(_number: int, result: object) -> None:
        seen.append((result, threading.current_thread() is threading.main_thread()))

    jobs.finished.connect(on_finished)
    with qtbot.waitSignal(jobs.finished, timeout=10_000):
        jobs.submit(lambda: 42)
    assert seen == [(42, True)]
    del holder
