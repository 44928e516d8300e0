// `kernkompas run`: configuration in, GeoPackage + CSV + summary out.
#pragma once

#include <filesystem>
#include <optional>

namespace kk::cli {

struct RunOptions {
  std::optional<std::filesystem::path> config;  // none: the embedded Wijdemeren data
  std::filesystem::path out_dir = "kernkompas-out";
  unsigned threads = 1;
  bool quiet = false;
};

// Returns the process exit code; errors are printed as one line on stderr.
int run_command(const RunOptions& options);

}  // namespace kk::cli
