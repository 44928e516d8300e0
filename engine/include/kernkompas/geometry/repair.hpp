// Validity checks and repair of polygons (GEOS MakeValid underneath).
#pragma once

#include <string>
#include <vector>

#include "kernkompas/geometry/multipolygon_array.hpp"

namespace kk::geometry {

struct RepairReport {
  size_t feature;      // index in the input array
  std::string reason;  // GEOS's validity reason, e.g. "Self-intersection[131000 465000]"
};

// Returns a copy of `polygons` in which every invalid feature is replaced by its GEOS
// MakeValid result (polygonal parts only; collapsed lines and points are dropped).
// Each repaired feature is listed in `repairs`. Throws kk::InputError (kInvalidGeometry)
// for a feature whose repair leaves no area.
MultiPolygonArray make_valid(const MultiPolygonArray& polygons, std::vector<RepairReport>& repairs);

}  // namespace kk::geometry
