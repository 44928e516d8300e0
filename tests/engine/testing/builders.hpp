// Shared builders for the engine tests: small polygons written out by hand, so every
// expected number in a test can be checked with pencil and paper.
#pragma once

#include <cmath>
#include <initializer_list>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

#include "kernkompas/data/kern_layer.hpp"
#include "kernkompas/geometry/multipolygon_array.hpp"

namespace kk::testing {

// A ring as (x, y) pairs; need not repeat the first vertex (add_ring closes it).
using Ring = std::vector<std::pair<double, double>>;
// A polygon part: exterior first, then holes.
using Part = std::vector<Ring>;

inline void add_ring(geometry::MultiPolygonArray& out, const Ring& ring) {
  std::vector<double> xs, ys;
  for (const auto& [x, y] : ring) {
    xs.push_back(x);
    ys.push_back(y);
  }
  out.add_ring(xs, ys);
}

// Appends one feature made of `parts`; an empty list gives an empty geometry.
inline void add_multipolygon(geometry::MultiPolygonArray& out, const std::vector<Part>& parts) {
  out.begin_feature();
  for (const Part& part : parts) {
    out.begin_part();
    for (const Ring& ring : part) add_ring(out, ring);
  }
}

// Counter-clockwise ring of the axis-aligned rectangle [x0, x1] × [y0, y1].
inline Ring rectangle_ring(double x0, double y0, double x1, double y1) {
  return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
}

inline void add_rectangle(geometry::MultiPolygonArray& out, double x0, double y0, double x1,
                          double y1) {
  add_multipolygon(out, {{rectangle_ring(x0, y0, x1, y1)}});
}

// Square with lower-left corner (x0, y0) and side `side`.
inline void add_square(geometry::MultiPolygonArray& out, double x0, double y0, double side) {
  add_rectangle(out, x0, y0, x0 + side, y0 + side);
}

// Square [x0, x0 + side]² with a square hole [hx0, hx0 + hole]² (hole given clockwise, as
// OGC asks; the engine must not care about winding).
inline void add_square_with_hole(geometry::MultiPolygonArray& out, double x0, double y0,
                                 double side, double hx0, double hy0, double hole) {
  Ring inner = {{hx0, hy0}, {hx0, hy0 + hole}, {hx0 + hole, hy0 + hole}, {hx0 + hole, hy0}};
  add_multipolygon(out, {{rectangle_ring(x0, y0, x0 + side, y0 + side), inner}});
}

// Star with `points` tips (2 * points vertices) around (cx, cy), radii alternating between
// `outer` and `inner`: an irregular, strongly non-convex ring.
inline Ring star_ring(double cx, double cy, double outer, double inner, int points) {
  Ring ring;
  for (int k = 0; k < 2 * points; ++k) {
    const double angle = std::numbers::pi * k / points;
    const double r = (k % 2 == 0) ? outer : inner;
    ring.emplace_back(cx + r * std::cos(angle), cy + r * std::sin(angle));
  }
  return ring;
}

inline geometry::MultiPolygonArray single(const std::vector<Part>& parts) {
  geometry::MultiPolygonArray out;
  add_multipolygon(out, parts);
  return out;
}

// A kern layer over the given polygons with codes "K0", "K1", ... and names "Kern 0", ...;
// population NaN unless given.
inline KernLayer make_kern_layer(geometry::MultiPolygonArray polygons,
                                 std::vector<double> population = {}) {
  KernLayer layer;
  for (size_t i = 0; i < polygons.size(); ++i) {
    layer.code.push_back("K" + std::to_string(i));
    layer.name.push_back("Kern " + std::to_string(i));
    layer.aliases.emplace_back();
    layer.population.push_back(i < population.size() ? population[i] : std::nan(""));
  }
  layer.geometry = std::move(polygons);
  return layer;
}

// Two 1 km squares side by side, codes "A" and "B": [0, 1000) and [1000, 2000) in x,
// [0, 1000) in y.
inline KernLayer two_square_kernen() {
  geometry::MultiPolygonArray polygons;
  add_square(polygons, 0, 0, 1000);
  add_square(polygons, 1000, 0, 1000);
  KernLayer kernen = make_kern_layer(std::move(polygons));
  kernen.code = {"A", "B"};
  return kernen;
}

}  // namespace kk::testing
