// A tiny demonstration family, registered like any other when the build sets
// KK_DEMO_FAMILY=ON (test builds): it shows that a family is one folder, one registry line
// and its option table, and that TOML, C and Python configure it with nothing else edited.
#pragma once

#include "kernkompas/families.hpp"

namespace kk::demo {

const Family& demo_family();

}  // namespace kk::demo
