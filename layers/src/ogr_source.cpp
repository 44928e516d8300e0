// OGR layer access with field mapping and precise errors.
#include "ogr_source.hpp"

#include <charconv>
#include <memory>
#include <mutex>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <ogr_api.h>

#include "kernkompas/layers/validate.hpp"
#include "text_checks.hpp"

namespace kk::layers::detail {
namespace {

void register_drivers() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

std::string trim(std::string_view text) { return std::string(trim_blanks(text)); }

}  // namespace

std::string identify_vector_driver(const std::filesystem::path& path) {
  register_drivers();
  GDALDriverH driver = GDALIdentifyDriverEx(path.string().c_str(), GDAL_OF_VECTOR, nullptr, nullptr);
  return driver != nullptr ? GDALGetDriverShortName(driver) : "";
}

std::optional<double> parse_number(std::string text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.find('.') == std::string::npos) {
    if (auto comma = text.find(','); comma != std::string::npos && text.find(',', comma + 1) == std::string::npos) {
      text[comma] = '.';
    }
  }
  if (text.front() == '+') text.erase(0, 1);
  double value = 0.0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

OgrSource::OgrSource(const LayerSource& source, std::string role)
    : source_(source), role_(std::move(role)) {
  register_drivers();
  const std::string path = source.path.string();
  label_ = role_ + " file '" + path + "'";
  std::error_code ec;
  if (path.rfind("/vsi", 0) != 0 && !std::filesystem::exists(source.path, ec)) {
    throw InputError(ErrorCode::kIo, label_ + ": no such file");
  }
  open_dataset(path);
  if (!source.layer.empty()) {
    layer_ = dataset_->GetLayerByName(source.layer.c_str());
    if (layer_ == nullptr) {
      std::string names;
      for (OGRLayer* l : dataset_->GetLayers()) names += (names.empty() ? "" : ", ") + std::string(l->GetName());
      throw InputError(ErrorCode::kMissingField,
                       label_ + ": no layer '" + source.layer + "' (layers: " + names + ")");
    }
  } else {
    if (dataset_->GetLayerCount() == 0) throw InputError(ErrorCode::kEmptyLayer, label_ + ": holds no layer");
    layer_ = dataset_->GetLayer(0);
  }
  if (dataset_->GetLayerCount() > 1 || !source.layer.empty()) {
    label_ += ", layer '" + std::string(layer_->GetName()) + "'";
  }
  if (driver_name_ == "OSM") {
    // The OSM driver reads all its layers in one pass and would otherwise buffer the features of
    // the layers nobody reads (and give up on large files); this special statement (as ogr2ogr
    // issues it) makes it keep only the layer read.
    const std::string interest = "SET interest_layers = " + std::string(layer_->GetName());
    dataset_->ExecuteSQL(interest.c_str(), nullptr, nullptr);
  }
  const OGRFeatureDefn* defn = layer_->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    columns_.push_back(utf8(defn->GetFieldDefn(i)->GetNameRef(), label_ + ", column " + std::to_string(i + 1) + " name"));
  }
  auto column = [&](const std::string& name, const char* key) -> std::optional<int> {
    if (name.empty()) return std::nullopt;
    const int index = column_index(name);
    if (index < 0) {
      throw InputError(ErrorCode::kMissingField, label_ + ": the " + std::string(key) + " column '" +
                                                     name + "' does not exist (columns: " +
                                                     available_columns() + ")");
    }
    return index;
  };
  x_field_ = column(source.x_column, "x");
  y_field_ = column(source.y_column, "y");
  wkt_field_ = column(source.wkt_column, "wkt");
  if (layer_->GetFeatureCount(TRUE) == 0 && !gdal_errors_.has_error()) {
    throw InputError(ErrorCode::kEmptyLayer, label_ + ": the layer is empty");
  }
  if (gdal_errors_.has_error()) {
    throw InputError(ErrorCode::kIo, label_ + ": cannot be read (GDAL: " + gdal_errors_.take_errors() +
                                         "); the file may be truncated or damaged");
  }
  layer_->ResetReading();
}

OGRFeatureUniquePtr OgrSource::next() {
  if (finished_) return nullptr;
  OGRFeatureUniquePtr feature(layer_->GetNextFeature());
  if (gdal_errors_.has_error()) {
    throw InputError(ErrorCode::kIo, record_label(records_read_ + 1) + ": cannot be read (GDAL: " +
                                         gdal_errors_.take_errors() + "); read " +
                                         std::to_string(records_read_) +
                                         " records before it; the file may be truncated or damaged");
  }
  if (feature) {
    ++records_read_;
    return feature;
  }
  finished_ = true;
  const GIntBig declared = layer_->GetFeatureCount(FALSE);
  if (gdal_errors_.has_error()) {
    throw InputError(ErrorCode::kIo, label_ + ": cannot be read after record " + std::to_string(records_read_) +
                                         " (GDAL: " + gdal_errors_.take_errors() +
                                         "); the file may be truncated or damaged");
  }
  if (declared >= 0 && declared != records_read_) {
    throw InputError(ErrorCode::kIo, label_ + ": the file declares " + std::to_string(declared) +
                                         " records, but only " + std::to_string(records_read_) +
                                         " could be read; the file may be truncated or damaged");
  }
  return nullptr;
}

