// RAII GEOS handle and geometry conversion between GEOS and the ragged polygon array.
// Private to the engine: GEOS types never appear in public headers.
#pragma once

#include <geos_c.h>

#include <memory>
#include <string>

#include "kernkompas/geometry/multipolygon_array.hpp"

namespace kk::internal {

// One GEOS context per owner (and so per thread); GEOS messages are kept for errors.
class GeosContext {
 public:
  GeosContext();
  ~GeosContext();
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;

  GEOSContextHandle_t get() const { return handle_; }
  const std::string& last_message() const { return message_; }

 private:
  static void on_message(const char* message, void* self);
  GEOSContextHandle_t handle_;
  std::string message_;
};

struct GeosGeometryDeleter {
  GEOSContextHandle_t context;
  void operator()(GEOSGeometry* geometry) const { GEOSGeom_destroy_r(context, geometry); }
};
using GeosGeometryPtr = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

// Feature `index` as a GEOS MultiPolygon.
GeosGeometryPtr to_geos(const GeosContext& geos, const geometry::MultiPolygonArray& polygons,
                        size_t index);

// Appends the polygonal parts of `geometry` (Polygon, MultiPolygon or a collection) as one
// feature; other types inside a collection are dropped.
void append_from_geos(const GeosContext& geos, const GEOSGeometry* geometry,
                      geometry::MultiPolygonArray& out);

}  // namespace kk::internal
