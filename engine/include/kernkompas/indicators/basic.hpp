// Basic indicators per kern: counts, sector mix, area, density, population.
#pragma once

#include <optional>
#include <vector>

#include "kernkompas/assign/assign.hpp"
#include "kernkompas/core/table.hpp"
#include "kernkompas/data/kern_layer.hpp"
#include "kernkompas/data/location_layer.hpp"

namespace kk::indicators {

// One row per kern in layer order, then one row "buitengebied" (no area, so no density).
// Columns: kern_code, kern_name, n_locations, n_sbi_A .. n_sbi_U, n_sbi_unknown, area_km2,
// density_per_km2 (n / area_km2), population, locations_per_1000_inhabitants.
// `population_per_kern` (one per kern plus buitengebied) overrides the kern layer's
// population field when given, e.g. from a population point layer.
Table basic_indicators(const KernLayer& kernen, const LocationLayer& locations,
                       const assign::Assignment& assignment,
                       const std::optional<std::vector<double>>& population_per_kern = std::nullopt);


// Sums inhabitants of population points per kern (kernen..., buitengebied).
std::vector<double> population_per_kern(const KernLayer& kernen, std::span<const double> x,
                                        std::span<const double> y,
                                        std::span<const double> inhabitants);
// The same from the points' assignment to the `kern_count` kernen.
std::vector<double> population_per_kern(size_t kern_count, const assign::Assignment& assignment,
                                        std::span<const double> inhabitants);

}  // namespace kk::indicators
