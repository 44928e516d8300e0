/*
 * Tests of the C API's statistics on plain arrays (the "Statistics on plain arrays" block of
 * kernkompas.h), compiled as C11 and using nothing but the header.
 *
 * Every function gets a success case against hand-computed values, a misuse case (NULL
 * context, handle or argument) and an error-message case. The Gi* cases run on four points
 * on a line, 1 m apart, with a 1 m distance band: the path 0 - 1 - 2 - 3, small enough to
 * compute z by hand (see gi_star_known_answers below).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernkompas.h"

/* ---------------------------------------------------------------------------------- */
/* A tiny harness, as in capi_test.c: count checks, report failures with file:line.    */
/* ---------------------------------------------------------------------------------- */

#include "capi_check.h"


#define CHECK_NEAR(actual, expected) CHECK_CLOSE(actual, expected, 1e-12)


/* Points with their value, as a GIS tool holds them: x, y and v read with a stride. */
typedef struct {
  double x;
  double y;
  double v;
} point;

static const point kLine[4] = {{0, 0, 1}, {1, 0, 2}, {2, 0, 3}, {3, 0, 4}};

/* The path 0 - 1 - 2 - 3 from the points, 1 m band. */
static kk_weights* line_weights(kk_context* ctx) {
  kk_weights* weights = NULL;
  CHECK_OK(ctx, kk_weights_from_distance_band(ctx, 4, &kLine[0].x, sizeof(point), &kLine[0].y,
                                               sizeof(point), 1.0, &weights));
  CHECK(weights != NULL);
  return weights;
}

/* ---------------------------------------------------------------------------------- */
/* Weights                                                                              */
/* ---------------------------------------------------------------------------------- */

static void test_weights(void) {
  kk_context* ctx = new_context();
  kk_weights* band = line_weights(ctx);
  kk_weights* csr = NULL;
  kk_weights* empty = NULL;
  size_t size = 99, nonzero = 99;
  const uint64_t offsets[5] = {0, 1, 3, 5, 6};
  const uint32_t neighbours[6] = {1, 0, 2, 1, 3, 2};
  const uint64_t bad_offsets[3] = {0, 1, 2};
  const uint32_t out_of_range[2] = {7, 0};
  const uint32_t self[2] = {0, 0};
  const double xs[3] = {0, 1, NAN};
  const double ys[3] = {0, 0, 0};

  /* Success: the band gives the path's 6 directed pairs; CSR the same. */
  CHECK_OK(ctx, kk_weights_size(ctx, band, &size));
  CHECK(size == 4);
  CHECK_OK(ctx, kk_weights_nonzero_count(ctx, band, &nonzero));
  CHECK(nonzero == 6);
  CHECK_OK(ctx, kk_weights_from_csr(ctx, 4, offsets, neighbours, NULL, 6, &csr));
  CHECK_OK(ctx, kk_weights_size(ctx, csr, &size));
  CHECK(size == 4);
  CHECK_OK(ctx, kk_weights_nonzero_count(ctx, csr, &nonzero));
  CHECK(nonzero == 6);
  CHECK(strcmp(kk_context_last_error(ctx), "") == 0);
  /* No points: empty weights, and a threshold of 0 m is allowed. */
  CHECK_OK(ctx, kk_weights_from_distance_band(ctx, 0, NULL, 0, NULL, 0, 0.0, &empty));
  CHECK_OK(ctx, kk_weights_size(ctx, empty, &size));
  CHECK(size == 0);
  kk_weights_destroy(empty);
  empty = NULL;

  /* Misuse. */
  CHECK_MISUSE_NO_CTX(kk_weights_from_distance_band(NULL, 4, &kLine[0].x, sizeof(point),
                                                    &kLine[0].y, sizeof(point), 1.0, &empty));
  CHECK_FAILS(ctx, kk_weights_from_distance_band(ctx, 4, NULL, 0, &kLine[0].y, sizeof(point), 1.0, &empty),
              KK_E_API_MISUSE, "'x'");
  CHECK(empty == NULL);
  CHECK_FAILS(ctx, kk_weights_from_distance_band(ctx, 4, &kLine[0].x, sizeof(point), &kLine[0].y,
                                                 sizeof(point), 1.0, NULL),
              KK_E_API_MISUSE, "'out'");
  CHECK_FAILS(ctx, kk_weights_from_csr(ctx, 4, NULL, neighbours, NULL, 6, &empty), KK_E_API_MISUSE,
              "'offsets'");
  CHECK_FAILS(ctx, kk_weights_from_csr(ctx, 4, offsets, NULL, NULL, 6, &empty), KK_E_API_MISUSE,
              "'neighbours'");
  CHECK_FAILS(ctx, kk_weights_size(ctx, NULL, &size), KK_E_API_MISUSE, "'weights'");
  CHECK(size == 0); /* zeroed on failure */
  CHECK_FAILS(ctx, kk_weights_nonzero_count(ctx, band, NULL), KK_E_API_MISUSE, "'out'");
  CHECK_MISUSE_NO_CTX(kk_weights_size(NULL, band, &size));
  kk_weights_destroy(NULL); /* accepted and ignored */

  /* Error messages. */
  CHECK_FAILS(ctx, kk_weights_from_distance_band(ctx, 4, &kLine[0].x, sizeof(point), &kLine[0].y,
                                                 sizeof(point), -1.0, &empty),
              KK_E_INVALID_ARGUMENT, "threshold must be finite and >= 0");
  CHECK_FAILS(ctx, kk_weights_from_distance_band(ctx, 3, xs, 0, ys, 0, 1.0, &empty),
              KK_E_INVALID_ARGUMENT, "point 2 has a non-finite coordinate");
  CHECK_FAILS(ctx, kk_weights_from_csr(ctx, 2, bad_offsets, out_of_range, NULL, 2, &empty),
              KK_E_INVALID_ARGUMENT, "row 0 names neighbour 7 of 2 observations");
  CHECK_FAILS(ctx, kk_weights_from_csr(ctx, 2, bad_offsets, self, NULL, 2, &empty),
              KK_E_INVALID_ARGUMENT, "row 0 lists itself");
  CHECK_FAILS(ctx, kk_weights_from_csr(ctx, 4, offsets, neighbours, NULL, 5, &empty),
              KK_E_INVALID_ARGUMENT, "the last offset (6) must equal the number of neighbour entries (5)");
  CHECK(empty == NULL);
  CHECK(strstr(kk_context_last_error(ctx), "kk_weights_from_csr: ") == kk_context_last_error(ctx));

  kk_weights_destroy(csr);
  kk_weights_destroy(band);
  kk_context_destroy(ctx);
}

