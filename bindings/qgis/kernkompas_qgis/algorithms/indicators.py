"""Indicators per kern: the whole engine on a kernen layer and a register layer."""

import os

from qgis.core import (
    QgsGraduatedSymbolRenderer,
    QgsProcessingContext,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFolderDestination,
    QgsProcessing,
)

from .. import engine
from .base import KernkompasAlgorithm


class _DensityStyle(QgsProcessingLayerPostProcessorInterface):
    """Colours the kern layer by establishments per km² (five quantile classes) in the GUI."""

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        renderer = QgsGraduatedSymbolRenderer("density_per_km2")
        renderer.updateClasses(layer, QgsGraduatedSymbolRenderer.Quantile, 5)
        layer.setRenderer(renderer)
        layer.setName("Vestigingen per km² per kern")
        layer.triggerRepaint()


class IndicatorsAlgorithm(KernkompasAlgorithm):
    NAME = "indicators"
    DISPLAY = "Indicators per kern (indicatoren per kern)"
    HELP = ("Assigns every location of the register to its kern and computes every indicator "
            "of the engine: counts per SBI section, density, vacancy, hot spots, clustering. "
            "The output layer is the kernen with the indicators of table 'kern'; the output "
            "folder receives every table as the command line writes it (kernkompas.gpkg, "
            "one CSV per table, density rasters, kernkompas-run.json). Options come from the "
            "engine's own option list (advanced parameters).")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_kernen()
        self.add_locations()
        self.add_common()
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", "Kernen with indicators", QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFolderDestination(
            "OUTPUT_FOLDER", "Every table (the command line's output folder)", optional=True,
            createByDefault=False))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        run, project = self.start(parameters, context, feedback)
        with run:
            self.set_kernen(run, project, parameters, context)
            self.set_locations(run, project, parameters, context)
            result = engine.analyse(run, project)
            crs = engine.working_crs(run, project)
            destination = engine.table_to_sink(run, result, "kern", self, parameters, "OUTPUT",
                                               context, crs)
            outputs = {"OUTPUT": destination}
            folder = self.parameterAsString(parameters, "OUTPUT_FOLDER", context)
            if folder:
                engine.write_outputs(run, result, folder)
                outputs["OUTPUT_FOLDER"] = folder
                tables = [t for t in engine.table_names(run, result) if t != "kern"]
                self._load_tables(folder, tables, context)
        if context.willLoadLayerOnCompletion(destination):
            self._style = _DensityStyle()
            context.layerToLoadOnCompletionDetails(destination).setPostProcessor(self._style)
        return outputs

    @staticmethod
    def _load_tables(folder, tables, context):
        """The other tables of the written GeoPackage join the project when the run ends (in
        the QGIS window; qgis_process loads nothing)."""
        geopackage = os.path.join(folder, "kernkompas.gpkg")
        for table in tables:
            uri = f"{geopackage}|layername={table}"
            context.addLayerToLoadOnCompletion(
                uri, QgsProcessingContext.LayerDetails(table, context.project(), table))
