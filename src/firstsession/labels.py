"""Labels of the person's and the practice's fields, worded once for the app and the PDF.

Plain strings (no Qt, no reportlab): the app passes them through ``self.tr``, the PDF
prints them. Wording only the PDF uses (headings, notes) stays in ``pdf/``.
"""

from __future__ import annotations

# About me
NAME = "Name I go by"
PRONOUNS = "Pronouns"
LANGUAGE = "Language I prefer"

# My feelings: the answers about why I come, and each feeling's details
WHAT_BRINGS_ME = "What brings me"
GOALS = "What I hope for"
HOPED_CHANGE = "What I hope will change"
WHEN_WHERE_QUESTION = "When and where does it show up?"
WHEN_WHERE = "When and where"
BODY = "In my body"
HELPS = "What helps"

# Before the day, and my notes
NERVOUS = "Questions I\u2019m nervous to ask"
NOTES = "Notes"

# A counsellor packet's policies, in the order they are shown (packet field, label)
FEES = "Fees"
INSURANCE = "Insurance"
SLIDING_SCALE = "Sliding scale"
CANCELLATION = "Cancellation policy"
CONFIDENTIALITY = "Confidentiality"
POLICIES: tuple[tuple[str, str], ...] = (
    ("fees", FEES),
    ("insurance", INSURANCE),
    ("sliding_scale", SLIDING_SCALE),
    ("cancellation", CANCELLATION),
    ("confidentiality", CONFIDENTIALITY),
)

# A practice's contact details
CLINICIANS = "Clinicians"
ADDRESS = "Address"
PHONE = "Phone"
EMAIL = "Email"
WEBSITE = "Website"
