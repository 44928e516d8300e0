// A kern's centre for accessibility: a point inside its polygon (GEOS point-on-surface), so a
// crescent-shaped kern's centre never falls in the lake beside it.
#pragma once

#include <vector>

#include "kernkompas/geometry/multipolygon_array.hpp"

namespace kk::access {

struct Points {
  std::vector<double> x, y;
};

// One point per feature; NaN for a feature without parts. Throws kk::InputError
// (kInvalidGeometry) for a polygon GEOS cannot read.
Points kern_centres(const geometry::MultiPolygonArray& kernen);

}  // namespace kk::access
