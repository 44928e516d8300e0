"""Between QGIS and libkernkompas.so.0: finding the library, a run with QGIS's progress and
cancel, the engine's option list as Processing parameters, QGIS layers into a kk_project, and
result tables into feature sinks.

Everything goes through the C API's ctypes wrapper (kkcapi.py, a copy of kernkompas.capi made
by scripts/build-qgis-plugin.sh), so the plugin needs no compiled Python module: QGIS's own
Python and the shared library are enough.
"""

import ctypes
import math
import os

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QVariant

from . import kkcapi as capi

PLUGIN_DIR = os.path.dirname(os.path.abspath(__file__))
BUNDLED_LIBRARY = os.path.join(PLUGIN_DIR, "lib", capi.LIBRARY_NAME)

# The engine's own status words (layers/src/validate.cpp), so a register reads as in the CLI.
_OCCUPIED = {"occupied", "bezet", "in gebruik", "in_gebruik", "active"}
_VACANT = {"vacant", "leeg", "leegstaand", "leegstand", "empty"}


class LibraryNotFound(QgsProcessingException):
    pass


_library = None


def library_path():
    """KK_CAPI_LIB, else the copy bundled in the plugin's lib/, else the system's (install prefix)."""
    if os.environ.get("KK_CAPI_LIB"):
        return os.environ["KK_CAPI_LIB"]
    if os.path.isfile(BUNDLED_LIBRARY):
        return BUNDLED_LIBRARY
    return capi.find_library()


def library():
    global _library
    if _library is None:
        path = library_path()
        try:
            _library = capi.load(path)
        except OSError as error:
            raise LibraryNotFound(
                f"kernkompas: cannot load {path} ({error}); bundle it in the plugin's lib/ "
                "folder, set KK_CAPI_LIB, or install kernkompas (see the plugin's README)")
    return _library


def library_version():
    return library().kk_version().decode()


def is_null(value):
    return value is None or (isinstance(value, QVariant) and value.isNull())


def text_of(value):
    """A field value as the engine's text: '' for NULL, ISO dates for date fields."""
    if is_null(value):
        return ""
    if isinstance(value, QDate):
        return value.toString("yyyy-MM-dd")
    if isinstance(value, QDateTime):
        return value.date().toString("yyyy-MM-dd")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class Run:
    """One engine session: a context, options with QGIS's progress and cancel, and check()."""

    def __init__(self, feedback):
        self.kk = library()
        self.feedback = feedback
        self.context = capi.Context(self.kk)
        self.ctx = self.context.pointer
        self._last_step = None
        # Kept on self: the C library holds the pointer for the options' lifetime.
        self._progress_callback = capi.PROGRESS(self._progress)
        self.options = capi.handle("kk_options")
        self.check(self.kk.kk_options_create(self.ctx, ctypes.byref(self.options)))
        self.check(self.kk.kk_options_set_progress(self.ctx, self.options, self._progress_callback, None))
        self._handles = []

    def _progress(self, step, fraction, user):
        try:
            if self.feedback is None:
                return 1
            name = step.decode("utf-8", "replace") if step else ""
            if name != self._last_step:
                self._last_step = name
                self.feedback.setProgressText(f"kernkompas: {name}")
            self.feedback.setProgress(100.0 * max(0.0, min(1.0, fraction)))
            return 0 if self.feedback.isCanceled() else 1
        except Exception:  # never let a Python error unwind through C
            return 1

    def check(self, status):
        """Raises QgsProcessingException with kernkompas's one line for a failed call."""
        try:
            self.context.check(status)
        except capi.KernkompasCError as error:
            if error.status == capi.KK_E_CANCELLED:
                raise QgsProcessingException("kernkompas: cancelled")
            raise QgsProcessingException(error.message)

    def own(self, handle, destroy):
        """Frees `handle` with `destroy` when the run closes."""
        self._handles.append((handle, destroy))
        return handle

    def close(self):
        for handle, destroy in reversed(self._handles):
            destroy(handle)
        self._handles = []
        self.kk.kk_options_destroy(self.options)
        self.context.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- options -------------------------------------------------------------------------

    def set_internal(self, internal):
        self.check(self.kk.kk_options_set_internal(self.ctx, self.options, 1 if internal else 0))

    def apply_option_parameters(self, algorithm, parameters, context, sections=None):
        """Sets every engine option whose parameter the user gave (see option_parameters())."""
        for option in engine_options(sections):
            name = option["parameter"]
            if name not in parameters or parameters[name] is None:
                continue
            key = option["name"].encode()
            kind = option["type"]
            if kind == capi.KK_OPTION_INTEGER:
                value = algorithm.parameterAsInt(parameters, name, context)
                self.check(self.kk.kk_options_set_integer(self.ctx, self.options, key, value))
            elif kind == capi.KK_OPTION_REAL:
                value = algorithm.parameterAsDouble(parameters, name, context)
                self.check(self.kk.kk_options_set_real(self.ctx, self.options, key, value))
            elif kind == capi.KK_OPTION_BOOLEAN:
                value = algorithm.parameterAsBool(parameters, name, context)
                self.check(self.kk.kk_options_set_boolean(self.ctx, self.options, key, int(value)))
            elif option["choices"]:
                index = algorithm.parameterAsEnum(parameters, name, context)
                value = option["choices"][index]
                self.check(self.kk.kk_options_set_text(self.ctx, self.options, key, value.encode()))
            else:
                value = algorithm.parameterAsString(parameters, name, context)
                if value:
                    self.check(self.kk.kk_options_set_text(self.ctx, self.options, key, value.encode()))


