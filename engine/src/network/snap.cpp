// Snapping to the nearest link: an R-tree over link bounding boxes, then exact point-to-polyline
// distances.
//
// Every link within distance d of a point has its box inside the square of half-width d around
// the point. So: scan a square of half-width r with exact distances; when the nearest link found
// lies within r, no link outside the square can be nearer, and the scan has also met every link
// at the same distance (ties go to the lower link id, whatever the tree's layout). Otherwise
// double r and scan again. r starts at half the mean link length, where most points of a road
// map find their link at once; a window query is much cheaper than the tree's best-first nearest
// search.
#include "kernkompas/network/snap.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <thread>
#include <utility>

#include <boost/iterator/function_output_iterator.hpp>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include "kernkompas/core/error.hpp"
#include "../stats/parallel.hpp"

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

// Spreads the low 16 bits of v to the even bits of the result.
uint32_t spread_bits(uint32_t v) {
  v &= 0xFFFF;
  v = (v | (v << 8)) & 0x00FF00FF;
  v = (v | (v << 4)) & 0x0F0F0F0F;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v;
}

// The indices of the points sorted by their Morton (Z-order) key on a 65,536² grid over their
// extent; NaN points anywhere. Only the visiting order: results do not depend on it.
std::vector<uint32_t> z_order(std::span<const double> x, std::span<const double> y) {
  double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
  for (size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
    x0 = std::min(x0, x[i]);
    x1 = std::max(x1, x[i]);
    y0 = std::min(y0, y[i]);
    y1 = std::max(y1, y[i]);
  }
  const double sx = x1 > x0 ? 65535.0 / (x1 - x0) : 0.0, sy = y1 > y0 ? 65535.0 / (y1 - y0) : 0.0;
  std::vector<std::pair<uint32_t, uint32_t>> keyed(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    uint32_t key = 0;
    if (std::isfinite(x[i]) && std::isfinite(y[i])) {
      key = spread_bits(static_cast<uint32_t>((x[i] - x0) * sx)) | (spread_bits(static_cast<uint32_t>((y[i] - y0) * sy)) << 1);
    }
    keyed[i] = {key, static_cast<uint32_t>(i)};
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<uint32_t> order(x.size());
  for (size_t i = 0; i < x.size(); ++i) order[i] = keyed[i].second;
  return order;
}

}  // namespace

struct LinkIndex::Impl {
  const RoadNetwork* network;
  Tree tree;
  double start_half_width = 1.0;  // of the first square scanned: the mean link length
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
  double total = 0.0;
  for (uint32_t e = 0; e < network.link_count(); ++e) total += network.link_length_m(e);
  // Half the mean link length: in a street grid no point of a block is farther from a street.
  if (network.link_count() > 0 && total > 0.0) {
    impl_->start_half_width = 0.5 * total / static_cast<double>(network.link_count());
  }
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

  const Tree& tree = impl_->tree;
  const double start = impl_->start_half_width;
  const unsigned threads = options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
  // Points in Z-order, so that consecutive queries walk the same branches of the tree (random
  // order makes every query a cache miss on a national network).
  const std::vector<uint32_t> order = z_order(x, y);
  stats::detail::parallel_blocks(n, 4096, threads, {}, "snap", [&](size_t begin, size_t end, unsigned) {
    for (size_t k = begin; k < end; ++k) {
      const size_t i = order[k];
      const double px = x[i], py = y[i];
      if (std::isnan(px) || std::isnan(py)) continue;
      Projection best;
      uint32_t best_link = kNoLink;
      for (double half = start;; half *= 2.0) {
        const Box square(Point(px - half, py - half), Point(px + half, py + half));
        tree.query(bgi::intersects(square), boost::make_function_output_iterator([&](const Value& v) {
                     const Projection p = project(net.link_x(v.second), net.link_y(v.second), px, py);
                     if (p.squared < best.squared || (p.squared == best.squared && v.second < best_link)) {
                       best = p;
                       best_link = v.second;
                     }
                   }));
        if (best_link != kNoLink && best.squared <= half * half) break;
        best = {};
        best_link = kNoLink;
      }
      out.link[i] = best_link;
      out.offset_m[i] = std::min(best.offset, net.link_length_m(best_link));
      out.distance_m[i] = std::sqrt(best.squared);
      out.x[i] = best.x;
      out.y[i] = best.y;
      out.beyond_limit[i] = out.distance_m[i] > options.max_distance_m ? 1 : 0;
    }
  });
  return out;
}

}  // namespace kk::network
