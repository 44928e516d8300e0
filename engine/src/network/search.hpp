// Private: the pieces every network search shares — path costs ordered lexicographically,
// how a snapped point enters and leaves the graph, points grouped by link, and a Dijkstra that
// runs forward or over the reversed graph, to exhaustion or within a bound.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "kernkompas/core/progress.hpp"
#include "kernkompas/network/nearest_facility.hpp"
#include "kernkompas/network/road_network.hpp"
#include "kernkompas/network/snap.hpp"

namespace kk::network::detail {

inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

// A path's cost: both metrics and the point it comes from (facility or origin index).
struct Label {
  double length_m = kInf;
  double time_s = kInf;
  uint32_t source = kNone;
};

// Orders labels by the chosen metric, then the other, then the lower source index, so ties are
// settled the same way on every platform and in every search.
class LabelOrder {
 public:
  explicit LabelOrder(Metric metric) : time_(metric == Metric::kTime) {}
  double primary(const Label& a) const { return time_ ? a.time_s : a.length_m; }
  double secondary(const Label& a) const { return time_ ? a.length_m : a.time_s; }
  bool less(const Label& a, const Label& b) const {
    if (primary(a) != primary(b)) return primary(a) < primary(b);
    if (secondary(a) != secondary(b)) return secondary(a) < secondary(b);
    return a.source < b.source;
  }

 private:
  bool time_;
};

// A partial cost along a link from a snapped point to one of its end nodes.
struct Step {
  uint32_t node;
  double length_m;
  double time_s;
};

// Up to two steps (one per end node the direction of travel allows).
struct Steps {
  Step step[2];
  int count = 0;
};

// The cost of `length_m` metres on `link`, at the link's speed.
inline Label along_link(const RoadNetwork& net, uint32_t link, double length_m) {
  return {length_m, length_m * net.link_time_s(link) / net.link_length_m(link), kNone};
}

// End nodes a traveller at `offset` on `link` can drive to without passing another node (a
// point at an end stands on that node, one-way or not).
Steps leave_point(const RoadNetwork& net, uint32_t link, double offset);
// End nodes from which a traveller can drive to `offset` on `link` without passing another node.
Steps enter_point(const RoadNetwork& net, uint32_t link, double offset);
// Driving on `link` from offset `from` to offset `to`, if its direction allows; else kInf.
Label along(const RoadNetwork& net, uint32_t link, double from, double to);

// Checks that snapped points fit the network (sizes, link ids, offsets); `what` names them.
void check_snapped(const RoadNetwork& net, const SnappedPoints& points, std::string_view what);

// Checks that thresholds are non-empty, finite, >= 0 and strictly ascending; `what` names the
// operation in the message.
void check_thresholds(std::span<const double> thresholds, std::string_view what);

// Indices of points grouped by link (CSR), points without a link left out.
class PointsByLink {
 public:
  PointsByLink(const RoadNetwork& net, const SnappedPoints& points);
  std::span<const uint32_t> on(uint32_t link) const {
    return {index_.data() + offset_[link], index_.data() + offset_[link + 1]};
  }

 private:
  std::vector<uint32_t> offset_;
  std::vector<uint32_t> index_;
};

// Dijkstra over the forward graph (costs from the seeds) or the reversed graph (costs to the
// seeds). Labels are kept between run() and reset(), which clears only the nodes touched, so
// many bounded searches on a large graph cost only what each one visits.
class Search {
 public:
  Search(const RoadNetwork& net, Metric metric, bool reversed);

  // Offers `label` to `node`; kept if better than what the node has.
  void seed(uint32_t node, const Label& label);
  // Settles nodes in cost order until the queue is empty or the next cost exceeds `bound`
  // (in the chosen metric). Every node whose cost is <= bound is then exact; nodes beyond keep
  // a tentative label, never lower than their cost. Reports progress per 2^16 settled nodes
  // when `progress` is set (fraction of all nodes).
  void run(double bound = kInf, const ProgressCallback* progress = nullptr, std::string_view step = {});
  void reset();

  const Label& label(uint32_t node) const { return label_[node]; }
  std::span<const uint32_t> touched() const { return touched_; }
  const LabelOrder& order() const { return order_; }

 private:
  struct Queued {
    double primary;
    double secondary;
    uint32_t source;
    uint32_t node;
  };
  void push(uint32_t node, const Label& label);

  const RoadNetwork& net_;
  LabelOrder order_;
  bool reversed_;
  std::vector<Label> label_;
  std::vector<uint32_t> touched_;
  std::vector<Queued> heap_;
};

}  // namespace kk::network::detail
