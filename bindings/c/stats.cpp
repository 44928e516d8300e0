// C API: the engine's statistics on plain arrays (kk_weights, kk_stats_gi_star, kk_stats_fdr,
// kk_stats_wilson_interval[s]), usable on any layer without a project.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "array_args.hpp"
#include "capi_internal.hpp"
#include "kernkompas/stats/fdr.hpp"
#include "kernkompas/stats/getis_ord.hpp"
#include "kernkompas/stats/spatial_weights.hpp"
#include "kernkompas/stats/wilson.hpp"
#include "stats_internal.hpp"

// kk_weights is shared with stats_autocorrelation.cpp (stats_internal.hpp); the options
// handle below is private to this file.
struct kk_gi_star_options {
  kk::stats::GiStarOptions options;
  kk_progress_fn progress = nullptr;
  void* progress_user = nullptr;
};

using kk::capi::guard;
using kk::capi::require;

extern "C" {

kk_status kk_weights_from_distance_band(kk_context* ctx, size_t count, const double* x,
                                        size_t x_stride_bytes, const double* y,
                                        size_t y_stride_bytes, double threshold_m,
                                        kk_weights** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(out, "out");
    if (count > 0) {
      require(x, "x");
      require(y, "y");
    }
    if (count > std::numeric_limits<uint32_t>::max()) {
      kk::capi::invalid("more than 2^32 - 1 points (" + std::to_string(count) + ")");
    }
    const auto xs = kk::capi::gather<double>(x, x_stride_bytes, count);
    const auto ys = kk::capi::gather<double>(y, y_stride_bytes, count);
    auto weights = kk::stats::SpatialWeights::distance_band(xs, ys, threshold_m);
    *out = new kk_weights{std::move(weights)};
  });
}

kk_status kk_weights_from_csr(kk_context* ctx, size_t count, const uint64_t* offsets,
                              const uint32_t* neighbours, const double* weights,
                              size_t nonzero_count, kk_weights** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(out, "out");
    require(offsets, "offsets");
    if (nonzero_count > 0) require(neighbours, "neighbours");
    std::vector<uint64_t> offset_vector(offsets, offsets + count + 1);
    std::vector<uint32_t> neighbour_vector(neighbours, neighbours + nonzero_count);
    std::vector<double> weight_vector =
        weights == nullptr ? std::vector<double>(nonzero_count, 1.0)
                           : std::vector<double>(weights, weights + nonzero_count);
    const auto transform =
        weights == nullptr ? kk::stats::WeightsTransform::kBinary : kk::stats::WeightsTransform::kOther;
    auto built = kk::stats::SpatialWeights::from_csr(std::move(offset_vector),
                                                     std::move(neighbour_vector),
                                                     std::move(weight_vector), transform);
    *out = new kk_weights{std::move(built)};
  });
}

kk_status kk_weights_size(kk_context* ctx, const kk_weights* weights, size_t* out) {
  return kk::capi::read_value(ctx, __func__, weights, "weights", out,
                              [&] { return weights->weights.size(); });
}

kk_status kk_weights_nonzero_count(kk_context* ctx, const kk_weights* weights, size_t* out) {
  return kk::capi::read_value(ctx, __func__, weights, "weights", out,
                              [&] { return weights->weights.nonzero_count(); });
}

void kk_weights_destroy(kk_weights* weights) { delete weights; }

kk_status kk_gi_star_options_create(kk_context* ctx, kk_gi_star_options** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(out, "out");
    *out = new kk_gi_star_options();
  });
}

void kk_gi_star_options_destroy(kk_gi_star_options* options) { delete options; }

kk_status kk_gi_star_options_set_self_weight(kk_context* ctx, kk_gi_star_options* options,
                                             double self_weight) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    if (!std::isfinite(self_weight)) kk::capi::invalid("self_weight must be finite");
    options->options.self_weight = self_weight;
  });
}

kk_status kk_gi_star_options_set_permutations(kk_context* ctx, kk_gi_star_options* options,
                                              uint32_t permutations) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    options->options.permutation.permutations = permutations;
  });
}

kk_status kk_gi_star_options_set_seed(kk_context* ctx, kk_gi_star_options* options, uint64_t seed) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    options->options.permutation.seed = seed;
  });
}

kk_status kk_gi_star_options_set_threads(kk_context* ctx, kk_gi_star_options* options,
                                         unsigned threads) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    if (threads < 1) kk::capi::invalid("threads must be >= 1, got 0");
    options->options.permutation.threads = threads;
  });
}

