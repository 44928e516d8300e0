// Snapping to the nearest link: a uniform grid of buckets over the links' segments, then exact
// point-to-polyline distances.
//
// Every link within distance d of a point has a segment point inside the square of half-width d
// around the point, and each segment is in the bucket of every cell its bounding box overlaps.
// So: scan the cells a square of half-width r overlaps, with exact distances; when the nearest
// link found lies within r, no link outside the square can be nearer, and the scan has also met
// every link at the same distance (ties go to the lower link id, whatever the bucket order).
// Otherwise double r and scan again, until the square covers the whole grid. The cell side is
// the mean link length and r starts at half of it, where most points of a road map find their
// link in the 2 x 2 cells around them: a few array reads instead of a tree search.
#include "kernkompas/network/snap.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <thread>
#include <utility>

#include "kernkompas/core/error.hpp"
#include "../stats/parallel.hpp"

namespace kk::network {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Projection {
  double squared = std::numeric_limits<double>::infinity();
  size_t segment = 0;  // of the nearest point, and its position t in [0, 1] along the segment
  double t = 0.0;
  double x = kNaN, y = kNaN;
};

// The point of the polyline nearest to (px, py); the first segment wins a tie. Distances only:
// the offset along the link is worked out once, for the link a point snaps to (offset_along).
Projection project(std::span<const double> xs, std::span<const double> ys, double px, double py) {
  Projection best;
  for (size_t i = 0; i + 1 < xs.size(); ++i) {
    const double dx = xs[i + 1] - xs[i];
    const double dy = ys[i + 1] - ys[i];
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0.0 ? ((px - xs[i]) * dx + (py - ys[i]) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    // The end points exactly, so a point snapped to a vertex lands on it.
    const double qx = t == 1.0 ? xs[i + 1] : xs[i] + t * dx;
    const double qy = t == 1.0 ? ys[i + 1] : ys[i] + t * dy;
    const double squared = (px - qx) * (px - qx) + (py - qy) * (py - qy);
    if (squared < best.squared) best = {squared, i, t, qx, qy};
  }
  return best;
}

// Metres along the polyline from its first vertex to the projection.
double offset_along(std::span<const double> xs, std::span<const double> ys, const Projection& p) {
  double along = 0.0;
  for (size_t i = 0; i < p.segment; ++i) along += std::hypot(xs[i + 1] - xs[i], ys[i + 1] - ys[i]);
  return along + p.t * std::hypot(xs[p.segment + 1] - xs[p.segment], ys[p.segment + 1] - ys[p.segment]);
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
      const uint32_t column = static_cast<uint32_t>((x[i] - x0) * sx), row = static_cast<uint32_t>((y[i] - y0) * sy);
      key = spread_bits(column) | (spread_bits(row) << 1);
    }
    keyed[i] = {key, static_cast<uint32_t>(i)};
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<uint32_t> order(x.size());
  for (size_t i = 0; i < x.size(); ++i) order[i] = keyed[i].second;
  return order;
}

}  // namespace

// The buckets: cell (col, row) holds the links with a segment whose box overlaps it, in CSR form.
struct LinkIndex::Impl {
  const RoadNetwork* network = nullptr;
  double x0 = 0.0, y0 = 0.0, cell = 1.0;
  int64_t columns = 0, rows = 0;
  std::vector<uint32_t> offset;  // columns * rows + 1
  std::vector<uint32_t> links;

  // Clamped in floating point first: a coordinate far outside must not overflow the cast.
  int64_t column_of(double x) const {
    return static_cast<int64_t>(std::clamp(std::floor((x - x0) / cell), 0.0, static_cast<double>(columns - 1)));
  }
  int64_t row_of(double y) const {
    return static_cast<int64_t>(std::clamp(std::floor((y - y0) / cell), 0.0, static_cast<double>(rows - 1)));
  }

  // Calls visit(cell index) for every cell of each segment of every link, in link order.
  template <class Visit>
  void for_each_cell(Visit&& visit) const {
    for (uint32_t e = 0; e < network->link_count(); ++e) {
      const auto xs = network->link_x(e), ys = network->link_y(e);
      int64_t last = -1;
      for (size_t i = 0; i + 1 < xs.size(); ++i) {
        const int64_t c0 = column_of(std::min(xs[i], xs[i + 1])), c1 = column_of(std::max(xs[i], xs[i + 1]));
        const int64_t r0 = row_of(std::min(ys[i], ys[i + 1])), r1 = row_of(std::max(ys[i], ys[i + 1]));
        for (int64_t r = r0; r <= r1; ++r) {
          for (int64_t c = c0; c <= c1; ++c) {
            const int64_t index = r * columns + c;
            if (index == last) continue;  // consecutive segments in one cell: the link once
            visit(index, e);
            last = index;
          }
        }
      }
    }
  }
};

