"""The Spanish of issue 15's words (in locale/es/LC_MESSAGES/firstsession.po, the part merged):
every message translated, its fields and accelerators kept, usted throughout, and the domain
speaks it once compiled."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from core_catalogue import CATALOGUE, speak_spanish

from firstsession import i18n

# Issue 15's modules: every message they mark is one of this issue's words.
PRIVACY_SOURCES = ("src/firstsession/vault.py", "src/firstsession/passphrase.py",
                   "src/firstsession/cli_privacy.py", "src/firstsession/pdflock.py",
                   "src/firstsession/app/lock.py", "src/firstsession/app/privacy.py",
                   "src/firstsession/app/secretdialog.py")
FIELDS = re.compile(r"\{[a-z_]+\}|%\d")


def _messages() -> list[tuple[str, str]]:
    """(English, Spanish) for every message of the catalogue found in issue 15's modules."""
    with CATALOGUE.open("rb") as handle:
        catalog = read_po(handle)
    pairs = []
    for message in catalog:
        if not message.id or not any(where in PRIVACY_SOURCES
                                     for where, _line in message.locations):
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs.extend(zip(ids + ids[-1:] * (len(strings) - len(ids)), strings, strict=True))
    return pairs


def test_every_message_is_translated_with_its_fields_and_accelerator() -> None:
    """No empty translation; the same {fields} and %1; an & where the English has one."""
    pairs = _messages()
    assert len(pairs) > 90
    for english, spanish in pairs:
        assert spanish, english
        assert sorted(FIELDS.findall(english)) == sorted(FIELDS.findall(spanish)), english
        assert ("&" in english) == ("&" in spanish), english


def test_the_spanish_speaks_as_usted_and_never_vosotros() -> None:
    """The register of templates/es: usted (no tú imperatives of ours, no vosotros)."""
    text = " ".join(spanish for _, spanish in _messages()).lower()
    for form in ("vosotros", "escribid", "pulsad", "tienes", "puedes", "tu hoja"):
        assert form not in text, form


@pytest.fixture
def spanish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The Spanish catalogue as written now, compiled into a translations folder; Spanish
    for this test, English again after it."""
    speak_spanish(monkeypatch, tmp_path)
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def test_a_wrong_passphrase_is_said_in_spanish(spanish: None) -> None:
    """The domain's words go through gettext: in Spanish once the catalogue is there."""
    from firstsession import passphrase, storage, vault
    from firstsession.model import Sheet

    storage.save_sheet(Sheet())
    vault.unlock(vault.derive("bien", vault.KdfParams(1024, 1, 1)))
    storage.save_sheet(Sheet(notes="x"))
    vault.lock()
    with pytest.raises(passphrase.PassphraseError, match="esa frase de contraseña no la abrió"):
        passphrase.check("mal")
