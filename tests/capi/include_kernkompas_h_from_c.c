/*
 * Compiles kernkompas.h as plain C11 on its own, with every warning an error: the public
 * header must need nothing but itself and the C standard library (as PROJ's
 * test/unit/include_proj_h_from_c.c does for proj.h).
 */
#include "kernkompas.h"

/* Uses a few declarations so the compiler looks at the types, not just the macros. */
static kk_status (*const kVersionCheck)(kk_context**) = kk_context_create;

int main(void) {
  kk_column_type type = KK_COLUMN_REAL;
  kk_status status = KK_OK;
  kk_progress_fn progress = 0;
  (void)progress;
  return (kVersionCheck != 0 && type == KK_COLUMN_REAL && status == KK_OK &&
          KK_VERSION_NUMBER >= 100)
             ? 0
             : 1;
}
