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
  AnalysisOptions analysis;
  analysis.vacancy = project.vacancy;
  analysis.progress = progress_of(options);
  if (options == nullptr) return analysis;
  analysis.threads = options->threads;
  for (const auto& [name, apply] : options->overrides) apply(analysis);
  if (options->internal) analysis.vacancy.internal = *options->internal;
  return analysis;
}

namespace {

[[noreturn]] void unknown_option(const char* kind, const std::string& name, const char* known) {
  throw Error(ErrorCode::kInvalidArgument,
              std::string("unknown ") + kind + " option '" + name + "' (expected one of: " + known + ")");
}

[[noreturn]] void bad_option(const std::string& name, const std::string& problem) {
  throw Error(ErrorCode::kInvalidArgument, "option '" + name + "' " + problem);
}

}  // namespace
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

kk_status kk_options_set_threads(kk_context* ctx, kk_options* options, unsigned threads) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    if (threads < 1) throw kk::Error(kk::ErrorCode::kInvalidArgument, "threads must be >= 1, got 0");
    options->threads = threads;
  });
}

kk_status kk_options_set_progress(kk_context* ctx, kk_options* options, kk_progress_fn fn,
                                  void* user) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    options->progress = fn;
    options->progress_user = fn == nullptr ? nullptr : user;
  });
}

kk_status kk_options_set_integer(kk_context* ctx, kk_options* options, const char* name,
                                 int64_t value) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    require(name, "name");
    const std::string key(name);
    std::function<void(kk::AnalysisOptions&)> apply;
    if (key == "vacancy.min_units") {
      if (value < 0) kk::capi::bad_option(key, "must be >= 0, got " + std::to_string(value));
      apply = [value](kk::AnalysisOptions& o) { o.vacancy.min_units = value; };
    } else if (key == "vacancy.disclosure_k") {
      if (value < 1) kk::capi::bad_option(key, "must be >= 1, got " + std::to_string(value));
      apply = [value](kk::AnalysisOptions& o) { o.vacancy.disclosure_k = value; };
    } else if (key == "vacancy.permutations") {
      if (value < 0 || value > static_cast<int64_t>(UINT32_MAX)) {
        kk::capi::bad_option(key, "must lie in [0, 4294967295], got " + std::to_string(value));
      }
      apply = [value](kk::AnalysisOptions& o) { o.vacancy.permutations = static_cast<uint32_t>(value); };
    } else if (key == "vacancy.seed") {
      if (value < 0) kk::capi::bad_option(key, "must be >= 0, got " + std::to_string(value));
      apply = [value](kk::AnalysisOptions& o) { o.vacancy.seed = static_cast<uint64_t>(value); };
    } else {
      kk::capi::unknown_option("integer", key,
                               "vacancy.min_units, vacancy.disclosure_k, vacancy.permutations, vacancy.seed");
    }
    options->overrides[key] = std::move(apply);
  });
}

kk_status kk_options_set_real(kk_context* ctx, kk_options* options, const char* name, double value) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    require(name, "name");
    const std::string key(name);
    double kk::vacancy::Options::*field = nullptr;
    if (key == "vacancy.benchmark_rate") field = &kk::vacancy::Options::benchmark_rate;
    if (key == "vacancy.confidence") field = &kk::vacancy::Options::confidence;
    if (key == "vacancy.hotspot_cell_size_m") field = &kk::vacancy::Options::hotspot_cell_size_m;
    if (key == "vacancy.hotspot_distance_band_m") field = &kk::vacancy::Options::hotspot_distance_band_m;
    if (key == "vacancy.fdr_alpha") field = &kk::vacancy::Options::fdr_alpha;
    if (field == nullptr) {
      kk::capi::unknown_option("real", key,
                               "vacancy.benchmark_rate, vacancy.confidence, vacancy.hotspot_cell_size_m, "
                               "vacancy.hotspot_distance_band_m, vacancy.fdr_alpha");
    }
    // Ranges are checked by the engine when the analysis runs (KK_E_INVALID_ARGUMENT).
    options->overrides[key] = [field, value](kk::AnalysisOptions& o) { o.vacancy.*field = value; };
  });
}

kk_status kk_options_set_text(kk_context* ctx, kk_options* options, const char* name,
                              const char* value) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    require(name, "name");
    require(value, "value");
    const std::string key(name);
    const std::string text(value);
    if (key == "vacancy.reference_date") {
      kk::Days date = kk::kNoDate;
      if (!text.empty()) {
        const auto parsed = kk::parse_iso_date(text);
        if (!parsed) kk::capi::bad_option(key, "must be a date YYYY-MM-DD (or \"\"), got '" + text + "'");
        date = *parsed;
      }
      options->overrides[key] = [date](kk::AnalysisOptions& o) { o.vacancy.reference_date = date; };
    } else if (key == "vacancy.hotspot_value") {
      if (text != "rate" && text != "count") {
        kk::capi::bad_option(key, "must be \"rate\" or \"count\", got '" + text + "'");
      }
      const auto hotspot = text == "count" ? kk::vacancy::HotspotValue::kCount : kk::vacancy::HotspotValue::kRate;
      options->overrides[key] = [hotspot](kk::AnalysisOptions& o) { o.vacancy.hotspot_value = hotspot; };
    } else {
      kk::capi::unknown_option("text", key, "vacancy.reference_date, vacancy.hotspot_value");
    }
  });
}

kk_status kk_options_set_internal(kk_context* ctx, kk_options* options, int internal) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    options->internal = internal != 0;
  });
}

}  // extern "C"
