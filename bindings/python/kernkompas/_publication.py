"""Published or internal: the one rule every map and writer of the package follows.

Published output (the default) holds no premise-level data: no points of single units, no
location ids, names or per-unit values (issue #8, docs/output.md). Premises are drawn only
from an internal result (``Project.run(internal=True)``, disclosure control off), and every
such map says so in its footer.
"""

from __future__ import annotations

from ._errors import ArgumentError

#: The footer of every internal map (PNG/SVG/PDF and HTML) and the GeoPackage's layer notes.
INTERNAL_NOTICE = "INTERN — niet publiceren"

#: ``GeoDataFrame.attrs`` key that :meth:`Result.locations` sets: "internal" or "published".
MODE_ATTR = "kernkompas_mode"


def is_internal(data):
    """True for an internal Result, or a frame that :meth:`Result.locations` of one made."""
    from ._project import Result

    if isinstance(data, Result):
        return bool(data.internal)
    return getattr(data, "attrs", {}).get(MODE_ATTR) == "internal"


def require_internal(data, what):
    """Refuse to draw premises of a published result.

    ``data`` is a Result or a GeoDataFrame. A Result must be internal; a frame made by
    :meth:`Result.locations` carries the result's mode and must be internal too. Any other
    frame is the caller's own layer and is drawn as given.
    """
    from ._project import Result

    mode = "internal" if isinstance(data, Result) and data.internal else \
        "published" if isinstance(data, Result) else getattr(data, "attrs", {}).get(MODE_ATTR)
    if mode == "published":
        raise ArgumentError(
            f"{what}: this result is published output, and published maps show no individual premises "
            "(no points, ids or names). Draw premises only from an internal run "
            "(project.run(internal=True); the map then carries the footer "
            f"'{INTERNAL_NOTICE}') and do not publish it.")
