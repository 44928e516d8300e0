// Private to bindings/c: reading polygonal WKB into the engine's ragged polygon arrays,
// so GIS tools can hand over kernen without the C API depending on GDAL or GEOS.
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

}  // namespace kk::capi