/* ---------------------------------------------------------------------------------- */
/* Gi* options                                                                          */
/* ---------------------------------------------------------------------------------- */

static void test_gi_star_options(void) {
  kk_context* ctx = new_context();
  kk_gi_star_options* options = NULL;
  kk_gi_star_options* none = NULL;

  CHECK_OK(ctx, kk_gi_star_options_create(ctx, &options));
  CHECK(options != NULL);
  CHECK_OK(ctx, kk_gi_star_options_set_self_weight(ctx, options, 0.5));
  CHECK_OK(ctx, kk_gi_star_options_set_permutations(ctx, options, 0));
  CHECK_OK(ctx, kk_gi_star_options_set_seed(ctx, options, UINT64_MAX));
  CHECK_OK(ctx, kk_gi_star_options_set_threads(ctx, options, 3));
  CHECK_OK(ctx, kk_gi_star_options_set_fdr_alpha(ctx, options, 0.1));
  CHECK_OK(ctx, kk_gi_star_options_set_progress(ctx, options, NULL, NULL));

  CHECK_MISUSE_NO_CTX(kk_gi_star_options_create(NULL, &none));
  CHECK_FAILS(ctx, kk_gi_star_options_create(ctx, NULL), KK_E_API_MISUSE, "'out'");
  CHECK_FAILS(ctx, kk_gi_star_options_set_self_weight(ctx, NULL, 1.0), KK_E_API_MISUSE, "'options'");
  CHECK_FAILS(ctx, kk_gi_star_options_set_permutations(ctx, NULL, 9), KK_E_API_MISUSE, "'options'");
  CHECK_FAILS(ctx, kk_gi_star_options_set_seed(ctx, NULL, 1), KK_E_API_MISUSE, "'options'");
  CHECK_FAILS(ctx, kk_gi_star_options_set_threads(ctx, NULL, 1), KK_E_API_MISUSE, "'options'");
  CHECK_FAILS(ctx, kk_gi_star_options_set_fdr_alpha(ctx, NULL, 0.05), KK_E_API_MISUSE, "'options'");
  CHECK_FAILS(ctx, kk_gi_star_options_set_progress(ctx, NULL, NULL, NULL), KK_E_API_MISUSE, "'options'");
  CHECK_MISUSE_NO_CTX(kk_gi_star_options_set_threads(NULL, options, 1));
  kk_gi_star_options_destroy(NULL);

  CHECK_FAILS(ctx, kk_gi_star_options_set_self_weight(ctx, options, NAN), KK_E_INVALID_ARGUMENT,
              "kk_gi_star_options_set_self_weight: self_weight must be finite");
  CHECK_FAILS(ctx, kk_gi_star_options_set_threads(ctx, options, 0), KK_E_INVALID_ARGUMENT,
              "threads must be >= 1");
  CHECK_FAILS(ctx, kk_gi_star_options_set_fdr_alpha(ctx, options, 1.5), KK_E_INVALID_ARGUMENT,
              "alpha must lie strictly between 0 and 1");
  CHECK_FAILS(ctx, kk_gi_star_options_set_fdr_alpha(ctx, options, 0.0), KK_E_INVALID_ARGUMENT,
              "alpha must lie strictly between 0 and 1");

  kk_gi_star_options_destroy(options);
  kk_context_destroy(ctx);
}

