// Mean, median and missing count per kern row.
#include "kernkompas/access/kern_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "kernkompas/core/error.hpp"

namespace kk::access {

RowSummary summarize_per_row(std::span<const double> values, std::span<const uint32_t> row, size_t rows) {
  if (values.size() != row.size()) {
    throw Error(ErrorCode::kInternal, "summarize_per_row: " + std::to_string(values.size()) + " values for " +
                                          std::to_string(row.size()) + " rows");
  }
  std::vector<std::vector<double>> members(rows);
  RowSummary s;
  s.missing.assign(rows, 0);
  s.taking_part.assign(rows, 0);
  for (size_t i = 0; i < values.size(); ++i) {
    if (row[i] == kNoRow) continue;
    if (row[i] >= rows) throw Error(ErrorCode::kInternal, "summarize_per_row: row " + std::to_string(row[i]) + " out of range");
    ++s.taking_part[row[i]];
    if (std::isnan(values[i])) {
      ++s.missing[row[i]];
    } else {
      members[row[i]].push_back(values[i]);
    }
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  s.mean.assign(rows, nan);
  s.median.assign(rows, nan);
  for (size_t r = 0; r < rows; ++r) {
    std::vector<double>& v = members[r];
    if (v.empty()) continue;
    double sum = 0.0;
    for (double x : v) sum += x;
    s.mean[r] = sum / static_cast<double>(v.size());
    const size_t half = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(half), v.end());
    const double upper = v[half];
    if (v.size() % 2 == 1) {
      s.median[r] = upper;
    } else {
      const double lower = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(half));
      s.median[r] = 0.5 * (lower + upper);
    }
  }
  return s;
}

}  // namespace kk::access
