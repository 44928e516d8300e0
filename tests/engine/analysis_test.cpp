// kk::run_analysis: which tables an analysis yields and how they line up.
#include "kernkompas/analysis.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "testing/builders.hpp"

namespace kk {
namespace {

// Two 1 km squares; units listed by hand. Current register 2025-01-01.
AnalysisInput two_kernen(Days earlier_date) {
  AnalysisInput input;
  input.kernen = testing::two_square_kernen();
  auto unit = [](LocationLayer& l, const char* id, double x, OccupancyStatus s, const char* sbi) {
    l.id.push_back(id);
    l.x.push_back(x);
    l.y.push_back(500);
    l.status.push_back(s);
    l.sbi.push_back(sbi);
    l.vacant_since.push_back(kNoDate);
  };
  using enum OccupancyStatus;
  LocationLayer now, before;
  unit(now, "u1", 100, kVacant, "47.11");
  unit(now, "u2", 200, kVacant, "47.11");
  unit(now, "u3", 300, kOccupied, "56.10");
  unit(now, "u4", 1500, kOccupied, "47.11");
  unit(before, "u1", 100, kVacant, "47.11");     // still vacant
  unit(before, "u2", 200, kOccupied, "47.11");   // newly vacant
  unit(before, "u5", 1600, kOccupied, "47.11");  // closed; u3 and u4 opened
  now.snapshot_date = *parse_iso_date("2025-01-01");
  before.snapshot_date = earlier_date;
  input.locations = now;
  input.earlier_snapshots.push_back(before);
  return input;
}

// The pipeline's arithmetic on three units: internal output (disclosure control is tested in
// core/disclosure_test.cpp, disclosure_pass_test.cpp and tests/python/test_disclosure_attack.py).
AnalysisOptions internal_options() {
  AnalysisOptions options;
  options.settings.set("disclosure.internal", true);
  return options;
}

TEST(RunAnalysis, YieldsEveryTableInOrder) {
  const AnalysisResult result = run_analysis(two_kernen(*parse_iso_date("2024-01-01")), internal_options());
  std::vector<std::string> names;
  for (const NamedTable& t : result.tables) names.push_back(t.name);
  EXPECT_EQ(names, (std::vector<std::string>{"kern", "vacancy_total", "kern_sector", "vacancy_change",
                                             "vacancy_hotspot", "cluster", "sector_lq",
                                             "kern_ripley", "lisa_cell", "moran_global"}));  // no function column: no kern_function
  const Table& kern = result.kern_indicators();
  ASSERT_EQ(kern.row_count(), 3u);  // A, B, buitengebied
  EXPECT_EQ(kern.at("n_locations").integers, (std::vector<int64_t>{3, 1, 0}));
  EXPECT_EQ(kern.at("n_vacant").integers, (std::vector<int64_t>{2, 0, 0}));
  EXPECT_NEAR(kern.at("vacancy_rate_units").reals[0], 2.0 / 3.0, 1e-15);
  // The kern table carries the kern polygons, plus an empty row for buitengebied.
  ASSERT_TRUE(result.tables[0].geometry.has_value());
  EXPECT_EQ(result.tables[0].geometry->size(), 3u);
  EXPECT_NEAR(geometry::feature_area(*result.tables[0].geometry, 1), 1e6, 1e-6);
  EXPECT_EQ(result.tables[0].geometry->part_offsets[2], result.tables[0].geometry->part_offsets[3]);
  // One square polygon per hot-spot cell.
  const NamedTable& cells = *result.find_named("vacancy_hotspot");
  ASSERT_TRUE(cells.geometry.has_value());
  EXPECT_EQ(cells.geometry->size(), cells.table.row_count());
  EXPECT_NEAR(geometry::feature_area(*cells.geometry, 0), 250.0 * 250.0, 1e-6);
}

TEST(RunAnalysis, ChangeBetweenConsecutiveFirstsOfJanuaryFollowsTheCbsRule) {
  const AnalysisResult result = run_analysis(two_kernen(*parse_iso_date("2024-01-01")), internal_options());
  const Table& change = *result.find_table("vacancy_change");
  ASSERT_EQ(change.row_count(), 3u);
  EXPECT_EQ(change.at("period_start").texts[0], "2024-01-01");
  EXPECT_EQ(change.at("period_end").texts[0], "2025-01-01");
  EXPECT_EQ(change.at("cbs_rule").integers, (std::vector<int64_t>{1, 1, 1}));
  EXPECT_EQ(change.at("kern_code").texts, (std::vector<std::string>{"A", "B", "buitengebied"}));
  EXPECT_EQ(change.at("still_vacant").integers[0], 1);  // u1: the CBS count
  EXPECT_EQ(change.at("newly_vacant").integers[0], 1);  // u2
  EXPECT_EQ(change.at("opened").integers, (std::vector<int64_t>{1, 1, 0}));  // u3, u4
  EXPECT_EQ(change.at("closed").integers, (std::vector<int64_t>{0, 1, 0}));  // u5
}

TEST(RunAnalysis, OtherSnapshotDatesDoNotClaimTheCbsRule) {
  const AnalysisResult result = run_analysis(two_kernen(*parse_iso_date("2024-03-01")));
  EXPECT_EQ(result.find_table("vacancy_change")->at("cbs_rule").integers[0], 0);
  const AnalysisResult two_years = run_analysis(two_kernen(*parse_iso_date("2023-01-01")));
  EXPECT_EQ(two_years.find_table("vacancy_change")->at("cbs_rule").integers[0], 0);
}

// A unit on y = 500, inside kern A (x < 1000) or B (1000 < x < 2000) of two_square_kernen.
void add_unit(LocationLayer& l, std::string id, double x, OccupancyStatus status) {
  l.id.push_back(std::move(id));
  l.x.push_back(x);
  l.y.push_back(500);
  l.status.push_back(status);
}

// Kern A with 8 units a0 … a7, 2 of them vacant: publishable on its own.
LocationLayer kern_a_register() {
  LocationLayer l;
  for (int i = 0; i < 8; ++i) {
    add_unit(l, "a" + std::to_string(i), 100.0 + 10 * i, i < 2 ? OccupancyStatus::kVacant : OccupancyStatus::kOccupied);
  }
  return l;
}

// Kern B's 3 units b0 … b2, b0 vacant: below the count rule's k = 5.
void add_three_kern_b_units(LocationLayer& l) {
  for (int i = 0; i < 3; ++i) {
    add_unit(l, "b" + std::to_string(i), 1100.0 + 10 * i, i == 0 ? OccupancyStatus::kVacant : OccupancyStatus::kOccupied);
  }
}

// `layer` as the register of `date`.
LocationLayer dated(LocationLayer layer, const char* date) {
  layer.snapshot_date = *parse_iso_date(date);
  return layer;
}

// The analysis of two_square_kernen with a current register and earlier ones.
AnalysisResult run_registers(LocationLayer current, std::vector<LocationLayer> earlier) {
  AnalysisInput input;
  input.kernen = testing::two_square_kernen();
  input.locations = std::move(current);
  input.earlier_snapshots = std::move(earlier);
  return run_analysis(input);
}

// A kern without units at t0 and with 3 at t1: the change row is built on 3 units and must be
// withheld by the count rule (k = 5), not published because the smaller count is 0. The
// period is not the last one, so no kern row of the published tables repeats it.
TEST(RunAnalysis, ChangeRowWithNoUnitsOnOneSideFollowsTheOtherSide) {
  LocationLayer r2023 = kern_a_register(), r2024 = kern_a_register(), r2025 = kern_a_register();
  for (LocationLayer* l : {&r2024, &r2025}) add_three_kern_b_units(*l);
  const AnalysisResult result = run_registers(dated(r2025, "2025-01-01"),
                                              {dated(r2024, "2024-01-01"), dated(r2023, "2023-01-01")});
  const Table& change = *result.find_table("vacancy_change");
  ASSERT_EQ(change.row_count(), 6u);  // (A, B, buitengebied) x two periods
  EXPECT_EQ(change.at("period_start").texts[1], "2023-01-01");
  EXPECT_EQ(change.at("kern_code").texts[1], "B");
  EXPECT_EQ(change.at("suppression_kind").texts[1], "primary");
  EXPECT_EQ(change.at("n_units_t1").integers[1], kNullInteger);
  EXPECT_EQ(change.at("n_vacant_t1").integers[1], kNullInteger);
  EXPECT_EQ(change.at("opened").integers[1], kNullInteger);
  // A has 8 units on both sides (published); buitengebied has none on either (published).
  EXPECT_EQ(change.at("suppressed").integers[0], 0);
  EXPECT_EQ(change.at("n_vacant_t1").integers[0], 2);
  EXPECT_EQ(change.at("suppressed").integers[2], 0);
}

// The mirror image: a kern with 3 units at t0 (2023) and none at t1 (2024, all closed). The
// row describes the 3 units at t0 and is withheld; 0 units at t1 do not make it publishable.
TEST(RunAnalysis, ChangeRowWithNoUnitsAtT1FollowsT0) {
  LocationLayer r2023 = kern_a_register(), r2024 = kern_a_register(), r2025 = kern_a_register();
  add_three_kern_b_units(r2023);
  const AnalysisResult result = run_registers(dated(r2025, "2025-01-01"),
                                              {dated(r2023, "2023-01-01"), dated(r2024, "2024-01-01")});
  const Table& change = *result.find_table("vacancy_change");
  ASSERT_EQ(change.row_count(), 6u);
  EXPECT_EQ(change.at("period_start").texts[1], "2023-01-01");
  EXPECT_EQ(change.at("kern_code").texts[1], "B");
  EXPECT_EQ(change.at("suppressed").integers[1], 1);
  EXPECT_EQ(change.at("suppression_kind").texts[1], "primary");
  EXPECT_EQ(change.at("n_units_t0").integers[1], kNullInteger);
  EXPECT_EQ(change.at("closed").integers[1], kNullInteger);
  // The same kern in the next period has no units on either side: published, all zero.
  EXPECT_EQ(change.at("suppressed").integers[4], 0);
  EXPECT_EQ(change.at("n_units_t0").integers[4], 0);
  EXPECT_EQ(change.at("closed").integers[4], 0);
}

// Day 0 of the date count (1970-01-01) is a date like any other, not "no date": the period
// 1970-01-01 to 1971-01-01 runs between consecutive 1 January dates.
TEST(RunAnalysis, CbsRuleHoldsFromTheFirstDayOfTheDateCount) {
  AnalysisInput input = two_kernen(*parse_iso_date("1970-01-01"));
  ASSERT_EQ(input.earlier_snapshots[0].snapshot_date, 0);
  input.locations.snapshot_date = *parse_iso_date("1971-01-01");
  const AnalysisResult result = run_analysis(input, internal_options());
  const Table& change = *result.find_table("vacancy_change");
  EXPECT_EQ(change.at("period_start").texts[0], "1970-01-01");
  EXPECT_EQ(change.at("cbs_rule").integers, (std::vector<int64_t>{1, 1, 1}));
}

// vacancy.benchmark_rate set in the settings reaches the tables: kern A has 2 of 3 units
// vacant, the municipality 2 of 4; with a benchmark of 25 % that is +41.67 and +25 pp.
TEST(RunAnalysis, BenchmarkRateFromTheSettings) {
  AnalysisOptions options = internal_options();
  options.settings.set("vacancy.benchmark_rate", 0.25);
  const AnalysisResult result = run_analysis(two_kernen(*parse_iso_date("2024-01-01")), options);
  const Table& kern = result.kern_indicators();
  EXPECT_EQ(kern.at("benchmark_rate").reals, (std::vector<double>{0.25, 0.25, 0.25}));
  EXPECT_NEAR(kern.at("diff_pp").reals[0], 100.0 * (2.0 / 3.0 - 0.25), 1e-12);
  EXPECT_NEAR(kern.at("diff_pp").reals[1], -25.0, 1e-12);  // B: 0 of 1
  EXPECT_NEAR(result.find_table("vacancy_total")->at("diff_pp").reals[0], 25.0, 1e-12);
}

TEST(RunAnalysis, RegisterWithoutStatusHasNoVacancyTables) {
  AnalysisInput input = two_kernen(*parse_iso_date("2024-01-01"));
  input.locations.status.clear();
  const AnalysisResult result = run_analysis(input);
  // The kern table, and the clustering family's tables: they need locations only.
  ASSERT_EQ(result.tables.size(), 6u);
  EXPECT_EQ(result.tables[1].name, "cluster");
  EXPECT_EQ(result.kern_indicators().find("n_vacant"), nullptr);
  EXPECT_EQ(result.find_table("vacancy_change"), nullptr);
}

}  // namespace
}  // namespace kk
