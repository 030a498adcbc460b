"""``python -m smo_metrics``: see :mod:`smo_metrics.cli`."""

from smo_metrics.cli import main

raise SystemExit(main())
