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
  EXPECT_EQ(t.at("suppressed").integers, (std::vector<int64_t>{1, 0, 1}));
  EXPECT_EQ(t.at("key").texts, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(t.at("flag").integers, (std::vector<int64_t>{1, 0, 1}));
  EXPECT_EQ(t.at("n").integers, (std::vector<int64_t>{kNullInteger, 5, kNullInteger}));
  EXPECT_TRUE(std::isnan(t.at("rate").reals[0]));
  EXPECT_DOUBLE_EQ(t.at("rate").reals[1], 0.4);
  EXPECT_EQ(t.at("label").texts, (std::vector<std::string>{"", "cold", ""}));
  EXPECT_EQ(t.at("suppressed").description,
            "1 when the cell has fewer than 5 units and its values are withheld (disclosure control)");
}

TEST(Disclosure, InternalOutputAndOtherThresholds) {
  Table t = small_table();
  DisclosureSettings internal;
  internal.internal = true;
  suppress_small_rows(t, std::vector<int64_t>{4, 5, 0}, internal, {"key"}, "units");
  EXPECT_EQ(t.at("suppressed").integers, (std::vector<int64_t>{0, 0, 0}));
  EXPECT_EQ(t.at("n").integers, (std::vector<int64_t>{4, 5, 0}));

  DisclosureSettings strict{.k = 6, .min_units = 10, .internal = false};
  EXPECT_TRUE(strict.withholds(5));
  EXPECT_FALSE(strict.withholds(6));
  EXPECT_TRUE(strict.below_min_units(9));
  EXPECT_FALSE(strict.below_min_units(10));
  Table wrong = small_table();
  EXPECT_THROW(suppress_small_rows(wrong, std::vector<int64_t>{1}, strict, {}, "units"), Error);
}

}  // namespace
}  // namespace kk
