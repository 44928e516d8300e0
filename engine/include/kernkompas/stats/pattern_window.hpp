// The study window of a point pattern (one polygon, holes and several parts allowed): its
// area, exact point-in-window tests, uniform random points inside it, and the share of a
// circle's circumference that lies inside it (Ripley's isotropic edge correction).
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "kernkompas/geometry/multipolygon_array.hpp"
#include "kernkompas/stats/random.hpp"

namespace kk::stats {

class PatternWindow {
 public:
  // Feature `feature` of `polygons` (a valid polygon or multipolygon, holes allowed; ring
  // orientation does not matter). The window copies what it needs and keeps no reference.
  // Throws kk::Error (kInvalidArgument) when the feature does not exist, is empty or has
  // no area.
  PatternWindow(const geometry::MultiPolygonArray& polygons, size_t feature);
  ~PatternWindow();
  PatternWindow(PatternWindow&&) noexcept;
  PatternWindow& operator=(PatternWindow&&) noexcept;

  double area() const;       // squared coordinate units, holes subtracted
  double perimeter() const;  // every ring's length
  geometry::Box bounds() const;

  // Whether (x, y) lies in the closed window (a point on the boundary is inside; a point in
  // a hole is not). Exact for the double coordinates given.
  bool contains(double x, double y) const;

  // Replaces x and y by `count` independent uniform points in the window: rejection
  // sampling in the bounding box, drawing from `stream` (x then y per trial), so the points
  // depend only on the stream.
  void uniform_points(size_t count, RandomStream& stream, std::vector<double>& x,
                      std::vector<double>& y) const;

  // The boundary edges near one centre, prepared once for many circles around it (every
  // partner point of one point in Ripley's K). Reuse one object per thread: preparing
  // overwrites it. Not thread-safe itself.
  class Centre {
   public:
    // Distance from the centre to the nearest boundary edge within the prepared reach;
    // +infinity when none is that close.
    double boundary_distance() const { return boundary_distance_; }

    // Share of the circumference of the circle of `radius` around the centre that lies
    // inside the window, in [0, 1]. Exact: the circle is intersected with every nearby
    // edge and the arcs between crossings that lie inside are summed. A vertex exactly on
    // the circle counts as just outside it (a consistent symbolic perturbation, so a
    // circle through a vertex is neither counted twice nor missed). Radius 0 gives 1 for a
    // centre in the window. REQUIRES: 0 <= radius <= the prepared reach.
    double share(double radius) const;

   private:
    friend class PatternWindow;
    struct Edge {
      double px, py, qx, qy;  // relative to the centre; interior on the left of p -> q
      double min_distance, max_distance;
    };
    struct Crossing {
      double angle;  // in [0, 2π)
      bool enters;   // going anticlockwise, the circle enters the window here
    };
    const PatternWindow* window_ = nullptr;
    double cx_ = 0.0, cy_ = 0.0;
    bool inside_ = false;
    double boundary_distance_ = std::numeric_limits<double>::infinity();
    std::vector<Edge> edges_;
    std::vector<uint32_t> seen_;  // per window edge: the stamp of the last query that saw it
    uint32_t stamp_ = 0;
    mutable std::vector<Crossing> crossings_;
  };

  // Prepares `out` for circles of radius up to `reach` around (x, y).
  void prepare(double x, double y, double reach, Centre& out) const;

  // One-off form of Centre::share (prepares a centre each call).
  double circle_share(double x, double y, double radius) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kk::stats
