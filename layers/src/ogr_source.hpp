// Private to layers/: an opened OGR layer with field mapping and error messages that name
// the file, the record and the problem.
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/config.hpp"
#include "kernkompas/layers/validate.hpp"
#include "gdal_errors.hpp"

namespace kk::layers::detail {

class OgrSource {
 public:
  // Opens the file and layer; `role` ("kernen", "locations", ...) appears in messages.
  OgrSource(const LayerSource& source, std::string role);

  // The next feature, or null at the end. Every read is checked: a GDAL error while reading
  // throws kk::InputError (kIo) naming the record reached, and at the end the features read
  // are compared with the count the driver declares (GetFeatureCount(FALSE), where it knows
  // one), so a truncated file is refused instead of read in part.
  OGRFeatureUniquePtr next();
  // GDAL warnings raised so far (e.g. while opening), as notes naming the file; forgets them.
  void take_warnings(Notes& notes);
  const std::string& label() const { return label_; }  // "file 'x.csv', layer 'x'"
  const std::string& role() const { return role_; }
  const LayerSource& source() const { return source_; }

  // Index of the column called `name` (case-blind, as GDAL), or nullopt.
  std::optional<int> column(const std::string& name) const;
  // The record count the driver declares (GetFeatureCount(FALSE)), or -1 when it knows none.
  long declared_count() const;
  // GDAL's short name of the driver that opened the file ("GPKG", "OSM", ...).
  const std::string& driver_name() const { return driver_name_; }

  // Column index of an engine field: the mapped column, else a column of the same name.
  // Returns nullopt if unmapped and absent; throws kMissingField if mapped but absent.
  std::optional<int> field(const std::string& engine_name) const;
  // Like field() but throws kMissingField when absent either way.
  int required_field(const std::string& engine_name) const;

  // The source CRS as WKT (from the file) or the config's crs; throws kCrsMissing.
  std::string crs_definition() const;

  // "file 'x.csv', layer 'x', record 12 (id 'A12')" for messages about one record.
  std::string record_label(long record, const std::string& id = {}) const;
  [[noreturn]] void fail(ErrorCode code, long record, const std::string& id,
                         const std::string& problem) const;

  // Field readers, for the feature next() returned last. Empty cells give ""/NaN;
  // unparseable numbers throw kBadValue. Text is UTF-8: recoded from the layer's `encoding`
  // where the config names one, else checked, and text that is not UTF-8 throws kBadValue
  // naming the record and the column and suggesting the encoding key. (Dates and statuses:
  // parse text() with validate.hpp.)
  std::string text(const OGRFeature& feature, std::optional<int> index) const;
  double number(const OGRFeature& feature, std::optional<int> index, long record,
                const std::string& id, const std::string& engine_name) const;

  // Geometry of one feature as a point: from x/y or WKT columns, or the layer geometry.
  void point(const OGRFeature& feature, long record, const std::string& id, double& x,
             double& y) const;

  // As point(), but a polygon feature stands for its area by a point inside it (GEOS
  // PointOnSurface, as shapely's representative_point): population in CBS buurten or 100 m
  // squares. Throws kBadValue naming the record for a polygon without an interior point.
  void representative_point(const OGRFeature& feature, long record, const std::string& id, double& x,
                            double& y) const;

  // Rejects layers whose declared geometry is neither points nor polygons (population).
  void expect_points_or_polygons() const;

  // Rejects layers whose declared geometry type is not the expected family: wkbPoint,
  // wkbLineString (lines and curves, single or multi) or wkbPolygon.
  void expect_geometry(OGRwkbGeometryType family) const;

 private:
  void open_dataset(const std::string& path);
  std::string utf8(std::string raw, const std::string& where) const;
  int column_index(const std::string& name) const;
  std::string available_columns() const;

  GdalErrorCapture gdal_errors_;  // first: lives while the dataset is open and closed
  LayerSource source_;
  std::string role_;
  std::string label_;
  GDALDatasetUniquePtr dataset_;
  OGRLayer* layer_ = nullptr;
  std::optional<int> x_field_, y_field_, wkt_field_;
  // The encoding kernkompas recodes text from ("" = none: GDAL recodes, or text is UTF-8).
  std::string recode_from_;
  std::string driver_name_;
  std::vector<std::string> columns_;  // column names, UTF-8
  long records_read_ = 0;
  bool finished_ = false;
};

// GDAL's short name of the vector driver that recognises `path` ("OSM", "GPKG", ...), or "".
std::string identify_vector_driver(const std::filesystem::path& path);

// Parses a decimal number; accepts a comma as decimal separator when there is no dot.
std::optional<double> parse_number(std::string text);

}  // namespace kk::layers::detail