LinkIndex::LinkIndex(const RoadNetwork& network) : impl_(std::make_unique<Impl>()) {
  Impl& g = *impl_;
  g.network = &network;
  const size_t n = network.link_count();
  if (n == 0) return;
  double x1 = -std::numeric_limits<double>::infinity(), y1 = x1;
  g.x0 = g.y0 = std::numeric_limits<double>::infinity();
  double total = 0.0;
  for (uint32_t node = 0; node < network.node_count(); ++node) {
    g.x0 = std::min(g.x0, network.node_x(node));
    g.y0 = std::min(g.y0, network.node_y(node));
    x1 = std::max(x1, network.node_x(node));
    y1 = std::max(y1, network.node_y(node));
  }
  for (uint32_t e = 0; e < n; ++e) {
    const auto xs = network.link_x(e), ys = network.link_y(e);
    for (size_t i = 0; i < xs.size(); ++i) {  // interior vertices may lie beyond the nodes
      g.x0 = std::min(g.x0, xs[i]);
      g.y0 = std::min(g.y0, ys[i]);
      x1 = std::max(x1, xs[i]);
      y1 = std::max(y1, ys[i]);
    }
    total += network.link_length_m(e);
  }
  // The mean link length, but no more cells than four per link (a few dense towns in a wide
  // rural extent would otherwise make most cells empty).
  const double width = std::max(x1 - g.x0, 1e-9), height = std::max(y1 - g.y0, 1e-9);
  g.cell = std::max(total / static_cast<double>(n), 1e-6);
  const double max_cells = 4.0 * static_cast<double>(n) + 16.0;
  if ((width / g.cell + 1.0) * (height / g.cell + 1.0) > max_cells) {
    g.cell = std::sqrt(width * height / max_cells) * 1.01;
  }
  g.columns = static_cast<int64_t>(width / g.cell) + 1;
  g.rows = static_cast<int64_t>(height / g.cell) + 1;
  // Counting sort of (cell, link) pairs: count, prefix sums, fill.
  std::vector<uint32_t> count(static_cast<size_t>(g.columns * g.rows) + 1, 0);
  g.for_each_cell([&](int64_t cell, uint32_t) { ++count[static_cast<size_t>(cell) + 1]; });
  for (size_t i = 1; i < count.size(); ++i) count[i] += count[i - 1];
  g.offset = count;
  g.links.resize(count.back());
  g.for_each_cell([&](int64_t cell, uint32_t e) { g.links[count[static_cast<size_t>(cell)]++] = e; });
}

LinkIndex::~LinkIndex() = default;
LinkIndex::LinkIndex(LinkIndex&&) noexcept = default;
LinkIndex& LinkIndex::operator=(LinkIndex&&) noexcept = default;

size_t LinkIndex::memory_bytes() const {
  return impl_->offset.capacity() * sizeof(uint32_t) + impl_->links.capacity() * sizeof(uint32_t);
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

  const Impl& g = *impl_;
  if (g.links.empty()) return out;
  const unsigned threads = options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
  // Points in Z-order, so that consecutive queries read neighbouring buckets.
  const std::vector<uint32_t> order = z_order(x, y);
  stats::detail::parallel_blocks(n, 4096, threads, {}, "snap", [&](size_t begin, size_t end, unsigned) {
    for (size_t k = begin; k < end; ++k) {
      const size_t i = order[k];
      const double px = x[i], py = y[i];
      if (!std::isfinite(px) || !std::isfinite(py)) continue;
      Projection best;
      uint32_t best_link = kNoLink;
      for (double half = 0.5 * g.cell;; half *= 2.0) {
        const int64_t c0 = g.column_of(px - half), c1 = g.column_of(px + half);
        const int64_t r0 = g.row_of(py - half), r1 = g.row_of(py + half);
        for (int64_t r = r0; r <= r1; ++r) {
          for (int64_t c = c0; c <= c1; ++c) {
            const size_t cell = static_cast<size_t>(r * g.columns + c);
            for (uint32_t j = g.offset[cell]; j < g.offset[cell + 1]; ++j) {
              const uint32_t e = g.links[j];
              const Projection p = project(net.link_x(e), net.link_y(e), px, py);
              if (p.squared < best.squared || (p.squared == best.squared && e < best_link)) {
                best = p;
                best_link = e;
              }
            }
          }
        }
        const bool everything = c0 == 0 && r0 == 0 && c1 == g.columns - 1 && r1 == g.rows - 1;
        if (best_link != kNoLink && (best.squared <= half * half || everything)) break;
        best = {};
        best_link = kNoLink;
      }
      out.link[i] = best_link;
      const double along = offset_along(net.link_x(best_link), net.link_y(best_link), best);
      out.offset_m[i] = std::min(along, net.link_length_m(best_link));
      out.distance_m[i] = std::sqrt(best.squared);
      out.x[i] = best.x;
      out.y[i] = best.y;
      out.beyond_limit[i] = out.distance_m[i] > options.max_distance_m ? 1 : 0;
    }
  });
  return out;
}

}  // namespace kk::network
