// The vacancy family: vacancy per kern, in total, per kern × sector and × function, and the
// change between dated registers.
#pragma once

#include "kernkompas/families.hpp"

namespace kk::vacancy {

const Family& vacancy_family();

}  // namespace kk::vacancy
