// The family registry and the run context: order, grain and keys, shared assignments, and
// the demonstration family (tests/families/demo) where the build registers it.
#include "kernkompas/families.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "testing/builders.hpp"

namespace kk {
namespace {

// Two 1 km squares, four units with a status in A, one in B, a population point in each.
AnalysisInput small_input() {
  AnalysisInput input;
  input.kernen = testing::two_square_kernen();
  LocationLayer& l = input.locations;
  l.id = {"u1", "u2", "u3", "u4", "u5", "u6"};
  l.x = {100, 200, 300, 400, 1500, 2500};
  l.y = {500, 500, 500, 500, 500, 500};
  using enum OccupancyStatus;
  l.status = {kVacant, kOccupied, kOccupied, kOccupied, kVacant, kOccupied};
  l.snapshot_date = *parse_iso_date("2025-01-01");
  LocationLayer before = l;
  before.snapshot_date = *parse_iso_date("2024-01-01");
  before.x[0] = 1200;  // u1 was in B a year earlier
  input.earlier_snapshots.push_back(before);
  input.population = PopulationLayer{{500, 1500, 3000}, {500, 500, 500}, {100, 50, 7}};
  return input;
}

TEST(Families, RunInRegistryOrderWithBasicFirst) {
  const auto list = families();
  ASSERT_GE(list.size(), 3u);
  EXPECT_EQ(list[0].name, "basic");
  EXPECT_EQ(list[1].name, "vacancy");
  EXPECT_EQ(list[2].name, "hotspots");
  const auto sections = option_sections();
  EXPECT_EQ(sections[0].name, "execution");
  EXPECT_EQ(sections[1].name, "disclosure");
}

TEST(Families, TablesCarryTheirGrainAndKeys) {
  const AnalysisResult r = run_analysis(small_input());
  std::vector<std::string> names;
  for (const NamedTable& t : r.tables) names.push_back(t.name);
  EXPECT_EQ(names, (std::vector<std::string>{"kern", "vacancy_total", "kern_sector", "vacancy_change",
                                             "vacancy_hotspot", "cluster", "sector_lq",
                                             "kern_ripley", "lisa_cell", "moran_global"}));
  EXPECT_EQ(r.find_named("kern")->grain, "kern");
  EXPECT_EQ(r.find_named("kern")->keys, std::vector<std::string>{"kern_code"});
  EXPECT_EQ(r.find_named("vacancy_total")->grain, "area");
  EXPECT_TRUE(r.find_named("vacancy_total")->keys.empty());
  EXPECT_EQ(r.find_named("kern_sector")->keys, (std::vector<std::string>{"kern_code", "sbi_section"}));
  EXPECT_EQ(r.find_named("vacancy_change")->keys,
            (std::vector<std::string>{"period_start", "period_end", "kern_code"}));
  EXPECT_EQ(r.find_named("vacancy_hotspot")->grain, "grid_cell");
  // Every key column exists in its table.
  for (const NamedTable& t : r.tables) {
    for (const std::string& key : t.keys) EXPECT_NE(t.table.find(key), nullptr) << t.name << "." << key;
  }
  // An indicator is found by grain and column, without knowing its family.
  EXPECT_EQ(r.find_indicator(grain::kKern, "vacancy_rate_units")->name, "kern");
  EXPECT_EQ(r.find_indicator(grain::kGridCell, "gi_z")->name, "vacancy_hotspot");
  EXPECT_EQ(r.find_indicator(grain::kKern, "gi_z"), nullptr);
}

TEST(Families, ContextAssignsEveryRegisterAndThePopulationOnce) {
  const AnalysisInput input = small_input();
  const Settings settings;
  const auto context = build_run_context(input, settings, {});
  EXPECT_EQ(context->assignment.kern, (std::vector<int32_t>{0, 0, 0, 0, 1, assign::kBuitengebied}));
  ASSERT_EQ(context->snapshot_assignments.size(), 1u);
  EXPECT_EQ(context->snapshot_assignments[0].kern, (std::vector<int32_t>{1, 0, 0, 0, 1, assign::kBuitengebied}));
  ASSERT_TRUE(context->population_assignment);
  EXPECT_EQ(context->population_assignment->kern, (std::vector<int32_t>{0, 1, assign::kBuitengebied}));
  EXPECT_EQ(context->execution.threads, 1u);
  EXPECT_EQ(context->disclosure.k, 5);
  // The basic family sums the population through the context's assignment.
  AnalysisOptions internal;  // the change counts of a few units: internal output
  internal.settings.set("disclosure.internal", true);
  const AnalysisResult r = run_analysis(input, internal);
  EXPECT_EQ(r.kern_indicators().at("population").reals[0], 100.0);
  EXPECT_EQ(r.kern_indicators().at("population").reals[1], 50.0);
  // The change table matched u1 across kernen with the snapshot's own assignment.
  const Table& change = *r.find_table("vacancy_change");
  EXPECT_EQ(change.at("n_vacant_t0").integers[1], 2);  // u1 and u5 in B in 2024
}

TEST(Families, FamiliesThatDoNotApplyAddNothing) {
  AnalysisInput input = small_input();
  input.locations.status.clear();  // no status: neither vacancy nor hot spots apply
  input.earlier_snapshots.clear();
  AnalysisResult r = run_analysis(input);
  ASSERT_EQ(r.tables.size(), 6u);  // clustering applies to locations without a status too
  EXPECT_EQ(r.tables[0].name, "kern");
  EXPECT_EQ(r.tables[1].name, "cluster");
  input.locations = LocationLayer{};  // no locations: clustering does not apply either
  r = run_analysis(input);
  ASSERT_EQ(r.tables.size(), 1u);
  EXPECT_TRUE(r.rasters.empty());
  EXPECT_EQ(r.kern_indicators().find("n_vacant"), nullptr);
}

TEST(Families, SharedSettingsReachEveryFamily) {
  AnalysisOptions options;
  options.settings.set("disclosure.internal", true);
  options.settings.set("hotspots.permutations", int64_t{0});
  const AnalysisResult r = run_analysis(small_input(), options);
  EXPECT_TRUE(r.internal);
  const Table& cells = *r.find_table("vacancy_hotspot");
  for (int64_t s : cells.at("suppressed").integers) EXPECT_EQ(s, 0);  // internal: nothing withheld
  for (double p : cells.at("p_sim").reals) EXPECT_TRUE(std::isnan(p));  // no permutations
  for (int64_t s : r.find_table("kern_sector")->at("suppressed").integers) EXPECT_EQ(s, 0);
}

// The demonstration family is registered only in builds with KK_DEMO_FAMILY=ON
// (scripts/test-all.sh builds the sanitizer suite that way).
bool demo_registered() { return find_option("demo.enabled").spec != nullptr; }

TEST(DemoFamily, IsOffByDefaultAndAddsEveryKindOfResultWhenEnabled) {
  if (!demo_registered()) GTEST_SKIP() << "built without KK_DEMO_FAMILY";
  const AnalysisInput input = small_input();
  EXPECT_EQ(run_analysis(input).find_table("demo_cells"), nullptr);
  AnalysisOptions options;
  options.settings.set("demo.enabled", true);
  options.settings.set("demo.cell_size_m", 1000.0);
  options.settings.set("demo.label", std::string("proef"));
  const AnalysisResult r = run_analysis(input, options);
  EXPECT_EQ(r.kern_indicators().at("demo_locations").integers, (std::vector<int64_t>{4, 1, 1}));
  const Table& cells = *r.find_table("demo_cells");
  EXPECT_EQ(cells.at("cell_col").integers, (std::vector<int64_t>{0, 1, 2}));
  EXPECT_EQ(cells.at("suppressed").integers, (std::vector<int64_t>{1, 1, 1}));  // 4, 1, 1 < k = 5
  EXPECT_EQ(cells.at("label").texts[0], "proef");
  EXPECT_EQ(r.location_columns.at("demo_cell").integers, (std::vector<int64_t>{0, 0, 0, 0, 1, 2}));
  const Raster* raster = r.find_raster("demo_count");
  ASSERT_NE(raster, nullptr);
  EXPECT_EQ(raster->columns, 3u);
  EXPECT_EQ(raster->rows, 1u);
  EXPECT_EQ(raster->geotransform, (std::array<double, 6>{0, 1000, 0, 1000, 0, -1000}));
  for (double v : raster->values) EXPECT_TRUE(std::isnan(v));  // every cell withheld
  options.settings.set("disclosure.k", int64_t{1});
  const AnalysisResult open = run_analysis(input, options);
  EXPECT_EQ(open.find_raster("demo_count")->values, (std::vector<double>{4, 1, 1}));
}

}  // namespace
}  // namespace kk
