// The output folder of a run: checksums, the manifest of what the run owns, the ownership
// check, a lock against concurrent writers, and a staging folder switched in whole
// (docs/output.md). Knows nothing of the formats written into it.
#include "output_folder.hpp"

#include <cpl_error.h>
#include <cpl_json.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <string_view>
#include <thread>

#include "kernkompas/core/error.hpp"

namespace kk::layers::detail {

namespace fs = std::filesystem;

[[noreturn]] void write_failed(const fs::path& path, const std::string& why) {
  throw Error(ErrorCode::kIo, "cannot write '" + path.string() + "': " + why);
}

// The kill tests' hook: with KK_TEST_FAIL_AT=<step> the process ends at that step of the
// commit as if killed (no destructors, no cleanup). Read only when set.
void test_hook(const char* step) {
  const char* fail_at = std::getenv("KK_TEST_FAIL_AT");
  if (fail_at != nullptr && std::strcmp(fail_at, step) == 0) ::_exit(86);
}

void test_gdal_message() {
  const char* kind = std::getenv("KK_TEST_GDAL_MESSAGE");
  if (kind == nullptr) return;
  CPLError(std::strcmp(kind, "error") == 0 ? CE_Failure : CE_Warning, CPLE_AppDefined,
           "a test %s raised by KK_TEST_GDAL_MESSAGE", kind);
}

namespace {

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

// Files a driver or a reader writes beside a file of ours: GDAL's .aux.xml (statistics,
// metadata of a raster or GeoPackage opened read-only), SQLite's -wal, -shm and -journal (a
// GeoPackage opened by QGIS, say). They belong to that file, and a reader may write or change
// them after the run, so they are ours without a checksum check and go with the old set.
constexpr std::string_view kSidecarSuffixes[] = {".aux.xml", "-wal", "-shm", "-journal"};

// True when `name` is a sidecar of a file listed in `ours`.
bool sidecar_of_ours(const std::string& name, const std::map<std::string, std::string>& ours) {
  for (std::string_view suffix : kSidecarSuffixes) {
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
        ours.contains(name.substr(0, name.size() - suffix.size()))) {
      return true;
    }
  }
  return false;
}

// The test hook for sidecars: with KK_TEST_PLANT_SIDECAR=<name> a file of that name is
// written into the staging folder after the formats, as a GDAL version might. Read only
// when set.
void plant_test_sidecar(const fs::path& staging) {
  const char* name = std::getenv("KK_TEST_PLANT_SIDECAR");
  if (name == nullptr || *name == '\0') return;
  std::ofstream(staging / name, std::ios::binary) << "<PAMDataset/>\n";
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
    if (fs::is_regular_file(fs::symlink_status(entry, ec)) && sidecar_of_ours(name, ours)) continue;
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

void write_output_folder(const fs::path& out_dir, const WriteOptions& options, bool internal,
                         const std::function<std::vector<std::string>(const fs::path&)>& write_files) {
  std::error_code ec;
  fs::path out = fs::absolute(out_dir, ec).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();
  if (fs::is_symlink(out, ec)) out = fs::canonical(out, ec);  // switch the folder, not the link
  if (out.filename().empty() || out == out.root_path()) write_failed(out_dir, "not a usable output folder");
  fs::create_directories(out.parent_path(), ec);
  if (ec) write_failed(out, ec.message());

  const OutputLock lock(out, options.lock_timeout_s);
  recover_leftovers(out);
  check_inputs_outside(out, options);
  check_ownership(out);

  StagingFolder staging(out);
  std::vector<std::string> names = write_files(staging.path());
  plant_test_sidecar(staging.path());
  // Anything a driver wrote beside its files (a GDAL .aux.xml, SQLite's -wal or -shm, ...)
  // is part of the run too: the manifest lists every file of the staging folder, so the next
  // run knows it as its own. A sub-folder nobody asked for is an error, not output.
  for (const auto& entry : fs::directory_iterator(staging.path())) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file()) write_failed(entry.path(), "a writer left something that is not a file");
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  std::vector<ManifestFile> files;
  for (const std::string& name : names) {
    const fs::path path = staging.path() / name;
    fsync_path(path, false);
    files.push_back({name, sha256_file(path), fs::file_size(path, ec)});
  }
  write_manifest(staging.path() / kManifestName, files, internal, options);
  fsync_path(staging.path() / kManifestName, false);
  fsync_path(staging.path(), true);
  test_hook("staged");
  staging.switch_to(out);
}

}  // namespace kk::layers::detail
