"""The encrypted sheet file: sealing and opening bytes with a key made from a passphrase.

The format is in docs/ENCRYPTED_FORMAT.md. In short: a small plaintext header (magic,
format version, the key-derivation function's name and parameters, salt, nonce), then
AES-256-GCM ciphertext of the sheet's usual JSON bytes with its 16-byte tag. The whole
header is the cipher's associated data, so changing any byte of it (a weaker KDF
parameter, another salt) makes opening fail. The key is Argon2id's output (RFC 9106) from
the passphrase and the salt. Only the ``cryptography`` package does cryptography here.

A ``Key`` is derived once per unlock and kept in memory for the session (``unlock``,
``current``, ``lock``): every save seals with it, each time with a fresh random nonce.
Python cannot promise that the key's bytes are wiped from memory (SECURITY.md).

No Qt here; ``cryptography`` is imported only when a key is made or used.
"""

from __future__ import annotations

import os
import struct
import threading
from dataclasses import dataclass

from firstsession.i18n import _

MAGIC = b"FSSEALED"  # 8 bytes that no JSON file starts with
FORMAT_VERSION = 1
KDF_ARGON2ID = 1
SALT_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_BYTES = 32  # AES-256
# magic, version, kdf, memory (KiB), passes, lanes, salt length
_FIXED = struct.Struct(">8sBBIIBB")
HEADER_BYTES = _FIXED.size + SALT_BYTES + NONCE_BYTES
# What sealing adds to the plaintext, in bytes.
OVERHEAD = HEADER_BYTES + TAG_BYTES

# Limits on parameters read from a file: a hostile file must not make us spend
# gigabytes or minutes before the passphrase can even be checked.
MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB
MAX_PASSES = 16
MAX_LANES = 16


@dataclass(frozen=True)
class KdfParams:
    """Argon2id's cost: ``memory_kib`` (KiB), ``passes`` (iterations), ``lanes`` (parallelism)."""

    memory_kib: int = 64 * 1024  # 64 MiB, RFC 9106's second recommended option
    passes: int = 3
    lanes: int = 4


# The parameters new keys are made with. Tests that derive many keys lower them in their
# own process only; files always say which parameters they were made with.
DEFAULT_PARAMS = KdfParams()


class VaultError(Exception):
    """A sealed file cannot be opened; the message is one plain sentence."""


class NotSealedError(VaultError):
    """The bytes are not a sealed file at all (no magic)."""


class DamagedError(VaultError):
    """The header cannot be read (wrong version, absurd parameters, too short)."""


class WrongKeyError(VaultError):
    """The passphrase is not the one this file was sealed with (or the file was changed)."""


class LockedError(VaultError):
    """The file is sealed and no passphrase was given in this session."""


@dataclass(frozen=True)
class Header:
    """A sealed file's plaintext header, parsed."""

    params: KdfParams
    salt: bytes
    nonce: bytes
    raw: bytes  # the header's bytes exactly as in the file (the associated data)


@dataclass(frozen=True, eq=False)
class Key:
    """An AES-256 key derived from a passphrase with ``params`` and ``salt``."""

    params: KdfParams
    salt: bytes
    secret: bytes

    def matches(self, header: Header) -> bool:
        """True when ``header`` was sealed with keys of this salt and parameters."""
        return header.salt == self.salt and header.params == self.params


def is_sealed(data: bytes) -> bool:
    """True when ``data`` starts like a sealed file (it may still be damaged)."""
    return data[: len(MAGIC)] == MAGIC


def read_header(data: bytes) -> Header:
    """The header of sealed ``data``. Raises NotSealedError or DamagedError."""
    if not is_sealed(data):
        raise NotSealedError(_("this is not an encrypted First Session file"))
    if len(data) < OVERHEAD:
        raise DamagedError(_("the encrypted file is cut short"))
    magic, version, kdf, memory, passes, lanes, salt_len = _FIXED.unpack_from(data)
    if version != FORMAT_VERSION:
        raise DamagedError(
            _("the encrypted file was made by a newer First Session (format {version})").format(
                version=version))
    if (kdf != KDF_ARGON2ID or salt_len != SALT_BYTES or not 1 <= lanes <= MAX_LANES
            or not 1 <= passes <= MAX_PASSES or not 8 * lanes <= memory <= MAX_MEMORY_KIB):
        raise DamagedError(_("the encrypted file's header is damaged"))
    start = _FIXED.size
    salt = data[start:start + SALT_BYTES]
    nonce = data[start + SALT_BYTES:HEADER_BYTES]
    return Header(KdfParams(memory, passes, lanes), salt, nonce, data[:HEADER_BYTES])


