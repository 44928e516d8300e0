// Private to bindings/c: the engine's ragged polygon arrays to and from WKB, so GIS tools
// can hand over kernen and take back polygons without the C API depending on GDAL or GEOS.
#pragma once

#include <cstddef>

#include "kernkompas/geometry/multipolygon_array.hpp"

namespace kk::capi {

// Appends one feature read from `size` bytes of WKB (ISO WKB or PostGIS EWKB, either byte
// order, Polygon or MultiPolygon; Z and M values dropped) to `out`. Throws kk::Error with
// kBadValue (malformed: truncated, bad byte-order marker, NaN coordinate, trailing bytes),
// kWrongGeometryType or kEmptyGeometry; the message gives the byte offset but not which
// feature, which the caller adds. On error `out` may hold a partial feature: discard it.
// Does not check validity (self-intersection etc.): that is geometry::make_valid's job.
void append_wkb_polygonal(const unsigned char* data, size_t size, geometry::MultiPolygonArray& out);

// Writes feature `row` of `g` as little-endian ISO WKB MultiPolygon (MULTIPOLYGON EMPTY when
// it has no parts) to `out` and returns its size in bytes; with out == nullptr only the size
// is computed. REQUIRES: row < g.size().
size_t multipolygon_wkb(const geometry::MultiPolygonArray& g, size_t row, unsigned char* out);

}  // namespace kk::capi
