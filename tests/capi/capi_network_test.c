/*
 * Tests of the C API's road networks (the "Road networks" block of kernkompas.h), compiled as
 * C11 and using nothing but the header, on a graph small enough to work out by hand:
 *
 *          D (100,100)
 *          |  line 2, two-way, class 1 (100 km/h)
 *   A -----B=====> C            E ----- F      (y = 0)
 *   0     100     200         1000    1100
 *   line 0 two-way, line 1 one-way B -> C (class 0, 50 km/h), line 3 two-way, apart.
 *
 * 6 nodes, 4 links, 7 arcs (line 1 gives one), 2 components. Origins: O0 (50,10) snaps to
 * line 0 at 50 m, 10 m away; O1 (150,5) to line 1 at 50 m, 5 m away; O2 (1050,-3) to line 3;
 * O3 = D. With facilities C and F: O0 -> C 10 + 50 + 100 = 160 m; O1 -> C 5 + 50 = 55 m;
 * O2 -> F 3 + 50 = 53 m; O3 -> C 100 + 100 = 200 m. With the facility A only: O0 60 m,
 * O1 none (the one-way street leads away from A), O2 none (another component), O3 200 m.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernkompas.h"
#include "capi_check.h"

static const uint64_t kOffsets[5] = {0, 2, 4, 6, 8};
static const double kX[8] = {0, 100, 100, 200, 100, 100, 1000, 1100};
static const double kY[8] = {0, 0, 0, 0, 0, 100, 0, 0};
static const uint16_t kClass[4] = {0, 0, 1, 0};
static const uint8_t kDirection[4] = {KK_DIRECTION_BOTH, KK_DIRECTION_FORWARD, KK_DIRECTION_BOTH,
                                      KK_DIRECTION_BOTH};
static const double kSpeeds[2] = {50, 100};

/* Origins as a GIS tool holds them: x and y read with a stride. */
typedef struct {
  double x;
  double y;
  int32_t id;
} point;

static const point kOrigins[4] = {{50, 10, 0}, {150, 5, 1}, {1050, -3, 2}, {100, 100, 3}};

static kk_network* build(kk_context* ctx) {
  kk_network_options* options = NULL;
  kk_network* network = NULL;
  CHECK_OK(ctx, kk_network_options_create(ctx, &options));
  CHECK_OK(ctx, kk_network_options_set_speeds(ctx, options, kSpeeds, 2));
  CHECK_OK(ctx, kk_network_create(ctx, 4, kOffsets, kX, 0, kY, 0, kClass, kDirection, options, &network));
  kk_network_options_destroy(options);
  return network;
}

