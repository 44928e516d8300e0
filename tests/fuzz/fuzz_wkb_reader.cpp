// Fuzz harness: WKB bytes -> engine polygons. The same bytes go through the two readers that
// turn WKB into a MultiPolygonArray — the C API's (kk_project_set_kernen_wkb) and GEOS's WKB
// reader followed by the engine's GEOS conversion — and each result through the planar
// measures, the coordinate check and the repair that kernen get before an analysis.
#include <geos_c.h>

#include <cmath>
#include <string>
#include <vector>

#include "fuzz_target.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/geometry/multipolygon_array.hpp"
#include "kernkompas/layers/validate.hpp"
#include "kernkompas_internal/geos_context.hpp"
#include "wkb.hpp"

namespace kk::fuzz {
namespace {

constexpr const char* kHarness = "wkb_reader";
// MakeValid's cost grows faster than the vertex count; bigger inputs only slow the search.
constexpr size_t kMaxRepairVertices = 2000;

bool data_or_geometry_code(ErrorCode code) {
  const auto value = static_cast<unsigned>(code);
  return value >= 200 && value < 400;
}

// Measures one feature, then checks, transforms and repairs it as the C API does after its
// WKB reader (kk_project_set_kernen_wkb) and read_kernen after OGR's: to_working_crs refuses
// implausible or non-finite coordinates, repair_polygons runs GEOS MakeValid.
void measure_and_repair(geometry::MultiPolygonArray& polygons) {
  if (polygons.size() != 1) invariant_failed(kHarness, "a reader did not append exactly one feature");
  for (const uint32_t offset : polygons.vertex_offsets) {
    if (offset > polygons.x.size()) invariant_failed(kHarness, "vertex offset past the coordinates");
  }
  geometry::feature_area(polygons, 0);  // may be negative before repair (a hole larger than its shell)
  geometry::feature_perimeter(polygons, 0);
  geometry::feature_bounds(polygons, 0);
  if (polygons.x.size() > kMaxRepairVertices) return;
  try {
    const std::vector<std::string> codes = {"K1"};
    const layers::RecordLabel label = layers::record_labels("kernen", codes);
    layers::to_working_crs("EPSG:28992", "EPSG:28992", polygons.x, polygons.y,
                           layers::vertex_labels(polygons, label), "crs in the config");
    layers::Notes notes;
    const geometry::MultiPolygonArray valid = layers::repair_polygons(polygons, label, notes);
    if (valid.size() != polygons.size()) invariant_failed(kHarness, "repair changed the feature count");
    if (!(geometry::feature_area(valid, 0) >= 0)) invariant_failed(kHarness, "a repaired polygon has negative area");
  } catch (const InputError&) {
  }
}

void through_capi_reader(std::string_view input) {
  geometry::MultiPolygonArray polygons;
  try {
    capi::append_wkb_polygonal(reinterpret_cast<const unsigned char*>(input.data()), input.size(), polygons);
  } catch (const Error& e) {
    // The C API reader's documented refusals are kk::Error with a data or geometry code.
    if (!data_or_geometry_code(e.code())) throw;
    return;
  }
  measure_and_repair(polygons);
}

void through_geos_reader(std::string_view input) {
  internal::GeosContext geos;
  GEOSWKBReader* reader = GEOSWKBReader_create_r(geos.get());
  GEOSGeometry* raw = GEOSWKBReader_read_r(geos.get(), reader, reinterpret_cast<const unsigned char*>(input.data()),
                                           input.size());
  GEOSWKBReader_destroy_r(geos.get(), reader);
  if (raw == nullptr) return;  // GEOS refused the bytes
  const internal::GeosGeometryPtr geometry(raw, {geos.get()});
  geometry::MultiPolygonArray polygons;
  internal::append_from_geos(geos, geometry.get(), polygons);
  if (polygons.part_count() == 0) return;  // nothing polygonal
  measure_and_repair(polygons);
}

}  // namespace

void wkb_reader(std::string_view input) {
  through_capi_reader(input);
  through_geos_reader(input);
}

}  // namespace kk::fuzz

KK_FUZZ_ENTRY(wkb_reader)
