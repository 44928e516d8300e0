// The one way a harness reports a broken invariant.
#include <cstdio>
#include <cstdlib>

#include "fuzz_target.hpp"

namespace kk::fuzz {

void invariant_failed(const char* harness, const char* what) {
  std::fprintf(stderr, "kk fuzz %s: invariant broken: %s\n", harness, what);
  std::abort();
}

}  // namespace kk::fuzz
