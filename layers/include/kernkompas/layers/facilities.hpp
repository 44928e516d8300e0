// Reading the facilities (stations, motorway ramps, bus stops, ...) of the accessibility
// family: a point layer with a type per record.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kernkompas/data/facility_layer.hpp"
#include "kernkompas/layers/config.hpp"
#include "kernkompas/layers/validate.hpp"

namespace kk::layers {

// What a facility type may look like: it becomes part of column names (access_<type>_mean_km).
inline constexpr std::string_view kFacilityTypeRule =
    "a type is lower case letters a-z, digits and '_' (e.g. station, bus_stop, motorway_ramp)";

// `text` as a facility type: trimmed and lowered (ASCII); nullopt when the result is empty or
// holds anything but a-z, 0-9 and '_'.
std::optional<std::string> facility_type_name(std::string_view text);

// Reads points (the layer's geometry, or x/y, lon/lat or WKT columns) with a type per record
// (field "type", required) and optional "id" (unique when given) and "name", into the working
// CRS. With `source.types` every file value must be mapped. Throws kk::InputError naming the
// file, the record and the problem: an empty or unmapped type (listing the mapped values), a
// type that is not a valid name (kFacilityTypeRule), a duplicate id, a non-point geometry, an
// empty layer. Notes: the count per type.
FacilityLayer read_facilities(const FacilitySource& source, const std::string& working_crs, Notes& notes);

}  // namespace kk::layers
