"""The command line's ``--country`` option and the note for a packet that names no country.

``--country`` takes a code, an alias or a name and gives an ISO code. The matching itself
(codes in any case, aliases such as UK, CLDR names in English and in the language spoken
now, the closest codes for an unknown value) is ``crisis.resolve_country``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def country_type(value: str) -> str:
    """``--country``'s value as an ISO code ("uk", "England" -> "GB"); an unknown one is
    one line naming the closest codes, exit status 2 (argparse's type errors).

    Raises argparse.ArgumentTypeError for a value that names no country."""
    import argparse

    from firstsession.crisis import CountryError, resolve_country

    try:
        return resolve_country(value)
    except CountryError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def note_packet_country(path: Path, country: str) -> None:
    """One line on stderr when an old packet names no country: whose numbers are shown
    (``country``, the --country code, else the system's country)."""
    from firstsession import content, localeinfo
    from firstsession.crisis import country_label
    from firstsession.i18n import _
    from firstsession.outputs import printable

    code = country or localeinfo.guess_country()
    shown = country_label(content.load().crisis_for(code))
    print(_("firstsession: note: {file} does not say its country; set it in the packet "
            "editor. This handout shows the emergency numbers for {country}.").format(
                file=printable(str(path)), country=shown), file=sys.stderr)
