"""Allow ``python -m firstsession``."""

from firstsession.cli import main

raise SystemExit(main())
