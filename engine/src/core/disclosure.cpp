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
      {.name = "magnitude_min_contributors", .type = OptionType::kInteger, .default_value = int64_t{3},
       .min = 1,
       .doc = "a magnitude (floor m2) is withheld unless at least this many units contribute to it"},
      {.name = "dominance_share", .type = OptionType::kReal, .default_value = 0.85, .min = 0, .max = 1,
       .min_exclusive = true, .unit = "fraction",
       .doc = "a magnitude is withheld when one unit contributes more than this share of it"},
  };
  return kSpecs;
}

std::string_view suppression_name(Suppression s) {
  switch (s) {
    case Suppression::kPrimary: return "primary";
    case Suppression::kSecondary: return "secondary";
    case Suppression::kNone: break;
  }
  return "";
}

void withhold_cell(Column& column, size_t row) {
  switch (column.type) {
    case ColumnType::kInteger: column.integers[row] = kNullInteger; break;
    case ColumnType::kReal: column.reals[row] = std::numeric_limits<double>::quiet_NaN(); break;
    case ColumnType::kText: column.texts[row].clear(); break;
  }
}

void withhold_row(Table& table, size_t row, std::span<const std::string> keep) {
  for (Column& column : table.mutable_columns()) {
    if (std::find(keep.begin(), keep.end(), column.name) != keep.end()) continue;
    withhold_cell(column, row);
  }
}

void suppress_cells(Table& table, const CellRisk& risk, const DisclosureSettings& settings,
                    std::span<const std::string_view> keep, std::string_view unit_noun) {
  const size_t rows = table.row_count();
  auto check_size = [&](size_t size, const std::string& what) {
    if (size != rows) {
      throw Error(ErrorCode::kInternal, "suppress_cells: " + std::to_string(size) + " " + what +
                                            " for " + std::to_string(rows) + " rows");
    }
  };
  check_size(risk.units.size(), "unit counts");
  for (const MagnitudeRisk& m : risk.magnitudes) {
    check_size(m.contributors.size(), m.column + " contributor counts");
    check_size(m.largest.size(), m.column + " largest contributions");
    if (table.find(m.column) == nullptr) {
      throw Error(ErrorCode::kInternal, "suppress_cells: no magnitude column '" + m.column + "'");
    }
  }
  std::vector<int64_t> suppressed(rows, 0);
  std::vector<std::string> kind(rows), magnitude(rows);
  // Magnitudes first, reading the values before any is emptied.
  std::vector<std::vector<std::string>> withheld(rows);
  for (const MagnitudeRisk& m : risk.magnitudes) {
    const Column& values = table.at(m.column);
    for (size_t row = 0; row < rows; ++row) {
      if (settings.withholds(risk.units[row])) continue;  // the whole row goes
      const double total = values.type == ColumnType::kReal ? values.reals[row]
                                                            : static_cast<double>(values.integers[row]);
      if (!settings.withholds_magnitude(m.contributors[row], m.largest[row], total)) continue;
      // The column and its dependents are each named, once, so a reader (the kern map)
      // knows every value withheld in the row.
      std::vector<std::string> names{m.column};
      names.insert(names.end(), m.dependents.begin(), m.dependents.end());
      for (const std::string& name : names) {
        if (std::find(withheld[row].begin(), withheld[row].end(), name) != withheld[row].end()) continue;
        if (!magnitude[row].empty()) magnitude[row] += ';';
        magnitude[row] += name + ":primary";
        withheld[row].push_back(name);
      }
    }
  }
  for (size_t row = 0; row < rows; ++row) {
    for (const std::string& name : withheld[row]) withhold_cell(table.mutable_at(name), row);
  }
  for (size_t row = 0; row < rows; ++row) {
    if (!settings.withholds(risk.units[row])) continue;
    suppressed[row] = 1;
    kind[row] = "primary";
    for (Column& column : table.mutable_columns()) {
      if (std::find(keep.begin(), keep.end(), column.name) != keep.end()) continue;
      withhold_cell(column, row);
    }
  }
  table.add_integer("suppressed", std::move(suppressed), "",
                    "1 when the values of the row are withheld (disclosure control): primary when "
                    "it has fewer than " + std::to_string(settings.k) + " " + std::string(unit_noun) +
                        ", secondary when they could otherwise be derived from the cells beside it");
  table.add_text("suppression_kind", std::move(kind), "'primary', 'secondary' or empty (published)");
  if (!risk.magnitudes.empty()) {
    table.add_text("magnitude_suppressed", std::move(magnitude),
                   "columns withheld in a published row, each 'column:primary' (a magnitude with fewer than " +
                       std::to_string(settings.magnitude_min_contributors) +
                       " contributing units, or one unit above " +
                       std::to_string(static_cast<int>(std::lround(settings.dominance_share * 100))) +
                       " % of the value, or a rate built on it) or 'column:secondary', separated by ';'");
  }
}

void suppress_small_rows(Table& table, std::span<const int64_t> units,
                         const DisclosureSettings& settings,
                         std::initializer_list<std::string_view> keep, std::string_view unit_noun) {
  CellRisk risk;
  risk.units.assign(units.begin(), units.end());
  if (risk.units.size() != table.row_count()) {
    throw Error(ErrorCode::kInternal, "suppress_small_rows: " + std::to_string(units.size()) +
                                          " unit counts for " + std::to_string(table.row_count()) + " rows");
  }
  suppress_cells(table, risk, settings, std::span<const std::string_view>(keep.begin(), keep.size()), unit_noun);
}

}  // namespace kk
