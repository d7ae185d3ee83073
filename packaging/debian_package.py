"""The Debian package (.deb) of the Linux bundle, laid out by hand and built with dpkg-deb.

Layout (the Filesystem Hierarchy Standard and the freedesktop.org specifications):
  usr/lib/firstsession/                      the PyInstaller bundle
  usr/bin/firstsession                       a link to its program
  usr/share/applications/APP_ID.desktop      the menu entry (opens our .json files)
  usr/share/metainfo/APP_ID.metainfo.xml     AppStream metadata (software centres)
  usr/share/mime/packages/APP_ID.xml         our .json files' MIME types
  usr/share/icons/hicolor/NxN/apps/APP_ID.png, scalable/apps/APP_ID.svg
  usr/share/doc/firstsession/copyright       licences (the code, the fonts)
No maintainer scripts: Debian's desktop-file-utils, shared-mime-info and hicolor-icon-theme
packages refresh their caches through dpkg triggers when these folders change.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import platforms

ICONS = platforms.ROOT / "src" / "firstsession" / "icons"


def architecture() -> str:
    """Debian's name for this machine's architecture (``amd64``, ``arm64``...)."""
    return subprocess.run(["dpkg", "--print-architecture"], check=True, capture_output=True,
                          text=True).stdout.strip()


def _elf_files(bundle: Path) -> list[Path]:
    """Every ELF file (program, library, plugin) in the bundle folder."""
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def system_libraries(bundle: Path) -> dict[str, str | None]:
    """Every library the bundle's ELF files load from outside the bundle (``ldd``, so the
    libraries those libraries need too): soname -> its real path on this machine, or None
    when this machine lacks it. Raises subprocess.CalledProcessError if ldd fails."""
    inside = str(bundle.resolve())
    found: dict[str, str | None] = {}
    for path in _elf_files(bundle):
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True)
        for line in result.stdout.splitlines():
            if "=>" not in line:
                continue  # the loader itself, linux-vdso: not files a package provides
            name, target = (part.strip() for part in line.split("=>", 1))
            if "not found" in target:
                found.setdefault(name, None)
                continue
            real = os.path.realpath(target.split(" (")[0])
            if not real.startswith(inside):
                found[name] = real
    return found


def _glibc_needed(bundle: Path) -> str:
    """The newest ``GLIBC_2.N`` symbol version any ELF file in the bundle asks for."""
    versions = set()
    for path in _elf_files(bundle):
        versions.update(re.findall(rb"GLIBC_2\.(\d+)(?:\.\d+)?\x00", path.read_bytes()))
    return f"2.{max(int(v) for v in versions)}" if versions else "2.17"


def depends(bundle: Path) -> list[str]:
    """The Debian packages the bundle needs, like dpkg-shlibdeps: the package of each
    library it loads from the system (``dpkg -S`` on this build machine), the ones this
    machine lacks from platforms.DEB_LIBRARY_PACKAGES, libc6 with the newest glibc symbol
    version used. Raises KeyError for a missing library with no package named there, and
    RuntimeError for a library no installed package owns."""
    libraries = system_libraries(bundle)
    packages: set[str] = set()
    paths = {}
    for name, real in libraries.items():
        if real is None:
            if platforms.DEB_LIBRARY_PACKAGES[name]:
                packages.add(platforms.DEB_LIBRARY_PACKAGES[name])
        else:
            paths[real] = name
    # A merged /usr: dpkg knows the file by the path its package ships (/lib/... or /usr/lib/...).
    queries = [*paths, *(p.replace("/usr/lib/", "/lib/", 1) for p in paths)]
    result = subprocess.run(["dpkg", "-S", *queries], capture_output=True, text=True)
    owners: dict[str, str] = {}
    for line in result.stdout.splitlines():
        package, _, path = line.partition(": ")
        owners[path.strip()] = package.split(",")[0].split(":")[0].strip()
    for real in paths:
        owner = owners.get(real) or owners.get(real.replace("/usr/lib/", "/lib/", 1))
        if owner is None:
            raise RuntimeError(f"no installed package owns {real} (needed: {paths[real]})")
        packages.add(owner)
    packages.discard("libc6")
    return sorted(packages) + [f"libc6 (>= {_glibc_needed(bundle)})"]


def control(version: str, installed_kib: int, needs: list[str]) -> str:
    """The DEBIAN/control file (Debian Policy, section 5.3)."""
    return (
        f"Package: {platforms.EXE_NAME}\n"
        f"Version: {version}\n"
        f"Architecture: {architecture()}\n"
        f"Maintainer: {platforms.MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(needs)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Description: {platforms.SUMMARY}\n"
        " A calm desktop app that helps a person get ready for a first counselling or\n"
        " therapy session, and helps counsellors hand the same preparation out at\n"
        " intake. Everything stays on the computer; it prints a clear PDF.\n"
    )


def copyright_file() -> str:
    """usr/share/doc/firstsession/copyright: the code's licence and the bundled fonts'."""
    fonts = platforms.ROOT / "src" / "firstsession" / "fonts"
    sources = fonts / "SOURCES.txt"
    return (
        "First Session: MIT licence (the code, the words in templates/, the icon).\n"
        "Bundled fonts: SIL Open Font License 1.1 (OFL.txt) and Apache License 2.0\n"
        "(LICENSE-Apache-2.0.txt), both in /usr/lib/firstsession/_internal/firstsession/fonts/.\n"
        "Bundled Qt (PySide6): LGPL-3.0; Python: PSF licence; the other Python packages'\n"
        "licences are in their folders under /usr/lib/firstsession/_internal/.\n\n"
        + (sources.read_text(encoding="utf-8") if sources.exists() else "")
    )


def stage(bundle: Path, version: str, root: Path) -> None:
    """Lay the package's files out under ``root`` (DEBIAN/ included)."""
    app_id = platforms.APP_ID
    lib = root / platforms.DEB_BUNDLE_DIR
    shutil.copytree(bundle, lib, symlinks=True)
    command = root / platforms.DEB_COMMAND
    command.parent.mkdir(parents=True)
    command.symlink_to(Path("../lib/firstsession") / platforms.EXE_NAME)
    share = root / "usr" / "share"
    for source, target in (
        (f"{app_id}.desktop", f"applications/{app_id}.desktop"),
        (f"{app_id}.metainfo.xml", f"metainfo/{app_id}.metainfo.xml"),
        (f"{app_id}.mime.xml", f"mime/packages/{app_id}.xml"),
    ):
        (share / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(platforms.ROOT / "packaging" / source, share / target)
    for png in sorted(ICONS.glob("firstsession-*.png")):
        size = png.stem.split("-")[1]
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{app_id}.png"
        target.parent.mkdir(parents=True)
        shutil.copyfile(png, target)
    scalable = share / "icons" / "hicolor" / "scalable" / "apps" / f"{app_id}.svg"
    scalable.parent.mkdir(parents=True)
    shutil.copyfile(ICONS / "firstsession.svg", scalable)
    doc = share / "doc" / platforms.EXE_NAME
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(copyright_file(), encoding="utf-8")
    size = sum(p.lstat().st_size for p in root.rglob("*") if not p.is_dir())
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN" / "control").write_text(control(version, size // 1024 + 1, depends(lib)),
                                             encoding="utf-8")
    for path in [root, *root.rglob("*")]:  # 0755 folders and programs, 0644 the rest
        if path.is_symlink():
            continue
        executable = path.is_dir() or path.stat().st_mode & 0o111
        path.chmod(0o755 if executable else 0o644)


def build_deb(bundle: Path, version: str, out: Path) -> Path:
    """Build OUT/firstsession_VERSION_ARCH.deb from the bundle folder; its path.

    Raises subprocess.CalledProcessError if dpkg-deb fails, FileNotFoundError if it is
    missing (Debian: the dpkg package, always installed)."""
    deb = out / f"{platforms.EXE_NAME}_{version}_{architecture()}.deb"
    with tempfile.TemporaryDirectory(dir=out) as staging:
        root = Path(staging) / "root"
        stage(bundle, version, root)
        # xz, read by every dpkg; level 1, not the default 6: 6 took over 7 minutes on 2
        # cores for ~240 MiB, 1 takes about a minute for a package about 15% larger.
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z1", "--build", str(root),
                        str(deb)], check=True)
    return deb
