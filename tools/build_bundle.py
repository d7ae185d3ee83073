"""Build First Session's self-contained bundle (PyInstaller, one folder) and, on Linux, its
Debian package, from a clean clone, in one command.

Run: python3 tools/build_bundle.py [--python PY] [--out DIR] [--no-deb] [--onefile]
                                   [--bare SCRIPT]
Without --python it makes its own environment in OUT/venv (`pip install '.[bundle]'`);
with it, PY must already have the `[bundle]` extra's packages (PyInstaller, hatchling).
The package itself is always taken from this tree: built as a wheel and unpacked into
OUT/site, so the bundle holds exactly what `pip install .` would (every package file).
Out (default OUT = build/bundle):
  OUT/dist/firstsession/            the bundle: run OUT/dist/firstsession/firstsession
  OUT/firstsession_VERSION_ARCH.deb the Debian package (Linux; needs dpkg-deb)
--onefile builds OUT/onefile/firstsession, one self-extracting file, instead (measured in
README, not shipped); --bare SCRIPT freezes SCRIPT with the same options (bench/bench_bundle.py).
Platform-specific facts live in packaging/platforms.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))

import platforms  # noqa: E402


def _run(cmd: list[str], **kwargs: object) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def build_environment(out: Path) -> str:
    """OUT/venv with the project's `[bundle]` extra installed; its Python."""
    venv = out / "venv"
    python = venv / ("Scripts/python.exe" if platforms.platform_key() == "windows"
                     else "bin/python")
    if not python.exists():
        _run([sys.executable, "-m", "venv", str(venv)])
    _run([str(python), "-m", "pip", "install", "-q", f"{ROOT}[bundle]"])
    return str(python)


def unpacked_package(python: str, out: Path) -> tuple[Path, str]:
    """This tree built as a wheel and unpacked into OUT/site; that folder and the version."""
    site = out / "site"
    shutil.rmtree(site, ignore_errors=True)
    with tempfile.TemporaryDirectory() as wheels:
        _run([python, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
              "-w", wheels, str(ROOT)])
        (wheel,) = Path(wheels).glob("firstsession-*.whl")
        zipfile.ZipFile(wheel).extractall(site)
    version = wheel.name.split("-")[1]
    return site, version


def freeze(python: str, out: Path, extra: list[str]) -> None:
    """Run PyInstaller on packaging/firstsession.spec into OUT/dist, or OUT/onefile for
    ``--onefile`` (``extra`` goes to the spec)."""
    dist = out / ("onefile" if "--onefile" in extra else "dist")
    _run([python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
          "--distpath", str(dist), "--workpath", str(out / "work"),
          str(PACKAGING / "firstsession.spec"), "--", "--icon-dir", str(out / "icons"),
          *extra])


def folder_size(path: Path) -> int:
    """Bytes in every file under ``path`` (a file: its size)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", help="a Python with the [bundle] extra's packages")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bundle")
    parser.add_argument("--no-deb", action="store_true", help="skip the Debian package")
    parser.add_argument("--onefile", action="store_true", help="one file, not a folder")
    parser.add_argument("--bare", type=Path, help="freeze this script instead (benchmarks)")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    python = args.python or build_environment(out)
    if args.bare:
        freeze(python, out, ["--bare", str(args.bare.resolve())])
        return 0
    site, version = unpacked_package(python, out)
    freeze(python, out, ["--site", str(site), "--version", version,
                         *(["--onefile"] if args.onefile else [])])
    bundle = out / ("onefile" if args.onefile else "dist") / platforms.EXE_NAME
    print(f"bundle: {bundle} ({folder_size(bundle) / 2**20:.1f} MiB)")
    if platforms.platform_key() == "linux" and not args.no_deb and not args.onefile:
        from debian_package import build_deb

        deb = build_deb(bundle, version, out)
        print(f"package: {deb} ({deb.stat().st_size / 2**20:.1f} MiB)")
    print(f"built in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    raise SystemExit(main())
