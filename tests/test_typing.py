"""Strict mypy covers the whole package, the app included (only pyside6-uic output is not read)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "firstsession"
GENERATED = "firstsession.app.generated.*"


def _mypy_config() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        config: dict[str, Any] = tomllib.load(f)["tool"]["mypy"]
    return config


def test_mypy_config_holds_every_module_but_generated_code_to_strict() -> None:
    """pyproject's [tool.mypy] is strict, excludes nothing, and relaxes nothing but the
    generated form code: no app module is skipped or silently typed as Any."""
    config = _mypy_config()
    assert config["strict"] is True
    assert config["files"] == ["src/firstsession"]
    assert "exclude" not in config
    assert "follow_imports" not in config
    for override in config.get("overrides", []):
        modules = override["module"]
        modules = [modules] if isinstance(modules, str) else modules
        assert modules == [GENERATED], f"a relaxed module outside generated code: {modules}"
        assert set(override) == {"module", "ignore_errors"}, override


def test_the_whole_package_passes_strict_mypy(tmp_path: Path) -> None:
    """`mypy` (the project's command, no arguments) reads every module of the package,
    the app's widgets included, and finds no error."""
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    checked = re.search(r"no issues found in (\d+) source files", run.stdout)
    assert checked is not None, run.stdout
    assert int(checked.group(1)) == len(list(PACKAGE.rglob("*.py")))
