/*
 * Tests of the C API's spatial autocorrelation block (weights builders, Moran's I, local
 * Moran), compiled as C11 and using nothing but the header. The cases are the 3 x 3 lattice
 * of unit squares, values 1..9, whose Moran statistics tests/engine/stats/moran_test.cpp
 * computes by hand: rook weights give I = 0.5, Var_N = 0.053125, Var_R = 0.0596875.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernkompas.h"
#include "capi_check.h"

#define CHECK_NEAR(actual, expected) CHECK_CLOSE(actual, expected, 1e-12)

/* WKB of the unit square with lower-left corner (x0, y0): 1 + 4 + 4 + 4 + 5 * 16 bytes. */
enum { kSquareWkbSize = 93 };

static void put_u32(unsigned char** at, uint32_t value) {
  memcpy(*at, &value, 4);
  *at += 4;
}

static void put_f64(unsigned char** at, double value) {
  memcpy(*at, &value, 8);
  *at += 8;
}

static void square_wkb(double x0, double y0, unsigned char* out) {
  const uint32_t one = 1;
  unsigned char little = 0;
  unsigned char* at = out;
  memcpy(&little, &one, 1); /* 1 on a little-endian host: native order is written */
  *at++ = little;
  put_u32(&at, 3); /* Polygon */
  put_u32(&at, 1); /* one ring */
  put_u32(&at, 5);
  const double xs[5] = {x0, x0 + 1, x0 + 1, x0, x0};
  const double ys[5] = {y0, y0, y0 + 1, y0 + 1, y0};
  for (int k = 0; k < 5; ++k) {
    put_f64(&at, xs[k]);
    put_f64(&at, ys[k]);
  }
}

/* The 3 x 3 lattice, square i = 3 * row + column. */
static unsigned char g_wkb[9][kSquareWkbSize];
static const unsigned char* g_wkb_pointers[9];
static size_t g_wkb_sizes[9];

static void make_lattice(void) {
  for (int i = 0; i < 9; ++i) {
    square_wkb(i % 3, i / 3, g_wkb[i]);
    g_wkb_pointers[i] = g_wkb[i];
    g_wkb_sizes[i] = kSquareWkbSize;
  }
}

static const double kRamp[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};

static kk_weights* lattice(kk_context* ctx, kk_contiguity kind) {
  kk_weights* w = NULL;
  CHECK_OK(ctx, kk_weights_from_contiguity(ctx, 9, g_wkb_pointers, g_wkb_sizes, kind, &w));
  return w;
}

static void test_contiguity(void) {
  kk_context* ctx = new_context();
  kk_weights* rook = lattice(ctx, KK_CONTIGUITY_ROOK);
  kk_weights* queen = lattice(ctx, KK_CONTIGUITY_QUEEN);
  size_t nonzero = 0, islands = 99, count = 0;
  CHECK_OK(ctx, kk_weights_nonzero_count(ctx, rook, &nonzero));
  CHECK(nonzero == 24);
  CHECK_OK(ctx, kk_weights_nonzero_count(ctx, queen, &nonzero));
  CHECK(nonzero == 40);
  CHECK_OK(ctx, kk_weights_island_count(ctx, rook, &islands));
  CHECK(islands == 0);
  uint32_t nb[8] = {0};
  double values[8] = {0};
  CHECK_OK(ctx, kk_weights_neighbours(ctx, rook, 4, nb, values, 8, &count));
  CHECK(count == 4 && nb[0] == 1 && nb[1] == 3 && nb[2] == 5 && nb[3] == 7 && values[2] == 1.0);
  CHECK_FAILS(ctx, kk_weights_neighbours(ctx, queen, 4, nb, NULL, 3, &count),
              KK_E_INVALID_ARGUMENT, "capacity 3");
  CHECK(count == 0);
  CHECK_FAILS(ctx, kk_weights_neighbours(ctx, queen, 9, nb, NULL, 8, &count),
              KK_E_INVALID_ARGUMENT, "out of range");

  kk_weights* bad = NULL;
  CHECK_FAILS(ctx, kk_weights_from_contiguity(ctx, 9, g_wkb_pointers, g_wkb_sizes,
                                              7, &bad),
              KK_E_INVALID_ARGUMENT, "KK_CONTIGUITY_QUEEN");
  size_t truncated[9];
  for (int i = 0; i < 9; ++i) truncated[i] = kSquareWkbSize;
  truncated[5] = 20;
  CHECK(kk_weights_from_contiguity(ctx, 9, g_wkb_pointers, truncated, KK_CONTIGUITY_ROOK,
                                   &bad) != KK_OK);
  CHECK(strstr(kk_context_last_error(ctx), "polygon 5") != NULL);
  CHECK(bad == NULL);
  CHECK_FAILS(ctx, kk_weights_from_contiguity(ctx, 9, NULL, g_wkb_sizes, KK_CONTIGUITY_ROOK, &bad),
              KK_E_API_MISUSE, "wkb");
  kk_weights_destroy(rook);
  kk_weights_destroy(queen);
  kk_context_destroy(ctx);
}

