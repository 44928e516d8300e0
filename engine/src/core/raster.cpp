// Raster results.
#include "kernkompas/core/raster.hpp"

#include <limits>

namespace kk {

Raster Raster::grid(std::string name, double origin_x, double origin_y, double cell_size,
                    size_t columns, size_t rows) {
  Raster raster;
  raster.name = std::move(name);
  raster.columns = columns;
  raster.rows = rows;
  raster.geotransform = {origin_x, cell_size, 0.0, origin_y + static_cast<double>(rows) * cell_size,
                         0.0, -cell_size};
  raster.values.assign(columns * rows, std::numeric_limits<double>::quiet_NaN());
  return raster;
}

}  // namespace kk
