// The hot-spot family: options, when it applies, and its vacancy_hotspot layer.
#include "kernkompas/pattern/family.hpp"

#include <vector>

#include "kernkompas/core/text_table.hpp"
#include "kernkompas/pattern/hotspots.hpp"

namespace kk::pattern {
namespace {

const std::vector<OptionSpec>& specs() {
  static const std::vector<OptionSpec> kSpecs = {
      {.name = "cell_size_m", .type = OptionType::kReal, .default_value = 250.0, .min = 0,
       .min_exclusive = true, .unit = "m", .doc = "side of the hot-spot grid cells",
       .alias = "vacancy.hotspot_cell_size_m"},
      {.name = "value", .type = OptionType::kText, .default_value = std::string("rate"),
       .choices = {"rate", "count"},
       .doc = "value per cell: the vacancy rate, or the count of vacant units",
       .alias = "vacancy.hotspot_value"},
      {.name = "distance_band_m", .type = OptionType::kReal,
       .default_value = std::numeric_limits<double>::quiet_NaN(), .min = 0, .none_allowed = true,
       .unit = "m", .doc = "binary distance band between cell centres; none = 1.5 x the cell size (queen)",
       .alias = "vacancy.hotspot_distance_band_m"},
      {.name = "permutations", .type = OptionType::kInteger, .default_value = int64_t{999}, .min = 0,
       .max = 100000, .doc = "conditional permutations for the pseudo p; 0 = normal p only",
       .alias = "vacancy.permutations"},
      {.name = "fdr_alpha", .type = OptionType::kReal, .default_value = 0.05, .min = 0, .max = 1,
       .min_exclusive = true, .max_exclusive = true,
       .doc = "Benjamini-Hochberg false discovery rate for fdr_significant", .alias = "vacancy.fdr_alpha"},
  };
  return kSpecs;
}

bool has_status(const RunContext& context, const OptionView&) {
  return context.input.locations.has_known_status();
}

// The square polygon of every hot-spot cell, in the table's row order.
geometry::MultiPolygonArray cell_squares(const HotspotResult& hotspots) {
  geometry::MultiPolygonArray squares;
  const auto& xs = hotspots.cells.at("cell_x").reals;
  const auto& ys = hotspots.cells.at("cell_y").reals;
  const double size = hotspots.grid.cell_size_m;
  for (size_t i = 0; i < xs.size(); ++i) squares.add_square_feature(xs[i], ys[i], size);
  return squares;
}

void run(const RunContext& context, const OptionView& options, AnalysisResult& result) {
  HotspotOptions hotspot;
  hotspot.cell_size_m = options.real("cell_size_m");
  hotspot.value = options.text("value") == "count" ? HotspotValue::kCount : HotspotValue::kRate;
  hotspot.distance_band_m = options.real("distance_band_m");
  hotspot.permutations = static_cast<uint32_t>(options.integer("permutations"));
  hotspot.fdr_alpha = options.real("fdr_alpha");
  hotspot.execution = context.execution;
  hotspot.disclosure = context.disclosure;
  report_progress(context.execution.progress, "vacancy hot spots (Gi*)", 0.0);
  HotspotResult hotspots = vacancy_hotspots(context.input.locations, hotspot);
  geometry::MultiPolygonArray squares = cell_squares(hotspots);
  result.tables.push_back({"vacancy_hotspot", std::move(hotspots.cells), std::move(squares),
                           std::string(grain::kGridCell), {"cell_col", "cell_row"},
                           // Gi* of a cell takes in its neighbours' values.
                           {"gi_z", "p_norm", "p_sim", "fdr_significant", "hotspot"}});
}

// One line: hot and cold cells, and how many are suppressed.
void summarize(const AnalysisResult& result, const Settings& settings, std::ostream& out) {
  const Table* hotspots = result.find_table("vacancy_hotspot");
  if (hotspots == nullptr) return;
  size_t hot = 0, cold = 0, suppressed = 0;
  for (size_t i = 0; i < hotspots->row_count(); ++i) {
    hot += hotspots->at("hotspot").texts[i] == "hot";
    cold += hotspots->at("hotspot").texts[i] == "cold";
    suppressed += hotspots->at("suppressed").integers[i] == 1;
  }
  const OptionView options = settings.section("hotspots");
  out << "\nHot spots (Gi*, " << fixed(options.real("cell_size_m"), 0) << " m grid, FDR "
      << fixed(options.real("fdr_alpha"), 2) << "): " << hot << " hot and " << cold << " cold of "
      << hotspots->row_count() << " cells with units; " << suppressed << " cells suppressed (fewer than "
      << settings.section("disclosure").integer("k") << " units)\n";
}

}  // namespace

const Family& hotspot_family() {
  static const Family kFamily{"hotspots", "vacancy hot spots: Getis-Ord Gi* on a regular grid", specs(),
                              has_status, run, summarize};
  return kFamily;
}

}  // namespace kk::pattern