# ---------------------------------------------------------------------------------------
# The engine's option list as Processing parameters
# ---------------------------------------------------------------------------------------

_options_cache = None


def _read_options():
    kk = library()
    with capi.Context(kk) as context:
        ctx = context.pointer
        count = ctypes.c_size_t()
        context.check(kk.kk_option_count(ctx, ctypes.byref(count)))
        options = []
        for index in range(count.value):
            def text(function):
                out = ctypes.c_char_p()
                context.check(function(ctx, index, ctypes.byref(out)))
                return (out.value or b"").decode()
            kind = ctypes.c_int()
            context.check(kk.kk_option_type_of(ctx, index, ctypes.byref(kind)))
            low, high = ctypes.c_double(), ctypes.c_double()
            context.check(kk.kk_option_range(ctx, index, ctypes.byref(low), ctypes.byref(high)))
            choice_count = ctypes.c_size_t()
            context.check(kk.kk_option_choice_count(ctx, index, ctypes.byref(choice_count)))
            choices = []
            for choice in range(choice_count.value):
                out = ctypes.c_char_p()
                context.check(kk.kk_option_choice(ctx, index, choice, ctypes.byref(out)))
                choices.append(out.value.decode())
            name = text(kk.kk_option_name)
            options.append({
                "name": name, "parameter": name.replace(".", "__"), "type": kind.value,
                "default": text(kk.kk_option_default), "allowed": text(kk.kk_option_allowed),
                "unit": text(kk.kk_option_unit), "doc": text(kk.kk_option_doc),
                "min": low.value, "max": high.value, "choices": choices})
    return options


def engine_options(sections=None):
    """The engine's options (kk_option_*), optionally only those of the given sections."""
    global _options_cache
    if _options_cache is None:
        _options_cache = _read_options()
    return [o for o in _options_cache
            if sections is None or o["name"].split(".")[0] in sections]


def option_parameters(sections=None):
    """One advanced, optional Processing parameter per engine option: the engine's own list,
    so a new option appears in the dialog without a plugin change. disclosure.internal is
    the algorithms' INTERNAL checkbox instead."""
    parameters = []
    for option in engine_options(sections):
        if option["name"] == "disclosure.internal":
            continue
        unit = f" [{option['unit']}]" if option["unit"] else ""
        label = f"{option['name']}{unit}: {option['doc']} (default {option['default']})"
        kind = option["type"]
        if kind in (capi.KK_OPTION_INTEGER, capi.KK_OPTION_REAL):
            number_type = (QgsProcessingParameterNumber.Integer if kind == capi.KK_OPTION_INTEGER
                           else QgsProcessingParameterNumber.Double)
            parameter = QgsProcessingParameterNumber(option["parameter"], label, number_type,
                                                     None, True)
            if math.isfinite(option["min"]):
                parameter.setMinimum(option["min"])
            if math.isfinite(option["max"]):
                parameter.setMaximum(option["max"])
        elif kind == capi.KK_OPTION_BOOLEAN:
            parameter = QgsProcessingParameterBoolean(option["parameter"], label,
                                                      option["default"] == "true", True)
        elif option["choices"]:
            default = (option["choices"].index(option["default"])
                       if option["default"] in option["choices"] else None)
            parameter = QgsProcessingParameterEnum(option["parameter"], label, option["choices"],
                                                   False, default, True)
        else:
            parameter = QgsProcessingParameterString(option["parameter"], label, None, False, True)
        parameter.setHelp(f"{option['doc']}. Allowed: {option['allowed']}.")
        parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        parameters.append(parameter)
    return parameters


