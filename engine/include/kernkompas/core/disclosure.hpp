// Disclosure control: the one suppression rule every family applies before a table may be
// published. Definitions: shared INDICATORS.md, section Disclosure control.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>
#include <string_view>

#include "kernkompas/core/options.hpp"
#include "kernkompas/core/table.hpp"

namespace kk {

struct DisclosureSettings {
  // A row (cell) built on fewer than k units is withheld. DEFAULT: 5. REQUIRES: >= 1.
  int64_t k = 5;
  // Rates on fewer units are flagged below_min_units (indicative). DEFAULT: 10. REQUIRES: >= 0.
  int64_t min_units = 10;
  // Unsuppressed output for internal use, never for publication. DEFAULT: false.
  bool internal = false;
  // A magnitude (floor m2, employees) needs at least this many contributing units.
  // DEFAULT: 3. REQUIRES: >= 1.
  int64_t magnitude_min_contributors = 3;
  // No single unit may contribute more than this share of a magnitude ((1, share)-dominance).
  // DEFAULT: 0.85. REQUIRES: 0 < share <= 1.
  double dominance_share = 0.85;

  // True when a row built on `units` units must be withheld: 1 to k - 1 units. A row of no
  // units (an empty cell) describes no unit and is published.
  bool withholds(int64_t units) const { return !internal && units > 0 && units < k; }
  // True when a magnitude `total` from `contributors` units, the largest contributing
  // `largest`, must be withheld: too few contributors, or one unit dominates it.
  bool withholds_magnitude(int64_t contributors, double largest, double total) const {
    if (internal || contributors == 0) return false;  // an empty sum reveals no unit
    return contributors < magnitude_min_contributors || largest > dominance_share * total;
  }
  // True when a rate on `units` units is only indicative.
  bool below_min_units(int64_t units) const { return units < min_units; }
};

// Applies the rule to every row of `table`: where `units[row]` is below k (and not internal),
// every column except those named in `keep` is emptied (NULL integer, NaN, ""). Appends the
// column `suppressed` (0/1), whose description says the threshold in terms of `unit_noun`
// (e.g. "units with a known status"). REQUIRES: units.size() == table.row_count().
void suppress_small_rows(Table& table, std::span<const int64_t> units,
                         const DisclosureSettings& settings,
                         std::initializer_list<std::string_view> keep, std::string_view unit_noun);

// Why a cell is withheld: its own population is too small (primary), or it was withheld so a
// primary cell cannot be derived from the cells published beside it (secondary).
enum class Suppression : uint8_t { kNone = 0, kPrimary = 1, kSecondary = 2 };
std::string_view suppression_name(Suppression s);  // "", "primary", "secondary"

// One magnitude column of a table with, per row, the number of units contributing to it and
// the largest single contribution; `dependents` are columns built on it (e.g. a floor rate).
struct MagnitudeRisk {
  std::string column;
  std::vector<int64_t> contributors;
  std::vector<double> largest;
  std::vector<std::string> dependents;
};

// What the rules need to know about the rows of a table.
struct CellRisk {
  std::vector<int64_t> units;             // per row: the units the rates are taken over
  std::vector<MagnitudeRisk> magnitudes;  // magnitude columns (floor m2, employees)
};

// The one shared rule, for every family. Per row:
//   count rule      units < k: every column except `keep` is emptied, suppressed = 1,
//                   suppression_kind = "primary";
//   magnitude rule  for each magnitude column, fewer than magnitude_min_contributors
//                   contributors or one contribution above dominance_share of the value:
//                   the column and its dependents are emptied in that row and named in
//                   `magnitude_suppressed` ("column:primary", separated by ';').
// Appends suppressed (0/1), suppression_kind and, when `risk.magnitudes` is not empty,
// magnitude_suppressed. Nothing is emptied when settings.internal.
// REQUIRES: every vector in `risk` has table.row_count() entries.
void suppress_cells(Table& table, const CellRisk& risk, const DisclosureSettings& settings,
                    std::span<const std::string_view> keep, std::string_view unit_noun);

// Empties `row` of every column of `table` not in `keep` (NULL integer, NaN, "").
void withhold_row(Table& table, size_t row, std::span<const std::string> keep);
// Empties one column in one row.
void withhold_cell(Column& column, size_t row);

// The "disclosure" option section: k, min_units, internal, magnitude_min_contributors,
// dominance_share.
std::span<const OptionSpec> disclosure_option_specs();

}  // namespace kk