/* ---------------------------------------------------------------------------------- */
/* Gi*                                                                                  */
/* ---------------------------------------------------------------------------------- */

/*
 * Values 1, 2, 3, 4 on the path: n = 4, mean 2.5, S = sqrt(((1.5² + 0.5²) · 2) / 4) =
 * sqrt(1.25). With self weight 1:
 *   i = 0: W = 2, S1 = 2, lag = 1 + 2 = 3, (n S1 − W²)/(n − 1) = 4/3,
 *          z = (3 − 2.5·2) / (sqrt(1.25) sqrt(4/3)) = −2 / sqrt(5/3) = −sqrt(2.4);
 *   i = 1: W = 3, S1 = 3, lag = 1 + 2 + 3 = 6, (12 − 9)/3 = 1,
 *          z = (6 − 7.5) / sqrt(1.25) = −sqrt(1.8);
 *   i = 2, 3 mirror them: +sqrt(1.8), +sqrt(2.4).
 * Two-sided p = erfc(|z| / sqrt 2). With self weight 0, i = 1: W = 2, S1 = 2, lag = 4,
 *   z = (4 − 5) / (sqrt(1.25) sqrt(4/3)) = −sqrt(0.6).
 */
static void gi_star_known_answers(kk_context* ctx, const kk_weights* weights) {
  const double expected_z[4] = {-sqrt(2.4), -sqrt(1.8), sqrt(1.8), sqrt(2.4)};
  double z[4], p_norm[4], p_sim[4];
  uint8_t flags[4] = {9, 9, 9, 9};
  kk_gi_star_options* options = NULL;
  int i;

  CHECK_OK(ctx, kk_gi_star_options_create(ctx, &options));
  CHECK_OK(ctx, kk_gi_star_options_set_permutations(ctx, options, 0));
  CHECK_OK(ctx, kk_stats_gi_star(ctx, weights, &kLine[0].v, sizeof(point), 4, options, z, p_norm,
                                 p_sim, flags, 4));
  for (i = 0; i < 4; ++i) {
    CHECK_NEAR(z[i], expected_z[i]);
    CHECK_NEAR(p_norm[i], erfc(fabs(expected_z[i]) / sqrt(2.0)));
    CHECK(isnan(p_sim[i])); /* no permutations */
    /* p_norm ≈ 0.121 and 0.180: Benjamini-Hochberg at 0.05 rejects none. */
    CHECK(flags[i] == 0);
  }
  /* At alpha 0.2 the largest p (0.1797 <= 4 · 0.2 / 4) passes, so every test is rejected. */
  CHECK_OK(ctx, kk_gi_star_options_set_fdr_alpha(ctx, options, 0.2));
  CHECK_OK(ctx, kk_stats_gi_star(ctx, weights, &kLine[0].v, sizeof(point), 4, options, NULL, NULL,
                                 NULL, flags, 4));
  for (i = 0; i < 4; ++i) CHECK(flags[i] == 1);

  CHECK_OK(ctx, kk_gi_star_options_set_self_weight(ctx, options, 0.0));
  CHECK_OK(ctx, kk_stats_gi_star(ctx, weights, &kLine[0].v, sizeof(point), 4, options, z, NULL,
                                 NULL, NULL, 4));
  CHECK_NEAR(z[1], -sqrt(0.6));
  CHECK_NEAR(z[2], sqrt(0.6));
  kk_gi_star_options_destroy(options);
}

