// The basic family: the kern table with its polygons.
#include "kernkompas/indicators/family.hpp"

#include <algorithm>
#include <cmath>

#include "kernkompas/core/sbi.hpp"
#include "kernkompas/core/text_table.hpp"
#include "kernkompas/indicators/basic.hpp"

namespace kk::indicators {
namespace {

bool always(const RunContext&, const OptionView&) { return true; }

void run(const RunContext& context, const OptionView&, AnalysisResult& result) {
  const AnalysisInput& input = context.input;
  std::optional<std::vector<double>> population;
  if (input.population && context.population_assignment) {
    report_progress(context.execution.progress, "population per kern", 0.0);
    population = population_per_kern(input.kernen.size(), *context.population_assignment,
                                     input.population->inhabitants);
  }
  report_progress(context.execution.progress, "basic indicators", 0.0);
  geometry::MultiPolygonArray geometry = input.kernen.geometry;
  geometry.begin_feature();  // buitengebied: a row without polygon
  result.tables.insert(result.tables.begin(),
                       NamedTable{"kern", basic_indicators(input.kernen, input.locations, context.assignment, population),
                                  std::move(geometry), std::string(grain::kKern), {"kern_code"}});
}

std::string top_sections(const Table& t, size_t row) {
  std::vector<std::pair<int64_t, char>> counts;
  for (char s : kSbiSections) counts.emplace_back(t.at(std::string("n_sbi_") + s).integers[row], s);
  std::stable_sort(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.first > b.first; });
  std::string text;
  for (size_t i = 0; i < 3 && counts[i].first > 0; ++i) {
    text += (i ? " " : "") + std::string(1, counts[i].second) + ":" + std::to_string(counts[i].first);
  }
  return text;
}

// Kern, n, area, density, population and the three largest SBI sections per row.
void summarize(const AnalysisResult& result, const Settings&, std::ostream& out) {
  const Table& t = result.kern_indicators();
  const auto& names = t.at("kern_name").texts;
  const auto& n = t.at("n_locations").integers;
  const auto& area = t.at("area_km2").reals;
  const auto& density = t.at("density_per_km2").reals;
  const auto& population = t.at("population").reals;
  const auto& per_1000 = t.at("locations_per_1000_inhabitants").reals;

  out << "\n" << result.area_name << ": establishments per kern\n\n";
  TextTable table({{"kern", 22, false}, {"n", 7, true}, {"area km2", 9, true}, {"per km2", 9, true},
                   {"inhabitants", 12, true}, {"per 1000 inh.", 14, true}, {"top SBI sections", 0, false}});
  int64_t total = 0;
  double total_population = 0;
  for (size_t row = 0; row < t.row_count(); ++row) {
    total += n[row];
    if (!std::isnan(population[row])) total_population += population[row];
    table.add_row({names[row], std::to_string(n[row]), fixed(area[row], 2), fixed(density[row], 1),
                   fixed(population[row], 0), fixed(per_1000[row], 1), top_sections(t, row)});
  }
  table.add_row({"total", std::to_string(total), "", "", fixed(total_population, 0), "", ""});
  table.print(out);
}

}  // namespace

const Family& basic_family() {
  static const Family kFamily{"basic", "counts, sector mix, area, density and population per kern", {},
                              always, run, summarize};
  return kFamily;
}

}  // namespace kk::indicators
