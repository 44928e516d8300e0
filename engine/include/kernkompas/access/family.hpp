// The accessibility family (bereikbaarheid, issue 11): distance and travel time from every
// business location to the nearest facility of each type, over the road network or as the
// crow flies times a detour factor; per kern the CBS-style proximity statistics; the
// population in reach with Hansen and 2SFCA; service areas. The computation lives in
// kernkompas/network; this family runs it on the run's locations, facilities and roads.
#pragma once

#include "kernkompas/families.hpp"

namespace kk::access {

const Family& accessibility_family();

}  // namespace kk::access
