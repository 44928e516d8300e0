// Reading a road network (OpenStreetMap through GDAL's OSM driver, the Dutch NWB, or any line
// layer with a class and a one-way field) into the engine's routable graph.
#pragma once

#include <string>

#include "kernkompas/core/progress.hpp"
#include "kernkompas/layers/config.hpp"
#include "kernkompas/layers/validate.hpp"
#include "kernkompas/network/road_network.hpp"

namespace kk::layers {

// The road formats of RoadSource::format, as read_roads resolves "".
enum class RoadFormat : uint8_t { kOsm, kNwb, kGeneric };

// The format `source` is read as: its `format`, or, when empty, chosen from the file (GDAL's
// OSM driver, or a highway column with other_tags or osm_id -> kOsm; a RIJRICHTNG column ->
// kNwb; else kGeneric). Opens the file.
RoadFormat road_format(const RoadSource& source);

// Streams the lines of `source` into a kk::network::RoadNetwork in `working_crs`, one feature
// at a time (a bounded batch of vertices is transformed at once), without holding the layer.
// Each class value gets the speed of `source.speed_kmh` (0: the line is not a road and is left
// out), or default_speed_kmh when not listed; LineStrings and each part of a MultiLineString
// are lines; directions per `source.format` (see RoadSource). Notes: lines read, left out (per
// class), without a class, of classes without a speed (per class), OSM oneway values not
// understood (taken as two-way), and the graph's links, nodes and components. Progress: step
// "read roads", every 16,384 features (fraction of the declared count, 0 when unknown).
// Throws kk::InputError naming the file, the record and the problem: a geometry that is not a
// line, a oneway value not understood (generic, NWB), an empty layer or one without any road,
// an implausible coordinate for the CRS.
network::RoadNetwork read_roads(const RoadSource& source, const std::string& working_crs, Notes& notes,
                                const ProgressCallback& progress = {});

}  // namespace kk::layers
