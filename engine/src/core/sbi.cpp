// SBI division → section lookup (SBI 2008, CBS).
#include "kernkompas/core/sbi.hpp"

#include <cctype>

namespace kk {

std::optional<char> sbi_section(std::string_view code) {
  while (!code.empty() && std::isspace(static_cast<unsigned char>(code.front()))) code.remove_prefix(1);
  if (code.size() < 2 || !std::isdigit(static_cast<unsigned char>(code[0])) ||
      !std::isdigit(static_cast<unsigned char>(code[1]))) {
    return std::nullopt;
  }
  const int division = (code[0] - '0') * 10 + (code[1] - '0');
  // First division of each section, from INDICATORS.md; gaps (04, 05, 34, 44, 48, 54, 57, 67,
  // 76, 83, 89) are unassigned divisions.
  struct Range { int first, last; char section; };
  static constexpr Range kRanges[] = {
      {1, 3, 'A'},   {6, 9, 'B'},   {10, 33, 'C'}, {35, 35, 'D'}, {36, 39, 'E'}, {41, 43, 'F'},
      {45, 47, 'G'}, {49, 53, 'H'}, {55, 56, 'I'}, {58, 63, 'J'}, {64, 66, 'K'}, {68, 68, 'L'},
      {69, 75, 'M'}, {77, 82, 'N'}, {84, 84, 'O'}, {85, 85, 'P'}, {86, 88, 'Q'}, {90, 93, 'R'},
      {94, 96, 'S'}, {97, 98, 'T'}, {99, 99, 'U'}};
  for (const Range& range : kRanges) {
    if (division >= range.first && division <= range.last) return range.section;
  }
  return std::nullopt;
}

}  // namespace kk
