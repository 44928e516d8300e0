// Nearest facility for every origin: one multi-source Dijkstra from the facilities over the
// reversed graph gives every node its cost *to* the nearest facility; each origin then adds the
// stretch of its own link to an end node it may drive to, or drives straight to a facility on
// the same link.
#include "kernkompas/network/nearest_facility.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include "../stats/parallel.hpp"
#include "search.hpp"

namespace kk::network {

using detail::Label;

NearestFacilityResult nearest_facility(const RoadNetwork& network, const SnappedPoints& origins,
                                       const SnappedPoints& facilities, const NearestFacilityOptions& options) {
  detail::check_snapped(network, origins, "origin");
  detail::check_snapped(network, facilities, "facility");
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  const size_t n = origins.size();
  NearestFacilityResult result;
  result.facility.assign(n, kNoFacility);
  result.distance_m.assign(n, kNaN);
  result.time_s.assign(n, kNaN);

  const bool add_snap = options.cost.add_snap_distance;
  const auto connector = [&](const SnappedPoints& p, size_t i) {
    return add_snap ? detail::along_link(network, p.link[i], p.distance_m[i]) : Label{0.0, 0.0};
  };

  // Seeds: the nodes from which each facility is reached along its own link.
  detail::Search search(network, options.cost.metric, /*reversed=*/true);
  for (uint32_t j = 0; j < facilities.size(); ++j) {
    if (facilities.link[j] == kNoLink) continue;
    const Label c = connector(facilities, j);
    const detail::Steps steps = detail::enter_point(network, facilities.link[j], facilities.offset_m[j]);
    for (int s = 0; s < steps.count; ++s) {
      const detail::Step& st = steps.step[s];
      search.seed(st.node, {st.length_m + c.length_m, st.time_s + c.time_s, j});
    }
  }
  report_progress(options.progress, "nearest facility", 0.0);
  search.run(detail::kInf, &options.progress, "nearest facility");

  const detail::LabelOrder& order = search.order();
  const detail::PointsByLink facilities_on(network, facilities);
  const unsigned threads = options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
  // Each origin writes only its own entries: blocks of origins run on any thread.
  stats::detail::parallel_blocks(n, 16384, threads, {}, "nearest facility", [&](size_t begin, size_t end, unsigned) {
    for (size_t i = begin; i < end; ++i) {
      const uint32_t link = origins.link[i];
      if (link == kNoLink) continue;
      Label best;
      const detail::Steps steps = detail::leave_point(network, link, origins.offset_m[i]);
      for (int s = 0; s < steps.count; ++s) {
        const detail::Step& st = steps.step[s];
        const Label& beyond = search.label(st.node);
        if (beyond.source == detail::kNone) continue;
        const Label candidate{st.length_m + beyond.length_m, st.time_s + beyond.time_s, beyond.source};
        if (order.less(candidate, best)) best = candidate;
      }
      for (const uint32_t j : facilities_on.on(link)) {
        const Label direct = detail::along(network, link, origins.offset_m[i], facilities.offset_m[j]);
        if (std::isinf(direct.length_m)) continue;  // the link's direction forbids it
        const Label c = connector(facilities, j);
        const Label candidate{direct.length_m + c.length_m, direct.time_s + c.time_s, j};
        if (order.less(candidate, best)) best = candidate;
      }
      if (best.source == detail::kNone) continue;
      const Label c = connector(origins, i);
      result.facility[i] = best.source;
      result.distance_m[i] = best.length_m + c.length_m;
      result.time_s[i] = best.time_s + c.time_s;
    }
  });
  report_progress(options.progress, "nearest facility", 1.0);
  return result;
}

}  // namespace kk::network
