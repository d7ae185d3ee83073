"""Starting the app: one QApplication, the stylesheet, the saved sheet, the window."""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING

from firstsession import __version__, content, localeinfo, paths, storage
from firstsession.coredumps import forbid_core_dumps

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from firstsession.app.window import MainWindow


def _no_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def stylesheet() -> str:
    try:
        return (paths.resource_dir("ui") / "style.qss").read_text(encoding="utf-8")
    except OSError:
        return ""  # the app still works with the platform's own look


def run(argv: list[str]) -> int:
    """Start the app. ``argv`` may hold ``--smoke-test`` and one file to open (a sheet
    or a counsellor packet), which is opened once the window is up."""
    forbid_core_dumps()  # a crash dump would hold everything typed
    smoke_test = "--smoke-test" in argv
    to_open = next((a for a in argv if not a.startswith("-")), None)
    if _no_display():
        if not smoke_test:
            print("firstsession: no display found: run the app on a desktop "
                  "(or set QT_QPA_PLATFORM=offscreen)", file=sys.stderr)
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # start-up checks on headless machines

    # Start-up makes many objects that live as long as the app (modules, Qt types,
    # the window) and next to no garbage. Python's cycle collector would walk them
    # again and again while they are made, so it rests until the window is shown;
    # then they are frozen (gc.freeze), so later collections skip them too.
    gc.disable()
    try:
        app, window, outcome = _start()
    finally:
        gc.freeze()
        gc.enable()
    if outcome.problem and not outcome.locked:
        # Also in the log (and the smoke test's output), in the words the person sees.
        print(f"firstsession: could not open the saved sheet: {outcome.problem}",
              file=sys.stderr)
    if smoke_test:
        app.processEvents()
        from PySide6.QtCore import QEventLoop

        # The step the window reopened on is built just after the first paint: the smoke
        # test waits for it, so it starts everything a person would see.
        for _ in range(500):
            if not window.restored_page_pending():
                break
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        window.build_restored_page()  # if the window was never painted
        from firstsession.app.appicon import icon_problem

        problem = icon_problem(app)  # a bundle or install missing its icon fails here
        window.close()
        if problem:
            print(f"firstsession: {problem}", file=sys.stderr)
            return 1
        return 0

    def after_start() -> None:
        if outcome.problem:
            from firstsession.app.helpmenu import report_load_problem

            report_load_problem(window, outcome)
        if to_open is not None:
            from pathlib import Path

            from firstsession.app.filemenu import open_sheet

            open_sheet(window, Path(to_open))

    from firstsession.app.lock import locker_of

    locker = locker_of(window)
    if locker is not None and locker.is_locked:  # a file to open waits for the passphrase
        if to_open is not None:
            def open_once() -> None:
                locker.unlocked.disconnect(open_once)
                outcome.problem = None  # "locked" was the only problem
                after_start()

            locker.unlocked.connect(open_once)
    elif outcome.problem or to_open is not None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, after_start)
    return app.exec()


def _start() -> tuple[QApplication, MainWindow, storage.LoadOutcome]:
    """The application and its shown main window, with the saved sheet in it."""
    # Our own pure-Python modules load before Qt: once PySide6.QtCore is imported it
    # hooks every later import (it reads each new module's source), which makes each
    # one slower.
    import importlib  # noqa: F401  (pages are imported by name)

    from firstsession import i18n, labels, progress, steps  # noqa: F401  (window, page, words)

    outcome = storage.load_saved()

    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from firstsession.app.colours import use_look
    from firstsession.app.fonts import fonts_for_start, use_fallback_families
    from firstsession.app.language import start_language
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow

    localeinfo.use_platform_locale(QLocale.system().name())
    app = QApplication.instance() or QApplication(["firstsession"])
    assert isinstance(app, QApplication)
    app.setApplicationName("First Session")
    app.setOrganizationName("firstsession")
    app.setApplicationVersion(__version__)
    start_language()  # the saved choice or the system's: our catalogue and Qt's own words
    the_content = content.load()  # in that language
    _ = the_content.welcome, the_content.countries  # parse what the first page needs
    use_look(app, stylesheet())  # the system's palette, made readable; our stylesheet
    use_fallback_families(app)  # our fonts' names (no files yet): see app/fonts.py
    session = Session(outcome.sheet, the_content)
    fonts_for_start(app, session)  # our fonts now if the first screens need them, else later

    window = MainWindow(session)
    window.show()  # its first paint builds the page of the step it reopened on
    from firstsession.app import lock

    locker = lock.install(window)  # Quick exit, Esc twice, the idle lock
    from firstsession import passphrase

    if outcome.locked or passphrase.is_set():  # the sheet is loaded once the passphrase is given
        locker.start_locked(lambda: _load_unlocked(window))
    return app, window, outcome


def _load_unlocked(window: MainWindow) -> None:
    """Once the passphrase was given at start: the saved sheet into the window (anything
    done while locked, such as a country chosen in the crisis bar, is not saved over it)."""
    outcome = storage.load_saved()
    window.session.reset_without_saving()
    window.session.replace(outcome.sheet)
    if outcome.problem:
        from firstsession.app.helpmenu import report_load_problem

        report_load_problem(window, outcome)
