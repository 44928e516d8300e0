// Disclosure control: the shared option section and the one suppression rule.
#include "kernkompas/core/disclosure.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "kernkompas/core/error.hpp"

namespace kk {

std::span<const OptionSpec> disclosure_option_specs() {
  static const std::vector<OptionSpec> kSpecs = {
      {.name = "k", .type = OptionType::kInteger, .default_value = int64_t{5}, .min = 1,
       .doc = "a published row or cell built on fewer than k units is withheld",
       .alias = "vacancy.disclosure_k"},
      {.name = "min_units", .type = OptionType::kInteger, .default_value = int64_t{10}, .min = 0,
       .doc = "rates on fewer units are flagged below_min_units (indicative only)",
       .alias = "vacancy.min_units"},
      {.name = "internal", .type = OptionType::kBoolean, .default_value = false,
       .doc = "write unsuppressed values: for internal use only, never for publication",
       .alias = "vacancy.internal"},
  };
  return kSpecs;
}

void suppress_small_rows(Table& table, std::span<const int64_t> units,
                         const DisclosureSettings& settings,
                         std::initializer_list<std::string_view> keep, std::string_view unit_noun) {
  const size_t rows = table.row_count();
  if (units.size() != rows) {
    throw Error(ErrorCode::kInternal, "suppress_small_rows: " + std::to_string(units.size()) +
                                          " unit counts for " + std::to_string(rows) + " rows");
  }
  std::vector<int64_t> suppressed(rows, 0);
  for (size_t row = 0; row < rows; ++row) suppressed[row] = settings.withholds(units[row]) ? 1 : 0;
  for (Column& column : table.mutable_columns()) {
    if (std::find(keep.begin(), keep.end(), column.name) != keep.end()) continue;
    for (size_t row = 0; row < rows; ++row) {
      if (suppressed[row] == 0) continue;
      switch (column.type) {
        case ColumnType::kInteger: column.integers[row] = kNullInteger; break;
        case ColumnType::kReal: column.reals[row] = std::numeric_limits<double>::quiet_NaN(); break;
        case ColumnType::kText: column.texts[row].clear(); break;
      }
    }
  }
  table.add_integer("suppressed", std::move(suppressed), "",
                    "1 when the cell has fewer than " + std::to_string(settings.k) + " " +
                        std::string(unit_noun) +
                        " and its values are withheld (disclosure control)");
}

}  // namespace kk
