"""Every platform-specific fact of the bundle, in one place: names, icon formats, Qt parts
left out, the macOS Info.plist, the Debian package's files and dependencies.

Read by packaging/firstsession.spec (PyInstaller) and tools/build_bundle.py. Needs only
the standard library, and Pillow for the .ico and .icns. Only the Linux build is made and
tested on the project's machines; the Windows and macOS lines follow PyInstaller's
documentation and are built by .github/workflows/release.yml, untested here.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

APP_NAME = "First Session"  # the menu, the Dock, the title of the macOS menu bar
EXE_NAME = "firstsession"  # the program inside the bundle, and the Linux command
# Reverse-DNS id of the desktop entry, the AppStream component and the icon theme files;
# the app says the same (app/appicon.py's DESKTOP_FILE_NAME) so Wayland finds its icon.
# A PLACEHOLDER: the project controls no domain yet (firstsession.org is not ours), and no
# code-hosting owner is known to build an honest io.github.<owner> id from. Change it
# (here, app/appicon.py, the packaging/ file names) once the project has a domain.
APP_ID = "org.firstsession.FirstSession"
MAINTAINER = "First Session developers <firstsession@users.noreply.invalid>"
SUMMARY = "Get ready for a first counselling or therapy session"



def platform_key() -> str:
    """``linux``, ``windows`` or ``macos``: the platform this build runs on."""
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


def console() -> bool:
    """Whether the program has a console: on Linux it is both the app and the command line
    (a console flag changes nothing there); Windows and macOS get a windowed app (no black
    console window on a double-click; the command line there is `pip install .`'s)."""
    return platform_key() == "linux"


# PySide6 modules the app never imports (it uses QtCore, QtGui, QtWidgets, QtPdf,
# QtPdfWidgets, QtPrintSupport: `grep -rh "PySide6\\.Qt" src`). PyInstaller collects only
# what is imported, so most never arrive; these are named so that nothing pulls them in
# through a plugin or a hook (QtNetwork comes with QtPdf's hook otherwise, QtQml/QtQuick
# with some of Qt's plugins, QtDBus with the xcb platform theme; the app needs none).
QT_EXCLUDES = [
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSvg", "PySide6.QtSvgWidgets",
    "PySide6.QtMultimedia", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
    "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtDesigner", "PySide6.QtUiTools",
    "PySide6.QtXml", "PySide6.QtHelp", "PySide6.QtCharts", "PySide6.QtDataVisualization",
    "PySide6.Qt3DCore", "PySide6.QtBluetooth", "PySide6.QtPositioning", "PySide6.QtSerialPort",
]
# Qt's own files (plugins and the libraries only they need) the app never loads, as parts
# of their paths inside the bundle. Measured on Linux: 260 MiB before, see README.
QT_FILE_EXCLUDES = [
    # the on-screen keyboard for touch kiosks, and the Qt Quick/QML engine it alone needs
    # (17 MiB); desktop input methods (ibus, compose: Chinese, Japanese, accents) stay
    "libqtvirtualkeyboardplugin", "libQt6VirtualKeyboard", "libQt6Quick", "libQt6Qml",
    # platforms for embedded devices without a desktop (framebuffer, EGL, VNC, Vulkan
    # display) and their input and device plugins; xcb, wayland, offscreen and minimal stay
    "libqeglfs", "libqlinuxfb", "libqminimalegl", "libqvnc", "libqvkkhrdisplay",
    "egldeviceintegrations/", "libQt6EglFs", "plugins/generic/",
]
# Python modules that only the standard library's developer tools use.
PYTHON_EXCLUDES = ["tkinter", "unittest", "pydoc", "doctest", "lib2to3", "idlelib",
                   "test", "pytest", "pytestqt", "hypothesis", "mypy", "ruff", "IPython"]


# Qt's own translations: only Qt's words (``qtbase_<lang>.qm``, app/translator.py) for the
# languages we ship a catalogue for; Qt's tools' files (assistant, designer, linguist...)
# and qt_<lang>.qm (modules we leave out) never load.
QT_TRANSLATIONS = "PySide6/Qt/translations/"


def shipped_languages(package: Path) -> list[str]:
    """The languages with a compiled catalogue in ``package`` (the installed firstsession
    folder): ``locale/<lang>/LC_MESSAGES/firstsession.mo``, e.g. ``["es"]``."""
    return sorted(mo.parents[1].name
                  for mo in package.glob("locale/*/LC_MESSAGES/firstsession.mo"))


def keep_file(path_in_bundle: str, languages: list[str] | None = None) -> bool:
    """False for a Qt file in QT_FILE_EXCLUDES, and for a Qt translation other than
    ``qtbase_<lang>.qm`` of one of ``languages`` (None: every translation is kept).
    ``path_in_bundle`` uses ``/``."""
    if any(part in path_in_bundle for part in QT_FILE_EXCLUDES):
        return False
    if languages is None or QT_TRANSLATIONS not in path_in_bundle:
        return True
    name = path_in_bundle.rsplit("/", 1)[-1]
    return name in {f"qtbase_{lang.replace('-', '_')}.qm" for lang in languages}


def excludes() -> list[str]:
    """Every module the bundle leaves out (PyInstaller's ``excludes``)."""
    return QT_EXCLUDES + PYTHON_EXCLUDES


def icon_file(pngs: Path, out: Path) -> Path | None:
    """The icon file this platform's program carries, made from the PNGs in ``pngs``
    (``firstsession-N.png``) into folder ``out``: ``.ico`` on Windows (16-256 px, the
    sizes Explorer uses), ``.icns`` on macOS (16-512 px), none on Linux (the desktop
    entry names the icon theme's PNGs). Pillow writes both formats on any platform."""
    from PIL import Image

    kind = platform_key()
    if kind == "linux":
        return None
    largest = Image.open(pngs / "firstsession-512.png")
    out.mkdir(parents=True, exist_ok=True)
    if kind == "windows":
        target = out / "firstsession.ico"
        largest.save(target, sizes=[(n, n) for n in (16, 24, 32, 48, 64, 128, 256)])
    else:
        target = out / "firstsession.icns"
        largest.save(target)  # Pillow writes every size the format has from the largest
    return target


def macos_info_plist(version: str) -> dict[str, object]:
    """The app bundle's Info.plist entries: its name in the menu bar and the Finder, and
    the JSON files it opens (Apple's Information Property List Key Reference)."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": APP_ID,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHighResolutionCapable": True,
        "LSApplicationCategoryType": "public.app-category.healthcare-fitness",
        "CFBundleDocumentTypes": [{
            "CFBundleTypeName": "First Session sheet or counsellor packet",
            "CFBundleTypeRole": "Editor",
            "LSItemContentTypes": ["public.json"],
            "LSHandlerRank": "Alternate",
        }],
    }


# -- Linux: the Debian package ------------------------------------------------------------

# Where the package puts the bundle, and the command on PATH that links to its program.
DEB_BUNDLE_DIR = "usr/lib/firstsession"
DEB_COMMAND = "usr/bin/firstsession"
# The .deb's Depends are computed at build time from what the bundle's files link to
# (debian_package.depends: ldd, then `dpkg -S` on the build machine). Libraries a build
# machine without a desktop may lack (so dpkg cannot name their package there) are named
# here with their Debian package; "" for GTK, which only Qt's GTK theme plugin uses,
# loaded only on a GTK desktop, where GTK is present.
DEB_LIBRARY_PACKAGES = {
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libgtk-3.so.0": "",
    "libgdk-3.so.0": "",
}