static int g_progress_calls = 0;
static int count_progress(const char* step, double fraction, void* user) {
  ++g_progress_calls;
  CHECK(strcmp(step, "permutations") == 0);
  CHECK(fraction >= 0.0 && fraction <= 1.0);
  return *(const int*)user;
}

static void test_gi_star(void) {
  kk_context* ctx = new_context();
  kk_weights* weights = line_weights(ctx);
  kk_gi_star_options* options = NULL;
  /* A 6 x 6 lattice (rook neighbours through a 1 m band) with a planted high corner. */
  point grid[36];
  kk_weights* lattice = NULL;
  double z[36], p_norm[36], p_sim[36], p_sim2[36];
  uint8_t flags[36], flags2[36];
  const double packed[4] = {1, 2, 3, 4};
  const double with_nan[4] = {1, NAN, 3, 4};
  const int go_on = 1, stop = 0;
  int i;

  gi_star_known_answers(ctx, weights);

  /* Packed values and NULL options (defaults, 999 permutations) give the same z. */
  CHECK_OK(ctx, kk_stats_gi_star(ctx, weights, packed, 0, 4, NULL, z, p_norm, p_sim, flags, 4));
  CHECK_NEAR(z[0], -sqrt(2.4));
  for (i = 0; i < 4; ++i) CHECK(p_sim[i] > 0.0 && p_sim[i] <= 1.0);

  /* Permutation p: plausible, and identical for 1 and 3 threads with the same seed. */
  for (i = 0; i < 36; ++i) {
    grid[i].x = i % 6;
    grid[i].y = i / 6;
    grid[i].v = (i % 6 < 2 && i / 6 < 2) ? 10.0 + i % 3 : (double)((i * 7) % 5);
  }
  CHECK_OK(ctx, kk_weights_from_distance_band(ctx, 36, &grid[0].x, sizeof(point), &grid[0].y,
                                              sizeof(point), 1.0, &lattice));
  CHECK_OK(ctx, kk_gi_star_options_create(ctx, &options));
  CHECK_OK(ctx, kk_gi_star_options_set_seed(ctx, options, 42));
  CHECK_OK(ctx, kk_gi_star_options_set_permutations(ctx, options, 499));
  CHECK_OK(ctx, kk_stats_gi_star(ctx, lattice, &grid[0].v, sizeof(point), 36, options, z, p_norm,
                                 p_sim, flags, 36));
  CHECK_OK(ctx, kk_gi_star_options_set_threads(ctx, options, 3));
  CHECK_OK(ctx, kk_stats_gi_star(ctx, lattice, &grid[0].v, sizeof(point), 36, options, NULL, NULL,
                                 p_sim2, NULL, 36));
  for (i = 0; i < 36; ++i) {
    CHECK(p_sim[i] == p_sim2[i]);
    CHECK(p_sim[i] >= 1.0 / 500.0 && p_sim[i] <= 1.0);
  }
  CHECK(z[0] > 3.0); /* the planted corner is a hot spot */
  CHECK(p_sim[0] < 0.01);
  /* The flags are Benjamini-Hochberg at the default 0.05 applied to p_sim. */
  CHECK_OK(ctx, kk_stats_fdr(ctx, p_sim, 0, 36, 0.05, flags2, 36));
  for (i = 0; i < 36; ++i) CHECK(flags[i] == flags2[i]);

  /* The progress callback sees the permutations and can cancel them. */
  CHECK_OK(ctx, kk_gi_star_options_set_progress(ctx, options, count_progress, (void*)&go_on));
  CHECK_OK(ctx, kk_stats_gi_star(ctx, lattice, &grid[0].v, sizeof(point), 36, options, z, NULL,
                                 NULL, NULL, 36));
  CHECK(g_progress_calls > 0);
  CHECK_OK(ctx, kk_gi_star_options_set_progress(ctx, options, count_progress, (void*)&stop));
  CHECK_FAILS(ctx, kk_stats_gi_star(ctx, lattice, &grid[0].v, sizeof(point), 36, options, z, NULL,
                                    NULL, NULL, 36),
              KK_E_CANCELLED, "kk_stats_gi_star");

  /* Misuse. */
  CHECK_MISUSE_NO_CTX(kk_stats_gi_star(NULL, weights, packed, 0, 4, NULL, z, NULL, NULL, NULL, 4));
  CHECK_FAILS(ctx, kk_stats_gi_star(ctx, NULL, packed, 0, 4, NULL, z, NULL, NULL, NULL, 4),
              KK_E_API_MISUSE, "'weights'");
  CHECK_FAILS(ctx, kk_stats_gi_star(ctx, weights, NULL, 0, 4, NULL, z, NULL, NULL, NULL, 4),
              KK_E_API_MISUSE, "'values'");

  /* Error messages; nothing is written. */
  z[0] = 123.0;
  CHECK_FAILS(ctx, kk_stats_gi_star(ctx, weights, packed, 0, 3, NULL, z, NULL, NULL, NULL, 4),
              KK_E_INVALID_ARGUMENT, "kk_stats_gi_star: 3 values for weights over 4 observations");
  CHECK_FAILS(ctx, kk_stats_gi_star(ctx, weights, packed, 0, 4, NULL, z, NULL, NULL, NULL, 3),
              KK_E_INVALID_ARGUMENT, "capacity 3 is smaller than the 4 elements to write");
  CHECK_FAILS(ctx, kk_stats_gi_star(ctx, weights, with_nan, 0, 4, NULL, z, NULL, NULL, NULL, 4),
              KK_E_INVALID_ARGUMENT, "value 1 is not finite");
  CHECK(z[0] == 123.0);

  kk_gi_star_options_destroy(options);
  kk_weights_destroy(lattice);
  kk_weights_destroy(weights);
  kk_context_destroy(ctx);
}

