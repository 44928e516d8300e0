"""Assign points to kernen: each point gets the code and name of the kern polygon covering it."""

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
)
from qgis.PyQt.QtCore import QVariant

from .. import engine
from .base import KernkompasAlgorithm


class AssignPointsAlgorithm(KernkompasAlgorithm):
    NAME = "assign_points"
    DISPLAY = "Assign points to kernen (punten toewijzen aan kernen)"
    HELP = ("Gives every point the code and name of the kern whose polygon covers it, as the "
            "engine assigns locations (a point on a boundary two kernen share goes to the kern "
            "that comes first; a point outside every kern to 'buitengebied'). Output: the "
            "points with kern_code and kern_name added, and the kernen with their number of "
            "points (n_locations, from the published kern table).")
    OPTION_SECTIONS = ("disclosure",)

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_locations("POINTS", "Points", fields=("id",))
        self.add_kernen()
        self.add_common()
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", "Points with kern", QgsProcessing.TypeVectorPoint))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "COUNTS", "Points per kern", QgsProcessing.TypeVectorPolygon))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        run, project = self.start(parameters, context, feedback)
        with run:
            self.set_kernen(run, project, parameters, context)
            source, features = self.set_locations(run, project, parameters, context, "POINTS")
            result = engine.analyse(run, project)
            kernen = engine.location_kern_codes(run, result)
            fields = QgsFields(source.fields())
            for name in ("kern_code", "kern_name"):
                if fields.indexOf(name) >= 0:
                    raise QgsProcessingException(
                        f"kernkompas: the points already have a field '{name}'; rename it first")
                fields.append(QgsField(name, QVariant.String))
            sink, destination = self.parameterAsSink(parameters, "OUTPUT", context, fields,
                                                     source.wkbType(), source.sourceCrs())
            for feature, (code, name) in zip(features, kernen):
                out = QgsFeature(fields)
                out.setGeometry(feature.geometry())
                out.setAttributes(list(feature.attributes()) + [code, name])
                sink.addFeature(out, QgsFeatureSink.FastInsert)
            counts = self._counts(run, result, parameters, context, engine.working_crs(run, project))
        return {"OUTPUT": destination, "COUNTS": counts}

    def _counts(self, run, result, parameters, context, crs):
        columns, rows, _ = engine.read_table(run, result, "kern")
        keep = [i for i, (name, _) in enumerate(columns)
                if name in ("kern_code", "kern_name", "n_locations", "suppressed")]
        fields = QgsFields()
        for i in keep:
            fields.append(QgsField(columns[i][0], engine._QVARIANT[columns[i][1]]))
        sink, destination = self.parameterAsSink(parameters, "COUNTS", context, fields,
                                                 engine.QgsWkbTypes.MultiPolygon, crs)
        for index, row in enumerate(rows):
            feature = QgsFeature(fields)
            feature.setAttributes([row[i] for i in keep])
            feature.setGeometry(engine.geometry(run, result, "kern", index))
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        return destination
