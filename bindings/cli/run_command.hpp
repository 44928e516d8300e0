// `kernkompas run`: configuration in, GeoPackage + CSV + summary out.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kk::cli {

// Exit codes of the command (documented in --help and README.md).
inline constexpr int kExitInput = 1;     // bad input data or configuration
inline constexpr int kExitUsage = 2;     // bad command line: unknown flag, missing value, bad --set
inline constexpr int kExitInternal = 3;  // a bug: the message asks to report it

struct RunOptions {
  std::optional<std::filesystem::path> config;  // none: the embedded Wijdemeren data
  std::filesystem::path out_dir = "kernkompas-out";
  std::optional<unsigned> threads;  // overrides the config's execution.threads
  bool quiet = false;
  bool internal = false;            // unsuppressed output, overrides the config
  std::optional<std::string> seed;  // overrides the config's execution.seed (0 ... 2^64 - 1)
  std::vector<std::string> set;     // "section.key=value", applied last
};

// Returns the process exit code; errors are printed as one line on stderr.
int run_command(const RunOptions& options);

// `kernkompas options`: every option (section, name, type, default, range, unit, doc) as an
// aligned list, or with `markdown` as the table docs/configuration.md carries.
int options_command(bool markdown);

}  // namespace kk::cli
