// Private to the vacancy sources: checks, per-unit facts and the shared column builder.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kernkompas/assign/assign.hpp"
#include "kernkompas/core/table.hpp"
#include "kernkompas/data/location_layer.hpp"
#include "kernkompas/vacancy/vacancy.hpp"

namespace kk::vacancy::detail {

// Throws kk::Error (kInvalidArgument) naming the option that is out of range.
void check_options(const Options& options);

// Throws kk::Error (kInvalidArgument) when an optional column is neither empty nor as long
// as the ids, or x/y are not. `what` names the layer in the message.
void check_layer(const LocationLayer& locations, std::string_view what);

// Throws kk::Error (kInvalidArgument) when the assignment does not cover the locations or
// names a kern that does not exist.
void check_assignment(const assign::Assignment& assignment, size_t location_count,
                      size_t kern_count, std::string_view what);

// The reference date for durations: options.reference_date, else the snapshot date. Throws
// kk::InputError (kMissingField) when neither is known but some vacant unit has a date.
Days reference_date(const LocationLayer& locations, const Options& options);

inline OccupancyStatus status_of(const LocationLayer& locations, size_t i) { return locations.status_of(i); }

// Sums for one row of a vacancy table.
struct Accumulator {
  int64_t n_locations = 0;
  int64_t n_status_unknown = 0;
  int64_t n_occupied = 0;
  int64_t n_vacant = 0;
  int64_t n_with_floor = 0;  // status known and floor area known
  double total_floor = 0.0;
  double vacant_floor = 0.0;
  std::array<int64_t, 4> n_duration{};     // indexed by DurationClass
  std::array<double, 4> floor_duration{};  // floor area of vacant units per class
  // For the magnitude rule: contributing units and the largest single contribution.
  int64_t n_vacant_floor = 0;
  double max_floor = 0.0, max_vacant_floor = 0.0;
  std::array<int64_t, 4> n_floor_duration{};
  std::array<double, 4> max_floor_duration{};

  int64_t n_units() const { return n_occupied + n_vacant; }
  // Adds location i of `locations`.
  void add(const LocationLayer& locations, size_t i, Days reference);
};

// Appends the vacancy columns (see vacancy_per_kern) for `rows`.
void add_vacancy_columns(Table& table, std::span<const Accumulator> rows, const Options& options);

// The disclosure risk of `rows` for kk::suppress_cells: units with a known status, and the
// floor-area magnitudes with their contributors and largest contributions.
CellRisk vacancy_risk(std::span<const Accumulator> rows);

// Applies kk::suppress_cells to a table with the vacancy columns, keeping `keep`.
void suppress_vacancy(Table& table, std::span<const Accumulator> rows, const Options& options,
                      std::span<const std::string_view> keep);

}  // namespace kk::vacancy::detail
