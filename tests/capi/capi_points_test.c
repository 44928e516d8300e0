/*
 * Tests of the C API's point-pattern statistics (the "Point patterns on plain arrays" block
 * of kernkompas.h), compiled as C11 and using nothing but the header.
 *
 * Nearest neighbours and Clark-Evans run on four points computed by hand: (0,0) (1,0) (0,2)
 * (3,3) in a 4 x 4 square (A = 16, P = 16); nearest distances 1, 1, 2, sqrt(10). DBSCAN runs
 * on a line with a border point between two clusters (eps 1, min_samples 4).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernkompas.h"
#include "capi_check.h"


/* Points as a GIS tool holds them: x and y read with a stride. */
typedef struct {
  double x;
  double y;
  int64_t id;
} point;

static const point kFour[4] = {{0, 0, 10}, {1, 0, 11}, {0, 2, 12}, {3, 3, 13}};

static void test_nearest_neighbours(void) {
  kk_context* ctx = new_context();
  double distance[4] = {-1, -1, -1, -1};
  uint32_t neighbour[4] = {9, 9, 9, 9};
  const double bad_x[2] = {0, NAN};
  const double zeros[2] = {0, 0};

  CHECK_OK(ctx, kk_stats_nearest_neighbours(ctx, 4, &kFour[0].x, sizeof(point), &kFour[0].y,
                                            sizeof(point), 2, distance, neighbour, 4));
  CHECK_CLOSE(distance[0], 1.0, 1e-15);
  CHECK_CLOSE(distance[1], 1.0, 1e-15);
  CHECK_CLOSE(distance[2], 2.0, 1e-15);
  CHECK_CLOSE(distance[3], sqrt(10.0), 1e-15);
  CHECK(neighbour[0] == 1 && neighbour[1] == 0 && neighbour[2] == 0 && neighbour[3] == 2);
  /* Only one output wanted. */
  CHECK_OK(ctx, kk_stats_nearest_neighbours(ctx, 4, &kFour[0].x, sizeof(point), &kFour[0].y,
                                            sizeof(point), 1, NULL, neighbour, 4));

  /* Misuse and errors: nothing written. */
  CHECK_MISUSE_NO_CTX(kk_stats_nearest_neighbours(NULL, 4, &kFour[0].x, sizeof(point),
                                                  &kFour[0].y, sizeof(point), 1, distance,
                                                  NULL, 4));
  CHECK_FAILS(ctx, kk_stats_nearest_neighbours(ctx, 4, NULL, 0, &kFour[0].y, sizeof(point), 1,
                                               distance, NULL, 4),
              KK_E_API_MISUSE, "x");
  distance[0] = -1;
  CHECK_FAILS(ctx, kk_stats_nearest_neighbours(ctx, 4, &kFour[0].x, sizeof(point), &kFour[0].y,
                                               sizeof(point), 1, distance, NULL, 3),
              KK_E_INVALID_ARGUMENT, "capacity 3");
  CHECK(distance[0] == -1);
  CHECK_FAILS(ctx, kk_stats_nearest_neighbours(ctx, 2, bad_x, 0, zeros, 0, 1, distance, NULL, 2),
              KK_E_INVALID_ARGUMENT, "point 1");
  CHECK_FAILS(ctx, kk_stats_nearest_neighbours(ctx, 2, zeros, 0, zeros, 0, 0, distance, NULL, 2),
              KK_E_INVALID_ARGUMENT, "threads");
  kk_context_destroy(ctx);
}

