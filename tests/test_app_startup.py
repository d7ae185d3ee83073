"""Starting the app as a person does: `firstsession --smoke-test` in a whole process.

Start-up speed is measured by bench/bench_startup.py, not here (machines are noisy);
these tests keep the things that make it fast from quietly coming undone.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from firstsession import paths
from firstsession.model import Sheet
from firstsession.sheet_format import sheet_to_dict


def test_smoke_test_starts_the_app_and_exits_0(data_dir: Path) -> None:
    result = run_cli("--smoke-test")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_smoke_test_with_a_saved_sheet(data_dir: Path) -> None:
    sheet = Sheet()
    sheet.about.name = "Sam"
    path = paths.sheet_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(sheet_to_dict(sheet)), encoding="utf-8")
    result = run_cli("--smoke-test")
    assert result.returncode == 0, result.stderr
    assert json.loads(path.read_text(encoding="utf-8"))["about"]["name"] == "Sam"


def test_smoke_test_with_a_corrupt_saved_sheet_still_starts(data_dir: Path) -> None:
    """The app opens; the unreadable file is kept aside, never overwritten."""
    path = paths.sheet_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"{ not json")
    result = run_cli("--smoke-test")
    assert result.returncode == 0, result.stderr
    kept = [p for p in path.parent.iterdir() if p.read_bytes() == b"{ not json"]
    assert kept, "the unreadable sheet must be kept somewhere"


STARTUP_PROBE = """
import gc, json, sys
import PySide6.QtCore as core
from firstsession.cli import main
status = main(["--smoke-test"])
print(json.dumps({
    "status": status,
    "modules": sorted(sys.modules),
    "qt_namespace_built": "Qt" in vars(core),
    "gc_enabled": gc.isenabled(),
}))
"""

LAZY_NAMESPACE_PROBE = """
import PySide6.QtCore as core
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
QLabel("x").show()
print("Qt" in vars(core))
"""


def _python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_start_up_loads_only_what_the_first_page_needs(data_dir: Path) -> None:
    """No PDF engine, no PDF viewer, no other step's page, no menu dialogs at start-up;
    and the cycle collector is running again once the window is up."""
    seen = json.loads(_python(STARTUP_PROBE))
    assert seen["status"] == 0
    modules = set(seen["modules"])
    assert not {m for m in modules if m.startswith(("reportlab", "PySide6.QtPdf", "pypdf"))}
    steps = {m.rsplit(".", 1)[1] for m in modules if m.startswith("firstsession.app.steps.")}
    assert steps == {"base", "welcome"}
    for lazy in ("filemenu", "helpmenu", "packet_editor", "models", "exporting",
                 "preview", "printing", "rendering"):
        assert f"firstsession.app.{lazy}" not in modules
    assert "firstsession.pdf" not in modules and "firstsession.packet" not in modules
    assert not {m for m in modules if m.startswith(("babel", "firstsession.languagetags",
                                                    "firstsession.sheet_merge"))}
    assert seen["gc_enabled"]


def test_start_up_does_not_build_pyside_qt_namespace(data_dir: Path) -> None:
    """PySide builds the ~90 enums of its `Qt` namespace the first time it is used,
    which costs about 30 ms; start-up code sets such values by name instead
    (widgets.set_by_name). Checked only where this PySide builds it lazily."""
    if _python(LAZY_NAMESPACE_PROBE) != "False":
        pytest.skip("this PySide builds the Qt namespace up front")
    seen = json.loads(_python(STARTUP_PROBE))
    assert not seen["qt_namespace_built"], "something on the start-up path uses PySide6.QtCore.Qt"


def test_reopening_on_print_and_export_does_not_build_pyside_qt_namespace(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reopened on "Print and export", the smoke test waits for that page to be built: its
    build (choices, wrapping rows, buttons) sets enum values by name too, so the ~18 ms of
    PySide's `Qt` namespace stay out of the start-up."""
    if _python(LAZY_NAMESPACE_PROBE) != "False":
        pytest.skip("this PySide builds the Qt namespace up front")
    config = tmp_path / "config"
    (config / "firstsession").mkdir(parents=True, mode=0o700)
    (config / "firstsession" / "firstsession.conf").write_text("[window]\nstep=export\n")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    seen = json.loads(_python(STARTUP_PROBE))
    assert seen["status"] == 0
    assert "firstsession.app.steps.export" in seen["modules"]  # the page was built
    assert not seen["qt_namespace_built"], "the export page's build uses PySide6.QtCore.Qt"
