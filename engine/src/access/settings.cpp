// The [accessibility] option table and the checks that turn it into AccessSettings.
#include "settings.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "kernkompas/core/error.hpp"
#include "kernkompas/core/sbi.hpp"

namespace kk::access {

const std::vector<OptionSpec>& option_specs() {
  static const std::vector<OptionSpec> kSpecs = {
      {.name = "method", .type = OptionType::kText, .default_value = std::string("auto"),
       .choices = {"auto", "network", "euclidean"},
       .doc = "auto: over the road network when [roads] is given, else straight-line distance x detour_factor"},
      {.name = "detour_factor", .type = OptionType::kReal, .default_value = 1.3, .min = 1, .max = 10,
       .doc = "euclidean method: road distance = straight-line distance x this factor"},
      {.name = "euclidean_speed_kmh", .type = OptionType::kReal, .default_value = 40.0, .min = 0, .max = 300,
       .min_exclusive = true, .unit = "km/h", .doc = "euclidean method: travel speed over the detoured distance"},
      {.name = "snap_limit_m", .type = OptionType::kReal, .default_value = 250.0, .min = 0, .max = 1e5,
       .unit = "m", .doc = "a point farther than this from every road is flagged (still used)"},
      {.name = "radii_km", .type = OptionType::kText, .default_value = std::string("1,3,5,10,20"),
       .none_allowed = true, .unit = "km",
       .doc = "count the facilities within these road distances, whole km separated by commas (none: no counts)"},
      {.name = "facility_types", .type = OptionType::kText, .default_value = std::string(""), .none_allowed = true,
       .doc = "facility types to measure, separated by commas; none: every type in the facility layer"},
      {.name = "metric", .type = OptionType::kText, .default_value = std::string("distance"),
       .choices = {"distance", "time"}, .doc = "the nearest facility is the one at the shortest distance or time"},
      {.name = "service_area_minutes", .type = OptionType::kText, .default_value = std::string("5,10,15"),
       .none_allowed = true, .unit = "min",
       .doc = "service areas reachable within these travel times, whole minutes (none: no service areas)"},
      {.name = "service_area_origins", .type = OptionType::kText, .default_value = std::string("kernen"),
       .doc = "service areas around each kern's centre (kernen) or around each facility of this type"},
      {.name = "service_area_band_m", .type = OptionType::kReal, .default_value = 50.0, .min = 0, .max = 5000,
       .min_exclusive = true, .unit = "m", .doc = "service-area polygons: the reached roads widened by this much on each side"},
      {.name = "catchment_min", .type = OptionType::kInteger, .default_value = int64_t{10}, .min = 1, .max = 600,
       .unit = "min", .doc = "population within this travel time of a location; the catchment of Hansen and 2SFCA"},
      {.name = "decay", .type = OptionType::kText, .default_value = std::string("step"),
       .choices = {"step", "gaussian", "exponential", "power", "zones"},
       .doc = "distance decay of Hansen and 2SFCA: step = classic 2SFCA, zones = enhanced 2SFCA"},
      {.name = "decay_beta", .type = OptionType::kReal, .default_value = 0.1, .min = 0, .max = 100,
       .doc = "exponential decay exp(-beta t), t in minutes; power decay t^-beta"},
      {.name = "decay_sigma_min", .type = OptionType::kReal, .default_value = 5.0, .min = 0, .max = 600,
       .min_exclusive = true, .unit = "min", .doc = "gaussian decay exp(-t^2 / (2 sigma^2))"},
      {.name = "zone_minutes", .type = OptionType::kText, .default_value = std::string("10,20,30"), .unit = "min",
       .doc = "decay = zones: upper bounds of the travel-time zones, ascending"},
      {.name = "zone_weights", .type = OptionType::kText, .default_value = std::string("1,0.68,0.22"),
       .doc = "decay = zones: the weight of each zone (Luo & Qi 2009)"},
      {.name = "supply_sections", .type = OptionType::kText, .default_value = std::string(""), .none_allowed = true,
       .doc = "SBI section letters of the locations that supply in Hansen and 2SFCA, e.g. \"G,I\"; none: every location"},
  };
  return kSpecs;
}

const char* method_name(Method method) { return method == Method::kNetwork ? "network" : "euclidean"; }

namespace {

// A bad option value is the configuration's fault (exit 1 on the command line), not a bug.
[[noreturn]] void refuse(std::string_view option, const std::string& why) {
  throw InputError(ErrorCode::kBadValue, "accessibility." + std::string(option) + ": " + why);
}

// "a,b,c" -> {"a", "b", "c"}, each trimmed of spaces; "" -> {}.
std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  if (text.find_first_not_of(' ') == std::string::npos) return parts;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(',', start), text.size());
    std::string part = text.substr(start, end - start);
    const size_t first = part.find_first_not_of(' ');
    const size_t last = part.find_last_not_of(' ');
    parts.push_back(first == std::string::npos ? std::string() : part.substr(first, last - first + 1));
    start = end + 1;
  }
  return parts;
}

std::vector<double> numbers(std::string_view option, const std::string& text) {
  std::vector<double> out;
  for (const std::string& part : split(text)) {
    char* end = nullptr;
    const double v = std::strtod(part.c_str(), &end);
    if (part.empty() || *end != '\0' || !std::isfinite(v)) refuse(option, "'" + part + "' is not a number in '" + text + "'");
    out.push_back(v);
  }
  return out;
}

