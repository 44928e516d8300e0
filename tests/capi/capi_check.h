/*
 * The tiny harness of the C API tests (C11, kernkompas.h only): count checks and report
 * failures with file:line and the context's error. Each test program includes it once.
 */
#ifndef KK_CAPI_CHECK_H
#define KK_CAPI_CHECK_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernkompas.h"

static int g_checks = 0;
static int g_failures = 0;

#define CHECK(cond)                                                        \
  do {                                                                     \
    ++g_checks;                                                            \
    if (!(cond)) {                                                         \
      ++g_failures;                                                        \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                      \
  } while (0)

/* The call must succeed. */
#define CHECK_OK(ctx, call)                                                               \
  do {                                                                                    \
    kk_status check_status_ = (call);                                                     \
    ++g_checks;                                                                           \
    if (check_status_ != KK_OK) {                                                         \
      ++g_failures;                                                                       \
      fprintf(stderr, "%s:%d: %s returned %d (%s): %s\n", __FILE__, __LINE__, #call,      \
              (int)check_status_, kk_status_string(check_status_), kk_context_last_error(ctx)); \
    }                                                                                     \
  } while (0)

/* The call must fail with `expected` and leave a message containing `fragment`. */
#define CHECK_FAILS(ctx, call, expected, fragment)                                          \
  do {                                                                                      \
    kk_status check_status_ = (call);                                                       \
    const char* check_message_ = kk_context_last_error(ctx);                                \
    ++g_checks;                                                                             \
    if (check_status_ != (expected) || check_message_ == NULL ||                            \
        strstr(check_message_, (fragment)) == NULL) {                                       \
      ++g_failures;                                                                         \
      fprintf(stderr, "%s:%d: %s returned %d, wanted %d; message '%s' should contain '%s'\n", \
              __FILE__, __LINE__, #call, (int)check_status_, (int)(expected),               \
              check_message_ ? check_message_ : "(null)", (fragment));                      \
    }                                                                                       \
  } while (0)

/* |actual - expected| <= tolerance; a NaN expected value wants NaN. */
#define CHECK_CLOSE(actual, expected, tolerance)                                             \
  do {                                                                                       \
    double check_a_ = (actual), check_e_ = (expected);                                       \
    ++g_checks;                                                                              \
    if (!(isnan(check_e_) ? isnan(check_a_) : fabs(check_a_ - check_e_) <= (tolerance))) {   \
      ++g_failures;                                                                          \
      fprintf(stderr, "%s:%d: %s is %.17g, wanted %.17g\n", __FILE__, __LINE__, #actual,     \
              check_a_, check_e_);                                                           \
    }                                                                                        \
  } while (0)

/* Without a context there is no message; only the status can be checked. */
#define CHECK_MISUSE_NO_CTX(call) CHECK((call) == KK_E_API_MISUSE)

/* A context, or exit(2) when none can be made. */
static kk_context* new_context(void) {
  kk_context* ctx = NULL;
  if (kk_context_create(&ctx) != KK_OK || ctx == NULL) {
    fprintf(stderr, "cannot create a kk_context\n");
    exit(2);
  }
  return ctx;
}

#endif /* KK_CAPI_CHECK_H */
