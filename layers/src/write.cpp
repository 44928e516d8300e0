// GeoPackage, CSV and GeoTIFF output, staged in a folder beside OUT and switched in whole,
// with a manifest of what the run owns and a lock against concurrent writers.
#include "kernkompas/layers/write.hpp"

#include <cpl_json.h>
#include <fcntl.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <openssl/evp.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <random>
#include <string_view>
#include <thread>

#include "kernkompas/core/error.hpp"
#include "kernkompas/core/sbi.hpp"

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

[[noreturn]] void write_failed(const fs::path& path, const std::string& why) {
  throw Error(ErrorCode::kIo, "cannot write '" + path.string() + "': " + why);
}

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
                       const fs::path& path) {
  const bool has_geometry = named.geometry.has_value();
  OGRLayer* layer = ds.CreateLayer(named.name.c_str(), has_geometry ? &srs : nullptr,
                                   has_geometry ? wkbMultiPolygon : wkbNone, nullptr);
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

void write_location_layer(GDALDataset& ds, OGRSpatialReference& srs, const AnalysisInput& input,
                          const AnalysisResult& result, const fs::path& path) {
  OGRLayer* layer = ds.CreateLayer("location", &srs, wkbPoint, nullptr);
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

// --- the output folder: checksums, manifest, lock, staging and switch -------------------

// The kill tests' hook: with KK_TEST_FAIL_AT=<step> the process ends at that step of the
// commit as if killed (no destructors, no cleanup). Read only when set.
void test_hook(const char* step) {
  const char* fail_at = std::getenv("KK_TEST_FAIL_AT");
  if (fail_at != nullptr && std::strcmp(fail_at, step) == 0) ::_exit(86);
}

std::string errno_text(int err) { return std::system_category().message(err); }

// Hex SHA-256 of a file's bytes (OpenSSL's EVP; GDAL's CPL_SHA256 has no installed header).
std::string sha256_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, "cannot read '" + path.string() + "' for its checksum");
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    throw Error(ErrorCode::kInternal, "SHA-256 is not available");
  }
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.gcount() > 0) EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) throw Error(ErrorCode::kIo, "cannot read '" + path.string() + "' for its checksum");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest, &length);
  static const char* kHex = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// A path with its checksum (null when it is not a readable regular file, e.g. a GDAL
// connection string).
std::string json_source(const fs::path& path) {
  std::error_code ec;
  const bool file = fs::is_regular_file(path, ec);
  return "{\"path\": " + json_string(path.string()) +
         ", \"sha256\": " + (file ? json_string(sha256_file(path)) : std::string("null")) + "}";
}

struct ManifestFile {
  std::string name, sha256;
  uintmax_t bytes = 0;
};

void write_manifest(const fs::path& path, const std::vector<ManifestFile>& files, bool internal,
                    const WriteOptions& options) {
  std::ofstream out(path, std::ios::binary);
  if (!out) write_failed(path, "cannot open for writing");
  out << "{\n  \"format\": \"kernkompas-run\",\n  \"format_version\": 1,\n"
      << "  \"kernkompas_version\": " << json_string(KK_VERSION_STRING) << ",\n"
      << "  \"mode\": \"" << (internal ? "internal" : "published") << "\",\n"
      << "  \"configuration\": "
      << (options.config_path.empty() ? std::string("null") : json_source(options.config_path)) << ",\n"
      << "  \"inputs\": [";
  std::vector<fs::path> seen;
  for (const fs::path& input : options.input_paths) {
    if (input.empty() || std::find(seen.begin(), seen.end(), input) != seen.end()) continue;
    out << (seen.empty() ? "\n    " : ",\n    ") << json_source(input);
    seen.push_back(input);
  }
  out << (seen.empty() ? "],\n" : "\n  ],\n") << "  \"files\": [";
  for (size_t i = 0; i < files.size(); ++i) {
    out << (i ? ",\n    " : "\n    ") << "{\"name\": " << json_string(files[i].name)
        << ", \"bytes\": " << files[i].bytes << ", \"sha256\": " << json_string(files[i].sha256) << "}";
  }
  out << "\n  ]\n}\n";
  out.flush();
  if (!out) write_failed(path, "write failed (disk full?)");
}

