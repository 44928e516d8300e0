// Nearest-neighbour and radius queries over a fixed set of points (the locations of a run).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace kk::index {

struct Neighbour {
  uint32_t index;   // position of the point in the arrays the index was built from
  double distance;  // Euclidean, in the units of the coordinates
};

// A static spatial index over points, built once (bulk-loaded Boost.Geometry R-tree; see
// docs/benchmarks.md for the comparison with nanoflann that chose it). Read-only after
// construction, so any number of threads may query it at once.
//
// Every answer is deterministic: equal distances are ordered by the lower index, whatever
// the tree's internal layout. Points with a NaN coordinate are not indexed and never
// returned; a query at a NaN position returns nothing.
class PointIndex {
 public:
  // x and y have equal lengths (checked); at most 2^32 - 1 points. The index keeps no
  // reference to the arrays.
  PointIndex(std::span<const double> x, std::span<const double> y);
  ~PointIndex();
  PointIndex(PointIndex&&) noexcept;
  PointIndex& operator=(PointIndex&&) noexcept;

  // Number of indexed points (those without a NaN coordinate).
  size_t size() const;

  // The k points nearest to (x, y), closest first, ties by index; fewer when the index
  // holds fewer. Replaces the contents of `out`.
  void nearest(double x, double y, size_t k, std::vector<Neighbour>& out) const;

  // As nearest(), for indexed point `self`, leaving `self` out (other points at the same
  // position are returned at distance 0).
  void nearest_to(uint32_t self, size_t k, std::vector<Neighbour>& out) const;

  // Every point at distance <= radius from (x, y), by ascending index. Replaces `out`.
  void within(double x, double y, double radius, std::vector<Neighbour>& out) const;

  // The number of points within() would return, without collecting them (DBSCAN's
  // neighbourhood sizes).
  size_t count_within(double x, double y, double radius) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kk::index
