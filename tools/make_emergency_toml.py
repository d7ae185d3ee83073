"""Regenerate templates/emergency.toml from libphonenumber's short-number metadata.

Run: python tools/make_emergency_toml.py > templates/emergency.toml
Every number written is one that `phonenumbers.shortnumberinfo.is_emergency_number`
accepts for that region. Where a region has several, CHOICES below says which to show
first; those choices were made by hand and are marked `review = true` for a person to
check against a government page (tests/test_crisis_data.py walks the file).
"""

from __future__ import annotations

import itertools
import re

import phonenumbers
from babel import Locale
from phonenumbers import PhoneMetadata
from phonenumbers import shortnumberinfo as sni

# ISO 3166-1 alpha-2 (249 codes) plus XK (Kosovo, user-assigned but used by libphonenumber).
ISO = (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "
    "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
    "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
    "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
    "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
    "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
    "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
    "VN VU WF WS YE YT ZA ZM ZW XK"
).split()

# 112 is the general number across Europe; 911 across North America and much of Latin America.
EUROPE_112 = set(
    "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GL GR HR HU IS IT LI LT LU LV MC MD "
    "ME MK MT NL NO PL PT RO RS SE SI SJ SK SM UA VA XK".split()
) - {"BA", "SM"}
AMERICAS_911 = set(
    "US CA PR VI GU AS MP AG AI BB BM BS DM DO GD JM KN KY LC MS TC VC VG MX CR PA SV EC PY UY "
    "VE AW CW BQ MH PW FM".split()
)

# Several confirmed numbers, and no single general one: the ones to show, ambulance first
# where known. Hand-made (the data author's reading), so each carries review = true.
CHOICES: dict[str, list[str]] = {
    "AE": ["998", "999"], "AM": ["103"], "AO": ["112"], "AR": ["107", "911"], "AU": ["000"],
    "AZ": ["112", "103"], "BA": ["124", "122"], "BD": ["999"], "BH": ["999"], "BI": ["112"],
    "BJ": ["112"], "BN": ["991"], "BR": ["192", "190"], "BT": ["112"], "BW": ["997", "999"],
    "CC": ["000"], "CL": ["131", "133"], "CN": ["120", "110"], "CO": ["123"],
    "CU": ["104", "106"], "CX": ["000"], "EG": ["123", "122"], "FJ": ["911"],
    "GB": ["999", "112"], "GE": ["112"], "GG": ["999", "112"], "GH": ["193", "999"],
    "GI": ["112", "190"], "HK": ["999"], "ID": ["112", "119"], "IE": ["112", "999"],
    "IL": ["101", "100", "112"], "IN": ["112", "108"], "IR": ["115", "110", "112"],
    "JE": ["999", "112"], "JO": ["911"], "JP": ["119", "110"], "KE": ["999", "112"],
    "KR": ["119", "112"], "KZ": ["112", "103"], "LB": ["140", "112"], "LR": ["911"],
    "MA": ["15", "19"], "MQ": ["15", "112"], "MU": ["114", "999"], "MY": ["999", "112"],
    "NP": ["102", "100", "112"], "OM": ["9999"], "PH": ["911"], "PK": ["1122", "15"],
    "RE": ["15", "112"], "RU": ["112", "103"], "RW": ["112"], "SA": ["911", "997"],
    "SG": ["995", "999"], "SM": ["118", "113"], "TH": ["1669", "191"], "TJ": ["112", "103"],
    "TL": ["112"], "TR": ["112"], "TT": ["990", "999"], "TW": ["119", "110"], "TZ": ["112"],
    "VN": ["115", "113"], "YT": ["15", "112"], "ZA": ["10177", "10111", "112"],
    "ZM": ["112", "999"], "ZW": ["112", "999"],
    # French overseas: 15 is SAMU (medical), 17 police, 18 fire.
    "GF": ["15", "17", "18"], "GP": ["15", "17", "18"], "MF": ["15", "17", "18"],
    "PM": ["15", "17", "18"], "PF": ["15", "17", "18"], "WF": ["15", "17", "18"],
    "NC": ["15", "17", "18"], "BL": ["18"], "GA": ["1300", "18"],
}

# No emergency number in libphonenumber's short-number data.
NOT_IN_LIBPHONENUMBER = {
    "AQ": "Antarctica: no public emergency service; research stations have their own.",
    "BV": "Bouvet Island: uninhabited.",
    "HM": "Heard Island and McDonald Islands: uninhabited.",
    "GS": "South Georgia and the South Sandwich Islands: no permanent population.",
    "UM": "U.S. Outlying Islands: no permanent population.",
    "TF": "French Southern Territories: no permanent population.",
    "IO": "British Indian Ocean Territory: military base, no public data.",
    "PN": "Pitcairn Islands: no number in libphonenumber; not sourced.",
    "TK": "Tokelau: no number in libphonenumber; not sourced.",
    "GQ": "Equatorial Guinea: no number in libphonenumber; not sourced.",
    "GN": "Guinea: libphonenumber has short numbers but no emergency pattern; not sourced.",
}


def confirmed_numbers(region: str) -> list[str]:
    """Every 2- to 5-digit number libphonenumber calls an emergency number in region."""
    md = PhoneMetadata.short_metadata_for_region(region)
    if md is None or md.emergency is None or md.emergency.national_number_pattern is None:
        return []
    pattern = re.compile(md.emergency.national_number_pattern)
    found = []
    for length in sorted(set(md.emergency.possible_length or (2, 3, 4))):
        if length > 5:
            continue
        for digits in itertools.product("0123456789", repeat=length):
            number = "".join(digits)
            if pattern.fullmatch(number) and sni.is_emergency_number(number, region):
                found.append(number)
    return found


def q(items: list[str]) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"


def main() -> None:
    names = Locale("en").territories
    print("# Emergency numbers (police, ambulance, fire) for every ISO 3166-1 country and")
    print("# territory. GENERATED by tools/make_emergency_toml.py from libphonenumber")
    print(f"# {phonenumbers.__version__} short-number metadata; see docs/CONTENT_FORMAT.md.")
    print("# call      = the number(s) to show, in order (the first is the one for a medical")
    print("#             or mental-health emergency where the country has several)")
    print("# confirmed = every number libphonenumber's is_emergency_number accepts there")
    print("# review    = true where the choice among several numbers was made by hand:")
    print("#             a person should check it against a government page")
    print()
    print("[meta]")
    print("reviewed = 2026-11-30")
    print(f'libphonenumber = "{phonenumbers.__version__}"')
    for code in ISO:
        print()
        print("[[countries]]")
        print(f'code = "{code}"')
        print(f'name = "{names.get(code, code)}"')
        found = confirmed_numbers(code)
        if not found:
            print("call = []")
            print('confirmed_by = "none"')
            print(f'note = "{NOT_IN_LIBPHONENUMBER[code]}"')
            continue
        if code in CHOICES:
            call, how, review = CHOICES[code], "several numbers; chosen by hand", True
        elif code in EUROPE_112 and "112" in found:
            call, how, review = ["112"], "112, the general European number", False
        elif code in AMERICAS_911 and "911" in found:
            call, how, review = ["911"], "911, the general number", False
        elif len(found) == 1:
            call, how, review = found, "the only emergency number", False
        else:
            call, how, review = found, "several numbers, all shown; none chosen yet", True
        assert set(call) <= set(found), (code, call, found)
        print(f"call = {q(call)}")
        print(f"confirmed = {q(found)}")
        print('confirmed_by = "libphonenumber"')
        print(f'choice = "{how}"')
        print(f"review = {'true' if review else 'false'}")


if __name__ == "__main__":
    main()
