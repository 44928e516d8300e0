// Private to bindings/c: the argument helpers of the functions on plain arrays (stats.cpp,
// stats_pattern.cpp, stats_points.cpp): strided input arrays, caller-sized output buffers, C
// progress callbacks.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "kernkompas.h"
#include "kernkompas/core/error.hpp"
#include "kernkompas/core/progress.hpp"

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

// Copies `values` to `out` unless `out` is NULL (an output the caller does not want).
template <class T>
void copy_out(const std::vector<T>& values, T* out) {
  if (out != nullptr && !values.empty()) std::memcpy(out, values.data(), values.size() * sizeof(T));
}

// The engine's form of a C progress callback (empty when fn is NULL).
inline ProgressCallback progress_callback(kk_progress_fn fn, void* user) {
  if (fn == nullptr) return {};
  return [fn, user](std::string_view step, double fraction) {
    const std::string text(step);  // the C callback wants a NUL-terminated string
    return fn(text.c_str(), fraction, user) != 0;
  };
}

}  // namespace kk::capi
