// What every harness shares at run time: the report of a broken invariant, and the leaks
// LeakSanitizer must not count (in the libFuzzer programs and the regression test alike).
#include <cstdio>
#include <cstdlib>

#include "fuzz_target.hpp"

namespace kk::fuzz {

void invariant_failed(const char* harness, const char* what) {
  std::fprintf(stderr, "kk fuzz %s: invariant broken: %s\n", harness, what);
  std::abort();
}

}  // namespace kk::fuzz

// Leaks inside third-party libraries that kernkompas cannot free: GDAL's XML-based drivers
// (JML, GML, ...) leave expat parser buffers behind on some malformed files (GDAL 3.6; found
// by the read_path harness, regressions/read_path/gdal_jml_expat_leak). LeakSanitizer calls
// this when present; without a sanitizer it is never called.
extern "C" const char* __lsan_default_suppressions() { return "leak:libexpat.so\n"; }
