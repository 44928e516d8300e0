// Private to layers/src: the output folder of a run (docs/output.md) — ownership through
// the manifest, the lock, staging beside OUT and the switch — apart from the formats.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "kernkompas/layers/write.hpp"

namespace kk::layers::detail {

// Throws kk::Error (kIo): "cannot write '<path>': <why>".
[[noreturn]] void write_failed(const std::filesystem::path& path, const std::string& why);

// The kill tests' hook: with KK_TEST_FAIL_AT=<step> the process ends at that step as if
// killed (no destructors, no cleanup). Read only when set.
void test_hook(const char* step);

// The tests' hook for GDAL's messages during a write: with KK_TEST_GDAL_MESSAGE=warning (or
// error) set, GDAL reports one through CPLError, as a driver would, where this is called.
// Read only when set.
void test_gdal_message();

// Writes a run into `out_dir`: takes the lock beside it, cleans leftovers of interrupted runs,
// refuses inputs inside it and files it did not write, lets `write_files` fill a fresh
// staging folder (returning the names it wrote), adds the manifest with checksums and the
// mode (`internal`), and switches the staging folder in whole. Throws kk::InputError or
// kk::Error (kIo) naming the path; nothing changes in `out_dir` unless the switch happens.
void write_output_folder(const std::filesystem::path& out_dir, const WriteOptions& options, bool internal,
                         const std::function<std::vector<std::string>(const std::filesystem::path&)>& write_files);

}  // namespace kk::layers::detail
