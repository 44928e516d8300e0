// Kern centres by GEOS point-on-surface.
#include "kern_centres.hpp"

#include <limits>

#include "kernkompas/core/error.hpp"
#include "kernkompas_internal/geos_context.hpp"

namespace kk::access {

Points kern_centres(const geometry::MultiPolygonArray& kernen) {
  const internal::GeosContext geos;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Points centres;
  for (size_t k = 0; k < kernen.size(); ++k) {
    double x = nan, y = nan;
    if (kernen.part_offsets[k] != kernen.part_offsets[k + 1]) {
      const internal::GeosGeometryPtr polygon = internal::to_geos(geos, kernen, k);
      const internal::GeosGeometryPtr point(GEOSPointOnSurface_r(geos.get(), polygon.get()),
                                            internal::GeosGeometryDeleter{geos.get()});
      if (point == nullptr) throw Error(ErrorCode::kInternal, "GEOS point on surface: " + geos.last_message());
      if (!GEOSisEmpty_r(geos.get(), point.get())) {
        GEOSGeomGetX_r(geos.get(), point.get(), &x);
        GEOSGeomGetY_r(geos.get(), point.get(), &y);
      }
    }
    centres.x.push_back(x);
    centres.y.push_back(y);
  }
  return centres;
}

}  // namespace kk::access
