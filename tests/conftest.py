"""Shared test set-up: offscreen Qt, one known locale, fonts a test loads itself, and a
private data folder and settings per test.

Nothing here may depend on what a developer's machine happens to have: their display,
locale, Qt settings or installed fonts. A fresh machine (only the DejaVu fonts, LANG=C.UTF-8)
must give the same answers (see .ci/run).
"""

from __future__ import annotations

import locale
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest

# Qt must never try to open a real display in tests; QSettings must never touch
# the developer's own settings. Both are set before anything imports Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
for _name in ("DISPLAY", "WAYLAND_DISPLAY"):  # the app's own headless check reads them
    os.environ.pop(_name, None)
# A home of our own: nothing is read from (or written to) the developer's home, its
# Documents folder, its fonts (~/.local/share/fonts) or its caches; a test that wants a
# particular home sets HOME itself. XDG_*_DIR names (a Documents folder elsewhere) go too.
_HOME = tempfile.mkdtemp(prefix="firstsession-test-home-")
for _name in [name for name in os.environ
              if name.startswith("XDG_") and name.endswith(("_DIR", "_HOME"))]:
    del os.environ[_name]
_SETTINGS_HOME = tempfile.mkdtemp(prefix="firstsession-test-config-")
os.environ.update(HOME=_HOME, XDG_CONFIG_HOME=_SETTINGS_HOME,
                  XDG_DATA_HOME=os.path.join(_HOME, ".local", "share"),
                  XDG_CACHE_HOME=os.path.join(_HOME, ".cache"),
                  XDG_STATE_HOME=os.path.join(_HOME, ".local", "state"))
# One time zone: "today" (crisis numbers checked more than a year ago) is the same date
# everywhere the suite runs at the same moment.
os.environ["TZ"] = "UTC"
time.tzset()

# One locale for every test and every process a test starts, whatever the developer's
# own is: a stray LC_ALL or LC_PAPER would change the guessed country, the paper and the
# crisis line. C.UTF-8 is what a fresh machine has (and every glibc system); a test that
# wants a country sets it itself.
for _name in [name for name in os.environ if name.startswith("LC_")]:
    del os.environ[_name]
os.environ.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", LANGUAGE="")
with suppress(locale.Error):  # a system without C.UTF-8 keeps its own for this process
    locale.setlocale(locale.LC_ALL, "")  # this process too, not only the children
# Qt settings from the environment that change sizes or looks: scaling, forced DPI, style.
for _name in ("QT_SCALE_FACTOR", "QT_SCREEN_SCALE_FACTORS", "QT_AUTO_SCREEN_SCALE_FACTOR",
              "QT_ENABLE_HIGHDPI_SCALING", "QT_FONT_DPI", "QT_STYLE_OVERRIDE",
              "QT_QPA_PLATFORMTHEME"):
    os.environ.pop(_name, None)

SRC = Path(__file__).resolve().parents[1] / "src"

# Fonts a layout test measures with, loaded by the test itself (never whatever fontconfig
# picks for "Sans Serif": with only DejaVu installed and no fontconfig rules that can be
# DejaVu Math TeX Gyre). The bundled Noto Sans is always there; DejaVu Sans is on every
# Linux machine of ours, and a test using it is skipped, saying so, where it is not.
DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
LAYOUT_FONTS = ("Noto Sans", "DejaVu Sans")
# "Normal" text for layout tests, in points: a common desktop default (Qt's own is 9).
NORMAL_POINT_SIZE = 10.0


def font_files(family: str) -> list[Path]:
    """The regular and bold files of a layout font (bold for headings); [] if not here."""
    if family == "Noto Sans":
        import firstsession

        folder = Path(firstsession.__file__).resolve().parent / "fonts"
        files = [folder / "NotoSans-Regular.ttf", folder / "NotoSans-Bold.ttf"]
    elif family == "DejaVu Sans":
        files = [DEJAVU_DIR / "DejaVuSans.ttf", DEJAVU_DIR / "DejaVuSans-Bold.ttf"]
    else:
        raise ValueError(f"not a layout font: {family}")
    return files if all(f.is_file() for f in files) else []


