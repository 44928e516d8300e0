// Aligned plain-text tables for terminal summaries (families' summary hooks).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace kk {

// `value` with `decimals` decimals; "-" for NaN.
std::string fixed(double value, int decimals);

// A title and width per column, then rows of cells; widths count characters, not bytes,
// so kern names in UTF-8 line up.
class TextTable {
 public:
  struct Heading {
    std::string title;
    size_t width;
    bool right;
  };
  explicit TextTable(std::vector<Heading> headings) : headings_(std::move(headings)) {}

  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  void print(std::ostream& out) const;

 private:
  void print_row(std::ostream& out, const std::vector<std::string>& cells) const;
  std::vector<Heading> headings_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace kk
