// `kernkompas run`: configuration in, GeoPackage + CSV + summary out.
#pragma once

#include <filesystem>
#include <cstdint>
#include <optional>

namespace kk::cli {

struct RunOptions {
  std::optional<std::filesystem::path> config;  // none: the embedded Wijdemeren data
  std::filesystem::path out_dir = "kernkompas-out";
  unsigned threads = 1;
  bool quiet = false;
  bool internal = false;          // unsuppressed output, overrides the config
  std::optional<uint64_t> seed;   // permutation seed, overrides the config

};

// Returns the process exit code; errors are printed as one line on stderr.
int run_command(const RunOptions& options);

}  // namespace kk::cli