/* ---------------------------------------------------------------------------------- */
/* Benjamini-Hochberg                                                                   */
/* ---------------------------------------------------------------------------------- */

static void test_fdr(void) {
  kk_context* ctx = new_context();
  /*
   * m = 4 tests (NaN is none). Sorted: 0.01, 0.03, 0.04, 0.20.
   * alpha 0.05: k = 4: 0.20 > 0.05; k = 3: 0.04 > 0.0375; k = 2: 0.03 > 0.025;
   *             k = 1: 0.01 <= 0.0125  -> only 0.01.
   * alpha 0.10: k = 3: 0.04 <= 0.075    -> 0.01, 0.03, 0.04.
   */
  const double p[5] = {0.04, 0.01, NAN, 0.20, 0.03};
  const uint8_t at_05[5] = {0, 1, 0, 0, 0};
  const uint8_t at_10[5] = {1, 1, 0, 0, 1};
  /* Strided: the p-values are the second member of pairs. */
  const double pairs[10] = {0, 0.04, 0, 0.01, 0, NAN, 0, 0.20, 0, 0.03};
  uint8_t out[5];
  int i;

  CHECK_OK(ctx, kk_stats_fdr(ctx, p, 0, 5, 0.05, out, 5));
  for (i = 0; i < 5; ++i) CHECK(out[i] == at_05[i]);
  CHECK_OK(ctx, kk_stats_fdr(ctx, &pairs[1], 2 * sizeof(double), 5, 0.10, out, 5));
  for (i = 0; i < 5; ++i) CHECK(out[i] == at_10[i]);
  CHECK_OK(ctx, kk_stats_fdr(ctx, NULL, 0, 0, 0.05, NULL, 0)); /* no tests */

  CHECK_MISUSE_NO_CTX(kk_stats_fdr(NULL, p, 0, 5, 0.05, out, 5));
  CHECK_FAILS(ctx, kk_stats_fdr(ctx, NULL, 0, 5, 0.05, out, 5), KK_E_API_MISUSE, "'p_values'");
  CHECK_FAILS(ctx, kk_stats_fdr(ctx, p, 0, 5, 0.05, NULL, 5), KK_E_API_MISUSE, "'out'");

  memset(out, 7, sizeof out);
  CHECK_FAILS(ctx, kk_stats_fdr(ctx, p, 0, 5, 1.0, out, 5), KK_E_INVALID_ARGUMENT,
              "kk_stats_fdr: Benjamini-Hochberg: alpha must lie strictly between 0 and 1");
  CHECK_FAILS(ctx, kk_stats_fdr(ctx, p, 0, 5, 0.05, out, 4), KK_E_INVALID_ARGUMENT,
              "capacity 4 is smaller than the 5 elements to write");
  CHECK(out[0] == 7);
  kk_context_destroy(ctx);
}

