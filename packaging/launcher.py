"""The bundle's program: the same ``firstsession`` command as an installed one."""

import sys

if "--multiprocessing-fork" in sys.argv or "-c" in sys.argv:
    # A copy started by multiprocessing (the preview's renderer, its resource tracker):
    # PyInstaller's multiprocessing hook, left out of every other start (firstsession.spec),
    # then freeze_support, which runs that copy's work and exits.
    import multiprocessing

    import pyi_rth_multiprocessing  # noqa: F401 (patches multiprocessing.freeze_support)

    multiprocessing.freeze_support()

from firstsession.cli import main  # noqa: E402

sys.exit(main())
