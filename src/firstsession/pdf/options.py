"""How a PDF is asked for: ``SheetOptions`` and ``HandoutOptions``, each written once.

A leaf with no reportlab, so the app and the command line can name it at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from collections.abc import Collection

    from firstsession.content import Content
    from firstsession.packet import Packet


class HandoutOptions(TypedDict, total=False):
    """The handout's options, each optional, written once for ``render_blank``,
    ``render_blank_copies``, ``export_blank`` and ``handout.render``.

    - ``content``: the words (None: the bundled bank, loaded on first use);
    - ``paper``: "A4" or "Letter"; None or "auto" follows the locale;
    - ``country``: the crisis lines' country code ("" means the locale's country);
    - ``packet``: a counsellor packet (its header, practice page, steps and lines);
    - ``fillable``: a PDF form to fill in on screen instead of ruled lines;
    - ``language``: the language of its fixed words (a tag, "es"); None or "" follows the
      packet's ``language`` when there is a packet (a practice's handout is in the language
      it names), else the language spoken now (``i18n.current``).
    """

    content: Content | None
    paper: str | None
    country: str
    packet: Packet | None
    fillable: bool
    language: str | None


class SheetOptions(TypedDict, total=False):
    """The filled sheet's options, each optional, written once for ``render_sheet``,
    ``export_sheet`` and ``sheet.render``.

    - ``content``: the words (None: the bundled bank; a sheet with a packet uses the
      packet's view of it);
    - ``paper``: "A4" or "Letter"; None or "auto" follows the sheet's choice, then the locale;
    - ``replace_missing``: writing no bundled font can draw (Javanese, say) is printed
      as its script's name in brackets ("[Javanese]") instead of raising PdfError;
    - ``pages``: 1-based page numbers to keep, still numbered as in the whole sheet.
    """

    content: Content | None
    paper: str | None
    replace_missing: bool
    pages: Collection[int] | None
