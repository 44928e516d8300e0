// Ragged polygon array: building and planar measures.
#include "kernkompas/geometry/multipolygon_array.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kk::geometry {

void MultiPolygonArray::add_ring(std::span<const double> ring_x, std::span<const double> ring_y) {
  x.insert(x.end(), ring_x.begin(), ring_x.end());
  y.insert(y.end(), ring_y.begin(), ring_y.end());
  if (!ring_x.empty() && (ring_x.front() != ring_x.back() || ring_y.front() != ring_y.back())) {
    x.push_back(ring_x.front());
    y.push_back(ring_y.front());
  }
  vertex_offsets.push_back(static_cast<uint32_t>(x.size()));
  ++ring_offsets.back();
}

void MultiPolygonArray::add_square_feature(double x0, double y0, double side) {
  const double ring_x[] = {x0, x0 + side, x0 + side, x0, x0};
  const double ring_y[] = {y0, y0, y0 + side, y0 + side, y0};
  begin_feature();
  begin_part();
  add_ring(ring_x, ring_y);
}

void MultiPolygonArray::append_feature(const MultiPolygonArray& other, size_t index) {
  begin_feature();
  for (uint32_t part = other.part_offsets[index]; part < other.part_offsets[index + 1]; ++part) {
    begin_part();
    for (uint32_t ring = other.ring_offsets[part]; ring < other.ring_offsets[part + 1]; ++ring) {
      const uint32_t begin = other.vertex_offsets[ring], end = other.vertex_offsets[ring + 1];
      add_ring({other.x.data() + begin, end - begin}, {other.y.data() + begin, end - begin});
    }
  }
}

namespace {

// Signed shoelace area of one closed ring.
double ring_signed_area(const MultiPolygonArray& p, uint32_t ring) {
  const uint32_t begin = p.vertex_offsets[ring], end = p.vertex_offsets[ring + 1];
  if (end - begin < 4) return 0.0;
  // Shift to the first vertex: RD coordinates are ~1e5 m, and products of large numbers
  // lose the small differences that make up a narrow polygon's area.
  const double x0 = p.x[begin], y0 = p.y[begin];
  double twice = 0.0;
  for (uint32_t i = begin; i + 1 < end; ++i) {
    twice += (p.x[i] - x0) * (p.y[i + 1] - y0) - (p.x[i + 1] - x0) * (p.y[i] - y0);
  }
  return twice / 2.0;
}

}  // namespace

double feature_area(const MultiPolygonArray& p, size_t feature) {
  double area = 0.0;
  for (uint32_t part = p.part_offsets[feature]; part < p.part_offsets[feature + 1]; ++part) {
    for (uint32_t ring = p.ring_offsets[part]; ring < p.ring_offsets[part + 1]; ++ring) {
      const double a = std::abs(ring_signed_area(p, ring));
      area += ring == p.ring_offsets[part] ? a : -a;  // holes subtract whatever their winding
    }
  }
  return area;
}

double feature_perimeter(const MultiPolygonArray& p, size_t feature) {
  double length = 0.0;
  const uint32_t first_ring = p.ring_offsets[p.part_offsets[feature]];
  const uint32_t last_ring = p.ring_offsets[p.part_offsets[feature + 1]];
  for (uint32_t ring = first_ring; ring < last_ring; ++ring) {
    for (uint32_t i = p.vertex_offsets[ring]; i + 1 < p.vertex_offsets[ring + 1]; ++i) {
      length += std::hypot(p.x[i + 1] - p.x[i], p.y[i + 1] - p.y[i]);
    }
  }
  return length;
}

namespace {

Box vertex_bounds(const MultiPolygonArray& p, uint32_t begin, uint32_t end) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  Box box{kInf, kInf, -kInf, -kInf};
  for (uint32_t i = begin; i < end; ++i) {
    box.min_x = std::min(box.min_x, p.x[i]);
    box.min_y = std::min(box.min_y, p.y[i]);
    box.max_x = std::max(box.max_x, p.x[i]);
    box.max_y = std::max(box.max_y, p.y[i]);
  }
  return box;
}

}  // namespace

Box feature_bounds(const MultiPolygonArray& p, size_t feature) {
  const uint32_t first_ring = p.ring_offsets[p.part_offsets[feature]];
  const uint32_t last_ring = p.ring_offsets[p.part_offsets[feature + 1]];
  return vertex_bounds(p, p.vertex_offsets[first_ring], p.vertex_offsets[last_ring]);
}

Box part_bounds(const MultiPolygonArray& p, size_t part) {
  // The exterior ring bounds the part; holes lie inside it.
  const uint32_t exterior = p.ring_offsets[part];
  return vertex_bounds(p, p.vertex_offsets[exterior], p.vertex_offsets[exterior + 1]);
}

}  // namespace kk::geometry
