// C API: point-pattern and concentration statistics on plain arrays (kk_stats_ripley,
// kk_stats_location_quotients, kk_stats_diversity, kk_stats_colocation_quotient).
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "array_args.hpp"
#include "capi_internal.hpp"
#include "kernkompas/stats/concentration.hpp"
#include "kernkompas/stats/pattern_window.hpp"
#include "kernkompas/stats/ripley.hpp"
#include "wkb.hpp"

// The handles of this file are private to it.
struct kk_ripley_options {
  kk::stats::RipleyOptions options;
  kk_progress_fn progress = nullptr;
  void* progress_user = nullptr;
};

struct kk_colocation_options {
  kk::stats::ColocationOptions options;
  kk_progress_fn progress = nullptr;
  void* progress_user = nullptr;
};

using kk::capi::guard;
using kk::capi::require;

namespace {

// Creates, frees and sets the fields every random-simulation options object shares.
template <class Options>
kk_status create_options(kk_context* ctx, const char* function, Options** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, function, [&] {
    require(out, "out");
    *out = new Options();
  });
}

template <class Options, class Set>
kk_status set_option(kk_context* ctx, const char* function, Options* options, Set&& set) {
  return guard(ctx, function, [&] {
    require(options, "options");
    set(*options);
  });
}

void check_threads(unsigned threads) {
  if (threads < 1) kk::capi::invalid("threads must be >= 1, got 0");
}

kk::stats::CategoryTable category_table(const double* counts, size_t area_count,
                                        size_t category_count, std::vector<double>& storage) {
  if (area_count > 0 && category_count > 0) require(counts, "counts");
  if (category_count != 0 && area_count > std::numeric_limits<size_t>::max() / category_count) {
    kk::capi::invalid("area_count × category_count overflows");
  }
  storage.assign(counts, counts + area_count * category_count);
  return {storage, area_count, category_count};
}

}  // namespace

