/*
 * Tests of the C API's point-pattern and concentration statistics (the "Point patterns and
 * sector concentration on plain arrays" block of kernkompas.h), compiled as C11 with
 * nothing but the header. Each function gets a success case against hand-computed values
 * (the same cases as tests/engine/stats), a misuse case and an error-message case.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kernkompas.h"
#include "capi_check.h"


static const double kPi = 3.14159265358979323846;

/* WKB Polygon of the rectangle [0, x1] x [0, y1] in the host's byte order (93 bytes). */
static size_t rectangle_wkb(double x1, double y1, unsigned char* out) {
  const uint16_t probe = 1;
  const uint32_t type = 3, rings = 1, points = 5;
  const double xy[10] = {0, 0, x1, 0, x1, y1, 0, y1, 0, 0};
  unsigned char* p = out;
  unsigned char little = 0;
  memcpy(&little, &probe, 1);
  *p++ = little; /* 1: little-endian, 0: big-endian, as the host stores numbers */
  memcpy(p, &type, 4);
  p += 4;
  memcpy(p, &rings, 4);
  p += 4;
  memcpy(p, &points, 4);
  p += 4;
  memcpy(p, xy, sizeof xy);
  p += sizeof xy;
  return (size_t)(p - out);
}

/* Points with a category, as a GIS tool holds them: read with a stride. */
typedef struct {
  double x;
  double y;
  int32_t category;
} point;

/*
 * Ripley: rectangle [0, 3] x [0, 1], points (0, 0), (1, 0), (1, 0.5) (see
 * tests/engine/stats/ripley_test.cpp): K(0.5) = 1.5, K(1) = 4.5,
 * K(1.2) = (9 + 2 pi / atan 2 + pi / atan 0.5) / 2; uncorrected 1, 2, 3.
 */
static void test_ripley(void) {
  kk_context* ctx = new_context();
  unsigned char wkb[128];
  const size_t wkb_size = rectangle_wkb(3, 1, wkb);
  const point pts[3] = {{0, 0, 0}, {1, 0, 0}, {1, 0.5, 0}};
  const double r[3] = {0.5, 1.0, 1.2};
  double k[3], l[3], h[3], plain[3], lo[3], hi[3];
  kk_ripley_options* options = NULL;
  CHECK_OK(ctx, kk_ripley_options_create(ctx, &options));
  CHECK_OK(ctx, kk_ripley_options_set_simulations(ctx, options, 0));
  CHECK_OK(ctx, kk_stats_ripley(ctx, 3, &pts[0].x, sizeof(point), &pts[0].y, sizeof(point), wkb,
                                wkb_size, r, 3, options, k, l, h, plain, lo, hi, 3));
  CHECK_CLOSE(k[0], 1.5, 1e-12);
  CHECK_CLOSE(k[1], 4.5, 1e-12);
  CHECK_CLOSE(k[2], (9.0 + 2.0 * kPi / atan(2.0) + kPi / atan(0.5)) / 2.0, 1e-12);
  CHECK_CLOSE(l[1], sqrt(4.5 / kPi), 1e-12);
  CHECK_CLOSE(h[1], sqrt(4.5 / kPi) - 1.0, 1e-12);
  CHECK_CLOSE(plain[0], 1.0, 0.0);
  CHECK_CLOSE(plain[2], 3.0, 0.0);
  CHECK(isnan(lo[0]) && isnan(hi[2]));

  /* Envelopes: 19 simulations give finite bands around L; same seed, same band. */
  {
    double lo2[3], hi2[3];
    CHECK_OK(ctx, kk_ripley_options_set_simulations(ctx, options, 19));
    CHECK_OK(ctx, kk_ripley_options_set_seed(ctx, options, 7));
    CHECK_OK(ctx, kk_ripley_options_set_threads(ctx, options, 2));
    CHECK_OK(ctx, kk_stats_ripley(ctx, 3, &pts[0].x, sizeof(point), &pts[0].y, sizeof(point),
                                  wkb, wkb_size, r, 3, options, NULL, NULL, NULL, NULL, lo, hi, 3));
    CHECK(lo[2] <= hi[2] && !isnan(lo[2]));
    CHECK_OK(ctx, kk_ripley_options_set_threads(ctx, options, 1));
    CHECK_OK(ctx, kk_stats_ripley(ctx, 3, &pts[0].x, sizeof(point), &pts[0].y, sizeof(point),
                                  wkb, wkb_size, r, 3, options, NULL, NULL, NULL, NULL, lo2, hi2, 3));
    CHECK(memcmp(lo, lo2, sizeof lo) == 0 && memcmp(hi, hi2, sizeof hi) == 0);
  }

  /* Misuse and errors. */
  CHECK_FAILS(ctx, kk_ripley_options_set_threads(ctx, options, 0), KK_E_INVALID_ARGUMENT, "threads");
  CHECK_FAILS(ctx, kk_ripley_options_set_seed(ctx, NULL, 1), KK_E_API_MISUSE, "options");
  CHECK_FAILS(ctx, kk_stats_ripley(ctx, 3, &pts[0].x, sizeof(point), &pts[0].y, sizeof(point),
                                   NULL, 0, r, 3, options, k, NULL, NULL, NULL, NULL, NULL, 3),
              KK_E_API_MISUSE, "window_wkb");
  CHECK_FAILS(ctx, kk_stats_ripley(ctx, 3, &pts[0].x, sizeof(point), &pts[0].y, sizeof(point),
                                   wkb, wkb_size, r, 3, options, k, NULL, NULL, NULL, NULL, NULL, 2),
              KK_E_INVALID_ARGUMENT, "capacity");
  CHECK_FAILS(ctx, kk_stats_ripley(ctx, 3, &pts[0].x, sizeof(point), &pts[0].y, sizeof(point),
                                   wkb, 20, r, 3, options, k, NULL, NULL, NULL, NULL, NULL, 3),
              KK_E_BAD_VALUE, "window");
  {
    const point outside[2] = {{0.5, 0.5, 0}, {4.0, 0.5, 0}};
    CHECK_FAILS(ctx, kk_stats_ripley(ctx, 2, &outside[0].x, sizeof(point), &outside[0].y,
                                     sizeof(point), wkb, wkb_size, r, 3, options, k, NULL, NULL,
                                     NULL, NULL, NULL, 3),
                KK_E_INVALID_ARGUMENT, "point 1");
  }
  kk_ripley_options_destroy(options);
  kk_ripley_options_destroy(NULL);
  options = (kk_ripley_options*)&ctx; /* any non-NULL value: create must reset it */
  CHECK_MISUSE_NO_CTX(kk_ripley_options_create(NULL, &options));
  CHECK(options == NULL);
  kk_context_destroy(ctx);
}

