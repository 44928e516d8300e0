// A raster result (e.g. a kernel density surface): a north-up grid of doubles in the
// working CRS, written as GeoTIFF and handed to C and Python without copies.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace kk {

struct Raster {
  std::string name;         // also the file name: <name>.tif
  std::string unit;         // e.g. "per_km2"
  std::string description;  // one line
  size_t columns = 0;
  size_t rows = 0;
  // GDAL's affine geotransform, north up: x = gt[0] + col·gt[1], y = gt[3] + row·gt[5]
  // (gt[5] < 0), at the cell's upper-left corner; gt[2] = gt[4] = 0.
  std::array<double, 6> geotransform{0.0, 1.0, 0.0, 0.0, 0.0, -1.0};
  // rows × columns values, row-major, northern row first; NaN = no data.
  std::vector<double> values;

  // A raster of `columns` × `rows` cells of `cell_size` metres whose lower-left corner is
  // (origin_x, origin_y), every value NaN.
  static Raster grid(std::string name, double origin_x, double origin_y, double cell_size,
                     size_t columns, size_t rows);
  // The value at grid column `column` and row `row` counted from the SOUTH (as grid cells
  // are elsewhere in kernkompas).
  double& at_south_row(size_t column, size_t row_from_south) {
    return values[(rows - 1 - row_from_south) * columns + column];
  }
};

}  // namespace kk
