// Nearest-neighbour distances of a point pattern and the Clark–Evans aggregation index
// (Clark & Evans 1954), plain and with Donnelly's (1978) edge correction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace kk::stats {

struct NearestNeighbourOptions {
  // Worker threads for the queries. DEFAULT: 1. REQUIRES: >= 1. Results never depend on it.
  unsigned threads = 1;
};

struct NearestNeighbourResult {
  // Per point: the distance to its nearest other point (0 for a coincident point) and that
  // point's index (the lowest index among equally near ones). With fewer than two points:
  // NaN and UINT32_MAX.
  std::vector<double> distance;
  std::vector<uint32_t> neighbour;
  // Mean of `distance` over all points; NaN with fewer than two points.
  double mean_distance = 0.0;
};

// The nearest neighbour of each of the n points (x[i], y[i]), on kk::index::PointIndex.
// Throws kk::Error (kInvalidArgument) when x and y differ in length, a coordinate is not
// finite (the message names the point), there are 2^32 - 1 points or more, or threads = 0.
NearestNeighbourResult nearest_neighbours(std::span<const double> x, std::span<const double> y,
                                          const NearestNeighbourOptions& options = {});

// One Clark–Evans test: observed mean distance d̄ against its expectation E under complete
// spatial randomness with standard error SE.
struct ClarkEvansTest {
  double expected = 0.0;        // E
  double standard_error = 0.0;  // SE
  double r = 0.0;               // R = d̄ / E: < 1 clustered, 1 random, up to 2.1491 regular
  double z = 0.0;               // (d̄ − E) / SE
  double p = 0.0;               // two-sided normal p of z
};

struct ClarkEvansResult {
  size_t n = 0;
  double mean_distance = 0.0;  // d̄
  // E = 0.5·sqrt(A/n), SE = 0.26136 / sqrt(n²/A) (Clark & Evans 1954; no edge correction).
  ClarkEvansTest plain;
  // Donnelly (1978): E = 0.5·sqrt(A/n) + (0.0514 + 0.041/sqrt(n))·P/n,
  // SE² = 0.0703·A/n² + 0.037·P·sqrt(A/n⁵).
  ClarkEvansTest donnelly;
};

// Clark–Evans R from a mean nearest-neighbour distance of n points in a window of area A
// and perimeter P (the formulas of docs/indicators.md and ../shared/INDICATORS.md).
// With n < 2 or a NaN mean distance every figure is NaN.
// Throws kk::Error (kInvalidArgument) unless area > 0 and perimeter >= 0, both finite.
ClarkEvansResult clark_evans(double mean_distance, size_t n, double area, double perimeter);

// The same from the points themselves (nearest_neighbours(), then the formula above).
ClarkEvansResult clark_evans(std::span<const double> x, std::span<const double> y, double area,
                             double perimeter, const NearestNeighbourOptions& options = {});

}  // namespace kk::stats
