// Polygon repair with GEOS MakeValid.
#include "kernkompas/geometry/repair.hpp"

#include <string>

#include "kernkompas/core/error.hpp"
#include "kernkompas_internal/geos_context.hpp"

namespace kk::geometry {

MultiPolygonArray make_valid(const MultiPolygonArray& polygons, std::vector<RepairReport>& repairs) {
  internal::GeosContext geos;
  MultiPolygonArray out;
  for (size_t f = 0; f < polygons.size(); ++f) {
    internal::GeosGeometryPtr geometry{nullptr, {geos.get()}};
    try {
      geometry = internal::to_geos(geos, polygons, f);
    } catch (const InputError& error) {
      throw InputError(error.code(), "feature " + std::to_string(f) + ": " + error.what());
    }
    if (GEOSisValid_r(geos.get(), geometry.get()) == 1) {
      out.append_feature(polygons, f);
      continue;
    }
    char* reason = GEOSisValidReason_r(geos.get(), geometry.get());
    repairs.push_back({f, reason != nullptr ? reason : "invalid"});
    GEOSFree_r(geos.get(), reason);
    internal::GeosGeometryPtr valid(GEOSMakeValid_r(geos.get(), geometry.get()), {geos.get()});
    if (!valid) {
      throw InputError(ErrorCode::kInvalidGeometry,
                       "feature " + std::to_string(f) + ": MakeValid failed: " + geos.last_message());
    }
    const size_t parts_before = out.part_count();
    internal::append_from_geos(geos, valid.get(), out);
    if (out.part_count() == parts_before) {
      throw InputError(ErrorCode::kInvalidGeometry,
                       "feature " + std::to_string(f) + ": polygon collapses to no area when repaired (" +
                           repairs.back().reason + ")");
    }
  }
  return out;
}

}  // namespace kk::geometry
