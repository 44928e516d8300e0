// Disclosure control: the one suppression rule every family applies before a table may be
// published. Definitions: shared INDICATORS.md, section Disclosure control.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
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

  // True when a row built on `units` units must be withheld.
  bool withholds(int64_t units) const { return !internal && units < k; }
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

// The "disclosure" option section: k, min_units, internal.
std::span<const OptionSpec> disclosure_option_specs();

}  // namespace kk
