// Sector concentration per kern: diversity columns on the kern table, location quotients per
// kern × SBI section, and the colocation quotient of two chosen sections.
#pragma once

#include <string>

#include "kernkompas/analysis.hpp"
#include "kernkompas/context.hpp"

namespace kk::clustering {

// Adds sbi_shannon, sbi_evenness (H / ln S), sbi_evenness_21 (H / ln 21), sbi_hhi and
// sbi_sections_present to the kern table (buitengebied included: it is a row like any
// other), and the table sector_lq: one row per kern × SBI section present in the area, with
// n_locations, share and lq against the whole area (every location with a section,
// buitengebied included) or, when `reference` is not empty, against it: "G:0.18,I:0.09,…",
// shares or counts per section letter (e.g. the country's), unlisted sections 0. Counts per
// kern and section are published in the kern table (n_sbi_*), so these add nothing to
// withhold. Throws kk::Error naming clustering.lq_reference for a malformed reference.
void add_sector_concentration(const RunContext& context, const std::string& reference, AnalysisResult& result);

// The colocation quotient CLQ(a → b) of SBI sections `a` and `b` (one letter each) over
// every location with coordinates and a section, with a seeded permutation p: the table
// colocation. Published output withholds it when either section has 1 … k − 1 locations.
void add_colocation(const RunContext& context, char a, char b, uint32_t permutations, AnalysisResult& result);

}  // namespace kk::clustering