# ---------------------------------------------------------------------------------------
# QGIS layers into a project
# ---------------------------------------------------------------------------------------

def _crs_text(source):
    crs = source.sourceCrs()
    if not crs.isValid():
        return None
    return crs.authid() or crs.toWkt()


def _field_values(features, field):
    return [text_of(feature[field]) if field else "" for feature in features]


def create_project(run, area_name, working_crs):
    project = capi.handle("kk_project")
    run.check(run.kk.kk_project_create(run.ctx, area_name.encode(), working_crs.encode(),
                                       ctypes.byref(project)))
    return run.own(project, run.kk.kk_project_destroy)


def set_kernen(run, project, source, layer_label, name_field, code_field=None,
               population_field=None, aliases_field=None):
    """The kern polygons (WKB) with names, codes, population and aliases from their fields."""
    features = list(source.getFeatures())
    wkbs = []
    for feature in features:
        geometry = feature.geometry()
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            raise QgsProcessingException(
                f"kernkompas: {layer_label}: feature {feature.id()}: no polygon")
        wkbs.append(bytes(geometry.asWkb()))
    count = len(features)
    buffers = [(ctypes.c_ubyte * len(w)).from_buffer_copy(w) for w in wkbs]
    wkb_array = (ctypes.POINTER(ctypes.c_ubyte) * count)(
        *[ctypes.cast(b, ctypes.POINTER(ctypes.c_ubyte)) for b in buffers])
    sizes = (ctypes.c_size_t * count)(*[len(w) for w in wkbs])
    names = (ctypes.c_char_p * count)(*[s.encode() for s in _field_values(features, name_field)])
    codes = None
    if code_field:
        codes = (ctypes.c_char_p * count)(*[s.encode() for s in _field_values(features, code_field)])
    crs = _crs_text(source)
    run.check(run.kk.kk_project_set_kernen_wkb(run.ctx, project, count, wkb_array, sizes, names,
                                               codes, crs.encode() if crs else None))
    if population_field:
        values = [_number(feature, population_field, layer_label) for feature in features]
        run.check(run.kk.kk_project_set_kern_real(run.ctx, project, b"population",
                                                  (ctypes.c_double * count)(*values), 0, count))
    if aliases_field:
        aliases = (ctypes.c_char_p * count)(*[s.encode() for s in _field_values(features, aliases_field)])
        run.check(run.kk.kk_project_set_kern_text(run.ctx, project, b"aliases", aliases, count))
    return features


def _number(feature, field, layer_label):
    value = feature[field]
    if is_null(value) or (isinstance(value, str) and not value.strip()):
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        raise QgsProcessingException(
            f"kernkompas: {layer_label}: feature {feature.id()}: field '{field}' value "
            f"'{value}' is not a number")


def _status(feature, field, layer_label):
    word = text_of(feature[field]).strip().lower()
    if not word:
        return capi.KK_OCCUPANCY_UNKNOWN
    if word in _OCCUPIED or word == str(capi.KK_OCCUPANCY_OCCUPIED):
        return capi.KK_OCCUPANCY_OCCUPIED
    if word in _VACANT or word == str(capi.KK_OCCUPANCY_VACANT):
        return capi.KK_OCCUPANCY_VACANT
    raise QgsProcessingException(
        f"kernkompas: {layer_label}: feature {feature.id()}: status '{feature[field]}' is not one "
        "of occupied/bezet/in gebruik or vacant/leeg/leegstaand")


