// Static point index on a bulk-loaded Boost.Geometry R-tree.
//
// Boost's k-nearest query returns k nearest values but breaks ties between equal distances by
// tree layout. To make answers depend on the points only, nearest() asks for k, then collects
// every point within the k-th distance and keeps the first k by (distance, index).
#include "kernkompas/index/point_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/function_output_iterator.hpp>

#include "kernkompas/core/error.hpp"

namespace kk::index {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Box = bg::model::box<Point>;
using Value = std::pair<Point, uint32_t>;
using Tree = bgi::rtree<Value, bgi::rstar<16>>;

double squared_distance(const Point& p, double x, double y) {
  const double dx = bg::get<0>(p) - x;
  const double dy = bg::get<1>(p) - y;
  return dx * dx + dy * dy;
}

bool by_distance_then_index(const Neighbour& a, const Neighbour& b) {
  return a.distance < b.distance || (a.distance == b.distance && a.index < b.index);
}

}  // namespace

struct PointIndex::Impl {
  Tree tree;
  std::vector<Point> position;  // by input index; NaN for points left out
  size_t indexed = 0;

  // Every point whose squared distance is <= `limit`, unordered. Working on squared
  // distances keeps the comparison exact for a limit taken from a point's own distance.
  void collect_within_squared(double x, double y, double limit, std::vector<Neighbour>& out) const {
    out.clear();
    if (!(limit >= 0.0) || std::isnan(x) || std::isnan(y)) return;
    // The box is widened by one ulp so rounding in sqrt cannot cut off a point on the circle.
    const double half = std::nextafter(std::sqrt(limit), std::numeric_limits<double>::infinity());
    const Box box(Point(x - half, y - half), Point(x + half, y + half));
    tree.query(bgi::intersects(box), boost::make_function_output_iterator([&](const Value& v) {
                 const double squared = squared_distance(v.first, x, y);
                 if (squared <= limit) out.push_back({v.second, std::sqrt(squared)});
               }));
  }

  // k nearest to (x, y) with `skip` left out (skip = UINT32_MAX for none).
  void nearest(double x, double y, size_t k, uint32_t skip, std::vector<Neighbour>& out) const {
    out.clear();
    if (k == 0 || std::isnan(x) || std::isnan(y)) return;
    const size_t wanted = skip == std::numeric_limits<uint32_t>::max() ? k : k + 1;
    double kth_squared = 0.0;
    size_t found = 0;
    tree.query(bgi::nearest(Point(x, y), static_cast<unsigned>(std::min<size_t>(wanted, indexed))),
               boost::make_function_output_iterator([&](const Value& v) {
                 kth_squared = std::max(kth_squared, squared_distance(v.first, x, y));
                 ++found;
               }));
    if (found == 0) return;
    // Every point at the k-th distance or closer, so equal distances are decided by index.
    collect_within_squared(x, y, kth_squared, out);
    if (skip != std::numeric_limits<uint32_t>::max()) {
      std::erase_if(out, [skip](const Neighbour& n) { return n.index == skip; });
    }
    std::sort(out.begin(), out.end(), by_distance_then_index);
    if (out.size() > k) out.resize(k);
  }
};

PointIndex::PointIndex(std::span<const double> x, std::span<const double> y) : impl_(std::make_unique<Impl>()) {
  if (x.size() != y.size()) throw Error(ErrorCode::kInvalidArgument, "PointIndex: x and y differ in length");
  if (x.size() >= std::numeric_limits<uint32_t>::max()) throw Error(ErrorCode::kInvalidArgument, "PointIndex: more than 2^32 - 2 points");
  std::vector<Value> values;
  values.reserve(x.size());
  impl_->position.reserve(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    impl_->position.emplace_back(x[i], y[i]);
    if (std::isnan(x[i]) || std::isnan(y[i])) continue;
    values.emplace_back(Point(x[i], y[i]), static_cast<uint32_t>(i));
  }
  impl_->indexed = values.size();
  impl_->tree = Tree(values.begin(), values.end());  // the packing (bulk-load) constructor
}

PointIndex::~PointIndex() = default;
PointIndex::PointIndex(PointIndex&&) noexcept = default;
PointIndex& PointIndex::operator=(PointIndex&&) noexcept = default;

size_t PointIndex::size() const { return impl_->indexed; }

void PointIndex::nearest(double x, double y, size_t k, std::vector<Neighbour>& out) const {
  impl_->nearest(x, y, k, std::numeric_limits<uint32_t>::max(), out);
}

void PointIndex::nearest_to(uint32_t self, size_t k, std::vector<Neighbour>& out) const {
  if (self >= impl_->position.size()) throw Error(ErrorCode::kInvalidArgument, "PointIndex::nearest_to: index out of range");
  const Point& p = impl_->position[self];
  impl_->nearest(bg::get<0>(p), bg::get<1>(p), k, self, out);
}

void PointIndex::within(double x, double y, double radius, std::vector<Neighbour>& out) const {
  out.clear();
  if (!(radius >= 0.0)) return;
  impl_->collect_within_squared(x, y, radius * radius, out);
  std::sort(out.begin(), out.end(), [](const Neighbour& a, const Neighbour& b) { return a.index < b.index; });
}

size_t PointIndex::count_within(double x, double y, double radius) const {
  if (!(radius >= 0.0) || std::isnan(x) || std::isnan(y)) return 0;
  const double limit = radius * radius;
  // The same box and test as collect_within_squared(), so the count always matches within().
  const double half = std::nextafter(std::sqrt(limit), std::numeric_limits<double>::infinity());
  const Box box(Point(x - half, y - half), Point(x + half, y + half));
  size_t count = 0;
  impl_->tree.query(bgi::intersects(box), boost::make_function_output_iterator([&](const Value& v) {
                      if (squared_distance(v.first, x, y) <= limit) ++count;
                    }));
  return count;
}

}  // namespace kk::index