def derive(passphrase: str, params: KdfParams | None = None, salt: bytes | None = None) -> Key:
    """A key from ``passphrase`` (UTF-8) with Argon2id: a new random 16-byte salt unless
    ``salt`` is given, ``DEFAULT_PARAMS`` unless ``params`` is. Takes about 0.1-0.4 s with
    the default 64 MiB (bench/bench_encrypted_save.py measures it). Raises ValueError for
    an empty passphrase."""
    if not passphrase:
        raise ValueError(_("a passphrase cannot be empty"))
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    params = params or DEFAULT_PARAMS
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    kdf = Argon2id(salt=salt, length=KEY_BYTES, iterations=params.passes,
                   lanes=params.lanes, memory_cost=params.memory_kib)
    return Key(params, salt, kdf.derive(passphrase.encode("utf-8", "surrogatepass")))


def key_for(passphrase: str, data: bytes) -> Key:
    """The key that would open sealed ``data`` if ``passphrase`` is right (its salt and
    parameters, read from the header). Raises NotSealedError, DamagedError, ValueError."""
    header = read_header(data)
    return derive(passphrase, header.params, header.salt)


def seal(plaintext: bytes, key: Key) -> bytes:
    """``plaintext`` sealed with ``key`` and a fresh random nonce: header + ciphertext + tag."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    header = _FIXED.pack(MAGIC, FORMAT_VERSION, KDF_ARGON2ID, key.params.memory_kib,
                         key.params.passes, key.params.lanes, SALT_BYTES) + key.salt + nonce
    return header + AESGCM(key.secret).encrypt(nonce, plaintext, header)


def open_sealed(data: bytes, key: Key) -> bytes:
    """The plaintext of sealed ``data``. Raises NotSealedError, DamagedError, or
    WrongKeyError (another passphrase, or the file was changed after sealing)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header = read_header(data)
    if not key.matches(header):
        raise WrongKeyError(_("the passphrase is not the one this file was locked with"))
    try:
        return AESGCM(key.secret).decrypt(header.nonce, data[HEADER_BYTES:], header.raw)
    except InvalidTag:
        raise WrongKeyError(
            _("the passphrase is not the one this file was locked with, or the file was "
              "changed")) from None


# -- the session's key ----------------------------------------------------------------------

_lock = threading.Lock()
_key: Key | None = None
# True once a key was used in this process, until ``forget``: while it is true and no key
# is held (locked), nothing may be written plain.
_in_use = False


def current() -> Key | None:
    """The key of this session (set by ``unlock``), or None while nothing is unlocked."""
    with _lock:
        return _key


def unlock(key: Key) -> None:
    """Keep ``key`` as this session's key: every save seals with it from now on."""
    global _key, _in_use
    with _lock:
        _key, _in_use = key, True


def lock() -> None:
    """Forget this session's key (the bytes may stay in memory until reused: SECURITY.md).
    Until ``unlock`` again, ``for_disk`` refuses: a locked sheet is never written plain."""
    global _key
    with _lock:
        _key = None


def forget() -> None:
    """Forget the key and that a passphrase was in use (it was removed): saves are plain."""
    global _key, _in_use
    with _lock:
        _key, _in_use = None, False


def open_with_session(data: bytes) -> bytes:
    """``data`` as plaintext: itself when not sealed, else opened with the session's key.

    Raises LockedError (sealed, and no key this session), WrongKeyError (sealed with
    another passphrase's key), DamagedError (a bad header, or sealed with this session's
    key and changed since: the key was checked at unlock, so the file is at fault).
    """
    if not is_sealed(data):
        return data
    key = current()
    if key is None:
        read_header(data)  # a damaged header says so rather than asking for a passphrase
        raise LockedError(_("the sheet is locked with a passphrase"))
    try:
        return open_sealed(data, key)
    except WrongKeyError:
        if key.matches(read_header(data)):  # this session's checked key: the file was changed
            raise DamagedError(_("the encrypted sheet is damaged")) from None
        raise


def for_disk(plaintext: bytes) -> bytes:
    """What to write for ``plaintext``: sealed with the session's key, or as it is when
    no passphrase is set. Raises LockedError while locked (``lock`` after ``unlock``)."""
    with _lock:
        key, in_use = _key, _in_use
    if key is None:
        if in_use:
            raise LockedError(_("the sheet is locked with a passphrase"))
        return plaintext
    return seal(plaintext, key)


def disk_tag() -> bytes:
    """A short value that changes when the form written to disk changes (no key, or a key
    of another salt): saves compare it so a sheet is rewritten when the key changes."""
    key = current()
    return b"plain" if key is None else b"sealed" + key.salt + struct.pack(
        ">III", key.params.memory_kib, key.params.passes, key.params.lanes)


def holds(on_disk: bytes, data: bytes) -> bool:
    """True when a file's bytes ``on_disk`` are ``data`` in the form a save would write
    now: the same plaintext with no passphrase set, or ``data`` sealed with this session's
    key (same salt and parameters). Never raises."""
    key = current()
    if key is None:
        return on_disk == data
    try:
        return key.matches(read_header(on_disk)) and open_sealed(on_disk, key) == data
    except VaultError:
        return False
