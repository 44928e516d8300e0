// Tests for kernkompas/core/disclosure.hpp: the one suppression rule.
#include "kernkompas/core/disclosure.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "kernkompas/core/error.hpp"

namespace kk {
namespace {

Table small_table() {
  Table t;
  t.add_text("key", {"a", "b", "c"});
  t.add_integer("n", {4, 5, 0});
  t.add_real("rate", {0.25, 0.4, 0.0});
  t.add_text("label", {"hot", "cold", "x"});
  t.add_integer("flag", {1, 0, 1});
  return t;
}

TEST(Disclosure, RowsBelowKAreEmptiedExceptTheKeptColumns) {
  Table t = small_table();
  const std::vector<int64_t> units = {4, 5, 0};
  suppress_small_rows(t, units, DisclosureSettings{}, {"key", "flag"}, "units");
  // Row c has no units at all: an empty cell describes no unit and is published.
  EXPECT_EQ(t.at("suppressed").integers, (std::vector<int64_t>{1, 0, 0}));
  EXPECT_EQ(t.at("suppression_kind").texts, (std::vector<std::string>{"primary", "", ""}));
  EXPECT_EQ(t.at("key").texts, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(t.at("flag").integers, (std::vector<int64_t>{1, 0, 1}));
  EXPECT_EQ(t.at("n").integers, (std::vector<int64_t>{kNullInteger, 5, 0}));
  EXPECT_TRUE(std::isnan(t.at("rate").reals[0]));
  EXPECT_DOUBLE_EQ(t.at("rate").reals[1], 0.4);
  EXPECT_EQ(t.at("label").texts, (std::vector<std::string>{"", "cold", "x"}));
  EXPECT_EQ(t.at("suppressed").description,
            "1 when the values of the row are withheld (disclosure control): primary when it has "
            "fewer than 5 units, secondary when they could otherwise be derived from the cells beside it");
}

TEST(Disclosure, InternalOutputAndOtherThresholds) {
  Table t = small_table();
  DisclosureSettings internal;
  internal.internal = true;
  suppress_small_rows(t, std::vector<int64_t>{4, 5, 0}, internal, {"key"}, "units");
  EXPECT_EQ(t.at("suppressed").integers, (std::vector<int64_t>{0, 0, 0}));
  EXPECT_EQ(t.at("n").integers, (std::vector<int64_t>{4, 5, 0}));

  DisclosureSettings strict{.k = 6, .min_units = 10, .internal = false};
  EXPECT_FALSE(strict.withholds(0));
  EXPECT_TRUE(strict.withholds(1));
  EXPECT_TRUE(strict.withholds(5));
  EXPECT_FALSE(strict.withholds(6));
  EXPECT_TRUE(strict.below_min_units(9));
  EXPECT_FALSE(strict.below_min_units(10));
  Table wrong = small_table();
  EXPECT_THROW(suppress_small_rows(wrong, std::vector<int64_t>{1}, strict, {}, "units"), Error);
}

// Magnitude rule, by hand: total 20 from 2 contributors (fewer than 3) -> withheld; total 100
// with one unit of 90 (90 > 0.85 * 100) -> withheld; 100 with the largest 85 (exactly the
// share: not above it) -> published; 0 contributors (no floor area) -> published.
TEST(Disclosure, MagnitudeNeedsContributorsAndNoDominantUnit) {
  Table t;
  t.add_text("key", {"a", "b", "c", "d", "e"});
  t.add_real("floor", {20, 100, 100, 0, 50});
  t.add_real("floor_rate", {0.1, 0.2, 0.3, 0.0, 0.5});
  t.add_integer("count", {7, 7, 7, 7, 2});
  CellRisk risk;
  risk.units = {7, 7, 7, 7, 2};
  risk.magnitudes.push_back({"floor", {2, 4, 4, 0, 1}, {15, 90, 85, 0, 50}, {"floor_rate"}});
  const std::string_view keep[] = {"key"};
  suppress_cells(t, risk, DisclosureSettings{}, keep, "units");
  const auto& floor = t.at("floor").reals;
  EXPECT_TRUE(std::isnan(floor[0]));
  EXPECT_TRUE(std::isnan(floor[1]));
  EXPECT_DOUBLE_EQ(floor[2], 100);
  EXPECT_DOUBLE_EQ(floor[3], 0);
  EXPECT_TRUE(std::isnan(floor[4]));  // row e: the count rule withholds the whole row
  EXPECT_TRUE(std::isnan(t.at("floor_rate").reals[0]));
  EXPECT_DOUBLE_EQ(t.at("floor_rate").reals[2], 0.3);
  EXPECT_EQ(t.at("count").integers, (std::vector<int64_t>{7, 7, 7, 7, kNullInteger}));
  EXPECT_EQ(t.at("suppressed").integers, (std::vector<int64_t>{0, 0, 0, 0, 1}));
  // The rate built on the floor area is named too, so a reader knows every withheld value.
  EXPECT_EQ(t.at("magnitude_suppressed").texts,
            (std::vector<std::string>{"floor:primary;floor_rate:primary", "floor:primary;floor_rate:primary",
                                      "", "", ""}));

  DisclosureSettings loose;
  loose.magnitude_min_contributors = 2;
  loose.dominance_share = 0.95;
  EXPECT_FALSE(loose.withholds_magnitude(2, 15, 20));
  EXPECT_FALSE(loose.withholds_magnitude(4, 90, 100));
  EXPECT_TRUE(loose.withholds_magnitude(1, 50, 50));
  loose.internal = true;
  EXPECT_FALSE(loose.withholds_magnitude(1, 50, 50));
}

}  // namespace
}  // namespace kk
