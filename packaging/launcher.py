"""The bundle's program: the same ``firstsession`` command as an installed one."""

import sys

from firstsession.cli import main

sys.exit(main())
