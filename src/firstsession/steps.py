"""The preparation's steps, in the app's order: the one step table the domain shares.

Nearly a leaf (it imports only ``i18n``), so the sheet, packets, progress and the PDF can
all name steps without importing each other. The steps' titles are words people
read: marked here with ``N_`` (``STEP_NAMES``) and put into the current language by
``step_name`` when shown (the app's ``app.widgets.step_titles`` uses the same words).
"""

from __future__ import annotations

from firstsession.i18n import N_, _

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

# The steps' names as people see them (the side list, the packet editor, messages).
STEP_NAMES: dict[str, str] = {
    "welcome": N_("Welcome"),
    "expect": N_("What to expect"),
    "feelings": N_("My feelings"),
    "background": N_("My background"),
    "questions": N_("Questions for therapists"),
    "therapists": N_("Compare therapists"),
    "before": N_("Before the day"),
    "export": N_("Print and export"),
}


def step_name(step_id: str) -> str:
    """A step's name in the current language ("feelings" -> "My feelings" / "Mis
    sentimientos"); an unknown id is returned as it is."""
    name = STEP_NAMES.get(step_id)
    return _(name) if name is not None else step_id
