/*
 * The example of docs/c-api.md, compiled and run by ctest (capi_example) so the guide
 * cannot drift from the header. Prints the kernen of the embedded Wijdemeren data with
 * their establishment counts and density, and writes the CLI's outputs to argv[1].
 */
#include <stdio.h>
#include <stdlib.h>

#include "kernkompas.h"

/* Prints the failed call's status and the context's detailed message, then stops. */
static void check(kk_context* ctx, kk_status status, const char* what) {
  if (status == KK_OK) return;
  fprintf(stderr, "%s failed: %s: %s\n", what, kk_status_string(status),
          kk_context_last_error(ctx));
  exit(1);
}

static int show_progress(const char* step, double fraction, void* user) {
  (void)user;
  fprintf(stderr, "%-40s %3.0f%%\n", step, 100.0 * fraction);
  return 1; /* 0 would cancel: the call then returns KK_E_CANCELLED */
}

int main(int argc, char** argv) {
  kk_context* ctx = NULL;
  kk_options* options = NULL;
  kk_project* project = NULL;
  kk_result* result = NULL;
  size_t rows = 0, row;
  double* density = NULL;
  const int64_t* n_locations = NULL;
  size_t n_count = 0;

  if (kk_context_create(&ctx) != KK_OK) return 1; /* one context per thread */
  check(ctx, kk_options_create(ctx, &options), "kk_options_create");
  check(ctx, kk_options_set_threads(ctx, options, 2), "kk_options_set_threads");
  check(ctx, kk_options_set_progress(ctx, options, show_progress, NULL), "kk_options_set_progress");
  check(ctx, kk_options_set_integer(ctx, options, "execution.seed", 20250101), "kk_options_set_integer");

  /* The embedded data; kk_project_open_config(ctx, "my.toml", options, &project) for yours. */
  check(ctx, kk_project_open_default(ctx, options, &project), "kk_project_open_default");
  check(ctx, kk_analysis_run(ctx, project, options, &result), "kk_analysis_run");

  /* Table "kern": one row per kern, then buitengebied. Size the buffer, then copy. */
  check(ctx, kk_result_row_count(ctx, result, "kern", &rows), "kk_result_row_count");
  density = malloc(rows * sizeof *density);
  if (density == NULL) return 1;
  check(ctx, kk_result_real_column(ctx, result, "kern", "density_per_km2", density, rows),
        "kk_result_real_column");
  /* Or read without copying: the array belongs to the result, valid until it is destroyed. */
  check(ctx, kk_result_integer_column_data(ctx, result, "kern", "n_locations", &n_locations, &n_count),
        "kk_result_integer_column_data");

  for (row = 0; row < rows; ++row) {
    const char* name = NULL; /* owned by the result: never free it */
    check(ctx, kk_result_text_cell(ctx, result, "kern", "kern_name", row, &name),
          "kk_result_text_cell");
    printf("%-20s %6lld establishments %8.1f per km2\n", name, (long long)n_locations[row],
           density[row]); /* NaN density for buitengebied: it has no area */
  }
  free(density);

  /* The same GeoPackage and CSV files as `kernkompas run --out DIR`. */
  if (argc > 1) check(ctx, kk_result_write(ctx, result, argv[1]), "kk_result_write");

  kk_result_destroy(result);
  kk_project_destroy(project);
  kk_options_destroy(options);
  kk_context_destroy(ctx);
  return 0;
}
