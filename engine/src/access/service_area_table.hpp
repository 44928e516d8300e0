// The service_area table: the part of the road network reachable within each travel time from
// each kern centre or facility, as polygons (network/service_area.hpp).
#pragma once

#include <string>
#include <vector>

#include "kernkompas/analysis.hpp"
#include "kernkompas/core/progress.hpp"
#include "kernkompas/network/snap.hpp"
#include "kern_centres.hpp"

namespace kk::access {

struct ServiceAreaOrigins {
  Points points;
  std::vector<std::string> kind;  // "kern" or the facility type
  std::vector<std::string> code;  // kern code or facility id
  std::vector<std::string> name;
};

struct ServiceAreaRequest {
  std::vector<int64_t> minutes;  // ascending
  double band_m = 50.0;
  double snap_limit_m = 250.0;
};

// One row per origin (in order) and limit (ascending): origin_kind, origin_code, origin_name,
// minutes, area_km2, method ("network"), with its polygon; grain "service_area", keys
// origin_code and minutes. An origin off the network gets rows with an empty polygon and area 0.
NamedTable service_area_table(const network::RoadNetwork& roads, const network::LinkIndex& index,
                              const ServiceAreaOrigins& origins, const ServiceAreaRequest& request,
                              const ProgressCallback& progress);

}  // namespace kk::access
