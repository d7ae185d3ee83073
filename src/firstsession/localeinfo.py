"""Guesses from the system's locale: the person's country and their paper size.

Only the environment is read here (no Qt); the app adds what Qt knows about the
system's settings (see ``use_platform_locale``). The person can always change the
country in the app (it is stored in the sheet).
"""

from __future__ import annotations

import os

# Countries that use US Letter paper; everywhere else uses A4.
LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR", "DO"})

_platform_locale = ""


def use_platform_locale(name: str) -> None:
    """The app passes Qt's name for the system locale (e.g. "en_GB"), which also
    reads the regional settings of Windows and macOS, where no variable is set."""
    global _platform_locale
    _platform_locale = name


def system_locale_name() -> str:
    """The locale named by the environment, else by the platform; "" if none.

    "C" and "POSIX" name no country. (Python's locale module would turn "C.UTF-8"
    into "en_US", a guess we do not want to make for anyone.)
    """
    named = [os.environ.get(var, "") for var in ("LC_ALL", "LC_PAPER", "LC_MESSAGES", "LANG")]
    for value in [*named, _platform_locale]:
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value
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
