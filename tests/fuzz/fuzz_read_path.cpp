// Fuzz harness: the whole read path of the command line on in-memory files. The input is
//   <kernen GeoJSON> "\n%%\n" <locations CSV> ["\n%%\n" <section.key=value lines>]
// The two files go to GDAL's /vsimem/, are read with read_kernen and read_locations (the
// locations' geometry from x/y, lon/lat or wkt columns, whichever the header names), and a
// small analysis runs on them with the options of the third part, applied as --set does.
// Nothing is written.
#include <cpl_vsi.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "fuzz_target.hpp"
#include "kernkompas/analysis.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/read.hpp"

namespace kk::fuzz {
namespace {

constexpr std::string_view kSeparator = "\n%%\n";
constexpr const char* kKernenPath = "/vsimem/kk_fuzz/kernen.geojson";
constexpr const char* kLocationsPath = "/vsimem/kk_fuzz/locations.csv";
// Bounds that keep one run cheap: more permutations, simulations or threads only cost time.
constexpr int64_t kMaxPermutations = 19;
constexpr size_t kMaxOptionLines = 8;

// The next part of `input` up to the separator (all of it if there is none).
std::string_view next_part(std::string_view& input) {
  const size_t end = input.find(kSeparator);
  const std::string_view part = input.substr(0, end);
  input.remove_prefix(end == std::string_view::npos ? input.size() : end + kSeparator.size());
  return part;
}

// An in-memory file for as long as it lives (GDAL reads the caller's buffer, no copy).
class MemoryFile {
 public:
  MemoryFile(const char* path, std::string_view content) : path_(path) {
    VSIFCloseL(VSIFileFromMemBuffer(path, reinterpret_cast<GByte*>(const_cast<char*>(content.data())),
                                    static_cast<vsi_l_offset>(content.size()), FALSE));
  }
  ~MemoryFile() { VSIUnlink(path_); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;

 private:
  const char* path_;
};

// The locations' geometry columns, as a config would name them for this header.
void map_geometry_columns(std::string_view csv, layers::LayerSource& source) {
  const std::string_view header = csv.substr(0, csv.find('\n'));
  auto has = [&](std::string_view column) { return header.find(column) != std::string_view::npos; };
  if (has("wkt")) {
    source.wkt_column = "wkt";
  } else if (has("lon")) {
    source.x_column = "lon";
    source.y_column = "lat";
    source.crs = "OGC:CRS84";
  } else {
    source.x_column = "x";
    source.y_column = "y";
  }
}

// Options from "section.key=value" lines, as the command line's --set applies them; a value
// it refuses is skipped (the command line stops there with its usage error).
Settings settings_from(std::string_view lines) {
  Settings settings;
  for (size_t count = 0; !lines.empty() && count < kMaxOptionLines; ++count) {
    const std::string_view line = lines.substr(0, lines.find('\n'));
    lines.remove_prefix(std::min(lines.size(), line.size() + 1));
    try {
      settings.set_assignment(line);
    } catch (const Error& e) {
      if (e.code() != ErrorCode::kInvalidArgument) throw;
    }
  }
  settings.set("execution.threads", int64_t{1});
  // Every family's random repetitions: a 244k-cell LISA grid with the default 999
  // permutations ran for over ten minutes (campaign of 2026-12-01), correct but slow.
  for (const char* name : {"hotspots.permutations", "clustering.lisa_permutations",
                           "clustering.colocation_permutations", "clustering.ripley_simulations"}) {
    if (std::get<int64_t>(settings.get(name)) > kMaxPermutations) settings.set(name, kMaxPermutations);
  }
  return settings;
}

}  // namespace

void read_path(std::string_view input) {
  const std::string_view kernen_text = next_part(input);
  const std::string_view locations_text = next_part(input);
  const std::string_view option_lines = input;
  const MemoryFile kernen_file(kKernenPath, kernen_text);
  const MemoryFile locations_file(kLocationsPath, locations_text);

  layers::LayerSource kernen{.path = kKernenPath, .crs = "EPSG:28992"};
  layers::LayerSource locations{.path = kLocationsPath, .crs = "EPSG:28992"};
  map_geometry_columns(locations_text, locations);
  try {
    layers::Notes notes;
    AnalysisInput analysis_input;
    analysis_input.area_name = "fuzz";
    analysis_input.kernen = layers::read_kernen(kernen, "EPSG:28992", notes);
    analysis_input.locations = layers::read_locations(locations, "EPSG:28992", notes);
    const AnalysisOptions options{.settings = settings_from(option_lines)};
    const AnalysisResult result = run_analysis(analysis_input, options);
    if (result.tables.empty() || result.assignment.kern.size() != analysis_input.locations.size()) {
      invariant_failed("read_path", "the analysis lost its kern table or a location's assignment");
    }
  } catch (const InputError&) {
  }
}

}  // namespace kk::fuzz

KK_FUZZ_ENTRY(read_path)
