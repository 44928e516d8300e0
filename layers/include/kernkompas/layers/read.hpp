// Reading kernen, locations and population through GDAL/OGR into the engine's layers.
#pragma once

#include <string>
#include <vector>

#include "kernkompas/analysis.hpp"
#include "kernkompas/core/progress.hpp"
#include "kernkompas/data/kern_layer.hpp"
#include "kernkompas/data/location_layer.hpp"
#include "kernkompas/layers/config.hpp"
#include "kernkompas/layers/validate.hpp"

namespace kk::layers {

// Reads polygons; invalid ones are repaired with GEOS MakeValid and listed in `notes`.
KernLayer read_kernen(const LayerSource& source, const std::string& working_crs, Notes& notes);

// Reads points with the mapped fields. Rejects duplicate ids, unparseable values, empty or
// NaN geometry, non-point layers, empty layers. Every error names file, record and problem.
LocationLayer read_locations(const LayerSource& source, const std::string& working_crs, Notes& notes);

// Points with an inhabitants field; a polygon layer (CBS buurten, 100 m squares) gives each
// polygon's inhabitants at a point inside it (GEOS PointOnSurface).
PopulationLayer read_population(const LayerSource& source, const std::string& working_crs,
                                Notes& notes);

// Everything the config names, ready for kk::run_analysis: with [roads] the road network
// (layers/roads.hpp), with [facilities] the facilities (layers/facilities.hpp).
AnalysisInput read_project(const ProjectConfig& config, Notes& notes,
                           const ProgressCallback& progress = {});

}  // namespace kk::layers