// name -> sha256 of the files an earlier run's manifest lists.
std::map<std::string, std::string> read_manifest(const fs::path& path) {
  CPLJSONDocument doc;
  CPLPushErrorHandler(CPLQuietErrorHandler);  // our own message below says it in one line
  const bool loaded = doc.Load(path.string());
  CPLPopErrorHandler();
  CPLErrorReset();
  const CPLJSONObject root = doc.GetRoot();
  if (!loaded || root.GetString("format") != "kernkompas-run") {
    throw InputError(ErrorCode::kIo, "'" + path.string() +
                                         "' is not a kernkompas manifest; the folder was not written by "
                                         "kernkompas, choose another output folder");
  }
  std::map<std::string, std::string> files;
  for (const CPLJSONObject& file : root.GetArray("files")) {
    files[file.GetString("name")] = file.GetString("sha256");
  }
  return files;
}

// Refuses an out_dir holding anything this program did not write (see write.hpp).
void check_ownership(const fs::path& out) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(out, ec);
  if (!fs::exists(status)) return;
  if (!fs::is_directory(status)) {
    throw InputError(ErrorCode::kIo, "output folder '" + out.string() + "' exists and is not a folder");
  }
  std::vector<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(out, ec)) entries.push_back(entry.path());
  if (ec) write_failed(out, ec.message());
  if (entries.empty()) return;
  std::sort(entries.begin(), entries.end());
  const fs::path manifest = out / kManifestName;
  if (!fs::is_regular_file(fs::symlink_status(manifest, ec))) {
    throw InputError(ErrorCode::kIo, "output folder '" + out.string() + "' holds '" +
                                         entries.front().string() +
                                         "', which kernkompas did not write (the folder has no " +
                                         kManifestName + "); use an empty or new folder");
  }
  const std::map<std::string, std::string> ours = read_manifest(manifest);
  for (const fs::path& entry : entries) {
    const std::string name = entry.filename().string();
    if (name == kManifestName) continue;
    const auto listed = ours.find(name);
    if (listed == ours.end() || !fs::is_regular_file(fs::symlink_status(entry, ec))) {
      throw InputError(ErrorCode::kIo, "output folder '" + out.string() + "' holds '" + entry.string() +
                                           "', which kernkompas did not write; move it away or use "
                                           "another output folder");
    }
    if (sha256_file(entry) != listed->second) {
      throw InputError(ErrorCode::kIo, "'" + entry.string() +
                                           "' was changed after kernkompas wrote it (its checksum "
                                           "differs from " + kManifestName +
                                           "); move it away or use another output folder");
    }
  }
}

// Inputs must not lie in out_dir: the run replaces that folder as a whole.
void check_inputs_outside(const fs::path& out, const WriteOptions& options) {
  std::vector<fs::path> inputs = options.input_paths;
  if (!options.config_path.empty()) inputs.push_back(options.config_path);
  std::error_code ec;
  const fs::path out_real = fs::weakly_canonical(out, ec);
  for (const fs::path& input : inputs) {
    if (input.empty()) continue;
    const fs::path real = fs::weakly_canonical(fs::absolute(input, ec), ec);
    const auto [end, _] = std::mismatch(out_real.begin(), out_real.end(), real.begin(), real.end());
    if (end == out_real.end()) {
      throw InputError(ErrorCode::kIo, "input file '" + input.string() + "' lies in the output folder '" +
                                           out.string() +
                                           "', which a run replaces as a whole; keep inputs elsewhere");
    }
  }
}

