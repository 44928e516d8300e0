// Snapping to the nearest link: an R-tree over link bounding boxes, then exact point-to-polyline
// distances.
//
// The box nearest to the point bounds the answer from above (its link's exact distance d); every
// link within d has its box inside the square of half-width d around the point, so scanning
// that square with the exact distance finds the nearest link, and settles ties by link id
// whatever the tree's layout (the same two-step idea as index/point_index.cpp).
#include "kernkompas/network/snap.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include <boost/iterator/function_output_iterator.hpp>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "kernkompas/core/error.hpp"

namespace kk::network {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Box = bg::model::box<Point>;
using Value = std::pair<Box, uint32_t>;
using Tree = bgi::rtree<Value, bgi::rstar<16>>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Projection {
  double squared = std::numeric_limits<double>::infinity();
  double offset = 0.0;
  double x = kNaN, y = kNaN;
};

// The point of the polyline nearest to (px, py); the first segment wins a tie.
Projection project(std::span<const double> xs, std::span<const double> ys, double px, double py) {
  Projection best;
  double along = 0.0;
  for (size_t i = 0; i + 1 < xs.size(); ++i) {
    const double dx = xs[i + 1] - xs[i];
    const double dy = ys[i + 1] - ys[i];
    const double len2 = dx * dx + dy * dy;
    const double seg = std::hypot(dx, dy);
    double t = len2 > 0.0 ? ((px - xs[i]) * dx + (py - ys[i]) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    // The end points exactly, so a point snapped to a vertex lands on it.
    const double qx = t == 1.0 ? xs[i + 1] : xs[i] + t * dx;
    const double qy = t == 1.0 ? ys[i + 1] : ys[i] + t * dy;
    const double squared = (px - qx) * (px - qx) + (py - qy) * (py - qy);
    if (squared < best.squared) best = {squared, along + t * seg, qx, qy};
    along += seg;
  }
  return best;
}

}  // namespace

struct LinkIndex::Impl {
  const RoadNetwork* network;
  Tree tree;
};

LinkIndex::LinkIndex(const RoadNetwork& network) : impl_(std::make_unique<Impl>()) {
  impl_->network = &network;
  std::vector<Value> values;
  values.reserve(network.link_count());
  for (uint32_t e = 0; e < network.link_count(); ++e) {
    const auto xs = network.link_x(e);
    const auto ys = network.link_y(e);
    double x0 = xs[0], x1 = xs[0], y0 = ys[0], y1 = ys[0];
    for (size_t i = 1; i < xs.size(); ++i) {
      x0 = std::min(x0, xs[i]);
      x1 = std::max(x1, xs[i]);
      y0 = std::min(y0, ys[i]);
      y1 = std::max(y1, ys[i]);
    }
    values.emplace_back(Box(Point(x0, y0), Point(x1, y1)), e);
  }
  impl_->tree = Tree(values.begin(), values.end());
}

LinkIndex::~LinkIndex() = default;
LinkIndex::LinkIndex(LinkIndex&&) noexcept = default;
LinkIndex& LinkIndex::operator=(LinkIndex&&) noexcept = default;

size_t LinkIndex::memory_bytes() const {
  // Leaves of up to 16 values, filled to about 70 % by the packing: about 1.5 times the values.
  return impl_->tree.size() * sizeof(Value) * 3 / 2;
}

SnappedPoints LinkIndex::snap(std::span<const double> x, std::span<const double> y, const SnapOptions& options) const {
  if (x.size() != y.size()) throw Error(ErrorCode::kInvalidArgument, "snap: x and y differ in length");
  if (!(options.max_distance_m >= 0.0)) {
    throw Error(ErrorCode::kInvalidArgument, "snap: max_distance_m must be >= 0");
  }
  const RoadNetwork& net = *impl_->network;
  const size_t n = x.size();
  SnappedPoints out;
  out.link.assign(n, kNoLink);
  out.offset_m.assign(n, kNaN);
  out.distance_m.assign(n, kNaN);
  out.x.assign(n, kNaN);
  out.y.assign(n, kNaN);
  out.beyond_limit.assign(n, 0);
  if (impl_->tree.empty()) return out;

  for (size_t i = 0; i < n; ++i) {
    const double px = x[i], py = y[i];
    if (std::isnan(px) || std::isnan(py)) continue;
    uint32_t first = kNoLink;
    impl_->tree.query(bgi::nearest(Point(px, py), 1),
                      boost::make_function_output_iterator([&](const Value& v) { first = v.second; }));
    Projection best = project(net.link_x(first), net.link_y(first), px, py);
    uint32_t best_link = first;
    const double half = std::nextafter(std::sqrt(best.squared), std::numeric_limits<double>::infinity());
    const Box square(Point(px - half, py - half), Point(px + half, py + half));
    impl_->tree.query(bgi::intersects(square), boost::make_function_output_iterator([&](const Value& v) {
                        if (v.second == first) return;
                        const Projection p = project(net.link_x(v.second), net.link_y(v.second), px, py);
                        if (p.squared < best.squared || (p.squared == best.squared && v.second < best_link)) {
                          best = p;
                          best_link = v.second;
                        }
                      }));
    out.link[i] = best_link;
    out.offset_m[i] = std::min(best.offset, net.link_length_m(best_link));
    out.distance_m[i] = std::sqrt(best.squared);
    out.x[i] = best.x;
    out.y[i] = best.y;
    out.beyond_limit[i] = out.distance_m[i] > options.max_distance_m ? 1 : 0;
  }
  return out;
}

}  // namespace kk::network