extern "C" {

kk_status kk_ripley_options_create(kk_context* ctx, kk_ripley_options** out) {
  return create_options(ctx, __func__, out);
}

void kk_ripley_options_destroy(kk_ripley_options* options) { delete options; }

kk_status kk_ripley_options_set_simulations(kk_context* ctx, kk_ripley_options* options,
                                            uint32_t simulations) {
  return set_option(ctx, __func__, options, [&](kk_ripley_options& o) { o.options.simulations = simulations; });
}

kk_status kk_ripley_options_set_envelope_rank(kk_context* ctx, kk_ripley_options* options,
                                              uint32_t rank) {
  return set_option(ctx, __func__, options, [&](kk_ripley_options& o) {
    if (rank < 1) kk::capi::invalid("rank must be >= 1, got 0");
    o.options.envelope_rank = rank;
  });
}

kk_status kk_ripley_options_set_seed(kk_context* ctx, kk_ripley_options* options, uint64_t seed) {
  return set_option(ctx, __func__, options, [&](kk_ripley_options& o) { o.options.seed = seed; });
}

kk_status kk_ripley_options_set_threads(kk_context* ctx, kk_ripley_options* options,
                                        unsigned threads) {
  return set_option(ctx, __func__, options, [&](kk_ripley_options& o) {
    check_threads(threads);
    o.options.threads = threads;
  });
}

kk_status kk_ripley_options_set_progress(kk_context* ctx, kk_ripley_options* options,
                                         kk_progress_fn fn, void* user) {
  return set_option(ctx, __func__, options, [&](kk_ripley_options& o) {
    o.progress = fn;
    o.progress_user = fn == nullptr ? nullptr : user;
  });
}

kk_status kk_stats_ripley(kk_context* ctx, size_t count, const double* x, size_t x_stride_bytes,
                          const double* y, size_t y_stride_bytes, const unsigned char* window_wkb,
                          size_t window_wkb_size, const double* distances_m, size_t distance_count,
                          const kk_ripley_options* options, double* k, double* l, double* h,
                          double* k_uncorrected, double* l_lo, double* l_hi, size_t capacity) {
  return guard(ctx, __func__, [&] {
    if (count > 0) {
      require(x, "x");
      require(y, "y");
    }
    require(window_wkb, "window_wkb");
    require(distances_m, "distances_m");
    kk::capi::require_capacity(capacity, distance_count);
    kk::geometry::MultiPolygonArray polygons;
    try {
      kk::capi::append_wkb_polygonal(window_wkb, window_wkb_size, polygons);
    } catch (const kk::Error& e) {
      throw kk::Error(e.code(), std::string("window: ") + e.what());
    }
    const kk::stats::PatternWindow window(polygons, 0);
    kk::stats::RipleyOptions engine_options;
    if (options != nullptr) {
      engine_options = options->options;
      engine_options.progress = kk::capi::progress_callback(options->progress, options->progress_user);
    }
    engine_options.distances.assign(distances_m, distances_m + distance_count);
    const auto xs = kk::capi::gather<double>(x, x_stride_bytes, count);
    const auto ys = kk::capi::gather<double>(y, y_stride_bytes, count);
    const kk::stats::RipleyResult result = kk::stats::ripley(xs, ys, window, engine_options);
    kk::capi::copy_out(result.k, k);
    kk::capi::copy_out(result.l, l);
    kk::capi::copy_out(result.h, h);
    kk::capi::copy_out(result.k_uncorrected, k_uncorrected);
    kk::capi::copy_out(result.l_lo, l_lo);
    kk::capi::copy_out(result.l_hi, l_hi);
  });
}

kk_status kk_stats_location_quotients(kk_context* ctx, const double* counts, size_t area_count,
                                      size_t category_count, const double* reference, double* out,
                                      size_t capacity) {
  return guard(ctx, __func__, [&] {
    std::vector<double> storage;
    const kk::stats::CategoryTable table = category_table(counts, area_count, category_count, storage);
    if (area_count * category_count > 0) require(out, "out");
    kk::capi::require_capacity(capacity, area_count * category_count);
    std::vector<double> reference_vector;
    if (reference != nullptr) reference_vector.assign(reference, reference + category_count);
    kk::capi::copy_out(kk::stats::location_quotients(table, reference_vector), out);
  });
}

kk_status kk_stats_diversity(kk_context* ctx, const double* counts, size_t area_count,
                             size_t category_count, double* shannon, double* evenness,
                             double* evenness_all, double* hhi, uint32_t* categories_present,
                             size_t capacity) {
  return guard(ctx, __func__, [&] {
    std::vector<double> storage;
    const kk::stats::CategoryTable table = category_table(counts, area_count, category_count, storage);
    kk::capi::require_capacity(capacity, area_count);
    const kk::stats::Diversity d = kk::stats::diversity(table);
    kk::capi::copy_out(d.shannon, shannon);
    kk::capi::copy_out(d.evenness, evenness);
    kk::capi::copy_out(d.evenness_all, evenness_all);
    kk::capi::copy_out(d.hhi, hhi);
    kk::capi::copy_out(d.categories_present, categories_present);
  });
}

kk_status kk_colocation_options_create(kk_context* ctx, kk_colocation_options** out) {
  return create_options(ctx, __func__, out);
}

void kk_colocation_options_destroy(kk_colocation_options* options) { delete options; }

kk_status kk_colocation_options_set_permutations(kk_context* ctx, kk_colocation_options* options,
                                                 uint32_t permutations) {
  return set_option(ctx, __func__, options,
                    [&](kk_colocation_options& o) { o.options.permutations = permutations; });
}

kk_status kk_colocation_options_set_seed(kk_context* ctx, kk_colocation_options* options,
                                         uint64_t seed) {
  return set_option(ctx, __func__, options, [&](kk_colocation_options& o) { o.options.seed = seed; });
}

kk_status kk_colocation_options_set_threads(kk_context* ctx, kk_colocation_options* options,
                                            unsigned threads) {
  return set_option(ctx, __func__, options, [&](kk_colocation_options& o) {
    check_threads(threads);
    o.options.threads = threads;
  });
}

kk_status kk_colocation_options_set_progress(kk_context* ctx, kk_colocation_options* options,
                                             kk_progress_fn fn, void* user) {
  return set_option(ctx, __func__, options, [&](kk_colocation_options& o) {
    o.progress = fn;
    o.progress_user = fn == nullptr ? nullptr : user;
  });
}

kk_status kk_stats_colocation_quotient(kk_context* ctx, size_t count, const double* x,
                                       size_t x_stride_bytes, const double* y, size_t y_stride_bytes,
                                       const int32_t* category, size_t category_stride_bytes,
                                       int32_t a, int32_t b, const kk_colocation_options* options,
                                       double* clq, double* count_ab, double* p_sim) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  for (double* out : {clq, count_ab, p_sim}) {
    if (out != nullptr) *out = kNaN;
  }
  return guard(ctx, __func__, [&] {
    require(clq, "clq");
    if (count > 0) {
      require(x, "x");
      require(y, "y");
      require(category, "category");
    }
    kk::stats::ColocationOptions engine_options;
    if (options != nullptr) {
      engine_options = options->options;
      engine_options.progress = kk::capi::progress_callback(options->progress, options->progress_user);
    }
    const auto xs = kk::capi::gather<double>(x, x_stride_bytes, count);
    const auto ys = kk::capi::gather<double>(y, y_stride_bytes, count);
    const auto labels = kk::capi::gather<int32_t>(category, category_stride_bytes, count);
    const kk::stats::ColocationResult r = kk::stats::colocation_quotient(xs, ys, labels, a, b, engine_options);
    *clq = r.clq;
    if (count_ab != nullptr) *count_ab = r.count_ab;
    if (p_sim != nullptr) *p_sim = r.p_sim;
  });
}

}  // extern "C"
