// Vacancy rates, duration classes and breakdowns.
#include "kernkompas/vacancy/vacancy.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <string>

#include "common.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/core/sbi.hpp"
#include "kernkompas/stats/wilson.hpp"

namespace kk::vacancy {
namespace detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool known_floor(double floor) { return std::isfinite(floor) && floor > 0.0; }

}  // namespace

void check_options(const Options& o) {
  check_option("vacancy.reference_date", o.reference_date == kNoDate ? "" : format_iso_date(o.reference_date));
  check_option("vacancy.vacant_since_floor", format_iso_date(o.vacant_since_floor));
  check_option("vacancy.benchmark_rate", o.benchmark_rate);
  check_option("vacancy.confidence", o.confidence);
  check_option("disclosure.k", o.disclosure.k);
  check_option("disclosure.min_units", o.disclosure.min_units);
  check_option("disclosure.magnitude_min_contributors", o.disclosure.magnitude_min_contributors);
  check_option("disclosure.dominance_share", o.disclosure.dominance_share);
}

void check_layer(const LocationLayer& l, std::string_view what) {
  const size_t n = l.size();
  auto check = [&](size_t size, const char* column) {
    if (size != 0 && size != n) {
      throw Error(ErrorCode::kInvalidArgument,
                  std::string(what) + ": column '" + column + "' has " + std::to_string(size) +
                      " values for " + std::to_string(n) + " locations");
    }
  };
  if (l.x.size() != n || l.y.size() != n) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(what) + ": x/y are not as long as the ids (" + std::to_string(n) + ")");
  }
  check(l.name.size(), "name");
  check(l.sbi.size(), "sbi");
  check(l.floor_area_m2.size(), "floor_area_m2");
  check(l.status.size(), "status");
  check(l.vacant_since.size(), "vacant_since");
  check(l.employees.size(), "employees");
  check(l.function.size(), "function");
}

void check_assignment(const assign::Assignment& a, size_t location_count, size_t kern_count,
                      std::string_view what) {
  if (a.kern.size() != location_count) {
    throw Error(ErrorCode::kInvalidArgument,
                std::string(what) + ": the assignment covers " + std::to_string(a.kern.size()) +
                    " locations, the layer has " + std::to_string(location_count));
  }
  for (size_t i = 0; i < a.kern.size(); ++i) {
    const int32_t k = a.kern[i];
    if (k != assign::kBuitengebied && (k < 0 || static_cast<size_t>(k) >= kern_count)) {
      throw Error(ErrorCode::kInvalidArgument,
                  std::string(what) + ": location " + std::to_string(i) +
                      " is assigned to kern " + std::to_string(k) + " of " +
                      std::to_string(kern_count));
    }
  }
}

Days reference_date(const LocationLayer& l, const Options& options) {
  const Days reference = options.reference_date != kNoDate ? options.reference_date : l.snapshot_date;
  if (l.vacant_since.empty()) return reference;
  // Plausibility: a vacant-since date after the reference date, or before the floor, is
  // refused rather than counted as unknown or structural.
  for (size_t i = 0; i < l.size(); ++i) {
    const Days since = l.vacant_since[i];
    if (since == kNoDate || status_of(l, i) != OccupancyStatus::kVacant) continue;
    auto refuse = [&](const std::string& problem) {
      throw InputError(ErrorCode::kBadValue, "vacancy duration: location '" + l.id[i] + "' (record " +
                                                 std::to_string(i + 1) + "): vacant_since " +
                                                 format_iso_date(since) + " " + problem);
    };
    if (reference != kNoDate && since > reference) {
      refuse("lies after the reference date " + format_iso_date(reference) +
             (options.reference_date != kNoDate ? " (vacancy.reference_date)" : " (the register's snapshot date)"));
    }
    if (since < options.vacant_since_floor) {
      refuse("lies before " + format_iso_date(options.vacant_since_floor) +
             " (vacancy.vacant_since_floor); is it a placeholder for 'unknown'? Leave the cell empty");
    }
  }
  if (reference != kNoDate) return reference;
  for (size_t i = 0; i < l.size(); ++i) {
    if (status_of(l, i) == OccupancyStatus::kVacant && l.vacant_since[i] != kNoDate) {
      throw InputError(ErrorCode::kMissingField,
                       "vacancy duration: location '" + l.id[i] + "' (record " +
                           std::to_string(i + 1) +
                           ") has a vacant-since date, but there is no reference date: the "
                           "register has no snapshot date and none was configured (map a snapshot_date "
                           "field, or set reference_date under [vacancy])");
    }
  }
  return reference;
}

