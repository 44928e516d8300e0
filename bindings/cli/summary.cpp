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

}  // namespace

void print_summary(const Table& t, const std::string& area_name, std::ostream& out) {
  const auto& names = t.at("kern_name").texts;
  const auto& n = t.at("n_locations").integers;
  const auto& area = t.at("area_km2").reals;
  const auto& density = t.at("density_per_km2").reals;
  const auto& population = t.at("population").reals;
  const auto& per_1000 = t.at("locations_per_1000_inhabitants").reals;

  out << "\n" << area_name << ": establishments per kern\n\n";
  const std::vector<std::pair<std::string, size_t>> header = {
      {"kern", 22}, {"n", 7}, {"area km2", 9}, {"per km2", 9}, {"inhabitants", 12}, {"per 1000 inh.", 14}, {"top SBI sections", 0}};
  for (const auto& [title, width] : header) out << pad(title, width, width != 22 && width != 0) << "  ";
  out << "\n";
  int64_t total = 0;
  double total_population = 0;
  for (size_t row = 0; row < t.row_count(); ++row) {
    total += n[row];
    if (!std::isnan(population[row])) total_population += population[row];
    out << pad(names[row], 22, false) << "  " << pad(std::to_string(n[row]), 7, true) << "  "
        << pad(fixed(area[row], 2), 9, true) << "  " << pad(fixed(density[row], 1), 9, true) << "  "
        << pad(fixed(population[row], 0), 12, true) << "  " << pad(fixed(per_1000[row], 1), 14, true)
        << "  " << top_sections(t, row) << "\n";
  }
  out << pad("total", 22, false) << "  " << pad(std::to_string(total), 7, true) << "  "
      << pad("", 9, true) << "  " << pad("", 9, true) << "  " << pad(fixed(total_population, 0), 12, true)
      << "\n";
}

}  // namespace kk::cli
