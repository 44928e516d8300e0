// Coordinate transformation with PROJ, with a plausibility check of the input coordinates.
#pragma once

#include <memory>
#include <span>
#include <string>

namespace kk::layers {

// Transforms coordinates from a source CRS to a target CRS in traditional GIS order
// (x = easting/longitude, y = northing/latitude) whatever the CRS's axis order.
// Each instance owns its PROJ context: use one per thread.
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

  // Checks every coordinate lies within (a margin around) the source CRS's area of use and
  // the target's. Returns the index of the first implausible one, or -1.
  long first_implausible(std::span<const double> x, std::span<const double> y) const;

  // In place. Returns the index of the first coordinate PROJ could not transform, or -1.
  long transform(std::span<double> x, std::span<double> y) const;

  const std::string& source_name() const;
  const std::string& target_name() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kk::layers