static void test_knn_and_inverse_distance(void) {
  kk_context* ctx = new_context();
  /* Points on a line at 0, 1, 3, 4, 10: the nearest of 4 (x = 10) is 3 (x = 4). */
  const double x[5] = {0, 1, 3, 4, 10}, y[5] = {0, 0, 0, 0, 0};
  kk_weights* w = NULL;
  CHECK_OK(ctx, kk_weights_from_knn(ctx, 5, x, 0, y, 0, 2, &w));
  uint32_t nb[4];
  size_t count = 0;
  CHECK_OK(ctx, kk_weights_neighbours(ctx, w, 4, nb, NULL, 4, &count));
  CHECK(count == 2 && nb[0] == 2 && nb[1] == 3);
  kk_weights_destroy(w);
  w = NULL;
  CHECK_FAILS(ctx, kk_weights_from_knn(ctx, 5, x, 0, y, 0, 0, &w), KK_E_INVALID_ARGUMENT,
              "k must be >= 1");
  /* Inverse distance within 3 m: from x = 0, point 1 at 1 m (weight 1), point 2 at 3 m (1/3). */
  double weights[4];
  CHECK_OK(ctx, kk_weights_from_inverse_distance_band(ctx, 5, x, 0, y, 0, 3.0, -1.0, &w));
  CHECK_OK(ctx, kk_weights_neighbours(ctx, w, 0, nb, weights, 4, &count));
  CHECK(count == 2 && nb[0] == 1 && nb[1] == 2);
  CHECK_NEAR(weights[0], 1.0);
  CHECK_NEAR(weights[1], 1.0 / 3.0);
  kk_weights_destroy(w);
  w = NULL;
  CHECK_FAILS(ctx, kk_weights_from_inverse_distance_band(ctx, 5, x, 0, y, 0, 3.0, 1.0, &w),
              KK_E_INVALID_ARGUMENT, "power");
  kk_context_destroy(ctx);
}

