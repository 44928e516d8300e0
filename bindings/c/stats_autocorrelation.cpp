// C API: spatial autocorrelation on plain arrays — the weights builders (contiguity from WKB,
// k nearest neighbours, inverse-distance band, row standardisation) and global and local
// Moran's I. The weights handle is shared with stats.cpp through stats_internal.hpp.
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "capi_internal.hpp"
#include "kernkompas/stats/moran.hpp"
#include "kernkompas/stats/weights_builders.hpp"
#include "stats_internal.hpp"
#include "wkb.hpp"

struct kk_moran_options {
  kk::stats::PermutationOptions permutation;
  double fdr_alpha = 0.05;
  kk_progress_fn progress = nullptr;
  void* progress_user = nullptr;
};

namespace kk::capi {
namespace {

void check_point_count(size_t count, const double* x, const double* y) {
  if (count > 0) {
    require(x, "x");
    require(y, "y");
  }
  if (count > std::numeric_limits<uint32_t>::max()) {
    invalid("more than 2^32 - 1 points (" + std::to_string(count) + ")");
  }
}

// The engine's permutation options of `options` (defaults for NULL), with the C progress
// callback adapted.
stats::PermutationOptions permutation_options(const kk_moran_options* options) {
  if (options == nullptr) return {};
  stats::PermutationOptions out = options->permutation;
  if (options->progress != nullptr) {
    out.progress = [fn = options->progress, user = options->progress_user](std::string_view step,
                                                                           double fraction) {
      const std::string text(step);  // the C callback wants a NUL-terminated string
      return fn(text.c_str(), fraction, user) != 0;
    };
  }
  return out;
}

std::vector<double> checked_values(const kk_weights* weights, const double* values,
                                   size_t stride_bytes, size_t count) {
  require(weights, "weights");
  if (count > 0) require(values, "values");
  const size_t n = weights->weights.size();
  if (count != n) {
    invalid(std::to_string(count) + " values for weights over " + std::to_string(n) +
            " observations");
  }
  return gather<double>(values, stride_bytes, count);
}

}  // namespace
}  // namespace kk::capi

using kk::capi::guard;
using kk::capi::require;

extern "C" {

kk_status kk_weights_from_contiguity(kk_context* ctx, size_t count,
                                     const unsigned char* const* wkb,
                                     const size_t* wkb_size_bytes, int kind,
                                     kk_weights** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(out, "out");
    if (count > 0) {
      require(wkb, "wkb");
      require(wkb_size_bytes, "wkb_size_bytes");
    }
    if (kind != KK_CONTIGUITY_QUEEN && kind != KK_CONTIGUITY_ROOK) {
      kk::capi::invalid("kind must be KK_CONTIGUITY_QUEEN or KK_CONTIGUITY_ROOK, got " +
                        std::to_string(kind));
    }
    kk::geometry::MultiPolygonArray polygons;
    for (size_t i = 0; i < count; ++i) {
      if (wkb[i] == nullptr) kk::capi::invalid("wkb[" + std::to_string(i) + "] is NULL");
      try {
        kk::capi::append_wkb_polygonal(wkb[i], wkb_size_bytes[i], polygons);
      } catch (const kk::Error& e) {
        throw kk::Error(e.code(), "polygon " + std::to_string(i) + ": " + e.what());
      }
    }
    auto weights = kk::stats::contiguity_weights(
        polygons, kind == KK_CONTIGUITY_QUEEN ? kk::stats::Contiguity::kQueen
                                              : kk::stats::Contiguity::kRook);
    *out = new kk_weights{std::move(weights)};
  });
}

kk_status kk_weights_from_knn(kk_context* ctx, size_t count, const double* x,
                              size_t x_stride_bytes, const double* y, size_t y_stride_bytes,
                              uint32_t k, kk_weights** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(out, "out");
    kk::capi::check_point_count(count, x, y);
    const auto xs = kk::capi::gather<double>(x, x_stride_bytes, count);
    const auto ys = kk::capi::gather<double>(y, y_stride_bytes, count);
    *out = new kk_weights{kk::stats::knn_weights(xs, ys, k)};
  });
}

kk_status kk_weights_from_inverse_distance_band(kk_context* ctx, size_t count, const double* x,
                                                size_t x_stride_bytes, const double* y,
                                                size_t y_stride_bytes, double threshold_m,
                                                double power, kk_weights** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(out, "out");
    kk::capi::check_point_count(count, x, y);
    const auto xs = kk::capi::gather<double>(x, x_stride_bytes, count);
    const auto ys = kk::capi::gather<double>(y, y_stride_bytes, count);
    *out = new kk_weights{kk::stats::inverse_distance_band(xs, ys, threshold_m, power)};
  });
}

