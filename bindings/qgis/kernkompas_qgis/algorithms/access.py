"""Accessibility: network distance and travel time from points to the nearest facility, and
the facilities within road distances, over a road line layer (kk_network_* of the C API)."""

import ctypes
import math

from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsProject,
)
from qgis.PyQt.QtCore import QVariant

from .. import engine
from .. import kkcapi as capi
from .base import KernkompasAlgorithm
from .roads import RoadNetworkInputs

class NearestFacilityAlgorithm(RoadNetworkInputs, KernkompasAlgorithm):
    NAME = "nearest_facility"
    DISPLAY = "Nearest facility over the roads (bereikbaarheid)"
    HELP = ("For every point: the road distance (access_km) and travel time (access_min) to "
            "the nearest facility, which facility (access_facility), the snap distance to the "
            "road (access_snap_m) and the number of facilities within each road distance of "
            "'radii' (access_within_<r>km), as the engine's accessibility family computes "
            "them for its locations (access_<type>_km and so on). The roads are a line layer "
            "with an optional road-class field (speeds per class) and one-way field (yes/1 "
            "along the line, -1 against it). Points, facilities and roads are used in the "
            "working CRS. The output is the input points with these columns: premise-level "
            "when the points are businesses, so not for publication as such. Service areas: "
            "the algorithm 'Service areas'.")
    OPTION_SECTIONS = ()

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            "ORIGINS", "Points (origins)", [QgsProcessing.TypeVectorPoint]))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "FACILITIES", "Facilities (points)", [QgsProcessing.TypeVectorPoint]))
        self.addParameter(QgsProcessingParameterField(
            "FACILITY_ID_FIELD", "Facility id field (default: the feature number)", None,
            "FACILITIES", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "FACILITY_TYPE_FIELD", "Facility type field", None, "FACILITIES", optional=True))
        self.addParameter(QgsProcessingParameterString(
            "FACILITY_TYPE", "Only facilities of this type (e.g. station)", None, False, True))
        self.add_road_parameters()
        self.addParameter(QgsProcessingParameterEnum(
            "METRIC", "Nearest by", ["distance", "time"], False, 0))
        self.addParameter(QgsProcessingParameterString(
            "RADII_KM", "Count facilities within these road distances (whole km)", "1,3,5,10,20",
            False, True))
        self.addParameter(QgsProcessingParameterBoolean(
            "ADD_SNAP_DISTANCE", "Add the snap distances to the road", True))
        self.add_common(internal=False)
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", "Points with accessibility", QgsProcessing.TypeVectorPoint))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        crs = self.parameterAsCrs(parameters, "WORKING_CRS", context)
        if not crs.isValid():
            crs = engine.QgsCoordinateReferenceSystem("EPSG:28992")
        origins = self.source(parameters, "ORIGINS", context, "origins")
        facilities_source = self.source(parameters, "FACILITIES", context, "facilities")
        roads = self.source(parameters, "ROADS", context, "roads")

        def transformer(source):
            return QgsCoordinateTransform(source.sourceCrs(), crs, QgsProject.instance())

        origin_features = list(origins.getFeatures())
        to_working = transformer(origins)
        origin_xy = [to_working.transform(*engine.point_xy(f, "origins")) for f in origin_features]

        type_field = self.parameterAsString(parameters, "FACILITY_TYPE_FIELD", context)
        wanted = self.parameterAsString(parameters, "FACILITY_TYPE", context)
        id_field = self.parameterAsString(parameters, "FACILITY_ID_FIELD", context)
        to_working = transformer(facilities_source)
        facility_xy, facility_ids = [], []
        for feature in facilities_source.getFeatures():
            if wanted and type_field and engine.text_of(feature[type_field]) != wanted:
                continue
            facility_xy.append(to_working.transform(*engine.point_xy(feature, "facilities")))
            facility_ids.append(engine.text_of(feature[id_field]) if id_field else str(feature.id()))
        if not facility_xy:
            raise QgsProcessingException(
                f"kernkompas: no facility{' of type ' + repr(wanted) if wanted else ''} in the "
                "facilities layer")

        radii = self._radii(self.parameterAsString(parameters, "RADII_KM", context))
        metric = self.parameterAsEnum(parameters, "METRIC", context)
        add_snap = int(self.parameterAsBool(parameters, "ADD_SNAP_DISTANCE", context))
        n, m = len(origin_xy), len(facility_xy)
        ox = (ctypes.c_double * max(n, 1))(*[p.x() for p in origin_xy])
        oy = (ctypes.c_double * max(n, 1))(*[p.y() for p in origin_xy])
        fx = (ctypes.c_double * m)(*[p.x() for p in facility_xy])
        fy = (ctypes.c_double * m)(*[p.y() for p in facility_xy])
        nearest = (ctypes.c_uint32 * max(n, 1))()
        distance = (ctypes.c_double * max(n, 1))()
        time_s = (ctypes.c_double * max(n, 1))()
        snap = (ctypes.c_double * max(n, 1))()
        counts = (ctypes.c_double * max(n * len(radii), 1))()
        with engine.Run(feedback) as run:
            kk, ctx = run.kk, run.ctx
            network = self.road_network(run, roads, transformer(roads), parameters, context, feedback)
            run.check(kk.kk_network_snap(ctx, network, n, ox, 0, oy, 0, None, None, snap, max(n, 1)))
            run.check(kk.kk_network_nearest_facility(
                ctx, network, n, ox, 0, oy, 0, m, fx, 0, fy, 0, metric, add_snap, nearest,
                distance, time_s, max(n, 1)))
            if feedback.isCanceled():
                raise QgsProcessingException("kernkompas: cancelled")
            if radii:
                thresholds = (ctypes.c_double * len(radii))(*[r * 1000.0 for r in radii])
                run.check(kk.kk_network_count_within(
                    ctx, network, n, ox, 0, oy, 0, m, fx, 0, fy, 0, thresholds, len(radii),
                    capi.KK_METRIC_DISTANCE, add_snap, counts, max(n * len(radii), 1)))

        fields = QgsFields(origins.fields())
        added = [("access_km", QVariant.Double), ("access_min", QVariant.Double),
                 ("access_facility", QVariant.String), ("access_snap_m", QVariant.Double)]
        added += [(f"access_within_{r}km", QVariant.Double) for r in radii]
        for name, kind in added:
            if fields.indexOf(name) >= 0:
                raise QgsProcessingException(
                    f"kernkompas: the points already have a field '{name}'; rename it first")
            fields.append(QgsField(name, kind))
        sink, destination = self.parameterAsSink(parameters, "OUTPUT", context, fields,
                                                 origins.wkbType(), origins.sourceCrs())

        def clean(v):
            return None if math.isnan(v) else v

        for i, feature in enumerate(origin_features):
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            reached = nearest[i] != 0xFFFFFFFF
            values = [clean(distance[i] / 1000.0), clean(time_s[i] / 60.0),
                      facility_ids[nearest[i]] if reached else None, clean(snap[i])]
            values += [clean(counts[i * len(radii) + k]) for k in range(len(radii))]
            out.setAttributes(list(feature.attributes()) + values)
            sink.addFeature(out, QgsFeatureSink.FastInsert)
        return {"OUTPUT": destination}

    @staticmethod
    def _radii(text):
        radii = []
        for part in (text or "").split(","):
            part = part.strip()
            if not part or part == "none":
                continue
            if not part.isdigit():
                raise QgsProcessingException(
                    f"kernkompas: radii: '{part}' is not a whole number of km")
            radii.append(int(part))
        return radii
