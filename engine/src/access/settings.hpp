// The [accessibility] options, read and checked once: lists parsed, names validated against
// the facility layer, the method decided. Errors name the option.
#pragma once

#include <string>
#include <vector>

#include "kernkompas/context.hpp"
#include "kernkompas/core/options.hpp"
#include "kernkompas/network/nearest_facility.hpp"
#include "kernkompas/network/two_step_fca.hpp"

namespace kk::access {

enum class Method : uint8_t { kNetwork, kEuclidean };

struct AccessSettings {
  Method method = Method::kEuclidean;
  double detour_factor = 1.3;
  double euclidean_speed_kmh = 40.0;
  double snap_limit_m = 250.0;
  std::vector<int64_t> radii_km;           // ascending, unique; empty = no counts
  std::vector<std::string> facility_types;  // each a column-name part [a-z0-9_]+
  network::Metric metric = network::Metric::kDistance;
  std::vector<int64_t> service_area_minutes;  // ascending, unique; empty = no service areas
  std::string service_area_origins;           // "kernen" or a facility type
  double service_area_band_m = 50.0;
  int64_t catchment_min = 10;
  // The decay of Hansen and 2SFCA, in minutes; its catchment is catchment_min, or the last
  // zone's bound for "zones".
  network::DistanceDecay decay;
  std::string supply_sections;  // SBI section letters; empty = every location supplies
};

// The option table of the family.
const std::vector<OptionSpec>& option_specs();

// "network" or "euclidean".
const char* method_name(Method method);

// Reads and checks the options against the inputs. Throws kk::Error (kInvalidArgument)
// naming the option: "accessibility.radii_km: ..." .
AccessSettings read_settings(const OptionView& options, const AnalysisInput& input);

// The facility types present in the layer (non-empty), sorted.
std::vector<std::string> types_in_layer(const FacilityLayer& facilities);

}  // namespace kk::access
