// LISA of the locations per grid cell.
#include "lisa_grid.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "kernkompas/core/disclosure.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/stats/moran.hpp"
#include "kernkompas/stats/spatial_weights.hpp"

namespace kk::clustering {
namespace {

constexpr double kMaxCells = 4e6;  // a wrong cell size, not a real grid

const char* quadrant_name(uint8_t q) {
  switch (static_cast<stats::LisaQuadrant>(q)) {
    case stats::LisaQuadrant::kHighHigh: return "HH";
    case stats::LisaQuadrant::kLowHigh: return "LH";
    case stats::LisaQuadrant::kLowLow: return "LL";
    case stats::LisaQuadrant::kHighLow: return "HL";
    case stats::LisaQuadrant::kNone: break;
  }
  return "";
}

}  // namespace

void add_lisa_grid(const RunContext& context, const LisaSettings& settings, AnalysisResult& result) {
  const geometry::MultiPolygonArray& kernen = context.input.kernen.geometry;
  const LocationLayer& l = context.input.locations;
  const double size = settings.cell_size_m;
  if (kernen.x.empty()) return;
  double min_x = kernen.x[0], max_x = kernen.x[0], min_y = kernen.y[0], max_y = kernen.y[0];
  for (size_t i = 0; i < kernen.x.size(); ++i) {
    min_x = std::min(min_x, kernen.x[i]);
    max_x = std::max(max_x, kernen.x[i]);
    min_y = std::min(min_y, kernen.y[i]);
    max_y = std::max(max_y, kernen.y[i]);
  }
  const double origin_x = std::floor(min_x / size) * size, origin_y = std::floor(min_y / size) * size;
  const double columns = std::ceil((max_x - origin_x) / size), rows = std::ceil((max_y - origin_y) / size);
  if (columns * rows > kMaxCells) {
    throw Error(ErrorCode::kInvalidArgument, "clustering.lisa_cell_size_m: " + std::to_string(size) +
                                                 " m gives more than 4 million cells over the kernen; use a larger cell");
  }
  // Locations per cell (cells outside the kernen's box included when they hold one).
  std::map<std::pair<int64_t, int64_t>, int64_t> count;
  for (size_t i = 0; i < l.size(); ++i) {
    if (!std::isfinite(l.x[i]) || !std::isfinite(l.y[i])) continue;
    ++count[{static_cast<int64_t>(std::floor((l.x[i] - origin_x) / size)),
             static_cast<int64_t>(std::floor((l.y[i] - origin_y) / size))}];
  }
  for (int64_t c = 0; c < static_cast<int64_t>(columns); ++c) {
    for (int64_t r = 0; r < static_cast<int64_t>(rows); ++r) {
      const double cx = origin_x + (static_cast<double>(c) + 0.5) * size;
      const double cy = origin_y + (static_cast<double>(r) + 0.5) * size;
      if (context.locator.locate(cx, cy) != index::kNoPolygon) count.try_emplace({c, r}, 0);
    }
  }
  // Every cell a row; published: cells of 1 … k − 1 locations are no observation.
  std::vector<int64_t> col, row, n;
  std::vector<size_t> observation_rows;
  std::vector<int64_t> obs_col, obs_row;
  std::vector<double> values;
  for (const auto& [cell, locations] : count) {
    if (!context.disclosure.withholds(locations)) {
      observation_rows.push_back(col.size());
      obs_col.push_back(cell.first);
      obs_row.push_back(cell.second);
      values.push_back(static_cast<double>(locations));
    }
    col.push_back(cell.first);
    row.push_back(cell.second);
    n.push_back(locations);
  }
  const size_t cells = col.size();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> lisa(cells, nan), p(cells, nan);
  std::vector<std::string> quadrant(cells), lisa_class(cells);
  std::vector<int64_t> significant(cells, 0);
  stats::MoranResult global;
  global.i = global.expected = global.z_randomised = global.p_randomised = global.p_sim = nan;
  if (values.size() >= 3) {
    const stats::SpatialWeights weights =
        stats::SpatialWeights::grid_distance_band(obs_col, obs_row, size, 1.5 * size).row_standardised();
    stats::PermutationOptions permutation{settings.permutations, context.execution.seed, context.execution.threads,
                                          context.execution.progress};
    stats::LocalMoranOptions local_options{permutation, settings.fdr_alpha};
    const stats::LocalMoranResult local = stats::local_moran(weights, values, local_options);
    for (size_t o = 0; o < values.size(); ++o) {
      const size_t r = observation_rows[o];
      lisa[r] = local.i[o];
      p[r] = local.p_sim[o];
      quadrant[r] = quadrant_name(local.quadrant[o]);
      significant[r] = local.fdr_significant[o];
      lisa_class[r] = local.fdr_significant[o] ? quadrant[r] : "ns";
    }
    global = stats::moran(weights, values, stats::MoranOptions{permutation});
  }

  Table t;
  t.add_integer("cell_col", col);
  t.add_integer("cell_row", row);
  std::vector<double> cell_x(cells), cell_y(cells);
  geometry::MultiPolygonArray squares;
  for (size_t i = 0; i < cells; ++i) {
    cell_x[i] = origin_x + static_cast<double>(col[i]) * size;
    cell_y[i] = origin_y + static_cast<double>(row[i]) * size;
    squares.add_square_feature(cell_x[i], cell_y[i], size);
  }
  t.add_real("cell_x", cell_x, "m", "lower-left corner");
  t.add_real("cell_y", cell_y, "m", "lower-left corner");
  t.add_integer("n_locations", n);
  t.add_real("lisa_i", lisa, "", "local Moran I_i of the locations per cell (PySAL/GeoDa scaling)");
  t.add_text("quadrant", quadrant, "HH, LH, LL or HL: the cell's value and its neighbours' against the mean");
  t.add_real("p_sim", p, "", "conditional-permutation pseudo p");
  t.add_integer("fdr_significant", significant, "", "Benjamini-Hochberg at lisa_fdr_alpha");
  t.add_text("lisa_class", lisa_class, "the quadrant where FDR-significant, else ns");
  CellRisk risk;
  risk.units = n;
  const std::string_view keep[] = {"cell_col", "cell_row", "cell_x", "cell_y"};
  suppress_cells(t, risk, context.disclosure, keep, "locations");
  result.tables.push_back({"lisa_cell", std::move(t), std::move(squares), std::string(grain::kGridCell),
                           {"cell_col", "cell_row"}, {"lisa_i", "quadrant", "p_sim", "fdr_significant", "lisa_class"}});

  Table g;
  g.add_real("cell_size_m", {size}, "m");
  g.add_integer("n_cells", {static_cast<int64_t>(values.size())});
  g.add_real("moran_i", {global.i}, "", "global Moran's I of the locations per cell");
  g.add_real("expected_i", {global.expected}, "", "E[I] = -1 / (n - 1)");
  g.add_real("z_randomised", {global.z_randomised});
  g.add_real("p_randomised", {global.p_randomised}, "", "two-sided, under randomisation");
  g.add_real("p_sim", {global.p_sim}, "", "permutation pseudo p");
  result.tables.push_back({"moran_global", std::move(g), std::nullopt, std::string(grain::kArea), {}});
}

}  // namespace kk::clustering
