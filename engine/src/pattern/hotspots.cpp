// Vacancy hot spots on a regular grid: Getis–Ord Gi* with distance-band weights.
#include "kernkompas/pattern/hotspots.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "kernkompas/core/error.hpp"
#include "kernkompas/core/options.hpp"
#include "kernkompas/stats/getis_ord.hpp"
#include "kernkompas/stats/spatial_weights.hpp"

namespace kk::pattern {
namespace {

// Cells of the hot-spot grid at most (80 MB per raster of doubles).
constexpr double kMaxGridCells = 1e7;

struct Cell {
  int64_t column;
  int64_t row;
  int64_t units = 0;
  int64_t vacant = 0;
};

void check_options(const HotspotOptions& o) {
  check_option("hotspots.cell_size_m", o.cell_size_m);
  check_option("hotspots.distance_band_m", o.distance_band_m);
  check_option("hotspots.permutations", static_cast<int64_t>(o.permutations));
  check_option("hotspots.fdr_alpha", o.fdr_alpha);
  check_option("execution.threads", static_cast<int64_t>(o.execution.threads));
  check_option("disclosure.k", o.disclosure.k);
  check_option("disclosure.min_units", o.disclosure.min_units);
}

void check_layer(const LocationLayer& l) {
  const auto n = l.size();
  if (l.x.size() != n || l.y.size() != n || (!l.status.empty() && l.status.size() != n)) {
    throw Error(ErrorCode::kInvalidArgument,
                "vacancy hot spots: x, y and status must be as long as the ids (" + std::to_string(n) + ")");
  }
}

}  // namespace

HotspotResult vacancy_hotspots(const LocationLayer& locations, const HotspotOptions& options) {
  check_options(options);
  check_layer(locations);
  const double size = options.cell_size_m;
  const double band = std::isnan(options.distance_band_m) ? 1.5 * size : options.distance_band_m;

  // Units that take part: known status, finite coordinates.
  std::vector<size_t> units;
  double min_x = std::numeric_limits<double>::infinity(), min_y = min_x;
  double max_x = -min_x, max_y = -min_x;
  for (size_t i = 0; i < locations.size(); ++i) {
    if (locations.status_of(i) == OccupancyStatus::kUnknown) continue;
    if (!std::isfinite(locations.x[i]) || !std::isfinite(locations.y[i])) continue;
    units.push_back(i);
    min_x = std::min(min_x, locations.x[i]);
    min_y = std::min(min_y, locations.y[i]);
    max_x = std::max(max_x, locations.x[i]);
    max_y = std::max(max_y, locations.y[i]);
  }

  HotspotResult result;
  result.grid.cell_size_m = size;
  std::vector<Cell> cells;
  if (!units.empty()) {
    result.grid.origin_x_m = std::floor(min_x / size) * size;
    result.grid.origin_y_m = std::floor(min_y / size) * size;
    // The grid's size, in doubles before any cast: a tiny cell over the data's extent would
    // overflow the integer cell index and allocate a raster larger than memory.
    const double columns = std::floor((max_x - result.grid.origin_x_m) / size) + 1;
    const double rows = std::floor((max_y - result.grid.origin_y_m) / size) + 1;
    if (!(columns * rows <= kMaxGridCells)) {
      throw InputError(ErrorCode::kInvalidArgument,
                       "option 'hotspots.cell_size_m' " + number_text(size) + " m gives a grid of " +
                      number_text(columns) + " x " + number_text(rows) + " cells over the locations' extent (at most " +
                      number_text(kMaxGridCells) + "); choose a larger cell size");
    }
    auto index = [&](double v, double origin) {
      return static_cast<int64_t>(std::floor((v - origin) / size));
    };
    result.grid.columns = index(max_x, result.grid.origin_x_m) + 1;
    result.grid.rows = index(max_y, result.grid.origin_y_m) + 1;
    cells.reserve(units.size());
    for (size_t i : units) {
      Cell cell{index(locations.x[i], result.grid.origin_x_m),
                index(locations.y[i], result.grid.origin_y_m)};
      cell.units = 1;
      cell.vacant = locations.status[i] == OccupancyStatus::kVacant ? 1 : 0;
      cells.push_back(cell);
    }
    // Merge units per cell, ordered by row then column.
    std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) {
      return a.row != b.row ? a.row < b.row : a.column < b.column;
    });
    size_t out = 0;
    for (size_t k = 0; k < cells.size(); ++k) {
      if (out > 0 && cells[out - 1].row == cells[k].row && cells[out - 1].column == cells[k].column) {
        cells[out - 1].units += cells[k].units;
        cells[out - 1].vacant += cells[k].vacant;
      } else {
        cells[out++] = cells[k];
      }
    }
    cells.resize(out);
  }

  const size_t n = cells.size();
  std::vector<int64_t> col(n), row(n), n_units(n), n_vacant(n);
  std::vector<double> value(n);
  for (size_t k = 0; k < n; ++k) {
    col[k] = cells[k].column;
    row[k] = cells[k].row;
    n_units[k] = cells[k].units;
    n_vacant[k] = cells[k].vacant;
    value[k] = options.value == HotspotValue::kRate
                   ? static_cast<double>(cells[k].vacant) / static_cast<double>(cells[k].units)
                   : static_cast<double>(cells[k].vacant);
  }

  // Published output: a cell the count rule withholds is no data. It is neither a focal cell
  // nor a neighbour and does not enter the global mean and variance, so every published z, p
  // and class is a function of published cells only (docs/disclosure.md). Internal output
  // takes in every cell.
  std::vector<size_t> taking_part;
  for (size_t k = 0; k < n; ++k) {
    if (!options.disclosure.withholds(n_units[k])) taking_part.push_back(k);
  }
  std::vector<int64_t> part_col, part_row;
  std::vector<double> part_value;
  for (size_t k : taking_part) {
    part_col.push_back(col[k]);
    part_row.push_back(row[k]);
    part_value.push_back(value[k]);
  }
  const stats::SpatialWeights weights =
      stats::SpatialWeights::grid_distance_band(part_col, part_row, size, band);
  stats::GiStarOptions gi;
  gi.self_weight = 1.0;
  gi.fdr_alpha = options.fdr_alpha;
  gi.permutation.permutations = options.permutations;
  gi.permutation.seed = options.execution.seed;
  gi.permutation.threads = options.execution.threads;
  gi.permutation.progress = options.execution.progress;
  const stats::GiStarResult part = stats::gi_star(weights, part_value, gi);
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> z(n, kNaN), p_norm(n, kNaN), p_sim(n, kNaN);
  std::vector<int64_t> fdr(n, 0);
  for (size_t t = 0; t < taking_part.size(); ++t) {
    const size_t k = taking_part[t];
    z[k] = part.z[t];
    p_norm[k] = part.p_norm[t];
    p_sim[k] = part.p_sim[t];
    fdr[k] = part.fdr_significant[t];
  }

  std::vector<double> cell_x(n), cell_y(n);
  std::vector<int64_t> significant(n), below(n);
  std::vector<std::string> hotspot(n);
  for (size_t k = 0; k < n; ++k) {
    cell_x[k] = result.grid.origin_x_m + static_cast<double>(col[k]) * size;
    cell_y[k] = result.grid.origin_y_m + static_cast<double>(row[k]) * size;
    significant[k] = fdr[k];
    if (fdr[k] != 0 && z[k] > 0.0) hotspot[k] = "hot";
    if (fdr[k] != 0 && z[k] < 0.0) hotspot[k] = "cold";
    below[k] = options.disclosure.below_min_units(n_units[k]) ? 1 : 0;
  }
  const std::vector<int64_t> cell_units = n_units;

  const bool rate = options.value == HotspotValue::kRate;
  Table& t = result.cells;
  t.add_integer("cell_col", std::move(col), "", "grid column, 0 at origin_x, west to east");
  t.add_integer("cell_row", std::move(row), "", "grid row, 0 at origin_y, south to north");
  t.add_real("cell_x", std::move(cell_x), "m", "x of the cell's lower-left corner");
  t.add_real("cell_y", std::move(cell_y), "m", "y of the cell's lower-left corner");
  t.add_integer("n_units", std::move(n_units), "", "units with a known status in the cell");
  t.add_integer("n_vacant", std::move(n_vacant), "", "vacant units in the cell");
  t.add_real("value", std::move(value), rate ? "fraction" : "",
             rate ? "vacancy rate of the cell (n_vacant / n_units)" : "vacant units in the cell");
  t.add_real("gi_z", std::move(z), "",
             "Getis-Ord Gi* z-score (self included, binary distance band of " +
                 std::to_string(band) + " m between cell centres)");
  t.add_real("p_norm", std::move(p_norm), "", "two-sided p of gi_z under normality");
  t.add_real("p_sim", std::move(p_sim), "",
             "folded pseudo p from " + std::to_string(options.permutations) +
                 " conditional permutations, (M + 1) / (R + 1)");
  t.add_integer("fdr_significant", std::move(significant), "",
                "1 when Benjamini-Hochberg at alpha " + std::to_string(options.fdr_alpha) +
                    " rejects on p_sim");
  t.add_text("hotspot", std::move(hotspot), "'hot' or 'cold' where fdr_significant, else empty");
  t.add_integer("below_min_units", std::move(below), "",
                "1 when n_units is below the configured minimum (" +
                    std::to_string(options.disclosure.min_units) + ")");
  suppress_small_rows(t, cell_units, options.disclosure,
                      {"cell_col", "cell_row", "cell_x", "cell_y", "below_min_units"}, "units");
  return result;
}

}  // namespace kk::pattern