static void test_moran(void) {
  kk_context* ctx = new_context();
  kk_weights* rook = lattice(ctx, KK_CONTIGUITY_ROOK);
  kk_moran_options* options = NULL;
  CHECK_OK(ctx, kk_moran_options_create(ctx, &options));
  CHECK_OK(ctx, kk_moran_options_set_permutations(ctx, options, 0));
  kk_moran_result r;
  CHECK_OK(ctx, kk_stats_moran(ctx, rook, kRamp, 0, 9, options, &r));
  CHECK_NEAR(r.i, 0.5);
  CHECK_NEAR(r.expected, -0.125);
  CHECK_NEAR(r.variance_normal, 0.053125);
  CHECK_NEAR(r.variance_randomised, 0.0596875);
  CHECK_NEAR(r.z_normal, 2.711630722733202);
  CHECK_NEAR(r.s0, 24.0);
  CHECK(isnan(r.p_sim));

  /* Row-standardised: I = 5/9 (moran_test.cpp). */
  kk_weights* rs = NULL;
  CHECK_OK(ctx, kk_weights_row_standardised(ctx, rook, &rs));
  CHECK_OK(ctx, kk_stats_moran(ctx, rs, kRamp, 0, 9, options, &r));
  CHECK_NEAR(r.i, 5.0 / 9.0);
  CHECK_NEAR(r.s0, 9.0);

  /* With permutations, seeded: the same seed gives the same p for 1 and 2 threads. */
  kk_moran_result a, b;
  CHECK_OK(ctx, kk_moran_options_set_permutations(ctx, options, 499));
  CHECK_OK(ctx, kk_moran_options_set_seed(ctx, options, 3));
  CHECK_OK(ctx, kk_stats_moran(ctx, rook, kRamp, 0, 9, options, &a));
  CHECK_OK(ctx, kk_moran_options_set_threads(ctx, options, 2));
  CHECK_OK(ctx, kk_stats_moran(ctx, rook, kRamp, 0, 9, options, &b));
  CHECK(a.p_sim == b.p_sim && a.mean_sim == b.mean_sim);
  CHECK(a.p_sim > 0.0 && a.p_sim < 0.05);

  CHECK_FAILS(ctx, kk_stats_moran(ctx, rook, kRamp, 0, 8, options, &r), KK_E_INVALID_ARGUMENT,
              "8 values for weights over 9");
  CHECK_FAILS(ctx, kk_moran_options_set_threads(ctx, options, 0), KK_E_INVALID_ARGUMENT, "threads");
  CHECK_FAILS(ctx, kk_moran_options_set_fdr_alpha(ctx, options, 1.5), KK_E_INVALID_ARGUMENT, "alpha");
  CHECK_FAILS(ctx, kk_stats_moran(ctx, NULL, kRamp, 0, 9, options, &r), KK_E_API_MISUSE, "weights");
  kk_moran_options_destroy(options);
  kk_weights_destroy(rs);
  kk_weights_destroy(rook);
  kk_context_destroy(ctx);
}

static void test_local_moran(void) {
  kk_context* ctx = new_context();
  kk_weights* rook = lattice(ctx, KK_CONTIGUITY_ROOK);
  double local_i[9], p_sim[9];
  uint8_t quadrant[9], significant[9];
  /* NULL options: 999 permutations, seed 12345. */
  CHECK_OK(ctx, kk_stats_local_moran(ctx, rook, kRamp, 0, 9, NULL, local_i, quadrant, p_sim,
                                     significant, 9));
  CHECK_NEAR(local_i[0], 32.0 / 15.0);
  CHECK_NEAR(local_i[1], 2.4);
  CHECK_NEAR(local_i[8], 32.0 / 15.0);
  CHECK(quadrant[0] == 3 && quadrant[4] == 3 && quadrant[8] == 1);
  CHECK(p_sim[4] == 1.0); /* z = 0 at the centre */
  for (int i = 0; i < 9; ++i) CHECK(p_sim[i] > 0.0 && p_sim[i] <= 1.0 && significant[i] <= 1);
  CHECK_FAILS(ctx, kk_stats_local_moran(ctx, rook, kRamp, 0, 9, NULL, local_i, quadrant, p_sim,
                                        significant, 8),
              KK_E_INVALID_ARGUMENT, "capacity 8");
  kk_weights_destroy(rook);
  kk_context_destroy(ctx);
}

int main(void) {
  make_lattice();
  test_contiguity();
  test_knn_and_inverse_distance();
  test_moran();
  test_local_moran();
  printf("%d checks, %d failures\n", g_checks, g_failures);
  return g_failures == 0 ? 0 : 1;
}