void Accumulator::add(const LocationLayer& l, size_t i, Days reference) {
  ++n_locations;
  const OccupancyStatus status = status_of(l, i);
  if (status == OccupancyStatus::kUnknown) {
    ++n_status_unknown;
    return;
  }
  const double floor = l.floor_area_m2.empty() ? kNaN : l.floor_area_m2[i];
  const bool has_floor = known_floor(floor);
  if (has_floor) {
    ++n_with_floor;
    total_floor += floor;
    max_floor = std::max(max_floor, floor);
  }
  if (status == OccupancyStatus::kOccupied) {
    ++n_occupied;
    return;
  }
  ++n_vacant;
  const Days since = l.vacant_since.empty() ? kNoDate : l.vacant_since[i];
  const auto d = static_cast<size_t>(duration_class(since, reference));
  ++n_duration[d];
  if (has_floor) {
    vacant_floor += floor;
    floor_duration[d] += floor;
    ++n_vacant_floor;
    max_vacant_floor = std::max(max_vacant_floor, floor);
    ++n_floor_duration[d];
    max_floor_duration[d] = std::max(max_floor_duration[d], floor);
  }
}

void add_vacancy_columns(Table& table, std::span<const Accumulator> rows, const Options& options) {
  const size_t n = rows.size();
  auto integers = [&](auto get) {
    std::vector<int64_t> out(n);
    for (size_t r = 0; r < n; ++r) out[r] = get(rows[r]);
    return out;
  };
  auto reals = [&](auto get) {
    std::vector<double> out(n);
    for (size_t r = 0; r < n; ++r) out[r] = get(rows[r]);
    return out;
  };
  auto ratio = [](double a, double b) { return b > 0.0 ? a / b : kNaN; };
  auto rate = [&](const Accumulator& a) {
    return ratio(static_cast<double>(a.n_vacant), static_cast<double>(a.n_units()));
  };
  auto floor_sum = [](const Accumulator& a, double value) { return a.n_with_floor > 0 ? value : kNaN; };
  std::vector<stats::ProportionInterval> ci(n);
  for (size_t r = 0; r < n; ++r) {
    ci[r] = stats::wilson_interval(rows[r].n_vacant, rows[r].n_units(), options.confidence);
  }
  const std::string level = std::to_string(static_cast<int>(std::lround(options.confidence * 100)));

  table.add_integer("n_status_unknown", integers([](const Accumulator& a) { return a.n_status_unknown; }),
                    "", "locations without a known status, left out of every rate");
  table.add_integer("n_units_with_status", integers([](const Accumulator& a) { return a.n_units(); }),
                    "", "units known to be occupied or vacant: the denominator of the rates");
  table.add_integer("n_occupied", integers([](const Accumulator& a) { return a.n_occupied; }), "",
                    "occupied units");
  table.add_integer("n_vacant", integers([](const Accumulator& a) { return a.n_vacant; }), "",
                    "vacant units");
  table.add_real("vacancy_rate_units", reals(rate), "fraction", "n_vacant / n_units_with_status");
  {
    std::vector<double> low(n), high(n);
    for (size_t r = 0; r < n; ++r) {
      low[r] = ci[r].low;
      high[r] = ci[r].high;
    }
    table.add_real("vacancy_rate_units_ci_low", std::move(low), "fraction",
                   "lower bound of the " + level + " % Wilson score interval of vacancy_rate_units");
    table.add_real("vacancy_rate_units_ci_high", std::move(high), "fraction",
                   "upper bound of the " + level + " % Wilson score interval of vacancy_rate_units");
  }
  table.add_integer("n_units_with_floor_area", integers([](const Accumulator& a) { return a.n_with_floor; }),
                    "", "units with a known status and a known floor area (> 0)");
  table.add_real("vacant_floor_m2", reals([&](const Accumulator& a) { return floor_sum(a, a.vacant_floor); }),
                 "m2", "floor area of vacant units with a known floor area");
  table.add_real("total_floor_m2", reals([&](const Accumulator& a) { return floor_sum(a, a.total_floor); }),
                 "m2", "floor area of units with a known status and a known floor area");
  table.add_real("vacancy_rate_floor", reals([&](const Accumulator& a) { return ratio(a.vacant_floor, a.total_floor); }),
                 "fraction", "vacant_floor_m2 / total_floor_m2");
  table.add_real("floor_area_coverage",
                 reals([&](const Accumulator& a) {
                   return ratio(static_cast<double>(a.n_with_floor), static_cast<double>(a.n_units()));
                 }),
                 "fraction", "n_units_with_floor_area / n_units_with_status");

  static constexpr const char* kClassNames[] = {"frictional", "long_term", "structural",
                                                "duration_unknown"};
  static constexpr const char* kClassText[] = {
      "vacant for less than 1 year on the reference date",
      "vacant for 1 to less than 3 years on the reference date",
      "vacant for 3 years or more on the reference date",
      "vacant without a (usable) vacant-since date"};
  for (size_t d = 0; d < 4; ++d) {
    table.add_integer(std::string("n_") + kClassNames[d],
                      integers([d](const Accumulator& a) { return a.n_duration[d]; }), "",
                      std::string("units ") + kClassText[d]);
  }
  table.add_integer("n_vacant_1y_plus",
                    integers([](const Accumulator& a) { return a.n_duration[1] + a.n_duration[2]; }),
                    "", "units vacant for 1 year or more (long_term + structural)");
  for (size_t d = 0; d < 4; ++d) {
    table.add_real(std::string("floor_m2_") + kClassNames[d],
                   reals([&, d](const Accumulator& a) { return floor_sum(a, a.floor_duration[d]); }),
                   "m2", std::string("floor area of units ") + kClassText[d]);
  }
  table.add_real("benchmark_rate", reals([&](const Accumulator&) { return options.benchmark_rate; }),
                 "fraction", "configured benchmark vacancy rate");
  table.add_real("diff_pp",
                 reals([&](const Accumulator& a) { return 100.0 * (rate(a) - options.benchmark_rate); }),
                 "pp", "vacancy_rate_units minus benchmark_rate, in percentage points");
  {
    std::vector<int64_t> flag(n);
    for (size_t r = 0; r < n; ++r) flag[r] = options.disclosure.below_min_units(rows[r].n_units()) ? 1 : 0;
    table.add_integer("below_min_units", std::move(flag), "",
                      "1 when n_units_with_status is below the configured minimum (" +
                          std::to_string(options.disclosure.min_units) + "): treat the rates as indicative");
  }
}

