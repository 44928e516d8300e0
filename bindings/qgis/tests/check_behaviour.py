"""Progress, cancel and errors of the plugin's algorithms inside QGIS's own Python.

Run by scripts/test-qgis.sh with Debian's python3:  python3 check_behaviour.py PLUGINS_DIR
(the folder the plugin zip was unpacked into; KK_TEST_LOCATIONS names the register as a
GeoPackage point layer). Exits 1 naming the first check that fails.
"""

import os
import sys

from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
KERNEN = os.path.join(REPO, "datasets", "wijdemeren", "kernen.geojson")
ROADS = os.path.join(REPO, "datasets", "wijdemeren", "roads.geojson")


class RecordingFeedback(QgsProcessingFeedback):
    def __init__(self, cancel_at_first_progress=False):
        super().__init__()
        self.errors, self.texts, self.progress = [], [], []
        self.cancel_at_first_progress = cancel_at_first_progress

    def reportError(self, error, fatalError=False):  # noqa: N802,N803
        self.errors.append(error)

    def setProgressText(self, text):  # noqa: N802
        self.texts.append(text)

    def setProgress(self, progress):  # noqa: N802
        self.progress.append(progress)
        super().setProgress(progress)
        if self.cancel_at_first_progress:
            self.cancel()


def check(condition, message):
    if not condition:
        print("FAILED: " + message)
        sys.exit(1)
    print("ok: " + message)


def run(algorithm_id, parameters, feedback):
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
    context = QgsProcessingContext()
    results, ok = algorithm.run(parameters, context, feedback)
    return results, ok