def point_xy(feature, layer_label):
    geometry = feature.geometry()
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        raise QgsProcessingException(f"kernkompas: {layer_label}: feature {feature.id()}: no point")
    if geometry.isMultipart():
        points = geometry.asMultiPoint()
        if len(points) != 1:
            raise QgsProcessingException(
                f"kernkompas: {layer_label}: feature {feature.id()}: a multipoint of "
                f"{len(points)} points; one point per location is needed")
        return points[0].x(), points[0].y()
    point = geometry.asPoint()
    return point.x(), point.y()


def set_locations(run, project, source, layer_label, fields, snapshot_date=""):
    """The points with their mapped fields; `fields` maps engine field -> layer field (or None).

    Engine fields: id, name, sbi, function, vacant_since (text), floor_area_m2, employees
    (numbers) and status (occupied/vacant words as the CLI reads them).
    """
    features = list(source.getFeatures())
    count = len(features)
    xy = [point_xy(feature, layer_label) for feature in features]
    xs = (ctypes.c_double * max(count, 1))(*[p[0] for p in xy])
    ys = (ctypes.c_double * max(count, 1))(*[p[1] for p in xy])
    crs = _crs_text(source)
    run.check(run.kk.kk_project_set_locations_xy(run.ctx, project, count, xs, 0, ys, 0,
                                                 crs.encode() if crs else None))
    if count == 0:
        return features
    for engine_field in ("id", "name", "sbi", "function", "vacant_since"):
        field = fields.get(engine_field)
        if field:
            values = (ctypes.c_char_p * count)(*[s.encode() for s in _field_values(features, field)])
            run.check(run.kk.kk_project_set_location_text(run.ctx, project, engine_field.encode(),
                                                          values, count))
    for engine_field in ("floor_area_m2", "employees"):
        field = fields.get(engine_field)
        if field:
            values = (ctypes.c_double * count)(*[_number(f, field, layer_label) for f in features])
            run.check(run.kk.kk_project_set_location_real(run.ctx, project, engine_field.encode(),
                                                          values, 0, count))
    if fields.get("status"):
        values = (ctypes.c_int32 * count)(*[_status(f, fields["status"], layer_label) for f in features])
        run.check(run.kk.kk_project_set_location_integer(run.ctx, project, b"status", values, 0, count))
    if snapshot_date:
        run.check(run.kk.kk_project_set_snapshot_date(run.ctx, project, snapshot_date.encode()))
    return features


def analyse(run, project):
    result = capi.handle("kk_result")
    run.check(run.kk.kk_analysis_run(run.ctx, project, run.options, ctypes.byref(result)))
    return run.own(result, run.kk.kk_result_destroy)


def working_crs(run, project):
    out = ctypes.c_char_p()
    run.check(run.kk.kk_project_working_crs(run.ctx, project, ctypes.byref(out)))
    return QgsCoordinateReferenceSystem(out.value.decode())


# ---------------------------------------------------------------------------------------
# Result tables
# ---------------------------------------------------------------------------------------

def table_names(run, result):
    count = ctypes.c_size_t()
    run.check(run.kk.kk_result_table_count(run.ctx, result, ctypes.byref(count)))
    names = []
    for index in range(count.value):
        out = ctypes.c_char_p()
        run.check(run.kk.kk_result_table_name(run.ctx, result, index, ctypes.byref(out)))
        names.append(out.value.decode())
    return names