/* ---------------------------------------------------------------------------------- */
/* Wilson intervals                                                                     */
/* ---------------------------------------------------------------------------------- */

/* The Wilson interval from its formula, with z = Φ⁻¹(0.975) = 1.959963984540054. */
static void wilson_95(double x, double n, double* low, double* high) {
  const double z = 1.959963984540054, z2 = z * z, p = x / n;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z / (1 + z2 / n) * sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  *low = centre - half;
  *high = centre + half;
}

static void test_wilson(void) {
  kk_context* ctx = new_context();
  double low = 0, high = 0, want_low, want_high;
  const int64_t successes[4] = {3, 0, 10, 0};
  const int64_t trials[4] = {10, 10, 10, 0};
  const int64_t bad[2] = {3, 11};
  /* Counts as a GIS table holds them: (successes, trials) pairs. */
  const int64_t table[8] = {3, 10, 0, 10, 10, 10, 0, 0};
  double lows[4], highs[4];

  /* 3 of 10 at 95 %: [0.1078, 0.6032] to four decimals, and the formula to 1e-12. */
  CHECK_OK(ctx, kk_stats_wilson_interval(ctx, 3, 10, 0.95, &low, &high));
  wilson_95(3, 10, &want_low, &want_high);
  CHECK_NEAR(low, want_low);
  CHECK_NEAR(high, want_high);
  CHECK_CLOSE(low, 0.1078, 5e-5);
  CHECK_CLOSE(high, 0.6032, 5e-5);
  CHECK_OK(ctx, kk_stats_wilson_interval(ctx, 0, 10, 0.95, &low, &high));
  CHECK(low == 0.0);
  CHECK_OK(ctx, kk_stats_wilson_interval(ctx, 0, 0, 0.95, &low, &high));
  CHECK(isnan(low) && isnan(high));

  CHECK_OK(ctx, kk_stats_wilson_intervals(ctx, 4, successes, 0, trials, 0, 0.95, lows, highs, 4));
  CHECK_NEAR(lows[0], want_low);
  CHECK_NEAR(highs[0], want_high);
  CHECK(lows[1] == 0.0 && highs[2] == 1.0);
  CHECK(isnan(lows[3]) && isnan(highs[3]));
  CHECK_OK(ctx, kk_stats_wilson_intervals(ctx, 4, &table[0], 2 * sizeof(int64_t), &table[1],
                                          2 * sizeof(int64_t), 0.95, lows, highs, 4));
  CHECK_NEAR(lows[0], want_low);
  CHECK(highs[2] == 1.0);

  CHECK_MISUSE_NO_CTX(kk_stats_wilson_interval(NULL, 3, 10, 0.95, &low, &high));
  CHECK_FAILS(ctx, kk_stats_wilson_interval(ctx, 3, 10, 0.95, NULL, &high), KK_E_API_MISUSE, "'low'");
  CHECK(isnan(high)); /* NaN on failure */
  CHECK_FAILS(ctx, kk_stats_wilson_intervals(ctx, 4, NULL, 0, trials, 0, 0.95, lows, highs, 4),
              KK_E_API_MISUSE, "'successes'");
  CHECK_FAILS(ctx, kk_stats_wilson_intervals(ctx, 4, successes, 0, trials, 0, 0.95, lows, NULL, 4),
              KK_E_API_MISUSE, "'high'");

  CHECK_FAILS(ctx, kk_stats_wilson_interval(ctx, 11, 10, 0.95, &low, &high), KK_E_INVALID_ARGUMENT,
              "need 0 <= successes (11) <= trials (10)");
  CHECK(isnan(low) && isnan(high));
  CHECK_FAILS(ctx, kk_stats_wilson_interval(ctx, 3, 10, 1.0, &low, &high), KK_E_INVALID_ARGUMENT,
              "confidence must lie strictly between 0 and 1");
  lows[0] = 5.0;
  CHECK_FAILS(ctx, kk_stats_wilson_intervals(ctx, 2, bad, sizeof(int64_t), trials, 0, 0.95, lows,
                                             highs, 4),
              KK_E_INVALID_ARGUMENT, "element 1: Wilson interval: need 0 <= successes (11)");
  CHECK_FAILS(ctx, kk_stats_wilson_intervals(ctx, 4, successes, 0, trials, 0, 0.0, lows, highs, 4),
              KK_E_INVALID_ARGUMENT, "confidence must lie strictly between 0 and 1");
  CHECK_FAILS(ctx, kk_stats_wilson_intervals(ctx, 4, successes, 0, trials, 0, 0.95, lows, highs, 2),
              KK_E_INVALID_ARGUMENT, "capacity 2");
  CHECK(lows[0] == 5.0); /* nothing written on failure */
  kk_context_destroy(ctx);
}

