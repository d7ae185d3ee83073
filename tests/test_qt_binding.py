"""The Qt binding we install does not corrupt Python's reference counts.

PySide6 6.12.0 drops a reference to None on every call that returns nothing (on
Python 3.11, where None is not immortal), so a long session aborts with
"Fatal Python error: none_dealloc". pyproject.toml pins around it; this guards the pin.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CODE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
app = QApplication([])
edit = QLineEdit()
timer = QTimer()
before = sys.getrefcount(None)
for i in range(20000):
    app.processEvents()
    edit.setText(str(i))
    timer.start(1000)
    timer.stop()
after = sys.getrefcount(None)
assert after >= before - 100, (before, after)
print("ok")
"""


@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None is immortal from Python 3.12 (PEP 683): a lost reference to it changes no "
           "count and cannot crash, so this check could not fail there",
)
def test_many_qt_calls_keep_none_alive() -> None:
    """80,000 void Qt calls leave Python's None (and the process) intact."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
