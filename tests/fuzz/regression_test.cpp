// Replays every seed (tests/fuzz/corpus/<harness>/) and every past finding
// (tests/fuzz/regressions/<harness>/) through the harnesses' logic in the normal build, so a
// bug a fuzzer once found stays fixed without clang or libFuzzer. An input passes when the
// harness returns (kernkompas accepted it or refused it with a kk::InputError); another
// exception fails the test, a crash or broken invariant aborts the program.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_target.hpp"

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs_of(const std::string& harness, const std::string& kind) {
  std::vector<fs::path> files;
  const fs::path folder = fs::path(KK_FUZZ_DIR) / kind / harness;
  if (!fs::is_directory(folder)) return files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string contents(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs every seed and finding of `harness`; returns how many.
size_t replay(const std::string& harness, const std::function<void(std::string_view)>& run) {
  size_t count = 0;
  for (const std::string kind : {"corpus", "regressions"}) {
    for (const fs::path& file : inputs_of(harness, kind)) {
      SCOPED_TRACE(file.string());
      const std::string input = contents(file);
      EXPECT_NO_THROW(run(input)) << "input " << file;
      ++count;
    }
  }
  return count;
}

// Each harness has a seed corpus of at least ten inputs (scripts/fuzz.sh starts from it).
constexpr size_t kMinimumSeeds = 10;

TEST(FuzzRegression, CsvValues) { EXPECT_GE(replay("csv_values", kk::fuzz::csv_values), kMinimumSeeds); }
TEST(FuzzRegression, ConfigReader) { EXPECT_GE(replay("config_reader", kk::fuzz::config_reader), kMinimumSeeds); }
TEST(FuzzRegression, WkbReader) { EXPECT_GE(replay("wkb_reader", kk::fuzz::wkb_reader), kMinimumSeeds); }
TEST(FuzzRegression, ReadPath) { EXPECT_GE(replay("read_path", kk::fuzz::read_path), kMinimumSeeds); }

}  // namespace