void OgrSource::take_warnings(Notes& notes) {
  for (std::string& warning : gdal_errors_.take_warnings()) notes.push_back(label_ + ": GDAL: " + warning);
}

void OgrSource::open_dataset(const std::string& path) {
  CPLErrorReset();
  GDALDriverH driver = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr);
  const std::string driver_name = driver != nullptr ? GDALGetDriverShortName(driver) : "";
  driver_name_ = driver_name;
  std::error_code ec;
  const bool folder = std::filesystem::is_directory(source_.path, ec);
  if (driver_name == "CSV") {
    // GDAL would read these without a word, and report their damage as something else.
    if (auto problem = csv_problem(source_.path)) throw InputError(ErrorCode::kBadValue, label_ + ", " + *problem);
  }
  if (driver_name == "ESRI Shapefile" && !folder) {
    // Without its .dbf GDAL reads the shapes with no columns at all.
    std::filesystem::path dbf = source_.path;
    bool found = false;
    for (const char* extension : {".dbf", ".DBF", ".Dbf"}) {
      found = found || std::filesystem::exists(dbf.replace_extension(extension), ec);
    }
    if (!found && path.rfind("/vsi", 0) != 0) {
      throw InputError(ErrorCode::kIo, label_ + ": its attribute table '" +
                                           source_.path.filename().replace_extension(".dbf").string() +
                                           "' is missing; a Shapefile is several files (.shp, .shx, .dbf, "
                                           "and .prj, .cpg): copy them together");
    }
  }
  std::vector<std::string> options;
  if (driver_name == "CSV") {
    // Every column as text, so kernkompas parses (and reports) values itself.
    options = {"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=YES"};
  }
  if (!source_.encoding.empty()) {
    // Is the name known? CPLRecode warns (and copies) when iconv does not know it.
    CPLFree(CPLRecode("", source_.encoding.c_str(), CPL_ENC_UTF8));
    if (!gdal_errors_.take_warnings().empty()) {
      throw InputError(ErrorCode::kConfig, label_ + ": encoding '" + source_.encoding +
                                               "' is not an encoding iconv knows (e.g. cp1252, ISO-8859-1, UTF-8)");
    }
    if (driver_name == "ESRI Shapefile") {
      options.push_back("ENCODING=" + source_.encoding);  // GDAL recodes, overriding the .cpg
    } else if (!EQUAL(source_.encoding.c_str(), "UTF-8") && !EQUAL(source_.encoding.c_str(), "UTF8")) {
      recode_from_ = source_.encoding;  // other drivers have no such option in GDAL 3.6
    }
  }
  std::vector<const char*> option_list;
  for (const std::string& option : options) option_list.push_back(option.c_str());
  option_list.push_back(nullptr);
  dataset_.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                                   option_list.data(), nullptr));
  if (dataset_) return;
  std::string why = CPLGetLastErrorMsg();
  gdal_errors_.take_errors();
  if (folder) {
    throw InputError(ErrorCode::kIo, label_ + ": is a folder that GDAL cannot read as one dataset; name the "
                                              "file inside it (e.g. a .gpkg, .shp or .csv)");
  }
  if (driver != nullptr) {  // recognised, but not readable: damaged rather than foreign
    throw InputError(ErrorCode::kIo, label_ + ": cannot be opened as " + driver_name +
                                         (why.empty() ? "" : " (GDAL: " + why + ")") +
                                         "; the file may be truncated or damaged");
  }
  throw InputError(ErrorCode::kUnknownFormat,
                   label_ + ": not a vector format GDAL can read" + (why.empty() ? "" : " (" + why + ")"));
}

std::string OgrSource::utf8(std::string raw, const std::string& where) const {
  if (!recode_from_.empty()) {
    char* recoded = CPLRecode(raw.c_str(), recode_from_.c_str(), CPL_ENC_UTF8);
    std::string text = recoded != nullptr ? recoded : "";
    CPLFree(recoded);
    return text;
  }
  if (is_utf8(raw)) return raw;
  throw InputError(ErrorCode::kBadValue,
                   where + ": '" + escaped(raw) + "' is not UTF-8 text; if the file is Windows-1252 (e.g. an "
                   "Excel \"CSV (puntkomma)\" export, or a Shapefile without its .cpg), put encoding = \"cp1252\" "
                   "in the [" + role_ + "] section of the config");
}

