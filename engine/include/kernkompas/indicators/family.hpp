// The basic family: counts, sector mix, area, density and population per kern. It runs
// first and creates the kern table every other family adds to.
#pragma once

#include "kernkompas/families.hpp"

namespace kk::indicators {

const Family& basic_family();

}  // namespace kk::indicators
