// Change in vacancy between two snapshots, units matched by id.
#include "kernkompas/vacancy/change.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>

#include "common.hpp"
#include "kernkompas/core/error.hpp"

namespace kk::vacancy {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct ChangeCounts {
  int64_t units_t0 = 0, units_t1 = 0, vacant_t0 = 0, vacant_t1 = 0;
  int64_t opened = 0, closed = 0, newly_vacant = 0, re_occupied = 0, still_vacant = 0;
};

std::string snapshot_name(const LocationLayer& l, const char* which) {
  std::string name = std::string("snapshot ") + which;
  if (l.snapshot_date != kNoDate) name += " (" + format_iso_date(l.snapshot_date) + ")";
  return name;
}

// id -> record index; throws on empty or duplicate ids.
std::unordered_map<std::string_view, size_t> index_ids(const LocationLayer& l, const char* which) {
  std::unordered_map<std::string_view, size_t> index;
  index.reserve(l.size());
  for (size_t i = 0; i < l.size(); ++i) {
    if (l.id[i].empty()) {
      throw InputError(ErrorCode::kBadValue, snapshot_name(l, which) + ": record " +
                                                 std::to_string(i + 1) +
                                                 " has no id, so it cannot be matched between "
                                                 "snapshots");
    }
    const auto [it, inserted] = index.emplace(l.id[i], i);
    if (!inserted) {
      throw InputError(ErrorCode::kDuplicateId,
                       snapshot_name(l, which) + ": id '" + l.id[i] + "' occurs twice (records " +
                           std::to_string(it->second + 1) + " and " + std::to_string(i + 1) + ")");
    }
  }
  return index;
}

// Fills `rows` (indexed by row_of) with the change counts.
template <class RowOf0, class RowOf1>
void count_changes(const LocationLayer& before, const LocationLayer& after, RowOf0 row0,
                   RowOf1 row1, std::vector<ChangeCounts>& rows) {
  const auto ids0 = index_ids(before, "t0");
  const auto ids1 = index_ids(after, "t1");
  using detail::status_of;
  for (size_t i = 0; i < before.size(); ++i) {
    ChangeCounts& c = rows[row0(i)];
    const OccupancyStatus s0 = status_of(before, i);
    if (s0 != OccupancyStatus::kUnknown) ++c.units_t0;
    if (s0 == OccupancyStatus::kVacant) ++c.vacant_t0;
    if (!ids1.contains(before.id[i])) ++c.closed;
  }
  for (size_t j = 0; j < after.size(); ++j) {
    ChangeCounts& c = rows[row1(j)];
    const OccupancyStatus s1 = status_of(after, j);
    if (s1 != OccupancyStatus::kUnknown) ++c.units_t1;
    if (s1 == OccupancyStatus::kVacant) ++c.vacant_t1;
    const auto it = ids0.find(after.id[j]);
    if (it == ids0.end()) {
      ++c.opened;
      continue;
    }
    const OccupancyStatus s0 = status_of(before, it->second);
    if (s0 == OccupancyStatus::kOccupied && s1 == OccupancyStatus::kVacant) ++c.newly_vacant;
    if (s0 == OccupancyStatus::kVacant && s1 == OccupancyStatus::kOccupied) ++c.re_occupied;
    if (s0 == OccupancyStatus::kVacant && s1 == OccupancyStatus::kVacant) ++c.still_vacant;
  }
}

Table change_table(const std::vector<ChangeCounts>& rows) {
  const size_t n = rows.size();
  auto column = [&](int64_t ChangeCounts::*member) {
    std::vector<int64_t> out(n);
    for (size_t r = 0; r < n; ++r) out[r] = rows[r].*member;
    return out;
  };
  std::vector<double> rate0(n), rate1(n), change(n);
  for (size_t r = 0; r < n; ++r) {
    const ChangeCounts& c = rows[r];
    rate0[r] = c.units_t0 > 0 ? static_cast<double>(c.vacant_t0) / static_cast<double>(c.units_t0) : kNaN;
    rate1[r] = c.units_t1 > 0 ? static_cast<double>(c.vacant_t1) / static_cast<double>(c.units_t1) : kNaN;
    change[r] = 100.0 * (rate1[r] - rate0[r]);
  }
  Table table;
  table.add_integer("n_units_t0", column(&ChangeCounts::units_t0), "",
                    "units with a known status at t0");
  table.add_integer("n_units_t1", column(&ChangeCounts::units_t1), "",
                    "units with a known status at t1");
  table.add_integer("n_vacant_t0", column(&ChangeCounts::vacant_t0), "", "vacant units at t0");
  table.add_integer("n_vacant_t1", column(&ChangeCounts::vacant_t1), "", "vacant units at t1");
  table.add_integer("opened", column(&ChangeCounts::opened), "", "ids in t1 that t0 lacks");
  table.add_integer("closed", column(&ChangeCounts::closed), "", "ids in t0 that t1 lacks");
  table.add_integer("newly_vacant", column(&ChangeCounts::newly_vacant), "",
                    "occupied at t0, vacant at t1");
  table.add_integer("re_occupied", column(&ChangeCounts::re_occupied), "",
                    "vacant at t0, occupied at t1");
  table.add_integer("still_vacant", column(&ChangeCounts::still_vacant), "",
                    "vacant at t0 and at t1");
  table.add_real("rate_t0", std::move(rate0), "fraction", "vacancy_rate_units at t0");
  table.add_real("rate_t1", std::move(rate1), "fraction", "vacancy_rate_units at t1");
  table.add_real("rate_change_pp", std::move(change), "pp",
                 "rate_t1 minus rate_t0, in percentage points");
  return table;
}

}  // namespace

Table vacancy_change(const KernLayer& kernen, const LocationLayer& before,
                     const assign::Assignment& before_assignment, const LocationLayer& after,
                     const assign::Assignment& after_assignment) {
  detail::check_layer(before, "vacancy change, snapshot t0");
  detail::check_layer(after, "vacancy change, snapshot t1");
  detail::check_assignment(before_assignment, before.size(), kernen.size(),
                           "vacancy change, snapshot t0");
  detail::check_assignment(after_assignment, after.size(), kernen.size(),
                           "vacancy change, snapshot t1");
  const size_t kern_count = kernen.size();
  std::vector<ChangeCounts> rows(kern_count + 1);
  count_changes(
      before, after, [&](size_t i) { return assign::kern_row(before_assignment.kern[i], kern_count); },
      [&](size_t j) { return assign::kern_row(after_assignment.kern[j], kern_count); }, rows);
  return change_table(rows);
}

Table vacancy_change_total(const LocationLayer& before, const LocationLayer& after) {
  detail::check_layer(before, "vacancy change, snapshot t0");
  detail::check_layer(after, "vacancy change, snapshot t1");
  std::vector<ChangeCounts> rows(1);
  count_changes(before, after, [](size_t) { return size_t{0}; }, [](size_t) { return size_t{0}; },
                rows);
  return change_table(rows);
}

}  // namespace kk::vacancy
