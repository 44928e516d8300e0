// Writing analysis results: a GeoPackage and CSV tables.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "kernkompas/analysis.hpp"
#include "kernkompas/core/table.hpp"
#include "kernkompas/layers/validate.hpp"

namespace kk::layers {

struct WriteOptions {
  std::string working_crs = "EPSG:28992";
  // The configuration file the run read; recorded with its checksum in the manifest.
  // DEFAULT: empty (not recorded; the C API and Python build inputs in code).
  std::filesystem::path config_path;
  // The input files the run read; recorded with their checksums in the manifest. The run
  // refuses an out_dir that holds one of them. DEFAULT: empty.
  std::vector<std::filesystem::path> input_paths;
  // How long to wait for another run writing the same out_dir (the lock beside it) before
  // failing. REQUIRES: >= 0. DEFAULT: 10 s.
  double lock_timeout_s = 10.0;
};

// The manifest every run writes into out_dir: the files of the run and their checksums.
inline constexpr const char* kManifestName = "kernkompas-run.json";

// Writes out_dir/kernkompas.gpkg (a layer per result table — `kern` first, with the kern
// polygons — plus, only when result.internal, `location`: every premise with the columns
// families add), a CSV per table:
// kern_indicators.csv for `kern`, <name>.csv for the others, <name>.tif (GeoTIFF with
// the working CRS, NaN nodata) per raster, and the manifest kernkompas-run.json (SHA-256 of
// every file, the mode, the version, the configuration and inputs when given).
//
// Published output (result.internal false) holds no premise-level data: no `location`
// layer, no ids, names or points of single units. The GeoPackage records its mode in its
// own metadata (a gpkg_metadata row "kernkompas_mode=published" or
// "kernkompas_mode=internal", standard URI urn:kernkompas:output-mode); in internal output
// every layer's description also reads "INTERN — niet publiceren".
//
// The output folder as a whole (see docs/output.md):
// - out_dir must be absent, empty, or a folder an earlier run wrote (it has a manifest and
//   every file in it is listed there with a matching checksum); otherwise the run throws
//   kk::InputError naming the first foreign or changed file and writes nothing;
// - everything is written into a fresh folder beside out_dir and switched in with one
//   rename (renameat2 RENAME_EXCHANGE on Linux), so out_dir holds the whole old set or the
//   whole new set and no file of the previous run stays behind;
// - a lock file `<out_dir>.kk-lock` beside out_dir serialises runs and threads writing the
//   same folder; a run waits up to options.lock_timeout_s, then throws kk::Error (kIo);
// - leftovers of an interrupted run beside out_dir are removed (or, when out_dir itself is
//   missing, the previous set is put back) by the next run.
//
// GDAL's own messages are captured while writing, never printed: a GDAL error fails the write
// (kk::Error kIo "cannot write '<file>': GDAL: ..."; nothing changes in out_dir), and GDAL
// warnings are returned as notes ("output file 'kernkompas.gpkg': GDAL: ...") for the caller
// to show.
Notes write_outputs(const AnalysisInput& input, const AnalysisResult& result,
                    const std::filesystem::path& out_dir, const WriteOptions& options = {});

// One table as CSV (comma-separated, RFC 4180 quoting, empty cell for null, '.' decimals).
// Text cells starting with '=', '+', '-', '@', tab or carriage return get a leading "'" and
// quotes (OWASP's CSV-injection advice), so spreadsheets show them as text; numbers are
// written as they are.
void write_csv(const Table& table, const std::filesystem::path& path);

}  // namespace kk::layers
