"""The optional passphrase (issue 15): set, change and remove it, in the domain and on the
command line; every copy encrypted; a wrong or missing passphrase changes nothing."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli

from firstsession import passphrase, paths, storage, vault
from firstsession.model import Sheet

MARKER = "MARKER-zq81-private"
FAST = vault.KdfParams(memory_kib=1024, passes=1, lanes=1)


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Cheap keys in this process (the files still say which parameters they used)."""
    monkeypatch.setattr(vault, "DEFAULT_PARAMS", FAST)
    yield


def marked_sheet(n: int = 0) -> Sheet:
    sheet = Sheet()
    sheet.about.name = f"{MARKER} {n}"
    return sheet


def every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def store_with_copies(data_dir: Path) -> None:
    """A plain store with a sheet, a backup, a sheet set aside and a killed save's temp."""
    storage.save_sheet(marked_sheet(1))
    storage.save_sheet(marked_sheet(2))
    (data_dir / "sheet.unreadable-20260101-000000.json").write_text(f"{{ broken {MARKER}")
    (data_dir / ".sheet.json.abcd1234.tmp").write_text(f"half a save {MARKER}")


def test_setting_a_passphrase_encrypts_every_copy(data_dir: Path, fast_kdf: None) -> None:
    """The sheet, its backup, a copy set aside and a killed save's temporary file are all
    encrypted: the marker is in none of them, and each opens with the passphrase."""
    store_with_copies(data_dir)
    assert not passphrase.is_set()
    passphrase.set_passphrase("open sesame")
    assert passphrase.is_set()
    found = every_file(data_dir)
    assert len(found) == 4
    for path in found:
        data = path.read_bytes()
        assert MARKER.encode() not in data and vault.is_sealed(data), path
        assert MARKER.encode() in vault.open_sealed(data, vault.key_for("open sesame", data))
    vault.lock()
    passphrase.unlock("open sesame")
    assert storage.read_sheet_file(paths.sheet_path()).about.name == f"{MARKER} 2"
    assert storage.read_backup().about.name == f"{MARKER} 1"


def test_a_wrong_passphrase_changes_nothing(data_dir: Path, fast_kdf: None) -> None:
    """Unlocking, changing or removing with a wrong passphrase fails plainly and leaves
    every byte of every copy as it was."""
    store_with_copies(data_dir)
    passphrase.set_passphrase("right")
    vault.lock()
    before = {p: p.read_bytes() for p in every_file(data_dir)}
    for attempt in (lambda: passphrase.unlock("wrong"),
                    lambda: passphrase.change_passphrase("wrong", "new"),
                    lambda: passphrase.remove_passphrase("wrong")):
        with pytest.raises(passphrase.PassphraseError, match="did not open"):
            attempt()
    assert {p: p.read_bytes() for p in every_file(data_dir)} == before
    assert vault.current() is None


def test_a_locked_sheet_is_never_set_aside_nor_written_over(data_dir: Path,
                                                            fast_kdf: None) -> None:
    """Without the passphrase the app's loader leaves the encrypted sheet in place (no
    "damaged" copy) and a save refuses to write over it."""
    storage.save_sheet(marked_sheet(1))
    passphrase.set_passphrase("pw")
    vault.lock()
    storage._known_good.clear()  # a new process knows nothing
    before = paths.sheet_path().read_bytes()
    outcome = storage.load_saved()
    assert outcome.locked and outcome.set_aside_to is None
    with pytest.raises(storage.LockedSheetWriteError):
        storage.save_sheet(Sheet())
    assert paths.sheet_path().read_bytes() == before
    assert [p.name for p in every_file(data_dir)] == ["sheet.json"]


def test_changing_the_passphrase_rewrites_every_copy_with_a_new_salt(
        data_dir: Path, fast_kdf: None) -> None:
    """After a change only the new passphrase opens any copy."""
    store_with_copies(data_dir)
    passphrase.set_passphrase("old one")
    salt = vault.read_header(paths.sheet_path().read_bytes()).salt
    passphrase.change_passphrase("old one", "new one")
    for path in every_file(data_dir):
        data = path.read_bytes()
        assert vault.read_header(data).salt != salt
        with pytest.raises(vault.WrongKeyError):
            vault.open_sealed(data, vault.key_for("old one", data))
        vault.open_sealed(data, vault.key_for("new one", data))


