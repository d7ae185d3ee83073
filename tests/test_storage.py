"""Storage never loses a word: atomic writes, backups, unreadable files set aside."""

from __future__ import annotations

import json
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from firstsession import files, paths, storage
from firstsession.model import Sheet
from firstsession.sheet_format import sheet_to_dict


def sheet_with(notes: str) -> Sheet:
    sheet = Sheet()
    sheet.notes = notes
    return sheet


def test_data_dir_follows_the_environment_override(data_dir: Path) -> None:
    """FIRSTSESSION_DATA_DIR decides where the sheet lives."""
    assert paths.sheet_path() == data_dir / "sheet.json"


def test_data_dir_defaults_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the override the folder is platformdirs' user data folder."""
    import platformdirs

    monkeypatch.delenv("FIRSTSESSION_DATA_DIR")
    assert paths.data_dir() == Path(platformdirs.user_data_dir("firstsession", appauthor=False))


def test_save_then_load(data_dir: Path) -> None:
    """What is saved is what is loaded, and the file is private (0600)."""
    storage.save_sheet(sheet_with("héllo <&>"))
    assert storage.load_saved().sheet.notes == "héllo <&>"
    mode = stat.S_IMODE(paths.sheet_path().stat().st_mode)
    assert mode == 0o600


def test_each_save_keeps_the_previous_one_as_backup(data_dir: Path) -> None:
    """Before each save the previous good file becomes the one backup."""
    storage.save_sheet(sheet_with("one"))
    storage.save_sheet(sheet_with("two"))
    storage.save_sheet(sheet_with("three"))
    assert storage.read_backup().notes == "two"
    assert storage.load_saved().sheet.notes == "three"
    assert [p.name for p in storage.data_files()] == ["sheet.json", "sheet.json.bak"]


def test_no_temporary_files_are_left_behind(data_dir: Path) -> None:
    """The atomic writer cleans up: only the sheet and its backup remain."""
    for i in range(5):
        storage.save_sheet(sheet_with(str(i)))
    assert sorted(p.name for p in data_dir.iterdir()) == ["sheet.json", "sheet.json.bak"]


def test_atomic_write_makes_every_file_private_every_time(tmp_path: Path) -> None:
    """A new file is 0600, and so is a file that was 0644 before it was replaced."""
    target = tmp_path / "out.bin"
    files.atomic_write(target, b"a")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    os.chmod(target, 0o644)
    files.atomic_write(target, b"b")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == b"b"


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\x00\xff\xfe random bytes", b'{"format": "other"}', b"[]", b""],
)
def test_unreadable_sheet_is_set_aside_and_reported(data_dir: Path, content: bytes) -> None:
    """An unreadable sheet is renamed aside (kept byte for byte) and the person is told."""
    storage.save_sheet(sheet_with("good"))
    storage.save_sheet(sheet_with("newer"))
    paths.sheet_path().write_bytes(content)
    outcome = storage.load_saved()
    assert outcome.problem
    assert outcome.set_aside_to is not None
    assert outcome.set_aside_to.read_bytes() == content
    assert "unreadable" in outcome.set_aside_to.name
    assert not paths.sheet_path().exists()
    assert outcome.backup_available
    assert storage.read_backup().notes == "good"


def test_newer_version_sheet_is_kept_aside(data_dir: Path) -> None:
    """A sheet from a newer version is kept aside untouched, and the reason says so."""
    data = sheet_to_dict(Sheet())
    data["schema_version"] = 99
    raw = json.dumps(data).encode()
    data_dir.mkdir()
    paths.sheet_path().write_bytes(raw)
    outcome = storage.load_saved()
    assert outcome.problem and "newer" in outcome.problem
    assert outcome.set_aside_to and outcome.set_aside_to.read_bytes() == raw


def test_saving_never_writes_over_an_unreadable_file(data_dir: Path) -> None:
    """If the saved file turned unreadable, saving sets it aside first."""
    data_dir.mkdir()
    paths.sheet_path().write_bytes(b"garbage")
    storage.save_sheet(sheet_with("new"))
    aside = [p for p in data_dir.iterdir() if "unreadable" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == b"garbage"


def test_set_aside_never_overwrites_an_earlier_one(data_dir: Path) -> None:
    """Two bad files set aside in the same second get different names."""
    data_dir.mkdir()
    first = paths.sheet_path()
    first.write_bytes(b"bad one")
    a = storage.set_aside(first)
    first.write_bytes(b"bad two")
    b = storage.set_aside(first)
    assert a != b and a.read_bytes() == b"bad one" and b.read_bytes() == b"bad two"


def test_delete_all_data_removes_only_our_files(data_dir: Path) -> None:
    """Delete all my data removes the sheet, backup and set-aside copies, nothing else."""
    storage.save_sheet(sheet_with("a"))
    storage.save_sheet(sheet_with("b"))
    storage.set_aside(storage.backup_of(paths.sheet_path()))
    other = data_dir / "not-ours.txt"
    other.write_text("keep")
    removed = storage.delete_all_data()
    assert len(removed) == 2
    assert sorted(p.name for p in data_dir.iterdir()) == ["not-ours.txt"]


WRITER = textwrap.dedent(
    """
    import sys
    from firstsession import storage
    from firstsession.model import Sheet
    i = int(sys.argv[1])
    while True:
        sheet = Sheet()
        sheet.notes = f"save {i} " + "x" * (i * 997 % 200_000)
        storage.save_sheet(sheet)
        print(f"saved {i}", flush=True)
        i += 1
    """
)


def test_sigkill_at_random_moments_never_loses_the_sheet(data_dir: Path) -> None:
    """Killed mid-save 25 times, the sheet always reads back as the last or previous save."""
    rng = random.Random(1234)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    start = 0
    for _ in range(25):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(start)], stdout=subprocess.PIPE, text=True, env=env
        )
        assert proc.stdout is not None
        last = proc.stdout.readline()  # the ready signal: one save has completed
        for _ in range(rng.randrange(0, 6)):
            last = proc.stdout.readline()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        # Saves the writer finished before the kill but we had not read yet (a busy
        # machine lets it run ahead): the last line it printed is the last sure save.
        for line in proc.stdout:
            last = line
        last_index = int(last.split()[1])
        notes = storage.read_sheet_file(paths.sheet_path()).notes
        index = int(notes.split()[1])
        # The save in flight may or may not have landed; nothing older is acceptable.
        assert index in (last_index, last_index + 1), (index, last_index)
        if index > 0:
            # Killed between the backup and the save, the backup equals the sheet.
            assert int(storage.read_backup().notes.split()[1]) in (index - 1, index)
        start = index + 1
