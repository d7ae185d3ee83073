"""A password on an exported PDF: AES-256 (PDF 2.0's standard security handler, revision 6).

reportlab 5.1 can only encrypt with RC4 (40 or 128 bits, long broken) unless the
unmaintained ``pyaes`` package is installed, and even then with revision 5, which PDF 2.0
withdrew for its weaker password check. So the finished PDF is encrypted afterwards by
``pypdf`` (whose AES comes from ``cryptography``): any PDF reader asks for the password
before it shows a page. See PRIVACY.md. No Qt here; pypdf is imported only when used.
"""

from __future__ import annotations

import io

from firstsession.i18n import _


def lock_pdf(data: bytes, password: str) -> bytes:
    """``data`` (a whole PDF) encrypted with AES-256 so that it opens only with ``password``
    (UTF-8, the owner password the same). Printing and copying stay allowed once opened.
    Raises ValueError for an empty password."""
    if not password:
        raise ValueError(_("a PDF password cannot be empty"))
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