int OgrSource::column_index(const std::string& name) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (EQUAL(columns_[i].c_str(), name.c_str())) return static_cast<int>(i);  // as GDAL: case-blind
  }
  return -1;
}

std::optional<int> OgrSource::column(const std::string& name) const {
  const int index = column_index(name);
  if (index < 0) return std::nullopt;
  return index;
}

long OgrSource::declared_count() const { return static_cast<long>(layer_->GetFeatureCount(FALSE)); }

std::string OgrSource::available_columns() const {
  std::string list;
  for (const std::string& column : columns_) list += (list.empty() ? "" : ", ") + column;
  return list.empty() ? "none" : list;
}

std::optional<int> OgrSource::field(const std::string& engine_name) const {
  const auto mapped = source_.fields.find(engine_name);
  const std::string column = mapped != source_.fields.end() ? mapped->second : engine_name;
  const int index = column_index(column);
  if (index < 0 && mapped != source_.fields.end()) {
    throw InputError(ErrorCode::kMissingField,
                     label_ + ": field '" + engine_name + "' is mapped to column '" + column +
                         "', which does not exist (columns: " + available_columns() + ")");
  }
  if (index < 0) return std::nullopt;
  return index;
}

int OgrSource::required_field(const std::string& engine_name) const {
  if (auto index = field(engine_name)) return *index;
  throw InputError(ErrorCode::kMissingField,
                   label_ + ": no column for field '" + engine_name + "' (columns: " +
                       available_columns() + "); map one in the config under [" + role_ +
                       ".fields]");
}

std::string OgrSource::crs_definition() const {
  const bool geometry_from_columns = x_field_ || wkt_field_;
  const OGRSpatialReference* srs = geometry_from_columns ? nullptr : layer_->GetSpatialRef();
  if (srs != nullptr) {
    char* wkt = nullptr;
    const char* const options[] = {"FORMAT=WKT2_2019", nullptr};
    srs->exportToWkt(&wkt, options);
    std::string definition = wkt != nullptr ? wkt : "";
    CPLFree(wkt);
    if (!definition.empty()) return definition;
  }
  if (!source_.crs.empty()) return source_.crs;
  throw InputError(ErrorCode::kCrsMissing,
                   label_ + ": the data has no CRS; name one with crs = \"EPSG:...\" under [" + role_ + "]");
}

std::string OgrSource::record_label(long record, const std::string& id) const {
  return layers::record_label(label_, static_cast<size_t>(record - 1), id);
}

void OgrSource::fail(ErrorCode code, long record, const std::string& id, const std::string& problem) const {
  throw InputError(code, record_label(record, id) + ": " + problem);
}

std::string OgrSource::text(const OGRFeature& feature, std::optional<int> index) const {
  if (!index || !feature.IsFieldSetAndNotNull(*index)) return {};
  return trim(utf8(feature.GetFieldAsString(*index),
                   record_label(records_read_) + ", column '" + columns_[static_cast<size_t>(*index)] + "'"));
}

double OgrSource::number(const OGRFeature& feature, std::optional<int> index, long record,
                         const std::string& id, const std::string& engine_name) const {
  if (!index || !feature.IsFieldSetAndNotNull(*index)) return std::nan("");
  const OGRFieldType type = feature.GetFieldDefnRef(*index)->GetType();
  if (type == OFTReal || type == OFTInteger || type == OFTInteger64) return feature.GetFieldAsDouble(*index);
  const std::string raw = trim(feature.GetFieldAsString(*index));
  if (raw.empty()) return std::nan("");
  const auto value = parse_number(raw);
  if (!value || !std::isfinite(*value)) {
    fail(ErrorCode::kBadValue, record, id, engine_name + " '" + raw + "' is not a number");
  }
  return *value;
}

