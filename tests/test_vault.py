"""The encrypted sheet file (vault.py, docs/ENCRYPTED_FORMAT.md): Argon2id + AES-256-GCM,
the header authenticated, a fresh nonce every time, and hostile headers refused cheaply."""

from __future__ import annotations

import struct
import time

import pytest

from firstsession import vault

FAST = vault.KdfParams(memory_kib=1024, passes=1, lanes=1)


def test_a_sealed_sheet_opens_with_its_passphrase_and_holds_no_plaintext() -> None:
    """Sealing then opening gives the bytes back; the file has none of the words."""
    key = vault.derive("correct horse", FAST)
    sealed = vault.seal(b'{"marker": "MARKER-4711"}', key)
    assert b"MARKER-4711" not in sealed and vault.is_sealed(sealed)
    assert vault.open_sealed(sealed, key) == b'{"marker": "MARKER-4711"}'
    again = vault.key_for("correct horse", sealed)
    assert vault.open_sealed(sealed, again) == b'{"marker": "MARKER-4711"}'


def test_every_seal_uses_a_fresh_nonce() -> None:
    """Two saves of the same words with one key never share a nonce or a ciphertext."""
    key = vault.derive("pw", FAST)
    one, two = vault.seal(b"same", key), vault.seal(b"same", key)
    assert vault.read_header(one).nonce != vault.read_header(two).nonce
    assert one[vault.HEADER_BYTES:] != two[vault.HEADER_BYTES:]


def test_a_wrong_passphrase_is_refused() -> None:
    """Another passphrase (same salt and parameters) cannot open the file."""
    sealed = vault.seal(b"words", vault.derive("right", FAST))
    with pytest.raises(vault.WrongKeyError):
        vault.open_sealed(sealed, vault.key_for("wrong", sealed))


@pytest.mark.parametrize("offset", [8, 12, 20, 26, 40, 50])
def test_every_header_byte_is_authenticated(offset: int) -> None:
    """Changing any header byte (version, KDF parameters, salt, nonce) makes opening fail:
    the header is the cipher's associated data, or the key no longer matches."""
    key = vault.derive("pw", FAST)
    sealed = bytearray(vault.seal(b"words", key))
    sealed[offset] ^= 0x01
    with pytest.raises(vault.VaultError):
        vault.open_sealed(bytes(sealed), key)
    # Even with the key derived for the changed header (a weaker cost, another salt):
    with pytest.raises(vault.VaultError):
        changed = bytes(sealed)
        vault.open_sealed(changed, vault.key_for("pw", changed))


def test_a_hostile_header_asking_for_huge_costs_is_refused_before_any_work() -> None:
    """A file asking Argon2id for 4 GiB or 1,000 passes is called damaged at once."""
    key = vault.derive("pw", FAST)
    sealed = bytearray(vault.seal(b"words", key))
    struct.pack_into(">I", sealed, 10, 4 * 1024 * 1024)  # memory in KiB
    started = time.perf_counter()
    with pytest.raises(vault.DamagedError):
        vault.key_for("pw", bytes(sealed))
    assert time.perf_counter() - started < 0.5
    with pytest.raises(vault.DamagedError):
        vault.read_header(vault.MAGIC + b"\x01")


def test_a_file_from_a_newer_format_says_so() -> None:
    """Format version 2 is not guessed at: the message says a newer First Session made it."""
    sealed = bytearray(vault.seal(b"words", vault.derive("pw", FAST)))
    sealed[8] = 2
    with pytest.raises(vault.DamagedError, match="newer"):
        vault.read_header(bytes(sealed))


def test_the_default_key_costs_64_mib_3_passes_and_unlocks_well_under_2_seconds() -> None:
    """The issue's parameters (Argon2id, 64 MiB, 3 passes, 16-byte salt) and its cost."""
    started = time.perf_counter()
    key = vault.derive("a real passphrase")
    elapsed = time.perf_counter() - started
    assert key.params == vault.KdfParams(64 * 1024, 3, 4) and len(key.salt) == 16
    assert len(key.secret) == 32
    assert elapsed < 2.0, f"deriving took {elapsed:.2f} s"


def test_an_empty_passphrase_is_refused() -> None:
    """No key is made from an empty passphrase."""
    with pytest.raises(ValueError):
        vault.derive("", FAST)
