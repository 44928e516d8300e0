// The readable per-kern summary the command prints.
#pragma once

#include <ostream>

#include "kernkompas/analysis.hpp"
#include "kernkompas/core/table.hpp"

namespace kk::cli {

// Prints kern, n, area, density, population and the three largest SBI sections per row.
void print_summary(const Table& kern_indicators, const std::string& area_name, std::ostream& out);

// Prints vacancy per kern (rate with its Wilson interval, duration classes, change) when the
// result has vacancy columns; nothing otherwise.
void print_vacancy_summary(const AnalysisResult& result, const vacancy::Options& options, std::ostream& out);

}  // namespace kk::cli
