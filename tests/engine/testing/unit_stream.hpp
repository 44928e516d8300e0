// The "x y status" unit text that compare_gi_star.py and test_gi_star_esda.py write for the
// Gi* comparisons with esda, read the same way by kk_gi_star_cli and kk_bench_gi_star.
#pragma once

#include <istream>
#include <string>

#include "kernkompas/data/location_layer.hpp"

namespace kk::testing {

// Units, one a line "x y status" (status 0 unknown, 1 occupied, 2 vacant), ids "0", "1", …
// in order. Stops at the end or at the first line that is not "x y status": the caller
// tells the two apart with in.eof().
inline LocationLayer read_units(std::istream& in) {
  LocationLayer layer;
  double x = 0, y = 0;
  int status = 0;
  while (in >> x >> y >> status) {
    layer.id.push_back(std::to_string(layer.id.size()));
    layer.x.push_back(x);
    layer.y.push_back(y);
    layer.status.push_back(static_cast<OccupancyStatus>(status));
  }
  return layer;
}

}  // namespace kk::testing
