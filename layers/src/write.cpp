// GeoPackage, CSV and GeoTIFF output; the folder they go into (staging, manifest, lock,
// switch) is output_folder.cpp's.
#include "kernkompas/layers/write.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>
#include <string_view>

#include "kernkompas/core/error.hpp"
#include "kernkompas/core/sbi.hpp"
#include "gdal_errors.hpp"
#include "output_folder.hpp"

namespace kk::layers {
namespace {

namespace fs = std::filesystem;

std::string format_real(double value) {
  if (std::isnan(value)) return {};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

std::string csv_quote(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

// OWASP's CSV-injection advice: a text cell a spreadsheet could read as a formula gets a
// leading single quote and is always quoted. Only text columns pass through here, so
// negative numbers stay numbers.
std::string csv_text(const std::string& text) {
  if (text.empty() || std::string_view("=+-@\t\r").find(text[0]) == std::string_view::npos) {
    return csv_quote(text);
  }
  std::string quoted = "\"'";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string cell(const Column& column, size_t row) {
  if (column.is_null(row)) return {};
  switch (column.type) {
    case ColumnType::kInteger: return std::to_string(column.integers[row]);
    case ColumnType::kReal: return format_real(column.reals[row]);
    case ColumnType::kText: return csv_text(column.texts[row]);
  }
  return {};
}

// Written into every layer description and the file's metadata of internal output.
constexpr const char* kInternalMark = "INTERN — niet publiceren (internal output: disclosure control off)";
constexpr const char* kPublishedNotice = "published output: disclosure control on, no premise-level data";
// md_standard_uri of the mode rows in gpkg_metadata.
constexpr const char* kModeMetadataUri = "urn:kernkompas:output-mode";

using detail::test_hook;
using detail::write_failed;

void check(OGRErr err, const fs::path& path, const char* what) {
  if (err != OGRERR_NONE) write_failed(path, std::string(what) + " (" + CPLGetLastErrorMsg() + ")");
}

OGRFieldType ogr_type(ColumnType type) {
  switch (type) {
    case ColumnType::kInteger: return OFTInteger64;
    case ColumnType::kReal: return OFTReal;
    case ColumnType::kText: return OFTString;
  }
  return OFTString;
}

void set_cell(OGRFeature& feature, int field, const Column& column, size_t row) {
  if (column.is_null(row)) {
    feature.SetFieldNull(field);
    return;
  }
  switch (column.type) {
    case ColumnType::kInteger: feature.SetField(field, static_cast<GIntBig>(column.integers[row])); break;
    case ColumnType::kReal: feature.SetField(field, column.reals[row]); break;
    case ColumnType::kText: feature.SetField(field, column.texts[row].c_str()); break;
  }
}

OGRMultiPolygon to_ogr(const geometry::MultiPolygonArray& p, size_t feature) {
  OGRMultiPolygon multi;
  for (uint32_t part = p.part_offsets[feature]; part < p.part_offsets[feature + 1]; ++part) {
    OGRPolygon polygon;
    for (uint32_t ring = p.ring_offsets[part]; ring < p.ring_offsets[part + 1]; ++ring) {
      OGRLinearRing linear;
      const uint32_t begin = p.vertex_offsets[ring], end = p.vertex_offsets[ring + 1];
      linear.setPoints(static_cast<int>(end - begin), p.x.data() + begin, p.y.data() + begin);
      polygon.addRing(&linear);
    }
    multi.addGeometry(&polygon);
  }
  return multi;
}

// One GeoPackage layer per result table: polygons where the table has geometry, a plain
// attribute table otherwise.
void write_table_layer(GDALDataset& ds, OGRSpatialReference& srs, const NamedTable& named,
                       bool internal, const fs::path& path) {
  const bool has_geometry = named.geometry.has_value();
  // An internal file is marked on every layer too (gpkg_contents.description), so a layer
  // copied out of it alone still says what it is.
  char** layer_options = internal ? CSLSetNameValue(nullptr, "DESCRIPTION", kInternalMark) : nullptr;
  OGRLayer* layer = ds.CreateLayer(named.name.c_str(), has_geometry ? &srs : nullptr,
                                   has_geometry ? wkbMultiPolygon : wkbNone, layer_options);
  CSLDestroy(layer_options);
  if (layer == nullptr) write_failed(path, "cannot create layer '" + named.name + "'");
  const Table& table = named.table;
  for (const Column& column : table.columns()) {
    OGRFieldDefn defn(column.name.c_str(), ogr_type(column.type));
    check(layer->CreateField(&defn), path, "cannot create a field");
  }
  check(layer->StartTransaction(), path, "cannot start a transaction");
  for (size_t row = 0; row < table.row_count(); ++row) {
    OGRFeature feature(layer->GetLayerDefn());
    for (size_t c = 0; c < table.columns().size(); ++c) {
      set_cell(feature, static_cast<int>(c), table.columns()[c], row);
    }
    if (has_geometry && named.geometry->part_offsets[row] != named.geometry->part_offsets[row + 1]) {
      OGRMultiPolygon geometry = to_ogr(*named.geometry, row);
      feature.SetGeometry(&geometry);
    }
    check(layer->CreateFeature(&feature), path, ("cannot write a row of " + named.name).c_str());
  }
  check(layer->CommitTransaction(), path, "cannot commit");
}

// Premise-level data: written only for internal output (disclosure control off), never for
// publication. write_outputs checks result.internal before calling this.
void write_location_layer(GDALDataset& ds, OGRSpatialReference& srs, const AnalysisInput& input,
                          const AnalysisResult& result, const fs::path& path) {
  char** layer_options = CSLSetNameValue(nullptr, "DESCRIPTION", kInternalMark);
  OGRLayer* layer = ds.CreateLayer("location", &srs, wkbPoint, layer_options);
  CSLDestroy(layer_options);
  if (layer == nullptr) write_failed(path, "cannot create layer 'location'");
  const LocationLayer& loc = input.locations;
  const std::vector<std::pair<const char*, OGRFieldType>> fields = {
      {"id", OFTString},           {"name", OFTString},         {"sbi", OFTString},
      {"sbi_section", OFTString},  {"floor_area_m2", OFTReal},  {"status", OFTString},
      {"vacant_since", OFTDate},   {"employees", OFTReal},      {"function", OFTString},
      {"kern_code", OFTString},    {"kern_name", OFTString}};
  for (const auto& [name, type] : fields) {
    OGRFieldDefn defn(name, type);
    check(layer->CreateField(&defn), path, "cannot create a field");
  }
  // Columns the families add (cluster ids, distances, ...) follow the register's own fields.
  const Table& added = result.location_columns;
  for (const Column& column : added.columns()) {
    OGRFieldDefn defn(column.name.c_str(), ogr_type(column.type));
    check(layer->CreateField(&defn), path, "cannot create a field");
  }
  auto optional_text = [](const std::vector<std::string>& column, size_t i) -> const char* {
    return column.empty() ? nullptr : column[i].c_str();
  };
  check(layer->StartTransaction(), path, "cannot start a transaction");
  for (size_t i = 0; i < loc.size(); ++i) {
    OGRFeature f(layer->GetLayerDefn());
    f.SetField(0, loc.id[i].c_str());
    if (const char* v = optional_text(loc.name, i)) f.SetField(1, v);
    if (const char* v = optional_text(loc.sbi, i)) {
      f.SetField(2, v);
      if (auto section = sbi_section(v)) f.SetField(3, std::string(1, *section).c_str());
    }
    if (!loc.floor_area_m2.empty() && !std::isnan(loc.floor_area_m2[i])) f.SetField(4, loc.floor_area_m2[i]);
    if (!loc.status.empty() && loc.status[i] != OccupancyStatus::kUnknown) {
      f.SetField(5, loc.status[i] == OccupancyStatus::kVacant ? "vacant" : "occupied");
    }
    if (!loc.vacant_since.empty() && loc.vacant_since[i] != kNoDate) {
      f.SetField(6, format_iso_date(loc.vacant_since[i]).c_str());
    }
    if (!loc.employees.empty() && !std::isnan(loc.employees[i])) f.SetField(7, loc.employees[i]);
    if (const char* v = optional_text(loc.function, i)) f.SetField(8, v);
    const int32_t kern = result.assignment.kern[i];
    const bool outside = kern == assign::kBuitengebied;
    f.SetField(9, outside ? std::string(kBuitengebiedName).c_str() : input.kernen.code[kern].c_str());
    f.SetField(10, outside ? std::string(kBuitengebiedName).c_str() : input.kernen.name[kern].c_str());
    for (size_t c = 0; c < added.columns().size(); ++c) {
      set_cell(f, static_cast<int>(fields.size() + c), added.columns()[c], i);
    }
    OGRPoint point(loc.x[i], loc.y[i]);
    f.SetGeometry(&point);
    check(layer->CreateFeature(&f), path, "cannot write a location");
  }
  check(layer->CommitTransaction(), path, "cannot commit");
}

// The file says its mode itself, as the manifest does for the folder, so a GeoPackage passed
// on alone still carries it: two rows of the GeoPackage metadata extension (gpkg_metadata,
// scope geopackage), "kernkompas_mode=published|internal" and the notice. They are written
// with SQL as plain text under kernkompas's own standard URI, not through GDAL's
// SetMetadataItem: GDAL (3.12 at least) copies its own XML metadata into a
// `kernkompas.gpkg.aux.xml` sidecar whenever the file is merely opened read-only, and that
// sidecar would be a foreign file in OUT. GDAL shows these rows as GPKG_METADATA_ITEM_<n>.
void write_mode_metadata(GDALDataset& ds, bool internal, const fs::path& path) {
  const std::string mode = std::string("kernkompas_mode=") + (internal ? "internal" : "published");
  const std::string notice = std::string("kernkompas_notice=") + (internal ? kInternalMark : kPublishedNotice);
  auto sql_text = [](const std::string& text) {
    std::string quoted = "'";
    for (char c : text) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    return quoted + "'";
  };
  const std::vector<std::string> statements = {
      "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT "
      "NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, "
      "extension_name))",
      "CREATE TABLE IF NOT EXISTS gpkg_metadata (id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL, md_scope "
      "TEXT NOT NULL DEFAULT 'dataset', md_standard_uri TEXT NOT NULL, mime_type TEXT NOT NULL DEFAULT "
      "'text/xml', metadata TEXT NOT NULL DEFAULT '')",
      "CREATE TABLE IF NOT EXISTS gpkg_metadata_reference (reference_scope TEXT NOT NULL, table_name TEXT, "
      "column_name TEXT, row_id_value INTEGER, timestamp DATETIME NOT NULL DEFAULT "
      "(strftime('%Y-%m-%dT%H:%M:%fZ','now')), md_file_id INTEGER NOT NULL, md_parent_id INTEGER, CONSTRAINT "
      "crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id), CONSTRAINT crmr_mpi_fk FOREIGN KEY "
      "(md_parent_id) REFERENCES gpkg_metadata(id))",
      "INSERT OR IGNORE INTO gpkg_extensions VALUES ('gpkg_metadata', NULL, 'gpkg_metadata', "
      "'http://www.geopackage.org/spec120/#extension_metadata', 'read-write')",
      "INSERT OR IGNORE INTO gpkg_extensions VALUES ('gpkg_metadata_reference', NULL, 'gpkg_metadata', "
      "'http://www.geopackage.org/spec120/#extension_metadata', 'read-write')",
      "INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) VALUES ('dataset', "
      "'" + std::string(kModeMetadataUri) + "', 'text/plain', " + sql_text(mode) + ")",
      "INSERT INTO gpkg_metadata_reference (reference_scope, md_file_id) VALUES ('geopackage', last_insert_rowid())",
      "INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) VALUES ('dataset', "
      "'" + std::string(kModeMetadataUri) + "', 'text/plain', " + sql_text(notice) + ")",
      "INSERT INTO gpkg_metadata_reference (reference_scope, md_file_id) VALUES ('geopackage', last_insert_rowid())"};
  for (const std::string& statement : statements) {
    CPLErrorReset();
    OGRLayer* rows = ds.ExecuteSQL(statement.c_str(), nullptr, nullptr);
    if (rows != nullptr) ds.ReleaseResultSet(rows);
    if (CPLGetLastErrorType() >= CE_Failure) {
      write_failed(path, std::string("cannot write the mode metadata (") + CPLGetLastErrorMsg() + ")");
    }
  }
}

}  // namespace

void write_csv(const Table& table, const fs::path& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) write_failed(path, "cannot open for writing");
  const auto& columns = table.columns();
  for (size_t c = 0; c < columns.size(); ++c) out << (c ? "," : "") << csv_quote(columns[c].name);
  out << "\n";
  for (size_t row = 0; row < table.row_count(); ++row) {
    for (size_t c = 0; c < columns.size(); ++c) out << (c ? "," : "") << cell(columns[c], row);
    out << "\n";
  }
  out.flush();
  if (!out) write_failed(path, "write failed (disk full?)");
}

void write_geotiff(const Raster& raster, const std::string& working_crs, const fs::path& path) {
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
  if (driver == nullptr) write_failed(path, "GDAL has no GTiff driver");
  char** create_options = CSLSetNameValue(nullptr, "COMPRESS", "DEFLATE");
  GDALDatasetUniquePtr ds(driver->Create(path.c_str(), static_cast<int>(raster.columns),
                                         static_cast<int>(raster.rows), 1, GDT_Float64, create_options));
  CSLDestroy(create_options);
  if (!ds) write_failed(path, CPLGetLastErrorMsg());
  double transform[6];
  std::copy(raster.geotransform.begin(), raster.geotransform.end(), transform);
  if (ds->SetGeoTransform(transform) != CE_None) write_failed(path, "cannot set the geotransform");
  OGRSpatialReference srs;
  if (srs.SetFromUserInput(working_crs.c_str()) != OGRERR_NONE) {
    throw InputError(ErrorCode::kCrsTransform, "working CRS '" + working_crs + "' is not understood");
  }
  if (ds->SetSpatialRef(&srs) != CE_None) write_failed(path, "cannot set the CRS");
  GDALRasterBand* band = ds->GetRasterBand(1);
  band->SetNoDataValue(std::numeric_limits<double>::quiet_NaN());
  if (!raster.description.empty()) band->SetDescription(raster.description.c_str());
  if (!raster.unit.empty()) band->SetUnitType(raster.unit.c_str());
  if (raster.columns > 0 && raster.rows > 0 &&
      band->RasterIO(GF_Write, 0, 0, static_cast<int>(raster.columns), static_cast<int>(raster.rows),
                     const_cast<double*>(raster.values.data()), static_cast<int>(raster.columns),
                     static_cast<int>(raster.rows), GDT_Float64, 0, 0, nullptr) != CE_None) {
    write_failed(path, CPLGetLastErrorMsg());
  }
  CPLErrorReset();
  ds.reset();
  if (CPLGetLastErrorType() >= CE_Failure) write_failed(path, CPLGetLastErrorMsg());
}

Notes write_outputs(const AnalysisInput& input, const AnalysisResult& result, const fs::path& out_dir,
                    const WriteOptions& options) {
  GDALAllRegister();
  // GDAL's messages never reach the terminal on their own: an error fails the write (nothing
  // is switched into OUT), a warning becomes a note naming the file.
  detail::GdalErrorCapture gdal_messages;
  Notes notes;
  const auto check_gdal = [&](const fs::path& path) {
    if (gdal_messages.has_error()) write_failed(path, "GDAL: " + gdal_messages.take_errors());
    for (const std::string& warning : gdal_messages.take_warnings()) {
      notes.push_back("output file '" + path.filename().string() + "': GDAL: " + warning);
    }
  };
  detail::write_output_folder(out_dir, options, result.internal, [&](const fs::path& staging) {
    std::vector<std::string> names;
    const fs::path gpkg = staging / "kernkompas.gpkg";
    {
      GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
      if (driver == nullptr) write_failed(gpkg, "GDAL has no GPKG driver");
      GDALDatasetUniquePtr ds(driver->Create(gpkg.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
      if (!ds) write_failed(gpkg, CPLGetLastErrorMsg());
      OGRSpatialReference srs;
      if (srs.SetFromUserInput(options.working_crs.c_str()) != OGRERR_NONE) {
        throw InputError(ErrorCode::kCrsTransform, "working CRS '" + options.working_crs + "' is not understood");
      }
      srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
      write_mode_metadata(*ds, result.internal, gpkg);
      detail::test_gdal_message();
      for (const NamedTable& named : result.tables) write_table_layer(*ds, srs, named, result.internal, gpkg);
      // Premise-level data (ids, names, points, status, vacant_since, floor area) is never
      // published: the per-location layer exists only in internal output (issue #8).
      if (result.internal) write_location_layer(*ds, srs, input, result, gpkg);
      // GDAL 3.6 has no Close(): flushing and destroying the dataset finishes the file.
      ds->FlushCache(true);
      CPLErrorReset();
      ds.reset();
      if (CPLGetLastErrorType() >= CE_Failure) write_failed(gpkg, CPLGetLastErrorMsg());
    }
    check_gdal(gpkg);
    names.push_back(gpkg.filename().string());
    test_hook("staging");
    for (const NamedTable& named : result.tables) {
      // The kern table keeps the name users know from the first release.
      names.push_back(named.name == "kern" ? "kern_indicators.csv" : named.name + ".csv");
      write_csv(named.table, staging / names.back());
    }
    for (const Raster& raster : result.rasters) {
      names.push_back(raster.name + ".tif");
      write_geotiff(raster, options.working_crs, staging / names.back());
      check_gdal(staging / names.back());
    }
    return names;
  });
  return notes;
}

}  // namespace kk::layers
