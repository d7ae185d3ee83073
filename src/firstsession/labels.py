"""Labels of the person's and the practice's fields, worded once for the app and the PDF.

Plain strings (no Qt, no reportlab): the app passes them through ``self.tr`` (the packet
editor adds its mnemonic ampersand first), the PDF prints them. Where the app asks a
question and the PDF prints a short label for the same field, the two live side by side
(``HELPS_QUESTION`` and ``HELPS``). Wording only the PDF uses (headings, notes) stays in
``pdf/``.
"""

from __future__ import annotations

# About me
NAME = "Name I go by"
PRONOUNS = "My pronouns"
LANGUAGE = "Language for therapy"

# My feelings: the answers about why I come, and each feeling's details
WHAT_BRINGS_ME = "What brings me here"
GOALS = "What I hope for"
HOPED_CHANGE = "What I hope will change"
WHEN_WHERE_QUESTION = "When and where does it show up?"
WHEN_WHERE = "When and where"
BODY = "In my body"
HELPS_QUESTION = "What helps, even a little?"
HELPS = "What helps"
BODY_QUESTION = "Where do you feel it in your body?"
CHOSEN_FEELINGS = "My chosen feelings"
ABOUT_FEELING = "About \u201c%1\u201d"  # the box around one feeling's details

# Before the day, and my notes
NERVOUS = "Questions I\u2019m nervous to ask"
NOTES = "Notes"
NOTES_QUESTION = "Anything else to remember"  # the field's label in the app

# A therapist I have talked to
THERAPIST_CONTACT = "How to reach them"
THERAPIST_FIT_QUESTION = "How good a fit did they feel?"
THERAPIST_FIT = "How well they fit me"
THERAPIST_NOTES = "Other notes"
THERAPIST_NAME = "Name"
NOTES_ABOUT = "Your notes about %1"  # the box around one therapist's notes
UNNAMED_PERSON = "Person %1 (no name yet)"

# A counsellor packet: the welcome note (the field, and its heading as clients read it)
WELCOME_NOTE = "Welcome note"
WELCOME = "Welcome"
LOCAL_CRISIS_LINES = "Local crisis lines"

# How sessions happen: the heading, and the sentence for each ``Packet.session_format``
SESSION_FORMAT = "How we meet"
SESSION_FORMATS: dict[str, str] = {
    "in_person": "Sessions are in person.",
    "online": "Sessions are online.",
    "both": "Sessions can be in person or online.",
}

# A counsellor packet's policies, by packet field (``packet.practice_policies`` gives the order)
FEES = "Fees"
INSURANCE = "Insurance"
SLIDING_SCALE = "Sliding scale"
CANCELLATION = "Cancellation policy"
CONFIDENTIALITY = "Confidentiality"
POLICIES: dict[str, str] = {
    "fees": FEES,
    "insurance": INSURANCE,
    "sliding_scale": SLIDING_SCALE,
    "cancellation": CANCELLATION,
    "confidentiality": CONFIDENTIALITY,
}

# A practice's contact details, by Practice field (``packet.practice_contact`` gives the order)
CONTACT = "How to reach us"
CLINICIANS = "Clinicians"
ADDRESS = "Address"
PHONE = "Phone"
EMAIL = "Email"
WEBSITE = "Website"
CONTACT_DETAILS: dict[str, str] = {
    "address": ADDRESS,
    "phone": PHONE,
    "email": EMAIL,
    "website": WEBSITE,
}