def main(plugins):
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, plugins)
    from kernkompas_qgis.provider import KernkompasProvider

    provider = KernkompasProvider()
    QgsApplication.processingRegistry().addProvider(provider)

    locations = os.environ["KK_TEST_LOCATIONS"]
    base = {"KERNEN": KERNEN, "KERN_NAME_FIELD": "name", "KERN_CODE_FIELD": "code",
            "LOCATIONS": locations, "LOCATION_ID_FIELD": "id", "LOCATION_SBI_FIELD": "sbi",
            "LOCATION_STATUS_FIELD": "status", "OUTPUT": "TEMPORARY_OUTPUT"}

    feedback = RecordingFeedback()
    results, ok = run("kernkompas:indicators", base, feedback)
    check(ok and not feedback.errors, "indicators runs from Python")
    check(any(t.startswith("kernkompas: ") for t in feedback.texts) and len(feedback.progress) > 5
          and max(feedback.progress) == 100.0,
          f"the engine's steps reach QGIS's progress ({len(feedback.progress)} updates, "
          f"steps {sorted(set(feedback.texts))[:3]}...)")

    # The tables of the output folder are queued to join the project (the QGIS window loads
    # them; each must open as a layer), and the kern layer's style classes the density.
    import tempfile

    from kernkompas_qgis.algorithms.indicators import _DensityStyle
    from qgis.core import QgsGraduatedSymbolRenderer, QgsProcessingUtils

    folder = tempfile.mkdtemp(prefix="kernkompas-qgis-check-")
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("kernkompas:indicators")
    context = QgsProcessingContext()
    results, ok = algorithm.run({**base, "OUTPUT": os.path.join(folder, "kern.gpkg"),
                                 "OUTPUT_FOLDER": os.path.join(folder, "out")},
                                context, RecordingFeedback())
    queued = context.layersToLoadOnCompletion()
    names = sorted(details.name for details in queued.values())
    check(ok and {"vacancy_hotspot", "cluster", "kern_sector"} <= set(names)
          and all(QgsProcessingUtils.mapLayerFromString(uri, context).isValid() for uri in queued),
          f"the output folder's tables are queued for the project and open as layers ({names})")
    kern_layer = QgsVectorLayer(results["OUTPUT"], "kern", "ogr")
    _DensityStyle().postProcessLayer(kern_layer, context, RecordingFeedback())
    renderer = kern_layer.renderer()
    check(isinstance(renderer, QgsGraduatedSymbolRenderer)
          and renderer.classAttribute() == "density_per_km2" and len(renderer.ranges()) >= 3,
          f"the kern layer is styled by density_per_km2 ({type(renderer).__name__})")

    feedback = RecordingFeedback(cancel_at_first_progress=True)
    results, ok = run("kernkompas:indicators", base, feedback)
    check(not ok and feedback.errors == ["kernkompas: cancelled"],
          f"cancel stops the engine through its progress hook (errors {feedback.errors})")

    # A register word the engine does not know: one line naming the layer, feature and value.
    register = QgsVectorLayer("Point?crs=EPSG:28992&field=status:string", "register", "memory")
    for status in ("vacant", "bogus"):
        feature = QgsFeature(register.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(134000, 472000)))
        feature.setAttributes([status])
        register.dataProvider().addFeature(feature)
    feedback = RecordingFeedback()
    results, ok = run("kernkompas:vacancy_hotspots",
                      {"INPUT": register, "STATUS_FIELD": "status", "OUTPUT": "TEMPORARY_OUTPUT"},
                      feedback)
    check(not ok and len(feedback.errors) == 1 and "status 'bogus'" in feedback.errors[0]
          and "\n" not in feedback.errors[0],
          f"a bad status value is one error line: {feedback.errors}")

    # An error found by the library itself (a kern without a name): its one line, as it says it.
    kernen = QgsVectorLayer("Polygon?crs=EPSG:28992&field=name:string", "kernen", "memory")
    feature = QgsFeature(kernen.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((0 0,1000 0,1000 1000,0 0))"))
    feature.setAttributes([""])
    kernen.dataProvider().addFeature(feature)
    feedback = RecordingFeedback()
    results, ok = run("kernkompas:assign_points",
                      {"KERNEN": kernen, "KERN_NAME_FIELD": "name", "POINTS": register,
                       "OUTPUT": "TEMPORARY_OUTPUT", "COUNTS": "TEMPORARY_OUTPUT"}, feedback)
    check(not ok and len(feedback.errors) == 1
          and feedback.errors[0].startswith("kk_project_set_kernen_wkb")
          and "\n" not in feedback.errors[0],
          f"the library's own error line reaches QGIS: {feedback.errors}")

    # Service areas: progress once per origin, cancel between origins, bad minutes and the
    # library's own refusal (a speed of 0) as one line each.
    centres = QgsVectorLayer("Point?crs=EPSG:28992&field=code:string", "centres", "memory")
    for kern in QgsVectorLayer(KERNEN, "kernen", "ogr").getFeatures():
        centre = QgsFeature(centres.fields())
        centre.setGeometry(kern.geometry().pointOnSurface())
        centre.setAttributes([kern["code"]])
        centres.dataProvider().addFeature(centre)
    areas = {"ORIGINS": centres, "ORIGIN_ID_FIELD": "code", "ROADS": ROADS,
             "ROAD_CLASS_FIELD": "road_class", "ONEWAY_FIELD": "oneway", "MINUTES": "5,10",
             "OUTPUT": "TEMPORARY_OUTPUT"}
    feedback = RecordingFeedback()
    results, ok = run("kernkompas:service_area", areas, feedback)
    check(ok and not feedback.errors and len(feedback.progress) == centres.featureCount()
          and feedback.progress[-1] == 100.0,
          f"service_area reports progress once per origin ({feedback.progress})")
    feedback = RecordingFeedback(cancel_at_first_progress=True)
    results, ok = run("kernkompas:service_area", areas, feedback)
    check(not ok and feedback.errors == ["kernkompas: cancelled"],
          f"service_area stops between origins when cancelled (errors {feedback.errors})")
    feedback = RecordingFeedback()
    results, ok = run("kernkompas:service_area", {**areas, "MINUTES": "10,5"}, feedback)
    check(not ok and len(feedback.errors) == 1 and "not strictly ascending" in feedback.errors[0],
          f"service_area: minutes out of order are one error line: {feedback.errors}")
    feedback = RecordingFeedback()
    results, ok = run("kernkompas:service_area", {**areas, "SPEEDS": "residential=0"}, feedback)
    check(not ok and len(feedback.errors) == 1 and feedback.errors[0].startswith("kk_network_")
          and "\n" not in feedback.errors[0],
          f"service_area: the library's refusal of a speed of 0 is its one line: {feedback.errors}")
    del centres, centre, kern

    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    # Layers and contexts made here go before QGIS does: PyQGIS crashes at exit when a
    # layer outlives QgsApplication.exitQgis().
    del kern_layer, renderer, context, queued, register, kernen, feature
    QgsApplication.processingRegistry().removeProvider(provider)
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