static void test_build(void) {
  kk_context* ctx = new_context();
  kk_network* network = build(ctx);
  size_t count = 0;
  CHECK(network != NULL);
  CHECK_OK(ctx, kk_network_node_count(ctx, network, &count));
  CHECK(count == 6);
  CHECK_OK(ctx, kk_network_link_count(ctx, network, &count));
  CHECK(count == 4);
  CHECK_OK(ctx, kk_network_arc_count(ctx, network, &count));
  CHECK(count == 7);
  CHECK_OK(ctx, kk_network_component_count(ctx, network, &count));
  CHECK(count == 2);
  CHECK_OK(ctx, kk_network_memory_bytes(ctx, network, &count));
  CHECK(count > 0);

  /* Misuse and errors: out set to NULL / 0, a message naming the problem. */
  kk_network* bad = (kk_network*)&count;
  const uint64_t one_vertex[3] = {0, 2, 3};
  const uint8_t wrong_direction[4] = {0, 0, 3, 0};
  const uint16_t no_speed[4] = {0, 0, 2, 0};
  CHECK_MISUSE_NO_CTX(kk_network_create(NULL, 4, kOffsets, kX, 0, kY, 0, NULL, NULL, NULL, &bad));
  CHECK(bad == NULL);
  CHECK_FAILS(ctx, kk_network_create(ctx, 4, kOffsets, kX, 0, kY, 0, NULL, NULL, NULL, NULL), KK_E_API_MISUSE,
              "out");
  CHECK_FAILS(ctx, kk_network_create(ctx, 2, one_vertex, kX, 0, kY, 0, NULL, NULL, NULL, &bad), KK_E_BAD_VALUE,
              "road line 1");
  CHECK_FAILS(ctx, kk_network_create(ctx, 4, kOffsets, kX, 0, kY, 0, NULL, wrong_direction, NULL, &bad),
              KK_E_INVALID_ARGUMENT, "road line 2: direction");
  CHECK_FAILS(ctx, kk_network_create(ctx, 4, kOffsets, kX, 0, kY, 0, no_speed, NULL, NULL, &bad), KK_E_BAD_VALUE,
              "road class 2");
  CHECK(bad == NULL);
  count = 9;
  CHECK_FAILS(ctx, kk_network_node_count(ctx, NULL, &count), KK_E_API_MISUSE, "network");
  CHECK(count == 0);

  kk_network_options* options = NULL;
  CHECK_OK(ctx, kk_network_options_create(ctx, &options));
  CHECK_FAILS(ctx, kk_network_options_set_speeds(ctx, options, kSpeeds, 0), KK_E_INVALID_ARGUMENT, "count 0");
  CHECK_FAILS(ctx, kk_network_options_set_node_tolerance_m(ctx, options, -1), KK_E_INVALID_ARGUMENT,
              "node_tolerance_m");
  /* A tolerance of 1 m joins (0.4, 0.3) and (0.2, 0.9) into one node: two lines, 3 nodes. */
  {
    const uint64_t offsets[3] = {0, 2, 4};
    const double x[4] = {-50, 0.4, 0.2, 70};
    const double y[4] = {0.5, 0.3, 0.9, 0.5};
    kk_network* joined = NULL;
    CHECK_OK(ctx, kk_network_options_set_node_tolerance_m(ctx, options, 1.0));
    CHECK_OK(ctx, kk_network_create(ctx, 2, offsets, x, 0, y, 0, NULL, NULL, options, &joined));
    CHECK_OK(ctx, kk_network_node_count(ctx, joined, &count));
    CHECK(count == 3);
    CHECK_OK(ctx, kk_network_component_count(ctx, joined, &count));
    CHECK(count == 1);
    kk_network_destroy(joined);
  }
  kk_network_options_destroy(options);
  kk_network_destroy(network);
  kk_network_destroy(NULL);
  kk_context_destroy(ctx);
}

static void test_snap(void) {
  kk_context* ctx = new_context();
  kk_network* network = build(ctx);
  const double x[2] = {50, NAN};
  const double y[2] = {10, 0};
  uint32_t link[2] = {7, 7};
  double offset[2] = {-1, -1};
  double distance[2] = {-1, -1};
  CHECK_OK(ctx, kk_network_snap(ctx, network, 2, x, 0, y, 0, link, offset, distance, 2));
  CHECK(link[0] == 0 && link[1] == UINT32_MAX);
  CHECK_CLOSE(offset[0], 50.0, 1e-12);
  CHECK_CLOSE(distance[0], 10.0, 1e-12);
  CHECK(isnan(distance[1]));
  link[0] = 7;
  CHECK_FAILS(ctx, kk_network_snap(ctx, network, 2, x, 0, y, 0, link, NULL, NULL, 1), KK_E_INVALID_ARGUMENT,
              "capacity 1");
  CHECK(link[0] == 7);
  CHECK_FAILS(ctx, kk_network_snap(ctx, network, 2, NULL, 0, y, 0, link, NULL, NULL, 2), KK_E_API_MISUSE, "'x'");
  kk_network_destroy(network);
  kk_context_destroy(ctx);
}