/* The table of tests/engine/stats/concentration_test.cpp: rows 2 2 0 / 1 3 4 / 0 0 0. */
static const double kCounts[9] = {2, 2, 0, 1, 3, 4, 0, 0, 0};

static void test_concentration(void) {
  kk_context* ctx = new_context();
  double lq[9];
  double shannon[3], evenness[3], evenness_all[3], hhi[3];
  uint32_t present[3];
  const double reference[3] = {1, 1, 2};
  const double negative[2] = {1, -1};
  CHECK_OK(ctx, kk_stats_location_quotients(ctx, kCounts, 3, 3, NULL, lq, 9));
  CHECK_CLOSE(lq[0], 2.0, 1e-15);
  CHECK_CLOSE(lq[1], 1.2, 1e-15);
  CHECK_CLOSE(lq[5], 1.5, 1e-15);
  CHECK(isnan(lq[6]));
  CHECK_OK(ctx, kk_stats_location_quotients(ctx, kCounts, 3, 3, reference, lq, 9));
  CHECK_CLOSE(lq[4], 1.5, 1e-15);
  CHECK_FAILS(ctx, kk_stats_location_quotients(ctx, kCounts, 3, 3, NULL, lq, 8),
              KK_E_INVALID_ARGUMENT, "capacity");
  CHECK_FAILS(ctx, kk_stats_location_quotients(ctx, negative, 1, 2, NULL, lq, 9),
              KK_E_INVALID_ARGUMENT, "area 0, category 1");
  CHECK_FAILS(ctx, kk_stats_location_quotients(ctx, NULL, 3, 3, NULL, lq, 9), KK_E_API_MISUSE,
              "counts");

  CHECK_OK(ctx, kk_stats_diversity(ctx, kCounts, 3, 3, shannon, evenness, evenness_all, hhi,
                                   present, 3));
  CHECK_CLOSE(shannon[0], log(2.0), 1e-15);
  CHECK_CLOSE(evenness[0], 1.0, 1e-15);
  CHECK_CLOSE(evenness_all[0], log(2.0) / log(3.0), 1e-15);
  CHECK_CLOSE(hhi[1], 26.0 / 64.0, 1e-15);
  CHECK_CLOSE(shannon[1], 0.125 * log(8.0) + 0.375 * log(8.0 / 3.0) + 0.5 * log(2.0), 1e-15);
  CHECK(present[0] == 2 && present[1] == 3 && present[2] == 0);
  CHECK(isnan(hhi[2]));
  CHECK_FAILS(ctx, kk_stats_diversity(ctx, kCounts, 3, 3, shannon, NULL, NULL, NULL, NULL, 2),
              KK_E_INVALID_ARGUMENT, "capacity");
  CHECK_MISUSE_NO_CTX(kk_stats_diversity(NULL, kCounts, 3, 3, shannon, NULL, NULL, NULL, NULL, 3));
  kk_context_destroy(ctx);
}