void OgrSource::point(const OGRFeature& feature, long record, const std::string& id, double& x,
                      double& y) const {
  if (x_field_) {
    const std::string raw_x = text(feature, x_field_), raw_y = text(feature, y_field_);
    if (raw_x.empty() || raw_y.empty()) fail(ErrorCode::kEmptyGeometry, record, id, "empty coordinate");
    const auto px = parse_number(raw_x), py = parse_number(raw_y);
    if (!px) fail(ErrorCode::kBadValue, record, id, "x '" + raw_x + "' is not a number");
    if (!py) fail(ErrorCode::kBadValue, record, id, "y '" + raw_y + "' is not a number");
    x = *px;
    y = *py;
  } else {
    std::unique_ptr<OGRGeometry> parsed;
    const OGRGeometry* geometry = feature.GetGeometryRef();
    if (wkt_field_) {
      const std::string wkt = text(feature, wkt_field_);
      if (wkt.empty()) fail(ErrorCode::kEmptyGeometry, record, id, "empty WKT geometry");
      OGRGeometry* raw = nullptr;
      if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &raw) != OGRERR_NONE) {
        fail(ErrorCode::kBadValue, record, id, "WKT '" + wkt.substr(0, 60) + "' cannot be parsed");
      }
      parsed.reset(raw);
      geometry = raw;
    }
    // GDAL reads a GeoJSON point [NaN, 52.2] as an empty point that still holds the NaN.
    if (geometry != nullptr && wkbFlatten(geometry->getGeometryType()) == wkbPoint &&
        (std::isnan(geometry->toPoint()->getX()) || std::isnan(geometry->toPoint()->getY()))) {
      fail(ErrorCode::kBadValue, record, id, "coordinate is NaN (not a number)");
    }
    if (geometry == nullptr || geometry->IsEmpty()) fail(ErrorCode::kEmptyGeometry, record, id, "no geometry");
    const OGRwkbGeometryType type = wkbFlatten(geometry->getGeometryType());
    if (type == wkbMultiPoint && geometry->toMultiPoint()->getNumGeometries() == 1) {
      geometry = geometry->toMultiPoint()->getGeometryRef(0);
    } else if (type != wkbPoint) {
      fail(ErrorCode::kWrongGeometryType, record, id,
           std::string("expected a point, found ") + OGRGeometryTypeToName(type));
    }
    x = geometry->toPoint()->getX();
    y = geometry->toPoint()->getY();
  }
  if (!std::isfinite(x) || !std::isfinite(y)) fail(ErrorCode::kBadValue, record, id, "coordinate is NaN or infinite");
}

namespace {

bool is_polygonal(OGRwkbGeometryType type) {
  return type == wkbPolygon || type == wkbMultiPolygon || type == wkbCurvePolygon || type == wkbMultiSurface;
}

}  // namespace

void OgrSource::representative_point(const OGRFeature& feature, long record, const std::string& id, double& x,
                                     double& y) const {
  const OGRGeometry* geometry = (x_field_ || wkt_field_) ? nullptr : feature.GetGeometryRef();
  if (geometry == nullptr || geometry->IsEmpty() || !is_polygonal(wkbFlatten(geometry->getGeometryType()))) {
    point(feature, record, id, x, y);
    return;
  }
  // The C function: OGRSurface::PointOnSurface(OGRPoint*) of GDAL 3.6 fails on an empty point.
  const std::unique_ptr<OGRGeometry> found(OGRGeometry::FromHandle(
      OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(geometry)))));
  const OGRPoint* inside = found && wkbFlatten(found->getGeometryType()) == wkbPoint ? found->toPoint() : nullptr;
  if (inside == nullptr || inside->IsEmpty() || !std::isfinite(inside->getX()) || !std::isfinite(inside->getY())) {
    fail(ErrorCode::kBadValue, record, id, "no point inside the polygon (is it valid?)");
  }
  x = inside->getX();
  y = inside->getY();
}

void OgrSource::expect_points_or_polygons() const {
  if (x_field_ || wkt_field_) return;
  const OGRwkbGeometryType declared = wkbFlatten(layer_->GetGeomType());
  if (is_polygonal(declared)) return;
  expect_geometry(wkbPoint);
}

void OgrSource::expect_geometry(OGRwkbGeometryType family) const {
  if (x_field_ || wkt_field_) return;
  const OGRwkbGeometryType declared = wkbFlatten(layer_->GetGeomType());
  if (declared == wkbUnknown) return;  // mixed or undeclared: checked per feature
  if (declared == wkbNone) {
    throw InputError(ErrorCode::kWrongGeometryType,
                     label_ + ": the layer has no geometry; for a table name its x/y (or lon/lat, or wkt) "
                              "columns under [" + role_ + "]");
  }
  const bool polygons = declared == wkbPolygon || declared == wkbMultiPolygon ||
                        declared == wkbCurvePolygon || declared == wkbMultiSurface;
  const bool points = declared == wkbPoint || declared == wkbMultiPoint;
  const bool lines = declared == wkbLineString || declared == wkbMultiLineString || declared == wkbCircularString ||
                     declared == wkbCompoundCurve || declared == wkbMultiCurve;
  if ((family == wkbPolygon && !polygons) || (family == wkbPoint && !points) || (family == wkbLineString && !lines)) {
    const char* expected = family == wkbPoint ? "points" : family == wkbLineString ? "lines" : "polygons";
    throw InputError(ErrorCode::kWrongGeometryType,
                     label_ + ": expected " + expected + " for " + role_ + ", but the layer holds " +
                         OGRGeometryTypeToName(declared));
  }
}

}  // namespace kk::layers::detail