def test_saves_while_unlocked_are_encrypted_with_a_fresh_nonce(data_dir: Path,
                                                               fast_kdf: None) -> None:
    """Each save of an unlocked sheet writes a new nonce; the backup is encrypted too."""
    passphrase.set_passphrase("pw", marked_sheet(0))
    nonces = set()
    for n in range(1, 4):
        storage.save_sheet(marked_sheet(n))
        nonces.add(vault.read_header(paths.sheet_path().read_bytes()).nonce)
    assert len(nonces) == 3
    for path in every_file(data_dir):
        assert MARKER.encode() not in path.read_bytes()
    assert storage.read_backup().about.name == f"{MARKER} 2"


def test_removing_the_passphrase_writes_every_copy_plain(data_dir: Path,
                                                         fast_kdf: None) -> None:
    """After remove, the sheet opens with no passphrase and nothing is encrypted."""
    store_with_copies(data_dir)
    passphrase.set_passphrase("pw")
    passphrase.remove_passphrase("pw")
    assert not passphrase.is_set() and vault.current() is None
    assert all(not vault.is_sealed(p.read_bytes()) for p in every_file(data_dir))
    storage._known_good.clear()
    assert storage.load_saved().sheet.about.name == f"{MARKER} 2"


def test_unlocking_finishes_an_interrupted_set(data_dir: Path, fast_kdf: None) -> None:
    """A set killed after the backup was encrypted but before the sheet: unlocking with
    the new passphrase encrypts the plain sheet too (the new state, complete)."""
    storage.save_sheet(marked_sheet(1))
    storage.save_sheet(marked_sheet(2))
    key = vault.derive("pw")
    backup = storage.backup_of(paths.sheet_path())
    backup.write_bytes(vault.seal(backup.read_bytes(), key))
    assert passphrase.is_set()
    passphrase.unlock("pw")
    assert all(vault.is_sealed(p.read_bytes()) for p in every_file(data_dir))


# -- the command line -------------------------------------------------------------------------


def test_the_command_line_sets_changes_and_removes_a_passphrase(data_dir: Path) -> None:
    """`firstsession passphrase set|change|remove` with the passphrases from the
    environment; setting one says plainly it cannot be recovered and suggests a PDF."""
    storage.save_sheet(marked_sheet(1))
    done = run_cli("passphrase", "set", env={"FIRSTSESSION_NEW_PASSPHRASE": "first"})
    assert done.returncode == 0, done.stderr
    assert "forget" in done.stdout and "export" in done.stdout and "PDF" in done.stdout
    assert MARKER.encode() not in paths.sheet_path().read_bytes()
    done = run_cli("passphrase", "change", env={"FIRSTSESSION_PASSPHRASE": "first",
                                                "FIRSTSESSION_NEW_PASSPHRASE": "second"})
    assert done.returncode == 0, done.stderr
    data = paths.sheet_path().read_bytes()
    vault.open_sealed(data, vault.key_for("second", data))
    done = run_cli("passphrase", "remove", env={"FIRSTSESSION_PASSPHRASE": "second"})
    assert done.returncode == 0, done.stderr
    assert MARKER.encode() in paths.sheet_path().read_bytes()


@pytest.mark.parametrize("command", [["export", "-o", "OUT"], ["import", "SHEET"],
                                     ["passphrase", "change"], ["passphrase", "remove"]])
@pytest.mark.parametrize("given", [None, "wrong"])
def test_a_wrong_or_missing_passphrase_on_the_command_line_is_one_line_and_exit_2(
        tmp_path: Path, data_dir: Path, command: list[str], given: str | None) -> None:
    """Export, import, change and remove on an encrypted store without the right
    passphrase: exit 2, one plain line on stderr, no traceback, nothing changed."""
    storage.save_sheet(marked_sheet(1))
    source = tmp_path / "other.json"
    source.write_bytes(storage.encode_sheet(marked_sheet(9)))
    done = run_cli("passphrase", "set", env={"FIRSTSESSION_NEW_PASSPHRASE": "right"})
    assert done.returncode == 0
    before = paths.sheet_path().read_bytes()
    args = [str(tmp_path / "out.pdf") if a == "OUT" else str(source) if a == "SHEET" else a
            for a in command]
    env = {"FIRSTSESSION_NEW_PASSPHRASE": "newer"}
    if given is not None:
        env["FIRSTSESSION_PASSPHRASE"] = given
    done = subprocess_without(env, args, "FIRSTSESSION_PASSPHRASE" if given is None else "")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "passphrase" in done.stderr
    assert paths.sheet_path().read_bytes() == before
    assert not (tmp_path / "out.pdf").exists()


