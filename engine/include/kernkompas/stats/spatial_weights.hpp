// Spatial weights in compressed sparse row (CSR) form: one abstraction for every local and
// global statistic (Gi*, Moran's I, ...), whatever built the weights.
//
// Row i lists the neighbours j != i of observation i with their weights w_ij, neighbours in
// ascending order. The diagonal is never stored: statistics that include the observation
// itself (Gi*, kernel weights) take the self weight as their own parameter. Keeping self out
// of the rows is what conditional permutation needs anyway (i stays fixed, only the
// neighbours are drawn).
//
// Builders here: explicit CSR arrays, binary distance band on points and on regular grid
// cells. Queen/rook contiguity, k nearest neighbours and inverse-distance bands are in
// weights_builders.hpp and return the same type; row standardisation is a transform of it.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace kk::stats {

enum class WeightsTransform : uint8_t {
  kBinary = 0,           // as built: w_ij = 1 for neighbours (binary builders)
  kRowStandardised = 1,  // each row sums to 1 (rows without neighbours stay empty)
  kOther = 2,            // any other explicit weights (from_csr)
};

class SpatialWeights {
 public:
  // An empty weights object (zero observations).
  SpatialWeights() : offsets_{0} {}

  // Takes CSR arrays: offsets (size n + 1, offsets[0] = 0, non-decreasing, last = size of
  // neighbours), neighbours (column indices < n) and weights (finite, same size as
  // neighbours). Each row is sorted by neighbour index on the way in.
  // Throws kk::Error (kInvalidArgument) for inconsistent arrays, a neighbour index out of
  // range, a self neighbour (i in row i) or a neighbour listed twice in one row.
  static SpatialWeights from_csr(std::vector<uint64_t> offsets, std::vector<uint32_t> neighbours,
                                 std::vector<double> weights,
                                 WeightsTransform transform = WeightsTransform::kOther);

  // Binary distance band on points: j is a neighbour of i (j != i) when the Euclidean
  // distance is <= threshold (the same rule as libpysal.weights.DistanceBand, binary=True).
  // Coordinates in metres; REQUIRES: threshold >= 0 and finite, x and y of equal length.
  static SpatialWeights distance_band(std::span<const double> x, std::span<const double> y,
                                      double threshold);

  // Binary distance band on the cells of a regular grid, given by integer column and row
  // indices (one entry per observation, each cell at most once): j is a neighbour of i when
  // the distance between the cell centres, cell_size * sqrt(dc² + dr²), is <= threshold.
  // Computed on the integer offsets, so a band of exactly 1 or sqrt(2) cells is not at the
  // mercy of rounding (a relative tolerance of 1e-9 is allowed). With threshold = 1.5 cells
  // the result is queen contiguity (the 8 surrounding cells).
  // Throws kk::Error (kInvalidArgument) when a cell occurs twice or sizes are not positive.
  static SpatialWeights grid_distance_band(std::span<const int64_t> column,
                                           std::span<const int64_t> row, double cell_size,
                                           double threshold);

  size_t size() const { return offsets_.size() - 1; }
  size_t nonzero_count() const { return neighbours_.size(); }
  WeightsTransform transform() const { return transform_; }

  // Neighbours j != i of observation i and their weights, in ascending order of j.
  std::span<const uint32_t> neighbours(size_t i) const {
    return {neighbours_.data() + offsets_[i], neighbours_.data() + offsets_[i + 1]};
  }
  std::span<const double> weights(size_t i) const {
    return {weights_.data() + offsets_[i], weights_.data() + offsets_[i + 1]};
  }
  size_t cardinality(size_t i) const { return offsets_[i + 1] - offsets_[i]; }
  size_t max_cardinality() const;
  // Number of observations without neighbours.
  size_t island_count() const;

  // A copy in which each row sums to 1; rows without neighbours stay empty.
  SpatialWeights row_standardised() const;

  // Raw CSR arrays, e.g. to hand to Python without a copy.
  const std::vector<uint64_t>& offsets() const { return offsets_; }
  const std::vector<uint32_t>& neighbour_indices() const { return neighbours_; }
  const std::vector<double>& weight_values() const { return weights_; }

 private:
  std::vector<uint64_t> offsets_;
  std::vector<uint32_t> neighbours_;
  std::vector<double> weights_;
  WeightsTransform transform_ = WeightsTransform::kBinary;
};

}  // namespace kk::stats
