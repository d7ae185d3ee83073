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

from firstsession import paths, storage
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


def _reopen_on_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config"
    (config / "firstsession").mkdir(parents=True, mode=0o700)
    (config / "firstsession" / "firstsession.conf").write_text("[window]\nstep=export\n")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))


def test_reopening_on_print_and_export_loads_its_actions_only_when_used(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export page is built at start-up when the app reopens on it, but its PDF actions
    (file dialogs, the PDF package) and the preview's render process load on first use."""
    _reopen_on_export(tmp_path, monkeypatch)
    seen = json.loads(_python(STARTUP_PROBE))
    assert seen["status"] == 0
    modules = set(seen["modules"])
    assert "firstsession.app.steps.export" in modules
    for lazy in ("exporting", "rendering", "filedialogs", "printing"):
        assert f"firstsession.app.{lazy}" not in modules, lazy
    assert "firstsession.pdf" not in modules


CLASSES_PROBE = """
import json
import PySide6.QtCore as core, PySide6.QtGui as gui, PySide6.QtWidgets as widgets
from firstsession.cli import main
status = main(["--smoke-test"])
set_up = set(vars(core)) | set(vars(gui)) | set(vars(widgets))
print(json.dumps({"status": status, "set_up": sorted(n for n in set_up if n.startswith("Q"))}))
"""

LAZY_CLASSES_PROBE = """
import PySide6.QtWidgets as widgets
print("QStyle" in vars(widgets))
"""

# PySide sets up a class (its Python type and every enum in it) the first time it is used.
# Each of these cost 0.5-6 ms, and start-up has no use for them: QStyle (asked only for a
# step name that wraps), QMessageBox (only when a question is asked), QIcon (made by
# QAction(text, parent)), the ~50 kinds of event a plain event filter sets up, and what
# only a shown PDF or a saved file's path needs (QPainter, QTextLayout and QTextOption of
# BreakAnywhereLabel; QBuffer, QIODevice, QThread and QImage of the preview).
NOT_AT_START_UP = ("QStyle", "QMessageBox", "QIcon", "QGraphicsSceneEvent", "QDragEnterEvent",
                   "QPainter", "QTextLayout", "QTextOption", "QBuffer", "QIODevice", "QThread",
                   "QImage")


@pytest.mark.parametrize("reopened_on", ["welcome", "export"])
def test_start_up_sets_up_no_pyside_class_it_does_not_use(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reopened_on: str
) -> None:
    """Starting on Welcome, or reopened on "Print and export" (its page built), PySide never
    sets up the classes start-up has no use for (see NOT_AT_START_UP)."""
    if _python(LAZY_CLASSES_PROBE) != "False":
        pytest.skip("this PySide sets up its classes up front")
    if reopened_on == "export":
        _reopen_on_export(tmp_path, monkeypatch)
    seen = json.loads(_python(CLASSES_PROBE))
    assert seen["status"] == 0
    assert "QLabel" in seen["set_up"]  # the probe sees the classes that were set up
    assert not set(NOT_AT_START_UP) & set(seen["set_up"])


def test_a_step_name_that_fits_is_measured_as_the_style_would(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    """The step list skips asking the style for the text's room when a name fits on one
    line; at 100% and 200% text and list widths of 90-400 px, every row is the size the
    full measure (the style's own text room) gives, and some rows did wrap."""
    from conftest import NORMAL_POINT_SIZE, app_font
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    from firstsession import content
    from firstsession.app import steplist as window_module
    from firstsession.app.main import stylesheet
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow
    from firstsession.sample import sample_sheet

    differ: list[str] = []
    wrapped: list[str] = []

    class Checked(window_module.StepNameDelegate):
        def sizeHint(self, option, index):  # type: ignore[no-untyped-def]  # noqa: N802
            quick = super().sizeHint(option, index)
            width = max(self.viewport.width() - 2 * self.view.spacing(), 1)
            measured = QStyleOptionViewItem(option)
            measured.rect = QRect(0, 0, width, max(option.rect.height(), 1))
            one_line = window_module.QStyledItemDelegate.sizeHint(self, measured, index)
            self.initStyleOption(measured, index)
            measured.rect = QRect(0, 0, width, one_line.height())
            room = self.view.style().subElementRect(
                QStyle.SubElement.SE_ItemViewItemText, measured, self.view)
            needed = measured.fontMetrics.boundingRect(
                QRect(0, 0, max(room.width() - window_module.ITEM_MARGINS, 1), 1 << 20),
                window_module.TEXT_WORD_WRAP, measured.text)
            full_height = one_line.height() + max(needed.height() - room.height(), 0)
            if (quick.width(), quick.height()) != (min(one_line.width(), width), full_height):
                differ.append(f"{measured.text!r} at {width}px: {quick} vs full {full_height}")
            if full_height > one_line.height():
                wrapped.append(measured.text)
            return quick

    qapp.setStyleSheet(stylesheet())
    try:
        for factor in (1, 2):
            with app_font("Noto Sans", NORMAL_POINT_SIZE * factor):
                window = MainWindow(Session(sample_sheet(), content.load()))
                window.session.autosave_enabled = False
                qtbot.addWidget(window)
                steps = window.ui.stepList
                steps.setItemDelegate(Checked(steps))
                window.resize(1100, 760)
                window.show()
                for width in range(90, 400, 3):  # the list's own width, in pixels
                    steps.setFixedWidth(width)
                    qapp.processEvents()
                    for row in range(steps.count()):
                        steps.visualItemRect(steps.item(row))
                window.close()
    finally:
        qapp.setStyleSheet("")
    assert not differ, differ[:5]
    assert wrapped, "no name wrapped: the full measure was never needed"


def test_closing_rewrites_the_settings_only_when_something_changed(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The window's size and step are written when they change; closing again with the
    same ones leaves the settings file as it was (QSettings would rewrite it whole)."""
    from firstsession import content
    from firstsession.app.appsettings import settings, settings_file
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow
    from firstsession.model import Sheet

    settings().clear()
    window = MainWindow(Session(Sheet(), content.load()))
    window.session.autosave_enabled = False
    qtbot.addWidget(window)
    window.go_to("expect")
    window.save_state()
    path = settings_file()
    first = path.stat()
    assert settings().value("window/step") == "expect"
    window.save_state()
    again = path.stat()
    assert (again.st_ino, again.st_mtime_ns, again.st_size) == (
        first.st_ino, first.st_mtime_ns, first.st_size)
    window.go_to("feelings")
    window.save_state()
    assert settings().value("window/step") == "feelings"
    assert path.stat().st_ino != first.st_ino  # written anew


def test_closing_asks_only_the_packet_editors_open_over_this_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The editors a window asks before closing are the shown packet editors it owns: not a
    hidden one, not one of another window (found among the app's windows)."""
    from firstsession import content
    from firstsession.app.packet_editor import PacketEditor
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow
    from firstsession.model import Sheet

    windows = []
    for _ in range(2):
        window = MainWindow(Session(Sheet(), content.load()))
        window.session.autosave_enabled = False
        qtbot.addWidget(window)
        windows.append(window)
    mine = PacketEditor(content.load(), parent=windows[0])
    hidden = PacketEditor(content.load(), parent=windows[0])
    theirs = PacketEditor(content.load(), parent=windows[1])
    for editor in (mine, theirs):
        qtbot.addWidget(editor)
        editor.show()
    qtbot.addWidget(hidden)
    assert windows[0].open_editors() == [mine]
    assert windows[1].open_editors() == [theirs]


@pytest.mark.parametrize("went_elsewhere", [False, True])
def test_reopened_on_a_step_the_sheet_is_measured_only_once_that_page_is_ready(
        qtbot, qapp, went_elsewhere: bool) -> None:  # type: ignore[no-untyped-def]
    """Reopened on Print and export, the worker that learns the sheet's size starts only
    after that page is built (not during start-up), or once the person went elsewhere."""
    from firstsession import content
    from firstsession.app.appsettings import settings
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow
    from firstsession.sample import sample_sheet

    the_content = content.load()
    settings().clear()
    settings().setValue("window/step", "export")
    window = MainWindow(Session(sample_sheet(the_content), the_content))
    session = window.session
    session.autosave_enabled = False
    qtbot.addWidget(window)
    for _ in range(3):
        qapp.processEvents()  # the turns where the size was learnt before
    assert window.restored_page_pending()
    assert session._job is None and session._size_base is None
    if went_elsewhere:
        window.go_to("welcome")
        assert not window.restored_page_pending()
    else:
        window.show()
        qtbot.waitUntil(lambda: not window.restored_page_pending())
        assert window.page("export").isVisible()
    qtbot.waitUntil(lambda: session._size_base is not None)
    assert session._size_base == len(storage.encode_sheet(session.sheet))
