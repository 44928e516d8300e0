// Tests for SBI section lookup (kernkompas/core/sbi.hpp) against the table in INDICATORS.md.
#include "kernkompas/core/sbi.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace kk {
namespace {

std::string two_digits(int division) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", division);
  return buffer;
}

TEST(SbiSection, SectionBoundaries) {
  struct Case { const char* code; char section; };
  // First and last division of every section in INDICATORS.md.
  const Case cases[] = {
      {"01", 'A'}, {"03", 'A'}, {"06", 'B'}, {"09", 'B'}, {"10", 'C'}, {"33", 'C'},
      {"35", 'D'}, {"36", 'E'}, {"39", 'E'}, {"41", 'F'}, {"43", 'F'}, {"45", 'G'},
      {"47", 'G'}, {"49", 'H'}, {"53", 'H'}, {"55", 'I'}, {"56", 'I'}, {"58", 'J'},
      {"63", 'J'}, {"64", 'K'}, {"66", 'K'}, {"68", 'L'}, {"69", 'M'}, {"75", 'M'},
      {"77", 'N'}, {"82", 'N'}, {"84", 'O'}, {"85", 'P'}, {"86", 'Q'}, {"88", 'Q'},
      {"90", 'R'}, {"93", 'R'}, {"94", 'S'}, {"96", 'S'}, {"97", 'T'}, {"98", 'T'},
      {"99", 'U'}};
  for (const Case& c : cases) {
    EXPECT_EQ(sbi_section(c.code), std::optional<char>(c.section)) << c.code;
  }
}

TEST(SbiSection, EveryDivisionMatchesTheTable) {
  // The whole table written out as one string, division 00..99; '.' = unassigned.
  const std::string expected =
      ".AAA..BBBBCCCCCCCCCCCCCCCCCCCCCCCC.DEEEE.FFF.GGG.HHHHH.II.JJJJJJKKK.L"
      "MMMMMMM.NNNNNN.OPQQQ.RRRRSSSTTU";
  ASSERT_EQ(expected.size(), 100u);
  int assigned = 0;
  for (int division = 0; division < 100; ++division) {
    const std::optional<char> section = sbi_section(two_digits(division));
    const char want = expected[static_cast<size_t>(division)];
    if (want == '.') {
      EXPECT_FALSE(section.has_value()) << two_digits(division);
    } else {
      ++assigned;
      EXPECT_EQ(section, std::optional<char>(want)) << two_digits(division);
    }
  }
  EXPECT_EQ(assigned, 87);  // divisions in the ranges INDICATORS.md lists
}

TEST(SbiSection, FullCodesInBothNotations) {
  EXPECT_EQ(sbi_section("4711"), std::optional<char>('G'));
  EXPECT_EQ(sbi_section("47.11"), std::optional<char>('G'));
  EXPECT_EQ(sbi_section("47"), std::optional<char>('G'));
  EXPECT_EQ(sbi_section("01.13"), std::optional<char>('A'));
  EXPECT_EQ(sbi_section("0113"), std::optional<char>('A'));
  EXPECT_EQ(sbi_section("56.10.1"), std::optional<char>('I'));
  EXPECT_EQ(sbi_section("8610"), std::optional<char>('Q'));
}

TEST(SbiSection, UnassignedDivisionsHaveNoSection) {
  for (const char* code : {"00", "04", "05", "34", "40", "44", "48", "54", "57", "67", "76",
                           "83", "89", "0410", "34.10"}) {
    EXPECT_FALSE(sbi_section(code).has_value()) << code;
  }
}

TEST(SbiSection, EmptyAndNonNumericHaveNoSection) {
  for (const char* code : {"", " ", "4", "G", "AB", "winkel", "x47", "4x11", ".47", "-47"}) {
    EXPECT_FALSE(sbi_section(code).has_value()) << '"' << code << '"';
  }
}

TEST(SbiSection, SectionIndex) {
  EXPECT_EQ(sbi_section_index('A'), 0);
  EXPECT_EQ(sbi_section_index('G'), 6);
  EXPECT_EQ(sbi_section_index('U'), 20);
  EXPECT_EQ(kSbiSections[static_cast<size_t>(sbi_section_index('Q'))], 'Q');
}

}  // namespace
}  // namespace kk