/* Gi* with general (non-binary) weights, where S1_i = sum of w_ij^2 differs from W_i
 * (tests/engine/stats/getis_ord_test.cpp derives the same numbers). x = (2, 4, 1, 0, 3),
 * x̄ = 2, S = sqrt(2); row 0 has neighbours 1 (w 0.5) and 2 (w 0.25), row 1 has 0 (w 2).
 * With w_ii = 1: z_0 = 0.75 / sqrt(1.75) = 1.5 / sqrt(7), z_1 = 1 / sqrt(2), z_2 = -1 / sqrt(2).
 * With w_ii = 0.5: z_0 = 0.75 / sqrt(0.625) = 3 / sqrt(10). */
static void test_gi_star_general_weights(void) {
  kk_context* ctx = new_context();
  const uint64_t offsets[6] = {0, 2, 3, 3, 3, 3};
  const uint32_t neighbours[3] = {1, 2, 0};
  const double w[3] = {0.5, 0.25, 2.0};
  const double values[5] = {2, 4, 1, 0, 3};
  double z[5];
  kk_weights* weights = NULL;
  kk_gi_star_options* options = NULL;
  CHECK_OK(ctx, kk_weights_from_csr(ctx, 5, offsets, neighbours, w, 3, &weights));
  CHECK_OK(ctx, kk_gi_star_options_create(ctx, &options));
  CHECK_OK(ctx, kk_gi_star_options_set_permutations(ctx, options, 0));
  CHECK_OK(ctx, kk_stats_gi_star(ctx, weights, values, sizeof(double), 5, options, z, NULL, NULL,
                                 NULL, 5));
  CHECK_NEAR(z[0], 1.5 / sqrt(7.0));
  CHECK_NEAR(z[1], 1.0 / sqrt(2.0));
  CHECK_NEAR(z[2], -1.0 / sqrt(2.0));
  CHECK_OK(ctx, kk_gi_star_options_set_self_weight(ctx, options, 0.5));
  CHECK_OK(ctx, kk_stats_gi_star(ctx, weights, values, sizeof(double), 5, options, z, NULL, NULL,
                                 NULL, 5));
  CHECK_NEAR(z[0], 3.0 / sqrt(10.0));
  kk_gi_star_options_destroy(options);
  kk_weights_destroy(weights);
  kk_context_destroy(ctx);
}

int main(void) {
  test_weights();
  test_gi_star_options();
  test_gi_star();
  test_gi_star_general_weights();
  test_fdr();
  test_wilson();
  printf("%d checks, %d failures\n", g_checks, g_failures);
  return g_failures == 0 ? 0 : 1;
}
