// Builders of spatial weights beyond the distance band of spatial_weights.hpp: contiguity of
// polygons, k nearest neighbours, inverse-distance bands, and the list of islands.
// Each returns the one SpatialWeights type every statistic takes; row standardisation is
// SpatialWeights::row_standardised().
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kernkompas/geometry/multipolygon_array.hpp"
#include "kernkompas/stats/spatial_weights.hpp"

namespace kk::stats {

enum class Contiguity : uint8_t {
  kQueen = 0,  // a shared vertex makes neighbours
  kRook = 1,   // a shared edge (two consecutive vertices in common) makes neighbours
};

// Binary contiguity of the features of `polygons` (all rings: exteriors and holes, all
// parts), exactly on coordinates, the rule of libpysal.weights.Queen / Rook.from_dataframe:
//  - queen: i and j are neighbours when a vertex of i equals a vertex of j (x and y equal
//    as doubles);
//  - rook: when an edge of i equals an edge of j, an edge being the unordered pair of two
//    consecutive vertices of one ring.
// Exact matching is the point: polygons from one topologically clean layer (CBS buurten,
// a cadastral or grid layer) share their boundary vertices bit for bit, and then no GEOS
// predicate or tolerance is needed. Polygons that touch along a segment without common
// vertices (a T-junction, a digitising gap) are not neighbours, as in libpysal; snap or
// repair the layer first if that matters. Empty features are islands.
// One difference from libpysal: libpysal chains every ring of a feature into one vertex
// list, so for a feature with holes or several parts it also forms a spurious "edge" from
// the end of one ring to the start of the next; edges here stay inside their ring. Two
// features share such a spurious edge only in contrived cases.
// Throws kk::Error (kInvalidArgument) for a non-finite vertex (the message names the feature).
SpatialWeights contiguity_weights(const geometry::MultiPolygonArray& polygons, Contiguity kind);

// k nearest neighbours of each point (itself excluded), weight 1: the k points at the
// smallest Euclidean distance, equal distances broken by the lower index (kk::index::
// PointIndex). libpysal.weights.KNN asks scipy's KDTree, whose order among equal distances
// is not specified; both agree whenever the k-th and (k+1)-th distances differ. Coincident
// points are neighbours at distance 0. With fewer than k + 1 points every other point is a
// neighbour. Weights are not symmetric (j may list i while i does not list j).
// Throws kk::Error (kInvalidArgument) for k = 0, x and y of different lengths, a non-finite
// coordinate, or more than 2^32 - 1 points.
SpatialWeights knn_weights(std::span<const double> x, std::span<const double> y, uint32_t k);

// The distance band of SpatialWeights::distance_band (neighbours at distance <= threshold)
// with inverse-distance weights w_ij = d_ij^power (power < 0; -1 is libpysal's
// DistanceBand(binary=False) default alpha, -2 the gravity form).
// Throws kk::Error (kInvalidArgument) for power >= 0 or not finite, and for two distinct
// observations at the same position inside the band (their weight would be infinite; the
// message names both).
SpatialWeights inverse_distance_band(std::span<const double> x, std::span<const double> y,
                                     double threshold, double power = -1.0);

// Observations without neighbours (empty rows), ascending.
std::vector<uint32_t> islands(const SpatialWeights& weights);

}  // namespace kk::stats
