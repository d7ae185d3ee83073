"""Guesses from the system's locale: the person's country and their paper size.

Only the environment and the standard library are read; the person can always
change the country in the app (it is stored in the sheet).
"""

from __future__ import annotations

import os

# Countries that use US Letter paper; everywhere else uses A4.
LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR", "DO"})


def system_locale_name() -> str:
    for var in ("LC_ALL", "LC_PAPER", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value
    import locale  # only when the environment names no locale

    try:
        return locale.getlocale()[0] or ""
    except ValueError:
        return ""


def guess_country(locale_name: str | None = None) -> str:
    """'en_GB.UTF-8' -> 'GB'; '' when the locale names no country."""
    name = system_locale_name() if locale_name is None else locale_name
    base = name.split(".")[0].split("@")[0]
    if "_" in base:
        country = base.split("_")[1].upper()
        if len(country) == 2 and country.isalpha():
            return country
    return ""


def paper_for(country: str) -> str:
    return "Letter" if country.upper() in LETTER_COUNTRIES else "A4"


def resolve_paper(choice: str, country: str) -> str:
    """The sheet's paper option ('auto', 'A4', 'Letter') made concrete."""
    if choice in ("A4", "Letter"):
        return choice
    return paper_for(country or guess_country())
