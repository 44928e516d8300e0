// Service areas as a table with polygons.
#include "service_area_table.hpp"

#include <cmath>

#include "kernkompas/network/service_area.hpp"

namespace kk::access {

NamedTable service_area_table(const network::RoadNetwork& roads, const network::LinkIndex& index,
                              const ServiceAreaOrigins& origins, const ServiceAreaRequest& request,
                              const ProgressCallback& progress) {
  network::SnapOptions snap;
  snap.max_distance_m = request.snap_limit_m;
  const network::SnappedPoints snapped = index.snap(origins.points.x, origins.points.y, snap);
  network::ServiceAreaOptions options;
  options.metric = network::Metric::kTime;
  for (int64_t m : request.minutes) options.limits.push_back(static_cast<double>(m) * 60.0);
  options.band_m = request.band_m;
  options.progress = progress;
  network::ServiceAreas areas = network::service_areas(roads, snapped, options);

  std::vector<std::string> kind, code, name, method;
  std::vector<int64_t> minutes;
  std::vector<double> area;
  for (size_t r = 0; r < areas.origin.size(); ++r) {
    const uint32_t o = areas.origin[r];
    kind.push_back(origins.kind[o]);
    code.push_back(origins.code[o]);
    name.push_back(origins.name[o]);
    minutes.push_back(std::llround(areas.limit[r] / 60.0));
    area.push_back(geometry::feature_area(areas.polygons, r) / 1e6);
    method.emplace_back("network");
  }
  Table t;
  t.add_text("origin_kind", std::move(kind), "\"kern\" (the kern's centre) or the facility type");
  t.add_text("origin_code", std::move(code), "kern code or facility id");
  t.add_text("origin_name", std::move(name));
  t.add_integer("minutes", std::move(minutes), "min", "travel time limit over the road network");
  t.add_real("area_km2", std::move(area), "km2", "area of the reached roads widened by the band");
  t.add_text("method", std::move(method), "always \"network\": service areas need a road network");
  return NamedTable{"service_area", std::move(t), std::move(areas.polygons), "service_area", {"origin_code", "minutes"}};
}

}  // namespace kk::access
