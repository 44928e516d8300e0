// Aligned plain-text tables.
#include "kernkompas/core/text_table.hpp"

#include <cmath>
#include <cstdio>

namespace kk {
namespace {

std::string pad(const std::string& text, size_t width, bool right) {
  size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  const std::string fill(width > chars ? width - chars : 0, ' ');
  return right ? fill + text : text + fill;
}

}  // namespace

std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

void TextTable::print(std::ostream& out) const {
  std::vector<std::string> titles;
  for (const Heading& heading : headings_) titles.push_back(heading.title);
  print_row(out, titles);
  for (const auto& row : rows_) print_row(out, row);
}

void TextTable::print_row(std::ostream& out, const std::vector<std::string>& cells) const {
  std::string line;
  for (size_t c = 0; c < cells.size(); ++c) line += pad(cells[c], headings_[c].width, headings_[c].right) + "  ";
  out << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
}

}  // namespace kk
