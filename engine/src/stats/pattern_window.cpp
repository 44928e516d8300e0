// The study window of a point pattern: exact circle shares for Ripley's edge correction.
//
// Circle share: every boundary edge near the centre is intersected with the circle; each
// crossing is tagged by whether the circle, going anticlockwise, enters or leaves the
// window there. With the rings oriented so the interior lies on the left of every edge,
// that follows from the edge alone: where the edge leaves the disk, the circle enters the
// interior, and the other way round (the circle's tangent t at crossing X satisfies
// cross(e, t) · r = e · (X − c)). So no point-in-polygon test is needed per arc, and the
// share is the total length of the arcs from an entering to the next leaving crossing.
#include "kernkompas/stats/pattern_window.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "kernkompas/core/error.hpp"
#include "kernkompas/index/polygon_locator.hpp"

namespace kk::stats {
namespace {

struct Segment {
  double px, py, qx, qy;
};

double ring_signed_area(const geometry::MultiPolygonArray& g, size_t ring) {
  double twice = 0.0;
  for (size_t v = g.vertex_offsets[ring]; v + 1 < g.vertex_offsets[ring + 1]; ++v) {
    twice += g.x[v] * g.y[v + 1] - g.x[v + 1] * g.y[v];
  }
  return twice / 2.0;
}

// Distance from the origin to segment p -> q.
double origin_segment_distance(double px, double py, double qx, double qy) {
  const double ex = qx - px, ey = qy - py;
  const double length2 = ex * ex + ey * ey;
  double t = length2 > 0.0 ? -(px * ex + py * ey) / length2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(px + t * ex, py + t * ey);
}

double angle_of(double x, double y) {
  const double a = std::atan2(y, x);
  return a < 0.0 ? a + 2.0 * std::numbers::pi : a;
}

}  // namespace

struct PatternWindow::Impl {
  geometry::MultiPolygonArray polygon;  // the one feature
  index::PolygonLocator locator;
  std::vector<Segment> edges;  // interior on the left
  double area = 0.0, perimeter = 0.0;
  geometry::Box bounds{};
  // Uniform grid over the bounds; cell c lists its edges in cell_edges[cell_start[c] ..).
  size_t columns = 1, rows = 1;
  double cell_width = 1.0, cell_height = 1.0;
  std::vector<uint32_t> cell_start, cell_edges;

  explicit Impl(geometry::MultiPolygonArray one) : polygon(std::move(one)), locator(polygon) {}

  size_t column_of(double x) const {
    const double c = std::floor((x - bounds.min_x) / cell_width);
    return static_cast<size_t>(std::clamp(c, 0.0, static_cast<double>(columns - 1)));
  }
  size_t row_of(double y) const {
    const double r = std::floor((y - bounds.min_y) / cell_height);
    return static_cast<size_t>(std::clamp(r, 0.0, static_cast<double>(rows - 1)));
  }

