"""In-memory input: kernen and locations from (Geo)DataFrames or arrays.

Geometry crosses into C++ as coordinate arrays with offsets (shapely's ragged layout);
columns as numpy arrays or lists of str. Nothing loops over features in Python. The C++
side checks the records as the file readers do, transforms the coordinates to the working
CRS with the same PROJ code (plausibility check included) and repairs invalid polygons.
"""

from __future__ import annotations

import numpy as np

from . import _core
from ._errors import ErrorCode, InputError
from ._project import Project

__all__ = ["from_geodataframes", "from_arrays", "KERN_FIELDS", "LOCATION_FIELDS"]

#: Engine fields of the kernen layer (``name`` required; ``code`` defaults to the name).
KERN_FIELDS = ("code", "name", "aliases", "population")
#: Engine fields of the locations layer (all optional; ids default to 1, 2, ...).
LOCATION_FIELDS = ("id", "name", "sbi", "floor_area_m2", "status", "vacant_since", "employees",
                   "function", "snapshot_date")
_LOCATION_TEXT = ("id", "name", "sbi", "function", "status", "vacant_since", "snapshot_date")
_LOCATION_REAL = ("floor_area_m2", "employees")


def from_geodataframes(kernen, locations, *, kern_fields=None, location_fields=None,
                       area_name="", working_crs="EPSG:28992", kernen_crs=None, locations_crs=None,
                       x=None, y=None):
    """Build a project from in-memory layers, e.g. read with geopandas or made in code.

    Parameters
    ----------
    kernen : geopandas.GeoDataFrame
        Kern polygons (Polygon or MultiPolygon) with at least a name column.
    locations : geopandas.GeoDataFrame or pandas.DataFrame
        Locations as points, or a plain DataFrame with coordinate columns named by ``x``
        and ``y``.
    kern_fields : dict, optional
        Engine field -> column, for the fields ``code``, ``name``, ``aliases`` (text,
        separated by ``;``) and ``population``. A field not mapped is read from the column
        of the same name when there is one.
    location_fields : dict, optional
        Engine field -> column, for ``id``, ``name``, ``sbi`` (SBI 2008 code as text, e.g.
        ``"47.11"``), ``floor_area_m2``, ``status`` (``occupied``/``vacant`` and the Dutch
        words the file reader accepts), ``vacant_since`` (date or ``YYYY-MM-DD`` text),
        ``employees``, ``function`` and ``snapshot_date``; as ``kern_fields``.
    area_name : str, optional
        Name shown in outputs, e.g. ``"Wijdemeren"``.
    working_crs : str or pyproj.CRS, default "EPSG:28992"
        The metric CRS every computation runs in; anything pyproj understands.
    kernen_crs, locations_crs : str or pyproj.CRS, optional
        CRS of the data when the frame carries none (``gdf.crs`` is used otherwise).
    x, y : str, optional
        Coordinate columns of a plain DataFrame of locations.

    Returns
    -------
    Project

    Raises
    ------
    InputError
        For a mapped column that does not exist, a value that is not a number, a duplicate
        or empty id, a geometry of the wrong type or missing, data without a CRS,
        coordinates implausible for their CRS. The message names the layer
        (``"locations GeoDataFrame"``), the record (1-based position) and the problem.

    Examples
    --------
    >>> import geopandas as gpd, kernkompas
    >>> kernen = gpd.read_file("kernen.geojson")
    >>> locations = gpd.read_file("locations.gpkg")
    >>> result = kernkompas.from_geodataframes(kernen, locations,
    ...                                        location_fields={"id": "kvk_nummer"}).run()
    """
    working = _crs_string(working_crs)
    kern_label = f"kernen {type(kernen).__name__}"
    location_label = f"locations {type(locations).__name__}"

    # Kernen: fields, then the polygons as ragged arrays.
    kern_columns = _map_fields(kernen, kern_fields, KERN_FIELDS, kern_label)
    if "name" not in kern_columns:
        raise InputError(f"{kern_label}: no column for field 'name' (columns: {_column_list(kernen)}); "
                         "map one with kern_fields={'name': ...}", ErrorCode.MISSING_FIELD)
    names = _text(kernen[kern_columns["name"]])
    codes = _text(kernen[kern_columns["code"]]) if "code" in kern_columns else [""] * len(kernen)
    aliases = _text(kernen[kern_columns["aliases"]]) if "aliases" in kern_columns else [""] * len(kernen)
    if "population" in kern_columns:
        population = _numbers(kernen[kern_columns["population"]], "population", kern_label, None)
    else:
        population = np.full(len(kernen), np.nan)
    kern_x, kern_y, offsets = _polygons(kernen, kern_label, codes)
    kern_crs = _crs_string(kernen_crs if kernen_crs is not None else getattr(kernen, "crs", None))

    # Locations: coordinates, then the mapped fields.
    location_columns = _map_fields(locations, location_fields, LOCATION_FIELDS, location_label)
    ids = _text(locations[location_columns["id"]]) if "id" in location_columns else None
    px, py = _points(locations, location_label, x, y, ids)
    crs_source = locations_crs if locations_crs is not None else getattr(locations, "crs", None)
    columns = {}
    for field in _LOCATION_TEXT[1:]:
        if field in location_columns:
            series = locations[location_columns[field]]
            columns[field] = _dates(series) if field in ("vacant_since", "snapshot_date") else _text(series)
    for field in _LOCATION_REAL:
        if field in location_columns:
            columns[field] = _numbers(locations[location_columns[field]], field, location_label, ids)

    core = _core.Project.from_arrays(
        area_name=str(area_name), working_crs=working,
        kern_label=kern_label, kern_crs=kern_crs, kern_code=codes, kern_name=names,
        kern_aliases=aliases, kern_population=population, kern_x=kern_x, kern_y=kern_y,
        vertex_offsets=offsets[0], ring_offsets=offsets[1], part_offsets=offsets[2],
        location_label=location_label, location_crs=_crs_string(crs_source), x=px, y=py, id=ids,
        **columns)
    return Project(core)


