// Facilities within a network cost and origin-destination costs: one bounded Dijkstra per
// point of the smaller side (see reach.hpp for why that side).
#include "kernkompas/network/reach.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <string>
#include <thread>
#include <utility>

#include "../stats/parallel.hpp"
#include "kernkompas/core/error.hpp"
#include "search.hpp"

namespace kk::network {
namespace {

using detail::Label;

size_t on_network(const SnappedPoints& p) {
  return static_cast<size_t>(std::count_if(p.link.begin(), p.link.end(), [](uint32_t e) { return e != kNoLink; }));
}

unsigned resolve_threads(unsigned threads) {
  return threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
}

// One worker's search state: labels over the whole graph and a per-link mark, reset between
// searches by what each search touched.
struct Worker {
  Worker(const RoadNetwork& net, Metric metric, bool reversed)
      : search(net, metric, reversed), scanned_for(net.link_count(), detail::kNone) {}
  detail::Search search;
  std::vector<uint32_t> scanned_for;
};

// Calls visit(worker, origin, destination, cost) once for every pair whose cost (origin ->
// destination, in the chosen metric) is <= bound. The searches are spread over the threads;
// visit is called from worker `worker` only, so it may write to per-worker state without locks.
template <class Visit>
void scan_pairs(const RoadNetwork& net, const SnappedPoints& origins, const SnappedPoints& destinations, double bound,
                const ReachOptions& options, unsigned threads, Visit&& visit) {
  detail::check_snapped(net, origins, "origin");
  detail::check_snapped(net, destinations, "destination");
  // Searching from a destination runs over the reversed graph: costs *to* it.
  const bool from_destinations = on_network(destinations) <= on_network(origins);
  const SnappedPoints& sources = from_destinations ? destinations : origins;
  const SnappedPoints& targets = from_destinations ? origins : destinations;
  const bool add_snap = options.cost.add_snap_distance;
  const auto connector = [&](const SnappedPoints& p, size_t i) {
    return add_snap ? detail::along_link(net, p.link[i], p.distance_m[i]) : Label{0.0, 0.0};
  };
  const detail::LabelOrder order(options.cost.metric);
  const detail::PointsByLink targets_on(net, targets);
  // Built by each worker on first use, on its own thread.
  std::vector<std::unique_ptr<Worker>> workers(threads);

  const auto search_from = [&](uint32_t s, unsigned w) {
    const uint32_t source_link = sources.link[s];
    if (source_link == kNoLink) return;
    if (!workers[w]) workers[w] = std::make_unique<Worker>(net, options.cost.metric, from_destinations);
    detail::Search& search = workers[w]->search;
    std::vector<uint32_t>& scanned_for = workers[w]->scanned_for;
    const double source_offset = sources.offset_m[s];
    const Label cs = connector(sources, s);
    const detail::Steps seeds = from_destinations ? detail::enter_point(net, source_link, source_offset)
                                                  : detail::leave_point(net, source_link, source_offset);
    for (int k = 0; k < seeds.count; ++k) {
      const detail::Step& st = seeds.step[k];
      search.seed(st.node, {st.length_m + cs.length_m, st.time_s + cs.time_s, s});
    }
    search.run(bound);

    // The targets on every link the search touched: from a reached end node along the link,
    // or straight along the source's own link.
    const auto scan_link = [&](uint32_t e) {
      if (scanned_for[e] == s) return;
      scanned_for[e] = s;
      for (const uint32_t t : targets_on.on(e)) {
        const double target_offset = targets.offset_m[t];
        Label best;
        const detail::Steps steps = from_destinations ? detail::leave_point(net, e, target_offset)
                                                      : detail::enter_point(net, e, target_offset);
        for (int k = 0; k < steps.count; ++k) {
          const Label& at = search.label(steps.step[k].node);
          const Label candidate{at.length_m + steps.step[k].length_m, at.time_s + steps.step[k].time_s, 0};
          if (order.less(candidate, best)) best = candidate;
        }
        if (e == source_link) {
          const Label direct = from_destinations ? detail::along(net, e, target_offset, source_offset)
                                                 : detail::along(net, e, source_offset, target_offset);
          const Label candidate{direct.length_m + cs.length_m, direct.time_s + cs.time_s, 0};
          if (order.less(candidate, best)) best = candidate;
        }
        const Label ct = connector(targets, t);
        const Label cost{best.length_m + ct.length_m, best.time_s + ct.time_s, 0};
        if (!(order.primary(cost) <= bound)) continue;
        if (from_destinations) {
          visit(w, t, s, cost);
        } else {
          visit(w, s, t, cost);
        }
      }
    };
    scan_link(source_link);
    for (const uint32_t u : search.touched()) {
      for (const Arc& arc : net.out_arcs(u)) scan_link(arc.link);
      for (const Arc& arc : net.in_arcs(u)) scan_link(arc.link);
    }
    search.reset();
  };

  report_progress(options.progress, "network reach", 0.0);
  // One search per block: a search is far more work than handing out a block.
  stats::detail::parallel_blocks(sources.size(), 1, threads, options.progress, "network reach",
                                 [&](size_t begin, size_t end, unsigned w) {
                                   for (size_t s = begin; s < end; ++s) search_from(static_cast<uint32_t>(s), w);
                                 });
}

}  // namespace

FacilityCounts count_facilities_within(const RoadNetwork& network, const SnappedPoints& origins,
                                       const SnappedPoints& facilities, std::span<const double> thresholds,
                                       const ReachOptions& options) {
  detail::check_thresholds(thresholds, "facility counts");
  const size_t width = thresholds.size();
  FacilityCounts out;
  out.thresholds.assign(thresholds.begin(), thresholds.end());
  out.counts.assign(origins.size() * width, 0.0);
  for (size_t i = 0; i < origins.link.size(); ++i) {
    if (origins.link[i] == kNoLink) {
      std::fill_n(out.counts.begin() + static_cast<std::ptrdiff_t>(i * width), width,
                  std::numeric_limits<double>::quiet_NaN());
    }
  }
  // Per origin and threshold, the pairs whose first fitting threshold it is, counted with
  // atomic increments: integer sums, so the same whatever the order or the thread count.
  std::vector<uint32_t> first_fit(origins.size() * width, 0);
  const detail::LabelOrder order(options.cost.metric);
  scan_pairs(network, origins, facilities, thresholds.back(), options, resolve_threads(options.threads),
             [&](unsigned, uint32_t i, uint32_t, const Label& cost) {
               const auto first = std::lower_bound(thresholds.begin(), thresholds.end(), order.primary(cost));
               const auto k = static_cast<size_t>(first - thresholds.begin());
               std::atomic_ref<uint32_t>(first_fit[i * width + k]).fetch_add(1, std::memory_order_relaxed);
             });
  // Thresholds ascend: a pair counts in every threshold from the first it fits in.
  for (size_t i = 0; i < origins.size(); ++i) {
    if (origins.link[i] == kNoLink) continue;
    double running = 0.0;
    for (size_t k = 0; k < width; ++k) {
      running += first_fit[i * width + k];
      out.counts[i * width + k] = running;
    }
  }
  return out;
}

OdCosts od_costs_within(const RoadNetwork& network, const SnappedPoints& origins, const SnappedPoints& destinations,
                        double max_cost, const ReachOptions& options) {
  if (!std::isfinite(max_cost) || max_cost < 0.0) {
    throw Error(ErrorCode::kInvalidArgument, "origin-destination costs: max_cost must be finite and >= 0, got " +
                                                 std::to_string(max_cost));
  }
  struct Pair {
    uint32_t origin, destination;
    double length_m, time_s;
  };
  // Each worker collects its own pairs; the sort below puts them in one order (every pair
  // occurs once), whichever thread found it.
  const unsigned threads = resolve_threads(options.threads);
  std::vector<std::vector<Pair>> found(threads);
  scan_pairs(network, origins, destinations, max_cost, options, threads,
             [&](unsigned w, uint32_t i, uint32_t j, const Label& cost) {
               found[w].push_back({i, j, cost.length_m, cost.time_s});
             });
  std::vector<Pair> pairs = std::move(found[0]);
  for (size_t w = 1; w < found.size(); ++w) {
    pairs.insert(pairs.end(), found[w].begin(), found[w].end());
    std::vector<Pair>().swap(found[w]);
  }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
    return a.origin != b.origin ? a.origin < b.origin : a.destination < b.destination;
  });
  OdCosts out;
  out.origin.reserve(pairs.size());
  out.destination.reserve(pairs.size());
  out.distance_m.reserve(pairs.size());
  out.time_s.reserve(pairs.size());
  for (const Pair& p : pairs) {
    out.origin.push_back(p.origin);
    out.destination.push_back(p.destination);
    out.distance_m.push_back(p.length_m);
    out.time_s.push_back(p.time_s);
  }
  return out;
}

}  // namespace kk::network