static void test_nearest_facility(void) {
  kk_context* ctx = new_context();
  kk_network* network = build(ctx);
  const double cf_x[2] = {200, 1100};
  const double cf_y[2] = {0, 0};
  const double a_x[1] = {0};
  const double a_y[1] = {0};
  uint32_t facility[4];
  double distance[4], time[4];
  /* 50 km/h = 1/0.072 m/s: 0.072 s per metre; 100 km/h 0.036 s per metre. */
  CHECK_OK(ctx, kk_network_nearest_facility(ctx, network, 4, &kOrigins[0].x, sizeof(point), &kOrigins[0].y,
                                            sizeof(point), 2, cf_x, 0, cf_y, 0, KK_METRIC_DISTANCE, 1, facility,
                                            distance, time, 4));
  CHECK(facility[0] == 0 && facility[1] == 0 && facility[2] == 1 && facility[3] == 0);
  CHECK_CLOSE(distance[0], 160.0, 1e-9);
  CHECK_CLOSE(distance[1], 55.0, 1e-9);
  CHECK_CLOSE(distance[2], 53.0, 1e-9);
  CHECK_CLOSE(distance[3], 200.0, 1e-9);
  CHECK_CLOSE(time[0], 160 * 0.072, 1e-9);
  CHECK_CLOSE(time[3], 100 * 0.036 + 100 * 0.072, 1e-9);
  /* Without the snap distances. */
  CHECK_OK(ctx, kk_network_nearest_facility(ctx, network, 4, &kOrigins[0].x, sizeof(point), &kOrigins[0].y,
                                            sizeof(point), 2, cf_x, 0, cf_y, 0, KK_METRIC_TIME, 0, facility,
                                            distance, NULL, 4));
  CHECK_CLOSE(distance[0], 150.0, 1e-9);
  CHECK_CLOSE(distance[2], 50.0, 1e-9);
  /* Facility A only: the one-way street and the other component leave two origins without one. */
  CHECK_OK(ctx, kk_network_nearest_facility(ctx, network, 4, &kOrigins[0].x, sizeof(point), &kOrigins[0].y,
                                            sizeof(point), 1, a_x, 0, a_y, 0, KK_METRIC_DISTANCE, 1, facility,
                                            distance, time, 4));
  CHECK(facility[0] == 0 && facility[1] == UINT32_MAX && facility[2] == UINT32_MAX && facility[3] == 0);
  CHECK_CLOSE(distance[0], 60.0, 1e-9);
  CHECK(isnan(distance[1]) && isnan(time[1]) && isnan(distance[2]));
  CHECK_CLOSE(distance[3], 200.0, 1e-9);

  distance[0] = -1;
  CHECK_FAILS(ctx, kk_network_nearest_facility(ctx, network, 4, &kOrigins[0].x, sizeof(point), &kOrigins[0].y,
                                               sizeof(point), 1, a_x, 0, a_y, 0, KK_METRIC_DISTANCE, 1, facility,
                                               distance, time, 3),
              KK_E_INVALID_ARGUMENT, "capacity 3");
  CHECK_FAILS(ctx, kk_network_nearest_facility(ctx, network, 4, &kOrigins[0].x, sizeof(point), &kOrigins[0].y,
                                               sizeof(point), 1, a_x, 0, a_y, 0, (kk_network_metric)5, 1, facility,
                                               distance, time, 4),
              KK_E_INVALID_ARGUMENT, "metric");
  CHECK(distance[0] == -1);
  CHECK_FAILS(ctx, kk_network_nearest_facility(ctx, NULL, 4, &kOrigins[0].x, sizeof(point), &kOrigins[0].y,
                                               sizeof(point), 1, a_x, 0, a_y, 0, KK_METRIC_DISTANCE, 1, facility,
                                               distance, time, 4),
              KK_E_API_MISUSE, "network");
  CHECK_FAILS(ctx, kk_network_nearest_facility(ctx, network, 4, &kOrigins[0].x, sizeof(point), &kOrigins[0].y,
                                               sizeof(point), 1, NULL, 0, a_y, 0, KK_METRIC_DISTANCE, 1, facility,
                                               distance, time, 4),
              KK_E_API_MISUSE, "facility_x");
  kk_network_destroy(network);
  kk_context_destroy(ctx);
}

