"""``python -m kernkompas maps``: see :mod:`kernkompas.report`."""

from .report import main

raise SystemExit(main())