// Whole numbers > 0, returned sorted and without repeats (they name columns).
std::vector<int64_t> whole_numbers(std::string_view option, const std::string& text, const char* unit) {
  std::vector<int64_t> out;
  for (double v : numbers(option, text)) {
    if (!(v > 0) || v != std::floor(v) || v > 1e6) {
      refuse(option, "'" + number_text(v) + "' is not a whole number of " + unit + " above 0 (they name columns)");
    }
    out.push_back(static_cast<int64_t>(v));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool names_a_column(const std::string& type) {
  return !type.empty() &&
         std::all_of(type.begin(), type.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

network::DistanceDecay read_decay(const OptionView& options, int64_t catchment_min) {
  network::DistanceDecay decay;
  const std::string& kind = options.text("decay");
  decay.catchment = static_cast<double>(catchment_min);
  decay.beta = options.real("decay_beta");
  decay.sigma = options.real("decay_sigma_min");
  if (kind == "step") decay.kind = network::DecayKind::kStep;
  if (kind == "gaussian") decay.kind = network::DecayKind::kGaussian;
  if (kind == "exponential") decay.kind = network::DecayKind::kExponential;
  if (kind == "power") decay.kind = network::DecayKind::kPower;
  if (kind == "zones") {
    decay.kind = network::DecayKind::kZones;
    decay.zone_upper = numbers("zone_minutes", options.text("zone_minutes"));
    decay.zone_weight = numbers("zone_weights", options.text("zone_weights"));
    if (decay.zone_upper.empty()) refuse("zone_minutes", "decay = zones needs at least one zone");
    if (decay.zone_upper.size() != decay.zone_weight.size()) {
      refuse("zone_weights", std::to_string(decay.zone_weight.size()) + " weights for " +
                                 std::to_string(decay.zone_upper.size()) + " zones in zone_minutes");
    }
    for (size_t k = 0; k < decay.zone_upper.size(); ++k) {
      if (!(decay.zone_upper[k] > (k == 0 ? 0.0 : decay.zone_upper[k - 1]))) {
        refuse("zone_minutes", "the bounds must be above 0 and ascending, got '" + options.text("zone_minutes") + "'");
      }
      if (!(decay.zone_weight[k] >= 0)) refuse("zone_weights", "weights must be >= 0, got '" + options.text("zone_weights") + "'");
    }
    // Luo & Qi's zones are the catchment: the last bound, not catchment_min.
    decay.catchment = decay.zone_upper.back();
  }
  return decay;
}

}  // namespace

std::vector<std::string> types_in_layer(const FacilityLayer& facilities) {
  std::set<std::string> types;
  for (const std::string& t : facilities.type) {
    if (!t.empty()) types.insert(t);
  }
  return {types.begin(), types.end()};
}

AccessSettings read_settings(const OptionView& options, const AnalysisInput& input) {
  AccessSettings s;
  const std::string& method = options.text("method");
  if (method == "network" && !input.roads) {
    refuse("method", "\"network\" needs a road network: give [roads] a path, or set method = \"auto\" or \"euclidean\"");
  }
  s.method = method == "euclidean" || (method == "auto" && !input.roads) ? Method::kEuclidean : Method::kNetwork;
  s.detour_factor = options.real("detour_factor");
  s.euclidean_speed_kmh = options.real("euclidean_speed_kmh");
  s.snap_limit_m = options.real("snap_limit_m");
  s.radii_km = whole_numbers("radii_km", options.text("radii_km"), "km");
  s.metric = options.text("metric") == "time" ? network::Metric::kTime : network::Metric::kDistance;

  static const std::vector<std::string> kNoTypes;
  const std::vector<std::string> present = input.facilities ? types_in_layer(*input.facilities) : kNoTypes;
  const std::string& listed = options.text("facility_types");
  s.facility_types = listed.empty() ? present : split(listed);
  std::set<std::string> seen;
  for (const std::string& type : s.facility_types) {
    if (!listed.empty() && std::find(present.begin(), present.end(), type) == present.end()) {
      refuse("facility_types", "no facility of type '" + type + "' in the facility layer");
    }
    if (!names_a_column(type)) {
      refuse("facility_types", "type '" + type +
                                   "' cannot name a column: use lower case a-z, 0-9 and _ (map the file's values in "
                                   "[facilities.types])");
    }
    if (!seen.insert(type).second) refuse("facility_types", "type '" + type + "' is listed twice");
  }

  s.service_area_minutes = whole_numbers("service_area_minutes", options.text("service_area_minutes"), "minutes");
  s.service_area_origins = options.text("service_area_origins");
  if (s.service_area_origins != "kernen" &&
      std::find(present.begin(), present.end(), s.service_area_origins) == present.end()) {
    refuse("service_area_origins",
           "'" + s.service_area_origins + "' is neither \"kernen\" nor a facility type in the facility layer");
  }
  s.service_area_band_m = options.real("service_area_band_m");
  s.catchment_min = options.integer("catchment_min");
  s.decay = read_decay(options, s.catchment_min);
  network::check_decay(s.decay);

  for (const std::string& part : split(options.text("supply_sections"))) {
    if (part.size() != 1 || std::find(kSbiSections.begin(), kSbiSections.end(), part[0]) == kSbiSections.end()) {
      refuse("supply_sections", "'" + part + "' is not an SBI section letter A-U (write e.g. \"G,I\")");
    }
    if (s.supply_sections.find(part[0]) == std::string::npos) s.supply_sections += part[0];
  }
  return s;
}

}  // namespace kk::access
