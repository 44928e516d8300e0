// Business locations (vestigingen / units) in memory, column by column.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernkompas/core/date.hpp"

namespace kk {

enum class OccupancyStatus : uint8_t { kUnknown = 0, kOccupied = 1, kVacant = 2 };

// Optional columns are either empty (absent in the input) or as long as `id`.
// Missing numeric values are NaN, missing dates kNoDate.
struct LocationLayer {
  std::vector<std::string> id;
  std::vector<double> x, y;  // working CRS, metres
  std::vector<std::string> name;
  std::vector<std::string> sbi;
  std::vector<double> floor_area_m2;
  std::vector<OccupancyStatus> status;
  std::vector<Days> vacant_since;
  std::vector<double> employees;
  std::vector<std::string> function;  // usage class, e.g. BAG gebruiksdoel
  Days snapshot_date = kNoDate;       // the register's reference date, if known

  size_t size() const { return id.size(); }
  // Status of location i; kUnknown when the register has no status column.
  OccupancyStatus status_of(size_t i) const { return status.empty() ? OccupancyStatus::kUnknown : status[i]; }
  // True when some location has a known status (occupied or vacant).
  bool has_known_status() const {
    for (OccupancyStatus s : status) {
      if (s != OccupancyStatus::kUnknown) return true;
    }
    return false;
  }
};

// Population as points (e.g. CBS 100 m squares' centres or buurt centroids).
struct PopulationLayer {
  std::vector<double> x, y;
  std::vector<double> inhabitants;
  size_t size() const { return x.size(); }
};

}  // namespace kk