CellRisk vacancy_risk(std::span<const Accumulator> rows) {
  CellRisk risk;
  for (const Accumulator& a : rows) risk.units.push_back(a.n_units());
  auto magnitude = [&](std::string column, auto contributors, auto largest,
                       std::vector<std::string> dependents) {
    MagnitudeRisk m{std::move(column), {}, {}, std::move(dependents)};
    for (const Accumulator& a : rows) {
      m.contributors.push_back(contributors(a));
      m.largest.push_back(largest(a));
    }
    risk.magnitudes.push_back(std::move(m));
  };
  magnitude("vacant_floor_m2", [](const Accumulator& a) { return a.n_vacant_floor; },
            [](const Accumulator& a) { return a.max_vacant_floor; }, {"vacancy_rate_floor"});
  magnitude("total_floor_m2", [](const Accumulator& a) { return a.n_with_floor; },
            [](const Accumulator& a) { return a.max_floor; }, {"vacancy_rate_floor"});
  static constexpr const char* kClassNames[] = {"frictional", "long_term", "structural",
                                                "duration_unknown"};
  for (size_t d = 0; d < 4; ++d) {
    magnitude(std::string("floor_m2_") + kClassNames[d],
              [d](const Accumulator& a) { return a.n_floor_duration[d]; },
              [d](const Accumulator& a) { return a.max_floor_duration[d]; }, {});
  }
  return risk;
}

void suppress_vacancy(Table& table, std::span<const Accumulator> rows, const Options& options,
                      std::span<const std::string_view> keep) {
  suppress_cells(table, vacancy_risk(rows), options.disclosure, keep, "units with a known status");
}

}  // namespace detail

DurationClass duration_class(Days vacant_since, Days reference_date) {
  using namespace std::chrono;
  if (vacant_since == kNoDate || reference_date == kNoDate || vacant_since > reference_date) {
    return DurationClass::kUnknown;
  }
  const year_month_day start{sys_days{days{vacant_since}}};
  // The n-th calendar anniversary: same month, the day clamped to the month's last day, so
  // 29 February in a common year becomes 28 February (INDICATORS.md; pandas DateOffset,
  // dateutil relativedelta, java.time plusYears).
  auto anniversary = [&](int n) {
    const year_month_day a = start + years{n};
    if (a.ok()) return sys_days{a}.time_since_epoch().count();
    return sys_days{year_month_day_last{a.year(), month_day_last{a.month()}}}.time_since_epoch().count();
  };
  if (reference_date < anniversary(1)) return DurationClass::kFrictional;
  if (reference_date < anniversary(3)) return DurationClass::kLongTerm;
  return DurationClass::kStructural;
}

Table vacancy_per_kern(const KernLayer& kernen, const LocationLayer& locations,
                       const assign::Assignment& assignment, const Options& options) {
  detail::check_options(options);
  detail::check_layer(locations, "vacancy");
  detail::check_assignment(assignment, locations.size(), kernen.size(), "vacancy");
  const Days reference = detail::reference_date(locations, options);
  std::vector<detail::Accumulator> rows(kernen.size() + 1);
  for (size_t i = 0; i < locations.size(); ++i) {
    rows[assign::kern_row(assignment.kern[i], kernen.size())].add(locations, i, reference);
  }
  Table table;
  detail::add_vacancy_columns(table, rows, options);
  static constexpr std::string_view kKeep[] = {"below_min_units"};
  detail::suppress_vacancy(table, rows, options, kKeep);
  return table;
}

