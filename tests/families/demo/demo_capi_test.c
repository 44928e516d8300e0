/* The demonstration family through the C API alone (kernkompas.h): listed, configured by
   name, and its kern column, grid table and raster read back. Built with KK_DEMO_FAMILY. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kernkompas.h"

#include "capi_check.h"

#define OK(call) CHECK_OK(ctx, call)

int main(int argc, char** argv) {
  kk_context* ctx = new_context();
  kk_options* options = NULL;
  kk_project* project = NULL;
  kk_result* result = NULL;
  size_t count = 0, i, columns = 0, rows = 0, found = 0;
  const char* text = NULL;
  const double* values = NULL;
  const int64_t* integers = NULL;
  double transform[6];
  if (argc < 2) return 2;

  /* Listed with the other options. */
  OK(kk_option_count(ctx, &count));
  for (i = 0; i < count; ++i) {
    OK(kk_option_name(ctx, i, &text));
    if (text != NULL && strcmp(text, "demo.cell_size_m") == 0) found = 1;
  }
  CHECK(found == 1);

  OK(kk_project_open_config(ctx, argv[1], NULL, &project));
  OK(kk_options_create(ctx, &options));
  OK(kk_options_set_boolean(ctx, options, "demo.enabled", 1));
  OK(kk_options_set_real(ctx, options, "demo.cell_size_m", 1000));
  OK(kk_options_set_text(ctx, options, "demo.label", "uit C"));
  OK(kk_options_set_integer(ctx, options, "disclosure.k", 1));
  CHECK(kk_options_set_real(ctx, options, "demo.cell_size_m", -1) == KK_E_INVALID_ARGUMENT);
  CHECK(strstr(kk_context_last_error(ctx), "option 'demo.cell_size_m' must be a number > 0") != NULL);
  OK(kk_analysis_run(ctx, project, options, &result));

  /* Kern column: ALF holds P1-P3, BET P4-P5, buitengebied P6-P7. */
  OK(kk_result_integer_column_data(ctx, result, "kern", "demo_locations", &integers, &count));
  CHECK(count == 3 && integers[0] == 3 && integers[1] == 2 && integers[2] == 2);
  OK(kk_result_table_grain(ctx, result, "demo_cells", &text));
  CHECK(text != NULL && strcmp(text, "grid_cell") == 0);
  OK(kk_result_text_cell(ctx, result, "demo_cells", "label", 0, &text));
  CHECK(text != NULL && strcmp(text, "uit C") == 0);

  /* Raster: 6 x 6 cells of 1 km from (131000, 465000); the southern row holds 3, 1, 1, 1.
     It comes after the clustering family's density raster (families run in registry order). */
  OK(kk_result_raster_count(ctx, result, &count));
  CHECK(count == 2);
  OK(kk_result_raster_name(ctx, result, 0, &text));
  CHECK(text != NULL && strcmp(text, "density") == 0);
  OK(kk_result_raster_name(ctx, result, 1, &text));
  CHECK(text != NULL && strcmp(text, "demo_count") == 0);
  OK(kk_result_raster_size(ctx, result, "demo_count", &columns, &rows));
  CHECK(columns == 6 && rows == 6);
  OK(kk_result_raster_geotransform(ctx, result, "demo_count", transform));
  CHECK(transform[0] == 131000 && transform[1] == 1000 && transform[3] == 471000 && transform[5] == -1000);
  OK(kk_result_raster_data(ctx, result, "demo_count", &values, &count));
  CHECK(count == 36);
  if (values != NULL && count == 36) {
    CHECK(values[30] == 3 && values[31] == 1 && values[32] == 1 && values[33] == 1);
    CHECK(isnan(values[34]) && isnan(values[0]) && values[5] == 1); /* P7 in the north-east */
  }
  if (argc > 2) OK(kk_result_write(ctx, result, argv[2]));

  kk_result_destroy(result);
  kk_project_destroy(project);
  kk_options_destroy(options);
  kk_context_destroy(ctx);
  printf("%d checks, %d failed\n", g_checks, g_failures);
  return g_failures == 0 ? 0 : 1;
}
