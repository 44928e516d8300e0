// One analysis of a municipality: inputs in memory in, every indicator table out.
// This is the entry point the command line, the C API and Python share.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kernkompas/assign/assign.hpp"
#include "kernkompas/core/progress.hpp"
#include "kernkompas/core/table.hpp"
#include "kernkompas/data/kern_layer.hpp"
#include "kernkompas/data/location_layer.hpp"

namespace kk {

struct AnalysisInput {
  std::string area_name;                      // e.g. "Wijdemeren"
  KernLayer kernen;
  LocationLayer locations;                    // the current register
  std::optional<PopulationLayer> population;  // overrides the kernen's population field
  std::vector<LocationLayer> earlier_snapshots;  // dated registers of the same area
};

struct AnalysisOptions {
  // Worker threads. DEFAULT: 1. REQUIRES: >= 1.
  unsigned threads = 1;
  ProgressCallback progress;
};

struct AnalysisResult {
  assign::Assignment assignment;  // per location of input.locations
  Table kern_indicators;          // one row per kern, then buitengebied
};

AnalysisResult run_analysis(const AnalysisInput& input, const AnalysisOptions& options = {});

}  // namespace kk