  void build_grid() {
    const double width = std::max(bounds.max_x - bounds.min_x, 1e-300);
    const double height = std::max(bounds.max_y - bounds.min_y, 1e-300);
    // About one edge per cell, at most 512 cells a side.
    const double cells = std::max<double>(1.0, static_cast<double>(edges.size()));
    columns = static_cast<size_t>(std::clamp(std::round(std::sqrt(cells * width / height)), 1.0, 512.0));
    rows = static_cast<size_t>(std::clamp(std::round(cells / static_cast<double>(columns)), 1.0, 512.0));
    cell_width = width / static_cast<double>(columns);
    cell_height = height / static_cast<double>(rows);
    std::vector<uint32_t> counts(columns * rows + 1, 0);
    auto for_cells = [&](const Segment& s, auto&& visit) {
      const size_t c0 = column_of(std::min(s.px, s.qx)), c1 = column_of(std::max(s.px, s.qx));
      const size_t r0 = row_of(std::min(s.py, s.qy)), r1 = row_of(std::max(s.py, s.qy));
      for (size_t r = r0; r <= r1; ++r) {
        for (size_t c = c0; c <= c1; ++c) visit(r * columns + c);
      }
    };
    for (const Segment& s : edges) for_cells(s, [&](size_t cell) { ++counts[cell + 1]; });
    for (size_t i = 1; i < counts.size(); ++i) counts[i] += counts[i - 1];
    cell_start = counts;
    cell_edges.resize(counts.back());
    for (uint32_t e = 0; e < edges.size(); ++e) {
      for_cells(edges[e], [&](size_t cell) { cell_edges[counts[cell]++] = e; });
    }
  }
};

PatternWindow::PatternWindow(const geometry::MultiPolygonArray& polygons, size_t feature) {
  if (feature >= polygons.size()) {
    throw Error(ErrorCode::kInvalidArgument, "pattern window: feature " + std::to_string(feature) +
                                                 " does not exist (" + std::to_string(polygons.size()) +
                                                 " features)");
  }
  geometry::MultiPolygonArray one;
  one.append_feature(polygons, feature);
  impl_ = std::make_unique<Impl>(std::move(one));
  Impl& w = *impl_;
  const geometry::MultiPolygonArray& g = w.polygon;
  w.area = geometry::feature_area(g, 0);
  w.perimeter = geometry::feature_perimeter(g, 0);
  if (g.part_count() == 0 || !(w.area > 0.0) || !std::isfinite(w.area)) {
    throw Error(ErrorCode::kInvalidArgument, "pattern window: the polygon is empty or has no area");
  }
  w.bounds = geometry::feature_bounds(g, 0);
  for (size_t part = 0; part < g.part_count(); ++part) {
    for (size_t ring = g.ring_offsets[part]; ring < g.ring_offsets[part + 1]; ++ring) {
      // Exteriors anticlockwise, holes clockwise: the interior is then on the left.
      const bool exterior = ring == g.ring_offsets[part];
      const bool reverse = (ring_signed_area(g, ring) > 0.0) != exterior;
      for (size_t v = g.vertex_offsets[ring]; v + 1 < g.vertex_offsets[ring + 1]; ++v) {
        Segment s{g.x[v], g.y[v], g.x[v + 1], g.y[v + 1]};
        if (s.px == s.qx && s.py == s.qy) continue;  // repeated vertex
        if (reverse) s = {s.qx, s.qy, s.px, s.py};
        w.edges.push_back(s);
      }
    }
  }
  w.build_grid();
}

PatternWindow::~PatternWindow() = default;
PatternWindow::PatternWindow(PatternWindow&&) noexcept = default;
PatternWindow& PatternWindow::operator=(PatternWindow&&) noexcept = default;

double PatternWindow::area() const { return impl_->area; }
double PatternWindow::perimeter() const { return impl_->perimeter; }
geometry::Box PatternWindow::bounds() const { return impl_->bounds; }

bool PatternWindow::contains(double x, double y) const {
  return impl_->locator.locate(x, y) == 0;
}

void PatternWindow::uniform_points(size_t count, RandomStream& stream, std::vector<double>& x,
                                   std::vector<double>& y) const {
  const geometry::Box& b = impl_->bounds;
  const double width = b.max_x - b.min_x, height = b.max_y - b.min_y;
  x.resize(count);
  y.resize(count);
  for (size_t i = 0; i < count;) {
    const double px = b.min_x + stream.uniform() * width;
    const double py = b.min_y + stream.uniform() * height;
    if (!contains(px, py)) continue;
    x[i] = px;
    y[i] = py;
    ++i;
  }
}

void PatternWindow::prepare(double x, double y, double reach, Centre& out) const {
  const Impl& w = *impl_;
  out.window_ = this;
  out.cx_ = x;
  out.cy_ = y;
  out.inside_ = contains(x, y);
  out.edges_.clear();
  out.boundary_distance_ = std::numeric_limits<double>::infinity();
  if (out.seen_.size() != w.edges.size()) {
    out.seen_.assign(w.edges.size(), 0);
    out.stamp_ = 0;
  }
  if (++out.stamp_ == 0) {  // wrapped: forget every old stamp
    std::fill(out.seen_.begin(), out.seen_.end(), 0);
    out.stamp_ = 1;
  }
  const geometry::Box& b = w.bounds;
  if (x + reach < b.min_x || x - reach > b.max_x || y + reach < b.min_y || y - reach > b.max_y) return;
  const size_t c0 = w.column_of(x - reach), c1 = w.column_of(x + reach);
  const size_t r0 = w.row_of(y - reach), r1 = w.row_of(y + reach);
  for (size_t r = r0; r <= r1; ++r) {
    for (size_t c = c0; c <= c1; ++c) {
      const size_t cell = r * w.columns + c;
      for (uint32_t k = w.cell_start[cell]; k < w.cell_start[cell + 1]; ++k) {
        const uint32_t e = w.cell_edges[k];
        if (out.seen_[e] == out.stamp_) continue;
        out.seen_[e] = out.stamp_;
        const Segment& s = w.edges[e];
        const double px = s.px - x, py = s.py - y, qx = s.qx - x, qy = s.qy - y;
        const double nearest = origin_segment_distance(px, py, qx, qy);
        if (nearest > reach) continue;
        const double farthest = std::max(std::hypot(px, py), std::hypot(qx, qy));
        out.edges_.push_back({px, py, qx, qy, nearest, farthest});
        out.boundary_distance_ = std::min(out.boundary_distance_, nearest);
      }
    }
  }
}

double PatternWindow::Centre::share(double radius) const {
  if (radius <= boundary_distance_) return inside_ ? 1.0 : 0.0;
  const double r2 = radius * radius;
  crossings_.clear();
  for (const Edge& e : edges_) {
    if (radius <= e.min_distance || radius > e.max_distance) continue;
    // f(t) = |p + t(q − p)|² − r² = a t² + 2 b t + g; a vertex with f = 0 counts as outside
    // (as if the radius were a hair smaller), computed from the vertex alone so the two
    // edges meeting there agree.
    const double ex = e.qx - e.px, ey = e.qy - e.py;
    const double fp = e.px * e.px + e.py * e.py - r2;
    const double fq = e.qx * e.qx + e.qy * e.qy - r2;
    const bool p_in = fp < 0.0, q_in = fq < 0.0;
    if (p_in && q_in) continue;
    const double a = ex * ex + ey * ey;
    const double b = e.px * ex + e.py * ey;
    const double disc = b * b - a * fp;
    auto add = [&](double t, bool enters) {
      t = std::clamp(t, 0.0, 1.0);
      crossings_.push_back({angle_of(e.px + t * ex, e.py + t * ey), enters});
    };
    if (p_in != q_in) {
      // One crossing; where the edge leaves the disk the circle enters the window.
      const double root = std::sqrt(std::max(disc, 0.0));
      if (p_in) {
        add((-b + root) / a, true);
      } else {
        add((-b - root) / a, false);
      }
    } else {
      // Both ends outside: two crossings when the edge dips strictly into the disk.
      const double t_min = -b / a;
      if (!(t_min > 0.0 && t_min < 1.0) || !(disc > 0.0)) continue;
      const double root = std::sqrt(disc);
      add((-b - root) / a, false);
      add((-b + root) / a, true);
    }
  }
  // Each inside arc runs from an entering to a leaving crossing, so the inside length is
  // Σ θ_leave − Σ θ_enter, plus 2π when an inside arc wraps through angle 0 (exactly when
  // that sum is negative). Unlike walking the sorted crossings, this does not depend on how
  // crossings at equal angles (a circle through a vertex) are ordered.
  double balance = 0.0;
  for (const Crossing& c : crossings_) balance += c.enters ? -c.angle : c.angle;
  constexpr double kTurn = 2.0 * std::numbers::pi;
  if (std::fabs(balance) > 1e-12 * kTurn) {
    const double inside = balance < 0.0 ? balance + kTurn : balance;
    return std::clamp(inside / kTurn, 0.0, 1.0);
  }
  // No crossings, or only touching ones: the circle lies wholly inside or wholly outside.
  // Test a point in the middle of the widest gap between crossings.
  double probe = 0.0;
  if (!crossings_.empty()) {
    std::sort(crossings_.begin(), crossings_.end(),
              [](const Crossing& l, const Crossing& r) { return l.angle < r.angle; });
    double widest = -1.0;
    for (size_t k = 0; k < crossings_.size(); ++k) {
      const double next = k + 1 < crossings_.size() ? crossings_[k + 1].angle : crossings_[0].angle + kTurn;
      if (next - crossings_[k].angle > widest) {
        widest = next - crossings_[k].angle;
        probe = crossings_[k].angle + widest / 2.0;
      }
    }
  }
  return window_->contains(cx_ + radius * std::cos(probe), cy_ + radius * std::sin(probe)) ? 1.0 : 0.0;
}

double PatternWindow::circle_share(double x, double y, double radius) const {
  Centre centre;
  prepare(x, y, radius, centre);
  return centre.share(radius);
}

}  // namespace kk::stats
