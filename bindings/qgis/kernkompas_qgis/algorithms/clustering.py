"""Clustering: the engine's DBSCAN clusters, kernel density and local Moran (LISA) cells."""

import os
import shutil
import tempfile

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterRasterDestination,
)

from .. import engine
from .base import KernkompasAlgorithm


class ClusteringAlgorithm(KernkompasAlgorithm):
    NAME = "clustering"
    DISPLAY = "Clustering: DBSCAN, density, LISA (clustering)"
    HELP = ("The engine's clustering family on a register: DBSCAN clusters of locations "
            "(published as outlines snapped to a grid, with counts; options "
            "clustering.dbscan_*), the kernel density raster (clustering.density_*) and the "
            "local Moran (LISA) classes of location counts on a grid (clustering.lisa_*), as "
            "the command line's layers 'cluster', 'lisa_cell' and density.tif.")
    OPTION_SECTIONS = ("execution", "disclosure", "clustering")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_kernen()
        self.add_locations()
        self.add_common()
        self.addParameter(QgsProcessingParameterFeatureSink(
            "CLUSTERS", "DBSCAN clusters", QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "LISA", "Local Moran (LISA) cells", QgsProcessing.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterRasterDestination(
            "DENSITY", "Kernel density (locations per km²)", optional=True, createByDefault=False))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        run, project = self.start(parameters, context, feedback)
        with run:
            self.set_kernen(run, project, parameters, context)
            self.set_locations(run, project, parameters, context)
            result = engine.analyse(run, project)
            crs = engine.working_crs(run, project)
            outputs = {
                "CLUSTERS": engine.table_to_sink(run, result, "cluster", self, parameters,
                                                 "CLUSTERS", context, crs),
                "LISA": engine.table_to_sink(run, result, "lisa_cell", self, parameters, "LISA",
                                             context, crs)}
            density = self.parameterAsOutputLayer(parameters, "DENSITY", context)
            if density:
                # The engine's own GeoTIFF writer, as the command line's density.tif.
                staging = tempfile.mkdtemp(prefix="kernkompas-qgis-")
                try:
                    folder = os.path.join(staging, "out")
                    engine.write_outputs(run, result, folder)
                    written = os.path.join(folder, "density.tif")
                    if not os.path.isfile(written):
                        raise QgsProcessingException("kernkompas: the run made no density raster")
                    shutil.copyfile(written, density)
                finally:
                    shutil.rmtree(staging, ignore_errors=True)
                outputs["DENSITY"] = density
        return outputs