// Unique per process, thread and call: temp names of concurrent runs never meet.
std::string unique_suffix() {
  static std::atomic<uint64_t> counter{0};
  thread_local std::mt19937_64 random{std::random_device{}() ^
                                      std::hash<std::thread::id>{}(std::this_thread::get_id())};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%ld-%llx-%llu", static_cast<long>(::getpid()),
                static_cast<unsigned long long>(random() & 0xffffffffffULL),
                static_cast<unsigned long long>(counter.fetch_add(1)));
  return buffer;
}

// `<out_dir>.kk-lock` beside out_dir, held with flock for the whole write. flock locks
// belong to the open file description, so two threads of one process exclude each other too.
// The lock file stays: removing it would race with a waiting run.
class OutputLock {
 public:
  OutputLock(const fs::path& out, double timeout_s) : path_(out.string() + ".kk-lock") {
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) write_failed(path_, errno_text(errno));
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::duration<double>(std::max(0.0, timeout_s));
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      if (err == EINTR) continue;
      if (err != EWOULDBLOCK || std::chrono::steady_clock::now() >= deadline) {
        ::close(fd_);
        if (err != EWOULDBLOCK) write_failed(path_, "cannot lock: " + errno_text(err));
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%g", timeout_s);
        throw Error(ErrorCode::kIo, "output folder '" + out.string() +
                                        "' is being written by another run (lock '" + path_.string() +
                                        "' still held after " + seconds + " s); try again later");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~OutputLock() { ::close(fd_); }
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

 private:
  fs::path path_;
  int fd_ = -1;
};

// Leftovers of interrupted runs beside out_dir; the caller holds the lock, so no live run
// owns them. A run killed between the two renames of the fallback switch left out_dir
// missing and the previous set aside: that set is put back.
void recover_leftovers(const fs::path& out) {
  const std::string staging_prefix = out.filename().string() + ".kk-staging-";
  const std::string old_prefix = out.filename().string() + ".kk-old-";
  std::vector<fs::path> staging, old;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(out.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(staging_prefix, 0) == 0) staging.push_back(entry.path());
    if (name.rfind(old_prefix, 0) == 0) old.push_back(entry.path());
  }
  if (!old.empty() && !fs::exists(fs::symlink_status(out, ec))) {
    fs::rename(old.back(), out, ec);
    if (ec) write_failed(out, "cannot restore the previous output from '" + old.back().string() + "': " + ec.message());
    old.pop_back();
  }
  for (const auto& list : {staging, old}) {
    for (const fs::path& path : list) {
      fs::remove_all(path, ec);
      if (ec) write_failed(path, "cannot remove a leftover of an interrupted run: " + ec.message());
    }
  }
}

void fsync_path(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return;
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0 && err != EINVAL && err != EROFS) write_failed(path, "cannot sync: " + errno_text(err));
}

// The staging folder, removed unless it was switched in.
class StagingFolder {
 public:
  explicit StagingFolder(const fs::path& out)
      : path_(out.parent_path() / (out.filename().string() + ".kk-staging-" + unique_suffix())) {
    std::error_code ec;
    if (!fs::create_directory(path_, ec)) write_failed(path_, ec ? ec.message() : "exists already");
  }
  ~StagingFolder() {
    std::error_code ec;
    if (!switched_) fs::remove_all(path_, ec);
  }
  StagingFolder(const StagingFolder&) = delete;
  StagingFolder& operator=(const StagingFolder&) = delete;
  const fs::path& path() const { return path_; }

