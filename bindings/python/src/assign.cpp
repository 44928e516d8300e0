// kernkompas._core.assign_points: point-in-kern assignment on numpy arrays, the binding's
// form of the foundation benchmark (kk::assign::assign_to_kernen) with no file I/O.
#include <nanobind/ndarray.h>

#include "arrays.hpp"
#include "binding.hpp"
#include "kernkompas/assign/assign.hpp"
#include "kernkompas/core/error.hpp"

namespace kk::python {
namespace {

using KernIndex = nb::ndarray<nb::numpy, int32_t, nb::ndim<1>>;

KernIndex assign_points(const Input<double>& vertex_x, const Input<double>& vertex_y,
                        const Input<int64_t>& vertex_offsets, const Input<int64_t>& ring_offsets,
                        const Input<int64_t>& part_offsets, const Input<double>& x,
                        const Input<double>& y, unsigned threads) {
  if (x.shape(0) != y.shape(0)) throw Error(ErrorCode::kInvalidArgument, "x and y differ in length");
  KernLayer kernen;
  kernen.geometry = multipolygons_from_ragged(vertex_x, vertex_y, vertex_offsets, ring_offsets, part_offsets);
  const auto& g = kernen.geometry;
  kernen.code.resize(g.size());

  auto* kern = new std::vector<int32_t>();
  nb::capsule owner(kern, [](void* p) noexcept { delete static_cast<std::vector<int32_t>*>(p); });
  const std::span<const double> xs(x.data(), x.shape(0)), ys(y.data(), y.shape(0));
  {
    nb::gil_scoped_release release;
    *kern = assign::assign_to_kernen(kernen, xs, ys, {threads, {}}).kern;
  }
  const size_t shape[1] = {kern->size()};
  return KernIndex(kern->data(), 1, shape, owner);
}

}  // namespace

void bind_assign(nb::module_& m) {
  m.def("assign_points", &assign_points, nb::arg("vertex_x"), nb::arg("vertex_y"), nb::arg("vertex_offsets"),
        nb::arg("ring_offsets"), nb::arg("part_offsets"), nb::arg("x"), nb::arg("y"), nb::arg("threads") = 1,
        "Index of the polygon covering each point (-1 outside all), polygons in ragged layout.");
}

}  // namespace kk::python
