"""The suite gives the same answers on every machine: one locale, no Qt size settings,
no home, display or time zone of the developer's."""

from __future__ import annotations

import os
import subprocess
import sys

QT_SIZE_SETTINGS = ("QT_SCALE_FACTOR", "QT_SCREEN_SCALE_FACTORS", "QT_FONT_DPI",
                    "QT_STYLE_OVERRIDE", "QT_QPA_PLATFORMTHEME")


def test_every_test_and_child_process_runs_in_one_known_locale() -> None:
    """Tests and the processes they start run under C.UTF-8, whatever the developer's
    LANG, LC_ALL or LC_PAPER say, and without Qt settings that change sizes."""
    assert (os.environ["LANG"], os.environ["LC_ALL"], os.environ["LANGUAGE"]) == (
        "C.UTF-8", "C.UTF-8", ""
    )
    assert [name for name in os.environ if name.startswith("LC_")] == ["LC_ALL"]
    assert not [name for name in QT_SIZE_SETTINGS if name in os.environ]
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
    child = subprocess.run(
        [sys.executable, "-c", "import locale; locale.setlocale(locale.LC_ALL, '');"
         "print(locale.setlocale(locale.LC_MESSAGES), locale.getpreferredencoding())"],
        capture_output=True, text=True, check=True,
    )
    assert child.stdout.split() == ["C.UTF-8", "UTF-8"]


def test_nothing_is_read_from_the_developers_home_display_or_time_zone() -> None:
    """HOME, the XDG folders and the time zone are the suite's own; no display is named."""
    home = os.environ["HOME"]
    assert os.path.basename(home).startswith("firstsession-test-home-")
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        assert os.environ[name].startswith(home + os.sep), name
    assert os.path.basename(os.environ["XDG_CONFIG_HOME"]).startswith("firstsession-test-config-")
    assert not [n for n in os.environ if n.startswith("XDG_") and n.endswith("_DIR")]
    assert "DISPLAY" not in os.environ and "WAYLAND_DISPLAY" not in os.environ
    assert os.environ["TZ"] == "UTC"