static void test_count_within(void) {
  kk_context* ctx = new_context();
  kk_network* network = build(ctx);
  const double ac_x[2] = {0, 200};
  const double ac_y[2] = {0, 0};
  const double thresholds[2] = {60, 200};
  const double descending[2] = {200, 60};
  const double expected[8] = {1, 2, 1, 1, 0, 0, 0, 2};
  double counts[8];
  int i;
  CHECK_OK(ctx, kk_network_count_within(ctx, network, 4, &kOrigins[0].x, sizeof(point), &kOrigins[0].y,
                                        sizeof(point), 2, ac_x, 0, ac_y, 0, thresholds, 2, KK_METRIC_DISTANCE, 1,
                                        counts, 8));
  for (i = 0; i < 8; ++i) CHECK_CLOSE(counts[i], expected[i], 0);
  /* Within 10.8 s (the time from D to C) both A and C lie for origin 3. */
  {
    const double seconds[1] = {10.8 + 1e-9};
    CHECK_OK(ctx, kk_network_count_within(ctx, network, 1, &kOrigins[3].x, 0, &kOrigins[3].y, 0, 2, ac_x, 0,
                                          ac_y, 0, seconds, 1, KK_METRIC_TIME, 1, counts, 1));
    CHECK_CLOSE(counts[0], 2, 0);
  }
  CHECK_FAILS(ctx, kk_network_count_within(ctx, network, 4, &kOrigins[0].x, sizeof(point), &kOrigins[0].y,
                                           sizeof(point), 2, ac_x, 0, ac_y, 0, descending, 2, KK_METRIC_DISTANCE,
                                           1, counts, 8),
              KK_E_INVALID_ARGUMENT, "ascending");
  CHECK_FAILS(ctx, kk_network_count_within(ctx, network, 4, &kOrigins[0].x, sizeof(point), &kOrigins[0].y,
                                           sizeof(point), 2, ac_x, 0, ac_y, 0, thresholds, 2, KK_METRIC_DISTANCE,
                                           1, counts, 7),
              KK_E_INVALID_ARGUMENT, "capacity 7");
  CHECK_FAILS(ctx, kk_network_count_within(ctx, network, 4, &kOrigins[0].x, sizeof(point), &kOrigins[0].y,
                                           sizeof(point), 2, ac_x, 0, ac_y, 0, thresholds, 2, KK_METRIC_DISTANCE,
                                           1, NULL, 8),
              KK_E_API_MISUSE, "counts");
  kk_network_destroy(network);
  kk_context_destroy(ctx);
}

