"""No core dumps: a crash dump of First Session would hold everything the person typed."""

from __future__ import annotations


def forbid_core_dumps() -> bool:
    """Set this process's core-file size limit to 0, soft and hard (POSIX only).

    Children inherit the limit, and a hard limit of 0 cannot be raised again by
    this process. Returns True when the limit is now 0; False where there is no
    such limit (Windows) or the system refused (nothing is raised: the app still runs).
    """
    try:
        import resource
    except ImportError:  # Windows has no RLIMIT_CORE
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (OSError, ValueError):
        return False
    return True
