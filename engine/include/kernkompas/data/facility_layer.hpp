// Facilities (voorzieningen) in memory: points with a type, the destinations of the
// accessibility family (railway stations, motorway ramps, bus stops, supermarkets, ...).
#pragma once

#include <string>
#include <vector>

namespace kk {

// Columns of equal length. `type` is the configured facility type (after the config's mapping
// of the file's values), e.g. "station"; `id` and `name` may be empty strings.
struct FacilityLayer {
  std::vector<std::string> id;
  std::vector<double> x, y;  // working CRS, metres
  std::vector<std::string> type;
  std::vector<std::string> name;

  size_t size() const { return x.size(); }
};

}  // namespace kk