/*
 * Five points on a line: A (0,0), B (1,0), A (2.5,0), C (4,0), B (10,0); the second A has
 * two tied nearest neighbours (B and C): C(A -> B) = 1.5, CLQ = (1.5 / 2) / (2 / 4) = 1.5.
 */
static void test_colocation(void) {
  kk_context* ctx = new_context();
  const point pts[5] = {{0, 0, 0}, {1, 0, 1}, {2.5, 0, 0}, {4, 0, 2}, {10, 0, 1}};
  double clq = 0, count_ab = 0, p_sim = 0, p_again = 0;
  kk_colocation_options* options = NULL;
  CHECK_OK(ctx, kk_stats_colocation_quotient(ctx, 5, &pts[0].x, sizeof(point), &pts[0].y,
                                             sizeof(point), &pts[0].category, sizeof(point), 0, 1,
                                             NULL, &clq, &count_ab, &p_sim));
  CHECK_CLOSE(clq, 1.5, 1e-15);
  CHECK_CLOSE(count_ab, 1.5, 1e-15);
  CHECK(p_sim > 0.0 && p_sim <= 1.0);
  CHECK_OK(ctx, kk_colocation_options_create(ctx, &options));
  CHECK_OK(ctx, kk_colocation_options_set_permutations(ctx, options, 99));
  CHECK_OK(ctx, kk_colocation_options_set_seed(ctx, options, 3));
  CHECK_OK(ctx, kk_colocation_options_set_threads(ctx, options, 2));
  CHECK_OK(ctx, kk_stats_colocation_quotient(ctx, 5, &pts[0].x, sizeof(point), &pts[0].y,
                                             sizeof(point), &pts[0].category, sizeof(point), 0, 1,
                                             options, &clq, NULL, &p_sim));
  CHECK_OK(ctx, kk_colocation_options_set_threads(ctx, options, 1));
  CHECK_OK(ctx, kk_stats_colocation_quotient(ctx, 5, &pts[0].x, sizeof(point), &pts[0].y,
                                             sizeof(point), &pts[0].category, sizeof(point), 0, 1,
                                             options, &clq, NULL, &p_again));
  CHECK(p_sim == p_again);
  CHECK(fmod(p_sim * 100.0, 1.0) < 1e-9 || fmod(p_sim * 100.0, 1.0) > 1.0 - 1e-9); /* (M+1)/100 */
  CHECK_OK(ctx, kk_colocation_options_set_permutations(ctx, options, 0));
  CHECK_OK(ctx, kk_stats_colocation_quotient(ctx, 5, &pts[0].x, sizeof(point), &pts[0].y,
                                             sizeof(point), &pts[0].category, sizeof(point), 1, 0,
                                             options, &clq, NULL, &p_sim));
  CHECK_CLOSE(clq, 1.0, 1e-15);
  CHECK(isnan(p_sim));

  CHECK_FAILS(ctx, kk_stats_colocation_quotient(ctx, 5, &pts[0].x, sizeof(point), &pts[0].y,
                                                sizeof(point), &pts[0].category, sizeof(point), 0,
                                                1, options, NULL, NULL, NULL),
              KK_E_API_MISUSE, "clq");
  CHECK_FAILS(ctx, kk_colocation_options_set_threads(ctx, options, 0), KK_E_INVALID_ARGUMENT,
              "threads");
  {
    const double xs[2] = {0, NAN}, ys[2] = {0, 0};
    const int32_t cs[2] = {0, 1};
    CHECK_FAILS(ctx, kk_stats_colocation_quotient(ctx, 2, xs, 0, ys, 0, cs, 0, 0, 1, options, &clq,
                                                  NULL, NULL),
                KK_E_INVALID_ARGUMENT, "point 1");
    CHECK(isnan(clq));
  }
  kk_colocation_options_destroy(options);
  kk_context_destroy(ctx);
}

int main(void) {
  test_ripley();
  test_concentration();
  test_colocation();
  printf("%d checks, %d failures\n", g_checks, g_failures);
  return g_failures == 0 ? 0 : 1;
}
