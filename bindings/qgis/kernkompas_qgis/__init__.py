"""QGIS plugin entry point: kernkompas as a Processing provider."""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    from .plugin import KernkompasPlugin

    return KernkompasPlugin(iface)
