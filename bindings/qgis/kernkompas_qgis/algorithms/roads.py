"""The road network of the accessibility algorithms: its parameters (a line layer with road
class and one-way fields, speeds per class) and building it through kk_network_create."""

import ctypes

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from .. import engine
from .. import kkcapi as capi

# The generic road format's one-way words (layers/src/roads.cpp), so a layer reads as in the CLI.
_FORWARD = {"yes", "true", "1", "h"}
_BACKWARD = {"-1", "t"}
_BOTH = {"", "no", "false", "0", "b", "o"}


class RoadNetworkInputs:
    """Mixin for a KernkompasAlgorithm that works over a road network."""

    def add_road_parameters(self):
        """ROADS and its fields, speeds and node settings, as the [roads] section has them."""
        self.addParameter(QgsProcessingParameterFeatureSource(
            "ROADS", "Roads (lines)", [QgsProcessing.TypeVectorLine]))
        self.addParameter(QgsProcessingParameterField(
            "ROAD_CLASS_FIELD", "Road class field", None, "ROADS", optional=True))
        self.addParameter(QgsProcessingParameterString(
            "SPEEDS", "Speeds per road class, km/h (e.g. primary=80,residential=30)", None,
            False, True))
        self.addParameter(QgsProcessingParameterNumber(
            "DEFAULT_SPEED_KMH", "Speed of other classes (km/h)",
            QgsProcessingParameterNumber.Double, 50.0, False, 0.001, 300.0))
        self.addParameter(QgsProcessingParameterField(
            "ONEWAY_FIELD", "One-way field", None, "ROADS", optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "NODE_TOLERANCE_M", "Line ends this close are one node (m)",
            QgsProcessingParameterNumber.Double, 0.0, False, 0.0))
        self.addParameter(QgsProcessingParameterBoolean(
            "SPLIT_AT_SHARED_VERTICES", "Lines meet at shared interior vertices too", False))

    def road_network(self, run, roads, to_working, parameters, context, feedback):
        """The kk_network of layer `roads` (coordinates through `to_working`), freed with `run`."""
        class_field = self.parameterAsString(parameters, "ROAD_CLASS_FIELD", context)
        oneway_field = self.parameterAsString(parameters, "ONEWAY_FIELD", context)
        speeds = [self.parameterAsDouble(parameters, "DEFAULT_SPEED_KMH", context)]
        class_index = {}
        for part in (self.parameterAsString(parameters, "SPEEDS", context) or "").split(","):
            if not part.strip():
                continue
            name, _, value = part.partition("=")
            try:
                speed = float(value)
            except ValueError:
                raise QgsProcessingException(
                    f"kernkompas: speeds: '{part.strip()}' is not class=km/h")
            class_index[name.strip()] = len(speeds)
            speeds.append(speed)
        offsets, xs, ys, classes, directions = [0], [], [], [], []
        for feature in roads.getFeatures():
            geometry = feature.geometry()
            if geometry is None or geometry.isNull() or geometry.isEmpty():
                continue
            geometry.transform(to_working)
            parts = geometry.asMultiPolyline() if geometry.isMultipart() else [geometry.asPolyline()]
            road_class = class_index.get(engine.text_of(feature[class_field]), 0) if class_field else 0
            direction = self._direction(feature, oneway_field) if oneway_field else 0
            for line in parts:
                xs += [p.x() for p in line]
                ys += [p.y() for p in line]
                offsets.append(len(xs))
                classes.append(road_class)
                directions.append(direction)
        count = len(classes)
        if count == 0:
            raise QgsProcessingException("kernkompas: the roads layer has no lines")
        kk, ctx = run.kk, run.ctx
        options = capi.handle("kk_network_options")
        run.check(kk.kk_network_options_create(ctx, ctypes.byref(options)))
        run.own(options, kk.kk_network_options_destroy)
        run.check(kk.kk_network_options_set_speeds(ctx, options, (ctypes.c_double * len(speeds))(*speeds),
                                                   len(speeds)))
        run.check(kk.kk_network_options_set_node_tolerance_m(
            ctx, options, self.parameterAsDouble(parameters, "NODE_TOLERANCE_M", context)))
        run.check(kk.kk_network_options_set_split_at_shared_vertices(
            ctx, options, int(self.parameterAsBool(parameters, "SPLIT_AT_SHARED_VERTICES", context))))
        network = capi.handle("kk_network")
        run.check(kk.kk_network_create(
            ctx, count, (ctypes.c_uint64 * len(offsets))(*offsets),
            (ctypes.c_double * len(xs))(*xs), 0, (ctypes.c_double * len(ys))(*ys), 0,
            (ctypes.c_uint16 * count)(*classes), (ctypes.c_uint8 * count)(*directions), options,
            ctypes.byref(network)))
        feedback.pushInfo(f"kernkompas: a road network of {count} lines")
        return run.own(network, kk.kk_network_destroy)

    @staticmethod
    def _direction(feature, field):
        word = engine.text_of(feature[field]).strip().lower()
        if word in _FORWARD:
            return capi.KK_DIRECTION_FORWARD
        if word in _BACKWARD:
            return capi.KK_DIRECTION_BACKWARD
        if word in _BOTH:
            return capi.KK_DIRECTION_BOTH
        raise QgsProcessingException(
            f"kernkompas: roads: feature {feature.id()}: oneway '{feature[field]}' is not a "
            "direction (yes/true/1/H = one-way along the line, -1/T = against it, no/false/0/B "
            "or empty = both ways)")
