// The pattern family: where vacancy concentrates (Gi* hot spots on a grid). Clustering
// statistics join it here.
#pragma once

#include "kernkompas/families.hpp"

namespace kk::pattern {

const Family& hotspot_family();

}  // namespace kk::pattern
