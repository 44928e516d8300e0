// The analysis pipeline shared by the command line, the C API and Python: one run context,
// then every registered family that applies, in order.
#include "kernkompas/analysis.hpp"

#include <algorithm>

#include "kernkompas/families.hpp"

namespace kk {
namespace {

// The disclosure flags a table's rule appended (suppressed, suppression_kind,
// magnitude_suppressed) go last, after the columns later families added to the same table
// (the kern table), so every table reads values first, flags after.
void flags_last(Table& table) {
  std::vector<Column>& columns = table.mutable_columns();
  std::stable_partition(columns.begin(), columns.end(), [](const Column& c) {
    return c.name != "suppressed" && c.name != "suppression_kind" && c.name != "magnitude_suppressed";
  });
}

}  // namespace

const NamedTable* AnalysisResult::find_named(std::string_view name) const {
  for (const NamedTable& named : tables) {
    if (named.name == name) return &named;
  }
  return nullptr;
}

const Table* AnalysisResult::find_table(std::string_view name) const {
  const NamedTable* named = find_named(name);
  return named == nullptr ? nullptr : &named->table;
}

const NamedTable* AnalysisResult::find_indicator(std::string_view grain, std::string_view column) const {
  for (const NamedTable& named : tables) {
    if (named.grain == grain && named.table.find(column) != nullptr) return &named;
  }
  return nullptr;
}

const Raster* AnalysisResult::find_raster(std::string_view name) const {
  for (const Raster& raster : rasters) {
    if (raster.name == name) return &raster;
  }
  return nullptr;
}

AnalysisResult run_analysis(const AnalysisInput& input, const AnalysisOptions& options) {
  const std::unique_ptr<RunContext> context = build_run_context(input, options.settings, options.progress);
  AnalysisResult result;
  result.area_name = input.area_name;
  result.internal = context->disclosure.internal;
  for (const Family& family : families()) {
    const OptionView family_options = options.settings.section_or_empty(family.name);
    if (family.applies(*context, family_options)) family.run(*context, family_options, result);
  }
  for (NamedTable& named : result.tables) flags_last(named.table);
  report_progress(options.progress, "disclosure control", 0.0);
  protect_tables(result, context->disclosure);
  result.assignment = std::move(context->assignment);
  report_progress(options.progress, "indicators", 1.0);
  return result;
}

}  // namespace kk
