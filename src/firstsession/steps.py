"""The preparation's steps, in the app's order: the one step table the domain shares.

A leaf: it imports nothing of ours, so the sheet, packets, progress and the PDF can
all name steps without importing each other. The steps' titles are words people
read, so they live with the app's translations (``app.widgets.step_titles``).
"""

from __future__ import annotations

STEP_IDS: tuple[str, ...] = (
    "welcome",
    "expect",
    "feelings",
    "background",
    "questions",
    "therapists",
    "before",
    "export",
)
# The steps a counsellor's packet can never hide: the start and the way out.
ALWAYS_STEPS: tuple[str, ...] = ("welcome", "export")
