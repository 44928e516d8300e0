// Hansen gravity accessibility and (enhanced) 2SFCA on a sparse cost list.
#include "kernkompas/network/two_step_fca.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "kernkompas/core/error.hpp"

namespace kk::network {
namespace {

void require(bool ok, const std::string& message) {
  if (!ok) throw Error(ErrorCode::kInvalidArgument, "accessibility: " + message);
}

void check_amounts(std::span<const double> values, const char* what) {
  for (size_t i = 0; i < values.size(); ++i) {
    require(std::isfinite(values[i]) && values[i] >= 0.0,
            std::string(what) + " " + std::to_string(i) + " must be finite and >= 0, got " + std::to_string(values[i]));
  }
}

void check_od(const OdCostView& od, size_t demand_count, size_t supply_count) {
  require(od.origin.size() == od.destination.size() && od.origin.size() == od.cost.size(),
          "origin, destination and cost columns differ in length");
  for (size_t p = 0; p < od.cost.size(); ++p) {
    const std::string where = "pair " + std::to_string(p) + ": ";
    require(od.origin[p] < demand_count, where + "demand index " + std::to_string(od.origin[p]) + " out of range");
    require(od.destination[p] < supply_count,
            where + "supply index " + std::to_string(od.destination[p]) + " out of range");
    require(od.cost[p] >= 0.0, where + "cost must be >= 0, got " + std::to_string(od.cost[p]));
  }
}

}  // namespace

void check_decay(const DistanceDecay& d) {
  require(d.catchment > 0.0, "catchment must be > 0");
  require(std::isfinite(d.beta) && d.beta >= 0.0, "decay beta must be finite and >= 0");
  require(std::isfinite(d.sigma) && d.sigma > 0.0, "decay sigma must be finite and > 0");
  require(std::isfinite(d.min_cost) && d.min_cost > 0.0, "decay min_cost must be finite and > 0");
  require(static_cast<uint8_t>(d.kind) <= static_cast<uint8_t>(DecayKind::kZones), "unknown decay kind");
  if (d.kind != DecayKind::kZones) return;
  require(!d.zone_upper.empty() && d.zone_upper.size() == d.zone_weight.size(),
          "zones need as many weights as upper bounds, and at least one");
  for (size_t k = 0; k < d.zone_upper.size(); ++k) {
    require(std::isfinite(d.zone_upper[k]) && d.zone_upper[k] > 0.0 && (k == 0 || d.zone_upper[k] > d.zone_upper[k - 1]),
            "zone upper bound " + std::to_string(k) + " must be finite, > 0 and above the previous one");
    require(std::isfinite(d.zone_weight[k]) && d.zone_weight[k] >= 0.0,
            "zone weight " + std::to_string(k) + " must be finite and >= 0");
  }
}

double decay_weight(const DistanceDecay& d, double cost) {
  if (!(cost <= d.catchment)) return 0.0;
  switch (d.kind) {
    case DecayKind::kStep:
      return 1.0;
    case DecayKind::kGaussian:
      return std::exp(-cost * cost / (2.0 * d.sigma * d.sigma));
    case DecayKind::kExponential:
      return std::exp(-d.beta * cost);
    case DecayKind::kPower:
      return std::pow(std::max(cost, d.min_cost), -d.beta);
    case DecayKind::kZones: {
      const auto zone = std::lower_bound(d.zone_upper.begin(), d.zone_upper.end(), cost);
      return zone == d.zone_upper.end() ? 0.0 : d.zone_weight[static_cast<size_t>(zone - d.zone_upper.begin())];
    }
  }
  return 0.0;
}

std::vector<double> hansen_accessibility(size_t demand_count, std::span<const double> supply, const OdCostView& od,
                                         const DistanceDecay& decay) {
  check_decay(decay);
  check_amounts(supply, "supply");
  check_od(od, demand_count, supply.size());
  std::vector<double> access(demand_count, 0.0);
  for (size_t p = 0; p < od.cost.size(); ++p) {
    access[od.origin[p]] += supply[od.destination[p]] * decay_weight(decay, od.cost[p]);
  }
  return access;
}

TwoStepResult two_step_fca(std::span<const double> population, std::span<const double> supply, const OdCostView& od,
                           const DistanceDecay& decay) {
  check_decay(decay);
  check_amounts(population, "population");
  check_amounts(supply, "supply");
  check_od(od, population.size(), supply.size());
  // Step 1: each supply point's share per weighted head of the demand in its catchment.
  std::vector<double> weighted_demand(supply.size(), 0.0);
  for (size_t p = 0; p < od.cost.size(); ++p) {
    weighted_demand[od.destination[p]] += population[od.origin[p]] * decay_weight(decay, od.cost[p]);
  }
  TwoStepResult out;
  out.supply_ratio.resize(supply.size());
  for (size_t j = 0; j < supply.size(); ++j) {
    out.supply_ratio[j] = weighted_demand[j] > 0.0 ? supply[j] / weighted_demand[j] : std::nan("");
  }
  // Step 2: each demand point sums the ratios of the supply in its catchment, weighted again.
  out.accessibility.assign(population.size(), 0.0);
  for (size_t p = 0; p < od.cost.size(); ++p) {
    const double ratio = out.supply_ratio[od.destination[p]];
    if (std::isnan(ratio)) continue;
    out.accessibility[od.origin[p]] += ratio * decay_weight(decay, od.cost[p]);
  }
  return out;
}

}  // namespace kk::network
