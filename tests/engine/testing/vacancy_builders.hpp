// Builders for the vacancy tests: registers written out unit by unit, so every expected
// figure can be counted by hand.
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "kernkompas/assign/assign.hpp"
#include "kernkompas/core/date.hpp"
#include "kernkompas/core/table.hpp"
#include "kernkompas/data/kern_layer.hpp"
#include "kernkompas/data/location_layer.hpp"

namespace kk::testing {

inline constexpr double kNoFloor = std::numeric_limits<double>::quiet_NaN();
inline constexpr OccupancyStatus kOcc = OccupancyStatus::kOccupied;
inline constexpr OccupancyStatus kVac = OccupancyStatus::kVacant;
inline constexpr OccupancyStatus kUnk = OccupancyStatus::kUnknown;

inline Days date(const char* iso) { return *parse_iso_date(iso); }

// A register plus its assignment, built one unit at a time.
struct Register {
  LocationLayer layer;
  assign::Assignment assignment;

  explicit Register(Days snapshot = kNoDate) { layer.snapshot_date = snapshot; }

  Register& add(std::string id, int32_t kern, OccupancyStatus status, double floor = kNoFloor,
                Days since = kNoDate, std::string sbi = "47.11", std::string function = "",
                double x = 0.0, double y = 0.0) {
    layer.id.push_back(std::move(id));
    layer.x.push_back(x);
    layer.y.push_back(y);
    layer.name.emplace_back();
    layer.sbi.push_back(std::move(sbi));
    layer.floor_area_m2.push_back(floor);
    layer.status.push_back(status);
    layer.vacant_since.push_back(since);
    layer.function.push_back(std::move(function));
    assignment.kern.push_back(kern);
    return *this;
  }
};

// Kernen with codes and names only (geometry is not needed when the assignment is given).
inline KernLayer kernen(std::vector<std::string> codes) {
  KernLayer k;
  k.code = codes;
  k.name = codes;
  k.aliases.resize(codes.size());
  k.population.assign(codes.size(), std::nan(""));
  return k;
}

// Cell `row` of a result table's real or integer column.
inline double real(const Table& t, const char* column, size_t row) {
  return t.at(column).reals[row];
}
inline int64_t integer(const Table& t, const char* column, size_t row) {
  return t.at(column).integers[row];
}

}  // namespace kk::testing
