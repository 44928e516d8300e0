// The readable per-kern summary the command prints.
#pragma once

#include <ostream>

#include "kernkompas/core/table.hpp"

namespace kk::cli {

// Prints kern, n, area, density, population and the three largest SBI sections per row.
void print_summary(const Table& kern_indicators, const std::string& area_name, std::ostream& out);

}  // namespace kk::cli