Table vacancy_total(const LocationLayer& locations, const Options& options) {
  detail::check_options(options);
  detail::check_layer(locations, "vacancy");
  const Days reference = detail::reference_date(locations, options);
  std::vector<detail::Accumulator> rows(1);
  for (size_t i = 0; i < locations.size(); ++i) rows[0].add(locations, i, reference);
  Table table;
  detail::add_vacancy_columns(table, rows, options);
  static constexpr std::string_view kKeep[] = {"below_min_units"};
  detail::suppress_vacancy(table, rows, options, kKeep);
  return table;
}

namespace {

// A breakdown of kern × category; `category_of(i)` gives the location's category label and
// `order` its sort position. Rows with locations only, sorted by kern row then category.
template <class CategoryOf>
Table breakdown(const KernLayer& kernen, const LocationLayer& locations,
                const assign::Assignment& assignment, const Options& options,
                const char* category_column, const std::string& category_description,
                CategoryOf category_of) {
  detail::check_options(options);
  detail::check_layer(locations, "vacancy");
  detail::check_assignment(assignment, locations.size(), kernen.size(), "vacancy");
  const Days reference = detail::reference_date(locations, options);
  // (kern row, category sort key) -> accumulator; the sort key orders the rows.
  std::map<std::pair<size_t, std::pair<int, std::string>>, detail::Accumulator> cells;
  for (size_t i = 0; i < locations.size(); ++i) {
    const size_t row = assign::kern_row(assignment.kern[i], kernen.size());
    cells[{row, category_of(i)}].add(locations, i, reference);
  }
  std::vector<std::string> codes, names, categories;
  std::vector<int64_t> n_locations;
  std::vector<detail::Accumulator> rows;
  for (const auto& [key, acc] : cells) {
    const size_t row = key.first;
    codes.emplace_back(kernen.row_code(row));
    names.emplace_back(kernen.row_name(row));
    categories.push_back(key.second.second);
    n_locations.push_back(acc.n_locations);
    rows.push_back(acc);
  }
  Table table;
  table.add_text("kern_code", std::move(codes), "kern code; 'buitengebied' for outside every kern");
  table.add_text("kern_name", std::move(names), "kern name");
  table.add_text(category_column, std::move(categories), category_description);
  table.add_integer("n_locations", std::move(n_locations), "", "locations in the cell");
  detail::add_vacancy_columns(table, rows, options);
  // n_locations stays: establishment counts are published as they are (docs/disclosure.md),
  // the same numbers as the kern table's n_sbi_* columns.
  const std::string_view keep[] = {"kern_code", "kern_name", category_column, "n_locations",
                                   "below_min_units"};
  detail::suppress_vacancy(table, rows, options, keep);
  return table;
}

}  // namespace

Table vacancy_by_sector(const KernLayer& kernen, const LocationLayer& locations,
                        const assign::Assignment& assignment, const Options& options) {
  return breakdown(kernen, locations, assignment, options, "sbi_section",
                   "SBI section A..U; 'unknown' without a valid SBI code",
                   [&](size_t i) -> std::pair<int, std::string> {
                     const auto section = locations.sbi.empty() ? std::nullopt : sbi_section(locations.sbi[i]);
                     if (!section) return {static_cast<int>(kSbiSections.size()), "unknown"};
                     return {sbi_section_index(*section), std::string(1, *section)};
                   });
}

Table vacancy_by_function(const KernLayer& kernen, const LocationLayer& locations,
                          const assign::Assignment& assignment, const Options& options) {
  if (locations.function.empty()) {
    // No function column: the same columns, no rows.
    detail::check_options(options);
    detail::check_layer(locations, "vacancy");
    detail::check_assignment(assignment, locations.size(), kernen.size(), "vacancy");
    LocationLayer none;
    return breakdown(kernen, none, assign::Assignment{}, options, "function",
                     "usage class (e.g. BAG gebruiksdoel); 'unknown' where empty",
                     [](size_t) { return std::pair<int, std::string>{}; });
  }
  return breakdown(kernen, locations, assignment, options, "function",
                   "usage class (e.g. BAG gebruiksdoel); 'unknown' where empty",
                   [&](size_t i) -> std::pair<int, std::string> {
                     const std::string& f = locations.function[i];
                     if (f.empty()) return {1, "unknown"};
                     return {0, f};
                   });
}

}  // namespace kk::vacancy
