// The accessibility family: options ([accessibility]), when it applies, its columns and
// tables, and its terminal summary.
#include "kernkompas/access/family.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "kernkompas/access/catchment.hpp"
#include "kernkompas/access/kern_statistics.hpp"
#include "kernkompas/core/disclosure.hpp"
#include "kernkompas/core/sbi.hpp"
#include "kernkompas/core/text_table.hpp"
#include "demand.hpp"
#include "kern_centres.hpp"
#include "proximity.hpp"
#include "service_area_table.hpp"
#include "settings.hpp"

namespace kk::access {
namespace {

bool applies(const RunContext& context, const OptionView&) {
  return context.input.facilities && context.input.facilities->size() > 0 && context.input.locations.size() > 0;
}

// How the distances were measured, for the column descriptions.
std::string how(const AccessSettings& s) {
  if (s.method == Method::kNetwork) return "over the road network";
  return "straight line x " + number_text(s.detour_factor) + " (euclidean), at " + number_text(s.euclidean_speed_kmh) +
         " km/h";
}

// Kern columns built on some of the kern's locations, withheld together by the shared count
// rule (kk::suppress_cells) and flagged in their own column: the kern table's `suppressed`
// belongs to the vacancy columns.
struct KernGroup {
  Table columns;
  std::vector<int64_t> units;  // per row, the locations the values are taken over
};

void append_withheld(const KernGroup& group, const DisclosureSettings& disclosure, const std::string& flag,
                     std::string_view unit_noun, Table& kern) {
  if (group.columns.columns().empty()) return;
  Table t = group.columns;
  CellRisk risk;
  risk.units = group.units;
  suppress_cells(t, risk, disclosure, {}, unit_noun);
  for (Column column : t.columns()) {
    if (column.name == "suppression_kind") continue;  // always primary here
    if (column.name == "suppressed") {
      column.name = flag;
      column.description = "1 when this row's accessibility values on " + std::string(unit_noun) +
                           " are withheld (disclosure control): fewer than " + std::to_string(disclosure.k) + " " +
                           std::string(unit_noun);
    }
    kern.add_column(std::move(column));
  }
}

std::vector<double> column_of(const TypeValues& v, size_t radius, size_t radii) {
  std::vector<double> out(v.km.size());
  for (size_t i = 0; i < out.size(); ++i) out[i] = v.counts[i * radii + radius];
  return out;
}

// What the steps of one run share: the settings, each location's kern row, the snapped points
// and the kern centres (built on first use).
struct Scope {
  const RunContext& context;
  const AccessSettings& s;
  const LocationLayer& l;
  const FacilityLayer& f;
  size_t rows;                // kern table rows: the kernen, then buitengebied
  std::vector<uint32_t> row;  // per location; kNoRow without coordinates
  std::map<std::string, std::vector<uint32_t>> of_type;  // facilities with coordinates, by type
  network::SnapOptions snap;
  std::optional<network::SnappedPoints> locations_on_roads, facilities_on_roads;  // network only
  std::string measured;  // "over the road network" or the straight-line rule
  std::optional<Points> centres;

