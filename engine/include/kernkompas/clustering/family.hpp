// The clustering family: how the businesses of a kern concentrate (issue 10). Its statistics
// live in kernkompas/stats (usable on any layer); this family runs them on the run's
// locations and kernen and adds the results: kernel density rasters so far.
#pragma once

#include "kernkompas/families.hpp"

namespace kk::clustering {

const Family& clustering_family();

}  // namespace kk::clustering
