"""Nothing First Session does tries the network (issue 15, PRIVACY.md).

Every socket function is made to fail loudly, in this process and, through a
``sitecustomize`` on PYTHONPATH, in every process it starts (the command line, the app's
start-up, the preview's render process): creating an internet socket, connecting, binding,
sending, and looking up a name all raise and are written to a log. Local pipes between our
own processes (AF_UNIX socket pairs, which multiprocessing uses) stay allowed. The tests
pass only if the work succeeded and the log is empty."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import firstsession
from firstsession import content, storage
from firstsession.model import Sheet

SITECUSTOMIZE = r'''
import os, socket, sys

_LOG = os.environ["FIRSTSESSION_NETWORK_LOG"]
_INTERNET = (socket.AF_INET, socket.AF_INET6)


def _tried(what):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {what}\n")
    raise OSError(f"network use forbidden in this test: {what}")


def _audit(event, args):
    if event == "socket.__new__" and args[1] in _INTERNET:
        _tried(f"{event} family={args[1]}")
    if event in ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg",
                 "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                 "socket.getnameinfo"):
        _tried(event)


sys.addaudithook(_audit)


def _refuse(name):
    def refused(*args, **kwargs):
        _tried(name)
    return refused


for _name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname",
              "gethostbyname_ex", "gethostbyaddr", "getnameinfo", "getfqdn"):
    setattr(socket, _name, _refuse(_name))
'''


@pytest.fixture
def network_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A sitecustomize on PYTHONPATH for every child; the log of what was tried."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "network.log"
    log.write_text("")
    source = Path(firstsession.__file__).resolve().parents[1]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(site), str(source)]))
    monkeypatch.setenv("FIRSTSESSION_NETWORK_LOG", str(log))
    yield log


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "firstsession", *args], capture_output=True,
                          text=True, env=dict(os.environ), timeout=300)


def test_the_sitecustomize_really_stops_a_connection(network_log: Path) -> None:
    """The trap works: a child that tries to look up a name fails and is logged."""
    done = subprocess.run([sys.executable, "-c",
                           "import socket; socket.create_connection(('example.org', 80))"],
                          capture_output=True, text=True, env=dict(os.environ), timeout=60)
    assert done.returncode != 0 and "forbidden" in done.stderr
    assert "create_connection" in network_log.read_text()


def test_start_up_export_and_handout_never_touch_the_network(
        network_log: Path, tmp_path: Path) -> None:
    """The app's start-up (smoke test, in English and in Spanish), an export and blank
    handouts (a country's crisis lines, a practice's packet in its language), each a whole
    process with every socket function failing loudly: all succeed, nothing was tried."""
    sample, packet = tmp_path / "sheet.json", tmp_path / "packet.json"
    for args in (["sample", "-o", str(sample)], ["import", str(sample)], ["--smoke-test"],
                 ["--lang", "es", "--smoke-test"],
                 ["export", "-o", str(tmp_path / "out.pdf")],
                 ["export", "--lang", "es", "-o", str(tmp_path / "salida.pdf")],
                 ["blank", "-o", str(tmp_path / "blank.pdf"), "--country", "GB"],
                 ["blank", "-o", str(tmp_path / "mx.pdf"), "--country", "Mexico"],
                 ["sample", "--packet", "-o", str(packet)],
                 ["blank", "--packet", str(packet), "-o", str(tmp_path / "practice.pdf")],
                 ["blank", "-o", str(tmp_path / "form.pdf"), "--fillable"]):
        done = run(*args)
        assert done.returncode == 0, (args, done.stderr)
        assert network_log.read_text() == "", args
    assert (tmp_path / "out.pdf").stat().st_size > 1000


def test_an_encrypted_store_never_touches_the_network(
        network_log: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Setting a passphrase, the locked start-up and an export of the encrypted sheet with a
    password on the PDF, each a whole process with sockets failing: nothing was tried."""
    monkeypatch.setenv("FIRSTSESSION_NEW_PASSPHRASE", "quiet words")
    monkeypatch.setenv("FIRSTSESSION_PASSPHRASE", "quiet words")
    monkeypatch.setenv("FIRSTSESSION_PDF_PASSWORD", "pdf words")
    sample = tmp_path / "sheet.json"
    for args in (["sample", "-o", str(sample)], ["import", str(sample)],
                 ["passphrase", "set"], ["--smoke-test"],
                 ["export", "--password", "-o", str(tmp_path / "locked.pdf")]):
        done = run(*args)
        assert done.returncode == 0, (args, done.stderr)
        assert network_log.read_text() == "", args
    assert (tmp_path / "locked.pdf").read_bytes().count(b"/Encrypt") >= 1


def test_the_preview_never_touches_the_network(qtbot, network_log: Path,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The export step's preview (rendered in a separate process) with sockets failing in
    this process and in the render process: the preview is made, nothing was tried."""
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow

    tried: list[str] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def refused(*args: object, **kwargs: object) -> None:
            tried.append(name)
            raise OSError(f"network use forbidden in this test: {name}")
        return refused

    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyaddr"):
        monkeypatch.setattr(socket, name, refuse(name))
    real_socket = socket.socket

    class NoInternetSocket(real_socket):  # type: ignore[misc,valid-type]
        def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
            if family in (-1, socket.AF_INET, socket.AF_INET6):
                tried.append(f"socket family={family}")
                raise OSError("network use forbidden in this test")
            super().__init__(family, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "socket", NoInternetSocket)
    sheet = Sheet(notes="words for the preview")
    storage.save_sheet(sheet)
    window = MainWindow(Session(sheet, content.load()))
    qtbot.addWidget(window)
    window.show()
    window.go_to("export")
    page = window.page("export")
    with qtbot.waitSignal(page.preview_updated, timeout=60_000):
        page.refresh_preview()
    assert page._renders.process.pid() is not None  # the render process really ran
    assert tried == [] and network_log.read_text() == ""
    assert "PySide6.QtNetwork" not in sys.modules