def from_arrays(kern_geometry, kern_name, x, y, *, kern_code=None, population=None, crs="EPSG:28992",
                working_crs="EPSG:28992", area_name="", **location_fields):
    """Build a project from shapely geometries and numpy coordinate arrays.

    Parameters
    ----------
    kern_geometry : array-like of shapely Polygon or MultiPolygon
        One polygon per kern (a shapely array, GeoSeries or list).
    kern_name : sequence of str
        Kern names, one per polygon.
    x, y : array-like of float
        Location coordinates in ``crs``.
    kern_code : sequence of str, optional
        Kern codes; default the names.
    population : array-like of float, optional
        Inhabitants per kern (NaN = unknown).
    crs : str or pyproj.CRS, default "EPSG:28992"
        CRS of the polygons and the coordinates.
    working_crs : str or pyproj.CRS, default "EPSG:28992"
    area_name : str, optional
    **location_fields : array-like
        Location fields by engine name (see :data:`LOCATION_FIELDS`), e.g. ``id=ids``,
        ``sbi=codes``, ``status=statuses``.

    Returns
    -------
    Project

    Raises
    ------
    InputError
        As :func:`from_geodataframes`.
    """
    import geopandas as gpd
    import pandas as pd

    unknown = sorted(set(location_fields) - set(LOCATION_FIELDS))
    if unknown:
        raise InputError(f"locations arrays: unknown field {unknown[0]!r} (fields: {', '.join(LOCATION_FIELDS)})",
                         ErrorCode.INVALID_ARGUMENT)
    kern_columns = {"name": list(kern_name)}
    if kern_code is not None:
        kern_columns["code"] = list(kern_code)
    if population is not None:
        kern_columns["population"] = np.asarray(population, dtype=np.float64)
    kernen = gpd.GeoDataFrame(kern_columns, geometry=np.asarray(kern_geometry, dtype=object), crs=crs)
    locations = pd.DataFrame({"x": np.asarray(x, dtype=np.float64), "y": np.asarray(y, dtype=np.float64),
                              **{k: v for k, v in location_fields.items()}})
    return from_geodataframes(kernen, locations, x="x", y="y", locations_crs=crs, working_crs=working_crs,
                              area_name=area_name)


def _crs_string(crs):
    """A CRS definition the C++ side (PROJ) understands: "AUTH:CODE" when exact, else WKT2."""
    if crs is None:
        return ""
    import pyproj

    try:
        parsed = pyproj.CRS.from_user_input(crs)
    except pyproj.exceptions.CRSError as error:
        raise InputError(f"CRS {crs!r} is not understood: {error}", ErrorCode.CRS_TRANSFORM) from None
    authority = parsed.to_authority(min_confidence=100)
    return f"{authority[0]}:{authority[1]}" if authority else parsed.to_wkt()


def _column_list(frame):
    return ", ".join(str(c) for c in frame.columns if c != getattr(frame, "_geometry_column_name", None))


def _map_fields(frame, mapping, known, label):
    mapping = dict(mapping or {})
    unknown = sorted(set(mapping) - set(known))
    if unknown:
        raise InputError(f"{label}: unknown field {unknown[0]!r} (fields: {', '.join(known)})",
                         ErrorCode.INVALID_ARGUMENT)
    columns = {}
    for field in known:
        if field in mapping:
            column = mapping[field]
            if column not in frame.columns:
                raise InputError(f"{label}: field '{field}' is mapped to column '{column}', which does "
                                 f"not exist (columns: {_column_list(frame)})", ErrorCode.MISSING_FIELD)
            columns[field] = column
        elif field in frame.columns:
            columns[field] = field
    return columns


def _text(series):
    """A column as a list of str: missing values become "", numbers their decimal text."""
    import pandas as pd

    array = series.to_numpy(dtype=object, copy=True)
    missing = pd.isna(array)
    if missing.any():
        array[missing] = ""
    if pd.api.types.infer_dtype(array, skipna=True) in ("string", "empty"):
        return array.tolist()
    return array.astype(str).tolist()


