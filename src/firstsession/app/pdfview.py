"""Moved: printing to ``app.printing``, the preview to ``app.preview``, rendering away from the
window to ``app.rendering``. Only the packet editor still imports this name (issue 10)."""

from firstsession.app.preview import load_bytes  # noqa: F401  # re-export for the merge; removed by the lead
