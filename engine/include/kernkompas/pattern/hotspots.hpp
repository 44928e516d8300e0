// Vacancy hot spots: Getis–Ord Gi* of vacancy on a regular grid (the pattern family).
#pragma once

#include <cstdint>
#include <limits>

#include "kernkompas/core/disclosure.hpp"
#include "kernkompas/core/execution.hpp"
#include "kernkompas/core/table.hpp"
#include "kernkompas/data/location_layer.hpp"

namespace kk::pattern {

// What a hot-spot grid cell's value is.
enum class HotspotValue : uint8_t {
  kRate = 0,   // vacant / units with a known status in the cell
  kCount = 1,  // number of vacant units in the cell
};

struct HotspotOptions {
  // Cell side in metres. DEFAULT: 250. REQUIRES: > 0.
  double cell_size_m = 250.0;
  // Value per cell. DEFAULT: kRate.
  HotspotValue value = HotspotValue::kRate;
  // Binary distance band between cell centres, in metres. DEFAULT: NaN = 1.5 × cell size,
  // which takes in the 8 surrounding cells (at 1 and √2 cells, queen contiguity) and none
  // two cells away (at 2 cells). REQUIRES: NaN or >= 0.
  double distance_band_m = std::numeric_limits<double>::quiet_NaN();
  // Conditional permutations for the pseudo p. DEFAULT: 999. 0 = no permutation inference
  // (fdr_significant then uses the normal p).
  uint32_t permutations = 999;
  // Benjamini–Hochberg level for fdr_significant. DEFAULT: 0.05. REQUIRES: 0 < a < 1.
  double fdr_alpha = 0.05;
  // Threads, seed of the permutations, progress.
  ExecutionSettings execution;
  // Cells with fewer than k units are withheld; below_min_units flags cells under min_units.
  DisclosureSettings disclosure;
};

// The grid: cell (c, r) is the square [origin_x + c·size, origin_x + (c+1)·size) ×
// [origin_y + r·size, origin_y + (r+1)·size). The origin is the lower-left corner of the
// units' extent snapped down to a multiple of the cell size, so grids of different
// snapshots and runs line up. columns × rows covers every unit.
struct HotspotGrid {
  double origin_x_m = 0.0;
  double origin_y_m = 0.0;
  double cell_size_m = 0.0;
  int64_t columns = 0;
  int64_t rows = 0;
};

struct HotspotResult {
  HotspotGrid grid;
  // One row per cell with at least one unit with a known status, ordered by row (south to
  // north) then column (west to east). Columns:
  //   cell_col, cell_row (grid indices), cell_x, cell_y (lower-left corner, metres),
  //   n_units (units with a known status), n_vacant, value (rate or count, see
  //   HotspotOptions::value), gi_z, p_norm (two-sided normal), p_sim (folded pseudo p),
  //   fdr_significant (0/1, Benjamini–Hochberg on p_sim at HotspotOptions::fdr_alpha),
  //   hotspot ("hot": significant and z > 0, "cold": significant and z < 0, else ""),
  //   below_min_units (0/1), suppressed (0/1).
  // Unless disclosure.internal, cells with fewer than disclosure.k units are no data: they
  // take no part in Gi* (neither as focal cell nor as neighbour, nor in the global mean and
  // variance) and are published with n_units, n_vacant, value, gi_z, p_norm, p_sim,
  // fdr_significant and hotspot empty and suppressed = 1. Internal: every cell takes part.
  Table cells;
};

// Grid cells from the locations with a known status (coordinates in metres, working CRS),
// Gi* (w_ii = 1, binary distance band between cell centres, HotspotOptions) over the cells that hold
// units. Locations with an unknown status or a non-finite coordinate are left out.
// Throws kk::Error (kInvalidArgument) for options out of range; kk::Cancelled from the
// progress callback.
HotspotResult vacancy_hotspots(const LocationLayer& locations, const HotspotOptions& options = {});

}  // namespace kk::pattern
