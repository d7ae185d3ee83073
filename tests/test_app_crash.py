"""After the app is killed, restarting shows everything typed up to the last autosave."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from firstsession import storage

TYPIST = textwrap.dedent(
    """
    import os, signal, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPlainTextEdit
    from PySide6.QtTest import QTest
    from firstsession import content, storage
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow

    app = QApplication([])
    window = MainWindow(Session(storage.load_saved().sheet, content.load()))
    window.show()
    window.go_to("before")
    area = [w for w in window.page("before").findChildren(QPlainTextEdit)
            if "nervous" in w.accessibleName().lower()][0]
    area.setFocus()
    QTest.keyClicks(area, "What if I freeze up?")
    # Killed as soon as the autosave (on its own timer, nothing asks for it) has written
    # the words; a save that never comes ends the child with status 3 instead.
    def crash() -> None:
        print("typed", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # no closeEvent, no clean exit: a crash

    window.session.saved.connect(crash)
    QTimer.singleShot(60_000, lambda: app.exit(3))
    sys.exit(app.exec())
    """
)


def test_killed_app_keeps_what_was_typed(data_dir: Path) -> None:
    """Typing, then SIGKILL right after the autosave wrote (no save asked for): a fresh
    start finds every word."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join(sys.path))
    result = subprocess.run([sys.executable, "-c", TYPIST], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == -signal.SIGKILL, (result.returncode, result.stderr[-2000:])
    assert "typed" in result.stdout
    outcome = storage.load_saved()
    assert outcome.problem is None
    assert outcome.sheet.nervous_questions == "What if I freeze up?"