  // Replaces out_dir with the staged folder in one step where the kernel allows it.
  void switch_to(const fs::path& out) {
    std::error_code ec;
    const fs::path parent = out.parent_path();
    if (!fs::exists(fs::symlink_status(out, ec))) {
      fs::rename(path_, out, ec);
      if (ec) write_failed(out, ec.message());
      switched_ = true;
      fsync_path(parent, true);
      test_hook("switched");
      return;
    }
    const bool exchange_allowed = std::getenv("KK_TEST_NO_EXCHANGE") == nullptr;
    if (exchange_allowed &&
        ::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) == 0) {
      // path_ now holds the previous set; it goes next (or with the next run, after a kill).
      switched_ = true;
      fsync_path(parent, true);
      test_hook("switched");
      fs::remove_all(path_, ec);
      return;
    }
    if (exchange_allowed && errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
      write_failed(out, "cannot switch in the new output: " + errno_text(errno));
    }
    // No RENAME_EXCHANGE (old kernel, some file systems): two renames; a kill between them
    // leaves out_dir missing and the previous set in .kk-old-*, which the next run restores.
    const fs::path old = parent / (out.filename().string() + ".kk-old-" + unique_suffix());
    fs::rename(out, old, ec);
    if (ec) write_failed(out, "cannot move the previous output aside: " + ec.message());
    test_hook("moved-aside");
    fs::rename(path_, out, ec);
    if (ec) {
      std::error_code ignored;
      fs::rename(old, out, ignored);
      write_failed(out, "cannot switch in the new output: " + ec.message());
    }
    switched_ = true;
    fsync_path(parent, true);
    test_hook("switched");
    fs::remove_all(old, ec);
  }

 private:
  fs::path path_;
  bool switched_ = false;
};

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

void write_outputs(const AnalysisInput& input, const AnalysisResult& result, const fs::path& out_dir,
                   const WriteOptions& options) {
  std::error_code ec;
  fs::path out = fs::absolute(out_dir, ec).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();
  if (fs::is_symlink(out, ec)) out = fs::canonical(out, ec);  // switch the folder, not the link
  if (out.filename().empty() || out == out.root_path()) write_failed(out_dir, "not a usable output folder");
  fs::create_directories(out.parent_path(), ec);
  if (ec) write_failed(out, ec.message());
  GDALAllRegister();

  const OutputLock lock(out, options.lock_timeout_s);
  recover_leftovers(out);
  check_inputs_outside(out, options);
  check_ownership(out);

  StagingFolder staging(out);
  std::vector<std::string> names;
  const fs::path gpkg = staging.path() / "kernkompas.gpkg";
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
    for (const NamedTable& named : result.tables) write_table_layer(*ds, srs, named, gpkg);
    write_location_layer(*ds, srs, input, result, gpkg);
    // GDAL 3.6 has no Close(): flushing and destroying the dataset finishes the file.
    ds->FlushCache(true);
    CPLErrorReset();
    ds.reset();
    if (CPLGetLastErrorType() >= CE_Failure) write_failed(gpkg, CPLGetLastErrorMsg());
  }
  names.push_back(gpkg.filename().string());
  test_hook("staging");
  for (const NamedTable& named : result.tables) {
    // The kern table keeps the name users know from the first release.
    names.push_back(named.name == "kern" ? "kern_indicators.csv" : named.name + ".csv");
    write_csv(named.table, staging.path() / names.back());
  }
  for (const Raster& raster : result.rasters) {
    names.push_back(raster.name + ".tif");
    write_geotiff(raster, options.working_crs, staging.path() / names.back());
  }
  // Anything a driver wrote beside its file (a GDAL .aux.xml, say) is part of the run too.
  for (const auto& entry : fs::directory_iterator(staging.path())) {
    const std::string name = entry.path().filename().string();
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  std::vector<ManifestFile> files;
  for (const std::string& name : names) {
    const fs::path path = staging.path() / name;
    fsync_path(path, false);
    files.push_back({name, sha256_file(path), fs::file_size(path, ec)});
  }
  write_manifest(staging.path() / kManifestName, files, result.internal, options);
  fsync_path(staging.path() / kManifestName, false);
  fsync_path(staging.path(), true);
  test_hook("staged");
  staging.switch_to(out);
}

}  // namespace kk::layers
