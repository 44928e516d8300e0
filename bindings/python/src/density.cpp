// kernkompas._core.kernel_density: the engine's kernel density on plain arrays.
#include <nanobind/stl/string.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/tuple.h>

#include <span>
#include <string>
#include <vector>

#include "binding.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/stats/kernel_density.hpp"

namespace kk::python {
namespace {

using Coordinates = nb::ndarray<const double, nb::ndim<1>, nb::c_contig, nb::device::cpu>;

// Density and units in reach as flat arrays (row-major, northern row first) plus the count of
// withheld cells; the Python side shapes them.
nb::tuple kernel_density(const Coordinates& x, const Coordinates& y, const std::optional<Coordinates>& weights,
                         const std::string& kernel, double bandwidth, double origin_x, double origin_y,
                         double cell_size, size_t columns, size_t rows, int64_t disclosure_k, unsigned threads) {
  const size_t n = x.shape(0);
  if (y.shape(0) != n) throw Error(ErrorCode::kInvalidArgument, "kernel density: x and y differ in length");
  stats::KernelDensityOptions options;
  options.kernel = stats::parse_density_kernel(kernel);
  options.bandwidth = bandwidth;
  options.threads = threads;
  options.disclosure.internal = disclosure_k == 0;
  if (disclosure_k > 0) options.disclosure.k = disclosure_k;
  const std::span<const double> w = weights ? std::span<const double>(weights->data(), weights->shape(0))
                                            : std::span<const double>();
  auto* result = new stats::KernelDensity();
  nb::capsule owner(result, [](void* p) noexcept { delete static_cast<stats::KernelDensity*>(p); });
  {
    nb::gil_scoped_release release;
    *result = stats::kernel_density({x.data(), n}, {y.data(), n}, w,
                                    stats::DensityGrid{origin_x, origin_y, cell_size, columns, rows}, options);
  }
  return nb::make_tuple(view(result->density.values, owner), view(result->units_in_reach, owner),
                        result->withheld_cells);
}

}  // namespace

void bind_density(nb::module_& m) {
  m.def("kernel_density", &kernel_density, nb::arg("x"), nb::arg("y"), nb::arg("weights").none(),
        nb::arg("kernel"), nb::arg("bandwidth"), nb::arg("origin_x"), nb::arg("origin_y"), nb::arg("cell_size"),
        nb::arg("columns"), nb::arg("rows"), nb::arg("disclosure_k"), nb::arg("threads"),
        "Kernel density on a grid (flat arrays, northern row first); see kernkompas.stats.kernel_density.");
}

}  // namespace kk::python
