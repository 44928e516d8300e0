// The analysis pipeline shared by the command line, the C API and Python.
#include "kernkompas/analysis.hpp"

#include "kernkompas/core/error.hpp"
#include "kernkompas/indicators/basic.hpp"

namespace kk {

const Table* AnalysisResult::find_table(std::string_view name) const {
  for (const NamedTable& named : tables) {
    if (named.name == name) return &named.table;
  }
  return nullptr;
}

AnalysisResult run_analysis(const AnalysisInput& input, const AnalysisOptions& options) {
  if (options.threads < 1) throw Error(ErrorCode::kInvalidArgument, "threads must be >= 1");
  AnalysisResult result;
  report_progress(options.progress, "assign locations to kernen", 0.0);
  result.assignment = assign::assign_to_kernen(input.kernen, input.locations.x, input.locations.y,
                                               {options.threads, options.progress});

  std::optional<std::vector<double>> population;
  if (input.population) {
    report_progress(options.progress, "population per kern", 0.0);
    population = indicators::population_per_kern(input.kernen, input.population->x,
                                                 input.population->y, input.population->inhabitants);
  }
  report_progress(options.progress, "basic indicators", 0.0);
  geometry::MultiPolygonArray kern_geometry = input.kernen.geometry;
  kern_geometry.begin_feature();  // buitengebied: a row without polygon
  result.tables.push_back(
      {"kern", indicators::basic_indicators(input.kernen, input.locations, result.assignment, population),
       std::move(kern_geometry)});
  report_progress(options.progress, "basic indicators", 1.0);
  return result;
}

}  // namespace kk
