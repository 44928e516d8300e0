"""Vacancy hot spots (Gi*): the engine's grid analysis on a point register with a status
field, or Getis-Ord Gi* on any polygon layer with a value field (queen contiguity)."""

import ctypes
import math

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .. import engine
from .. import kkcapi as capi
from .base import KernkompasAlgorithm


class VacancyHotspotsAlgorithm(KernkompasAlgorithm):
    NAME = "vacancy_hotspots"
    DISPLAY = "Vacancy hot spots, Gi* (leegstand hot spots)"
    HELP = ("Points with a status field: the engine's vacancy hot spots, Getis-Ord Gi* on a "
            "regular grid over the points (options hotspots.*), as in the command line's "
            "vacancy_hotspot layer; kernen are optional (they do not change the grid). "
            "Polygons with a value field: Getis-Ord Gi* of the value under queen contiguity "
            "(a common vertex), the polygon itself included with weight 1; the permutations, "
            "seed and FDR level are the options hotspots.permutations, execution.seed and "
            "hotspots.fdr_alpha. Polygons without a value are left out and get no z.")
    OPTION_SECTIONS = ("execution", "disclosure", "hotspots")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            "INPUT", "Points (register) or polygons",
            [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            "STATUS_FIELD", "Status field of the points (occupied/bezet or vacant/leeg)", None,
            "INPUT", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "VALUE_FIELD", "Value field of the polygons", None, "INPUT",
            QgsProcessingParameterField.Numeric, optional=True))
        self.add_kernen(optional=True)
        self.add_common()
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", "Hot spots", QgsProcessing.TypeVectorPolygon))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.source(parameters, "INPUT", context, "input")
        if QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.PolygonGeometry:
            return self._polygons(source, parameters, context, feedback)
        return self._points(source, parameters, context, feedback)

    # --- points: the engine's grid ---------------------------------------------------------

    def _points(self, source, parameters, context, feedback):
        status = self.parameterAsString(parameters, "STATUS_FIELD", context)
        if not status:
            raise QgsProcessingException("kernkompas: points need a status field (STATUS_FIELD)")
        run, project = self.start(parameters, context, feedback)
        with run:
            features = engine.set_locations(run, project, source,
                                            f"locations layer '{source.sourceName()}'",
                                            {"status": status})
            if parameters.get("KERNEN"):
                self.set_kernen(run, project, parameters, context)
            else:
                self._one_kern_around(run, project, features)
            result = engine.analyse(run, project)
            destination = engine.table_to_sink(run, result, "vacancy_hotspot", self, parameters,
                                               "OUTPUT", context, engine.working_crs(run, project))
        return {"OUTPUT": destination}

    def _one_kern_around(self, run, project, features):
        """Without kernen, one kern around every point (the hot-spot grid ignores kernen)."""
        xy = [engine.point_xy(f, "points") for f in features]
        if not xy:
            raise QgsProcessingException("kernkompas: the point layer is empty")
        # The points' extent in their own CRS, padded by 1 %; the engine transforms it as it
        # transforms the points.
        xs, ys = [p[0] for p in xy], [p[1] for p in xy]
        pad = max(max(xs) - min(xs), max(ys) - min(ys), 1.0) * 0.01
        box = QgsGeometry.fromWkt(
            f"POLYGON(({min(xs) - pad} {min(ys) - pad},{max(xs) + pad} {min(ys) - pad},"
            f"{max(xs) + pad} {max(ys) + pad},{min(xs) - pad} {max(ys) + pad},"
            f"{min(xs) - pad} {min(ys) - pad}))")
        wkb = bytes(box.asWkb())
        buffer = (ctypes.c_ubyte * len(wkb)).from_buffer_copy(wkb)
        wkbs = (ctypes.POINTER(ctypes.c_ubyte) * 1)(ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ubyte)))
        sizes = (ctypes.c_size_t * 1)(len(wkb))
        names = (ctypes.c_char_p * 1)("gebied".encode())
        crs = self._input_crs
        run.check(run.kk.kk_project_set_kernen_wkb(run.ctx, project, 1, wkbs, sizes, names, None,
                                                   crs.encode() if crs else None))

    # --- polygons: Gi* on contiguity ---------------------------------------------------------

    def _option(self, parameters, context, name, kind):
        option = next(o for o in engine.engine_options() if o["name"] == name)
        parameter = option["parameter"]
        if parameters.get(parameter) is not None:
            return (self.parameterAsInt if kind is int else self.parameterAsDouble)(
                parameters, parameter, context)
        return kind(float(option["default"]))

    def _polygons(self, source, parameters, context, feedback):
        value_field = self.parameterAsString(parameters, "VALUE_FIELD", context)
        if not value_field:
            raise QgsProcessingException("kernkompas: polygons need a value field (VALUE_FIELD)")
        label = f"polygon layer '{source.sourceName()}'"
        features = list(source.getFeatures())
        values = [engine._number(f, value_field, label) for f in features]
        used = [i for i, v in enumerate(values) if not math.isnan(v)]
        z = p_norm = p_sim = fdr = None
        run = engine.Run(feedback)
        with run:
            kk, ctx = run.kk, run.ctx
            n = len(used)
            wkbs = [bytes(features[i].geometry().asWkb()) for i in used]
            buffers = [(ctypes.c_ubyte * len(w)).from_buffer_copy(w) for w in wkbs]
            wkb_array = (ctypes.POINTER(ctypes.c_ubyte) * n)(
                *[ctypes.cast(b, ctypes.POINTER(ctypes.c_ubyte)) for b in buffers])
            sizes = (ctypes.c_size_t * n)(*[len(w) for w in wkbs])
            weights = capi.handle("kk_weights")
            run.check(kk.kk_weights_from_contiguity(ctx, n, wkb_array, sizes,
                                                    capi.KK_CONTIGUITY_QUEEN, ctypes.byref(weights)))
            run.own(weights, kk.kk_weights_destroy)
            options = capi.handle("kk_gi_star_options")
            run.check(kk.kk_gi_star_options_create(ctx, ctypes.byref(options)))
            run.own(options, kk.kk_gi_star_options_destroy)
            run.check(kk.kk_gi_star_options_set_self_weight(ctx, options, 1.0))
            run.check(kk.kk_gi_star_options_set_permutations(
                ctx, options, self._option(parameters, context, "hotspots.permutations", int)))
            run.check(kk.kk_gi_star_options_set_seed(
                ctx, options, self._option(parameters, context, "execution.seed", int)))
            run.check(kk.kk_gi_star_options_set_fdr_alpha(
                ctx, options, self._option(parameters, context, "hotspots.fdr_alpha", float)))
            run.check(kk.kk_gi_star_options_set_progress(ctx, options, run._progress_callback, None))
            data = (ctypes.c_double * max(n, 1))(*[values[i] for i in used])
            z = (ctypes.c_double * max(n, 1))()
            p_norm = (ctypes.c_double * max(n, 1))()
            p_sim = (ctypes.c_double * max(n, 1))()
            fdr = (ctypes.c_uint8 * max(n, 1))()
            run.check(kk.kk_stats_gi_star(ctx, weights, data, 0, n, options, z, p_norm, p_sim,
                                          fdr, max(n, 1)))
        fields = QgsFields(source.fields())
        for name, kind in (("gi_z", QVariant.Double), ("p_norm", QVariant.Double),
                           ("p_sim", QVariant.Double), ("fdr_significant", QVariant.Int)):
            if fields.indexOf(name) >= 0:
                raise QgsProcessingException(
                    f"kernkompas: {label} already has a field '{name}'; rename it first")
            fields.append(QgsField(name, kind))
        sink, destination = self.parameterAsSink(parameters, "OUTPUT", context, fields,
                                                 source.wkbType(), source.sourceCrs())
        position = {feature_index: k for k, feature_index in enumerate(used)}

        def clean(v):
            return None if math.isnan(v) else v

        for index, feature in enumerate(features):
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            k = position.get(index)
            extra = ([clean(z[k]), clean(p_norm[k]), clean(p_sim[k]), int(fdr[k])]
                     if k is not None else [None, None, None, None])
            out.setAttributes(list(feature.attributes()) + extra)
            sink.addFeature(out, QgsFeatureSink.FastInsert)
        return {"OUTPUT": destination}

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, "INPUT", context)
        crs = source.sourceCrs() if source is not None else None
        self._input_crs = (crs.authid() or crs.toWkt()) if crs is not None and crs.isValid() else None
        return True
