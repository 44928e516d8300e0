// One analysis of a municipality: inputs in memory in, every indicator table out.
// This is the entry point the command line, the C API and Python share. It builds a run
// context once (kernkompas/context.hpp) and runs each registered indicator family on it in
// order (kernkompas/families.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernkompas/assign/assign.hpp"
#include "kernkompas/core/disclosure.hpp"
#include "kernkompas/core/options.hpp"
#include "kernkompas/core/progress.hpp"
#include "kernkompas/core/raster.hpp"
#include "kernkompas/core/table.hpp"
#include "kernkompas/data/facility_layer.hpp"
#include "kernkompas/data/kern_layer.hpp"
#include "kernkompas/data/location_layer.hpp"
#include "kernkompas/geometry/multipolygon_array.hpp"
#include "kernkompas/network/road_network.hpp"

namespace kk {

struct AnalysisInput {
  std::string area_name;                      // e.g. "Wijdemeren"
  KernLayer kernen;
  LocationLayer locations;                    // the current register
  std::optional<PopulationLayer> population;  // overrides the kernen's population field
  std::vector<LocationLayer> earlier_snapshots;  // dated registers of the same area
  std::optional<FacilityLayer> facilities;       // destinations of the accessibility family
  std::optional<network::RoadNetwork> roads;     // the road graph, built once by the reader
};

struct AnalysisOptions {
  // Every option: execution (threads, seed), disclosure (k, min_units, internal) and each
  // family's. Defaults unless set.
  Settings settings;
  ProgressCallback progress;
};

// The grain of a table: what one row stands for. Later steps find an indicator by grain and
// column name; the key columns identify a row within the grain.
namespace grain {
inline constexpr std::string_view kKern = "kern";                  // keys: kern_code
inline constexpr std::string_view kArea = "area";                  // the whole area, one row
inline constexpr std::string_view kKernSector = "kern_sector";     // kern_code, sbi_section
inline constexpr std::string_view kKernFunction = "kern_function"; // kern_code, function
inline constexpr std::string_view kPeriodKern = "period_kern";     // period_start, period_end, kern_code
inline constexpr std::string_view kGridCell = "grid_cell";         // cell_col, cell_row
inline constexpr std::string_view kLocation = "location";          // id
inline constexpr std::string_view kCluster = "cluster";
}  // namespace grain

struct NamedTable {
  std::string name;  // e.g. "kern", "kern_sector"; also the CSV/GeoPackage layer name
  Table table;
  // One (multi)polygon per row for map layers (kernen, grid cells); absent for plain
  // tables. A row without parts (buitengebied) has no geometry.
  std::optional<geometry::MultiPolygonArray> geometry = std::nullopt;
  std::string grain;              // see kk::grain
  std::vector<std::string> keys;  // key columns, in order
  // Columns whose value in one row is computed from other rows too (a hot-spot cell's Gi*
  // takes in its neighbours' values). When secondary suppression withholds any row of the
  // table, kk::protect_tables withholds these columns in every row (docs/disclosure.md).
  std::vector<std::string> row_dependent_columns = {};
};

// Tables, by name (each also a GeoPackage layer and a CSV file); which ones a run produces
// depends on the families that apply (docs/indicators.md lists them):
//   kern            one row per kern, then buitengebied; every family may add columns
//   vacancy_total, kern_sector, kern_function, vacancy_change   (vacancy)
//   vacancy_hotspot Gi* per grid cell, with square cell polygons (hot spots)
struct AnalysisResult {
  std::string area_name;          // input.area_name
  assign::Assignment assignment;  // per location of input.locations
  // Every result table; the first is always "kern": one row per kern, then buitengebied.
  std::vector<NamedTable> tables;
  // Columns families add to the location layer, rows aligned with input.locations.
  Table location_columns;
  // Raster results, each written as <name>.tif.
  std::vector<Raster> rasters;
  // True when disclosure control was off (disclosure.internal): never for publication.
  bool internal = false;
  // Notes on the run for its reader (e.g. columns the disclosure stage withheld); kk::summarize
  // prints them.
  std::vector<std::string> notes;

  const Table& kern_indicators() const { return tables.front().table; }
  Table& kern_table() { return tables.front().table; }
  // nullptr when absent.
  const Table* find_table(std::string_view name) const;
  const NamedTable* find_named(std::string_view name) const;
  // The first table of `grain` that has a column `column`; nullptr when none.
  const NamedTable* find_indicator(std::string_view grain, std::string_view column) const;
  const Raster* find_raster(std::string_view name) const;
};

// Runs every family that applies, then the disclosure stage (protect_tables), unless
// disclosure.internal.
AnalysisResult run_analysis(const AnalysisInput& input, const AnalysisOptions& options = {});

// Secondary suppression across the published tables (docs/disclosure.md): for every additive
// relation — the kern rows and the hot-spot cells adding up to vacancy_total, the kern ×
// sector and kern × function cells adding up to their kern row — and for every count and
// floor-area column, cells are withheld (flagged "secondary") until no withheld cell is the
// only one of its relation, and no hidden sum is 0 or at its bound; the smallest published
// cell goes first. The last vacancy_change period follows the kern rows it repeats. A table
// with a secondary withheld row loses its row_dependent_columns in every row (with a note in
// result.notes). Reads the flags kk::suppress_cells left; does nothing when settings.internal.
void protect_tables(AnalysisResult& result, const DisclosureSettings& settings);

}  // namespace kk