@contextmanager
def app_font(family: str, point_size: float) -> Iterator[None]:
    """Make ``family`` at ``point_size`` points the application's font, loaded from its
    files, and put the previous font back afterwards. Skips the test if the files are
    missing; fails if Qt would draw with another font."""
    from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
    from PySide6.QtWidgets import QApplication

    files = font_files(family)
    if not files:
        pytest.skip(f"{family} is not installed on this machine ({DEJAVU_DIR})")
    app = QApplication.instance()
    assert isinstance(app, QApplication), "use the qapp fixture first"
    ids = [QFontDatabase.addApplicationFont(str(f)) for f in files]
    assert -1 not in ids, f"Qt could not load {files}"
    before = app.font()
    font = QFont(family)
    font.setPointSizeF(point_size)
    assert QFontInfo(font).family() == family, f"Qt would draw with {QFontInfo(font).family()}"
    app.setFont(font)
    try:
        yield
    finally:
        app.setFont(before)
        for font_id in ids:
            QFontDatabase.removeApplicationFont(font_id)


@pytest.fixture(params=LAYOUT_FONTS)
def layout_font(request: pytest.FixtureRequest, qapp: object) -> str:
    """Each layout font in turn (a parametrized test), loaded by the test; its family name.
    The font is not yet the app's: use ``with app_font(layout_font, size)``."""
    family: str = request.param
    if not font_files(family):
        pytest.skip(f"{family} is not installed on this machine ({DEJAVU_DIR})")
    return family


