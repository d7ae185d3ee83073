"""A kill loop (issue 15): SIGKILL during passphrase changes and encrypted saves, at least
300 times; after every kill the sheet and each copy open with the old or the new passphrase
and no plaintext is on disk. Behind the ``slow`` marker (``pytest -m slow -s``: it prints
its counts)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from firstsession import model, paths, storage, vault

MARKER = "MARKER-kill-loop"
PASSPHRASES = ("alpha passphrase", "beta passphrase")
FAST = vault.KdfParams(memory_kib=1024, passes=1, lanes=1)

CHILD = r"""
import random, sys
from firstsession import passphrase, storage, vault
from firstsession.model import Sheet
vault.DEFAULT_PARAMS = vault.KdfParams(memory_kib=1024, passes=1, lanes=1)
A, B = sys.argv[1], sys.argv[2]
try:
    passphrase.unlock(A); now = A
except passphrase.PassphraseError:
    passphrase.unlock(B); now = B
n = int(sys.argv[3])
while True:
    n += 1
    print(n, flush=True)
    if random.random() < 0.5:
        sheet = Sheet(); sheet.about.name = f"MARKER-kill-loop {n}"
        sheet.notes = "MARKER-kill-loop " * random.randint(1, 20000)
        storage.save_sheet(sheet)
    else:
        other = B if now == A else A
        passphrase.change_passphrase(now, other); now = other
"""


def _opens(data: bytes, keys: dict[bytes, vault.Key]) -> tuple[str, bytes]:
    """Which passphrase opens sealed ``data`` and its plaintext; AssertionError if none."""
    header = vault.read_header(data)
    for secret in PASSPHRASES:
        key = keys.get(header.salt + secret.encode())
        if key is None:
            key = keys[header.salt + secret.encode()] = vault.key_for(secret, data)
        try:
            return secret, vault.open_sealed(data, key)
        except vault.WrongKeyError:
            continue
    raise AssertionError("a copy opens with neither passphrase")


@pytest.mark.slow
def test_300_kills_during_changes_and_saves_leave_every_copy_loadable(data_dir: Path) -> None:
    """After each SIGKILL: the sheet opens with the old or the new passphrase and is a
    sheet we saved; the backup too; temporary files hold no plaintext."""
    import firstsession

    first = model.Sheet()
    first.about.name = f"{MARKER} 0"
    vault.unlock(vault.derive(PASSPHRASES[0], FAST))
    storage.save_sheet(first)
    vault.lock()
    env = dict(os.environ, PYTHONPATH=str(Path(firstsession.__file__).parents[1]))
    counts = {"kills": 0, "sheet opened with alpha": 0, "sheet opened with beta": 0,
              "backups checked": 0, "temporary files left": 0, "empty temporary files": 0}
    keys: dict[bytes, vault.Key] = {}
    rng = random.Random(15)
    n = 0
    while counts["kills"] < 300:
        child = subprocess.Popen([sys.executable, "-c", CHILD, *PASSPHRASES, str(n * 1000)],
                                 stdout=subprocess.PIPE, text=True, env=env)
        assert child.stdout is not None
        for _ in range(rng.randint(1, 6)):  # let it reach its k-th job, then kill it mid-way
            if not child.stdout.readline():
                break
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL, "the child ended by itself"
        counts["kills"] += 1
        n += 1
        sheet_path = paths.sheet_path()
        secret, plain = _opens(sheet_path.read_bytes(), keys)
        counts[f"sheet opened with {secret.split()[0]}"] += 1
        assert storage.decode_sheet(plain).about.name.startswith(MARKER)
        for path in data_dir.iterdir():
            data = path.read_bytes()
            assert MARKER.encode() not in data, f"plaintext in {path.name}"
            if path.name.endswith(".tmp"):
                counts["temporary files left"] += 1
                counts["empty temporary files"] += not data
                path.unlink()  # a killed save's leftover: no state of its own
            elif path != sheet_path:
                _opens(data, keys)
                counts["backups checked"] += 1
    print("\nkill loop:", ", ".join(f"{k}: {v}" for k, v in counts.items()))
    assert counts["sheet opened with alpha"] and counts["sheet opened with beta"]
