"""Allow ``python -m specpipe``."""

from specpipe.cli import main

raise SystemExit(main())
