/*
 * Tests of the C API (kernkompas.h), compiled as C11 and using nothing but the header.
 *
 * Every kk_ function gets a success case, a misuse case (NULL context, handle or argument)
 * and, where it can fail on input, an error-message case. Values are checked against hand-
 * known answers on tests/data/capi (two square kernen, seven points; see its README.md) and
 * against totals on the embedded Wijdemeren data.
 *
 * Usage: kk_capi_test [api|default]   (no argument: both)
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernkompas.h"

#ifndef KK_CAPI_DATA_DIR
#error "KK_CAPI_DATA_DIR must name tests/data/capi"
#endif
#ifndef KK_CAPI_OUT_DIR
#error "KK_CAPI_OUT_DIR must name a scratch folder in the build tree"
#endif

/* ---------------------------------------------------------------------------------- */
/* A tiny harness: count checks, report failures with file:line and the context's error. */
/* ---------------------------------------------------------------------------------- */

#include "capi_check.h"

#define CHECK_STR(actual, expected)                                                      \
  do {                                                                                   \
    const char* check_actual_ = (actual);                                                \
    ++g_checks;                                                                          \
    if (check_actual_ == NULL || strcmp(check_actual_, (expected)) != 0) {               \
      ++g_failures;                                                                      \
      fprintf(stderr, "%s:%d: '%s' is '%s', wanted '%s'\n", __FILE__, __LINE__, #actual, \
              check_actual_ ? check_actual_ : "(null)", (expected));                     \
    }                                                                                    \
  } while (0)

#define CHECK_NEAR(actual, expected)                                                          \
  do {                                                                                        \
    double check_a_ = (actual), check_e_ = (expected);                                        \
    ++g_checks;                                                                               \
    if (!(isnan(check_e_) ? isnan(check_a_) : fabs(check_a_ - check_e_) <= 1e-9 * (1 + fabs(check_e_)))) { \
      ++g_failures;                                                                           \
      fprintf(stderr, "%s:%d: %s is %.17g, wanted %.17g\n", __FILE__, __LINE__, #actual,      \
              check_a_, check_e_);                                                            \
    }                                                                                         \
  } while (0)


static const char* data_path(char* buffer, size_t size, const char* name) {
  snprintf(buffer, size, "%s/%s", KK_CAPI_DATA_DIR, name);
  return buffer;
}

static const char* out_path(char* buffer, size_t size, const char* name) {
  snprintf(buffer, size, "%s/%s", KK_CAPI_OUT_DIR, name);
  return buffer;
}

/* Lines of a text file, or -1 if it cannot be opened; the first line goes to `first`. */
static long count_lines(const char* path, char* first, size_t first_size) {
  FILE* file = fopen(path, "rb");
  long lines = 0;
  int c, at_start = 1;
  size_t n = 0;
  if (file == NULL) return -1;
  if (first_size > 0) first[0] = '\0';
  while ((c = fgetc(file)) != EOF) {
    if (lines == 0 && c != '\n' && n + 1 < first_size) {
      first[n++] = (char)c;
      first[n] = '\0';
    }
    at_start = 0;
    if (c == '\n') {
      ++lines;
      at_start = 1;
    }
  }
  if (!at_start) ++lines;
  fclose(file);
  return lines;
}

/* ---------------------------------------------------------------------------------- */
/* WKB written by hand, so the test needs no geometry library.                         */
/* ---------------------------------------------------------------------------------- */

typedef struct {
  unsigned char bytes[512];
  size_t size;
} wkb_buffer;

static void put_u8(wkb_buffer* b, unsigned value) { b->bytes[b->size++] = (unsigned char)value; }

static void put_u32(wkb_buffer* b, int little, uint32_t value) {
  int i;
  for (i = 0; i < 4; ++i) put_u8(b, (value >> (8 * (little ? i : 3 - i))) & 0xFFu);
}

static void put_f64(wkb_buffer* b, int little, double value) {
  uint64_t bits;
  int i;
  memcpy(&bits, &value, sizeof bits);
  for (i = 0; i < 8; ++i) put_u8(b, (unsigned)((bits >> (8 * (little ? i : 7 - i))) & 0xFFu));
}

/* A polygon of one closed ring through (x[i], y[i]); ISO type 3 or 1003 (with z = 7). */
static void put_polygon(wkb_buffer* b, int little, int with_z, const double* x, const double* y,
                        uint32_t points) {
  uint32_t i;
  put_u8(b, little ? 1u : 0u);
  put_u32(b, little, with_z ? 1003u : 3u);
  put_u32(b, little, 1u);
  put_u32(b, little, points);
  for (i = 0; i < points; ++i) {
    put_f64(b, little, x[i]);
    put_f64(b, little, y[i]);
    if (with_z) put_f64(b, little, 7.0);
  }
}

static void put_rectangle(wkb_buffer* b, int little, int with_z, double x0, double y0, double x1,
                          double y1) {
  const double x[5] = {x0, x1, x1, x0, x0};
  const double y[5] = {y0, y0, y1, y1, y0};
  put_polygon(b, little, with_z, x, y, 5);
}

/* ALF as a little-endian Polygon; BET as a big-endian MultiPolygon holding a PolygonZ. */
static void kernen_wkb(wkb_buffer* alf, wkb_buffer* bet) {
  alf->size = 0;
  bet->size = 0;
  put_rectangle(alf, 1, 0, 131000, 465000, 132000, 466000);
  put_u8(bet, 0);
  put_u32(bet, 0, 6u);
  put_u32(bet, 0, 1u);
  put_rectangle(bet, 1, 1, 133000, 465000, 135000, 466000);
}

/* The seven locations of tests/data/capi/locations.csv, as an array of structs. */
typedef struct {
  double x, y;
  int32_t status;
  double floor_area_m2;
} test_location;

static const test_location kLocations[7] = {
    {131500, 465500, KK_OCCUPANCY_OCCUPIED, 900},  {131200, 465800, KK_OCCUPANCY_VACANT, 120},
    {131900, 465100, KK_OCCUPANCY_OCCUPIED, 80},   {133500, 465500, KK_OCCUPANCY_OCCUPIED, 60},
    {134900, 465900, KK_OCCUPANCY_UNKNOWN, NAN},   {132500, 465500, KK_OCCUPANCY_OCCUPIED, 400},
    {136000, 470000, KK_OCCUPANCY_OCCUPIED, 1500}};
static const char* const kIds[7] = {"P1", "P2", "P3", "P4", "P5", "P6", "P7"};
static const char* const kSbi[7] = {"47.11", "47.71", "56.30", "62.01", NULL, "01.13", "47.76"};
static const int32_t kExpectedKern[7] = {0, 0, 0, 1, 1, KK_BUITENGEBIED, KK_BUITENGEBIED};

/* The test project built from arrays instead of files. */
static kk_project* arrays_project(kk_context* ctx) {
  wkb_buffer alf, bet;
  const unsigned char* wkb[2];
  size_t sizes[2];
  const char* names[2] = {"Alfadorp", "Betaveen"};
  const char* codes[2] = {"ALF", "BET"};
  const double population[2] = {1500, 400};
  const char* aliases[2] = {"Alpha; Alfa", NULL};
  const char* since[7] = {"", "2023-06-01", "", "", "", "", ""};
  kk_project* project = NULL;

  kernen_wkb(&alf, &bet);
  wkb[0] = alf.bytes;
  wkb[1] = bet.bytes;
  sizes[0] = alf.size;
  sizes[1] = bet.size;
  CHECK_OK(ctx, kk_project_create(ctx, "Testdorp", "EPSG:28992", &project));
  if (project == NULL) return NULL;
  CHECK_OK(ctx, kk_project_set_kernen_wkb(ctx, project, 2, wkb, sizes, names, codes, NULL));
  CHECK_OK(ctx, kk_project_set_kern_real(ctx, project, "population", population, 0, 2));
  CHECK_OK(ctx, kk_project_set_kern_text(ctx, project, "aliases", aliases, 2));
  CHECK_OK(ctx, kk_project_set_locations_xy(ctx, project, 7, &kLocations[0].x, sizeof(test_location),
                                            &kLocations[0].y, sizeof(test_location), "EPSG:28992"));
  CHECK_OK(ctx, kk_project_set_location_text(ctx, project, "id", kIds, 7));
  CHECK_OK(ctx, kk_project_set_location_text(ctx, project, "sbi", kSbi, 7));
  CHECK_OK(ctx, kk_project_set_location_text(ctx, project, "name", kIds, 7));
  CHECK_OK(ctx, kk_project_set_location_text(ctx, project, "function", kSbi, 7));
  CHECK_OK(ctx, kk_project_set_location_text(ctx, project, "vacant_since", since, 7));
  CHECK_OK(ctx, kk_project_set_location_integer(ctx, project, "status", &kLocations[0].status,
                                                sizeof(test_location), 7));
  CHECK_OK(ctx, kk_project_set_location_real(ctx, project, "floor_area_m2",
                                             &kLocations[0].floor_area_m2, sizeof(test_location), 7));
  CHECK_OK(ctx, kk_project_set_snapshot_date(ctx, project, "2025-01-01"));
  return project;
}

/* ---------------------------------------------------------------------------------- */
/* Known answers on the test data: the same whether read from files or from arrays.    */
/* ---------------------------------------------------------------------------------- */

static void check_integer_column(kk_context* ctx, const kk_result* result, const char* column,
                                 const int64_t expected[3]) {
  int64_t values[3] = {-7, -7, -7};
  int i;
  CHECK_OK(ctx, kk_result_integer_column(ctx, result, "kern", column, values, 3));
  for (i = 0; i < 3; ++i) {
    ++g_checks;
    if (values[i] != expected[i]) {
      ++g_failures;
      fprintf(stderr, "column %s row %d is %lld, wanted %lld\n", column, i, (long long)values[i],
              (long long)expected[i]);
    }
  }
}

static void check_real_column(kk_context* ctx, const kk_result* result, const char* column,
                              const double expected[3]) {
  double values[3] = {-7, -7, -7};
  int i;
  CHECK_OK(ctx, kk_result_real_column(ctx, result, "kern", column, values, 3));
  for (i = 0; i < 3; ++i) CHECK_NEAR(values[i], expected[i]);
}

