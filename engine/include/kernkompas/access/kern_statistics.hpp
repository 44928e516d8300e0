// Per-kern summaries of per-location accessibility values, in the manner of the CBS proximity
// statistics (nabijheidsstatistiek): the mean and median over a kern's locations, and how
// many of them reach no facility.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace kk::access {

// The row of a location that takes no part (no coordinates, not a supplier).
inline constexpr uint32_t kNoRow = std::numeric_limits<uint32_t>::max();

struct RowSummary {
  std::vector<double> mean;      // over the row's finite values; NaN when it has none
  std::vector<double> median;    // of the same values (the middle two averaged)
  std::vector<int64_t> missing;  // values NaN: locations that reach nothing
  std::vector<int64_t> taking_part;  // locations of the row that take part, NaN ones included
};

// Summarises values[i] over the locations of each of `rows` rows; row[i] is the location's
// row (kern, then buitengebied) or kNoRow. REQUIRES: values.size() == row.size(), every row
// < rows or kNoRow. Throws kk::Error (kInternal) otherwise.
RowSummary summarize_per_row(std::span<const double> values, std::span<const uint32_t> row, size_t rows);

}  // namespace kk::access
