// Coordinate transformation with PROJ, with a plausibility check of the input coordinates.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace kk::layers {

// Checks that `definition` can be the working CRS: a projected CRS whose axes are in metres
// (areas come out in m², densities per km², distances in m). A compound CRS is judged by its
// horizontal part. Throws kk::InputError (kCrsTransform) "<where>: '<definition>' (<name>) is
// <what it is>; the working CRS must be projected in metres, e.g. EPSG:28992 (RD New)", or
// "<where>: CRS '<definition>' is not understood by PROJ". `where` names the setting:
// "analysis.working_crs", "working_crs".
void check_working_crs(const std::string& definition, std::string_view where);

// Transforms coordinates from a source CRS to a target CRS in traditional GIS order
// (x = easting/longitude, y = northing/latitude) whatever the CRS's axis order.
// Each instance owns its PROJ context: use one per thread.
//
// Plausibility: a coordinate is plausible when it lies within a 1° margin around the source
// CRS's area of use and the target's. The constructor turns each area (with its margin) into
// bounds in that CRS's own coordinates: lon/lat for a geographic CRS, a box (PROJ's
// proj_trans_bounds) for a projected one. Source coordinates are tested against the source's
// bounds; the target's area is tested on the source coordinates when they are lon/lat, else
// on the transformed coordinates. So the check costs a few comparisons per point and no PROJ
// call. A box is a little larger than the curved area it holds: points just beyond a corner
// of the margin may pass. Where there is no box (an area that crosses the antimeridian or
// reaches ±180° or a pole with its margin, or PROJ cannot compute one) that side falls back to
// transforming the points to lon/lat and testing the area exactly.
class CrsTransform {
 public:
  // `source` and `target`: anything PROJ accepts ("EPSG:4326", WKT, PROJ strings).
  // Throws kk::InputError (kCrsTransform) when either is not understood.
  CrsTransform(const std::string& source, const std::string& target);
  ~CrsTransform();
  CrsTransform(const CrsTransform&) = delete;
  CrsTransform& operator=(const CrsTransform&) = delete;

  // True when source and target are the same CRS (nothing to do).
  bool is_identity() const;

  // Checks every coordinate is plausible (see above) for the source CRS and the target.
  // Returns the index of the first implausible one, or -1. When the target's area has to be
  // tested on transformed coordinates this transforms a copy: a caller that transforms
  // anyway should call transform_checked() instead.
  long first_implausible(std::span<const double> x, std::span<const double> y) const;

  // In place. Returns the index of the first coordinate PROJ could not transform, or -1.
  // Does not check plausibility.
  long transform(std::span<double> x, std::span<double> y) const;

  // What transform_checked() found: indexes of the first implausible coordinate and of the
  // first PROJ could not transform, -1 for none.
  struct Checked {
    long implausible = -1;
    long failed = -1;
  };
  // first_implausible() and transform() in one pass: source coordinates are checked before
  // transforming, transformed ones after. x and y are changed only when both results are -1
  // (so on a problem they still hold the input, for the message).
  Checked transform_checked(std::span<double> x, std::span<double> y) const;

  const std::string& source_name() const;
  const std::string& target_name() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kk::layers