def subprocess_without(env: dict[str, str], args: list[str], drop: str):  # type: ignore[no-untyped-def]
    """run_cli with ``drop`` removed from the environment and no terminal on stdin."""
    import subprocess
    import sys

    full = {k: v for k, v in os.environ.items() if k != drop}
    full.update(env)
    return subprocess.run([sys.executable, "-m", "firstsession", *args], capture_output=True,
                          text=True, env=full, stdin=subprocess.DEVNULL, timeout=120)


def test_export_and_import_work_on_an_encrypted_store(tmp_path: Path, data_dir: Path) -> None:
    """With the passphrase, export makes the usual PDF and import keeps the store
    encrypted (the old sheet goes to an encrypted backup)."""
    from pypdf import PdfReader

    storage.save_sheet(marked_sheet(1))
    assert run_cli("passphrase", "set", env={"FIRSTSESSION_NEW_PASSPHRASE": "pw"}).returncode == 0
    out = tmp_path / "out.pdf"
    done = run_cli("export", "-o", str(out), env={"FIRSTSESSION_PASSPHRASE": "pw"})
    assert done.returncode == 0, done.stderr
    assert MARKER in "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "not encrypted" in done.stderr
    source = tmp_path / "new.json"
    source.write_bytes(storage.encode_sheet(marked_sheet(5)))
    done = run_cli("import", str(source), env={"FIRSTSESSION_PASSPHRASE": "pw"})
    assert done.returncode == 0, done.stderr
    for path in every_file(data_dir):
        assert MARKER.encode() not in path.read_bytes() and vault.is_sealed(path.read_bytes())
    passphrase.unlock("pw")
    assert storage.read_sheet_file(paths.sheet_path()).about.name == f"{MARKER} 5"
    assert storage.read_backup().about.name == f"{MARKER} 1"


def test_an_exported_pdf_can_be_locked_with_an_aes_256_password(tmp_path: Path) -> None:
    """`export --password` makes a PDF that opens only with the password (AES-256, R6)."""
    from pypdf import PdfReader

    storage.save_sheet(marked_sheet(1))
    out = tmp_path / "locked.pdf"
    done = run_cli("export", "-o", str(out), "--password",
                   env={"FIRSTSESSION_PDF_PASSWORD": "pdf-pw"})
    assert done.returncode == 0, done.stderr
    assert "password" in done.stderr and "not encrypted" not in done.stderr
    reader = PdfReader(out)
    assert reader.is_encrypted
    assert MARKER.encode() not in out.read_bytes()
    assert not reader.decrypt("wrong")
    assert reader.decrypt("pdf-pw")
    assert reader.trailer["/Encrypt"]["/R"] == 6 and reader.trailer["/Encrypt"]["/V"] == 5
    assert MARKER in reader.pages[0].extract_text()


def test_importing_an_encrypted_file_keeps_a_plain_store_plain(tmp_path: Path,
                                                               data_dir: Path) -> None:
    """`import` of a file encrypted elsewhere reads it with its passphrase, and the saved
    sheet keeps its own form (plain here): the file's key never becomes the store's."""
    source = tmp_path / "sealed.json"
    key = vault.derive("theirs")
    source.write_bytes(vault.seal(storage.encode_sheet(marked_sheet(3)), key))
    vault.forget()
    done = run_cli("import", str(source), env={"FIRSTSESSION_PASSPHRASE": "theirs"})
    assert done.returncode == 0, done.stderr
    assert not passphrase.is_set()
    assert storage.read_sheet_file(paths.sheet_path()).about.name == f"{MARKER} 3"
