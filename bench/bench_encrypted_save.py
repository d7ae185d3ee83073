"""Encrypted saving against plain saving, and the cost of unlocking, as whole processes.

Not a test. Each process saves the sample sheet 200 times and a 2 MB sheet 20 times through
``storage.save_encoded`` (the autosave's write path: a new file, fsync, rename, backup), with a
passphrase set ("ours") or not ("baseline"). Both derive one Argon2id key with the real
parameters (64 MiB, 3 passes, 4 lanes) first, so the only difference is AES-256-GCM on every
save. The target is within 2x of plain saving. Then unlocking (one key derivation and one
opening of the sheet) is timed alone: the target is well under 2 s.

Run from anywhere: python bench/bench_encrypted_save.py [rounds]      (default 5)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(SRC))
from runner import PYTHON, compare  # noqa: E402

SAVES = r"""
import os, shutil, sys
os.environ["FIRSTSESSION_DATA_DIR"] += "-" + sys.argv[1]  # a new folder for each kind
shutil.rmtree(os.environ["FIRSTSESSION_DATA_DIR"], ignore_errors=True)
from firstsession import storage, vault
from firstsession.sample import sample_sheet
key = vault.derive("a passphrase of some length")
if sys.argv[1] == "encrypted":
    vault.unlock(key)
small = sample_sheet()
big = sample_sheet()
big.notes = "words of a long sheet, " * 90_000
for sheet, times in ((small, 200), (big, 20)):
    for n in range(times):
        sheet.goals = f"save {n}"
        storage.save_encoded(storage.encode_sheet(sheet))
"""


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "PYTHONPATH": os.pathsep.join(p for p in (str(SRC), os.environ.get("PYTHONPATH"))
                                          if p),
            "FIRSTSESSION_DATA_DIR": str(Path(tmp) / "data"),
        }
        result = compare("200 saves of the sample sheet and 20 of a 2 MB sheet",
                         [PYTHON, "-c", SAVES, "encrypted"], [PYTHON, "-c", SAVES, "plain"],
                         rounds=rounds, env=env)
        print(f"  encrypted saving: {result['cpu_ratio']:.2f}x the CPU of plain saving "
              f"(target: at most 2x) -> {'ok' if result['cpu_ratio'] <= 2 else 'TOO SLOW'}")

        os.environ.update(env)
        from firstsession import passphrase, storage, vault
        from firstsession.sample import sample_sheet

        storage.save_sheet(sample_sheet())
        passphrase.set_passphrase("a passphrase of some length")
        unlocks = []
        for _ in range(rounds):
            vault.lock()
            started = time.perf_counter()
            passphrase.unlock("a passphrase of some length")
            unlocks.append(time.perf_counter() - started)
        median = statistics.median(unlocks)
        print(f"unlocking (Argon2id 64 MiB, 3 passes, 4 lanes, then opening the sheet): "
              f"median {median:.3f} s of {rounds} (target: well under 2 s) -> "
              f"{'ok' if median < 2 else 'TOO SLOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
