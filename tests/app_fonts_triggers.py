"""A probe run by tests/test_app_fonts.py in a process of its own: the app started as
main does (with the sheet in FIRSTSESSION_DATA_DIR), then one way text arrives.

argv[1] is the trigger: none, type, input-method, paste, open-packet, edit-packet,
country or system-size (argv[2]: the packet's path). Prints one JSON line: whether our
fonts were registered before the window was built, after the start, and after the
trigger, and whether the trigger's text then draws every glyph.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, Qt
from PySide6.QtGui import QFont, QInputMethodEvent, QKeyEvent, QTextLayout
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from firstsession.app import fonts, main
from firstsession.steps import STEP_IDS

HINDI, KOREAN, AMHARIC = "नमस्ते अनंत", "한국어 상담", "ሰላም ለሁሉም"


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)


def draws_every_glyph(text: str, font: object) -> bool:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine().setLineWidth(1e6)
    layout.endLayout()
    for run in layout.glyphRuns(0, len(text.encode("utf-16-le")) // 2):
        if not run.rawFont().fontTable("cmap") or 0 in run.glyphIndexes():
            return False
    return True


def field(window: object, kind: type) -> object:
    """The first field of ``kind`` on a step page, that page shown."""
    for step in STEP_IDS:
        window.go_to(step)  # type: ignore[attr-defined]
        QApplication.processEvents()
        page = window.ui.stepStack.currentWidget()  # type: ignore[attr-defined]
        found = [w for w in page.findChildren(kind) if w.isVisible() and not w.isReadOnly()]
        if found:
            return found[0]
    raise SystemExit(f"no {kind.__name__} on any page")


def run(trigger: str) -> dict[str, object]:
    app, window, _outcome = main._start()
    at_build = fonts.registration()
    settle(app)
    at_start = fonts.registration()
    text, font = "", window.font()
    extra: dict[str, float] = {}
    if trigger in ("type", "paste"):
        edit = field(window, QLineEdit)
        edit.setFocus()
        settle(app)
        text, font = (HINDI, edit.font()) if trigger == "type" else (KOREAN, edit.font())
        if trigger == "type":  # a Hindi keyboard layout: key events carrying the letters
            for letter in HINDI:  # (QTest.keyClicks only knows ASCII)
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(edit, QKeyEvent(
                        kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, letter))
        else:
            QApplication.clipboard().setText(KOREAN)
            QTest.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert edit.text().endswith(text), edit.text()
    elif trigger == "input-method":
        area = field(window, QPlainTextEdit)
        area.setFocus()
        settle(app)
        text, font = AMHARIC, area.font()
        QApplication.sendEvent(area, QInputMethodEvent("", []))
        event = QInputMethodEvent()
        event.setCommitString(AMHARIC)
        QApplication.sendEvent(area, event)
        assert AMHARIC in area.toPlainText()
    elif trigger == "open-packet":
        from firstsession.app.filemenu import open_sheet

        open_sheet(window, Path(sys.argv[2]))
        assert window.session.sheet.packet is not None
        text = window.session.sheet.packet["practice"]["name"]
    elif trigger == "edit-packet":
        from firstsession.app.filemenu import edit_packet

        editor = edit_packet(window, Path(sys.argv[2]))
        assert editor is not None
        text, font = editor.packet().practice.name, editor.font()
    elif trigger == "system-size":
        # What Qt does when the person changes the system's text size and the app font
        # was never set by hand: a new application font, then ThemeChange to every widget.
        edit = field(window, QLineEdit)
        bigger = QFont(app.font())
        bigger.setPointSizeF(app.font().pointSizeF() * 2)
        app.setFont(bigger)
        for widget in QApplication.allWidgets():
            QApplication.sendEvent(widget, QEvent(QEvent.Type.ThemeChange))
        edit.setText(HINDI)
        text, font = HINDI, edit.font()
        extra = {"size": font.pointSizeF(), "wanted": bigger.pointSizeF()}
    elif trigger == "country":
        us = window.session.content.crisis_for("US")
        korea = us._replace(code="KR", name="Korea", lines=tuple(
            line._replace(name=KOREAN) for line in us.lines))
        countries = [c for c in window.session.content.countries if c.code != "KR"]
        window.session.content.__dict__["countries"] = (*countries, korea)
        from firstsession.app import countrybox

        countrybox.fill(window.ui.countryCombo)  # as on first use
        window.ui.countryCombo.setCurrentIndex(window.ui.countryCombo.findData("KR"))
        text, font = window.ui.crisisLabel.text(), window.ui.crisisLabel.font()
        assert KOREAN in text
    settle(app)
    after = fonts.registration()
    window.forget_state = True
    window.close()
    return {"at_build": at_build is not None, "at_start": at_start is not None,
            "after": after is not None, "text": text,
            "draws": draws_every_glyph(text, font) if text else None, **extra}


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1])))
