"""Shared test set-up: offscreen Qt, and a private data folder and settings per test."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

# Qt must never try to open a real display in tests; QSettings must never touch
# the developer's own settings. Both are set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SETTINGS_HOME = tempfile.mkdtemp(prefix="firstsession-test-config-")
os.environ["XDG_CONFIG_HOME"] = _SETTINGS_HOME
os.environ.setdefault("LANG", "en_US.UTF-8")

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty data folder through FIRSTSESSION_DATA_DIR."""
    folder = tmp_path / "data"
    monkeypatch.setenv("FIRSTSESSION_DATA_DIR", str(folder))
    return folder


def run_cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    """Run ``python -m firstsession ARGS`` as a whole process, as a user would."""
    import subprocess

    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "firstsession", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=120,
    )
