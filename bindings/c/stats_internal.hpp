// Private to bindings/c: the weights handle and the array helpers shared by the statistics
// entry points (stats.cpp, stats_autocorrelation.cpp).
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "kernkompas/stats/spatial_weights.hpp"

struct kk_weights {
  kk::stats::SpatialWeights weights;
};

namespace kk::capi {

[[noreturn]] inline void invalid(const std::string& message) {
  throw Error(ErrorCode::kInvalidArgument, message);
}

// Copies a strided array (stride 0 = packed) into a vector; memcpy because a stride need not
// keep the elements aligned.
template <class T>
std::vector<T> gather(const void* base, size_t stride_bytes, size_t count) {
  const size_t stride = stride_bytes == 0 ? sizeof(T) : stride_bytes;
  std::vector<T> out(count);
  const auto* bytes = static_cast<const unsigned char*>(base);
  for (size_t i = 0; i < count; ++i) std::memcpy(&out[i], bytes + i * stride, sizeof(T));
  return out;
}

// Checks a caller buffer's capacity before anything is written.
inline void require_capacity(size_t capacity, size_t count) {
  if (capacity < count) {
    invalid("capacity " + std::to_string(capacity) + " is smaller than the " +
            std::to_string(count) + " elements to write");
  }
}

template <class T>
void copy_out(const std::vector<T>& values, T* out) {
  if (out != nullptr && !values.empty()) std::memcpy(out, values.data(), values.size() * sizeof(T));
}

}  // namespace kk::capi