def read_table(run, result, table):
    """(columns [(name, kk_column_type)], rows [[value, ...]], has_geometry); None = missing."""
    kk, ctx, name = run.kk, run.ctx, table.encode()
    rows, column_count = ctypes.c_size_t(), ctypes.c_size_t()
    run.check(kk.kk_result_row_count(ctx, result, name, ctypes.byref(rows)))
    run.check(kk.kk_result_column_count(ctx, result, name, ctypes.byref(column_count)))
    n = rows.value
    columns, data = [], []
    for index in range(column_count.value):
        out = ctypes.c_char_p()
        run.check(kk.kk_result_column_name(ctx, result, name, index, ctypes.byref(out)))
        column = out.value
        kind = ctypes.c_int()
        run.check(kk.kk_result_column_type(ctx, result, name, column, ctypes.byref(kind)))
        columns.append((column.decode(), kind.value))
        if kind.value == capi.KK_COLUMN_INTEGER:
            values = (ctypes.c_int64 * max(n, 1))()
            run.check(kk.kk_result_integer_column(ctx, result, name, column, values, max(n, 1)))
            data.append([None if v == capi.KK_NULL_INTEGER else v for v in values[:n]])
        elif kind.value == capi.KK_COLUMN_REAL:
            values = (ctypes.c_double * max(n, 1))()
            run.check(kk.kk_result_real_column(ctx, result, name, column, values, max(n, 1)))
            data.append([None if math.isnan(v) else v for v in values[:n]])
        else:
            cells = []
            for row in range(n):
                cell = ctypes.c_char_p()
                run.check(kk.kk_result_text_cell(ctx, result, name, column, row, ctypes.byref(cell)))
                text = cell.value.decode()
                cells.append(text if text else None)
            data.append(cells)
    has_geometry = ctypes.c_int()
    run.check(kk.kk_result_table_has_geometry(ctx, result, name, ctypes.byref(has_geometry)))
    return columns, [list(row) for row in zip(*data)] if data else [[] for _ in range(n)], bool(has_geometry.value)


def geometry(run, result, table, row):
    size = ctypes.c_size_t()
    run.check(run.kk.kk_result_geometry_wkb_size(run.ctx, result, table.encode(), row, ctypes.byref(size)))
    buffer = (ctypes.c_ubyte * size.value)()
    run.check(run.kk.kk_result_geometry_wkb(run.ctx, result, table.encode(), row, buffer, size.value))
    shape = QgsGeometry()
    shape.fromWkb(bytes(buffer))
    return shape


_QVARIANT = {capi.KK_COLUMN_INTEGER: QVariant.LongLong, capi.KK_COLUMN_REAL: QVariant.Double,
             capi.KK_COLUMN_TEXT: QVariant.String}


def table_to_sink(run, result, table, algorithm, parameters, output, context, crs):
    """Writes result table `table` to the feature sink parameter `output`; returns its id."""
    columns, rows, has_geometry = read_table(run, result, table)
    fields = QgsFields()
    for column, kind in columns:
        fields.append(QgsField(column, _QVARIANT[kind]))
    wkb_type = QgsWkbTypes.MultiPolygon if has_geometry else QgsWkbTypes.NoGeometry
    sink, destination = algorithm.parameterAsSink(parameters, output, context, fields, wkb_type, crs)
    if sink is None:
        raise QgsProcessingException(f"kernkompas: cannot create the output {output}")
    for index, row in enumerate(rows):
        feature = QgsFeature(fields)
        feature.setAttributes(row)
        if has_geometry:
            feature.setGeometry(geometry(run, result, table, index))
        sink.addFeature(feature, QgsFeatureSink.FastInsert)
    return destination


def location_kern_codes(run, result):
    """The kern code and name of every location of the run, in input order."""
    kk, ctx = run.kk, run.ctx
    count, kern_count = ctypes.c_size_t(), ctypes.c_size_t()
    run.check(kk.kk_result_location_count(ctx, result, ctypes.byref(count)))
    run.check(kk.kk_result_kern_count(ctx, result, ctypes.byref(kern_count)))
    indices = (ctypes.c_int32 * max(count.value, 1))()
    run.check(kk.kk_result_location_kern_index(ctx, result, indices, max(count.value, 1)))
    kernen = []
    for kern in range(kern_count.value + 1):
        code, name = ctypes.c_char_p(), ctypes.c_char_p()
        run.check(kk.kk_result_kern_code(ctx, result, kern, ctypes.byref(code)))
        run.check(kk.kk_result_kern_name(ctx, result, kern, ctypes.byref(name)))
        kernen.append((code.value.decode(), name.value.decode()))
    buitengebied = kernen[-1]
    return [kernen[i] if i != capi.KK_BUITENGEBIED else buitengebied
            for i in indices[:count.value]]


def write_outputs(run, result, folder):
    """The CLI's own output set (kernkompas.gpkg, CSVs, GeoTIFFs, manifest) into `folder`."""
    run.check(run.kk.kk_result_write(run.ctx, result, folder.encode()))
