// Private helpers of kernkompas._core for numpy arrays in and out of the statistics
// bindings (stats.cpp, autocorrelation.cpp): 1-D inputs as spans, engine vectors handed to
// numpy without a copy.
#pragma once

#include <nanobind/ndarray.h>

#include <span>
#include <utility>
#include <vector>

#include "binding.hpp"

namespace kk::python {

template <typename T>
using Input = nb::ndarray<const T, nb::ndim<1>, nb::c_contig, nb::device::cpu>;
template <typename T>
using Output = nb::ndarray<nb::numpy, T, nb::ndim<1>>;

template <typename T>
std::span<const T> span_of(const Input<T>& array) {
  return {array.data(), array.shape(0)};
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

}  // namespace kk::python
