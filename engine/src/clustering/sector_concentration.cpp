// Sector concentration per kern and the colocation quotient.
#include "sector_concentration.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <string>
#include <vector>

#include "kernkompas/core/disclosure.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/core/sbi.hpp"
#include "kernkompas/stats/concentration.hpp"

namespace kk::clustering {

namespace {

// "G:0.18,I:0.09" as 21 amounts in section order; empty text: no reference.
std::vector<double> parse_reference(const std::string& text) {
  std::vector<double> amounts;
  if (text.empty()) return amounts;
  amounts.assign(kSbiSections.size(), 0.0);
  auto refuse = [&text](const std::string& why) {
    throw Error(ErrorCode::kInvalidArgument, "clustering.lq_reference: " + why + " in '" + text +
                                                 "' (write section:amount pairs, e.g. \"G:0.18,I:0.09\")");
  };
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(',', start), text.size());
    const std::string pair = text.substr(start, end - start);
    const size_t colon = pair.find(':');
    if (colon != 1 || std::find(kSbiSections.begin(), kSbiSections.end(), pair[0]) == kSbiSections.end()) {
      refuse("'" + pair + "' is not a section letter A-U with ':' and an amount");
    }
    char* parsed_end = nullptr;
    const std::string number = pair.substr(2);
    const double amount = std::strtod(number.c_str(), &parsed_end);
    if (number.empty() || *parsed_end != '\0' || !std::isfinite(amount) || amount < 0.0) {
      refuse("the amount of section " + std::string(1, pair[0]) + " is not a number >= 0");
    }
    amounts[static_cast<size_t>(sbi_section_index(pair[0]))] = amount;
    start = end + 1;
  }
  if (std::accumulate(amounts.begin(), amounts.end(), 0.0) <= 0.0) refuse("the amounts add up to 0");
  return amounts;
}

}  // namespace

void add_sector_concentration(const RunContext& context, const std::string& reference, AnalysisResult& result) {
  const std::vector<double> reference_amounts = parse_reference(reference);
  const KernLayer& kernen = context.input.kernen;
  const LocationLayer& l = context.input.locations;
  const size_t rows = kernen.size() + 1;
  constexpr size_t kSections = kSbiSections.size();
  std::vector<double> counts(rows * kSections, 0.0);
  for (size_t i = 0; i < l.size(); ++i) {
    const std::optional<char> section = i < l.sbi.size() ? sbi_section(l.sbi[i]) : std::nullopt;
    if (!section) continue;
    const size_t row = assign::kern_row(context.assignment.kern[i], kernen.size());
    counts[row * kSections + static_cast<size_t>(sbi_section_index(*section))] += 1.0;
  }
  const stats::CategoryTable table{counts, rows, kSections};
  const stats::Diversity diversity = stats::diversity(table);
  Table& kern = result.kern_table();
  kern.add_real("sbi_shannon", diversity.shannon, "", "Shannon diversity of the SBI sections, H = -sum p ln p");
  kern.add_real("sbi_evenness", diversity.evenness, "fraction", "H / ln S, S = sections present");
  kern.add_real("sbi_evenness_21", diversity.evenness_all, "fraction", "H / ln 21");
  kern.add_real("sbi_hhi", diversity.hhi, "fraction", "Herfindahl-Hirschman index of the section shares");
  std::vector<int64_t> present(diversity.categories_present.begin(), diversity.categories_present.end());
  kern.add_integer("sbi_sections_present", present);

  const std::vector<double> lq = stats::location_quotients(table, reference_amounts);
  std::vector<double> area_total(kSections, 0.0);
  for (size_t row = 0; row < rows; ++row) {
    for (size_t s = 0; s < kSections; ++s) area_total[s] += counts[row * kSections + s];
  }
  std::vector<std::string> code, name, section;
  std::vector<int64_t> n;
  std::vector<double> share, quotient;
  for (size_t row = 0; row < rows; ++row) {
    double row_total = 0.0;
    for (size_t s = 0; s < kSections; ++s) row_total += counts[row * kSections + s];
    for (size_t s = 0; s < kSections; ++s) {
      if (area_total[s] == 0.0) continue;  // a section absent from the whole area
      code.push_back(row < kernen.size() ? kernen.code[row] : "buitengebied");
      name.push_back(row < kernen.size() ? kernen.name[row] : "buitengebied");
      section.emplace_back(1, kSbiSections[s]);
      n.push_back(static_cast<int64_t>(counts[row * kSections + s]));
      share.push_back(row_total > 0.0 ? counts[row * kSections + s] / row_total : std::nan(""));
      quotient.push_back(lq[row * kSections + s]);
    }
  }
  Table t;
  t.add_text("kern_code", code);
  t.add_text("kern_name", name);
  t.add_text("sbi_section", section);
  t.add_integer("n_locations", n);
  t.add_real("share", share, "fraction", "the section's share of the kern's locations");
  t.add_real("lq", quotient, "",
             reference.empty() ? "location quotient against the whole area: above 1 over-represented"
                               : "location quotient against clustering.lq_reference: above 1 over-represented");
  result.tables.push_back({"sector_lq", std::move(t), std::nullopt, std::string(grain::kKernSector),
                           {"kern_code", "sbi_section"}});
}

void add_colocation(const RunContext& context, char a, char b, uint32_t permutations, AnalysisResult& result) {
  const LocationLayer& l = context.input.locations;
  std::vector<double> x, y;
  std::vector<int32_t> category;
  for (size_t i = 0; i < l.size(); ++i) {
    const std::optional<char> section = i < l.sbi.size() ? sbi_section(l.sbi[i]) : std::nullopt;
    if (!section || !std::isfinite(l.x[i]) || !std::isfinite(l.y[i])) continue;
    x.push_back(l.x[i]);
    y.push_back(l.y[i]);
    category.push_back(sbi_section_index(*section));
  }
  stats::ColocationOptions options;
  options.permutations = permutations;
  options.seed = context.execution.seed;
  options.threads = context.execution.threads;
  options.progress = context.execution.progress;
  const stats::ColocationResult clq =
      stats::colocation_quotient(x, y, category, sbi_section_index(a), sbi_section_index(b), options);
  Table t;
  t.add_text("section_a", {std::string(1, a)});
  t.add_text("section_b", {std::string(1, b)});
  t.add_integer("n_a", {static_cast<int64_t>(clq.count_a)});
  t.add_integer("n_b", {static_cast<int64_t>(clq.count_b)});
  t.add_real("clq", {clq.clq}, "", "colocation quotient CLQ(a -> b): above 1 the a's have b's as nearest neighbour more often than chance");
  t.add_real("p_sim", {clq.p_sim}, "", "pseudo p of the CLQ by relabelling the sections");
  CellRisk risk;
  risk.units = {std::min<int64_t>(static_cast<int64_t>(clq.count_a), static_cast<int64_t>(clq.count_b))};
  const std::string_view keep[] = {"section_a", "section_b"};
  suppress_cells(t, risk, context.disclosure, keep, "locations of the smaller section");
  result.tables.push_back({"colocation", std::move(t), std::nullopt, std::string(grain::kArea), {}});
}

}  // namespace kk::clustering
