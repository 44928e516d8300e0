"""Service areas (isochrones): the part of a road network reachable from each origin point
within given travel times, as polygons (kk_network_service_areas of the C API)."""

import ctypes

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
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
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProject,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .. import engine
from .. import kkcapi as capi
from .base import KernkompasAlgorithm
from .roads import RoadNetworkInputs


class ServiceAreaAlgorithm(RoadNetworkInputs, KernkompasAlgorithm):
    NAME = "service_area"
    DISPLAY = "Service areas over the roads (bereikbaarheid)"
    HELP = ("For every origin point and every travel time of 'minutes': the part of the road "
            "network reachable from the origin within that time (one-way streets honoured, "
            "the snap distance to the road counted at the speed of its road), as a polygon: "
            "the reached roads widened by 'band' metres on either side. As the command line's "
            "service_area layer, which starts from each kern's centre (its point on surface) "
            "or from the facilities of one type. Columns: origin_code, origin_name, minutes, "
            "area_km2. An origin that reaches no road gets an empty geometry and area 0. "
            "Polygons are in the working CRS.")
    OPTION_SECTIONS = ()

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            "ORIGINS", "Origins (points)", [QgsProcessing.TypeVectorPoint]))
        self.addParameter(QgsProcessingParameterField(
            "ORIGIN_ID_FIELD", "Origin id field (default: the feature number)", None, "ORIGINS",
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "ORIGIN_NAME_FIELD", "Origin name field", None, "ORIGINS", optional=True))
        self.add_road_parameters()
        self.addParameter(QgsProcessingParameterString(
            "MINUTES", "Travel times (whole minutes, ascending)", "5,10,15"))
        self.addParameter(QgsProcessingParameterNumber(
            "BAND_M", "Band around the reached roads (m)",
            QgsProcessingParameterNumber.Double, 50.0, False, 0.001, 5000.0))
        self.add_common(internal=False)
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", "Service areas", QgsProcessing.TypeVectorPolygon))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        crs = self.parameterAsCrs(parameters, "WORKING_CRS", context)
        if not crs.isValid():
            crs = QgsCoordinateReferenceSystem("EPSG:28992")
        origins = self.source(parameters, "ORIGINS", context, "origins")
        roads = self.source(parameters, "ROADS", context, "roads")
        minutes = self._minutes(self.parameterAsString(parameters, "MINUTES", context))
        band_m = self.parameterAsDouble(parameters, "BAND_M", context)
        id_field = self.parameterAsString(parameters, "ORIGIN_ID_FIELD", context)
        name_field = self.parameterAsString(parameters, "ORIGIN_NAME_FIELD", context)

        def transformer(source):
            return QgsCoordinateTransform(source.sourceCrs(), crs, QgsProject.instance())

        to_working = transformer(origins)
        points, codes, names = [], [], []
        for feature in origins.getFeatures():
            points.append(to_working.transform(*engine.point_xy(feature, "origins")))
            codes.append(engine.text_of(feature[id_field]) if id_field else str(feature.id()))
            names.append(engine.text_of(feature[name_field]) if name_field else "")

        fields = QgsFields()
        for name, kind in (("origin_code", QVariant.String), ("origin_name", QVariant.String),
                           ("minutes", QVariant.LongLong), ("area_km2", QVariant.Double)):
            fields.append(QgsField(name, kind))
        sink, destination = self.parameterAsSink(parameters, "OUTPUT", context, fields,
                                                 QgsWkbTypes.MultiPolygon, crs)
        if sink is None:
            raise QgsProcessingException("kernkompas: cannot create the output OUTPUT")

        limits = (ctypes.c_double * len(minutes))(*[m * 60.0 for m in minutes])
        with engine.Run(feedback) as run:
            kk, ctx = run.kk, run.ctx
            network = self.road_network(run, roads, transformer(roads), parameters, context, feedback)
            feedback.setProgressText("kernkompas: service areas")
            # One origin per call: one bounded search each anyway, and so progress and cancel.
            for i, point in enumerate(points):
                if feedback.isCanceled():
                    raise QgsProcessingException("kernkompas: cancelled")
                x, y = ctypes.c_double(point.x()), ctypes.c_double(point.y())
                areas = capi.handle("kk_service_areas")
                run.check(kk.kk_network_service_areas(
                    ctx, network, 1, ctypes.byref(x), 0, ctypes.byref(y), 0, limits, len(minutes),
                    capi.KK_METRIC_TIME, band_m, ctypes.byref(areas)))
                try:
                    for k, m in enumerate(minutes):
                        shape = self._polygon(run, areas, k)
                        out = QgsFeature(fields)
                        out.setGeometry(shape)
                        out.setAttributes([codes[i], names[i] or None, m, shape.area() / 1e6])
                        sink.addFeature(out, QgsFeatureSink.FastInsert)
                finally:
                    kk.kk_service_areas_destroy(areas)
                feedback.setProgress(100.0 * (i + 1) / max(len(points), 1))
        feedback.pushInfo(f"kernkompas: {len(points) * len(minutes)} service areas "
                          f"({len(points)} origins x {len(minutes)} times)")
        return {"OUTPUT": destination}

    @staticmethod
    def _polygon(run, areas, row):
        size = ctypes.c_size_t()
        run.check(run.kk.kk_service_areas_wkb_size(run.ctx, areas, row, ctypes.byref(size)))
        buffer = (ctypes.c_ubyte * size.value)()
        run.check(run.kk.kk_service_areas_wkb(run.ctx, areas, row, buffer, size.value))
        shape = QgsGeometry()
        shape.fromWkb(bytes(buffer))
        return shape

    @staticmethod
    def _minutes(text):
        minutes = []
        for part in (text or "").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or int(part) == 0:
                raise QgsProcessingException(
                    f"kernkompas: minutes: '{part}' is not a whole number of minutes > 0")
            minutes.append(int(part))
        if not minutes:
            raise QgsProcessingException("kernkompas: minutes: give at least one travel time")
        if any(b <= a for a, b in zip(minutes, minutes[1:])):
            raise QgsProcessingException(
                f"kernkompas: minutes: '{text}' is not strictly ascending")
        return minutes
