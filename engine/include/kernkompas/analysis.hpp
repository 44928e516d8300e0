// One analysis of a municipality: inputs in memory in, every indicator table out.
// This is the entry point the command line, the C API and Python share.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernkompas/assign/assign.hpp"
#include "kernkompas/core/progress.hpp"
#include "kernkompas/core/table.hpp"
#include "kernkompas/data/kern_layer.hpp"
#include "kernkompas/data/location_layer.hpp"
#include "kernkompas/geometry/multipolygon_array.hpp"
#include "kernkompas/vacancy/vacancy.hpp"

namespace kk {

struct AnalysisInput {
  std::string area_name;                      // e.g. "Wijdemeren"
  KernLayer kernen;
  LocationLayer locations;                    // the current register
  std::optional<PopulationLayer> population;  // overrides the kernen's population field
  std::vector<LocationLayer> earlier_snapshots;  // dated registers of the same area
};

struct AnalysisOptions {
  // Worker threads. DEFAULT: 1. REQUIRES: >= 1. Results do not depend on it.
  unsigned threads = 1;
  ProgressCallback progress;
  // Vacancy settings (reference date, disclosure k, internal output, hot-spot grid, seed,
  // ...). Its own threads and progress are ignored: the two above apply.
  vacancy::Options vacancy;
};

struct NamedTable {
  std::string name;  // e.g. "kern", "kern_sector"; also the CSV/GeoPackage layer name
  Table table;
  // One (multi)polygon per row for map layers (kernen, grid cells); absent for plain
  // tables. A row without parts (buitengebied) has no geometry.
  std::optional<geometry::MultiPolygonArray> geometry = std::nullopt;
};

// Tables, by name (each also a GeoPackage layer and a CSV file):
//   kern            one row per kern, then buitengebied: basic indicators, and vacancy
//                   columns when the register has a status column (vacancy_per_kern)
//   vacancy_total   one row for the whole area
//   kern_sector     kern × SBI section vacancy, disclosure-controlled
//   kern_function   kern × function vacancy (when the register has a function column)
//   vacancy_change  per (period, kern) between consecutive snapshots, when there are any
//   vacancy_hotspot Gi* per grid cell, with square cell polygons
struct AnalysisResult {
  assign::Assignment assignment;  // per location of input.locations
  // Every result table; the first is always "kern": one row per kern, then buitengebied.
  std::vector<NamedTable> tables;

  const Table& kern_indicators() const { return tables.front().table; }
  // nullptr when absent.
  const Table* find_table(std::string_view name) const;
};

AnalysisResult run_analysis(const AnalysisInput& input, const AnalysisOptions& options = {});

}  // namespace kk