static uint32_t read_u32le(const unsigned char* p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static double read_f64le(const unsigned char* p) {
  uint64_t bits = 0;
  double value;
  int i;
  for (i = 7; i >= 0; --i) bits = bits << 8 | p[i];
  memcpy(&value, &bits, sizeof value);
  return value;
}

/* Table geometry as WKB: ALF's square comes back, buitengebied is MULTIPOLYGON EMPTY. */
static void check_geometry(kk_context* ctx, const kk_result* result) {
  int has = -1;
  size_t size = 0, i;
  unsigned char wkb[256];
  double min_x = INFINITY, max_x = -INFINITY, min_y = INFINITY, max_y = -INFINITY;

  CHECK_OK(ctx, kk_result_table_has_geometry(ctx, result, "kern", &has));
  CHECK(has == 1);
  CHECK_OK(ctx, kk_result_table_has_geometry(ctx, result, "vacancy_total", &has));
  CHECK(has == 0);
  CHECK_FAILS(ctx, kk_result_table_has_geometry(ctx, result, "kernen", &has), KK_E_INVALID_ARGUMENT,
              "no result table named 'kernen'");

  /* MultiPolygon header 9, polygon header 9, ring count... : 9 + 9 + 4 + 5 * 16 bytes. */
  CHECK_OK(ctx, kk_result_geometry_wkb_size(ctx, result, "kern", 0, &size));
  CHECK(size == 102);
  CHECK_OK(ctx, kk_result_geometry_wkb(ctx, result, "kern", 0, wkb, sizeof wkb));
  CHECK(wkb[0] == 1 && read_u32le(wkb + 1) == 6 && read_u32le(wkb + 5) == 1);
  CHECK(wkb[9] == 1 && read_u32le(wkb + 10) == 3 && read_u32le(wkb + 14) == 1);
  CHECK(read_u32le(wkb + 18) == 5);
  for (i = 0; i < 5; ++i) {
    const double x = read_f64le(wkb + 22 + 16 * i), y = read_f64le(wkb + 30 + 16 * i);
    min_x = x < min_x ? x : min_x;
    max_x = x > max_x ? x : max_x;
    min_y = y < min_y ? y : min_y;
    max_y = y > max_y ? y : max_y;
  }
  CHECK_NEAR(min_x, 131000);
  CHECK_NEAR(max_x, 132000);
  CHECK_NEAR(min_y, 465000);
  CHECK_NEAR(max_y, 466000);

  CHECK_OK(ctx, kk_result_geometry_wkb_size(ctx, result, "kern", 2, &size));
  CHECK(size == 9);
  CHECK_OK(ctx, kk_result_geometry_wkb(ctx, result, "kern", 2, wkb, 9));
  CHECK(wkb[0] == 1 && read_u32le(wkb + 1) == 6 && read_u32le(wkb + 5) == 0);

  CHECK_FAILS(ctx, kk_result_geometry_wkb(ctx, result, "kern", 0, wkb, 50), KK_E_INVALID_ARGUMENT,
              "buffer holds 50 bytes but 102 are needed");
  CHECK_FAILS(ctx, kk_result_geometry_wkb_size(ctx, result, "kern", 3, &size),
              KK_E_INVALID_ARGUMENT, "row 3 out of range");
  CHECK(size == 0);
  CHECK_FAILS(ctx, kk_result_geometry_wkb_size(ctx, result, "vacancy_total", 0, &size),
              KK_E_INVALID_ARGUMENT, "table 'vacancy_total' has no geometry");
  CHECK_FAILS(ctx, kk_result_geometry_wkb(ctx, result, "vacancy_total", 0, wkb, sizeof wkb),
              KK_E_INVALID_ARGUMENT, "table 'vacancy_total' has no geometry");
  CHECK_FAILS(ctx, kk_result_geometry_wkb(ctx, result, "kern", 0, NULL, 0), KK_E_API_MISUSE,
              "'out' is NULL");
}

/* Vacancy: P2 in ALF is vacant since 2023-06-01, 19 months before the 2025-01-01 snapshot; P5
   in BET has no status. Every kern rests on fewer than 5 units: published, the kern rows and
   the kern x sector rows with units are withheld (docs/disclosure.md); internal, the values. */
static void check_vacancy_answers(kk_context* ctx, const kk_result* result) {
  const int64_t* integers = NULL;
  const int64_t* units = NULL;
  size_t n = 0, m = 0, i;
  int internal = -1;
  CHECK_OK(ctx, kk_result_row_count(ctx, result, "vacancy_total", &n));
  CHECK(n == 1);
  CHECK_OK(ctx, kk_result_is_internal(ctx, result, &internal));
  if (internal) {
    const int64_t n_vacant[3] = {1, 0, 0};
    const int64_t with_status[3] = {3, 1, 2};
    const int64_t one_year_plus[3] = {1, 0, 0};
    const double rate[3] = {1.0 / 3.0, 0, 0};
    const double vacant_floor[3] = {120, 0, 0};
    const int64_t none[3] = {0, 0, 0};
    check_integer_column(ctx, result, "n_vacant", n_vacant);
    check_integer_column(ctx, result, "n_units_with_status", with_status);
    check_integer_column(ctx, result, "n_vacant_1y_plus", one_year_plus);
    check_real_column(ctx, result, "vacancy_rate_units", rate);
    check_real_column(ctx, result, "vacant_floor_m2", vacant_floor);
    check_integer_column(ctx, result, "suppressed", none);
    CHECK_OK(ctx, kk_result_integer_column_data(ctx, result, "kern_sector", "suppressed", &integers, &n));
    for (i = 0; integers != NULL && i < n; ++i) CHECK(integers[i] == 0);
    return;
  }
  {
    const int64_t all[3] = {1, 1, 1};
    const int64_t null[3] = {KK_NULL_INTEGER, KK_NULL_INTEGER, KK_NULL_INTEGER};
    check_integer_column(ctx, result, "suppressed", all);
    check_integer_column(ctx, result, "n_vacant", null);
  }
  CHECK_OK(ctx, kk_result_row_count(ctx, result, "kern_sector", &n));
  CHECK(n == 6);
  CHECK_OK(ctx, kk_result_integer_column_data(ctx, result, "kern_sector", "suppressed", &integers, &n));
  CHECK_OK(ctx, kk_result_integer_column_data(ctx, result, "kern_sector", "n_units_with_status", &units, &m));
  CHECK(n == m);
  /* A row is withheld unless it has no units at all (P5: no status), which is published. */
  for (i = 0; integers != NULL && units != NULL && i < n; ++i) CHECK(integers[i] == 1 || units[i] == 0);
}

static void check_known_answers(kk_context* ctx, const kk_result* result) {
  size_t n = 0, i, columns = 0;
  const char* text = NULL;
  int32_t kern[7];
  const int32_t* kern_data = NULL;
  const double* reals = NULL;
  const int64_t* integers = NULL;
  kk_column_type type = KK_COLUMN_TEXT;
  int found_density = 0;

  CHECK_OK(ctx, kk_result_location_count(ctx, result, &n));
  CHECK(n == 7);
  CHECK_OK(ctx, kk_result_location_id(ctx, result, 0, &text));
  CHECK_STR(text, "P1");
  CHECK_OK(ctx, kk_result_location_id(ctx, result, 6, &text));
  CHECK_STR(text, "P7");
  CHECK_OK(ctx, kk_result_kern_count(ctx, result, &n));
  CHECK(n == 2);
  CHECK_OK(ctx, kk_result_kern_name(ctx, result, 0, &text));
  CHECK_STR(text, "Alfadorp");
  CHECK_OK(ctx, kk_result_kern_name(ctx, result, 1, &text));
  CHECK_STR(text, "Betaveen");
  CHECK_OK(ctx, kk_result_kern_name(ctx, result, 2, &text));
  CHECK_STR(text, "buitengebied");
  CHECK_OK(ctx, kk_result_kern_code(ctx, result, 0, &text));
  CHECK_STR(text, "ALF");
  CHECK_OK(ctx, kk_result_kern_code(ctx, result, 2, &text));
  CHECK_STR(text, "buitengebied");

  CHECK_OK(ctx, kk_result_location_kern_index(ctx, result, kern, 7));
  for (i = 0; i < 7; ++i) CHECK(kern[i] == kExpectedKern[i]);
  CHECK_OK(ctx, kk_result_location_kern_index_data(ctx, result, &kern_data, &n));
  CHECK(n == 7 && kern_data != NULL);
  for (i = 0; kern_data != NULL && i < n; ++i) CHECK(kern_data[i] == kExpectedKern[i]);

  CHECK_OK(ctx, kk_result_table_count(ctx, result, &n));
  CHECK(n >= 1);
  CHECK_OK(ctx, kk_result_table_name(ctx, result, 0, &text));
  CHECK_STR(text, "kern");
  CHECK_OK(ctx, kk_result_row_count(ctx, result, "kern", &n));
  CHECK(n == 3);

  CHECK_OK(ctx, kk_result_column_count(ctx, result, "kern", &columns));
  CHECK(columns >= 30); /* codes, names, n, 21 sections, unknown, area, density, ... */
  for (i = 0; i < columns; ++i) {
    CHECK_OK(ctx, kk_result_column_name(ctx, result, "kern", i, &text));
    if (text != NULL && strcmp(text, "density_per_km2") == 0) found_density = 1;
  }
  CHECK(found_density);
  CHECK_OK(ctx, kk_result_column_name(ctx, result, "kern", 0, &text));
  CHECK_STR(text, "kern_code");

  CHECK_OK(ctx, kk_result_column_type(ctx, result, "kern", "kern_code", &type));
  CHECK(type == KK_COLUMN_TEXT);
  CHECK_OK(ctx, kk_result_column_type(ctx, result, "kern", "n_locations", &type));
  CHECK(type == KK_COLUMN_INTEGER);
  CHECK_OK(ctx, kk_result_column_type(ctx, result, "kern", "area_km2", &type));
  CHECK(type == KK_COLUMN_REAL);
  CHECK_OK(ctx, kk_result_column_unit(ctx, result, "kern", "area_km2", &text));
  CHECK_STR(text, "km2");
  CHECK_OK(ctx, kk_result_column_unit(ctx, result, "kern", "n_locations", &text));
  CHECK_STR(text, "");
  CHECK_OK(ctx, kk_result_column_description(ctx, result, "kern", "density_per_km2", &text));
  CHECK(text != NULL && strlen(text) > 0);

  {
    const int64_t n_locations[3] = {3, 2, 2};
    const int64_t section_g[3] = {2, 0, 1};
    const int64_t section_i[3] = {1, 0, 0};
    const int64_t section_j[3] = {0, 1, 0};
    const int64_t section_a[3] = {0, 0, 1};
    const int64_t unknown[3] = {0, 1, 0};
    const double n_as_real[3] = {3, 2, 2};
    const double area[3] = {1, 2, NAN};
    const double density[3] = {3, 1, NAN};
    const double population[3] = {1500, 400, NAN};
    const double per_1000[3] = {2, 5, NAN};
    check_integer_column(ctx, result, "n_locations", n_locations);
    check_integer_column(ctx, result, "n_sbi_G", section_g);
    check_integer_column(ctx, result, "n_sbi_I", section_i);
    check_integer_column(ctx, result, "n_sbi_J", section_j);
    check_integer_column(ctx, result, "n_sbi_A", section_a);
    check_integer_column(ctx, result, "n_sbi_unknown", unknown);
    check_real_column(ctx, result, "n_locations", n_as_real); /* integers convert */
    check_real_column(ctx, result, "area_km2", area);
    check_real_column(ctx, result, "density_per_km2", density);
    check_real_column(ctx, result, "population", population);
    check_real_column(ctx, result, "locations_per_1000_inhabitants", per_1000);
  }
  check_vacancy_answers(ctx, result);
  check_geometry(ctx, result);

  CHECK_OK(ctx, kk_result_real_column_data(ctx, result, "kern", "area_km2", &reals, &n));
  CHECK(n == 3 && reals != NULL);
  if (reals != NULL && n == 3) {
    CHECK_NEAR(reals[0], 1.0);
    CHECK_NEAR(reals[1], 2.0);
    CHECK(isnan(reals[2]));
  }
  CHECK_OK(ctx, kk_result_integer_column_data(ctx, result, "kern", "n_locations", &integers, &n));
  CHECK(n == 3 && integers != NULL);
  if (integers != NULL && n == 3) CHECK(integers[0] == 3 && integers[1] == 2 && integers[2] == 2);

  CHECK_OK(ctx, kk_result_text_cell(ctx, result, "kern", "kern_code", 1, &text));
  CHECK_STR(text, "BET");
  CHECK_OK(ctx, kk_result_text_cell(ctx, result, "kern", "kern_name", 2, &text));
  CHECK_STR(text, "buitengebied");
  CHECK(strlen(kk_context_last_error(ctx)) == 0); /* successes leave no message */
}

/* Error messages of the result accessors: unknown names, wrong types, short buffers. */
static void check_result_errors(kk_context* ctx, const kk_result* result) {
  size_t n = 99;
  const char* text = "untouched";
  double reals[3];
  int64_t integers[3];
  int32_t kern[7];
  const double* real_data = NULL;
  const int64_t* integer_data = NULL;
  kk_column_type type;

  CHECK_FAILS(ctx, kk_result_row_count(ctx, result, "kern_sectorz", &n), KK_E_INVALID_ARGUMENT,
              "no result table named 'kern_sectorz' (tables: kern");
  CHECK(n == 0);
  CHECK_FAILS(ctx, kk_result_column_count(ctx, result, "nope", &n), KK_E_INVALID_ARGUMENT, "'nope'");
  CHECK_FAILS(ctx, kk_result_column_name(ctx, result, "kern", 999, &text), KK_E_INVALID_ARGUMENT,
              "column 999 out of range");
  CHECK(text == NULL);
  CHECK_FAILS(ctx, kk_result_column_type(ctx, result, "kern", "n_lokations", &type),
              KK_E_INVALID_ARGUMENT, "table 'kern' has no column named 'n_lokations'");
  CHECK_FAILS(ctx, kk_result_column_unit(ctx, result, "kern", "n_lokations", &text),
              KK_E_INVALID_ARGUMENT, "no column named 'n_lokations'");
  CHECK_FAILS(ctx, kk_result_column_description(ctx, result, "kern", "n_lokations", &text),
              KK_E_INVALID_ARGUMENT, "no column named 'n_lokations'");
  CHECK_FAILS(ctx, kk_result_real_column(ctx, result, "kern", "n_lokations", reals, 3),
              KK_E_INVALID_ARGUMENT, "no column named 'n_lokations'");
  CHECK_FAILS(ctx, kk_result_real_column(ctx, result, "kern", "kern_name", reals, 3),
              KK_E_INVALID_ARGUMENT, "is text");
  CHECK_FAILS(ctx, kk_result_real_column(ctx, result, "kern", "area_km2", reals, 2),
              KK_E_INVALID_ARGUMENT, "buffer holds 2 values but 3 are needed");
  CHECK_FAILS(ctx, kk_result_integer_column(ctx, result, "kern", "area_km2", integers, 3),
              KK_E_INVALID_ARGUMENT, "column 'area_km2' is real, not integer");
  CHECK_FAILS(ctx, kk_result_integer_column(ctx, result, "kern", "n_locations", integers, 0),
              KK_E_INVALID_ARGUMENT, "buffer holds 0 values");
  CHECK_FAILS(ctx, kk_result_real_column_data(ctx, result, "kern", "n_locations", &real_data, &n),
              KK_E_INVALID_ARGUMENT, "is integer, not real");
  CHECK(real_data == NULL && n == 0);
  CHECK_FAILS(ctx, kk_result_integer_column_data(ctx, result, "kern", "area_km2", &integer_data, &n),
              KK_E_INVALID_ARGUMENT, "is real, not integer");
  CHECK_FAILS(ctx, kk_result_text_cell(ctx, result, "kern", "n_locations", 0, &text),
              KK_E_INVALID_ARGUMENT, "is integer, not text");
  CHECK_FAILS(ctx, kk_result_text_cell(ctx, result, "kern", "kern_code", 3, &text),
              KK_E_INVALID_ARGUMENT, "row 3 out of range");
  CHECK_FAILS(ctx, kk_result_table_name(ctx, result, 99, &text), KK_E_INVALID_ARGUMENT,
              "table 99 out of range");
  CHECK_FAILS(ctx, kk_result_location_id(ctx, result, 7, &text), KK_E_INVALID_ARGUMENT,
              "location 7 out of range");
  CHECK_FAILS(ctx, kk_result_kern_name(ctx, result, 3, &text), KK_E_INVALID_ARGUMENT,
              "kern 3 out of range");
  CHECK_FAILS(ctx, kk_result_kern_code(ctx, result, 3, &text), KK_E_INVALID_ARGUMENT,
              "kern 3 out of range");
  CHECK_FAILS(ctx, kk_result_location_kern_index(ctx, result, kern, 6), KK_E_INVALID_ARGUMENT,
              "buffer holds 6 values but 7 are needed");
  CHECK_FAILS(ctx, kk_result_write_table_csv(ctx, result, "kern_sectorz", "/tmp/never.csv"),
              KK_E_INVALID_ARGUMENT, "no result table named 'kern_sectorz'");
}

/* ---------------------------------------------------------------------------------- */
/* Tests                                                                              */
/* ---------------------------------------------------------------------------------- */

static void test_version_and_status(void) {
  char expected[32];
  static const kk_status kAll[] = {
      KK_OK,          KK_E_INVALID_ARGUMENT, KK_E_API_MISUSE,     KK_E_CANCELLED,
      KK_E_IO,        KK_E_UNKNOWN_FORMAT,   KK_E_MISSING_FIELD,  KK_E_BAD_VALUE,
      KK_E_DUPLICATE_ID, KK_E_EMPTY_LAYER,   KK_E_WRONG_GEOMETRY_TYPE, KK_E_CONFIG,
      KK_E_INVALID_GEOMETRY, KK_E_EMPTY_GEOMETRY, KK_E_CRS_MISSING, KK_E_CRS_IMPLAUSIBLE,
      KK_E_CRS_TRANSFORM, KK_E_INTERNAL};
  size_t i;
  snprintf(expected, sizeof expected, "%d.%d.%d", KK_VERSION_MAJOR, KK_VERSION_MINOR,
           KK_VERSION_PATCH);
  CHECK_STR(kk_version(), expected);
  CHECK(KK_VERSION_NUMBER == KK_VERSION_MAJOR * 10000 + KK_VERSION_MINOR * 100 + KK_VERSION_PATCH);

  CHECK_STR(kk_status_string(KK_OK), "ok");
  CHECK_STR(kk_status_string(KK_E_IO), "input/output error");
  CHECK_STR(kk_status_string(KK_E_CANCELLED), "cancelled");
  CHECK_STR(kk_status_string(KK_E_API_MISUSE), "API misuse");
  for (i = 0; i < sizeof kAll / sizeof kAll[0]; ++i) {
    const char* text = kk_status_string(kAll[i]);
    CHECK(text != NULL && strlen(text) > 0 && strcmp(text, "unknown status") != 0);
  }
  CHECK_STR(kk_status_string((kk_status)999), "unknown status");
  CHECK_STR(kk_status_string((kk_status)-1), "unknown status");
}

static void test_context(void) {
  kk_context* ctx = NULL;
  kk_options* options = NULL;
  CHECK(kk_context_create(&ctx) == KK_OK && ctx != NULL);
  CHECK(kk_context_create(NULL) == KK_E_API_MISUSE);
  CHECK_STR(kk_context_last_error(ctx), "");
  CHECK(kk_context_last_error(NULL) != NULL && strlen(kk_context_last_error(NULL)) > 0);
  /* A failure leaves a message naming the function and the argument; a success clears it. */
  CHECK_FAILS(ctx, kk_options_create(ctx, NULL), KK_E_API_MISUSE,
              "kk_options_create: argument 'out' is NULL");
  CHECK_OK(ctx, kk_options_create(ctx, &options));
  CHECK_STR(kk_context_last_error(ctx), "");
  kk_options_destroy(options);
  kk_context_destroy(ctx);
  kk_context_destroy(NULL);
}

static int g_noop_user = 0;
static int noop_progress(const char* step, double fraction, void* user) {
  (void)step;
  (void)fraction;
  (void)user;
  return 1;
}

static void test_options(void) {
  kk_context* ctx = new_context();
  kk_options* options = NULL;
  CHECK_OK(ctx, kk_options_create(ctx, &options));
  CHECK(options != NULL);
  {
    kk_options* scratch = NULL;
    CHECK_MISUSE_NO_CTX(kk_options_create(NULL, &scratch));
    CHECK(scratch == NULL);
  }

  CHECK_OK(ctx, kk_options_set_threads(ctx, options, 4));
  CHECK_FAILS(ctx, kk_options_set_threads(ctx, options, 0), KK_E_INVALID_ARGUMENT,
              "option 'execution.threads' must be a whole number in [1, 1024], got 0");
  CHECK_FAILS(ctx, kk_options_set_threads(ctx, NULL, 2), KK_E_API_MISUSE, "'options' is NULL");
  CHECK_MISUSE_NO_CTX(kk_options_set_threads(NULL, options, 2));

  CHECK_OK(ctx, kk_options_set_progress(ctx, options, noop_progress, &g_noop_user));
  CHECK_OK(ctx, kk_options_set_progress(ctx, options, NULL, NULL));
  CHECK_FAILS(ctx, kk_options_set_progress(ctx, NULL, noop_progress, NULL), KK_E_API_MISUSE,
              "'options' is NULL");
  CHECK_MISUSE_NO_CTX(kk_options_set_progress(NULL, options, noop_progress, NULL));

  CHECK_OK(ctx, kk_options_set_internal(ctx, options, 1));
  CHECK_OK(ctx, kk_options_set_internal(ctx, options, 0));
  CHECK_FAILS(ctx, kk_options_set_internal(ctx, NULL, 1), KK_E_API_MISUSE, "'options' is NULL");
  CHECK_MISUSE_NO_CTX(kk_options_set_internal(NULL, options, 1));

  kk_options_destroy(options);
  kk_options_destroy(NULL);
  kk_context_destroy(ctx);
}

/* The option list a GIS tool builds its dialog from (kk_option_*). */
static size_t find_option_index(kk_context* ctx, const char* wanted) {
  size_t count = 0, i;
  const char* name = NULL;
  CHECK_OK(ctx, kk_option_count(ctx, &count));
  for (i = 0; i < count; ++i) {
    CHECK_OK(ctx, kk_option_name(ctx, i, &name));
    if (name != NULL && strcmp(name, wanted) == 0) return i;
  }
  return count;
}

static void test_option_list(void) {
  kk_context* ctx = new_context();
  size_t count = 0, index, n = 9;
  const char* text = NULL;
  kk_option_type type = KK_OPTION_TEXT;
  double low = 0, high = 0;
  CHECK_OK(ctx, kk_option_count(ctx, &count));
  CHECK(count >= 13);
  CHECK_OK(ctx, kk_option_name(ctx, 0, &text));
  CHECK(text != NULL && strcmp(text, "execution.threads") == 0);

  index = find_option_index(ctx, "hotspots.cell_size_m");
  CHECK(index < count);
  CHECK_OK(ctx, kk_option_type_of(ctx, index, &type));
  CHECK(type == KK_OPTION_REAL);
  CHECK_OK(ctx, kk_option_default(ctx, index, &text));
  CHECK(text != NULL && strcmp(text, "250") == 0);
  CHECK_OK(ctx, kk_option_allowed(ctx, index, &text));
  CHECK(text != NULL && strcmp(text, "a number > 0") == 0);
  CHECK_OK(ctx, kk_option_range(ctx, index, &low, &high));
  CHECK(low == 0.0 && isinf(high) && high > 0);
  CHECK_OK(ctx, kk_option_unit(ctx, index, &text));
  CHECK(text != NULL && strcmp(text, "m") == 0);
  CHECK_OK(ctx, kk_option_doc(ctx, index, &text));
  CHECK(text != NULL && strstr(text, "grid cells") != NULL);
  CHECK_OK(ctx, kk_option_choice_count(ctx, index, &n));
  CHECK(n == 0);

  index = find_option_index(ctx, "hotspots.value");
  CHECK_OK(ctx, kk_option_type_of(ctx, index, &type));
  CHECK(type == KK_OPTION_TEXT);
  CHECK_OK(ctx, kk_option_choice_count(ctx, index, &n));
  CHECK(n == 2);
  CHECK_OK(ctx, kk_option_choice(ctx, index, 1, &text));
  CHECK(text != NULL && strcmp(text, "count") == 0);
  CHECK_FAILS(ctx, kk_option_choice(ctx, index, 2, &text), KK_E_INVALID_ARGUMENT,
              "choice 2 out of range (2 choices)");
  CHECK(text == NULL);

  index = find_option_index(ctx, "vacancy.reference_date");
  CHECK_OK(ctx, kk_option_type_of(ctx, index, &type));
  CHECK(type == KK_OPTION_DATE);
  CHECK_OK(ctx, kk_option_default(ctx, index, &text));
  CHECK(text != NULL && strcmp(text, "") == 0);

  index = find_option_index(ctx, "disclosure.internal");
  CHECK_OK(ctx, kk_option_type_of(ctx, index, &type));
  CHECK(type == KK_OPTION_BOOLEAN);
  CHECK_OK(ctx, kk_option_default(ctx, index, &text));
  CHECK(text != NULL && strcmp(text, "false") == 0);

  CHECK_FAILS(ctx, kk_option_name(ctx, count, &text), KK_E_INVALID_ARGUMENT, "out of range");
  CHECK(text == NULL);
  CHECK_FAILS(ctx, kk_option_count(ctx, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_FAILS(ctx, kk_option_range(ctx, 0, NULL, &high), KK_E_API_MISUSE, "'min' is NULL");
  CHECK_MISUSE_NO_CTX(kk_option_count(NULL, &count));
  CHECK_MISUSE_NO_CTX(kk_option_doc(NULL, 0, &text));
  kk_context_destroy(ctx);
}

static void test_config_project(void) {
  kk_context* ctx = new_context();
  kk_project* project = NULL;
  kk_result* result = NULL;
  char path[1024];
  size_t n = 99;
  const char* text = NULL;

  CHECK_OK(ctx, kk_project_open_config(ctx, data_path(path, sizeof path, "project.toml"), NULL,
                                       &project));
  CHECK(project != NULL);
  CHECK_OK(ctx, kk_project_kern_count(ctx, project, &n));
  CHECK(n == 2);
  CHECK_OK(ctx, kk_project_location_count(ctx, project, &n));
  CHECK(n == 7);
  CHECK_OK(ctx, kk_project_area_name(ctx, project, &text));
  CHECK_STR(text, "Testdorp");
  CHECK_OK(ctx, kk_project_working_crs(ctx, project, &text));
  CHECK_STR(text, "EPSG:28992");
  CHECK_OK(ctx, kk_project_note_count(ctx, project, &n));
  CHECK(n == 0);
  CHECK_FAILS(ctx, kk_project_note(ctx, project, 0, &text), KK_E_INVALID_ARGUMENT,
              "note index 0 out of range (0 notes)");
  CHECK(text == NULL);

  CHECK_OK(ctx, kk_analysis_run(ctx, project, NULL, &result));
  CHECK(result != NULL);
  if (result != NULL) {
    check_known_answers(ctx, result);
    check_result_errors(ctx, result);
  }
  kk_result_destroy(result);
  kk_project_destroy(project);
  kk_context_destroy(ctx);
}

static void test_config_errors(void) {
  kk_context* ctx = new_context();
  kk_project* project = (kk_project*)&g_noop_user; /* must be reset to NULL on failure */
  char path[1024];

  CHECK_FAILS(ctx, kk_project_open_config(ctx, "/nonexistent/kernkompas.toml", NULL, &project),
              KK_E_IO, "config '/nonexistent/kernkompas.toml': no such file");
  CHECK(project == NULL);
  CHECK_FAILS(ctx,
              kk_project_open_config(ctx, data_path(path, sizeof path, "missing_path.toml"), NULL,
                                     &project),
              KK_E_CONFIG, "key 'kernen.path': missing");
  CHECK(strstr(kk_context_last_error(ctx), "missing_path.toml") != NULL);
  CHECK_FAILS(ctx,
              kk_project_open_config(ctx, data_path(path, sizeof path, "missing_column.toml"),
                                     NULL, &project),
              KK_E_MISSING_FIELD, "sbi_code");
  CHECK(strstr(kk_context_last_error(ctx), "locations.csv") != NULL);
  CHECK(project == NULL);
  /* A truncated FlatGeobuf is refused with a data/IO status (2xx), never read in part. */
  CHECK_FAILS(ctx,
              kk_project_open_config(ctx, data_path(path, sizeof path, "truncated.toml"), NULL,
                                     &project),
              KK_E_IO, "truncated or damaged");
  CHECK(strstr(kk_context_last_error(ctx), "truncated_locations.fgb") != NULL);
  CHECK(project == NULL);
  CHECK_FAILS(ctx, kk_project_open_config(ctx, NULL, NULL, &project), KK_E_API_MISUSE,
              "'config_path' is NULL");
  CHECK_FAILS(ctx, kk_project_open_config(ctx, path, NULL, NULL), KK_E_API_MISUSE,
              "'out' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_open_config(NULL, path, NULL, &project));
  CHECK_FAILS(ctx, kk_project_open_default(ctx, NULL, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_open_default(NULL, NULL, &project));
  kk_project_destroy(NULL);
  kk_context_destroy(ctx);
}

static void test_arrays_project(void) {
  kk_context* ctx = new_context();
  kk_project* project = arrays_project(ctx);
  kk_result* result = NULL;
  kk_result* threaded = NULL;
  kk_options* options = NULL;
  size_t n = 0, i;
  const char* text = NULL;
  int32_t one[7], two[7];

  CHECK(project != NULL);
  if (project == NULL) {
    kk_context_destroy(ctx);
    return;
  }
  CHECK_OK(ctx, kk_project_area_name(ctx, project, &text));
  CHECK_STR(text, "Testdorp");
  CHECK_OK(ctx, kk_project_working_crs(ctx, project, &text));
  CHECK_STR(text, "EPSG:28992");
  CHECK_OK(ctx, kk_analysis_run(ctx, project, NULL, &result));
  if (result != NULL) check_known_answers(ctx, result);

  /* Same assignment with two threads; the internal flag runs too. */
  CHECK_OK(ctx, kk_options_create(ctx, &options));
  CHECK_OK(ctx, kk_options_set_threads(ctx, options, 2));
  CHECK_OK(ctx, kk_options_set_internal(ctx, options, 1));
  CHECK_OK(ctx, kk_analysis_run(ctx, project, options, &threaded));
  if (threaded != NULL) check_vacancy_answers(ctx, threaded);
  CHECK_OK(ctx, kk_result_location_kern_index(ctx, result, one, 7));
  CHECK_OK(ctx, kk_result_location_kern_index(ctx, threaded, two, 7));
  for (i = 0; i < 7; ++i) CHECK(one[i] == two[i]);

  /* A result keeps its input: changing or destroying the project does not touch it. */
  {
    const double x = 131500, y = 465500;
    CHECK_OK(ctx, kk_project_set_locations_xy(ctx, project, 1, &x, 0, &y, 0, NULL));
    CHECK_OK(ctx, kk_project_location_count(ctx, project, &n));
    CHECK(n == 1);
  }
  kk_project_destroy(project);
  CHECK_OK(ctx, kk_result_location_count(ctx, result, &n));
  CHECK(n == 7);
  if (result != NULL) check_known_answers(ctx, result);

  kk_result_destroy(result);
  kk_result_destroy(threaded);
  kk_result_destroy(NULL);
  kk_options_destroy(options);
  kk_context_destroy(ctx);
}

/* Locations given as WGS84 longitude/latitude are transformed to the working CRS. */
static void test_arrays_wgs84(void) {
  kk_context* ctx = new_context();
  kk_project* project = NULL;
  kk_result* result = NULL;
  wkb_buffer alf, bet;
  const unsigned char* wkb[2];
  size_t sizes[2];
  const char* names[2] = {"Alfadorp", "Betaveen"};
  /* RD (131500, 465500) and (133500, 465500), from cs2cs EPSG:28992 -> EPSG:4326. */
  const double lon[2] = {5.043637909, 5.072877101};
  const double lat[2] = {52.177142404, 52.177223872};
  int32_t kern[2] = {-7, -7};

  kernen_wkb(&alf, &bet);
  wkb[0] = alf.bytes;
  wkb[1] = bet.bytes;
  sizes[0] = alf.size;
  sizes[1] = bet.size;
  CHECK_OK(ctx, kk_project_create(ctx, NULL, NULL, &project));
  CHECK_OK(ctx, kk_project_set_kernen_wkb(ctx, project, 2, wkb, sizes, names, NULL, "EPSG:28992"));
  CHECK_OK(ctx, kk_project_set_locations_xy(ctx, project, 2, lon, 0, lat, 0, "EPSG:4326"));
  CHECK_OK(ctx, kk_analysis_run(ctx, project, NULL, &result));
  CHECK_OK(ctx, kk_result_location_kern_index(ctx, result, kern, 2));
  CHECK(kern[0] == 0 && kern[1] == 1);
  {
    const char* code = NULL;
    CHECK_OK(ctx, kk_result_kern_code(ctx, result, 1, &code)); /* no codes given: the name */
    CHECK_STR(code, "Betaveen");
    CHECK_OK(ctx, kk_project_area_name(ctx, project, &code));
    CHECK_STR(code, "");
  }
  kk_result_destroy(result);
  kk_project_destroy(project);
  kk_context_destroy(ctx);
}

static void test_kernen_wkb_errors(void) {
  kk_context* ctx = new_context();
  kk_project* project = NULL;
  wkb_buffer alf, bet, bad;
  const unsigned char* wkb[2];
  size_t sizes[2];
  const char* names[2] = {"Alfadorp", "Betaveen"};
  const char* same_codes[2] = {"X", "X"};
  const char* empty_name[2] = {"Alfadorp", ""};
  size_t n = 0;

  kernen_wkb(&alf, &bet);
  wkb[0] = alf.bytes;
  wkb[1] = bet.bytes;
  sizes[0] = alf.size;
  sizes[1] = bet.size;
  CHECK_FAILS(ctx, kk_project_create(ctx, "x", "EPSG:99999999", &project), KK_E_CRS_TRANSFORM,
              "EPSG:99999999");
  CHECK(project == NULL);
  /* The working CRS must be projected in metres: lon/lat would give areas in square degrees. */
  CHECK_FAILS(ctx, kk_project_create(ctx, "x", "EPSG:4326", &project), KK_E_CRS_TRANSFORM,
              "working_crs: 'EPSG:4326' (WGS 84) is geographic (degrees), not projected");
  CHECK(project == NULL);
  CHECK_FAILS(ctx, kk_project_create(ctx, "x", NULL, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_create(NULL, "x", NULL, &project));
  CHECK_OK(ctx, kk_project_create(ctx, "x", NULL, &project));

  /* Truncated: the last coordinate is cut short. */
  sizes[0] = alf.size - 5;
  CHECK_FAILS(ctx, kk_project_set_kernen_wkb(ctx, project, 2, wkb, sizes, names, NULL, NULL),
              KK_E_BAD_VALUE, "kern at index 0 ('Alfadorp'): WKB truncated at byte");
  /* Trailing bytes after a complete geometry. */
  sizes[0] = alf.size + 3;
  CHECK_FAILS(ctx, kk_project_set_kernen_wkb(ctx, project, 2, wkb, sizes, names, NULL, NULL),
              KK_E_BAD_VALUE, "3 bytes follow the end of the WKB geometry");
  sizes[0] = alf.size;
  /* A bad byte-order marker. */
  bad = alf;
  bad.bytes[0] = 7;
  wkb[0] = bad.bytes;
  CHECK_FAILS(ctx, kk_project_set_kernen_wkb(ctx, project, 2, wkb, sizes, names, NULL, NULL),
              KK_E_BAD_VALUE, "byte-order marker at byte 0 must be 0 or 1, found 7");
  /* A point where a polygon is expected. */
  bad.size = 0;
  put_u8(&bad, 1);
  put_u32(&bad, 1, 1u);
  put_f64(&bad, 1, 131500);
  put_f64(&bad, 1, 465500);
  sizes[0] = bad.size;
  CHECK_FAILS(ctx, kk_project_set_kernen_wkb(ctx, project, 2, wkb, sizes, names, NULL, NULL),
              KK_E_WRONG_GEOMETRY_TYPE, "expected a Polygon or MultiPolygon, found a Point");
  /* POLYGON EMPTY. */
  bad.size = 0;
  put_u8(&bad, 1);
  put_u32(&bad, 1, 3u);
  put_u32(&bad, 1, 0u);
  sizes[0] = bad.size;
  CHECK_FAILS(ctx, kk_project_set_kernen_wkb(ctx, project, 2, wkb, sizes, names, NULL, NULL),
              KK_E_EMPTY_GEOMETRY, "kern at index 0 ('Alfadorp'): the polygon is empty");
  /* A NaN coordinate. */
  bad.size = 0;
  {
    const double x[4] = {131000, NAN, 132000, 131000};
    const double y[4] = {465000, 465000, 466000, 465000};
    put_polygon(&bad, 1, 0, x, y, 4);
  }
  sizes[0] = bad.size;
  CHECK_FAILS(ctx, kk_project_set_kernen_wkb(ctx, project, 2, wkb, sizes, names, NULL, NULL),
              KK_E_BAD_VALUE, "is NaN or infinite");
  wkb[0] = alf.bytes;
  sizes[0] = alf.size;

  CHECK_FAILS(ctx, kk_project_set_kernen_wkb(ctx, project, 2, wkb, sizes, names, same_codes, NULL),
              KK_E_DUPLICATE_ID, "code 'X' already used by the kern at index 0");
  CHECK_FAILS(ctx, kk_project_set_kernen_wkb(ctx, project, 2, wkb, sizes, empty_name, NULL, NULL),
              KK_E_BAD_VALUE, "kern at index 1: empty name");
  /* RD metres declared as longitude/latitude. */
  CHECK_FAILS(ctx,
              kk_project_set_kernen_wkb(ctx, project, 2, wkb, sizes, names, NULL, "EPSG:4326"),
              KK_E_CRS_IMPLAUSIBLE, "kern at index 0 ('Alfadorp'): coordinates (131000");
  CHECK_FAILS(ctx, kk_project_set_kernen_wkb(ctx, project, 2, wkb, sizes, names, NULL, "EPSG:0"),
              KK_E_CRS_TRANSFORM, "EPSG:0");
  wkb[1] = NULL;
  CHECK_FAILS(ctx, kk_project_set_kernen_wkb(ctx, project, 2, wkb, sizes, names, NULL, NULL),
              KK_E_API_MISUSE, "kern at index 1 ('Betaveen'): wkb pointer is NULL");
  wkb[1] = bet.bytes;
  CHECK_FAILS(ctx, kk_project_set_kernen_wkb(ctx, project, 2, NULL, sizes, names, NULL, NULL),
              KK_E_API_MISUSE, "'wkb' is NULL");
  CHECK_FAILS(ctx, kk_project_set_kernen_wkb(ctx, project, 2, wkb, NULL, names, NULL, NULL),
              KK_E_API_MISUSE, "'wkb_size_bytes' is NULL");
  CHECK_FAILS(ctx, kk_project_set_kernen_wkb(ctx, project, 2, wkb, sizes, NULL, NULL, NULL),
              KK_E_API_MISUSE, "'names' is NULL");
  CHECK_FAILS(ctx, kk_project_set_kernen_wkb(ctx, NULL, 2, wkb, sizes, names, NULL, NULL),
              KK_E_API_MISUSE, "'project' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_set_kernen_wkb(NULL, project, 2, wkb, sizes, names, NULL, NULL));

  /* Every failure above left the project without kernen. */
  CHECK_OK(ctx, kk_project_kern_count(ctx, project, &n));
  CHECK(n == 0);

  /* A self-intersecting "bow tie" is repaired and reported as a note. */
  {
    const double x[5] = {137000, 138000, 138000, 137000, 137000};
    const double y[5] = {465000, 466000, 465000, 466000, 465000};
    const char* bowtie_name[1] = {"Strikdorp"};
    const char* note = NULL;
    bad.size = 0;
    put_polygon(&bad, 0, 0, x, y, 5);
    wkb[0] = bad.bytes;
    sizes[0] = bad.size;
    CHECK_OK(ctx, kk_project_set_kernen_wkb(ctx, project, 1, wkb, sizes, bowtie_name, NULL, NULL));
    CHECK_OK(ctx, kk_project_note_count(ctx, project, &n));
    CHECK(n == 1);
    CHECK_OK(ctx, kk_project_note(ctx, project, 0, &note));
    CHECK(note != NULL && strstr(note, "Strikdorp") != NULL && strstr(note, "repaired") != NULL);
  }
  kk_project_destroy(project);
  kk_context_destroy(ctx);
}

static void test_project_field_errors(void) {
  kk_context* ctx = new_context();
  kk_project* project = NULL;
  kk_result* result = NULL;
  const double population[3] = {1, 2, 3};
  const double negative[2] = {10, -1};
  const char* texts[7] = {"a", "b", "c", "d", "e", "f", "g"};
  const char* duplicate_ids[7] = {"a", "b", "c", "a", "e", "f", "g"};
  const char* empty_id[7] = {"a", "b", NULL, "d", "e", "f", "g"};
  const char* bad_dates[7] = {"", "2023-02-30", "", "", "", "", ""};
  const int32_t status[7] = {0, 1, 2, 7, 0, 0, 0};
  const double areas[7] = {1, 2, 3, -4, 5, 6, 7};
  size_t n = 0;

  CHECK_OK(ctx, kk_project_create(ctx, "Leeg", NULL, &project));
  /* Fields before their layer, and a run without layers. */
  CHECK_FAILS(ctx, kk_project_set_kern_real(ctx, project, "population", population, 0, 2),
              KK_E_API_MISUSE, "no kernen yet");
  CHECK_FAILS(ctx, kk_project_set_kern_text(ctx, project, "aliases", texts, 2), KK_E_API_MISUSE,
              "no kernen yet");
  CHECK_FAILS(ctx, kk_project_set_location_real(ctx, project, "employees", areas, 0, 7),
              KK_E_API_MISUSE, "no locations yet");
  CHECK_FAILS(ctx, kk_project_set_location_integer(ctx, project, "status", status, 0, 7),
              KK_E_API_MISUSE, "no locations yet");
  CHECK_FAILS(ctx, kk_project_set_location_text(ctx, project, "id", texts, 7), KK_E_API_MISUSE,
              "no locations yet");
  CHECK_FAILS(ctx, kk_analysis_run(ctx, project, NULL, &result), KK_E_API_MISUSE,
              "the project has no kernen");
  CHECK(result == NULL);
  kk_project_destroy(project);

  project = arrays_project(ctx);
  if (project == NULL) {
    kk_context_destroy(ctx);
    return;
  }
  /* Kern fields. */
  CHECK_FAILS(ctx, kk_project_set_kern_real(ctx, project, "inwoners", population, 0, 2),
              KK_E_INVALID_ARGUMENT, "unknown kern real field 'inwoners'");
  CHECK_FAILS(ctx, kk_project_set_kern_real(ctx, project, "population", population, 0, 3),
              KK_E_INVALID_ARGUMENT, "count is 3 but the project has 2 kernen");
  CHECK_FAILS(ctx, kk_project_set_kern_real(ctx, project, "population", negative, 0, 2),
              KK_E_BAD_VALUE, "kern at index 1 ('Betaveen'): population is negative");
  CHECK_FAILS(ctx, kk_project_set_kern_real(ctx, project, NULL, population, 0, 2),
              KK_E_API_MISUSE, "'field' is NULL");
  CHECK_FAILS(ctx, kk_project_set_kern_real(ctx, project, "population", NULL, 0, 2),
              KK_E_API_MISUSE, "'values' is NULL");
  CHECK_FAILS(ctx, kk_project_set_kern_real(ctx, NULL, "population", population, 0, 2),
              KK_E_API_MISUSE, "'project' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_set_kern_real(NULL, project, "population", population, 0, 2));
  CHECK_FAILS(ctx, kk_project_set_kern_text(ctx, project, "bijnamen", texts, 2),
              KK_E_INVALID_ARGUMENT, "unknown kern text field 'bijnamen'");
  CHECK_FAILS(ctx, kk_project_set_kern_text(ctx, project, "aliases", texts, 1),
              KK_E_INVALID_ARGUMENT, "count is 1");
  CHECK_FAILS(ctx, kk_project_set_kern_text(ctx, NULL, "aliases", texts, 2), KK_E_API_MISUSE,
              "'project' is NULL");
  CHECK_FAILS(ctx, kk_project_set_kern_text(ctx, project, NULL, texts, 2), KK_E_API_MISUSE,
              "'field' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_set_kern_text(NULL, project, "aliases", texts, 2));

  /* Locations. */
  {
    const double x[2] = {131500, NAN}, y[2] = {465500, 465500};
    const double far_x[1] = {1e9}, far_y[1] = {465500};
    CHECK_FAILS(ctx, kk_project_set_locations_xy(ctx, project, 2, x, 0, y, 0, NULL),
                KK_E_BAD_VALUE, "location at index 1 (id '2'): coordinate is NaN or infinite");
    CHECK_FAILS(ctx, kk_project_set_locations_xy(ctx, project, 1, far_x, 0, far_y, 0, NULL),
                KK_E_CRS_IMPLAUSIBLE, "location at index 0 (id '1'): coordinates (1000000000");
    CHECK_FAILS(ctx, kk_project_set_locations_xy(ctx, project, 1, x, 0, y, 0, "no such crs"),
                KK_E_CRS_TRANSFORM, "no such crs");
    CHECK_FAILS(ctx, kk_project_set_locations_xy(ctx, project, 1, NULL, 0, y, 0, NULL),
                KK_E_API_MISUSE, "'x' is NULL");
    CHECK_FAILS(ctx, kk_project_set_locations_xy(ctx, project, 1, x, 0, NULL, 0, NULL),
                KK_E_API_MISUSE, "'y' is NULL");
    CHECK_FAILS(ctx, kk_project_set_locations_xy(ctx, NULL, 1, x, 0, y, 0, NULL), KK_E_API_MISUSE,
                "'project' is NULL");
    CHECK_MISUSE_NO_CTX(kk_project_set_locations_xy(NULL, project, 1, x, 0, y, 0, NULL));
    /* The failures left the seven locations in place. */
    CHECK_OK(ctx, kk_project_location_count(ctx, project, &n));
    CHECK(n == 7);
  }
  CHECK_FAILS(ctx, kk_project_set_location_real(ctx, project, "floor_area_m2", areas, 0, 7),
              KK_E_BAD_VALUE, "location at index 3 (id 'P4'): floor_area_m2 is negative");
  CHECK_FAILS(ctx, kk_project_set_location_real(ctx, project, "oppervlakte", areas, 0, 7),
              KK_E_INVALID_ARGUMENT, "unknown location real field 'oppervlakte'");
  CHECK_FAILS(ctx, kk_project_set_location_real(ctx, project, "employees", areas, 0, 6),
              KK_E_INVALID_ARGUMENT, "count is 6 but the project has 7 locations");
  CHECK_FAILS(ctx, kk_project_set_location_real(ctx, NULL, "employees", areas, 0, 7),
              KK_E_API_MISUSE, "'project' is NULL");
  CHECK_FAILS(ctx, kk_project_set_location_real(ctx, project, "employees", NULL, 0, 7),
              KK_E_API_MISUSE, "'values' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_set_location_real(NULL, project, "employees", areas, 0, 7));
  CHECK_FAILS(ctx, kk_project_set_location_integer(ctx, project, "status", status, 0, 7),
              KK_E_BAD_VALUE, "location at index 3 (id 'P4'): status 7 is not");
  CHECK_FAILS(ctx, kk_project_set_location_integer(ctx, project, "statuz", status, 0, 7),
              KK_E_INVALID_ARGUMENT, "unknown location integer field 'statuz'");
  CHECK_FAILS(ctx, kk_project_set_location_integer(ctx, project, "status", status, 0, 2),
              KK_E_INVALID_ARGUMENT, "count is 2");
  CHECK_FAILS(ctx, kk_project_set_location_integer(ctx, project, NULL, status, 0, 7),
              KK_E_API_MISUSE, "'field' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_set_location_integer(NULL, project, "status", status, 0, 7));
  CHECK_FAILS(ctx, kk_project_set_location_text(ctx, project, "id", duplicate_ids, 7),
              KK_E_DUPLICATE_ID, "location at index 3: id 'a' already used at index 0");
  CHECK_FAILS(ctx, kk_project_set_location_text(ctx, project, "id", empty_id, 7), KK_E_BAD_VALUE,
              "location at index 2: empty id");
  CHECK_FAILS(ctx, kk_project_set_location_text(ctx, project, "vacant_since", bad_dates, 7),
              KK_E_BAD_VALUE, "vacant_since '2023-02-30' is not a date");
  CHECK_FAILS(ctx, kk_project_set_location_text(ctx, project, "sector", texts, 7),
              KK_E_INVALID_ARGUMENT, "unknown location text field 'sector'");
  CHECK_FAILS(ctx, kk_project_set_location_text(ctx, project, "name", texts, 8),
              KK_E_INVALID_ARGUMENT, "count is 8");
  CHECK_FAILS(ctx, kk_project_set_location_text(ctx, project, "name", NULL, 7), KK_E_API_MISUSE,
              "'values' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_set_location_text(NULL, project, "name", texts, 7));
  CHECK_FAILS(ctx, kk_project_set_snapshot_date(ctx, project, "gisteren"), KK_E_BAD_VALUE,
              "snapshot date 'gisteren' is not a date YYYY-MM-DD");
  CHECK_OK(ctx, kk_project_set_snapshot_date(ctx, project, NULL));
  CHECK_FAILS(ctx, kk_project_set_snapshot_date(ctx, NULL, "2025-01-01"), KK_E_API_MISUSE,
              "'project' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_set_snapshot_date(NULL, project, "2025-01-01"));

  /* Without a snapshot date a vacant-since date has no reference: the run says so ... */
  CHECK_FAILS(ctx, kk_analysis_run(ctx, project, NULL, &result), KK_E_MISSING_FIELD,
              "no reference date");
  CHECK(result == NULL);
  /* ... and a reference date given as an option fixes it. Failed setters above left the
     earlier ids in place. */
  {
    const char* id = NULL;
    kk_options* options = NULL;
    CHECK_OK(ctx, kk_options_create(ctx, &options));
    CHECK_OK(ctx, kk_options_set_text(ctx, options, "vacancy.reference_date", "2025-01-01"));
    CHECK_OK(ctx, kk_analysis_run(ctx, project, options, &result));
    kk_options_destroy(options);
    CHECK_OK(ctx, kk_result_location_id(ctx, result, 3, &id));
    CHECK_STR(id, "P4");
    kk_result_destroy(result);
    result = NULL;
  }
  kk_project_destroy(project);

  /* Kernen but no locations. */
  CHECK_OK(ctx, kk_project_create(ctx, "Half", NULL, &project));
  {
    wkb_buffer alf, bet;
    const unsigned char* wkb[1];
    size_t sizes[1];
    const char* names[1] = {"Alfadorp"};
    kernen_wkb(&alf, &bet);
    wkb[0] = alf.bytes;
    sizes[0] = alf.size;
    CHECK_OK(ctx, kk_project_set_kernen_wkb(ctx, project, 1, wkb, sizes, names, NULL, NULL));
  }
  CHECK_FAILS(ctx, kk_analysis_run(ctx, project, NULL, &result), KK_E_API_MISUSE,
              "the project has no locations");
  kk_project_destroy(project);
  kk_context_destroy(ctx);
}

/* Project accessors with missing arguments. */
static void test_project_accessor_misuse(void) {
  kk_context* ctx = new_context();
  kk_project* project = arrays_project(ctx);
  size_t n = 5;
  const char* text = "untouched";

  CHECK_FAILS(ctx, kk_project_kern_count(ctx, NULL, &n), KK_E_API_MISUSE, "'project' is NULL");
  CHECK(n == 0);
  CHECK_FAILS(ctx, kk_project_kern_count(ctx, project, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_kern_count(NULL, project, &n));
  CHECK_FAILS(ctx, kk_project_location_count(ctx, NULL, &n), KK_E_API_MISUSE, "'project' is NULL");
  CHECK_FAILS(ctx, kk_project_location_count(ctx, project, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_location_count(NULL, project, &n));
  CHECK_FAILS(ctx, kk_project_area_name(ctx, NULL, &text), KK_E_API_MISUSE, "'project' is NULL");
  CHECK(text == NULL);
  CHECK_FAILS(ctx, kk_project_area_name(ctx, project, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_area_name(NULL, project, &text));
  CHECK_FAILS(ctx, kk_project_working_crs(ctx, NULL, &text), KK_E_API_MISUSE, "'project' is NULL");
  CHECK_FAILS(ctx, kk_project_working_crs(ctx, project, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_working_crs(NULL, project, &text));
  CHECK_FAILS(ctx, kk_project_note_count(ctx, NULL, &n), KK_E_API_MISUSE, "'project' is NULL");
  CHECK_FAILS(ctx, kk_project_note_count(ctx, project, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_note_count(NULL, project, &n));
  CHECK_FAILS(ctx, kk_project_note(ctx, NULL, 0, &text), KK_E_API_MISUSE, "'project' is NULL");
  CHECK_FAILS(ctx, kk_project_note(ctx, project, 0, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_MISUSE_NO_CTX(kk_project_note(NULL, project, 0, &text));
  kk_project_destroy(project);
  kk_context_destroy(ctx);
}

/* Result functions with missing arguments: the handle, the names, the out-parameters. */
static void test_result_misuse(void) {
  kk_context* ctx = new_context();
  kk_project* project = arrays_project(ctx);
  kk_result* result = NULL;
  size_t n = 0;
  const char* text = NULL;
  const int32_t* kern_data = NULL;
  const double* real_data = NULL;
  const int64_t* integer_data = NULL;
  int32_t kern[7];
  double reals[3];
  int64_t integers[3];
  kk_column_type type;

  {
    kk_result* failed = (kk_result*)&g_noop_user;
    CHECK_FAILS(ctx, kk_analysis_run(ctx, NULL, NULL, &failed), KK_E_API_MISUSE,
                "'project' is NULL");
    CHECK(failed == NULL); /* out-parameters are reset on failure */
  }
  CHECK_OK(ctx, kk_analysis_run(ctx, project, NULL, &result));
  CHECK_FAILS(ctx, kk_analysis_run(ctx, project, NULL, NULL), KK_E_API_MISUSE, "'out' is NULL");
  {
    kk_result* scratch = NULL;
    CHECK_MISUSE_NO_CTX(kk_analysis_run(NULL, project, NULL, &scratch));
    CHECK(scratch == NULL);
  }
  CHECK(result != NULL);

#define MISUSE_RESULT(call_with_null_result, call_with_null_ctx) \
  CHECK_FAILS(ctx, call_with_null_result, KK_E_API_MISUSE, "'result' is NULL"); \
  CHECK_MISUSE_NO_CTX(call_with_null_ctx)

  MISUSE_RESULT(kk_result_location_count(ctx, NULL, &n), kk_result_location_count(NULL, result, &n));
  MISUSE_RESULT(kk_result_location_id(ctx, NULL, 0, &text), kk_result_location_id(NULL, result, 0, &text));
  MISUSE_RESULT(kk_result_kern_count(ctx, NULL, &n), kk_result_kern_count(NULL, result, &n));
  MISUSE_RESULT(kk_result_kern_name(ctx, NULL, 0, &text), kk_result_kern_name(NULL, result, 0, &text));
  MISUSE_RESULT(kk_result_kern_code(ctx, NULL, 0, &text), kk_result_kern_code(NULL, result, 0, &text));
  MISUSE_RESULT(kk_result_location_kern_index(ctx, NULL, kern, 7),
                kk_result_location_kern_index(NULL, result, kern, 7));
  MISUSE_RESULT(kk_result_location_kern_index_data(ctx, NULL, &kern_data, &n),
                kk_result_location_kern_index_data(NULL, result, &kern_data, &n));
  MISUSE_RESULT(kk_result_table_count(ctx, NULL, &n), kk_result_table_count(NULL, result, &n));
  MISUSE_RESULT(kk_result_table_name(ctx, NULL, 0, &text), kk_result_table_name(NULL, result, 0, &text));
  MISUSE_RESULT(kk_result_row_count(ctx, NULL, "kern", &n), kk_result_row_count(NULL, result, "kern", &n));
  MISUSE_RESULT(kk_result_column_count(ctx, NULL, "kern", &n),
                kk_result_column_count(NULL, result, "kern", &n));
  MISUSE_RESULT(kk_result_column_name(ctx, NULL, "kern", 0, &text),
                kk_result_column_name(NULL, result, "kern", 0, &text));
  MISUSE_RESULT(kk_result_column_type(ctx, NULL, "kern", "area_km2", &type),
                kk_result_column_type(NULL, result, "kern", "area_km2", &type));
  MISUSE_RESULT(kk_result_column_unit(ctx, NULL, "kern", "area_km2", &text),
                kk_result_column_unit(NULL, result, "kern", "area_km2", &text));
  MISUSE_RESULT(kk_result_column_description(ctx, NULL, "kern", "area_km2", &text),
                kk_result_column_description(NULL, result, "kern", "area_km2", &text));
  MISUSE_RESULT(kk_result_real_column(ctx, NULL, "kern", "area_km2", reals, 3),
                kk_result_real_column(NULL, result, "kern", "area_km2", reals, 3));
  MISUSE_RESULT(kk_result_integer_column(ctx, NULL, "kern", "n_locations", integers, 3),
                kk_result_integer_column(NULL, result, "kern", "n_locations", integers, 3));
  MISUSE_RESULT(kk_result_real_column_data(ctx, NULL, "kern", "area_km2", &real_data, &n),
                kk_result_real_column_data(NULL, result, "kern", "area_km2", &real_data, &n));
  MISUSE_RESULT(kk_result_integer_column_data(ctx, NULL, "kern", "n_locations", &integer_data, &n),
                kk_result_integer_column_data(NULL, result, "kern", "n_locations", &integer_data, &n));
  MISUSE_RESULT(kk_result_text_cell(ctx, NULL, "kern", "kern_code", 0, &text),
                kk_result_text_cell(NULL, result, "kern", "kern_code", 0, &text));
  MISUSE_RESULT(kk_result_write(ctx, NULL, KK_CAPI_OUT_DIR), kk_result_write(NULL, result, KK_CAPI_OUT_DIR));
  MISUSE_RESULT(kk_result_write_table_csv(ctx, NULL, "kern", "x.csv"),
                kk_result_write_table_csv(NULL, result, "kern", "x.csv"));
  {
    int flag = 0;
    size_t size = 0;
    unsigned char wkb[16];
    MISUSE_RESULT(kk_result_is_internal(ctx, NULL, &flag), kk_result_is_internal(NULL, result, &flag));
    MISUSE_RESULT(kk_result_table_has_geometry(ctx, NULL, "kern", &flag),
                  kk_result_table_has_geometry(NULL, result, "kern", &flag));
    MISUSE_RESULT(kk_result_geometry_wkb_size(ctx, NULL, "kern", 0, &size),
                  kk_result_geometry_wkb_size(NULL, result, "kern", 0, &size));
    MISUSE_RESULT(kk_result_geometry_wkb(ctx, NULL, "kern", 2, wkb, sizeof wkb),
                  kk_result_geometry_wkb(NULL, result, "kern", 2, wkb, sizeof wkb));
    CHECK_FAILS(ctx, kk_result_is_internal(ctx, result, NULL), KK_E_API_MISUSE, "'out' is NULL");
    CHECK_FAILS(ctx, kk_result_table_has_geometry(ctx, result, "kern", NULL), KK_E_API_MISUSE,
                "'out' is NULL");
    CHECK_FAILS(ctx, kk_result_table_has_geometry(ctx, result, NULL, &flag), KK_E_API_MISUSE,
                "'table' is NULL");
    CHECK_FAILS(ctx, kk_result_geometry_wkb_size(ctx, result, "kern", 0, NULL), KK_E_API_MISUSE,
                "'out' is NULL");
    CHECK_FAILS(ctx, kk_result_geometry_wkb_size(ctx, result, NULL, 0, &size), KK_E_API_MISUSE,
                "'table' is NULL");
    CHECK_FAILS(ctx, kk_result_geometry_wkb(ctx, result, NULL, 0, wkb, sizeof wkb),
                KK_E_API_MISUSE, "'table' is NULL");
  }
#undef MISUSE_RESULT

  /* NULL out-parameters, table and column names. */
  CHECK_FAILS(ctx, kk_result_location_count(ctx, result, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_location_id(ctx, result, 0, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_kern_count(ctx, result, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_kern_name(ctx, result, 0, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_kern_code(ctx, result, 0, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_location_kern_index(ctx, result, NULL, 7), KK_E_API_MISUSE,
              "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_location_kern_index_data(ctx, result, NULL, &n), KK_E_API_MISUSE,
              "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_location_kern_index_data(ctx, result, &kern_data, NULL),
              KK_E_API_MISUSE, "'count' is NULL");
  CHECK_FAILS(ctx, kk_result_table_count(ctx, result, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_table_name(ctx, result, 0, NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_row_count(ctx, result, NULL, &n), KK_E_API_MISUSE, "'table' is NULL");
  CHECK_FAILS(ctx, kk_result_row_count(ctx, result, "kern", NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_column_count(ctx, result, NULL, &n), KK_E_API_MISUSE, "'table' is NULL");
  CHECK_FAILS(ctx, kk_result_column_count(ctx, result, "kern", NULL), KK_E_API_MISUSE, "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_column_name(ctx, result, NULL, 0, &text), KK_E_API_MISUSE,
              "'table' is NULL");
  CHECK_FAILS(ctx, kk_result_column_name(ctx, result, "kern", 0, NULL), KK_E_API_MISUSE,
              "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_column_type(ctx, result, "kern", NULL, &type), KK_E_API_MISUSE,
              "'column' is NULL");
  CHECK_FAILS(ctx, kk_result_column_type(ctx, result, NULL, "area_km2", &type), KK_E_API_MISUSE,
              "'table' is NULL");
  CHECK_FAILS(ctx, kk_result_column_type(ctx, result, "kern", "area_km2", NULL), KK_E_API_MISUSE,
              "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_column_unit(ctx, result, "kern", NULL, &text), KK_E_API_MISUSE,
              "'column' is NULL");
  CHECK_FAILS(ctx, kk_result_column_unit(ctx, result, "kern", "area_km2", NULL), KK_E_API_MISUSE,
              "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_column_description(ctx, result, "kern", NULL, &text), KK_E_API_MISUSE,
              "'column' is NULL");
  CHECK_FAILS(ctx, kk_result_column_description(ctx, result, "kern", "area_km2", NULL),
              KK_E_API_MISUSE, "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_real_column(ctx, result, "kern", "area_km2", NULL, 3), KK_E_API_MISUSE,
              "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_real_column(ctx, result, "kern", NULL, reals, 3), KK_E_API_MISUSE,
              "'column' is NULL");
  CHECK_FAILS(ctx, kk_result_integer_column(ctx, result, "kern", "n_locations", NULL, 3),
              KK_E_API_MISUSE, "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_integer_column(ctx, result, NULL, "n_locations", integers, 3),
              KK_E_API_MISUSE, "'table' is NULL");
  CHECK_FAILS(ctx, kk_result_real_column_data(ctx, result, "kern", "area_km2", NULL, &n),
              KK_E_API_MISUSE, "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_real_column_data(ctx, result, "kern", "area_km2", &real_data, NULL),
              KK_E_API_MISUSE, "'count' is NULL");
  CHECK_FAILS(ctx, kk_result_integer_column_data(ctx, result, "kern", "n_locations", NULL, &n),
              KK_E_API_MISUSE, "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_integer_column_data(ctx, result, "kern", "n_locations", &integer_data,
                                                 NULL),
              KK_E_API_MISUSE, "'count' is NULL");
  CHECK_FAILS(ctx, kk_result_text_cell(ctx, result, "kern", "kern_code", 0, NULL), KK_E_API_MISUSE,
              "'out' is NULL");
  CHECK_FAILS(ctx, kk_result_text_cell(ctx, result, "kern", NULL, 0, &text), KK_E_API_MISUSE,
              "'column' is NULL");
  CHECK_FAILS(ctx, kk_result_write(ctx, result, NULL), KK_E_API_MISUSE, "'out_dir' is NULL");
  CHECK_FAILS(ctx, kk_result_write_table_csv(ctx, result, "kern", NULL), KK_E_API_MISUSE,
              "'path' is NULL");
  CHECK_FAILS(ctx, kk_result_write_table_csv(ctx, result, NULL, "x.csv"), KK_E_API_MISUSE,
              "'table' is NULL");

  kk_result_destroy(result);
  kk_project_destroy(project);
  kk_context_destroy(ctx);
}

/* Indicator options by name override the configuration for one run. */
static void test_indicator_options(void) {
  kk_context* ctx = new_context();
  kk_options* options = NULL;
  kk_project* project = NULL;
  kk_result* result = NULL;
  char path[1024];
  const int64_t* integers = NULL;
  size_t n = 0, i;
  int internal = -1;

  CHECK_OK(ctx, kk_project_open_config(ctx, data_path(path, sizeof path, "project.toml"), NULL,
                                       &project));
  CHECK_OK(ctx, kk_options_create(ctx, &options));

  /* Misuse and unknown names. */
  CHECK_FAILS(ctx, kk_options_set_integer(ctx, options, "vacancy.k", 3), KK_E_INVALID_ARGUMENT,
              "unknown option 'vacancy.k' (expected one of: execution.threads, execution.seed, disclosure.k");
  CHECK_FAILS(ctx, kk_options_set_integer(ctx, options, "vacancy.disclosure_k", 0),
              KK_E_INVALID_ARGUMENT, "option 'vacancy.disclosure_k' must be a whole number >= 1, got 0");
  CHECK_FAILS(ctx, kk_options_set_integer(ctx, options, "vacancy.min_units", -1),
              KK_E_INVALID_ARGUMENT, "must be a whole number >= 0, got -1");
  CHECK_FAILS(ctx, kk_options_set_integer(ctx, options, "vacancy.permutations", -1),
              KK_E_INVALID_ARGUMENT, "must be a whole number in [0, 100000], got -1");
  CHECK_FAILS(ctx, kk_options_set_integer(ctx, options, "hotspots.permutations", 4294967296LL),
              KK_E_INVALID_ARGUMENT, "got 4294967296");
  CHECK_FAILS(ctx, kk_options_set_integer(ctx, options, "vacancy.seed", -5),
              KK_E_INVALID_ARGUMENT, "'vacancy.seed' must be a whole number in [0, 18446744073709551615], got -5");
  CHECK_FAILS(ctx, kk_options_set_integer(ctx, NULL, "vacancy.seed", 1), KK_E_API_MISUSE,
              "'options' is NULL");
  CHECK_FAILS(ctx, kk_options_set_integer(ctx, options, NULL, 1), KK_E_API_MISUSE,
              "'name' is NULL");
  CHECK_MISUSE_NO_CTX(kk_options_set_integer(NULL, options, "vacancy.seed", 1));
  CHECK_FAILS(ctx, kk_options_set_real(ctx, options, "vacancy.seed", 1.0), KK_E_INVALID_ARGUMENT,
              "option 'execution.seed' is of type integer: set it with kk_options_set_integer");
  CHECK_FAILS(ctx, kk_options_set_real(ctx, NULL, "vacancy.confidence", 0.9), KK_E_API_MISUSE,
              "'options' is NULL");
  CHECK_FAILS(ctx, kk_options_set_real(ctx, options, NULL, 0.9), KK_E_API_MISUSE, "'name' is NULL");
  CHECK_MISUSE_NO_CTX(kk_options_set_real(NULL, options, "vacancy.confidence", 0.9));
  CHECK_FAILS(ctx, kk_options_set_text(ctx, options, "vacancy.peildatum", "2025-01-01"),
              KK_E_INVALID_ARGUMENT, "unknown option 'vacancy.peildatum'");
  CHECK_FAILS(ctx, kk_options_set_text(ctx, options, "vacancy.reference_date", "1 januari"),
              KK_E_INVALID_ARGUMENT, "must be a date YYYY-MM-DD");
  CHECK_FAILS(ctx, kk_options_set_text(ctx, options, "vacancy.hotspot_value", "median"),
              KK_E_INVALID_ARGUMENT, "must be one of: rate, count, got 'median'");
  CHECK_FAILS(ctx, kk_options_set_boolean(ctx, options, "hotspots.value", 1), KK_E_INVALID_ARGUMENT,
              "option 'hotspots.value' is of type text: set it with kk_options_set_text");
  CHECK_FAILS(ctx, kk_options_set_boolean(ctx, NULL, "disclosure.internal", 1), KK_E_API_MISUSE,
              "'options' is NULL");
  CHECK_MISUSE_NO_CTX(kk_options_set_boolean(NULL, options, "disclosure.internal", 1));
  CHECK_FAILS(ctx, kk_options_set_text(ctx, options, "vacancy.hotspot_value", NULL),
              KK_E_API_MISUSE, "'value' is NULL");
  CHECK_FAILS(ctx, kk_options_set_text(ctx, options, NULL, "rate"), KK_E_API_MISUSE,
              "'name' is NULL");
  CHECK_FAILS(ctx, kk_options_set_text(ctx, NULL, "vacancy.hotspot_value", "rate"),
              KK_E_API_MISUSE, "'options' is NULL");
  CHECK_MISUSE_NO_CTX(kk_options_set_text(NULL, options, "vacancy.hotspot_value", "rate"));

  /* Every range is checked when the value is set, before any run. */
  CHECK_FAILS(ctx, kk_options_set_real(ctx, options, "vacancy.confidence", 1.5), KK_E_INVALID_ARGUMENT,
              "option 'vacancy.confidence' must be a number in (0, 1), got 1.5");
  CHECK_FAILS(ctx, kk_options_set_real(ctx, options, "vacancy.confidence", NAN), KK_E_INVALID_ARGUMENT,
              "must be a number in (0, 1)");
  CHECK_OK(ctx, kk_options_set_real(ctx, options, "vacancy.confidence", 0.5));
  CHECK_OK(ctx, kk_options_set_real(ctx, options, "vacancy.confidence", 0.9)); /* replaces */

  /* The whole seed range, 0 ... 2^64 - 1: kk_options_set_seed (kk_options_set_integer's
     int64_t stops at 2^63 - 1). */
  CHECK_OK(ctx, kk_options_set_seed(ctx, options, UINT64_MAX));
  CHECK_OK(ctx, kk_options_set_seed(ctx, options, 0));
  CHECK_FAILS(ctx, kk_options_set_seed(ctx, NULL, 1), KK_E_API_MISUSE, "'options' is NULL");
  CHECK_MISUSE_NO_CTX(kk_options_set_seed(NULL, options, 1));

  /* Every option accepted together; the values reach the engine. */
  CHECK_OK(ctx, kk_options_set_integer(ctx, options, "vacancy.disclosure_k", 1));
  CHECK_OK(ctx, kk_options_set_integer(ctx, options, "vacancy.min_units", 2));
  CHECK_OK(ctx, kk_options_set_integer(ctx, options, "vacancy.permutations", 99));
  CHECK_OK(ctx, kk_options_set_integer(ctx, options, "vacancy.seed", 42));
  CHECK_OK(ctx, kk_options_set_real(ctx, options, "vacancy.benchmark_rate", 0.07));
  CHECK_OK(ctx, kk_options_set_real(ctx, options, "vacancy.hotspot_cell_size_m", 500));
  CHECK_OK(ctx, kk_options_set_real(ctx, options, "vacancy.hotspot_distance_band_m", NAN));
  CHECK_OK(ctx, kk_options_set_real(ctx, options, "vacancy.fdr_alpha", 0.1));
  CHECK_OK(ctx, kk_options_set_text(ctx, options, "vacancy.hotspot_value", "count"));
  /* 2023-07-01: P2 has been vacant one month, not more than a year. */
  CHECK_OK(ctx, kk_options_set_text(ctx, options, "vacancy.reference_date", "2023-07-01"));
  CHECK_OK(ctx, kk_analysis_run(ctx, project, options, &result));
  if (result != NULL) {
    const int64_t none_1y_plus[3] = {0, 0, 0};
    const int64_t below_min[3] = {0, 1, 0}; /* ALF 3 and buitengebied 2 units reach 2; BET 1 */
    const double benchmark[3] = {0.07, 0.07, 0.07};
    check_integer_column(ctx, result, "n_vacant_1y_plus", none_1y_plus);
    check_integer_column(ctx, result, "below_min_units", below_min);
    check_real_column(ctx, result, "benchmark_rate", benchmark);
    /* k = 1: every row is published. BET x unknown sector (row 3: P5, without a status) has
       no unit with a known status at all: an empty cell describes no unit and is published. */
    CHECK_OK(ctx, kk_result_integer_column_data(ctx, result, "kern_sector", "suppressed", &integers, &n));
    CHECK(n == 6);
    for (i = 0; integers != NULL && i < n; ++i) CHECK(integers[i] == 0);
    CHECK_OK(ctx, kk_result_is_internal(ctx, result, &internal));
    CHECK(internal == 0);
  }
  kk_result_destroy(result);
  result = NULL;

  /* Internal output: unsuppressed with the default k, and marked as such. */
  kk_options_destroy(options);
  CHECK_OK(ctx, kk_options_create(ctx, &options));
  CHECK_OK(ctx, kk_options_set_internal(ctx, options, 1));
  CHECK_OK(ctx, kk_analysis_run(ctx, project, options, &result));
  if (result != NULL) {
    const char* text = NULL;
    CHECK_OK(ctx, kk_result_is_internal(ctx, result, &internal));
    CHECK(internal == 1);
    CHECK_OK(ctx, kk_result_integer_column_data(ctx, result, "kern_sector", "suppressed", &integers, &n));
    for (i = 0; integers != NULL && i < n; ++i) CHECK(integers[i] == 0);
    /* Row 0 is ALF x G: P1 (occupied) and P2 (vacant). */
    CHECK_OK(ctx, kk_result_text_cell(ctx, result, "kern_sector", "sbi_section", 0, &text));
    CHECK_STR(text, "G");
    CHECK_OK(ctx, kk_result_integer_column_data(ctx, result, "kern_sector", "n_vacant", &integers, &n));
    CHECK(integers != NULL && integers[0] == 1);
  }
  kk_result_destroy(result);
  kk_options_destroy(options);
  kk_project_destroy(project);
  kk_context_destroy(ctx);
}

/* WKB handed out for a table row goes back in as a kern: GIS round trip. */
static void test_wkb_round_trip(void) {
  kk_context* ctx = new_context();
  kk_project* project = arrays_project(ctx);
  kk_project* again = NULL;
  kk_result* result = NULL;
  kk_result* second = NULL;
  unsigned char alf[256], bet[256];
  const unsigned char* wkb[2] = {alf, bet};
  size_t sizes[2] = {0, 0};
  const char* names[2] = {"Alfadorp", "Betaveen"};
  int32_t kern[7];
  size_t i;

  CHECK_OK(ctx, kk_analysis_run(ctx, project, NULL, &result));
  CHECK_OK(ctx, kk_result_geometry_wkb_size(ctx, result, "kern", 0, &sizes[0]));
  CHECK_OK(ctx, kk_result_geometry_wkb_size(ctx, result, "kern", 1, &sizes[1]));
  CHECK(sizes[0] <= sizeof alf && sizes[1] <= sizeof bet);
  CHECK_OK(ctx, kk_result_geometry_wkb(ctx, result, "kern", 0, alf, sizeof alf));
  CHECK_OK(ctx, kk_result_geometry_wkb(ctx, result, "kern", 1, bet, sizeof bet));
  CHECK_OK(ctx, kk_project_create(ctx, "Terug", NULL, &again));
  CHECK_OK(ctx, kk_project_set_kernen_wkb(ctx, again, 2, wkb, sizes, names, NULL, NULL));
  CHECK_OK(ctx, kk_project_set_locations_xy(ctx, again, 7, &kLocations[0].x, sizeof(test_location),
                                            &kLocations[0].y, sizeof(test_location), NULL));
  CHECK_OK(ctx, kk_analysis_run(ctx, again, NULL, &second));
  CHECK_OK(ctx, kk_result_location_kern_index(ctx, second, kern, 7));
  for (i = 0; i < 7; ++i) CHECK(kern[i] == kExpectedKern[i]);
  kk_result_destroy(second);
  kk_result_destroy(result);
  kk_project_destroy(again);
  kk_project_destroy(project);
  kk_context_destroy(ctx);
}

/* Progress reports and cancelling through the callback. */
typedef struct {
  int calls;
  int cancel_at; /* 0: never cancel; k: return 0 on the k-th call */
  int bad_fraction;
  char last_step[128];
  double last_fraction;
} progress_log;

static int log_progress(const char* step, double fraction, void* user) {
  progress_log* log = (progress_log*)user;
  ++log->calls;
  if (!(fraction >= 0.0 && fraction <= 1.0)) ++log->bad_fraction;
  snprintf(log->last_step, sizeof log->last_step, "%s", step);
  log->last_fraction = fraction;
  return log->cancel_at == 0 || log->calls < log->cancel_at;
}

static void test_progress_and_cancel(void) {
  kk_context* ctx = new_context();
  kk_options* options = NULL;
  kk_project* project = NULL;
  kk_result* result = NULL;
  progress_log log;
  char path[1024];
  data_path(path, sizeof path, "project.toml");

  CHECK_OK(ctx, kk_options_create(ctx, &options));
  memset(&log, 0, sizeof log);
  CHECK_OK(ctx, kk_options_set_progress(ctx, options, log_progress, &log));

  /* Cancelled while reading. */
  log.cancel_at = 1;
  CHECK_FAILS(ctx, kk_project_open_config(ctx, path, options, &project), KK_E_CANCELLED,
              "cancelled by the caller");
  CHECK(project == NULL);
  CHECK(log.calls == 1);

  /* Reading and running to the end report steps with fractions in [0, 1]. */
  memset(&log, 0, sizeof log);
  CHECK_OK(ctx, kk_project_open_config(ctx, path, options, &project));
  CHECK(log.calls >= 2);
  memset(&log, 0, sizeof log);
  CHECK_OK(ctx, kk_analysis_run(ctx, project, options, &result));
  CHECK(log.calls >= 3);
  CHECK(log.bad_fraction == 0);
  CHECK(log.last_fraction == 1.0);
  CHECK(strlen(log.last_step) > 0);
  kk_result_destroy(result);
  result = NULL;

  /* Cancelled on the first and on the last report of a run. */
  {
    const int total = log.calls;
    int at;
    for (at = 1; at <= total; at += total - 1) {
      memset(&log, 0, sizeof log);
      log.cancel_at = at;
      CHECK_FAILS(ctx, kk_analysis_run(ctx, project, options, &result), KK_E_CANCELLED,
                  "kk_analysis_run: cancelled by the caller");
      CHECK(result == NULL);
      CHECK(log.calls == at);
      if (total < 2) break;
    }
  }
  CHECK_STR(kk_status_string(KK_E_CANCELLED), "cancelled");

  kk_project_destroy(project);
  kk_options_destroy(options);
  kk_context_destroy(ctx);
}

static void test_write(void) {
  kk_context* ctx = new_context();
  kk_project* project = NULL;
  kk_result* result = NULL;
  char path[1024], dir[512], file[768], first[256];
  long lines;

  CHECK_OK(ctx, kk_project_open_config(ctx, data_path(path, sizeof path, "project.toml"), NULL,
                                       &project));
  CHECK_OK(ctx, kk_analysis_run(ctx, project, NULL, &result));
  kk_project_destroy(project); /* the result keeps what writing needs */

  /* Grain and keys: a later step finds an indicator by them. */
  {
    const char* text = NULL;
    size_t keys = 9, columns = 9, rows = 9, count = 9;
    const double* values = NULL;
    double transform[6] = {0};
    CHECK_OK(ctx, kk_result_table_grain(ctx, result, "kern", &text));
    CHECK(text != NULL && strcmp(text, "kern") == 0);
    CHECK_OK(ctx, kk_result_table_key_count(ctx, result, "kern", &keys));
    CHECK(keys == 1);
    CHECK_OK(ctx, kk_result_table_key(ctx, result, "kern", 0, &text));
    CHECK(text != NULL && strcmp(text, "kern_code") == 0);
    CHECK_OK(ctx, kk_result_table_grain(ctx, result, "kern_sector", &text));
    CHECK(text != NULL && strcmp(text, "kern_sector") == 0);
    CHECK_OK(ctx, kk_result_table_key_count(ctx, result, "kern_sector", &keys));
    CHECK(keys == 2);
    CHECK_OK(ctx, kk_result_table_key(ctx, result, "kern_sector", 1, &text));
    CHECK(text != NULL && strcmp(text, "sbi_section") == 0);
    CHECK_OK(ctx, kk_result_table_key_count(ctx, result, "vacancy_total", &keys));
    CHECK(keys == 0);
    CHECK_OK(ctx, kk_result_table_grain(ctx, result, "vacancy_hotspot", &text));
    CHECK(text != NULL && strcmp(text, "grid_cell") == 0);
    CHECK_FAILS(ctx, kk_result_table_key(ctx, result, "kern", 1, &text), KK_E_INVALID_ARGUMENT,
                "key 1 out of range (size 1)");
    CHECK_FAILS(ctx, kk_result_table_grain(ctx, result, "kernen", &text), KK_E_INVALID_ARGUMENT,
                "no result table named 'kernen'");
    CHECK_FAILS(ctx, kk_result_table_grain(ctx, NULL, "kern", &text), KK_E_API_MISUSE,
                "'result' is NULL");
    /* The clustering family's kernel density raster: 100 m cells over the kernen's box plus
       one bandwidth (500 m), one value per cell; an unknown name is refused. */
    CHECK_OK(ctx, kk_result_raster_count(ctx, result, &count));
    CHECK(count == 1);
    CHECK_OK(ctx, kk_result_raster_name(ctx, result, 0, &text));
    CHECK(text != NULL && strcmp(text, "density") == 0);
    CHECK_FAILS(ctx, kk_result_raster_name(ctx, result, 1, &text), KK_E_INVALID_ARGUMENT,
                "raster 1 out of range");
    CHECK_OK(ctx, kk_result_raster_size(ctx, result, "density", &columns, &rows));
    CHECK(columns > 10 && rows > 10);
    CHECK_OK(ctx, kk_result_raster_geotransform(ctx, result, "density", transform));
    CHECK(transform[1] == 100.0 && transform[5] == -100.0);
    CHECK_OK(ctx, kk_result_raster_data(ctx, result, "density", &values, &count));
    CHECK(values != NULL && count == columns * rows);
    CHECK_FAILS(ctx, kk_result_raster_size(ctx, result, "dichtheid", &columns, &rows),
                KK_E_INVALID_ARGUMENT, "no raster named 'dichtheid' (rasters: density)");
    CHECK(columns == 0 && rows == 0);
    CHECK_FAILS(ctx, kk_result_raster_geotransform(ctx, result, "density", NULL), KK_E_API_MISUSE,
                "'out' is NULL");
    CHECK_FAILS(ctx, kk_result_raster_geotransform(ctx, result, NULL, transform), KK_E_API_MISUSE,
                "'raster' is NULL");
  }

  out_path(dir, sizeof dir, "api");
  CHECK_OK(ctx, kk_result_write(ctx, result, dir));
  snprintf(file, sizeof file, "%s/kern_indicators.csv", dir);
  lines = count_lines(file, first, sizeof first);
  CHECK(lines == 4); /* header, ALF, BET, buitengebied */
  CHECK(strncmp(first, "kern_code,kern_name,n_locations,", 32) == 0);
  snprintf(file, sizeof file, "%s/kernkompas.gpkg", dir);
  CHECK(count_lines(file, first, sizeof first) > 0);
  CHECK(strncmp(first, "SQLite format 3", 15) == 0);

  /* Beside the output folder: a file in it that kk_result_write did not write is foreign. */
  snprintf(file, sizeof file, "%s-kern_table.csv", dir);
  CHECK_OK(ctx, kk_result_write_table_csv(ctx, result, "kern", file));
  CHECK(count_lines(file, first, sizeof first) == 4);
  CHECK(strncmp(first, "kern_code,kern_name,", 20) == 0);

  /* A folder below a regular file cannot be created; a CSV in a missing folder not written. */
  snprintf(path, sizeof path, "%s/sub", file);
  CHECK_FAILS(ctx, kk_result_write(ctx, result, path), KK_E_IO, "cannot write");
  CHECK(strstr(kk_context_last_error(ctx), "kern_table.csv/sub") != NULL);
  CHECK_FAILS(ctx, kk_result_write_table_csv(ctx, result, "kern", "/nonexistent-kk-dir/kern.csv"),
              KK_E_IO, "cannot write '/nonexistent-kk-dir/kern.csv'");

  kk_result_destroy(result);
  kk_context_destroy(ctx);
}

/* The embedded Wijdemeren data: totals must add up. */
static void test_default_data(void) {
  kk_context* ctx = new_context();
  kk_project* project = NULL;
  kk_result* result = NULL;
  size_t kernen = 0, locations = 0, rows = 0, i;
  const char* text = NULL;
  char dir[1024];

  CHECK_OK(ctx, kk_project_open_default(ctx, NULL, &project));
  if (project == NULL) {
    kk_context_destroy(ctx);
    return;
  }
  CHECK_OK(ctx, kk_project_area_name(ctx, project, &text));
  CHECK_STR(text, "Wijdemeren");
  CHECK_OK(ctx, kk_project_kern_count(ctx, project, &kernen));
  CHECK_OK(ctx, kk_project_location_count(ctx, project, &locations));
  CHECK(kernen > 0 && locations > 0);
  CHECK_OK(ctx, kk_analysis_run(ctx, project, NULL, &result));
  if (result == NULL) {
    kk_project_destroy(project);
    kk_context_destroy(ctx);
    return;
  }
  CHECK_OK(ctx, kk_result_row_count(ctx, result, "kern", &rows));
  CHECK(rows == kernen + 1);
  {
    int64_t* n = (int64_t*)calloc(rows, sizeof *n);
    int64_t* tally = (int64_t*)calloc(rows, sizeof *tally);
    int32_t* kern = (int32_t*)calloc(locations, sizeof *kern);
    int64_t total = 0;
    if (n == NULL || tally == NULL || kern == NULL) {
      fprintf(stderr, "out of memory\n");
      exit(2);
    }
    CHECK_OK(ctx, kk_result_integer_column(ctx, result, "kern", "n_locations", n, rows));
    for (i = 0; i < rows; ++i) total += n[i];
    CHECK(total == (int64_t)locations);
    /* The per-location kern index agrees with the counts per row. */
    CHECK_OK(ctx, kk_result_location_kern_index(ctx, result, kern, locations));
    for (i = 0; i < locations; ++i) {
      if (kern[i] == KK_BUITENGEBIED) {
        ++tally[kernen];
      } else if (kern[i] >= 0 && (size_t)kern[i] < kernen) {
        ++tally[kern[i]];
      } else {
        CHECK(!"kern index out of range");
      }
    }
    for (i = 0; i < rows; ++i) CHECK(tally[i] == n[i]);
    free(n);
    free(tally);
    free(kern);
  }
  out_path(dir, sizeof dir, "default");
  CHECK_OK(ctx, kk_result_write(ctx, result, dir));
  kk_result_destroy(result);
  kk_project_destroy(project);
  kk_context_destroy(ctx);
}

int main(int argc, char** argv) {
  const char* group = argc > 1 ? argv[1] : "all";
  const int api = strcmp(group, "all") == 0 || strcmp(group, "api") == 0;
  const int default_data = strcmp(group, "all") == 0 || strcmp(group, "default") == 0;
  if (!api && !default_data) {
    fprintf(stderr, "usage: %s [api|default]\n", argv[0]);
    return 2;
  }
  if (api) {
    test_version_and_status();
    test_context();
    test_options();
    test_option_list();
    test_config_project();
    test_config_errors();
    test_arrays_project();
    test_arrays_wgs84();
    test_kernen_wkb_errors();
    test_project_field_errors();
    test_project_accessor_misuse();
    test_result_misuse();
    test_indicator_options();
    test_wkb_round_trip();
    test_progress_and_cancel();
    test_write();
  }
  if (default_data) test_default_data();
  printf("%d checks, %d failed\n", g_checks, g_failures);
  return g_failures == 0 ? 0 : 1;
}
