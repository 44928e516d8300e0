// kernkompas._core.assign_points: point-in-kern assignment on numpy arrays, the binding's
// form of the foundation benchmark (kk::assign::assign_to_kernen) with no file I/O.
#include <nanobind/ndarray.h>

#include "binding.hpp"
#include "kernkompas/assign/assign.hpp"
#include "kernkompas/core/error.hpp"

namespace kk::python {
namespace {

template <typename T>
using Input = nb::ndarray<const T, nb::ndim<1>, nb::c_contig, nb::device::cpu>;
using Output = nb::ndarray<nb::numpy, int32_t, nb::ndim<1>>;

template <typename T, typename U = T>
std::vector<U> to_vector(const Input<T>& array) {
  return std::vector<U>(array.data(), array.data() + array.shape(0));
}

Output assign_points(const Input<double>& vertex_x, const Input<double>& vertex_y,
                     const Input<int64_t>& vertex_offsets, const Input<int64_t>& ring_offsets,
                     const Input<int64_t>& part_offsets, const Input<double>& x, const Input<double>& y,
                     unsigned threads) {
  if (x.shape(0) != y.shape(0)) throw Error(ErrorCode::kInvalidArgument, "x and y differ in length");
  if (vertex_x.shape(0) != vertex_y.shape(0)) {
    throw Error(ErrorCode::kInvalidArgument, "polygon x and y differ in length");
  }
  KernLayer kernen;
  kernen.geometry.x = to_vector(vertex_x);
  kernen.geometry.y = to_vector(vertex_y);
  kernen.geometry.vertex_offsets = to_vector<int64_t, uint32_t>(vertex_offsets);
  kernen.geometry.ring_offsets = to_vector<int64_t, uint32_t>(ring_offsets);
  kernen.geometry.part_offsets = to_vector<int64_t, uint32_t>(part_offsets);
  const auto& g = kernen.geometry;
  const bool consistent = !g.vertex_offsets.empty() && !g.ring_offsets.empty() && !g.part_offsets.empty() &&
                          g.vertex_offsets.back() == g.x.size() &&
                          g.ring_offsets.back() + 1 == g.vertex_offsets.size() &&
                          g.part_offsets.back() + 1 == g.ring_offsets.size();
  if (!consistent) throw Error(ErrorCode::kInvalidArgument, "polygon offsets do not match the coordinates");
  kernen.code.resize(g.size());

  auto* kern = new std::vector<int32_t>();
  nb::capsule owner(kern, [](void* p) noexcept { delete static_cast<std::vector<int32_t>*>(p); });
  const std::span<const double> xs(x.data(), x.shape(0)), ys(y.data(), y.shape(0));
  {
    nb::gil_scoped_release release;
    *kern = assign::assign_to_kernen(kernen, xs, ys, {threads, {}}).kern;
  }
  const size_t shape[1] = {kern->size()};
  return Output(kern->data(), 1, shape, owner);
}

}  // namespace

void bind_assign(nb::module_& m) {
  m.def("assign_points", &assign_points, nb::arg("vertex_x"), nb::arg("vertex_y"), nb::arg("vertex_offsets"),
        nb::arg("ring_offsets"), nb::arg("part_offsets"), nb::arg("x"), nb::arg("y"), nb::arg("threads") = 1,
        "Index of the polygon covering each point (-1 outside all), polygons in ragged layout.");
}

}  // namespace kk::python