def _dates(series):
    """Dates as ISO text ("" = unknown); datetime columns are formatted, text is passed on."""
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return series.dt.strftime("%Y-%m-%d").fillna("").tolist()
    return _text(series)


def _numbers(series, field, label, ids):
    """A numeric column as float64 (NaN = missing); text that is not a number is an error."""
    import pandas as pd

    if pd.api.types.is_bool_dtype(series.dtype) or not pd.api.types.is_numeric_dtype(series.dtype):
        text = series.astype(object).where(series.notna(), None)
        stripped = text.map(lambda v: v.strip() if isinstance(v, str) else v)
        stripped = stripped.where(stripped != "", None)
        numbers = pd.to_numeric(stripped, errors="coerce")
        bad = numbers.isna().to_numpy() & stripped.notna().to_numpy()
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InputError(f"{_record(label, i, ids)}: {field} {text.iloc[i]!r} is not a number",
                             ErrorCode.BAD_VALUE)
        series = numbers
    return np.ascontiguousarray(series.to_numpy(dtype=np.float64, na_value=np.nan))


def _record(label, index, ids):
    text = f"{label}, record {index + 1}"
    if ids is not None and ids[index]:
        text += f" (id '{ids[index]}')"
    return text


def _geometries(frame, label):
    import geopandas as gpd

    if not isinstance(frame, gpd.GeoDataFrame) or frame._geometry_column_name not in frame.columns:
        return None
    return frame.geometry.values


def _polygons(frame, label, codes):
    """Kern polygons as (x, y, (vertex, ring, part offsets)) in shapely's ragged layout."""
    import shapely

    geometries = _geometries(frame, label)
    if geometries is None:
        raise InputError(f"{label}: the kernen need polygon geometry (a GeoDataFrame)",
                         ErrorCode.WRONG_GEOMETRY_TYPE)
    geoms = np.asarray(geometries, dtype=object)
    if len(geoms) == 0:
        raise InputError(f"{label}: the layer is empty", ErrorCode.EMPTY_LAYER)
    types = shapely.get_type_id(geoms)
    missing = (types < 0) | shapely.is_empty(geoms)
    if missing.any():
        i = int(np.flatnonzero(missing)[0])
        raise InputError(f"{_record(label, i, codes)}: no geometry", ErrorCode.EMPTY_GEOMETRY)
    wrong = ~np.isin(types, (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON))
    if wrong.any():
        i = int(np.flatnonzero(wrong)[0])
        raise InputError(f"{_record(label, i, codes)}: expected a polygon, found "
                         f"{geoms[i].geom_type}",
                         ErrorCode.WRONG_GEOMETRY_TYPE)
    kind, coords, offsets = shapely.to_ragged_array(geoms, include_z=False)
    if kind == shapely.GeometryType.POLYGON:
        offsets = (*offsets, np.arange(len(geoms) + 1))
    coords = np.asarray(coords, dtype=np.float64)
    return (np.ascontiguousarray(coords[:, 0]), np.ascontiguousarray(coords[:, 1]),
            tuple(np.ascontiguousarray(o, dtype=np.int64) for o in offsets))


def _points(frame, label, x, y, ids):
    """Location coordinates as two float64 arrays."""
    import shapely

    if x is not None or y is not None:
        if x is None or y is None:
            raise InputError(f"{label}: give both x and y columns", ErrorCode.INVALID_ARGUMENT)
        for axis, column in (("x", x), ("y", y)):
            if column not in frame.columns:
                raise InputError(f"{label}: the {axis} column '{column}' does not exist "
                                 f"(columns: {_column_list(frame)})", ErrorCode.MISSING_FIELD)
        return (_numbers(frame[x], "x", label, ids), _numbers(frame[y], "y", label, ids))
    geometries = _geometries(frame, label)
    if geometries is None:
        raise InputError(f"{label}: the layer has no geometry; pass x= and y= coordinate columns",
                         ErrorCode.WRONG_GEOMETRY_TYPE)
    geoms = np.asarray(geometries, dtype=object)
    types = shapely.get_type_id(geoms)
    missing = (types < 0) | shapely.is_empty(geoms)
    if missing.any():
        i = int(np.flatnonzero(missing)[0])
        raise InputError(f"{_record(label, i, ids)}: no geometry", ErrorCode.EMPTY_GEOMETRY)
    single = (types == shapely.GeometryType.MULTIPOINT) & (shapely.get_num_geometries(geoms) == 1)
    if single.any():
        geoms = np.where(single, shapely.get_geometry(geoms, 0), geoms)
        types = shapely.get_type_id(geoms)
    wrong = types != shapely.GeometryType.POINT
    if wrong.any():
        i = int(np.flatnonzero(wrong)[0])
        raise InputError(f"{_record(label, i, ids)}: expected a point, found {geoms[i].geom_type}",
                         ErrorCode.WRONG_GEOMETRY_TYPE)
    return (np.ascontiguousarray(shapely.get_x(geoms), dtype=np.float64),
            np.ascontiguousarray(shapely.get_y(geoms), dtype=np.float64))