@pytest.fixture
def normal_app_font(qapp: object) -> Iterator[None]:
    """The bundled Noto Sans at the normal size as the app's font for the whole test."""
    with app_font("Noto Sans", NORMAL_POINT_SIZE):
        yield


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


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Warning message boxes are recorded (their text) instead of shown."""
    from PySide6.QtWidgets import QMessageBox, QWidget

    shown: list[str] = []

    def record(_parent: QWidget, _title: str, text: str, *args: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", record)
    return shown


class AnswerDialogs(list[Any]):
    """Answers the modal dialogs of ``kind`` that open, in turn, as a person would.

    ``answers`` are callables given each dialog; once the last has been used the watch
    stops. The list itself holds, for each dialog answered, ``note(dialog)`` (by default
    a message box's text, another dialog's title), taken before the answer (the dialog
    is gone afterwards).

    A test that waits for a dialog fails instead of hanging: if none has come after
    ``timeout_ms`` milliseconds, whatever modal window is open instead is closed so that
    its ``exec()`` returns, and ``problem`` says so; an answer that raises closes its
    dialog too. ``assert_answered()`` checks every expected dialog came.
    """

    def __init__(self, kind: type, *answers: Callable[[Any], object],
                 note: Callable[[Any], Any] | None = None, timeout_ms: int = 30_000) -> None:
        from PySide6.QtCore import QDeadlineTimer, QTimer

        super().__init__()
        assert answers, "say how to answer the dialog"
        self.kind = kind
        self.answers = list(answers)
        self.expected = len(answers)
        self.note = note or (lambda dialog: getattr(dialog, "text", dialog.windowTitle)())
        self.problem = ""
        self._deadline = QDeadlineTimer(timeout_ms)
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        from PySide6.QtWidgets import QApplication

        for widget in QApplication.topLevelWidgets():
            if (isinstance(widget, self.kind) and widget.isVisible()
                    and not widget.property("answered-by-test")):
                widget.setProperty("answered-by-test", True)
                answer = self.answers.pop(0)
                if not self.answers:
                    self._timer.stop()
                try:
                    self.append(self.note(widget))
                    answer(widget)
                except BaseException:
                    self._timer.stop()
                    widget.close()  # fail, never hang on a dialog left open
                    raise
                return
        if self._deadline.hasExpired():
            self._timer.stop()
            self.problem = f"no {self.kind.__name__} opened in time"
            other = QApplication.activeModalWidget()
            if other is not None:
                self.problem += f"; {type(other).__name__} {other.windowTitle()!r} was open"
                other.close()

    def stop(self) -> None:
        """Stop watching (for a test that expects no dialog)."""
        self._timer.stop()

    def assert_answered(self) -> list[Any]:
        """Fails unless every expected dialog came and was answered; their notes."""
        self._timer.stop()
        assert not self.problem, self.problem
        assert len(self) == self.expected, (
            f"{len(self)} of {self.expected} {self.kind.__name__} dialogs opened")
        return list(self)


def click_button(text: str) -> Callable[[Any], None]:
    """An answer for ``AnswerDialogs``: click the message box's button whose text holds
    ``text`` (a standard button's name such as "Ok" works too)."""

    def answer(box: Any) -> None:
        from PySide6.QtWidgets import QMessageBox

        standard = getattr(QMessageBox.StandardButton, text, None)
        button = box.button(standard) if standard is not None else None
        if button is None:
            button = next(b for b in box.buttons() if text in b.text())
        button.click()

    return answer


# -- the step pages: one session, one page builder, one reader of the saved sheet -------


@pytest.fixture(scope="module")
def content():  # type: ignore[no-untyped-def]
    """The app's own content (questions, prompts, crisis lines), loaded once a module."""
    from firstsession import content as content_mod

    return content_mod.load()


@pytest.fixture
def sheet():  # type: ignore[no-untyped-def]
    """The sheet a step test starts from: empty, unless the test module overrides it."""
    from firstsession.model import Sheet

    return Sheet()


def new_session(sheet: Any, content: Any) -> Any:
    """The app's session on ``sheet``. It saves only when the test asks (``saved_sheet``),
    never on the autosave timer, so what is on disk is what the test saved."""
    from firstsession.app.session import Session

    made = Session(sheet, content)
    made.autosave_enabled = False
    return made


@pytest.fixture
def session(sheet, content):  # type: ignore[no-untyped-def]
    """The session on the module's ``sheet`` (see ``new_session``)."""
    return new_session(sheet, content)


@pytest.fixture
def make_page(qtbot, session, content):  # type: ignore[no-untyped-def]
    """Builds a step page as the window does, on the ``session`` fixture or on a new
    session for ``sheet``: ``make_page(StepClass, sheet=None, size=(width, height),
    show=True)``; ``size=None`` keeps the page's own size; shown pages are exposed
    before the test goes on."""

    def make(step_class: type, *, sheet: Any = None, size: tuple[int, int] | None = (1000, 700),
             show: bool = True) -> Any:
        page = step_class(session if sheet is None else new_session(sheet, content))
        qtbot.addWidget(page)
        if size is not None:
            page.resize(*size)
        if show:
            page.show()
            qtbot.waitExposed(page)
        return page

    return make


def saved_sheet(session: Any = None) -> Any:
    """The sheet as it is on disk now; with ``session``, saved first (and the save must
    succeed)."""
    from firstsession import paths, storage

    if session is not None:
        assert session.save_now()
    return storage.read_sheet_file(paths.sheet_path())


@pytest.fixture(autouse=True)
def no_passphrase_left() -> Iterator[None]:
    """No test leaves a passphrase's key unlocked for the next one (vault's session key)."""
    yield
    from firstsession import vault

    vault.forget()


def open_country_list(qtbot: Any, window: Any) -> Any:
    """Click the window's country box as a person does, so its whole list is built (on
    first use), then close the list; returns the box (a QComboBox) for the test to use."""
    from PySide6.QtCore import Qt

    combo = window.ui.countryCombo
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: combo.count() > 2)
    combo.hidePopup()
    return combo
