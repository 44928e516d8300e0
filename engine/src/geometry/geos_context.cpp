// GEOS context and conversions.
#include "kernkompas_internal/geos_context.hpp"

#include <vector>

#include "kernkompas/core/error.hpp"

namespace kk::internal {

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
  GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::on_message, this);
}

GeosContext::~GeosContext() { GEOS_finish_r(handle_); }

void GeosContext::on_message(const char* message, void* self) {
  static_cast<GeosContext*>(self)->message_ = message;
}

namespace {

GEOSGeometry* ring_to_geos(const GeosContext& geos, const geometry::MultiPolygonArray& p,
                           uint32_t ring) {
  const uint32_t begin = p.vertex_offsets[ring], end = p.vertex_offsets[ring + 1];
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(geos.get(), end - begin, 2);
  for (uint32_t i = begin; i < end; ++i) {
    GEOSCoordSeq_setXY_r(geos.get(), seq, i - begin, p.x[i], p.y[i]);
  }
  GEOSGeometry* ring_geometry = GEOSGeom_createLinearRing_r(geos.get(), seq);
  if (ring_geometry == nullptr) {
    throw InputError(ErrorCode::kInvalidGeometry, "ring with too few vertices: " + geos.last_message());
  }
  return ring_geometry;
}

void append_polygon(const GeosContext& geos, const GEOSGeometry* polygon,
                    geometry::MultiPolygonArray& out) {
  if (GEOSisEmpty_r(geos.get(), polygon)) return;
  out.begin_part();
  auto add = [&](const GEOSGeometry* ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(geos.get(), ring);
    unsigned size = 0;
    GEOSCoordSeq_getSize_r(geos.get(), seq, &size);
    std::vector<double> xs(size), ys(size);
    for (unsigned i = 0; i < size; ++i) GEOSCoordSeq_getXY_r(geos.get(), seq, i, &xs[i], &ys[i]);
    out.add_ring(xs, ys);
  };
  add(GEOSGetExteriorRing_r(geos.get(), polygon));
  const int holes = GEOSGetNumInteriorRings_r(geos.get(), polygon);
  for (int h = 0; h < holes; ++h) add(GEOSGetInteriorRingN_r(geos.get(), polygon, h));
}

void append_parts(const GeosContext& geos, const GEOSGeometry* geometry,
                  geometry::MultiPolygonArray& out) {
  const int type = GEOSGeomTypeId_r(geos.get(), geometry);
  if (type == GEOS_POLYGON) {
    append_polygon(geos, geometry, out);
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int count = GEOSGetNumGeometries_r(geos.get(), geometry);
    for (int i = 0; i < count; ++i) append_parts(geos, GEOSGetGeometryN_r(geos.get(), geometry, i), out);
  }
}

}  // namespace

GeosGeometryPtr to_geos(const GeosContext& geos, const geometry::MultiPolygonArray& p, size_t index) {
  // Every piece is owned by a GeosGeometryPtr until GEOS takes it over, so a ring GEOS
  // refuses (it throws) does not leak the rings and polygons built before it.
  const GeosGeometryDeleter deleter{geos.get()};
  std::vector<GeosGeometryPtr> polygons;
  for (uint32_t part = p.part_offsets[index]; part < p.part_offsets[index + 1]; ++part) {
    const uint32_t first = p.ring_offsets[part], last = p.ring_offsets[part + 1];
    GeosGeometryPtr shell(ring_to_geos(geos, p, first), deleter);
    std::vector<GeosGeometryPtr> holes;
    for (uint32_t ring = first + 1; ring < last; ++ring) {
      holes.emplace_back(ring_to_geos(geos, p, ring), deleter);
    }
    std::vector<GEOSGeometry*> raw_holes;
    for (GeosGeometryPtr& hole : holes) raw_holes.push_back(hole.release());
    // GEOSGeom_createPolygon_r owns shell and holes from here on, also when it fails.
    GEOSGeometry* polygon = GEOSGeom_createPolygon_r(geos.get(), shell.release(), raw_holes.data(),
                                                     static_cast<unsigned>(raw_holes.size()));
    if (polygon == nullptr) {
      throw InputError(ErrorCode::kInvalidGeometry, "cannot build polygon: " + geos.last_message());
    }
    polygons.emplace_back(polygon, deleter);
  }
  std::vector<GEOSGeometry*> raw;
  for (GeosGeometryPtr& polygon : polygons) raw.push_back(polygon.release());
  GEOSGeometry* multi = GEOSGeom_createCollection_r(geos.get(), GEOS_MULTIPOLYGON, raw.data(),
                                                    static_cast<unsigned>(raw.size()));
  if (multi == nullptr) {
    throw InputError(ErrorCode::kInvalidGeometry, "cannot build multipolygon: " + geos.last_message());
  }
  return GeosGeometryPtr(multi, deleter);
}

void append_from_geos(const GeosContext& geos, const GEOSGeometry* geometry,
                      geometry::MultiPolygonArray& out) {
  out.begin_feature();
  append_parts(geos, geometry, out);
}

}  // namespace kk::internal
