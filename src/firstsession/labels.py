"""Labels of the person's and the practice's fields, worded once for the app and the PDF.

Plain strings (no Qt, no reportlab): the app passes them through ``self.tr`` (the packet
editor adds its mnemonic ampersand first), the PDF prints them. Where the app asks a
question and the PDF prints a short label for the same field, the two live side by side
(``HELPS_QUESTION`` and ``HELPS``). Wording only the PDF uses (headings, notes) stays in
``pdf/``.

Each is marked with ``N_`` for the catalogue and stays English here: the PDF passes
it through ``i18n._`` when it prints it, the app through ``self.tr``.
"""

from __future__ import annotations

from firstsession.i18n import N_

# About me
NAME = N_("Name I go by")
PRONOUNS = N_("My pronouns")
LANGUAGE = N_("Language for therapy")

# My feelings: the answers about why I come, and each feeling's details
WHAT_BRINGS_ME = N_("What brings me here")
GOALS = N_("What I hope for")
HOPED_CHANGE = N_("What I hope will change")
WHEN_WHERE_QUESTION = N_("When and where does it show up?")
WHEN_WHERE = N_("When and where")
BODY = N_("In my body")
HELPS_QUESTION = N_("What helps, even a little?")
HELPS = N_("What helps")
BODY_QUESTION = N_("Where do you feel it in your body?")
CHOSEN_FEELINGS = N_("My chosen feelings")
ABOUT_FEELING = N_("About \u201c%1\u201d")  # the box around one feeling's details

# Before the day, and my notes
NERVOUS = N_("Questions I\u2019m nervous to ask")
NOTES = N_("Notes")
NOTES_QUESTION = N_("Anything else to remember")  # the field's label in the app

# A therapist I have talked to
THERAPIST_CONTACT = N_("How to reach them")
THERAPIST_FIT_QUESTION = N_("How good a fit did they feel?")
THERAPIST_FIT = N_("How well they fit me")
THERAPIST_NOTES = N_("Other notes")
THERAPIST_NAME = N_("Name")
NOTES_ABOUT = N_("Your notes about %1")  # the box around one therapist's notes
UNNAMED_PERSON = N_("Person %1 (no name yet)")

# A counsellor packet: the welcome note (the field, and its heading as clients read it)
WELCOME_NOTE = N_("Welcome note")
WELCOME = N_("Welcome")
LOCAL_CRISIS_LINES = N_("Local crisis lines")

# How sessions happen: the heading, and the sentence for each ``Packet.session_format``
SESSION_FORMAT = N_("How we meet")
SESSION_FORMATS: dict[str, str] = {
    "in_person": N_("Sessions are in person."),
    "online": N_("Sessions are online."),
    "both": N_("Sessions can be in person or online."),
}

# A counsellor packet's policies, by packet field (``packet.practice_policies`` gives the order)
FEES = N_("Fees")
INSURANCE = N_("Insurance")
SLIDING_SCALE = N_("Sliding scale")
CANCELLATION = N_("Cancellation policy")
CONFIDENTIALITY = N_("Confidentiality")
POLICIES: dict[str, str] = {
    "fees": FEES,
    "insurance": INSURANCE,
    "sliding_scale": SLIDING_SCALE,
    "cancellation": CANCELLATION,
    "confidentiality": CONFIDENTIALITY,
}

# A practice's contact details, by Practice field (``packet.practice_contact`` gives the order)
CONTACT = N_("How to reach us")
CLINICIANS = N_("Clinicians")
ADDRESS = N_("Address")
PHONE = N_("Phone")
EMAIL = N_("Email")
WEBSITE = N_("Website")
CONTACT_DETAILS: dict[str, str] = {
    "address": ADDRESS,
    "phone": PHONE,
    "email": EMAIL,
    "website": WEBSITE,
}