/* Little-endian WKB readers for the checks below (the writer always writes little endian). */
static uint32_t wkb_u32(const unsigned char* p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static double wkb_f64(const unsigned char* p) {
  uint64_t bits = 0;
  double value;
  int i;
  for (i = 7; i >= 0; --i) bits = bits << 8 | p[i];
  memcpy(&value, &bits, sizeof value);
  return value;
}

/* Area of a WKB MultiPolygon (outer rings minus holes, by the shoelace formula); -1 when the
   bytes are not a little-endian MultiPolygon of Polygons filling exactly `size` bytes. */
static double wkb_multipolygon_area(const unsigned char* wkb, size_t size) {
  size_t at = 9;
  uint32_t parts, part;
  double area = 0;
  if (size < 9 || wkb[0] != 1 || wkb_u32(wkb + 1) != 6) return -1;
  parts = wkb_u32(wkb + 5);
  for (part = 0; part < parts; ++part) {
    uint32_t rings, ring;
    if (at + 9 > size || wkb[at] != 1 || wkb_u32(wkb + at + 1) != 3) return -1;
    rings = wkb_u32(wkb + at + 5);
    at += 9;
    for (ring = 0; ring < rings; ++ring) {
      uint32_t points, i;
      double twice = 0;
      if (at + 4 > size) return -1;
      points = wkb_u32(wkb + at);
      at += 4;
      if (at + (size_t)points * 16 > size) return -1;
      for (i = 0; i + 1 < points; ++i) {
        const unsigned char* a = wkb + at + (size_t)i * 16;
        twice += wkb_f64(a) * wkb_f64(a + 24) - wkb_f64(a + 16) * wkb_f64(a + 8);
      }
      at += (size_t)points * 16;
      area += (ring == 0 ? 1 : -1) * fabs(twice) / 2;
    }
  }
  return at == size ? area : -1;
}

/*
 * Service areas by distance with a band of 10 m from D and from a NaN point (no link).
 * Within 50 m D reaches the upper half of line 2: a 50 m capsule, 2*10*50 + pi*10^2 =
 * 1314.16 m2. Within 150 m it reaches all of line 2 and 50 m either way from B (line 1 is
 * one-way B -> C, so it is travelled too): a T of two 100 m capsules, 2 * (2000 + 100 pi)
 * minus their overlap (the 20 x 10 m rectangle above B and the half disc below it) =
 * 3800 + 150 pi = 4271.24 m2. Buffers approximate arcs by chords: 1% tolerance.
 */
static void test_service_areas(void) {
  kk_context* ctx = new_context();
  kk_network* network = build(ctx);
  const point origins[2] = {{100, 100, 0}, {NAN, NAN, 1}};
  const double limits[2] = {50, 150};
  const double descending[2] = {150, 50};
  const double expected_area[2] = {1000 + 100 * 3.14159265358979, 3800 + 150 * 3.14159265358979};
  kk_service_areas* areas = NULL;
  size_t count = 0, row, origin = 0, size = 0;
  double limit = 0;
  CHECK_OK(ctx, kk_network_service_areas(ctx, network, 2, &origins[0].x, sizeof(point), &origins[0].y,
                                         sizeof(point), limits, 2, KK_METRIC_DISTANCE, 10.0, &areas));
  CHECK(areas != NULL);
  CHECK_OK(ctx, kk_service_areas_count(ctx, areas, &count));
  CHECK(count == 4);
  for (row = 0; row < 4; ++row) {
    unsigned char* wkb;
    CHECK_OK(ctx, kk_service_areas_row(ctx, areas, row, &origin, &limit));
    CHECK(origin == row / 2);
    CHECK_CLOSE(limit, limits[row % 2], 0);
    CHECK_OK(ctx, kk_service_areas_wkb_size(ctx, areas, row, &size));
    CHECK(size >= 9);
    wkb = (unsigned char*)malloc(size);
    if (wkb == NULL) exit(2);
    CHECK_OK(ctx, kk_service_areas_wkb(ctx, areas, row, wkb, size));
    CHECK(wkb[0] == 1);
    CHECK(wkb_u32(wkb + 1) == 6 || wkb_u32(wkb + 1) == 3);
    if (row < 2) {
      double area = wkb_multipolygon_area(wkb, size);
      CHECK(wkb_u32(wkb + 5) == 1); /* one part */
      CHECK_CLOSE(area, expected_area[row], expected_area[row] * 0.01);
    } else {
      /* The origin without a link: MULTIPOLYGON EMPTY. */
      CHECK(size == 9);
      CHECK(wkb_u32(wkb + 5) == 0);
      CHECK_CLOSE(wkb_multipolygon_area(wkb, size), 0, 0);
    }
    CHECK_FAILS(ctx, kk_service_areas_wkb(ctx, areas, row, wkb, size - 1), KK_E_INVALID_ARGUMENT, "bytes");
    free(wkb);
  }
  CHECK_FAILS(ctx, kk_service_areas_row(ctx, areas, 4, &origin, &limit), KK_E_INVALID_ARGUMENT, "row 4");
  CHECK_FAILS(ctx, kk_service_areas_wkb_size(ctx, areas, 4, &size), KK_E_INVALID_ARGUMENT, "row 4");
  CHECK(size == 0);
  kk_service_areas_destroy(areas);
  kk_service_areas_destroy(NULL);

  /* Time limits: D -> B takes 3.6 s (100 km/h), so 3 s reaches part of line 2 only. */
  {
    const double seconds[1] = {3.0};
    areas = NULL;
    CHECK_OK(ctx, kk_network_service_areas(ctx, network, 1, &origins[0].x, 0, &origins[0].y, 0, seconds, 1,
                                           KK_METRIC_TIME, 10.0, &areas));
    CHECK_OK(ctx, kk_service_areas_wkb_size(ctx, areas, 0, &size));
    {
      unsigned char* wkb = (unsigned char*)malloc(size);
      if (wkb == NULL) exit(2);
      CHECK_OK(ctx, kk_service_areas_wkb(ctx, areas, 0, wkb, size));
      /* 3 s at 100 km/h = 83.33 m of line 2: 2*10*83.33 + 100 pi. */
      CHECK_CLOSE(wkb_multipolygon_area(wkb, size), 20 * 250.0 / 3 + 100 * 3.14159265358979, 20);
      free(wkb);
    }
    kk_service_areas_destroy(areas);
  }

  /* Bad arguments: KK_E_INVALID_ARGUMENT, *out NULL. */
  areas = (kk_service_areas*)&count;
  CHECK_FAILS(ctx, kk_network_service_areas(ctx, network, 2, &origins[0].x, sizeof(point), &origins[0].y,
                                            sizeof(point), limits, 2, 2, 10.0, &areas),
              KK_E_INVALID_ARGUMENT, "metric");
  CHECK(areas == NULL);
  CHECK_FAILS(ctx, kk_network_service_areas(ctx, network, 2, &origins[0].x, sizeof(point), &origins[0].y,
                                            sizeof(point), descending, 2, KK_METRIC_DISTANCE, 10.0, &areas),
              KK_E_INVALID_ARGUMENT, "ascending");
  CHECK_FAILS(ctx, kk_network_service_areas(ctx, network, 2, &origins[0].x, sizeof(point), &origins[0].y,
                                            sizeof(point), limits, 0, KK_METRIC_DISTANCE, 10.0, &areas),
              KK_E_INVALID_ARGUMENT, "limits");
  CHECK_FAILS(ctx, kk_network_service_areas(ctx, network, 2, &origins[0].x, sizeof(point), &origins[0].y,
                                            sizeof(point), limits, 2, KK_METRIC_DISTANCE, 0.0, &areas),
              KK_E_INVALID_ARGUMENT, "band");
  CHECK_FAILS(ctx, kk_network_service_areas(ctx, network, 2, &origins[0].x, sizeof(point), &origins[0].y,
                                            sizeof(point), NULL, 2, KK_METRIC_DISTANCE, 10.0, &areas),
              KK_E_API_MISUSE, "limits");
  CHECK_FAILS(ctx, kk_network_service_areas(ctx, network, 2, &origins[0].x, sizeof(point), &origins[0].y,
                                            sizeof(point), limits, 2, KK_METRIC_DISTANCE, 10.0, NULL),
              KK_E_API_MISUSE, "out");
  CHECK_FAILS(ctx, kk_service_areas_count(ctx, NULL, &count), KK_E_API_MISUSE, "areas");
  kk_network_destroy(network);
  kk_context_destroy(ctx);
}

int main(void) {
  test_build();
  test_snap();
  test_nearest_facility();
  test_count_within();
  test_service_areas();
  printf("%d checks, %d failures\n", g_checks, g_failures);
  return g_failures == 0 ? 0 : 1;
}
