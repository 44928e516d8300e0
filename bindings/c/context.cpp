// C API: version, status text, contexts and options.
#include <cstdint>
#include <cstring>

#include "capi_internal.hpp"
#include "kernkompas/core/date.hpp"

// The C status numbers are the engine's error codes; these catch any drift at compile time.
#define KK_SAME_CODE(c_name, cpp_name) \
  static_assert(static_cast<int>(c_name) == static_cast<int>(kk::ErrorCode::cpp_name), #c_name)
KK_SAME_CODE(KK_OK, kOk);
KK_SAME_CODE(KK_E_INVALID_ARGUMENT, kInvalidArgument);
KK_SAME_CODE(KK_E_API_MISUSE, kApiMisuse);
KK_SAME_CODE(KK_E_CANCELLED, kCancelled);
KK_SAME_CODE(KK_E_IO, kIo);
KK_SAME_CODE(KK_E_UNKNOWN_FORMAT, kUnknownFormat);
KK_SAME_CODE(KK_E_MISSING_FIELD, kMissingField);
KK_SAME_CODE(KK_E_BAD_VALUE, kBadValue);
KK_SAME_CODE(KK_E_DUPLICATE_ID, kDuplicateId);
KK_SAME_CODE(KK_E_EMPTY_LAYER, kEmptyLayer);
KK_SAME_CODE(KK_E_WRONG_GEOMETRY_TYPE, kWrongGeometryType);
KK_SAME_CODE(KK_E_CONFIG, kConfig);
KK_SAME_CODE(KK_E_INVALID_GEOMETRY, kInvalidGeometry);
KK_SAME_CODE(KK_E_EMPTY_GEOMETRY, kEmptyGeometry);
KK_SAME_CODE(KK_E_CRS_MISSING, kCrsMissing);
KK_SAME_CODE(KK_E_CRS_IMPLAUSIBLE, kCrsImplausible);
KK_SAME_CODE(KK_E_CRS_TRANSFORM, kCrsTransform);
KK_SAME_CODE(KK_E_INTERNAL, kInternal);
#undef KK_SAME_CODE

static_assert(static_cast<int>(KK_COLUMN_INTEGER) == static_cast<int>(kk::ColumnType::kInteger));
static_assert(static_cast<int>(KK_COLUMN_REAL) == static_cast<int>(kk::ColumnType::kReal));
static_assert(static_cast<int>(KK_COLUMN_TEXT) == static_cast<int>(kk::ColumnType::kText));
static_assert(KK_NULL_INTEGER == kk::kNullInteger);
static_assert(KK_BUITENGEBIED == kk::assign::kBuitengebied);
static_assert(KK_OCCUPANCY_UNKNOWN == static_cast<int>(kk::OccupancyStatus::kUnknown));
static_assert(KK_OCCUPANCY_OCCUPIED == static_cast<int>(kk::OccupancyStatus::kOccupied));
static_assert(KK_OCCUPANCY_VACANT == static_cast<int>(kk::OccupancyStatus::kVacant));

#define KK_STRINGIFY2(x) #x
#define KK_STRINGIFY(x) KK_STRINGIFY2(x)

namespace kk::capi {

ProgressCallback progress_of(const kk_options* options) {
  if (options == nullptr || options->progress == nullptr) return {};
  return [fn = options->progress, user = options->progress_user](std::string_view step,
                                                                 double fraction) {
    const std::string text(step);  // the C callback wants a NUL-terminated string
    return fn(text.c_str(), fraction, user) != 0;
  };
}

AnalysisOptions analysis_options(const kk_project& project, const kk_options* options) {
  AnalysisOptions analysis{project.settings, progress_of(options)};
  if (options == nullptr) return analysis;
  for (const auto& [name, value] : options->overrides) analysis.settings.set(name, value);
  return analysis;
}

}  // namespace kk::capi

using kk::capi::guard;
using kk::capi::require;

extern "C" {

const char* kk_version(void) {
  return KK_STRINGIFY(KK_VERSION_MAJOR) "." KK_STRINGIFY(KK_VERSION_MINOR) "." KK_STRINGIFY(
      KK_VERSION_PATCH);
}

const char* kk_status_string(kk_status status) {
  const int number = static_cast<int>(status);
  // error_code_name() covers every defined code; anything else is no kk_status.
  if (number < 0 || number > 0xFFFF) return "unknown status";
  const char* name = kk::error_code_name(static_cast<kk::ErrorCode>(number));
  return std::strcmp(name, "unknown error") == 0 ? "unknown status" : name;
}

kk_status kk_context_create(kk_context** out) {
  if (out == nullptr) return KK_E_API_MISUSE;
  *out = new (std::nothrow) kk_context();
  return *out == nullptr ? KK_E_INTERNAL : KK_OK;
}

void kk_context_destroy(kk_context* ctx) { delete ctx; }

const char* kk_context_last_error(const kk_context* ctx) {
  if (ctx == nullptr) return "kk_context_last_error: argument 'ctx' is NULL";
  if (ctx->message_lost) return "out of memory (while storing an error message)";
  return ctx->message.c_str();
}

kk_status kk_options_create(kk_context* ctx, kk_options** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(out, "out");
    *out = new kk_options();
  });
}

void kk_options_destroy(kk_options* options) { delete options; }

kk_status kk_options_set_progress(kk_context* ctx, kk_options* options, kk_progress_fn fn,
                                  void* user) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    options->progress = fn;
    options->progress_user = fn == nullptr ? nullptr : user;
  });
}

}  // extern "C"
