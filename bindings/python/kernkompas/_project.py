"""Projects (the inputs of an analysis) and results, over the compiled ``_core`` module.

numpy is the only eager dependency here; pandas, geopandas and shapely are imported when a
method that returns their types is called.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import numpy as np

from . import _core
from ._paths import default_config_path
from ._publication import MODE_ATTR

__all__ = ["Project", "Result", "load", "load_default"]

_NULL_INTEGER = np.iinfo(np.int64).min
_NO_DATE = np.iinfo(np.int32).min
BUITENGEBIED = "buitengebied"


def load(config_path, progress=None):
    """Read a project from its TOML configuration and the layers it names.

    Parameters
    ----------
    config_path : str or os.PathLike
        The configuration file (see the command line's documentation). Relative layer paths
        in it are resolved against the file's folder.
    progress : callable, optional
        ``progress(step: str, fraction: float) -> bool | None``, called between reading
        steps with the GIL held. Return ``False`` to cancel.

    Returns
    -------
    Project
        The kernen and locations in the configured working CRS.

    Raises
    ------
    InputError
        For a missing or malformed file, a missing mapped column, a bad value, a duplicate
        id, an implausible CRS ...; the message names the file, the record and the problem.
    Cancelled
        When ``progress`` returned ``False``.

    Notes
    -----
    The reading runs with the GIL released.
    """
    return Project(_core.Project.load(str(Path(config_path)), progress))


def load_default(progress=None):
    """Read the embedded Wijdemeren data (kernen and a synthetic business register).

    Parameters
    ----------
    progress : callable, optional
        As in :func:`load`.

    Returns
    -------
    Project
        Six kernen of Wijdemeren and 3,210 locations; see ``datasets/README.md``.

    See Also
    --------
    default_config_path : where the data is looked for.
    """
    return load(default_config_path(), progress)


class Project:
    """The input layers of one analysis: kernen (polygons) and locations (points).

    Build one with :func:`load`, :func:`load_default` or :func:`from_geodataframes`. A
    project is immutable and may be shared between threads; :meth:`run` may be called
    several times.
    """

    def __init__(self, core):
        if not isinstance(core, _core.Project):
            raise TypeError("use kernkompas.load(), load_default() or from_geodataframes()")
        self._core = core

    def __repr__(self):
        return (f"<kernkompas.Project {self.area_name!r}: {self.kern_count} kernen, "
                f"{self.location_count} locations, {self.working_crs}>")

    @property
    def area_name(self):
        """str : Name of the area, e.g. ``"Wijdemeren"``."""
        return self._core.area_name

    @property
    def working_crs(self):
        """str : The metric CRS every computation runs in, as configured (``"EPSG:28992"``)."""
        return self._core.working_crs

    @property
    def crs(self):
        """pyproj.CRS : The working CRS (needs pyproj)."""
        import pyproj

        return pyproj.CRS.from_user_input(self.working_crs)

    @property
    def crs_wkt(self):
        """str : The working CRS as WKT2 (needs pyproj)."""
        import pyproj

        return pyproj.CRS.from_user_input(self.working_crs).to_wkt()

    @property
    def source(self):
        """pathlib.Path or None : The configuration file read, ``None`` for in-memory data."""
        return Path(self._core.source) if self._core.source else None

    @property
    def notes(self):
        """list of str : Things worth knowing that are not errors (repaired polygons, ...)."""
        return list(self._core.notes)

    @property
    def kern_count(self):
        """int : Number of kernen (without buitengebied)."""
        return self._core.kern_count

    @property
    def location_count(self):
        """int : Number of locations in the current register."""
        return self._core.location_count

    @property
    def snapshot_date(self):
        """datetime.date or None : Reference date of the current register, if known."""
        text = self._core.snapshot_date
        return _dt.date.fromisoformat(text) if text else None

    @property
    def kern_codes(self):
        """list of str : Kern codes in layer order."""
        return list(self._core.kern_codes)

    @property
    def kern_names(self):
        """list of str : Kern names in layer order."""
        return list(self._core.kern_names)

    @property
    def settings(self):
        """dict : Every option :meth:`run` starts from, by qualified name.

        ``{"execution.threads": 1, "disclosure.k": 5, "vacancy.confidence": 0.95, ...}``:
        the configuration's option sections, engine defaults elsewhere. ``None`` means
        "none" (no benchmark, no reference date, automatic distance band).
        :func:`kernkompas.options` lists every option with its meaning and allowed values.
        """
        return dict(self._core.settings)

    def run(self, threads=None, progress=None, *, internal=None, seed=None, options=None, **sections):
        """Run every indicator family that applies.

        Parameters
        ----------
        threads : int, optional
            Worker threads (``execution.threads``); results do not depend on it.
        progress : callable, optional
            ``progress(step: str, fraction: float) -> bool | None``, called with the GIL
            held between steps and blocks of work. Return ``False`` to cancel. An exception
            raised inside it cancels the run and is re-raised. Ctrl-C also cancels.
        internal : bool, optional
            Internal output (``disclosure.internal``): no disclosure control, never
            publish it. Default: the configuration's setting (published output).
        seed : int, optional
            Seed of every random stream (``execution.seed``); results depend only on it.
            Any whole number ``0 <= seed <= 2**64 - 1``; others raise :class:`ArgumentError`.
        options : dict, optional
            Options by qualified name, e.g. ``{"hotspots.cell_size_m": 500}``.
        **sections : dict
            Options by section, one keyword per section of :func:`kernkompas.options`:
            ``vacancy={"confidence": 0.9}``, ``disclosure={"k": 10}``,
            ``hotspots={"permutations": 99}``. An option's older name is accepted too
            (``vacancy={"seed": 7}``).

        Returns
        -------
        Result

        Raises
        ------
        Cancelled
            When ``progress`` returned ``False``.
        ArgumentError
            (a ``ValueError``) for an unknown option or a value out of range; the message
            names the option and the allowed values.
        InputError
            When the data cannot give an indicator, e.g. vacant-since dates without a
            reference date.

        Notes
        -----
        The computation runs with the GIL released, so other Python threads go on.
        """
        overrides = {}
        for section, values in sections.items():
            if not isinstance(values, dict):
                raise TypeError(f"{section}= takes a dict of options, e.g. {section}={{'key': value}}")
            for key, value in values.items():
                overrides[f"{section}.{key}"] = value
        overrides.update(options or {})
        if threads is not None:
            overrides["execution.threads"] = threads
        if internal is not None:
            overrides["disclosure.internal"] = bool(internal)
        if seed is not None:
            overrides["execution.seed"] = seed
        return Result(self._core.run(progress, overrides), self)

    def kernen(self):
        """The kern polygons with their code, name, aliases and population.

        Returns
        -------
        geopandas.GeoDataFrame
            One row per kern in layer order, MultiPolygons in the working CRS.
        """
        import geopandas as gpd

        return gpd.GeoDataFrame(
            {
                "kern_code": self.kern_codes,
                "kern_name": self.kern_names,
                "aliases": [";".join(a) for a in self._core.kern_aliases],
                "population": np.array(self._core.kern_population),
            },
            geometry=_kern_geometries(self._core),
            crs=self.working_crs,
        )

    def locations(self):
        """The locations of the current register as points with their fields.

        Returns
        -------
        geopandas.GeoDataFrame
            Columns ``id``, then those the input had among ``name``, ``sbi``,
            ``sbi_section``, ``floor_area_m2``, ``status`` (``"occupied"``, ``"vacant"``,
            missing), ``vacant_since`` (datetime64, NaT = unknown), ``employees``,
            ``function``; geometry in the working CRS.
        """
        import geopandas as gpd
        import shapely

        core = self._core
        columns = {"id": core.location_ids}
        for field in ("name", "sbi", "sbi_section"):
            values = core.location_text(field)
            if values is not None:
                columns[field] = _text_with_missing(values)
        area = core.location_real("floor_area_m2")
        if area is not None:
            columns["floor_area_m2"] = np.array(area)
        status = core.location_status
        if status is not None:
            labels = np.array([None, "occupied", "vacant"], dtype=object)
            columns["status"] = labels[np.minimum(np.asarray(status), 2)]
        since = core.location_vacant_since
        if since is not None:
            days = np.asarray(since).astype("int64")
            dates = days.astype("datetime64[D]")
            dates[days == _NO_DATE] = np.datetime64("NaT")
            columns["vacant_since"] = dates
        employees = core.location_real("employees")
        if employees is not None:
            columns["employees"] = np.array(employees)
        function = core.location_text("function")
        if function is not None:
            columns["function"] = _text_with_missing(function)
        geometry = shapely.points(np.asarray(core.location_x), np.asarray(core.location_y))
        return gpd.GeoDataFrame(columns, geometry=geometry, crs=self.working_crs)


class Result:
    """Every indicator table of one analysis, and where each location went.

    Tables are addressed by name (:attr:`table_names`); the first is always ``"kern"``, one
    row per kern in layer order and a last row ``buitengebied``. Tables added to the engine
    later appear here without changes to this class.
    """

    def __init__(self, core, project):
        self._core = core
        self._project = project

    def __repr__(self):
        return f"<kernkompas.Result {self._project.area_name!r}: tables {', '.join(self.table_names)}>"

    @property
    def project(self):
        """Project : The input this result was computed from."""
        return self._project

    @property
    def table_names(self):
        """list of str : Names of the result tables, ``"kern"`` first."""
        return list(self._core.table_names)

    @property
    def location_kern(self):
        """numpy.ndarray : Kern index per location (int32, read-only, no copy).

        Indexes :attr:`Project.kern_codes`; ``-1`` means buitengebied (outside every kern).
        The array shares the result's memory and keeps the result alive.
        """
        return self._core.location_kern

    @property
    def buitengebied(self):
        """numpy.ndarray : Indices of the locations outside every kern (uint32, ascending)."""
        return self._core.outside

    def column(self, name, table="kern"):
        """One column as the engine holds it.

        Parameters
        ----------
        name : str
            Column name, e.g. ``"density_per_km2"``.
        table : str, default "kern"

        Returns
        -------
        numpy.ndarray or list of str
            Read-only views without copies for numbers (int64 with ``INT64_MIN`` missing,
            float64 with NaN missing); a list for text (``""`` missing).

        Raises
        ------
        KeyError
            For an unknown table or column.
        """
        return self._core.column(table, name)

    def column_info(self, table="kern"):
        """Name, type, unit and description of every column of a table.

        Parameters
        ----------
        table : str, default "kern"

        Returns
        -------
        pandas.DataFrame
            Indexed by column name, with columns ``type`` (``"integer"``, ``"real"``,
            ``"text"``), ``unit`` (e.g. ``"per_km2"``, ``""`` for counts) and
            ``description``.
        """
        import pandas as pd

        info = self._core.column_info(table)
        frame = pd.DataFrame(info, columns=["name", "type", "unit", "description"])
        return frame.set_index("name")

    def units(self, table="kern"):
        """dict : Column name to unit (``""`` for counts and dimensionless values)."""
        return {name: unit for name, _, unit, _ in self._core.column_info(table)}

    def table(self, name):
        """A result table as a DataFrame.

        Parameters
        ----------
        name : str
            One of :attr:`table_names`.

        Returns
        -------
        pandas.DataFrame
            One column per engine column in order. Integer columns with missing values use
            pandas' nullable ``Int64``; text ``""`` becomes missing. ``df.attrs["units"]``
            and ``df.attrs["descriptions"]`` map column names to units and descriptions.

        Raises
        ------
        KeyError
            For an unknown table (the message lists the tables).
        """
        import pandas as pd

        info = self._core.column_info(name)
        data = {}
        for column, kind, _, _ in info:
            values = self._core.column(name, column)
            if kind == "integer":
                values = np.asarray(values)
                missing = values == _NULL_INTEGER
                data[column] = (pd.arrays.IntegerArray(values.copy(), missing) if missing.any()
                                else values.copy())
            elif kind == "real":
                data[column] = np.array(values)
            else:
                data[column] = _text_with_missing(values)
        frame = pd.DataFrame(data, columns=[c[0] for c in info])
        frame.attrs["table"] = name
        frame.attrs["units"] = {c[0]: c[2] for c in info}
        frame.attrs["descriptions"] = {c[0]: c[3] for c in info}
        return frame

    def grain(self, table):
        """str : What one row of ``table`` stands for: ``"kern"``, ``"area"``,
        ``"kern_sector"``, ``"grid_cell"``, ... (see :meth:`keys`)."""
        return self._core.table_grain(table)[0]

    def keys(self, table):
        """list of str : The key columns that identify a row of ``table`` within its grain."""
        return list(self._core.table_grain(table)[1])

    def find_indicator(self, column, grain="kern"):
        """The name of the first table of ``grain`` that has ``column``, or None.

        Later steps (a scorecard, a report) find an indicator this way without knowing
        which family made it.
        """
        for name in self.table_names:
            if self.grain(name) == grain and column in [c[0] for c in self._core.column_info(name)]:
                return name
        return None

    @property
    def internal(self):
        """bool : True when disclosure control was off: never publish this result."""
        return self._core.internal

    @property
    def raster_names(self):
        """list of str : The raster results (e.g. kernel density surfaces)."""
        return list(self._core.raster_names)

    def raster(self, name):
        """A raster result without copies.

        Returns
        -------
        values : numpy.ndarray
            Read-only ``(rows, columns)`` float64 view of the result's memory, northern row
            first, NaN = no data. It keeps the result alive.
        geotransform : tuple of 6 float
            GDAL's affine geotransform in the working CRS (:attr:`Project.working_crs`):
            ``x = gt[0] + col * gt[1]``, ``y = gt[3] + row * gt[5]``.

        Raises
        ------
        KeyError
            For an unknown raster.
        """
        values, geotransform, _unit, _description = self._core.raster(name)
        return values, geotransform

    @property
    def location_column_names(self):
        """list of str : Columns the families added to the location layer."""
        return list(self._core.location_column_names)

    @property
    def layer_names(self):
        """list of str : The tables that carry polygons (``"kern"``, ``"vacancy_hotspot"`` ...)."""
        return [name for name in self.table_names if self._core.table_geometry(name) is not None]

    def layer(self, name):
        """A table with its polygons as a GeoDataFrame.

        Parameters
        ----------
        name : str
            One of :attr:`layer_names`.

        Returns
        -------
        geopandas.GeoDataFrame
            The columns of :meth:`table` plus the geometry in the working CRS; rows without
            a polygon (buitengebied) have a missing geometry.

        Raises
        ------
        KeyError
            For an unknown table or one without polygons.
        """
        import geopandas as gpd

        arrays = self._core.table_geometry(name)
        if arrays is None:
            raise KeyError(f"table {name!r} has no polygons (layers: {', '.join(self.layer_names)})")
        table = self.table(name)
        frame = gpd.GeoDataFrame(table, geometry=_geometries_from_arrays(arrays), crs=self._project.working_crs)
        frame.attrs.update(table.attrs)
        return frame

    def hotspots(self):
        """The vacancy hot-spot grid: Gi* per cell, with the square cell polygons.

        Returns
        -------
        geopandas.GeoDataFrame
            The ``vacancy_hotspot`` layer (columns ``n_units``, ``n_vacant``, ``value``,
            ``gi_z``, ``p_sim``, ``hotspot`` = ``"hot"``/``"cold"``/missing, ``suppressed``
            ...).

        Raises
        ------
        KeyError
            When the analysis made no hot-spot grid (no status column in the register).
        """
        return self.layer("vacancy_hotspot")

    def kern_table(self):
        """The ``"kern"`` table: indicators per kern, then a row ``buitengebied``.

        Returns
        -------
        pandas.DataFrame
            As :meth:`table`; the same values as the command line's ``kern_indicators.csv``.
        """
        return self.table("kern")

    def kernen(self, include_buitengebied=False):
        """The kern polygons with every indicator of the ``"kern"`` table.

        Parameters
        ----------
        include_buitengebied : bool, default False
            Also return the buitengebied row, with an empty (missing) geometry.

        Returns
        -------
        geopandas.GeoDataFrame
            One row per kern, MultiPolygons in the working CRS (EPSG:28992 by default);
            ``attrs["units"]`` as in :meth:`table`.
        """
        import geopandas as gpd

        if self._core.table_geometry("kern") is not None:
            frame = self.layer("kern")
        else:  # an engine whose kern table carries no polygons: take the project's
            table = self.kern_table()
            geometry = list(_kern_geometries(self._project._core))
            geometry += [None] * (len(table) - len(geometry))
            frame = gpd.GeoDataFrame(table, geometry=geometry, crs=self._project.working_crs)
            frame.attrs.update(table.attrs)
        if not include_buitengebied:
            attrs = dict(frame.attrs)
            frame = frame.iloc[: self._project.kern_count].copy()
            frame.attrs.update(attrs)
        return frame

    def locations(self):
        """The locations with the kern each was assigned to.

        Returns
        -------
        geopandas.GeoDataFrame
            The columns of :meth:`Project.locations` plus ``kern_index`` (-1 =
            buitengebied), ``kern_code`` and ``kern_name`` (``"buitengebied"`` outside every
            kern), as in the ``location`` layer of internal output, and the columns the
            families added (:attr:`location_column_names`, e.g. ``cluster_id``).
            ``attrs["kernkompas_mode"]`` is ``"internal"`` or ``"published"``, the result's
            mode.

        Notes
        -----
        This is premise-level data in memory, for analysis; it is not output for
        publication. Every published output leaves it out: :meth:`write` writes the
        ``location`` layer only for an internal result, and the maps
        (:func:`kernkompas.maps.add_locations`, :func:`kernkompas.interactive.to_html`)
        refuse to draw the premises of a published result, including from this frame.
        """
        frame = self._project.locations()
        index = np.asarray(self.location_kern)
        codes = np.array(self._project.kern_codes + [BUITENGEBIED], dtype=object)
        names = np.array(self._project.kern_names + [BUITENGEBIED], dtype=object)
        frame["kern_index"] = index
        frame["kern_code"] = codes[index]  # -1 picks the last entry, buitengebied
        frame["kern_name"] = names[index]
        for name in self.location_column_names:
            frame[name] = np.array(self._core.location_column(name))
        frame = frame.set_geometry("geometry")
        frame.attrs[MODE_ATTR] = "internal" if self.internal else "published"
        return frame

    def write(self, out_dir):
        """Write the command line's outputs.

        Parameters
        ----------
        out_dir : str or os.PathLike
            Folder, created if needed.

        Returns
        -------
        pathlib.Path
            ``out_dir``, which then holds ``kernkompas.gpkg`` (a layer per table,
            ``kern`` first), a CSV per table (``kern_indicators.csv`` for ``kern``) and the
            manifest ``kernkompas-run.json``. The mode follows the result: a published
            result (the default of :meth:`Project.run`) writes no premise-level data; only
            an internal result adds the ``location`` layer (every premise) and is marked
            internal in the GeoPackage's metadata and the manifest.

        Raises
        ------
        KernkompasError
            When a file cannot be written, when ``out_dir`` holds a file kernkompas did not
            write (nothing is written then), or when another writer holds the folder's lock
            for more than 10 s (code :attr:`ErrorCode.IO`).

        Notes
        -----
        The new files are staged beside ``out_dir`` and switched in whole, so files of an
        earlier run that this run does not produce are removed; see ``docs/output.md``. The
        GIL is released while writing.
        """
        out_dir = Path(out_dir)
        self._core.write(out_dir)
        return out_dir


def _text_with_missing(values):
    array = np.array(values, dtype=object)
    array[array == ""] = None
    return array


def _geometries_from_arrays(arrays):
    """MultiPolygons from (x, y, vertex, ring, part offsets); features without parts -> None."""
    import shapely

    x, y, vertex_offsets, ring_offsets, part_offsets = arrays
    coords = np.column_stack((np.asarray(x), np.asarray(y)))
    offsets = tuple(np.asarray(o, dtype=np.int64) for o in (vertex_offsets, ring_offsets, part_offsets))
    geometries = shapely.from_ragged_array(shapely.GeometryType.MULTIPOLYGON, coords, offsets)
    parts = np.diff(offsets[2])
    if (parts == 0).any():
        geometries = geometries.astype(object)
        geometries[parts == 0] = None
    return geometries


def _kern_geometries(core):
    return _geometries_from_arrays(core.kern_geometry())
