"""What First Session leaves behind, beyond the files it means to keep: crash dumps,
Qt's own settings files, and PDFs printed to a file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CORE_LIMIT_PROBE = """
import json, sys
from firstsession.cli import main
status = main(sys.argv[1:])
limits = open("/proc/self/limits", encoding="ascii").read() if sys.platform == "linux" else ""
core = next((line for line in limits.splitlines() if line.startswith("Max core file size")), "")
import resource
print(json.dumps({"status": status, "limit": resource.getrlimit(resource.RLIMIT_CORE),
                  "proc": core.split()[4:6]}))
"""


def _allow_core_dumps() -> None:
    """In the child: allow core dumps as a default desktop session might."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_CORE)
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY,) * 2)
    except (OSError, ValueError):
        resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


@pytest.mark.skipif(sys.platform == "win32", reason="core dumps are a POSIX thing")
@pytest.mark.parametrize("args", [["--smoke-test"], ["blank", "-o", "{tmp}/blank.pdf"]],
                         ids=["app", "command line"])
def test_no_core_dump_can_be_written_once_first_session_has_started(
        tmp_path: Path, args: list[str]) -> None:
    """The app and the command line set their core-file limit to 0, soft and hard: a
    crash dump would hold everything typed."""
    import resource

    if resource.getrlimit(resource.RLIMIT_CORE)[1] == 0 and os.geteuid() != 0:
        pytest.skip("core dumps are already forbidden here and cannot be allowed again")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CORE_LIMIT_PROBE, *(a.format(tmp=tmp_path) for a in args)],
        capture_output=True, text=True, env=env, timeout=120, preexec_fn=_allow_core_dumps,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["status"] == 0
    assert seen["limit"] == [0, 0]
    if sys.platform == "linux":
        assert seen["proc"] == ["0", "0"]
