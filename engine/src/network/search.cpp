// Shared search machinery of the network area (see search.hpp).
#include "search.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "kernkompas/core/error.hpp"

namespace kk::network::detail {
namespace {

// The heap's order: std::push_heap keeps the largest on top, so "later" puts the cheapest first.
bool later(const auto& a, const auto& b) {
  if (a.primary != b.primary) return a.primary > b.primary;
  if (a.secondary != b.secondary) return a.secondary > b.secondary;
  return a.source > b.source;
}

}  // namespace

Steps leave_point(const RoadNetwork& net, uint32_t link, double offset) {
  Steps s;
  const double length = net.link_length_m(link);
  // A point at an end of the link stands on that node, whatever the direction of travel.
  if (net.forward_allowed(link) || offset == length) {
    const Label c = along_link(net, link, length - offset);
    s.step[s.count++] = {net.link_to(link), c.length_m, c.time_s};
  }
  if (net.backward_allowed(link) || offset == 0.0) {
    const Label c = along_link(net, link, offset);
    s.step[s.count++] = {net.link_from(link), c.length_m, c.time_s};
  }
  return s;
}

Steps enter_point(const RoadNetwork& net, uint32_t link, double offset) {
  Steps s;
  const double length = net.link_length_m(link);
  if (net.forward_allowed(link) || offset == 0.0) {
    const Label c = along_link(net, link, offset);
    s.step[s.count++] = {net.link_from(link), c.length_m, c.time_s};
  }
  if (net.backward_allowed(link) || offset == length) {
    const Label c = along_link(net, link, length - offset);
    s.step[s.count++] = {net.link_to(link), c.length_m, c.time_s};
  }
  return s;
}

Label along(const RoadNetwork& net, uint32_t link, double from, double to) {
  const bool allowed = (to >= from && net.forward_allowed(link)) || (to <= from && net.backward_allowed(link));
  return allowed ? along_link(net, link, std::fabs(to - from)) : Label{};
}

void check_snapped(const RoadNetwork& net, const SnappedPoints& points, std::string_view what) {
  const size_t n = points.link.size();
  if (points.offset_m.size() != n || points.distance_m.size() != n) {
    throw Error(ErrorCode::kInvalidArgument, std::string(what) + ": link, offset_m and distance_m differ in length");
  }
  for (size_t i = 0; i < n; ++i) {
    const uint32_t e = points.link[i];
    if (e == kNoLink) continue;
    const std::string where = std::string(what) + " " + std::to_string(i) + ": ";
    if (e >= net.link_count()) {
      throw Error(ErrorCode::kInvalidArgument, where + "link " + std::to_string(e) + " is not in the network");
    }
    if (!(points.offset_m[i] >= 0.0 && points.offset_m[i] <= net.link_length_m(e))) {
      throw Error(ErrorCode::kInvalidArgument, where + "offset " + std::to_string(points.offset_m[i]) +
                                                   " m lies outside its link");
    }
    if (!(points.distance_m[i] >= 0.0) || std::isinf(points.distance_m[i])) {
      throw Error(ErrorCode::kInvalidArgument, where + "snap distance must be finite and >= 0");
    }
  }
}

void check_thresholds(std::span<const double> thresholds, std::string_view what) {
  if (thresholds.empty()) throw Error(ErrorCode::kInvalidArgument, std::string(what) + ": no thresholds given");
  for (size_t k = 0; k < thresholds.size(); ++k) {
    if (!std::isfinite(thresholds[k]) || thresholds[k] < 0.0 || (k > 0 && thresholds[k] <= thresholds[k - 1])) {
      throw Error(ErrorCode::kInvalidArgument, std::string(what) +
                                                   ": thresholds must be finite, >= 0 and ascending (threshold " +
                                                   std::to_string(k) + " is " + std::to_string(thresholds[k]) + ")");
    }
  }
}

PointsByLink::PointsByLink(const RoadNetwork& net, const SnappedPoints& points) : offset_(net.link_count() + 1, 0) {
  for (const uint32_t e : points.link) {
    if (e != kNoLink) ++offset_[e + 1];
  }
  for (size_t e = 0; e < net.link_count(); ++e) offset_[e + 1] += offset_[e];
  index_.resize(offset_.back());
  std::vector<uint32_t> fill(offset_.begin(), offset_.end() - 1);
  for (uint32_t i = 0; i < points.link.size(); ++i) {
    if (points.link[i] != kNoLink) index_[fill[points.link[i]]++] = i;
  }
}

Search::Search(const RoadNetwork& net, Metric metric, bool reversed)
    : net_(net), order_(metric), reversed_(reversed), label_(net.node_count()) {}

void Search::push(uint32_t node, const Label& label) {
  heap_.push_back({order_.primary(label), order_.secondary(label), label.source, node});
  std::push_heap(heap_.begin(), heap_.end(), later<Queued, Queued>);
}

void Search::seed(uint32_t node, const Label& label) {
  Label& current = label_[node];
  if (!order_.less(label, current)) return;
  if (std::isinf(current.length_m) && std::isinf(current.time_s)) touched_.push_back(node);
  current = label;
  push(node, label);
}

void Search::run(double bound, const ProgressCallback* progress, std::string_view step) {
  size_t settled = 0;
  const double total = static_cast<double>(std::max<size_t>(net_.node_count(), 1));
  while (!heap_.empty()) {
    const Queued top = heap_.front();
    if (top.primary > bound) break;
    std::pop_heap(heap_.begin(), heap_.end(), later<Queued, Queued>);
    heap_.pop_back();
    const Label here = label_[top.node];
    // A stale entry: the node was improved after this entry was queued.
    if (order_.primary(here) != top.primary || order_.secondary(here) != top.secondary || here.source != top.source) {
      continue;
    }
    if (progress != nullptr && (++settled & 0xFFFF) == 0) {
      report_progress(*progress, step, std::min(1.0, static_cast<double>(settled) / total));
    }
    const auto arcs = reversed_ ? net_.in_arcs(top.node) : net_.out_arcs(top.node);
    for (const Arc& arc : arcs) {
      const Label next{here.length_m + net_.link_length_m(arc.link), here.time_s + net_.link_time_s(arc.link),
                       here.source};
      seed(arc.node, next);
    }
  }
}

void Search::reset() {
  for (const uint32_t v : touched_) label_[v] = Label{};
  touched_.clear();
  heap_.clear();
}

}  // namespace kk::network::detail
