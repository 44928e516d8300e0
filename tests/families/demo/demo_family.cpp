// The demonstration family: when demo.enabled, counts locations on a square grid and adds
// one of each kind of result — a kern column, a grid-cell table (through the shared
// disclosure rule), a location column and a raster.
#include "demo_family.hpp"

#include <cmath>
#include <map>
#include <vector>

#include "kernkompas/core/disclosure.hpp"

namespace kk::demo {
namespace {

const std::vector<OptionSpec>& specs() {
  static const std::vector<OptionSpec> kSpecs = {
      {.name = "enabled", .type = OptionType::kBoolean, .default_value = false,
       .doc = "run the demonstration family"},
      {.name = "cell_size_m", .type = OptionType::kReal, .default_value = 1000.0, .min = 0,
       .min_exclusive = true, .unit = "m", .doc = "side of the demonstration grid"},
      {.name = "label", .type = OptionType::kText, .default_value = std::string("demo"),
       .doc = "text written into every row of demo_cells"},
  };
  return kSpecs;
}

bool enabled(const RunContext&, const OptionView& options) { return options.boolean("enabled"); }

void run(const RunContext& context, const OptionView& options, AnalysisResult& result) {
  const LocationLayer& locations = context.input.locations;
  const double size = options.real("cell_size_m");
  double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;
  for (size_t i = 0; i < locations.size(); ++i) {
    min_x = std::min(min_x, locations.x[i]);
    min_y = std::min(min_y, locations.y[i]);
    max_x = std::max(max_x, locations.x[i]);
    max_y = std::max(max_y, locations.y[i]);
  }
  if (locations.size() == 0) min_x = min_y = max_x = max_y = 0.0;
  const double origin_x = std::floor(min_x / size) * size, origin_y = std::floor(min_y / size) * size;
  const auto columns = static_cast<size_t>(std::floor((max_x - origin_x) / size)) + 1;
  const auto rows = static_cast<size_t>(std::floor((max_y - origin_y) / size)) + 1;

  std::vector<int64_t> cell_of(locations.size());
  std::map<int64_t, int64_t> count;  // cell id (row * columns + column) -> locations
  for (size_t i = 0; i < locations.size(); ++i) {
    const auto column = static_cast<int64_t>(std::floor((locations.x[i] - origin_x) / size));
    const auto row = static_cast<int64_t>(std::floor((locations.y[i] - origin_y) / size));
    cell_of[i] = row * static_cast<int64_t>(columns) + column;
    ++count[cell_of[i]];
  }

  std::vector<int64_t> col, row, n;
  for (const auto& [cell, locations_in_cell] : count) {
    col.push_back(cell % static_cast<int64_t>(columns));
    row.push_back(cell / static_cast<int64_t>(columns));
    n.push_back(locations_in_cell);
  }
  Table cells;
  cells.add_integer("cell_col", col, "", "grid column, west to east");
  cells.add_integer("cell_row", row, "", "grid row, south to north");
  cells.add_integer("n_locations", n, "", "locations in the cell");
  cells.add_text("label", std::vector<std::string>(n.size(), options.text("label")), "the configured label");
  suppress_small_rows(cells, n, context.disclosure, {"cell_col", "cell_row", "label"}, "locations");

  Raster raster = Raster::grid("demo_count", origin_x, origin_y, size, columns, rows);
  raster.unit = "locations";
  raster.description = "locations per demonstration cell (withheld cells: no data)";
  for (size_t k = 0; k < n.size(); ++k) {
    if (!context.disclosure.withholds(n[k])) {
      raster.at_south_row(static_cast<size_t>(col[k]), static_cast<size_t>(row[k])) = static_cast<double>(n[k]);
    }
  }

  std::vector<int64_t> per_kern(context.assignment.count_per_kern);
  result.kern_table().add_integer("demo_locations", std::move(per_kern), "", "locations in the kern (demo)");
  result.location_columns.add_integer("demo_cell", std::move(cell_of), "", "demonstration grid cell id");
  result.tables.push_back({"demo_cells", std::move(cells), std::nullopt, std::string(grain::kGridCell),
                           {"cell_col", "cell_row"}});
  result.rasters.push_back(std::move(raster));
}

}  // namespace

const Family& demo_family() {
  static const Family kFamily{"demo", "demonstration family of the tests", specs(), enabled, run};
  return kFamily;
}

}  // namespace kk::demo
