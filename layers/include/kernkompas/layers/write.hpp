// Writing analysis results: a GeoPackage and CSV tables.
#pragma once

#include <filesystem>
#include <string>

#include "kernkompas/analysis.hpp"
#include "kernkompas/core/table.hpp"

namespace kk::layers {

struct WriteOptions {
  std::string working_crs = "EPSG:28992";
};

// Writes out_dir/kernkompas.gpkg (a layer per result table — `kern` first, with the kern
// polygons — plus `location`, with the columns families add), a CSV per table:
// kern_indicators.csv for `kern`, <name>.csv for the others, and <name>.tif (GeoTIFF with
// the working CRS, NaN nodata) per raster. Files are written under temporary names and renamed when
// complete, so a failure never leaves a partial output behind. Creates out_dir if needed.
void write_outputs(const AnalysisInput& input, const AnalysisResult& result,
                   const std::filesystem::path& out_dir, const WriteOptions& options = {});

// One table as CSV (comma-separated, RFC 4180 quoting, empty cell for null, '.' decimals).
void write_csv(const Table& table, const std::filesystem::path& path);

}  // namespace kk::layers
