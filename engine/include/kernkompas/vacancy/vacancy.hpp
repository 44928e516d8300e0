// Vacancy (leegstand) per kern, for the municipality, and per kern × SBI section and
// kern × function, with duration classes, Wilson intervals, a benchmark comparison and
// disclosure control. Definitions: shared INDICATORS.md, section Vacancy.
//
// Denominators: a location counts as a unit only when its status is known (occupied or
// vacant). Locations with an unknown status — or a register without a status column — are
// reported as n_status_unknown and excluded from every rate, floor-area sum and coverage.
//
// Floor area: known when finite and > 0 (a register's 0 means "not filled in"). Floor-area
// rates use only units with a known status and a known floor area; floor_area_coverage says
// what share of the units that is. Sums over rows without any known floor area are empty
// (NaN), not 0.
#pragma once

#include <cstdint>
#include <limits>

#include "kernkompas/assign/assign.hpp"
#include "kernkompas/core/date.hpp"
#include "kernkompas/core/disclosure.hpp"
#include "kernkompas/core/table.hpp"
#include "kernkompas/data/kern_layer.hpp"
#include "kernkompas/data/location_layer.hpp"

namespace kk::vacancy {

// 1900-01-01: the default earliest plausible vacant-since date (Options::vacant_since_floor).
inline constexpr Days kDefaultVacantSinceFloor = -25567;

struct Options {
  // Reference date D of the duration classes. DEFAULT: kNoDate, meaning the register's
  // snapshot_date. If neither is known and a vacant unit has a vacant-since date, the
  // functions throw kk::InputError (kMissingField): a duration is never guessed.
  Days reference_date = kNoDate;
  // Earliest plausible vacant-since date. A vacant unit whose vacant-since date lies before
  // it, or after the reference date, is refused: the functions throw kk::InputError
  // (kBadValue) naming the location, instead of classing it structural or unknown.
  // DEFAULT: 1900-01-01 (kDefaultVacantSinceFloor).
  Days vacant_since_floor = kDefaultVacantSinceFloor;
  // Benchmark vacancy rate as a fraction of units, e.g. 0.07 for a national 7 %.
  // DEFAULT: NaN = none (benchmark_rate and diff_pp empty). REQUIRES: NaN or in [0, 1].
  double benchmark_rate = std::numeric_limits<double>::quiet_NaN();
  // Confidence level of the Wilson intervals. DEFAULT: 0.95. REQUIRES: 0 < c < 1.
  double confidence = 0.95;
  // Disclosure control (k, min_units, internal): a kern × sector or kern × function row
  // built on fewer than k units with a known status is suppressed — every value empty,
  // suppressed = 1; rates on fewer than min_units units are flagged below_min_units = 1,
  // so a ranking never presents a rate from three shops as firm.
  DisclosureSettings disclosure;
};

// Duration classes on a reference date (PBL/Locatus practice), measured in whole calendar
// years: frictional < 1 year, long-term 1 to < 3 years, structural >= 3 years.
enum class DurationClass : uint8_t {
  kFrictional = 0,
  kLongTerm = 1,
  kStructural = 2,
  kUnknown = 3,  // no vacant-since date, or a vacant-since date after the reference date
};

// Class of a unit vacant since `vacant_since` on `reference_date`. "One year" is the
// calendar anniversary, not 365 days: vacant since 2023-03-01 is long-term from 2024-03-01
// (366 days, as 2024 is a leap year) and frictional on 2024-02-29 (365 days). An anniversary
// keeps the month and clamps the day to the month's last day: 29 February + 3 years is
// 28 February (INDICATORS.md; as pandas DateOffset, dateutil relativedelta, java.time
// plusYears and .NET AddYears), so vacant since 2024-02-29 is structural on 2027-02-28. Vacant since the
// reference date itself is frictional. kNoDate on either side, or vacant_since after the
// reference date, gives kUnknown.
DurationClass duration_class(Days vacant_since, Days reference_date);

// Vacancy per kern. Rows are aligned with kk::indicators::basic_indicators — one per kern in
// layer order, then buitengebied — and carry no key columns, so the columns can be appended
// to the kern table. Columns (rates are fractions 0..1; pp = percentage points):
//   n_status_unknown, n_units_with_status, n_occupied, n_vacant,
//   vacancy_rate_units, vacancy_rate_units_ci_low, vacancy_rate_units_ci_high (Wilson),
//   n_units_with_floor_area, vacant_floor_m2, total_floor_m2, vacancy_rate_floor,
//   floor_area_coverage,
//   n_frictional, n_long_term, n_structural, n_duration_unknown, n_vacant_1y_plus
//   (= long_term + structural, "langdurig"),
//   floor_m2_frictional, floor_m2_long_term, floor_m2_structural, floor_m2_duration_unknown,
//   benchmark_rate, diff_pp (100 · (vacancy_rate_units − benchmark_rate)),
//   below_min_units (0/1).
// Disclosure control (kk::suppress_cells): a kern row with fewer than disclosure.k units
// with a known status has every column but below_min_units emptied (suppressed = 1,
// suppression_kind = "primary"); a floor-area magnitude with too few contributors or one
// dominant unit is emptied on its own (magnitude_suppressed). The same for vacancy_total and
// the breakdowns. Secondary suppression across tables is kk::protect_tables.
// Throws kk::Error (kInvalidArgument) when the assignment or an optional column does not
// match the locations, or options are out of range; kk::InputError as described at
// Options::reference_date.
Table vacancy_per_kern(const KernLayer& kernen, const LocationLayer& locations,
                       const assign::Assignment& assignment, const Options& options = {});

// One row for all locations together (the municipality), same columns as vacancy_per_kern.
Table vacancy_total(const LocationLayer& locations, const Options& options = {});

// Vacancy per kern × SBI section, one row per combination with at least one location, in
// kern order (buitengebied last) then section A..U, "unknown" (no valid SBI code) last.
// Columns: kern_code, kern_name, sbi_section, n_locations, the columns of vacancy_per_kern,
// suppressed (0/1). Unless options.disclosure.internal, a row with fewer than disclosure.k units with a
// known status has every value column empty (keys, below_min_units and suppressed kept).
Table vacancy_by_sector(const KernLayer& kernen, const LocationLayer& locations,
                        const assign::Assignment& assignment, const Options& options = {});

// Vacancy per kern × function (usage class, e.g. BAG gebruiksdoel), as vacancy_by_sector with
// a `function` column instead of sbi_section: functions in byte order, "unknown" (empty
// function) last. No rows when the register has no function column.
Table vacancy_by_function(const KernLayer& kernen, const LocationLayer& locations,
                          const assign::Assignment& assignment, const Options& options = {});

}  // namespace kk::vacancy