kk_status kk_gi_star_options_set_fdr_alpha(kk_context* ctx, kk_gi_star_options* options,
                                           double alpha) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    if (!(alpha > 0.0 && alpha < 1.0)) {
      kk::capi::invalid("alpha must lie strictly between 0 and 1, got " + std::to_string(alpha));
    }
    options->options.fdr_alpha = alpha;
  });
}

kk_status kk_gi_star_options_set_progress(kk_context* ctx, kk_gi_star_options* options,
                                          kk_progress_fn fn, void* user) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    options->progress = fn;
    options->progress_user = fn == nullptr ? nullptr : user;
  });
}

kk_status kk_stats_gi_star(kk_context* ctx, const kk_weights* weights, const double* values,
                           size_t stride_bytes, size_t count, const kk_gi_star_options* options,
                           double* z, double* p_norm, double* p_sim, uint8_t* fdr_significant,
                           size_t capacity) {
  return guard(ctx, __func__, [&] {
    require(weights, "weights");
    if (count > 0) require(values, "values");
    const size_t n = weights->weights.size();
    if (count != n) {
      kk::capi::invalid(std::to_string(count) + " values for weights over " + std::to_string(n) +
                        " observations");
    }
    kk::capi::require_capacity(capacity, count);
    kk::stats::GiStarOptions engine_options;
    if (options != nullptr) {
      engine_options = options->options;
      engine_options.permutation.progress =
          kk::capi::progress_callback(options->progress, options->progress_user);
    }
    const auto xs = kk::capi::gather<double>(values, stride_bytes, count);
    const kk::stats::GiStarResult result = kk::stats::gi_star(weights->weights, xs, engine_options);
    kk::capi::copy_out(result.z, z);
    kk::capi::copy_out(result.p_norm, p_norm);
    if (p_sim != nullptr) {
      if (result.p_sim.size() == count) {
        kk::capi::copy_out(result.p_sim, p_sim);
      } else {  // the engine may leave p_sim empty when it did not permute
        std::fill(p_sim, p_sim + count, std::numeric_limits<double>::quiet_NaN());
      }
    }
    kk::capi::copy_out(result.fdr_significant, fdr_significant);
  });
}

kk_status kk_stats_fdr(kk_context* ctx, const double* p_values, size_t stride_bytes, size_t count,
                       double alpha, uint8_t* out, size_t capacity) {
  return guard(ctx, __func__, [&] {
    if (count > 0) {
      require(p_values, "p_values");
      require(out, "out");
    }
    kk::capi::require_capacity(capacity, count);
    const auto p = kk::capi::gather<double>(p_values, stride_bytes, count);
    kk::capi::copy_out(kk::stats::benjamini_hochberg(p, alpha), out);
  });
}

kk_status kk_stats_wilson_interval(kk_context* ctx, int64_t successes, int64_t trials,
                                   double confidence, double* low, double* high) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (low != nullptr) *low = kNaN;
  if (high != nullptr) *high = kNaN;
  return guard(ctx, __func__, [&] {
    require(low, "low");
    require(high, "high");
    const kk::stats::ProportionInterval interval =
        kk::stats::wilson_interval(successes, trials, confidence);
    *low = interval.low;
    *high = interval.high;
  });
}

kk_status kk_stats_wilson_intervals(kk_context* ctx, size_t count, const int64_t* successes,
                                    size_t successes_stride_bytes, const int64_t* trials,
                                    size_t trials_stride_bytes, double confidence, double* low,
                                    double* high, size_t capacity) {
  return guard(ctx, __func__, [&] {
    if (count > 0) {
      require(successes, "successes");
      require(trials, "trials");
      require(low, "low");
      require(high, "high");
    }
    if (!(confidence > 0.0 && confidence < 1.0)) {
      kk::capi::invalid("confidence must lie strictly between 0 and 1, got " +
                        std::to_string(confidence));
    }
    kk::capi::require_capacity(capacity, count);
    const auto x = kk::capi::gather<int64_t>(successes, successes_stride_bytes, count);
    const auto n = kk::capi::gather<int64_t>(trials, trials_stride_bytes, count);
    std::vector<double> lows(count), highs(count);
    for (size_t i = 0; i < count; ++i) {
      try {
        const kk::stats::ProportionInterval interval = kk::stats::wilson_interval(x[i], n[i], confidence);
        lows[i] = interval.low;
        highs[i] = interval.high;
      } catch (const kk::Error& e) {
        throw kk::Error(e.code(), "element " + std::to_string(i) + ": " + e.what());
      }
    }
    kk::capi::copy_out(lows, low);
    kk::capi::copy_out(highs, high);
  });
}

}  // extern "C"
