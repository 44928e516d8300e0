"""kernkompas: the vestigingsklimaat engine for Python.

Indicators per kern (village core) from a business register: counts, sector mix, density,
establishments per inhabitant, and the indicators the engine gains later. The work is done
by the C++ engine (with the GIL released); this package returns pandas and geopandas
objects and draws maps.

Examples
--------
>>> import kernkompas
>>> result = kernkompas.load_default().run()
>>> result.kern_table()[["kern_name", "n_locations", "density_per_km2"]]
>>> from kernkompas import maps
>>> ax = maps.choropleth(result, "density_per_km2")
>>> maps.save(ax, "density.png")

The mapping helpers (:mod:`kernkompas.maps`, matplotlib) and the offline HTML map
(:mod:`kernkompas.interactive`) are imported on first use.
"""

from __future__ import annotations

from ._errors import ArgumentError, Cancelled, ErrorCode, InputError, KernkompasError
from . import _core
from ._assign import assign_points
from ._frames import KERN_FIELDS, LOCATION_FIELDS, from_arrays, from_geodataframes
from ._paths import capi_header_path, capi_library_path, default_config_path
from ._project import Project, Result, load, load_default
from . import access, stats


def options():
    """Every option a run takes, as a list of dicts.

    Keys: ``name`` (qualified, ``"hotspots.cell_size_m"``), ``section``, ``key``, ``type``
    (integer, real, boolean, text, date), ``default`` (None = none), ``allowed`` (in
    words), ``min``, ``max``, ``choices``, ``unit``, ``doc`` and ``alias`` (an older name
    still accepted). The same list drives the TOML reader, the C API, ``Project.run`` and
    ``kernkompas options`` on the command line.
    """
    return _core.option_list()

__version__ = _core.__version__

__all__ = [
    "ArgumentError",
    "Cancelled",
    "ErrorCode",
    "InputError",
    "KERN_FIELDS",
    "KernkompasError",
    "LOCATION_FIELDS",
    "Project",
    "options",
    "Result",
    "__version__",
    "access",
    "assign_points",
    "capi_header_path",
    "capi_library_path",
    "default_config_path",
    "from_arrays",
    "from_geodataframes",
    "interactive",
    "load",
    "load_default",
    "maps",
    "stats",
]


def __getattr__(name):
    # Lazy submodules: matplotlib is only imported when maps are drawn.
    if name in ("maps", "interactive"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'kernkompas' has no attribute {name!r}")
