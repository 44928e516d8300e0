// Population within reach, Hansen potential and the inverted 2SFCA per location.
#include "kernkompas/access/catchment.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "kernkompas/core/error.hpp"

namespace kk::access {

LocationCatchment location_catchment(const CatchmentInput& input, const CatchmentOptions& options) {
  const size_t n = input.location_count;
  const network::OdCostView& od = input.od;
  auto refuse = [](const std::string& why) { throw Error(ErrorCode::kInvalidArgument, "location_catchment: " + why); };
  if (!input.located.empty() && input.located.size() != n) refuse("located has the wrong length");
  if (!input.supplies.empty() && input.supplies.size() != n) refuse("supplies has the wrong length");
  if (od.origin.size() != od.destination.size() || od.origin.size() != od.cost.size()) refuse("cost columns differ in length");
  if (!(options.within >= 0)) refuse("within must be >= 0");
  for (double p : input.population) {
    if (!std::isfinite(p) || p < 0) refuse("a population is not finite or negative");
  }
  auto located = [&](size_t j) { return input.located.empty() || input.located[j] != 0; };
  auto supplies = [&](size_t j) { return located(j) && (input.supplies.empty() || input.supplies[j] != 0); };

  const double nan = std::numeric_limits<double>::quiet_NaN();
  LocationCatchment out;
  out.population_within.assign(n, nan);
  out.hansen.assign(n, nan);
  out.two_step.assign(n, nan);
  for (size_t j = 0; j < n; ++j) {
    if (located(j)) out.population_within[j] = 0.0;
  }
  // The suppliers, numbered 0, 1, ...; the cost list turned round: supplier -> demand point.
  std::vector<uint32_t> supplier(n, std::numeric_limits<uint32_t>::max());
  std::vector<uint32_t> location_of;
  for (size_t j = 0; j < n; ++j) {
    if (!supplies(j)) continue;
    supplier[j] = static_cast<uint32_t>(location_of.size());
    location_of.push_back(static_cast<uint32_t>(j));
  }
  std::vector<uint32_t> from, to;
  std::vector<double> cost;
  for (size_t p = 0; p < od.origin.size(); ++p) {
    const uint32_t k = od.origin[p], j = od.destination[p];
    if (k >= input.population.size() || j >= n) refuse("pair " + std::to_string(p) + " has an index out of range");
    if (!located(j)) continue;
    if (od.cost[p] <= options.within) out.population_within[j] += input.population[k];
    if (supplier[j] == std::numeric_limits<uint32_t>::max()) continue;
    from.push_back(supplier[j]);
    to.push_back(k);
    cost.push_back(od.cost[p]);
  }
  const network::OdCostView turned{from, to, cost};
  const std::vector<double> hansen =
      network::hansen_accessibility(location_of.size(), input.population, turned, options.decay);
  const std::vector<double> ones(location_of.size(), 1.0);
  const network::TwoStepResult two = network::two_step_fca(ones, input.population, turned, options.decay);
  for (size_t s = 0; s < location_of.size(); ++s) {
    out.hansen[location_of[s]] = hansen[s];
    out.two_step[location_of[s]] = two.accessibility[s];
  }
  return out;
}

}  // namespace kk::access
