"""Starting the app: one QApplication, the stylesheet, the saved sheet, the window."""

from __future__ import annotations

import os
import sys

from firstsession import __version__, content, paths, storage


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
    smoke_test = "--smoke-test" in argv
    to_open = next((a for a in argv if not a.startswith("-")), None)
    if _no_display():
        if not smoke_test:
            print("firstsession: no display found: run the app on a desktop "
                  "(or set QT_QPA_PLATFORM=offscreen)", file=sys.stderr)
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # start-up checks on headless machines

    # Our own pure-Python modules load before Qt: once PySide6.QtCore is imported it
    # hooks every later import, which makes each one slower.
    import html  # noqa: F401  (used by the first page)
    import importlib  # noqa: F401  (pages are imported by name)

    sheet_outcome = storage.load_saved()
    the_content = content.load()
    _ = the_content.welcome, the_content.countries  # parse what the first page needs

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow

    app = QApplication.instance() or QApplication(["firstsession"])
    assert isinstance(app, QApplication)
    app.setApplicationName("First Session")
    app.setOrganizationName("firstsession")
    app.setApplicationVersion(__version__)
    app.setStyleSheet(stylesheet())

    outcome = sheet_outcome
    session = Session(outcome.sheet, the_content)
    window = MainWindow(session)
    window.show()
    if smoke_test:
        app.processEvents()
        window.close()
        return 0
    def after_start() -> None:
        if outcome.problem:
            from firstsession.app.helpmenu import report_load_problem

            report_load_problem(window, outcome)
        if to_open is not None:
            from pathlib import Path

            from firstsession.app.filemenu import open_sheet

            open_sheet(window, Path(to_open))

    if outcome.problem or to_open is not None:
        QTimer.singleShot(0, after_start)
    return app.exec()
