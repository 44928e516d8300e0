// Deterministic synthetic data for the assignment benchmark: a jittered tiling of M polygons
// and N uniform points. benchmarks/compare_assign.py rebuilds the very same doubles with
// numpy, so every operation here is one numpy repeats bit for bit: uint64 arithmetic that
// wraps, and float64 +, -, *, / evaluated left to right (the target is built with
// -ffp-contract=off, so no fused multiply-add changes a rounding).
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "kernkompas/geometry/multipolygon_array.hpp"

namespace kk::bench {

inline constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

// The SplitMix64 output for state `z`: splitmix64(seed + k * kGolden) is the (k+1)-th value of
// a SplitMix64 generator seeded with `seed`.
inline uint64_t splitmix64(uint64_t z) {
  z += kGolden;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// [0, 1) from the top 53 bits: exact in float64, so numpy gets the same double.
inline double unit_double(uint64_t v) { return static_cast<double>(v >> 11) * 0x1p-53; }

// The tiling covers [kOriginX, kOriginX + kExtent] × [kOriginY, kOriginY + kExtent] (RD-like
// metres); points are drawn over a square 2% wider, centred on it.
inline constexpr double kOriginX = 100000.0;
inline constexpr double kOriginY = 400000.0;
inline constexpr double kExtent = 100000.0;
inline constexpr double kPointMinX = 99000.0;   // kOriginX - 0.01 * kExtent
inline constexpr double kPointMinY = 399000.0;  // kOriginY - 0.01 * kExtent
inline constexpr double kPointSpan = 102000.0;  // 1.02 * kExtent
inline constexpr double kJitter = 0.3;          // corner jitter, as a share of the cell size
inline constexpr int kSegmentsPerEdge = 4;      // so every polygon has 16 vertices

struct GridShape {
  uint32_t nx, ny;
};

// nx × ny = m with ny the largest divisor of m not above sqrt(m): 10 × 10 for 100,
// 40 × 25 for 1000, 100 × 100 for 10000.
inline GridShape grid_shape(uint32_t m) {
  uint32_t ny = 1;
  for (uint32_t d = 1; static_cast<uint64_t>(d) * d <= m; ++d) {
    if (m % d == 0) ny = d;
  }
  return {m / ny, ny};
}

// Key of grid corner (i, j) for its jitter; the XOR of two multiplied indices is the classic
// spatial hash of Teschner et al.
inline uint64_t corner_key(uint64_t i, uint64_t j) { return (i * 73856093ULL) ^ (j * 19349663ULL); }

// M polygons tiling the extent: a grid of nx × ny cells whose corners are jittered by up to
// ±15% of the cell size (shared corners, so the cells still tile without gaps or overlaps),
// every edge cut into four straight segments. Feature index = j * nx + i, row by row from
// the south-west; rings counter-clockwise.
inline geometry::MultiPolygonArray synthetic_polygons(uint32_t m) {
  const GridShape shape = grid_shape(m);
  const uint32_t cols = shape.nx + 1, rows = shape.ny + 1;
  const double cell_w = kExtent / static_cast<double>(shape.nx);
  const double cell_h = kExtent / static_cast<double>(shape.ny);
  std::vector<double> cx(size_t{cols} * rows), cy(size_t{cols} * rows);
  for (uint32_t j = 0; j < rows; ++j) {
    for (uint32_t i = 0; i < cols; ++i) {
      const uint64_t hx = splitmix64(corner_key(i, j));
      const uint64_t hy = splitmix64(hx);
      const size_t c = size_t{j} * cols + i;
      cx[c] = kOriginX + static_cast<double>(i) * cell_w + (unit_double(hx) - 0.5) * kJitter * cell_w;
      cy[c] = kOriginY + static_cast<double>(j) * cell_h + (unit_double(hy) - 0.5) * kJitter * cell_h;
    }
  }
  // Points along the edge from corner a to corner b, always computed in the direction of
  // increasing index so both cells that share the edge get identical doubles.
  auto along = [&](size_t a, size_t b, int t, double& x, double& y) {
    const double f = static_cast<double>(t) / kSegmentsPerEdge;
    x = cx[a] + (cx[b] - cx[a]) * f;
    y = cy[a] + (cy[b] - cy[a]) * f;
  };
  geometry::MultiPolygonArray out;
  std::vector<double> rx, ry;
  for (uint32_t j = 0; j < shape.ny; ++j) {
    for (uint32_t i = 0; i < shape.nx; ++i) {
      const size_t sw = size_t{j} * cols + i, se = sw + 1, nw = sw + cols, ne = nw + 1;
      rx.clear();
      ry.clear();
      double x = 0, y = 0;
      auto edge = [&](size_t from, size_t to, bool forward) {
        rx.push_back(cx[forward ? from : to]);
        ry.push_back(cy[forward ? from : to]);
        for (int s = 1; s < kSegmentsPerEdge; ++s) {
          along(from, to, forward ? s : kSegmentsPerEdge - s, x, y);
          rx.push_back(x);
          ry.push_back(y);
        }
      };
      edge(sw, se, true);   // south, west to east
      edge(se, ne, true);   // east, south to north
      edge(nw, ne, false);  // north, east to west
      edge(sw, nw, false);  // west, north to south
      out.begin_feature();
      out.begin_part();
      out.add_ring(rx, ry);
    }
  }
  return out;
}

struct Points {
  std::vector<double> x, y;
};

// n points uniform over the point square: x from draw 2k, y from draw 2k + 1 of a
// SplitMix64 generator seeded with `seed`.
inline Points synthetic_points(size_t n, uint64_t seed = 42) {
  Points p;
  p.x.resize(n);
  p.y.resize(n);
  for (size_t k = 0; k < n; ++k) {
    p.x[k] = kPointMinX + unit_double(splitmix64(seed + (2 * k) * kGolden)) * kPointSpan;
    p.y[k] = kPointMinY + unit_double(splitmix64(seed + (2 * k + 1) * kGolden)) * kPointSpan;
  }
  return p;
}

}  // namespace kk::bench
