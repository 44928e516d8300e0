// Tests for ISO date parsing and formatting (kernkompas/core/date.hpp).
#include "kernkompas/core/date.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kk {
namespace {

Days parse_or_fail(const std::string& text) {
  const std::optional<Days> days = parse_iso_date(text);
  EXPECT_TRUE(days.has_value()) << text;
  return days.value_or(kNoDate);
}

TEST(IsoDate, EpochIsDayZero) {
  EXPECT_EQ(parse_iso_date("1970-01-01"), Days{0});
  EXPECT_EQ(parse_iso_date("1969-12-31"), Days{-1});
  EXPECT_EQ(parse_iso_date("1970-01-02"), Days{1});
}

TEST(IsoDate, KnownDayNumbers) {
  // Checked with Python: (date(2024, 2, 29) - date(1970, 1, 1)).days == 19782.
  EXPECT_EQ(parse_iso_date("2024-02-29"), Days{19782});
  EXPECT_EQ(parse_iso_date("2024-03-01"), Days{19783});
  EXPECT_EQ(parse_iso_date("2023-12-31"), Days{19722});
  EXPECT_EQ(parse_iso_date("2000-02-29"), Days{11016});
}

TEST(IsoDate, FormatParseRoundTrip) {
  for (const std::string text : {"1970-01-01", "1969-12-31", "2000-02-29", "2023-02-28",
                                 "2024-02-29", "2024-12-31", "1899-07-14", "2099-01-01"}) {
    EXPECT_EQ(format_iso_date(parse_or_fail(text)), text);
  }
  // And the other way round, over every day of four years including 2024's leap day.
  const Days first = parse_or_fail("2022-01-01");
  for (Days d = first; d < first + 4 * 366; ++d) {
    ASSERT_EQ(parse_iso_date(format_iso_date(d)), d) << format_iso_date(d);
  }
}

TEST(IsoDate, LeapDays) {
  EXPECT_TRUE(parse_iso_date("2024-02-29").has_value());
  EXPECT_TRUE(parse_iso_date("2000-02-29").has_value());   // divisible by 400
  EXPECT_FALSE(parse_iso_date("2023-02-29").has_value());
  EXPECT_FALSE(parse_iso_date("1900-02-29").has_value());  // divisible by 100, not 400
  EXPECT_FALSE(parse_iso_date("2100-02-29").has_value());
  EXPECT_FALSE(parse_iso_date("2024-02-30").has_value());
}

TEST(IsoDate, YearLengthsAcrossLeapYears) {
  // A year that spans 29 February has 366 days, any other 365.
  EXPECT_EQ(parse_or_fail("2024-03-01") - parse_or_fail("2023-03-01"), 366);
  EXPECT_EQ(parse_or_fail("2025-03-01") - parse_or_fail("2024-03-01"), 365);
  EXPECT_EQ(parse_or_fail("2024-02-28") - parse_or_fail("2023-02-28"), 365);
  EXPECT_EQ(parse_or_fail("2025-02-28") - parse_or_fail("2024-02-28"), 366);
  EXPECT_EQ(parse_or_fail("2023-01-01") - parse_or_fail("2022-01-01"), 365);
  EXPECT_EQ(parse_or_fail("2025-01-01") - parse_or_fail("2024-01-01"), 366);
  // Three years that include one leap day: the vacancy "structural" threshold.
  EXPECT_EQ(parse_or_fail("2025-06-30") - parse_or_fail("2022-06-30"), 3 * 365 + 1);
}

TEST(IsoDate, AcceptsSlashesAndIgnoresTrailingTime) {
  EXPECT_EQ(parse_iso_date("2024/02/29"), Days{19782});
  EXPECT_EQ(parse_iso_date("2024-02-29T00:00:00"), Days{19782});
  EXPECT_EQ(parse_iso_date("2024-02-29T13:45:10Z"), Days{19782});
  EXPECT_EQ(parse_iso_date("2024-02-29 13:45"), Days{19782});
}

TEST(IsoDate, RejectsGarbage) {
  for (const char* text :
       {"", " ", "garbage", "2024", "2024-02", "20240229", "2024-2-29", "2024-02-9", "24-02-29",
        "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32", "2024-04-31", "2024-02-29x",
        "2024-02/29", "2024.02.29", "abcd-ef-gh", "2024-0a-01", " 2024-01-01", "29-02-2024",
        "2024--1-01", "2024-01--1", "-999-01-01", "+999-01-01", "2024-+1-01", "T2024-01-01"}) {
    EXPECT_FALSE(parse_iso_date(text).has_value()) << '"' << text << '"';
  }
}

TEST(IsoDate, NoDateFormatsEmpty) {
  EXPECT_EQ(format_iso_date(kNoDate), "");
  EXPECT_EQ(format_iso_date(0), "1970-01-01");
}

}  // namespace
}  // namespace kk
