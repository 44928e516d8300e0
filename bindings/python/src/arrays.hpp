// Shared by the array functions of kernkompas._core (stats, points, pattern statistics,
// autocorrelation, assignment): numpy inputs as spans, results handed to numpy without
// copies, and polygons from shapely's ragged layout.
#pragma once

#include <nanobind/ndarray.h>

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "binding.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/geometry/multipolygon_array.hpp"

namespace kk::python {

template <typename T>
using Input = nb::ndarray<const T, nb::ndim<1>, nb::c_contig, nb::device::cpu>;
template <typename T>
using Output = nb::ndarray<nb::numpy, T, nb::ndim<1>>;

template <typename T>
std::span<const T> span_of(const Input<T>& array) {
  return {array.data(), array.shape(0)};
}

template <typename T, typename U = T>
std::vector<U> to_vector(const Input<T>& array) {
  return std::vector<U>(array.data(), array.data() + array.shape(0));
}

// A writable numpy array over `values`, kept alive by `owner` (no copy).
template <typename T>
Output<T> output(std::vector<T>& values, nb::handle owner) {
  static T empty{};
  const size_t shape[1] = {values.size()};
  return Output<T>(values.empty() ? &empty : values.data(), 1, shape, owner);
}

// Moves `value` to the heap and returns it with the capsule that frees it.
template <typename T>
std::pair<T*, nb::capsule> owned(T&& value) {
  auto* heap = new T(std::forward<T>(value));
  nb::capsule capsule(heap, [](void* p) noexcept { delete static_cast<T*>(p); });
  return {heap, std::move(capsule)};
}

[[noreturn]] inline void invalid(const std::string& message) {
  throw Error(ErrorCode::kInvalidArgument, message);
}

// Polygons in shapely's ragged layout (to_ragged_array of MultiPolygons: vertex, ring and
// part offsets); throws kInvalidArgument when the offsets do not fit the coordinates.
inline geometry::MultiPolygonArray multipolygons_from_ragged(
    const Input<double>& vertex_x, const Input<double>& vertex_y, const Input<int64_t>& vertex_offsets,
    const Input<int64_t>& ring_offsets, const Input<int64_t>& part_offsets) {
  if (vertex_x.shape(0) != vertex_y.shape(0)) invalid("polygon x and y differ in length");
  geometry::MultiPolygonArray g;
  g.x = to_vector(vertex_x);
  g.y = to_vector(vertex_y);
  g.vertex_offsets = to_vector<int64_t, uint32_t>(vertex_offsets);
  g.ring_offsets = to_vector<int64_t, uint32_t>(ring_offsets);
  g.part_offsets = to_vector<int64_t, uint32_t>(part_offsets);
  const bool consistent = !g.vertex_offsets.empty() && !g.ring_offsets.empty() && !g.part_offsets.empty() &&
                          g.vertex_offsets.back() == g.x.size() &&
                          g.ring_offsets.back() + 1 == g.vertex_offsets.size() &&
                          g.part_offsets.back() + 1 == g.ring_offsets.size();
  if (!consistent) invalid("polygon offsets do not match the coordinates");
  return g;
}

}  // namespace kk::python
