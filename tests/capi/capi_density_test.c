/*
 * Tests of kk_stats_kernel_density (C11, kernkompas.h only): a hand-computed cell value, the
 * disclosure mask, and the argument errors.
 */
#include <math.h>
#include <stdint.h>

#include "capi_check.h"

static const double kPi = 3.14159265358979323846;

/* One point at the centre of cell (2, 2) of a 5 x 5 grid of 100 m cells; h = 250 m. */
static void test_one_point(void) {
  kk_context* ctx = new_context();
  const double x[] = {250.0}, y[] = {250.0};
  double density[25];
  int64_t reach[25];
  CHECK_OK(ctx, kk_stats_kernel_density(ctx, 1, x, y, NULL, "quartic", 250.0, 0.0, 0.0, 100.0, 5, 5, 0,
                                        1, density, reach, 25));
  /* Centre cell: K(0)/h^2 per m^2 = (3/pi)/62500, times 10^6 per km^2. Row 2 from the north. */
  CHECK(fabs(density[2 * 5 + 2] - 3.0 / kPi / 62500.0 * 1e6) < 1e-9);
  /* Cell (4, 2): 200 m east, u^2 = 0.64: (3/pi)(0.36)^2/h^2. */
  CHECK(fabs(density[2 * 5 + 4] - 3.0 / kPi * 0.36 * 0.36 / 62500.0 * 1e6) < 1e-9);
  CHECK(density[0] == 0.0); /* the corner, 283 m away */
  CHECK(reach[2 * 5 + 4] == 1 && reach[0] == 0);

  /* Published with k = 5: the one point's reach is no data, the corner stays 0. */
  CHECK_OK(ctx, kk_stats_kernel_density(ctx, 1, x, y, NULL, "quartic", 250.0, 0.0, 0.0, 100.0, 5, 5, 5,
                                        2, density, NULL, 25));
  CHECK(isnan(density[2 * 5 + 2]) && isnan(density[2 * 5 + 4]));
  CHECK(density[0] == 0.0);
  kk_context_destroy(ctx);
}

static void test_errors(void) {
  kk_context* ctx = new_context();
  const double x[] = {250.0}, y[] = {250.0}, negative[] = {-1.0};
  double density[25];
  CHECK_FAILS(ctx, kk_stats_kernel_density(ctx, 1, x, y, NULL, "triangular", 250.0, 0, 0, 100.0, 5, 5, 0, 1,
                                           density, NULL, 25),
              KK_E_INVALID_ARGUMENT, "triangular");
  CHECK_FAILS(ctx, kk_stats_kernel_density(ctx, 1, x, y, NULL, "quartic", 250.0, 0, 0, 100.0, 5, 5, 0, 1,
                                           density, NULL, 24),
              KK_E_INVALID_ARGUMENT, "capacity 24");
  CHECK_FAILS(ctx, kk_stats_kernel_density(ctx, 1, x, y, negative, "gaussian", 250.0, 0, 0, 100.0, 5, 5, 0, 1,
                                           density, NULL, 25),
              KK_E_INVALID_ARGUMENT, "weight 0");
  CHECK_FAILS(ctx, kk_stats_kernel_density(ctx, 1, x, y, NULL, "quartic", 0.0, 0, 0, 100.0, 5, 5, 0, 1,
                                           density, NULL, 25),
              KK_E_INVALID_ARGUMENT, "bandwidth");
  CHECK_FAILS(ctx, kk_stats_kernel_density(ctx, 1, NULL, y, NULL, "quartic", 250.0, 0, 0, 100.0, 5, 5, 0, 1,
                                           density, NULL, 25),
              KK_E_API_MISUSE, "x");
  CHECK_MISUSE_NO_CTX(kk_stats_kernel_density(NULL, 1, x, y, NULL, "quartic", 250.0, 0, 0, 100.0, 5, 5, 0, 1,
                                              density, NULL, 25));
  kk_context_destroy(ctx);
}

int main(void) {
  test_one_point();
  test_errors();
  printf("%d checks, %d failures\n", g_checks, g_failures);
  return g_failures == 0 ? 0 : 1;
}
