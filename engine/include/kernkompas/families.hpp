// The registry of indicator families. A family is a plain function over the run context
// that adds to the result: columns of the kern table, tables tagged with grain and keys,
// columns of the location layer, rasters. It declares its options once (OptionSpec table);
// everything that configures families (TOML, C API, Python, --set, the docs) reads them here.
// Families never include each other: a later family reads earlier results only through the
// result's tables (AnalysisResult::find_indicator). docs/developer-notes.md says how to add one.
#pragma once

#include <ostream>
#include <span>
#include <string_view>

#include "kernkompas/analysis.hpp"
#include "kernkompas/context.hpp"
#include "kernkompas/core/options.hpp"

namespace kk {

struct Family {
  std::string_view name;  // e.g. "vacancy"; also the name of its option section
  std::string_view doc;   // one line
  std::span<const OptionSpec> options;
  // Whether the family has anything to compute on these inputs with these options.
  bool (*applies)(const RunContext& context, const OptionView& options);
  // Adds the family's results. The first family ("basic") creates the kern table.
  void (*run)(const RunContext& context, const OptionView& options, AnalysisResult& result);
  // Optional: writes a short readable summary of the family's results for a terminal; does
  // nothing when its results are absent. nullptr = no summary.
  void (*summarize)(const AnalysisResult& result, const Settings& settings, std::ostream& out) = nullptr;
};

// The registered families, in the order they run.
std::span<const Family> families();

// Every family's summary of `result`, in registry order (what the command line prints).
void summarize(const AnalysisResult& result, const Settings& settings, std::ostream& out);

}  // namespace kk