  bool on_roads() const { return s.method == Method::kNetwork; }
  Straight straight() const { return {s.detour_factor, s.euclidean_speed_kmh}; }
  const Points& kern_centre_points() {
    if (!centres) centres = kern_centres(context.input.kernen.geometry);
    return *centres;
  }
};

Scope make_scope(const RunContext& context, const AccessSettings& s) {
  const AnalysisInput& input = context.input;
  Scope scope{context, s, input.locations, *input.facilities, input.kernen.size() + 1, {}, {}, {}, {}, {}, how(s), {}};
  const LocationLayer& l = input.locations;
  scope.row.assign(l.size(), kNoRow);
  for (size_t i = 0; i < l.size(); ++i) {
    if (std::isfinite(l.x[i]) && std::isfinite(l.y[i])) {
      scope.row[i] = static_cast<uint32_t>(assign::kern_row(context.assignment.kern[i], input.kernen.size()));
    }
  }
  const FacilityLayer& f = *input.facilities;
  for (uint32_t j = 0; j < f.size(); ++j) {
    if (std::isfinite(f.x[j]) && std::isfinite(f.y[j])) scope.of_type[f.type[j]].push_back(j);
  }
  scope.snap.max_distance_m = s.snap_limit_m;
  scope.snap.threads = context.execution.threads;
  return scope;
}

// Snaps the locations and facilities once; the snap columns of the location layer.
void snap_to_roads(Scope& scope, Table& located) {
  report_progress(scope.context.execution.progress, "accessibility: snapping to the roads", 0.0);
  const network::LinkIndex& index = scope.context.road_index.get();
  const network::SnappedPoints& on = scope.locations_on_roads.emplace(index.snap(scope.l.x, scope.l.y, scope.snap));
  scope.facilities_on_roads = index.snap(scope.f.x, scope.f.y, scope.snap);
  std::vector<int64_t> beyond(on.size());
  for (size_t i = 0; i < on.size(); ++i) beyond[i] = on.link[i] == network::kNoLink ? kNullInteger : on.beyond_limit[i];
  located.add_real("access_snap_m", on.distance_m, "m",
                   "straight-line distance from the location to the nearest road (added to every path)");
  located.add_integer("access_snap_beyond_limit", std::move(beyond), "",
                      "1 when the nearest road is farther than accessibility.snap_limit_m (still used)");
}

// Per facility type: distance, time and counts per location, and their kern summaries.
void add_proximity(Scope& scope, Table& located, Table& kern_columns) {
  const AccessSettings& s = scope.s;
  const std::string method = method_name(s.method);
  std::vector<double> radii_m;
  for (int64_t r : s.radii_km) radii_m.push_back(static_cast<double>(r) * 1000.0);
  for (size_t t = 0; t < s.facility_types.size(); ++t) {
    const std::string& type = s.facility_types[t];
    report_progress(scope.context.execution.progress, "accessibility: nearest " + type,
                    static_cast<double>(t) / static_cast<double>(s.facility_types.size()));
    const std::vector<uint32_t>& members = scope.of_type[type];
    TypeValues v;
    if (scope.on_roads()) {
      v = network_values(*scope.context.input.roads, *scope.locations_on_roads, subset(*scope.facilities_on_roads, members),
                         radii_m, s.metric, scope.context.execution.threads, scope.context.execution.progress);
    } else {
      std::vector<double> fx, fy;
      for (uint32_t j : members) {
        fx.push_back(scope.f.x[j]);
        fy.push_back(scope.f.y[j]);
      }
      v = euclidean_values(scope.l.x, scope.l.y, fx, fy, radii_m, scope.straight());
    }
    const std::string prefix = "access_" + type + "_";
    const std::string& measured = scope.measured;
    const RowSummary km = summarize_per_row(v.km, scope.row, scope.rows);
    const RowSummary min = summarize_per_row(v.min, scope.row, scope.rows);
    kern_columns.add_real(prefix + "mean_km", km.mean, "km",
                          "mean distance " + measured + " from the kern's locations to the nearest " + type);
    kern_columns.add_real(prefix + "median_km", km.median, "km", "median distance " + measured + " to the nearest " + type);
    kern_columns.add_real(prefix + "mean_min", min.mean, "min", "mean travel time " + measured + " to the nearest " + type);
    kern_columns.add_integer(prefix + "unreachable", km.missing, "",
                             "the kern's locations that reach no " + type + " (" + method + ")");
    located.add_real(prefix + "km", v.km, "km",
                     "distance " + measured + " to the nearest " + type + "; empty when none is reached");
    located.add_real(prefix + "min", v.min, "min", "travel time " + measured + " to the nearest " + type);
    for (size_t r = 0; r < radii_m.size(); ++r) {
      const std::string within = std::to_string(s.radii_km[r]) + " km " + measured;
      const std::string name = prefix + "within_" + std::to_string(s.radii_km[r]) + "km";
      std::vector<double> counts = column_of(v, r, radii_m.size());
      kern_columns.add_real(name, summarize_per_row(counts, scope.row, scope.rows).mean, "",
                            "mean number of facilities of type " + type + " within " + within);
      located.add_real(name, std::move(counts), "", "facilities of type " + type + " within " + within);
    }
  }
}

// 1 for the locations that supply in Hansen and 2SFCA (those of supply_sections, or all).
std::vector<uint8_t> suppliers(const LocationLayer& l, const std::string& sections) {
  std::vector<uint8_t> supplies(l.size(), 1);
  if (sections.empty()) return supplies;
  for (size_t i = 0; i < l.size(); ++i) {
    const std::optional<char> section = i < l.sbi.size() ? sbi_section(l.sbi[i]) : std::nullopt;
    supplies[i] = section && sections.find(*section) != std::string::npos;
  }
  return supplies;
}

// Population within the catchment, Hansen and 2SFCA per location, and their kern means: the
// population within over every location (`by_location`), Hansen and 2SFCA over the supplying
// ones (`by_supplier`). Nothing without a population.
void add_catchment(Scope& scope, Table& located, KernGroup& by_location, KernGroup& by_supplier) {
  const AnalysisInput& input = scope.context.input;
  const AccessSettings& s = scope.s;
  const LocationLayer& l = scope.l;
  const bool kern_population = std::any_of(input.kernen.population.begin(), input.kernen.population.end(),
                                           [](double p) { return !std::isnan(p); });
  if (!input.population && !kern_population) return;
  static const Points kNone;
  const std::optional<Demand> demand = demand_points(input, input.population ? kNone : scope.kern_centre_points());
  if (!demand) return;
  report_progress(scope.context.execution.progress, "accessibility: population in reach", 0.0);

  const double reach_min = std::max(static_cast<double>(s.catchment_min), s.decay.catchment);
  MinuteCosts costs;
  std::vector<uint8_t> is_located(l.size());
  if (scope.on_roads()) {
    const network::SnappedPoints demand_on_roads = scope.context.road_index.get().snap(demand->x, demand->y, scope.snap);
    costs = network_minutes(*input.roads, demand_on_roads, *scope.locations_on_roads, reach_min,
                            scope.context.execution.threads, scope.context.execution.progress);
    for (size_t i = 0; i < l.size(); ++i) is_located[i] = scope.locations_on_roads->link[i] != network::kNoLink;
  } else {
    costs = straight_minutes(*demand, l.x, l.y, reach_min, scope.straight());
    for (size_t i = 0; i < l.size(); ++i) is_located[i] = scope.row[i] != kNoRow;
  }
  const std::vector<uint8_t> supplies = suppliers(l, s.supply_sections);
  CatchmentInput in;
  in.location_count = l.size();
  in.located = is_located;
  in.supplies = supplies;
  in.population = demand->inhabitants;
  in.od = {costs.demand, costs.location, costs.minutes};
  CatchmentOptions options;
  options.within = static_cast<double>(s.catchment_min);
  options.decay = s.decay;
  const LocationCatchment c = location_catchment(in, options);

  const std::string minutes = std::to_string(s.catchment_min) + " min";
  const std::string within = "access_population_within_" + std::to_string(s.catchment_min) + "min";
  const std::string whose = " (inhabitants from " + demand->source + ", travel " + scope.measured + ")";
  by_location.columns.add_real(within, summarize_per_row(c.population_within, scope.row, scope.rows).mean, "",
                               "mean over the kern's locations of the inhabitants within " + minutes + whose);
  located.add_real(within, c.population_within, "", "inhabitants within " + minutes + whose);
  located.add_real("access_hansen", c.hansen, "",
                   "Hansen potential: inhabitants weighted by accessibility.decay" + whose + "; supplying locations only");
  located.add_real("access_2sfca", c.two_step, "",
                   "2SFCA share of the inhabitants in reach, competition with the other supplying locations taken "
                   "into account" + whose + "; supplying locations only");

  std::vector<uint32_t> supplier_row(l.size(), kNoRow);
  by_supplier.units.assign(scope.rows, 0);
  for (size_t i = 0; i < l.size(); ++i) {
    if (!supplies[i]) continue;
    ++by_supplier.units[assign::kern_row(scope.context.assignment.kern[i], input.kernen.size())];
    supplier_row[i] = scope.row[i];
  }
  by_supplier.columns.add_real("access_hansen_mean", summarize_per_row(c.hansen, supplier_row, scope.rows).mean, "",
                               "mean Hansen potential of the kern's supplying locations" + whose);
  by_supplier.columns.add_real("access_2sfca_mean", summarize_per_row(c.two_step, supplier_row, scope.rows).mean, "",
                               "mean 2SFCA share of the inhabitants of the kern's supplying locations" + whose);
}

// The service_area table from the kern centres or the facilities of one type (network only).
NamedTable service_areas_of(Scope& scope) {
  const AccessSettings& s = scope.s;
  const KernLayer& kernen = scope.context.input.kernen;
  ServiceAreaOrigins origins;
  if (s.service_area_origins == "kernen") {
    origins.points = scope.kern_centre_points();
    for (size_t k = 0; k < kernen.size(); ++k) {
      origins.kind.emplace_back("kern");
      origins.code.push_back(kernen.code[k]);
      origins.name.push_back(kernen.name[k]);
    }
  } else {
    const std::vector<uint32_t>& members = scope.of_type[s.service_area_origins];
    for (size_t n = 0; n < members.size(); ++n) {
      const uint32_t j = members[n];
      origins.points.x.push_back(scope.f.x[j]);
      origins.points.y.push_back(scope.f.y[j]);
      origins.kind.push_back(s.service_area_origins);
      // Facility ids may be empty: then the type and its position among its type.
      origins.code.push_back(scope.f.id[j].empty() ? s.service_area_origins + "_" + std::to_string(n + 1) : scope.f.id[j]);
      origins.name.push_back(scope.f.name[j]);
    }
  }
  return service_area_table(*scope.context.input.roads, scope.context.road_index.get(), origins,
                            {s.service_area_minutes, s.service_area_band_m, s.snap_limit_m},
                            scope.context.execution.progress);
}

// The facilities of the computed types with their positions: public places (stations, ramps,
// stops) that maps draw beside the kern values; with roads, how far each lies from the road.
NamedTable facility_table(const Scope& scope) {
  std::vector<std::string> id, type, name;
  std::vector<double> x, y, snap_m;
  for (const std::string& t : scope.s.facility_types) {
    const auto members = scope.of_type.find(t);
    if (members == scope.of_type.end()) continue;
    for (size_t n = 0; n < members->second.size(); ++n) {
      const uint32_t j = members->second[n];
      id.push_back(scope.f.id[j].empty() ? t + "_" + std::to_string(n + 1) : scope.f.id[j]);
      type.push_back(t);
      name.push_back(scope.f.name[j]);
      x.push_back(scope.f.x[j]);
      y.push_back(scope.f.y[j]);
      snap_m.push_back(scope.facilities_on_roads ? scope.facilities_on_roads->distance_m[j] : std::nan(""));
    }
  }
  NamedTable named{"access_facility", {}, std::nullopt, "facility", {"facility_id"}};
  Table& table = named.table;
  table.add_text("facility_id", std::move(id), "the facility's id, or its type and number within the type");
  table.add_text("facility_type", std::move(type), "facility type as configured (accessibility.facility_types)");
  table.add_text("facility_name", std::move(name), "the facility's name");
  table.add_real("x", std::move(x), "m", "position in the working CRS");
  table.add_real("y", std::move(y), "m", "position in the working CRS");
  table.add_real("snap_m", std::move(snap_m), "m",
                 "distance from the facility to the nearest road (added to every path); empty without roads");
  return named;
}

void run(const RunContext& context, const OptionView& view, AnalysisResult& result) {
  const AccessSettings s = read_settings(view, context.input);
  Scope scope = make_scope(context, s);
  Table& located = result.location_columns;
  if (scope.on_roads()) snap_to_roads(scope, located);
  KernGroup by_location, by_supplier;
  by_location.units = context.assignment.count_per_kern;
  add_proximity(scope, located, by_location.columns);
  add_catchment(scope, located, by_location, by_supplier);

  Table& kern = result.kern_table();
  kern.add_text("access_method", std::vector<std::string>(scope.rows, method_name(s.method)),
                "how the accessibility columns were measured: network (over the roads) or euclidean (straight line x "
                "detour factor)");
  append_withheld(by_location, context.disclosure, "access_suppressed", "locations", kern);
  if (!by_supplier.units.empty()) {
    append_withheld(by_supplier, context.disclosure, "access_supply_suppressed", "supplying locations", kern);
  }
  result.tables.push_back(facility_table(scope));
  if (s.service_area_minutes.empty()) return;
  if (!scope.on_roads()) {
    result.notes.push_back("accessibility: no service areas without a road network (method euclidean)");
    return;
  }
  report_progress(context.execution.progress, "accessibility: service areas", 0.0);
  result.tables.push_back(service_areas_of(scope));
}

// Per facility type, the kern worst off by the mean distance of its locations.
void summarize(const AnalysisResult& result, const Settings&, std::ostream& out) {
  const Table& t = result.kern_indicators();
  const Column* method = t.find("access_method");
  if (method == nullptr || t.row_count() == 0) return;
  out << "\nAccessibility (" << method->texts[0]
      << "): per facility type, the kern whose locations are farthest from it on average\n\n";
  TextTable table({{"facility type", 16, false}, {"kern worst off", 22, false}, {"mean km", 8, true},
                   {"median km", 10, true}, {"mean min", 9, true}, {"unreachable", 12, true}});
  const std::string_view suffix = "_mean_km";
  const auto& names = t.at("kern_name").texts;
  for (const Column& column : t.columns()) {
    const std::string& name = column.name;
    if (name.rfind("access_", 0) != 0 || name.size() <= 7 + suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    const std::string type = name.substr(7, name.size() - 7 - suffix.size());
    const std::string prefix = "access_" + type + "_";
    // Kernen only: buitengebied (the last row) is not a kern.
    size_t worst = t.row_count();
    for (size_t r = 0; r + 1 < t.row_count(); ++r) {
      if (!std::isnan(column.reals[r]) && (worst == t.row_count() || column.reals[r] > column.reals[worst])) worst = r;
    }
    if (worst == t.row_count()) {
      table.add_row({type, "-", "-", "-", "-", "-"});
      continue;
    }
    // The worst kern's own count: a total over the kernen would give away a withheld row.
    table.add_row({type, names[worst], fixed(column.reals[worst], 2), fixed(t.at(prefix + "median_km").reals[worst], 2),
                   fixed(t.at(prefix + "mean_min").reals[worst], 1),
                   std::to_string(t.at(prefix + "unreachable").integers[worst])});
  }
  table.print(out);
  if (const NamedTable* areas = result.find_named("service_area")) {
    out << "\nService areas: " << areas->table.row_count() << " polygons (table service_area)\n";
  }
}

}  // namespace

const Family& accessibility_family() {
  static const Family kFamily{"accessibility",
                              "distance and travel time to facilities, proximity per kern, population in reach, "
                              "service areas",
                              option_specs(), applies, run, summarize};
  return kFamily;
}

}  // namespace kk::access
