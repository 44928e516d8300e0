// The kernen (village cores) of a municipality, in memory, in the working CRS.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernkompas/core/table.hpp"
#include "kernkompas/geometry/multipolygon_array.hpp"

namespace kk {

// Name used for locations outside every kern.
inline constexpr std::string_view kBuitengebiedName = "buitengebied";

struct KernLayer {
  std::vector<std::string> code;
  std::vector<std::string> name;
  std::vector<std::vector<std::string>> aliases;  // other spellings, e.g. "Korthoef"
  std::vector<double> population;                 // NaN where unknown
  geometry::MultiPolygonArray geometry;            // in the working CRS (metres)

  size_t size() const { return code.size(); }

  // Code and name of row `row` of a per-kern table (kernen, then buitengebied at size()).
  std::string_view row_code(size_t row) const { return row < size() ? code[row] : kBuitengebiedName; }
  std::string_view row_name(size_t row) const { return row < size() ? name[row] : kBuitengebiedName; }

  // Index of the kern whose code, name or alias matches (case-insensitive, ignoring
  // apostrophes and spaces, so "s-Graveland" finds "'s-Graveland"), or nullopt.
  std::optional<size_t> find(std::string_view code_or_name) const;
};

// The key columns of every per-kern table: kern_code and kern_name, one row per kern, then
// buitengebied.
Table kern_key_columns(const KernLayer& kernen);

}  // namespace kk
