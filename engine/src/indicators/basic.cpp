// Basic per-kern indicators.
#include "kernkompas/indicators/basic.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "kernkompas/core/error.hpp"
#include "kernkompas/core/sbi.hpp"
#include "kernkompas/geometry/multipolygon_array.hpp"

namespace kk::indicators {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

Table basic_indicators(const KernLayer& kernen, const LocationLayer& locations,
                       const assign::Assignment& assignment,
                       const std::optional<std::vector<double>>& population_override) {
  const size_t kern_count = kernen.size();
  const size_t rows = kern_count + 1;
  // Mismatched inputs would otherwise be read out of bounds below.
  if (assignment.kern.size() != locations.size() || assignment.count_per_kern.size() != rows) {
    throw Error(ErrorCode::kInvalidArgument,
                "basic_indicators: the assignment is for " + std::to_string(assignment.kern.size()) +
                    " locations and " + std::to_string(assignment.count_per_kern.size()) +
                    " rows, expected " + std::to_string(locations.size()) + " and " +
                    std::to_string(rows));
  }
  if (!locations.sbi.empty() && locations.sbi.size() != locations.size()) {
    throw Error(ErrorCode::kInvalidArgument, "basic_indicators: sbi column has " +
                                                 std::to_string(locations.sbi.size()) + " values for " +
                                                 std::to_string(locations.size()) + " locations");
  }
  if (population_override && population_override->size() != rows) {
    throw Error(ErrorCode::kInvalidArgument,
                "basic_indicators: population_per_kern has " +
                    std::to_string(population_override->size()) + " values, expected " +
                    std::to_string(rows) + " (one per kern, then buitengebied)");
  }

  std::vector<std::vector<int64_t>> per_section(kSbiSections.size(), std::vector<int64_t>(rows, 0));
  std::vector<int64_t> unknown_section(rows, 0);
  for (size_t i = 0; i < locations.size(); ++i) {
    const size_t row = assign::kern_row(assignment.kern[i], kern_count);
    const auto section = locations.sbi.empty() ? std::nullopt : sbi_section(locations.sbi[i]);
    if (section) {
      ++per_section[static_cast<size_t>(sbi_section_index(*section))][row];
    } else {
      ++unknown_section[row];
    }
  }

  std::vector<double> area_km2(rows, kNaN), density(rows, kNaN), population(rows, kNaN),
      per_1000(rows, kNaN);
  for (size_t row = 0; row < rows; ++row) {
    const double n = static_cast<double>(assignment.count_per_kern[row]);
    if (row < kern_count) {
      area_km2[row] = geometry::feature_area(kernen.geometry, row) / 1e6;
      if (area_km2[row] > 0.0) density[row] = n / area_km2[row];
      if (row < kernen.population.size()) population[row] = kernen.population[row];
    }
    if (population_override) population[row] = (*population_override)[row];
    if (population[row] > 0.0) per_1000[row] = 1000.0 * n / population[row];
  }

  Table table = kern_key_columns(kernen);
  table.add_integer("n_locations", assignment.count_per_kern, "", "establishments in the kern");
  for (size_t s = 0; s < kSbiSections.size(); ++s) {
    table.add_integer(std::string("n_sbi_") + kSbiSections[s], std::move(per_section[s]), "",
                      std::string("establishments in SBI section ") + kSbiSections[s]);
  }
  table.add_integer("n_sbi_unknown", std::move(unknown_section), "",
                    "establishments without a valid SBI code");
  table.add_real("area_km2", std::move(area_km2), "km2", "area of the kern polygon");
  table.add_real("density_per_km2", std::move(density), "per_km2", "n_locations / area_km2");
  table.add_real("population", std::move(population), "inhabitants", "inhabitants of the kern");
  table.add_real("locations_per_1000_inhabitants", std::move(per_1000), "per_1000_inhabitants",
                 "1000 * n_locations / population");
  return table;
}

std::vector<double> population_per_kern(const KernLayer& kernen, std::span<const double> x,
                                        std::span<const double> y,
                                        std::span<const double> inhabitants) {
  if (inhabitants.size() != x.size()) {
    throw Error(ErrorCode::kInvalidArgument, "population_per_kern: " +
                                                 std::to_string(inhabitants.size()) +
                                                 " inhabitant values for " + std::to_string(x.size()) +
                                                 " points");
  }
  return population_per_kern(kernen.size(), assign::assign_to_kernen(kernen, x, y), inhabitants);
}

std::vector<double> population_per_kern(size_t kern_count, const assign::Assignment& assignment,
                                        std::span<const double> inhabitants) {
  if (inhabitants.size() != assignment.kern.size()) {
    throw Error(ErrorCode::kInvalidArgument, "population_per_kern: " +
                                                 std::to_string(inhabitants.size()) +
                                                 " inhabitant values for " +
                                                 std::to_string(assignment.kern.size()) + " points");
  }
  std::vector<double> totals(kern_count + 1, 0.0);
  for (size_t i = 0; i < assignment.kern.size(); ++i) {
    if (!std::isnan(inhabitants[i])) totals[assign::kern_row(assignment.kern[i], kern_count)] += inhabitants[i];
  }
  return totals;
}

}  // namespace kk::indicators
