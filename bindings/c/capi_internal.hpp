// Private to bindings/c: the structs behind the C API's opaque handles, and the one
// exception guard every entry point runs in (modelled on GEOS's capi/geos_ts_c.cpp execute()).
#pragma once

#include <cstddef>
#include <functional>
#include <utility>
#include <vector>
#include <memory>
#include <optional>
#include <new>
#include <string>
#include <string_view>

#include "kernkompas.h"
#include "kernkompas/analysis.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/core/progress.hpp"
#include "kernkompas/layers/read.hpp"

// Holds the last error of the calls made with it; nothing else, so handles are not tied to it.
struct kk_context {
  std::string message;
  bool message_lost = false;  // storing the message itself ran out of memory

  void clear() noexcept {
    message.clear();
    message_lost = false;
  }
  // Never throws: a message that cannot be stored is replaced by a fixed one.
  void set(std::string_view function, std::string_view text, std::string_view more = {}) noexcept {
    try {
      message.assign(function);
      message.append(": ");
      message.append(text);
      message.append(more);
      message_lost = false;
    } catch (...) {
      message.clear();
      message_lost = true;
    }
  }
};

// Settings for one run. Options are overrides: they apply, in the order set, on top of the
// project's configuration (its option sections), which applies on top of the engine's
// defaults. Each value was checked against its option when set.
struct kk_options {
  kk_progress_fn progress = nullptr;
  void* progress_user = nullptr;
  std::vector<std::pair<std::string, kk::OptionValue>> overrides;  // qualified name, value
};

struct kk_project {
  // Shared with the results computed from it; copied on write when a result still holds it,
  // so a result always sees the input it was computed from.
  std::shared_ptr<kk::AnalysisInput> input = std::make_shared<kk::AnalysisInput>();
  std::string working_crs = "EPSG:28992";
  kk::layers::Notes notes;
  // The configuration's options; engine defaults for kk_project_create.
  kk::Settings settings;
  bool has_kernen = false;
  bool has_locations = false;

  kk::AnalysisInput& mutable_input() {
    if (input.use_count() > 1) input = std::make_shared<kk::AnalysisInput>(*input);
    return *input;
  }
};

struct kk_result {
  std::shared_ptr<const kk::AnalysisInput> input;
  kk::AnalysisResult result;
  std::string working_crs;
};

namespace kk::capi {

// Throws kk::Error(kApiMisuse) naming the argument when `pointer` is NULL.
inline void require(const void* pointer, const char* argument) {
  if (pointer == nullptr) {
    throw Error(ErrorCode::kApiMisuse, std::string("argument '") + argument + "' is NULL");
  }
}

// Runs `body` and turns every exception into a kk_status with the message stored in `ctx`.
// `function` (the C function's name) prefixes every message.
template <class Body>
kk_status guard(kk_context* ctx, const char* function, Body&& body) noexcept {
  if (ctx == nullptr) return KK_E_API_MISUSE;
  ctx->clear();
  try {
    body();
    return KK_OK;
  } catch (const Error& e) {
    ctx->set(function, e.what());
    return static_cast<kk_status>(e.code());
  } catch (const std::bad_alloc&) {
    ctx->set(function, "out of memory");
    return KK_E_INTERNAL;
  } catch (const std::exception& e) {
    ctx->set(function, "internal error: ", e.what());
    return KK_E_INTERNAL;
  } catch (...) {
    ctx->set(function, "internal error: unknown exception");
    return KK_E_INTERNAL;
  }
}

// The body of a getter that reads one value from a handle: zeroes `*out` (when `out` is not
// NULL) to `Out{}` (0, NULL, KK_COLUMN_INTEGER), then, in guard(), requires `handle` (named
// `handle_name` in the message) and `out` and stores `value()` in `*out`. `value` may throw;
// `*out` then stays zeroed.
template <class Handle, class Out, class Value>
kk_status read_value(kk_context* ctx, const char* function, const Handle* handle,
                     const char* handle_name, Out* out, Value&& value) noexcept {
  if (out != nullptr) *out = Out{};
  return guard(ctx, function, [&] {
    require(handle, handle_name);
    require(out, "out");
    *out = value();
  });
}

// The engine's callback form of a C progress function (empty when none is set).
ProgressCallback progress_of(const kk_options* options);

// The engine options of a run: the project's configured indicator options, then the
// overrides in `options` (which may be NULL).
AnalysisOptions analysis_options(const kk_project& project, const kk_options* options);

}  // namespace kk::capi
