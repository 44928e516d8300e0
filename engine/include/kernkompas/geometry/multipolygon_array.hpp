// An array of (multi)polygons in shapely's ragged layout: coordinates plus offsets.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace kk::geometry {

struct Box {
  double min_x, min_y, max_x, max_y;
  bool contains(double x, double y) const {
    return x >= min_x && x <= max_x && y >= min_y && y <= max_y;
  }
};

// Feature f has parts part_offsets[f] .. part_offsets[f+1]; part p has rings
// ring_offsets[p] .. ring_offsets[p+1], the first being the exterior; ring r has vertices
// vertex_offsets[r] .. vertex_offsets[r+1] in x/y, closed (last vertex == first).
// A feature with no parts is an empty geometry (e.g. buitengebied has none).
struct MultiPolygonArray {
  std::vector<double> x, y;
  std::vector<uint32_t> vertex_offsets{0};
  std::vector<uint32_t> ring_offsets{0};
  std::vector<uint32_t> part_offsets{0};

  size_t size() const { return part_offsets.size() - 1; }
  size_t part_count() const { return ring_offsets.size() - 1; }
  size_t ring_count() const { return vertex_offsets.size() - 1; }

  // Builders: begin a feature, then parts, then rings of vertices.
  void begin_feature() { part_offsets.push_back(part_offsets.back()); }
  void begin_part() {
    ring_offsets.push_back(ring_offsets.back());
    ++part_offsets.back();
  }
  // Appends a ring; closes it if the caller did not repeat the first vertex.
  void add_ring(std::span<const double> ring_x, std::span<const double> ring_y);

  // Appends an axis-aligned square with lower-left corner (x0, y0) as one feature (grid cells).
  void add_square_feature(double x0, double y0, double side);

  // Appends feature `index` of another array.
  void append_feature(const MultiPolygonArray& other, size_t index);
};

// Planar area in squared CRS units (holes subtracted), per feature.
double feature_area(const MultiPolygonArray& polygons, size_t feature);
// Length of all ring boundaries (exterior and holes), per feature.
double feature_perimeter(const MultiPolygonArray& polygons, size_t feature);
Box feature_bounds(const MultiPolygonArray& polygons, size_t feature);
Box part_bounds(const MultiPolygonArray& polygons, size_t part);

}  // namespace kk::geometry
