"""The command line's passphrase jobs, unlocking for ``import``/``export``, and PDF passwords.

``firstsession passphrase set|change|remove``; the saved sheet unlocked before ``import`` and
``export``; ``export --password``.

A passphrase is read from the terminal without echo (``getpass``), or for scripts and tests
from ``FIRSTSESSION_PASSPHRASE`` (the one set now) and ``FIRSTSESSION_NEW_PASSPHRASE``
(the one to set). A wrong or missing passphrase is one plain line and exit status 2
(``UsageError``); nothing is changed then. No Qt here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from firstsession.i18n import _

if TYPE_CHECKING:
    import argparse

PASSWORD_ENV = "FIRSTSESSION_PDF_PASSWORD"  # an exported PDF's password (scripts and tests)


class PassphraseUsageError(Exception):
    """One plain line for the person; exit status 2."""


def add_parsers(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the ``passphrase`` command to the command line's sub-commands."""
    p = sub.add_parser(
        "passphrase",
        help=_("lock your saved sheet with a passphrase, change it, or remove it"),
        description=_("The passphrase is read without showing it, or from "
                      "FIRSTSESSION_PASSPHRASE (the one set now) and "
                      "FIRSTSESSION_NEW_PASSPHRASE (the new one)."))
    p.add_argument("action", choices=("set", "change", "remove"), metavar="{set,change,remove}",
                   help=_("set a passphrase, change it, or remove it (the words set, change "
                          "and remove are typed as they are)"))


def _ask(env: str, prompt: str, confirm: bool = False) -> str:
    """A passphrase from ``env`` or the terminal (no echo, asked twice with ``confirm``)."""
    value = os.environ.get(env)
    if value is not None:
        if not value:
            raise PassphraseUsageError(_("{name} is empty").format(name=env))
        return value
    if not sys.stdin.isatty():
        raise PassphraseUsageError(
            _("no passphrase given: type it in a terminal, or set {name}").format(name=env))
    import getpass

    try:
        value = getpass.getpass(prompt)
        if confirm and getpass.getpass(_("Type it again: ")) != value:
            raise PassphraseUsageError(_("the two passphrases are not the same; nothing changed"))
    except EOFError:
        raise PassphraseUsageError(_("no passphrase given; nothing changed")) from None
    if not value:
        raise PassphraseUsageError(_("the passphrase is empty; nothing changed"))
    return value


def run(args: argparse.Namespace) -> int:
    """``firstsession passphrase set|change|remove``; 0 when done."""
    from firstsession import passphrase

    try:
        if args.action == "set":
            if passphrase.is_set():
                raise PassphraseUsageError(_(
                    "a passphrase is set already; use 'firstsession passphrase change'"))
            new = _ask(passphrase.NEW_PASSPHRASE_ENV, _("New passphrase: "), confirm=True)
            passphrase.set_passphrase(new)
            print(_("Your saved sheet is now locked with a passphrase. If you forget it, "
                    "nobody can open your sheet again, not even us: there is no way to get it "
                    "back. Write it down somewhere safe, or keep a PDF of your sheet "
                    "(firstsession export -o my-sheet.pdf)."))
            return 0
        if not passphrase.is_set():
            raise PassphraseUsageError(_("no passphrase is set; use 'firstsession passphrase set'"))
        old = _ask(passphrase.PASSPHRASE_ENV, _("Passphrase: "))
        if args.action == "change":
            passphrase.check(old)
            new = _ask(passphrase.NEW_PASSPHRASE_ENV, _("New passphrase: "), confirm=True)
            passphrase.change_passphrase(old, new)
            print(_("Your passphrase was changed. Every copy of your sheet now opens "
                    "only with the new one."))
        else:
            passphrase.remove_passphrase(old)
            print(_("The passphrase was removed. Your saved sheet is no longer encrypted: "
                    "anyone who can open your files can read it."))
        return 0
    except passphrase.PassphraseError as err:
        raise PassphraseUsageError(
            _("{reason}; nothing was changed").format(reason=err)) from None


def unlock_for(sheet_file: Path | None, store: bool) -> None:
    """Before ``import`` or ``export``: unlock ``sheet_file`` when it is encrypted, else
    with ``store`` the saved sheet when a passphrase is set. Raises PassphraseUsageError
    when the passphrase is missing or wrong (nothing read, nothing changed)."""
    from firstsession import passphrase, vault

    if sheet_file is not None and sheet_file.is_file():
        try:
            with open(sheet_file, "rb") as handle:
                data = handle.read(vault.MAGIC.__len__())
        except OSError:
            data = b""
        if vault.is_sealed(data):
            _unlock_file(sheet_file)
            return
    if not store or not passphrase.is_set():
        return
    try:
        passphrase.unlock(_ask(passphrase.PASSPHRASE_ENV, _("Passphrase: ")))
    except passphrase.PassphraseError as err:
        raise PassphraseUsageError(
            _("your saved sheet cannot be opened: {reason}").format(reason=err)) from None


def unlock_store_only() -> None:
    """After reading an encrypted file given by name: forget its key, and hold the saved
    sheet's own key when a passphrase is set (asked again only if that one differs), so
    what is saved keeps the store's form. Raises PassphraseUsageError (nothing changed)."""
    from firstsession import passphrase, vault

    held = vault.current()
    vault.forget()
    if not passphrase.is_set():
        return
    try:
        if held is not None:
            found = passphrase.reference()
            if found is not None and held.matches(vault.read_header(found[1])):
                vault.unlock(held)  # the same key: the file came from this store
                return
        passphrase.unlock(_ask(passphrase.PASSPHRASE_ENV, _("Passphrase: ")))
    except (passphrase.PassphraseError, vault.VaultError) as err:
        raise PassphraseUsageError(
            _("your saved sheet cannot be opened: {reason}").format(reason=err)) from None


def _unlock_file(sheet_file: Path) -> None:
    from firstsession import files, passphrase, vault

    data = files.read_start(sheet_file, 64 * 1024 * 1024)
    secret = _ask(passphrase.PASSPHRASE_ENV, _("Passphrase: "))
    try:
        key = vault.key_for(secret, data)
        vault.open_sealed(data, key)
    except vault.VaultError as err:
        raise PassphraseUsageError(
            _("{file} cannot be opened: {reason}").format(
                file=files.shown(sheet_file), reason=err)) from None
    vault.unlock(key)


def add_password_option(p: argparse.ArgumentParser) -> None:
    """``export``'s ``--password``: lock the PDF with a password."""
    p.add_argument("--password", action="store_true",
                   help=_("lock the PDF with a password (AES-256), asked without showing it, "
                          "or from FIRSTSESSION_PDF_PASSWORD; without it the PDF is not "
                          "encrypted"))


def locked_if_asked(data: bytes, asked: bool) -> bytes:
    """The exported PDF ``data``, locked with a password when ``asked`` (``--password``:
    from FIRSTSESSION_PDF_PASSWORD or asked twice without echo)."""
    if not asked:
        return data
    from firstsession.pdflock import lock_pdf

    return lock_pdf(data, _ask(PASSWORD_ENV, _("PDF password: "), confirm=True))


def say_pdf_protection(asked: bool) -> None:
    """One line after an export: whether the PDF is encrypted (on stderr, a note)."""
    if asked:
        note = _("The PDF opens only with its password (AES-256).")
    else:
        note = _("Note: the PDF is not encrypted: anyone who has the file can read it "
                 "(add --password to lock it).")
    try:
        print(f"firstsession: {note}", file=sys.stderr)
    except OSError:
        pass
