"""The Processing provider "kernkompas" and its algorithms."""

import os

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .algorithms.access import NearestFacilityAlgorithm
from .algorithms.assign import AssignPointsAlgorithm
from .algorithms.clustering import ClusteringAlgorithm
from .algorithms.hotspots import VacancyHotspotsAlgorithm
from .algorithms.indicators import IndicatorsAlgorithm
from .algorithms.service_area import ServiceAreaAlgorithm


class KernkompasProvider(QgsProcessingProvider):
    def id(self):
        return "kernkompas"

    def name(self):
        return "kernkompas"

    def longName(self):  # noqa: N802
        from . import engine

        try:
            return f"kernkompas {engine.library_version()}"
        except engine.LibraryNotFound:
            return "kernkompas (libkernkompas.so.0 not found)"

    def icon(self):
        return QIcon(os.path.join(os.path.dirname(__file__), "icon.svg"))

    def loadAlgorithms(self):  # noqa: N802
        for algorithm in (IndicatorsAlgorithm(), AssignPointsAlgorithm(),
                          VacancyHotspotsAlgorithm(), ClusteringAlgorithm(),
                          NearestFacilityAlgorithm(), ServiceAreaAlgorithm()):
            self.addAlgorithm(algorithm)
