// Tests for the result table (kernkompas/core/table.hpp).
#include "kernkompas/core/table.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "kernkompas/core/error.hpp"

namespace kk {
namespace {

Table sample() {
  Table table;
  table.add_text("kern_code", {"A", "B", ""}, "code");
  table.add_integer("n", {3, kNullInteger, 0});
  table.add_real("area_km2", {1.5, std::nan(""), 0.0}, "km2", "area");
  return table;
}

TEST(Table, EmptyTableHasNoRows) {
  const Table table;
  EXPECT_EQ(table.row_count(), 0u);
  EXPECT_TRUE(table.columns().empty());
  EXPECT_EQ(table.find("n"), nullptr);
}

TEST(Table, AddAndFind) {
  const Table table = sample();
  EXPECT_EQ(table.row_count(), 3u);
  ASSERT_EQ(table.columns().size(), 3u);
  EXPECT_EQ(table.columns()[0].name, "kern_code");
  EXPECT_EQ(table.columns()[2].name, "area_km2");

  const Column* area = table.find("area_km2");
  ASSERT_NE(area, nullptr);
  EXPECT_EQ(area->type, ColumnType::kReal);
  EXPECT_EQ(area->unit, "km2");
  EXPECT_EQ(area->description, "area");
  EXPECT_DOUBLE_EQ(area->reals[0], 1.5);
  EXPECT_EQ(area->size(), 3u);

  const Column* n = table.find("n");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->type, ColumnType::kInteger);
  EXPECT_EQ(n->integers[0], 3);
  EXPECT_EQ(table.find("N"), nullptr);  // names are case-sensitive
  EXPECT_EQ(table.find("missing"), nullptr);
}

TEST(Table, NullsPerType) {
  const Table table = sample();
  const Column& code = table.at("kern_code");
  EXPECT_FALSE(code.is_null(0));
  EXPECT_TRUE(code.is_null(2));
  const Column& n = table.at("n");
  EXPECT_FALSE(n.is_null(0));
  EXPECT_TRUE(n.is_null(1));
  EXPECT_FALSE(n.is_null(2));  // zero is a value, not a null
  const Column& area = table.at("area_km2");
  EXPECT_FALSE(area.is_null(0));
  EXPECT_TRUE(area.is_null(1));
  EXPECT_FALSE(area.is_null(2));
}

TEST(Table, AtThrowsNamingTheColumn) {
  const Table table = sample();
  EXPECT_EQ(&table.at("n"), table.find("n"));
  try {
    (void)table.at("density_per_km2");
    FAIL() << "at() of a missing column must throw";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(error.what()).find("density_per_km2"), std::string::npos);
  }
}

TEST(Table, RowCountMismatchThrows) {
  Table table = sample();
  EXPECT_THROW(table.add_integer("short", {1, 2}), Error);
  EXPECT_THROW(table.add_real("long", {1.0, 2.0, 3.0, 4.0}), Error);
  EXPECT_THROW(table.add_text("none", {}), Error);
  // The failed additions left the table as it was.
  EXPECT_EQ(table.columns().size(), 3u);
  EXPECT_EQ(table.find("short"), nullptr);
  EXPECT_NO_THROW(table.add_integer("ok", {1, 2, 3}));
  EXPECT_EQ(table.columns().size(), 4u);
}

TEST(Table, DuplicateColumnThrows) {
  Table table = sample();
  EXPECT_THROW(table.add_real("n", {1.0, 2.0, 3.0}), Error);
  EXPECT_EQ(table.columns().size(), 3u);
}

TEST(Table, FirstColumnSetsTheRowCount) {
  Table table;
  table.add_real("x", {1.0, 2.0});
  EXPECT_EQ(table.row_count(), 2u);
  EXPECT_THROW(table.add_real("y", {1.0}), Error);
}

}  // namespace
}  // namespace kk
