"""What every kernkompas algorithm shares: the kernen and register inputs with their field
mapping, the published/internal switch, the working CRS and the engine's options."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from .. import engine

# Register fields the engine reads: (parameter, engine field, label, numeric?).
LOCATION_FIELDS = [
    ("LOCATION_ID_FIELD", "id", "Location id field (unique; default: 1, 2, ...)", False),
    ("LOCATION_NAME_FIELD", "name", "Name field", False),
    ("LOCATION_SBI_FIELD", "sbi", "SBI code field (e.g. 47.11)", False),
    ("LOCATION_STATUS_FIELD", "status", "Status field (occupied/bezet or vacant/leeg)", False),
    ("LOCATION_FLOOR_AREA_FIELD", "floor_area_m2", "Floor area field (m²)", True),
    ("LOCATION_EMPLOYEES_FIELD", "employees", "Employees field", True),
    ("LOCATION_FUNCTION_FIELD", "function", "Function field (e.g. BAG gebruiksdoel)", False),
    ("LOCATION_VACANT_SINCE_FIELD", "vacant_since", "Vacant since field (YYYY-MM-DD)", False),
]


class KernkompasAlgorithm(QgsProcessingAlgorithm):
    """Base: subclasses set NAME, DISPLAY, HELP and OPTION_SECTIONS and define the rest."""

    NAME = ""
    DISPLAY = ""
    HELP = ""
    OPTION_SECTIONS = None  # None: every section

    def name(self):
        return self.NAME

    def displayName(self):  # noqa: N802
        return self.DISPLAY

    def group(self):
        return "kernkompas"

    def groupId(self):  # noqa: N802
        return "kernkompas"

    def shortHelpString(self):  # noqa: N802
        return self.HELP + (
            "\n\nOutput is published by default: disclosure control withholds rows and cells "
            "built on too few businesses (docs/disclosure.md). Tick 'internal' only for "
            "output that is never published.")

    def createInstance(self):  # noqa: N802
        return type(self)()

    # --- parameters ----------------------------------------------------------------------

    def add_kernen(self, optional=False):
        self.addParameter(QgsProcessingParameterFeatureSource(
            "KERNEN", "Kernen (polygons)", [QgsProcessing.TypeVectorPolygon], optional=optional))
        self.addParameter(QgsProcessingParameterField(
            "KERN_NAME_FIELD", "Kern name field", None, "KERNEN", optional=optional))
        self.addParameter(QgsProcessingParameterField(
            "KERN_CODE_FIELD", "Kern code field (default: the name)", None, "KERNEN", optional=True))
        self.addParameter(QgsProcessingParameterField(
            "KERN_POPULATION_FIELD", "Population field", None, "KERNEN",
            QgsProcessingParameterField.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterField(
            "KERN_ALIASES_FIELD", "Aliases field (other spellings, ';'-separated)", None, "KERNEN",
            optional=True))

    def add_locations(self, name="LOCATIONS", label="Register of locations (points)", fields=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            name, label, [QgsProcessing.TypeVectorPoint]))
        for parameter, engine_field, field_label, _ in LOCATION_FIELDS:
            if fields is not None and engine_field not in fields:
                continue
            self.addParameter(QgsProcessingParameterField(parameter, field_label, None, name,
                                                          optional=True))
        if fields is None:
            self.addParameter(QgsProcessingParameterString(
                "SNAPSHOT_DATE", "Date of the register (YYYY-MM-DD)", None, False, True))

    def add_common(self, internal=True):
        if internal:
            self.addParameter(QgsProcessingParameterBoolean(
                "INTERNAL", "Internal output (disclosure control off; never publish)", False))
        crs = QgsProcessingParameterCrs("WORKING_CRS", "Working CRS (metric; default EPSG:28992)",
                                        "EPSG:28992", optional=True)
        crs.setFlags(crs.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(crs)
        for parameter in engine.option_parameters(self.OPTION_SECTIONS):
            self.addParameter(parameter)

    # --- reading them --------------------------------------------------------------------

    def source(self, parameters, name, context, label):
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            raise QgsProcessingException(f"kernkompas: {label}: no layer given")
        return source

    def start(self, parameters, context, feedback):
        """A run with the options, the internal switch and a project in the working CRS."""
        run = engine.Run(feedback)
        try:
            run.apply_option_parameters(self, parameters, context, self.OPTION_SECTIONS)
            run.set_internal(self.parameterAsBool(parameters, "INTERNAL", context))
            crs = self.parameterAsCrs(parameters, "WORKING_CRS", context)
            crs_text = crs.authid() if crs.isValid() and crs.authid() else "EPSG:28992"
            project = engine.create_project(run, "", crs_text)
        except Exception:
            run.close()
            raise
        return run, project

    def set_kernen(self, run, project, parameters, context):
        source = self.source(parameters, "KERNEN", context, "kernen")
        return engine.set_kernen(
            run, project, source, f"kernen layer '{source.sourceName()}'",
            self.parameterAsString(parameters, "KERN_NAME_FIELD", context),
            self.parameterAsString(parameters, "KERN_CODE_FIELD", context) or None,
            self.parameterAsString(parameters, "KERN_POPULATION_FIELD", context) or None,
            self.parameterAsString(parameters, "KERN_ALIASES_FIELD", context) or None)

    def set_locations(self, run, project, parameters, context, name="LOCATIONS"):
        source = self.source(parameters, name, context, "locations")
        fields = {}
        for parameter, engine_field, _, _ in LOCATION_FIELDS:
            if parameter in parameters:
                fields[engine_field] = self.parameterAsString(parameters, parameter, context) or None
        snapshot = (self.parameterAsString(parameters, "SNAPSHOT_DATE", context)
                    if "SNAPSHOT_DATE" in parameters else "")
        return source, engine.set_locations(
            run, project, source, f"locations layer '{source.sourceName()}'", fields, snapshot)