kk_status kk_weights_row_standardised(kk_context* ctx, const kk_weights* weights,
                                      kk_weights** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(weights, "weights");
    require(out, "out");
    *out = new kk_weights{weights->weights.row_standardised()};
  });
}

kk_status kk_weights_island_count(kk_context* ctx, const kk_weights* weights, size_t* out) {
  return kk::capi::read_value(ctx, __func__, weights, "weights", out,
                              [&] { return weights->weights.island_count(); });
}

kk_status kk_weights_neighbours(kk_context* ctx, const kk_weights* weights, size_t index,
                                uint32_t* neighbours, double* values, size_t capacity,
                                size_t* count) {
  if (count != nullptr) *count = 0;
  return guard(ctx, __func__, [&] {
    require(weights, "weights");
    require(count, "count");
    const size_t n = weights->weights.size();
    if (index >= n) {
      kk::capi::invalid("index " + std::to_string(index) + " is out of range (" +
                        std::to_string(n) + " observations)");
    }
    const auto nb = weights->weights.neighbours(index);
    const auto w = weights->weights.weights(index);
    kk::capi::require_capacity(capacity, nb.size());
    for (size_t t = 0; t < nb.size(); ++t) {
      if (neighbours != nullptr) neighbours[t] = nb[t];
      if (values != nullptr) values[t] = w[t];
    }
    *count = nb.size();
  });
}

kk_status kk_moran_options_create(kk_context* ctx, kk_moran_options** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(out, "out");
    *out = new kk_moran_options();
  });
}

void kk_moran_options_destroy(kk_moran_options* options) { delete options; }

kk_status kk_moran_options_set_permutations(kk_context* ctx, kk_moran_options* options,
                                            uint32_t permutations) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    options->permutation.permutations = permutations;
  });
}

kk_status kk_moran_options_set_seed(kk_context* ctx, kk_moran_options* options, uint64_t seed) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    options->permutation.seed = seed;
  });
}

kk_status kk_moran_options_set_threads(kk_context* ctx, kk_moran_options* options,
                                       unsigned threads) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    if (threads < 1) kk::capi::invalid("threads must be >= 1, got 0");
    options->permutation.threads = threads;
  });
}

kk_status kk_moran_options_set_fdr_alpha(kk_context* ctx, kk_moran_options* options,
                                         double alpha) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    if (!(alpha > 0.0 && alpha < 1.0)) {
      kk::capi::invalid("alpha must lie strictly between 0 and 1, got " + std::to_string(alpha));
    }
    options->fdr_alpha = alpha;
  });
}

kk_status kk_moran_options_set_progress(kk_context* ctx, kk_moran_options* options,
                                        kk_progress_fn fn, void* user) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    options->progress = fn;
    options->progress_user = fn == nullptr ? nullptr : user;
  });
}

kk_status kk_stats_moran(kk_context* ctx, const kk_weights* weights, const double* values,
                         size_t stride_bytes, size_t count, const kk_moran_options* options,
                         kk_moran_result* out) {
  return guard(ctx, __func__, [&] {
    require(out, "out");
    const auto xs = kk::capi::checked_values(weights, values, stride_bytes, count);
    kk::stats::MoranOptions engine_options;
    engine_options.permutation = kk::capi::permutation_options(options);
    const kk::stats::MoranResult r = kk::stats::moran(weights->weights, xs, engine_options);
    *out = kk_moran_result{r.i,        r.expected,     r.variance_normal, r.variance_randomised,
                           r.z_normal, r.p_normal,     r.z_randomised,    r.p_randomised,
                           r.p_sim,    r.mean_sim,     r.sd_sim,          r.z_sim,
                           r.p_z_sim,  r.s0,           r.s1,              r.s2};
  });
}

kk_status kk_stats_local_moran(kk_context* ctx, const kk_weights* weights, const double* values,
                               size_t stride_bytes, size_t count, const kk_moran_options* options,
                               double* local_i, uint8_t* quadrant, double* p_sim,
                               uint8_t* fdr_significant, size_t capacity) {
  return guard(ctx, __func__, [&] {
    const auto xs = kk::capi::checked_values(weights, values, stride_bytes, count);
    kk::capi::require_capacity(capacity, count);
    kk::stats::LocalMoranOptions engine_options;
    engine_options.permutation = kk::capi::permutation_options(options);
    if (options != nullptr) engine_options.fdr_alpha = options->fdr_alpha;
    const kk::stats::LocalMoranResult r = kk::stats::local_moran(weights->weights, xs, engine_options);
    kk::capi::copy_out(r.i, local_i);
    kk::capi::copy_out(r.quadrant, quadrant);
    kk::capi::copy_out(r.p_sim, p_sim);
    kk::capi::copy_out(r.fdr_significant, fdr_significant);
  });
}

}  // extern "C"
