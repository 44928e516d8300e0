// Summary table for the terminal.
#include "summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "kernkompas/core/sbi.hpp"

namespace kk::cli {
namespace {

std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string pad(const std::string& text, size_t width, bool right) {
  // Width in characters, not bytes: kern names may hold UTF-8.
  size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  const std::string fill(width > chars ? width - chars : 0, ' ');
  return right ? fill + text : text + fill;
}

std::string top_sections(const Table& t, size_t row) {
  std::vector<std::pair<int64_t, char>> counts;
  for (char s : kSbiSections) {
    counts.emplace_back(t.at(std::string("n_sbi_") + s).integers[row], s);
  }
  std::stable_sort(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.first > b.first; });
  std::string text;
  for (size_t i = 0; i < 3 && counts[i].first > 0; ++i) {
    text += (i ? " " : "") + std::string(1, counts[i].second) + ":" + std::to_string(counts[i].first);
  }
  return text;
}

// Aligned text columns: a title and width per column, then rows of cells.
class TextTable {
 public:
  struct Heading {
    std::string title;
    size_t width;
    bool right;
  };
  explicit TextTable(std::vector<Heading> headings) : headings_(std::move(headings)) {}

  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

  void print(std::ostream& out) const {
    print_row(out, [&](size_t c) { return headings_[c].title; }, headings_.size());
    for (const auto& row : rows_) print_row(out, [&](size_t c) { return row[c]; }, row.size());
  }

 private:
  template <typename Cell>
  void print_row(std::ostream& out, Cell cell, size_t count) const {
    std::string line;
    for (size_t c = 0; c < count; ++c) line += pad(cell(c), headings_[c].width, headings_[c].right) + "  ";
    out << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
  }
  std::vector<Heading> headings_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace

void print_summary(const Table& t, const std::string& area_name, std::ostream& out) {
  const auto& names = t.at("kern_name").texts;
  const auto& n = t.at("n_locations").integers;
  const auto& area = t.at("area_km2").reals;
  const auto& density = t.at("density_per_km2").reals;
  const auto& population = t.at("population").reals;
  const auto& per_1000 = t.at("locations_per_1000_inhabitants").reals;

  out << "\n" << area_name << ": establishments per kern\n\n";
  TextTable table({{"kern", 22, false}, {"n", 7, true}, {"area km2", 9, true}, {"per km2", 9, true},
                   {"inhabitants", 12, true}, {"per 1000 inh.", 14, true}, {"top SBI sections", 0, false}});
  int64_t total = 0;
  double total_population = 0;
  for (size_t row = 0; row < t.row_count(); ++row) {
    total += n[row];
    if (!std::isnan(population[row])) total_population += population[row];
    table.add_row({names[row], std::to_string(n[row]), fixed(area[row], 2), fixed(density[row], 1),
                   fixed(population[row], 0), fixed(per_1000[row], 1), top_sections(t, row)});
  }
  table.add_row({"total", std::to_string(total), "", "", fixed(total_population, 0), "", ""});
  table.print(out);
}

void print_vacancy_summary(const AnalysisResult& result, const vacancy::Options& options, std::ostream& out) {
  const Table& t = result.kern_indicators();
  if (t.find("n_vacant") == nullptr) return;
  const auto& names = t.at("kern_name").texts;
  const auto& units = t.at("n_units_with_status").integers;
  const auto& vacant = t.at("n_vacant").integers;
  const auto& rate = t.at("vacancy_rate_units").reals;
  const auto& low = t.at("vacancy_rate_units_ci_low").reals;
  const auto& high = t.at("vacancy_rate_units_ci_high").reals;
  const auto& floor = t.at("vacancy_rate_floor").reals;
  const auto& frictional = t.at("n_frictional").integers;
  const auto& long_term = t.at("n_long_term").integers;
  const auto& structural = t.at("n_structural").integers;
  const auto& unknown = t.at("n_duration_unknown").integers;
  const auto& small = t.at("below_min_units").integers;
  const Table* change = result.find_table("vacancy_change");

  out << "\nVacancy (leegstand) per kern, 95% Wilson interval; duration classes <1y / 1-3y / >=3y / unknown\n\n";
  TextTable table({{"kern", 22, false}, {"units", 6, true}, {"vacant", 6, true}, {"rate %", 7, true},
                   {"95% CI", 13, true}, {"floor %", 7, true}, {"duration", 16, true},
                   {change != nullptr ? "change pp" : "", 9, true}, {"", 0, false}});
  for (size_t row = 0; row < t.row_count(); ++row) {
    std::string pp;
    if (change != nullptr) {
      // The last period's rows are the last kern-count rows of the change table.
      const auto& values = change->at("rate_change_pp").reals;
      pp = fixed(values[values.size() - t.row_count() + row], 1);
    }
    table.add_row({names[row], std::to_string(units[row]), std::to_string(vacant[row]), fixed(100 * rate[row], 1),
                   std::isnan(low[row]) ? "-" : fixed(100 * low[row], 1) + "-" + fixed(100 * high[row], 1),
                   fixed(100 * floor[row], 1),
                   std::to_string(frictional[row]) + "/" + std::to_string(long_term[row]) + "/" +
                       std::to_string(structural[row]) + "/" + std::to_string(unknown[row]),
                   pp, small[row] ? "(fewer than " + std::to_string(options.min_units) + " units: not firm)" : ""});
  }
  table.print(out);
  if (const Table* hotspots = result.find_table("vacancy_hotspot")) {
    size_t hot = 0, cold = 0, suppressed = 0;
    for (size_t i = 0; i < hotspots->row_count(); ++i) {
      hot += hotspots->at("hotspot").texts[i] == "hot";
      cold += hotspots->at("hotspot").texts[i] == "cold";
      suppressed += hotspots->at("suppressed").integers[i] == 1;
    }
    out << "\nHot spots (Gi*, " << fixed(options.hotspot_cell_size_m, 0) << " m grid, FDR "
        << fixed(options.fdr_alpha, 2) << "): " << hot << " hot and " << cold << " cold of "
        << hotspots->row_count() << " cells with units; " << suppressed << " cells suppressed (fewer than "
        << options.disclosure_k << " units)\n";
  }
}

}  // namespace kk::cli