static void test_clark_evans(void) {
  kk_context* ctx = new_context();
  const double mean = (4.0 + sqrt(10.0)) / 4.0;
  double mean_distance = 0;
  kk_clark_evans_test plain, donnelly;

  CHECK_OK(ctx, kk_stats_clark_evans(ctx, 4, &kFour[0].x, sizeof(point), &kFour[0].y,
                                     sizeof(point), 16.0, 16.0, 1, &mean_distance, &plain,
                                     &donnelly));
  CHECK_CLOSE(mean_distance, mean, 1e-15);
  /* E = 0.5 sqrt(16/4) = 1, SE = 0.26136 / sqrt(16/16). */
  CHECK_CLOSE(plain.expected, 1.0, 1e-15);
  CHECK_CLOSE(plain.standard_error, 0.26136, 1e-15);
  CHECK_CLOSE(plain.r, mean, 1e-15);
  CHECK_CLOSE(plain.z, (mean - 1.0) / 0.26136, 1e-12);
  CHECK_CLOSE(plain.p, 0.00248773398, 1e-10);
  /* E = 1 + (0.0514 + 0.041/2) 16/4 = 1.2876, SE^2 = 0.0703 + 0.037 16 sqrt(16/1024) = 0.1443. */
  CHECK_CLOSE(donnelly.expected, 1.2876, 1e-15);
  CHECK_CLOSE(donnelly.standard_error, sqrt(0.1443), 1e-15);
  CHECK_CLOSE(donnelly.r, mean / 1.2876, 1e-15);
  CHECK_CLOSE(donnelly.z, (mean - 1.2876) / sqrt(0.1443), 1e-12);
  CHECK_CLOSE(donnelly.p, 0.18548236371, 1e-10);
  /* Any output may be NULL. */
  CHECK_OK(ctx, kk_stats_clark_evans(ctx, 4, &kFour[0].x, sizeof(point), &kFour[0].y,
                                     sizeof(point), 16.0, 16.0, 1, NULL, NULL, &donnelly));
  /* One point: NaN, no error. */
  CHECK_OK(ctx, kk_stats_clark_evans(ctx, 1, &kFour[0].x, 0, &kFour[0].y, 0, 16.0, 16.0, 1,
                                     &mean_distance, &plain, NULL));
  CHECK(isnan(mean_distance) && isnan(plain.r));

  /* Errors leave NaN. */
  CHECK_FAILS(ctx, kk_stats_clark_evans(ctx, 4, &kFour[0].x, sizeof(point), &kFour[0].y,
                                        sizeof(point), 0.0, 16.0, 1, &mean_distance, &plain,
                                        &donnelly),
              KK_E_INVALID_ARGUMENT, "area");
  CHECK(isnan(mean_distance) && isnan(plain.r) && isnan(donnelly.p));
  CHECK_FAILS(ctx, kk_stats_clark_evans(ctx, 4, &kFour[0].x, sizeof(point), &kFour[0].y,
                                        sizeof(point), 16.0, -1.0, 1, NULL, &plain, NULL),
              KK_E_INVALID_ARGUMENT, "perimeter");
  CHECK_MISUSE_NO_CTX(kk_stats_clark_evans(NULL, 4, &kFour[0].x, sizeof(point), &kFour[0].y,
                                           sizeof(point), 16.0, 16.0, 1, NULL, &plain, NULL));
  kk_context_destroy(ctx);
}

static void test_dbscan(void) {
  kk_context* ctx = new_context();
  /* Border point at x = 2 (index 0) between cluster C (x = 3 .. 4, indices 1-4, first in the
   * input, so cluster 0) and cluster A (x = 0 .. 1, indices 5-8); x = 10 is noise. */
  const double x[10] = {2.0, 3.0, 3.4, 3.7, 4.0, 0.0, 0.3, 0.6, 1.0, 10.0};
  const double y[10] = {0};
  const int32_t want_labels[10] = {0, 0, 0, 0, 0, 1, 1, 1, 1, -1};
  const uint8_t want_core[10] = {0, 1, 1, 1, 1, 1, 1, 1, 1, 0};
  int32_t labels[10];
  uint8_t core[10];
  int32_t clusters = -5;

  CHECK_OK(ctx, kk_stats_dbscan(ctx, 10, x, 0, y, 0, 1.0, 4, 2, labels, core, 10, &clusters));
  CHECK(memcmp(labels, want_labels, sizeof labels) == 0);
  CHECK(memcmp(core, want_core, sizeof core) == 0);
  CHECK(clusters == 2);
  CHECK_OK(ctx, kk_stats_dbscan(ctx, 10, x, 0, y, 0, 1.0, 4, 1, labels, NULL, 10, NULL));
  CHECK(memcmp(labels, want_labels, sizeof labels) == 0);
  CHECK_OK(ctx, kk_stats_dbscan(ctx, 0, NULL, 0, NULL, 0, 1.0, 4, 1, NULL, NULL, 0, &clusters));
  CHECK(clusters == 0);

  labels[0] = 77;
  CHECK_FAILS(ctx, kk_stats_dbscan(ctx, 10, x, 0, y, 0, -1.0, 4, 1, labels, core, 10, NULL),
              KK_E_INVALID_ARGUMENT, "eps");
  CHECK_FAILS(ctx, kk_stats_dbscan(ctx, 10, x, 0, y, 0, 1.0, 0, 1, labels, core, 10, NULL),
              KK_E_INVALID_ARGUMENT, "min_samples");
  CHECK_FAILS(ctx, kk_stats_dbscan(ctx, 10, x, 0, y, 0, 1.0, 4, 1, labels, core, 9, NULL),
              KK_E_INVALID_ARGUMENT, "capacity 9");
  CHECK_FAILS(ctx, kk_stats_dbscan(ctx, 10, x, 0, y, 0, 1.0, 4, 1, NULL, core, 10, NULL),
              KK_E_API_MISUSE, "labels");
  CHECK(labels[0] == 77);
  CHECK_MISUSE_NO_CTX(kk_stats_dbscan(NULL, 10, x, 0, y, 0, 1.0, 4, 1, labels, core, 10, NULL));
  kk_context_destroy(ctx);
}

int main(void) {
  test_nearest_neighbours();
  test_clark_evans();
  test_dbscan();
  printf("%d checks, %d failures\n", g_checks, g_failures);
  return g_failures == 0 ? 0 : 1;
}
