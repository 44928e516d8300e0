// Local Moran (LISA) of the locations per grid cell: the lisa_cell layer and the global
// Moran's I of the same cells.
#pragma once

#include "kernkompas/analysis.hpp"
#include "kernkompas/context.hpp"

namespace kk::clustering {

struct LisaSettings {
  double cell_size_m = 250.0;
  uint32_t permutations = 999;
  double fdr_alpha = 0.05;
};

// Observations: the cells of a cell_size_m grid over the kernen whose centre lies in a kern or
// that hold a location; value: the locations in the cell. Weights: queen contiguity of the
// cells (centres within 1.5 cells), row-standardised (GeoDa's default for LISA).
// Adds the lisa_cell layer (cell squares; n_locations, lisa_i, quadrant HH/LH/LL/HL, p_sim,
// fdr_significant, lisa_class = the quadrant where FDR-significant, else "ns") and the
// one-row table moran_global (Moran's I, E[I], z and p under randomisation, permutation p).
// Published output: cells with 1 … k − 1 locations take no part (as for Gi*) and their rows
// are withheld; the LISA columns are row-dependent (withheld everywhere when secondary
// suppression touches the layer).
void add_lisa_grid(const RunContext& context, const LisaSettings& settings, AnalysisResult& result);

}  // namespace kk::clustering
