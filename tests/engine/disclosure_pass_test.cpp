// Tests for kk::protect_tables: secondary suppression across tables, on hand-made tables.
#include <gtest/gtest.h>

#include <cmath>

#include "kernkompas/analysis.hpp"

namespace kk {
namespace {

// Vacancy columns for rows of (units, vacant, vacant floor, total floor, largest floor).
struct Row {
  int64_t units, vacant;
  double vacant_floor, total_floor;
};

Table vacancy_rows(const std::vector<Row>& rows, std::vector<std::string> codes = {},
                   std::vector<std::string> sections = {}) {
  Table t;
  const bool cells = !sections.empty();
  if (!codes.empty()) t.add_text("kern_code", std::move(codes));
  if (!sections.empty()) t.add_text("sbi_section", std::move(sections));
  std::vector<int64_t> units, vacant, occupied, unknown;
  std::vector<double> vf, tf, rate;
  for (const Row& r : rows) {
    units.push_back(r.units);
    vacant.push_back(r.vacant);
    occupied.push_back(r.units - r.vacant);
    unknown.push_back(0);
    vf.push_back(r.vacant_floor);
    tf.push_back(r.total_floor);
    rate.push_back(r.vacant_floor / r.total_floor);
  }
  if (cells) t.add_integer("n_locations", units);
  t.add_integer("n_status_unknown", std::move(unknown));
  t.add_integer("n_units_with_status", units);
  t.add_integer("n_occupied", std::move(occupied));
  t.add_integer("n_vacant", std::move(vacant));
  t.add_real("vacant_floor_m2", std::move(vf));
  t.add_real("total_floor_m2", std::move(tf));
  t.add_real("vacancy_rate_floor", std::move(rate));
  CellRisk risk;
  risk.units = units;
  // Floor magnitudes: enough contributors, no dominance, unless a test says otherwise.
  risk.magnitudes.push_back({"vacant_floor_m2", std::vector<int64_t>(rows.size(), 5),
                             std::vector<double>(rows.size(), 0.0), {"vacancy_rate_floor"}});
  const std::string_view keep[] = {"kern_code", "sbi_section", "n_locations"};
  suppress_cells(t, risk, DisclosureSettings{}, keep, "units");
  return t;
}

// Kern A (20 units) = G (12) + C (2, primary) + I (6); kern B (30) = G (30).
AnalysisResult small_result(const std::vector<Row>& sector_a) {
  AnalysisResult result;
  std::vector<Row> kern_rows = {{0, 0, 0, 0}, {30, 3, 300, 3000}};
  std::vector<std::string> codes, sections;
  for (const Row& r : sector_a) {
    kern_rows[0].units += r.units;
    kern_rows[0].vacant += r.vacant;
    kern_rows[0].vacant_floor += r.vacant_floor;
    kern_rows[0].total_floor += r.total_floor;
    codes.push_back("A");
  }
  sections = {"G", "C", "I", "S"};
  sections.resize(sector_a.size());
  std::vector<Row> cells = sector_a;
  cells.push_back({30, 3, 300, 3000});
  codes.push_back("B");
  sections.push_back("G");
  Table kern = vacancy_rows(kern_rows);
  Table with_keys;
  with_keys.add_text("kern_code", {"A", "B"});
  with_keys.add_integer("n_locations", {kern_rows[0].units, 30});
  for (const Column& c : kern.columns()) with_keys.add_column(c);
  Row total{kern_rows[0].units + 30, kern_rows[0].vacant + 3, kern_rows[0].vacant_floor + 300,
            kern_rows[0].total_floor + 3000};
  result.tables.push_back({"kern", std::move(with_keys), std::nullopt, "kern", {"kern_code"}});
  result.tables.push_back({"vacancy_total", vacancy_rows({total}), std::nullopt, "area", {}});
  result.tables.push_back({"kern_sector", vacancy_rows(cells, codes, sections), std::nullopt, "kern_sector",
                           {"kern_code", "sbi_section"}});
  protect_tables(result, DisclosureSettings{});
  return result;
}

TEST(DisclosurePass, OneSuppressedCellGetsTheSmallestComplement) {
  // G 12 units (2 vacant), C 2 units (1 vacant: primary), I 6 units (1 vacant).
  const AnalysisResult r = small_result({{12, 2, 200, 1200}, {2, 1, 50, 200}, {6, 1, 60, 600}});
  const Table& s = r.find_named("kern_sector")->table;
  EXPECT_EQ(s.at("suppression_kind").texts, (std::vector<std::string>{"", "primary", "secondary", ""}));
  EXPECT_EQ(s.at("n_vacant").integers[2], kNullInteger);
  EXPECT_TRUE(std::isnan(s.at("vacant_floor_m2").reals[2]));
  EXPECT_EQ(s.at("n_locations").integers[2], 6);  // kept
  EXPECT_EQ(s.at("n_vacant").integers[0], 2);
  // The kern rows and the total stay published.
  EXPECT_EQ(r.kern_indicators().at("suppressed").integers, (std::vector<int64_t>{0, 0}));
  EXPECT_EQ(r.kern_indicators().at("n_vacant").integers[0], 4);
}

TEST(DisclosurePass, HiddenCellsSummingToZeroGetANonZeroComplement) {
  // C (2 units, 0 vacant) is primary; the smallest other cell S (5 units) has 0 vacant too,
  // so hiding it would still reveal both as 0: S and the smallest cell with a vacancy (I).
  const AnalysisResult r =
      small_result({{12, 2, 200, 1200}, {2, 0, 0, 200}, {6, 1, 60, 600}, {5, 0, 0, 500}});
  const Table& s = r.find_named("kern_sector")->table;
  EXPECT_EQ(s.at("suppression_kind").texts,
            (std::vector<std::string>{"", "primary", "secondary", "secondary", ""}));
}

TEST(DisclosurePass, SmallKernGetsAComplementKernAndItsCells) {
  AnalysisResult result;
  // Kernen A (3 units: primary), B (8), C (40); the total 51.
  Table kern = vacancy_rows({{3, 1, 10, 300}, {8, 2, 100, 800}, {40, 4, 400, 4000}});
  Table with_keys;
  with_keys.add_text("kern_code", {"A", "B", "C"});
  with_keys.add_integer("n_locations", {3, 8, 40});
  for (const Column& c : kern.columns()) with_keys.add_column(c);
  result.tables.push_back({"kern", std::move(with_keys), std::nullopt, "kern", {"kern_code"}});
  result.tables.push_back({"vacancy_total", vacancy_rows({{51, 7, 510, 5100}}), std::nullopt, "area", {}});
  result.tables.push_back({"kern_sector",
                           vacancy_rows({{3, 1, 10, 300}, {5, 1, 50, 500}, {3, 1, 50, 300}, {40, 4, 400, 4000}},
                                        {"A", "B", "B", "C"}, {"G", "G", "I", "G"}),
                           std::nullopt, "kern_sector", {"kern_code", "sbi_section"}});
  protect_tables(result, DisclosureSettings{});
  EXPECT_EQ(result.kern_indicators().at("suppression_kind").texts,
            (std::vector<std::string>{"primary", "secondary", ""}));
  const Table& s = result.find_named("kern_sector")->table;
  // A's only cell is primary already; B's I cell is primary and, with kern B hidden too, not
  // derivable (B = B.G + B.I has two unknowns), so B.G stays published.
  EXPECT_EQ(s.at("suppression_kind").texts, (std::vector<std::string>{"primary", "", "primary", ""}));
}

// Grid cells (3 units: primary, 8, 9) adding up to the total of one kern: the one primary cell
// would be the total minus the others, so the smallest other cell (8) goes too. Its value had
// entered the other cells' statistic, so the declared row-dependent column goes in every row.
TEST(DisclosurePass, ASecondaryRowWithholdsRowDependentColumnsEverywhere) {
  AnalysisResult result;
  Table kern = vacancy_rows({{20, 4, 400, 2000}});
  Table with_keys;
  with_keys.add_text("kern_code", {"A"});
  with_keys.add_integer("n_locations", {20});
  for (const Column& c : kern.columns()) with_keys.add_column(c);
  result.tables.push_back({"kern", std::move(with_keys), std::nullopt, "kern", {"kern_code"}});
  result.tables.push_back({"vacancy_total", vacancy_rows({{20, 4, 400, 2000}}), std::nullopt, "area", {}});
  Table cells;
  cells.add_integer("cell_col", {0, 1, 2});
  cells.add_integer("n_units", {3, 8, 9});
  cells.add_integer("n_vacant", {1, 1, 2});
  cells.add_real("gi_z", {std::nan(""), -0.7, 0.7});
  suppress_small_rows(cells, std::vector<int64_t>{3, 8, 9}, DisclosureSettings{}, {"cell_col"}, "units");
  result.tables.push_back({"vacancy_hotspot", std::move(cells), std::nullopt, "grid_cell", {"cell_col"}, {"gi_z"}});
  protect_tables(result, DisclosureSettings{});
  const Table& t = result.find_named("vacancy_hotspot")->table;
  EXPECT_EQ(t.at("suppression_kind").texts, (std::vector<std::string>{"primary", "secondary", ""}));
  EXPECT_EQ(t.at("n_units").integers[2], 9);  // the counts of the published cell stay
  for (size_t row = 0; row < 3; ++row) EXPECT_TRUE(std::isnan(t.at("gi_z").reals[row])) << row;
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_EQ(result.notes[0], "vacancy_hotspot: 1 row(s) withheld by secondary suppression had entered the "
                             "other rows' gi_z; these columns are withheld in every row");
}

TEST(DisclosurePass, NoSecondaryRowLeavesRowDependentColumns) {
  AnalysisResult result;
  Table kern = vacancy_rows({{20, 4, 400, 2000}});
  Table with_keys;
  with_keys.add_text("kern_code", {"A"});
  for (const Column& c : kern.columns()) with_keys.add_column(c);
  result.tables.push_back({"kern", std::move(with_keys), std::nullopt, "kern", {"kern_code"}});
  Table cells;
  cells.add_integer("n_units", {3, 17});
  cells.add_real("gi_z", {std::nan(""), 0.5});
  suppress_small_rows(cells, std::vector<int64_t>{3, 17}, DisclosureSettings{}, {}, "units");
  result.tables.push_back({"grid", std::move(cells), std::nullopt, "grid_cell", {}, {"gi_z"}});
  protect_tables(result, DisclosureSettings{});
  EXPECT_EQ(result.find_named("grid")->table.at("gi_z").reals[1], 0.5);
  EXPECT_TRUE(result.notes.empty());
}

// Within a row the vacant floor area is the sum of the duration classes: one class withheld
// by the magnitude rule would be the row's vacant_floor_m2 minus the others, so the smallest
// other class above 0 m2 goes too.
TEST(DisclosurePass, AFloorClassWithheldAloneInItsRowGetsAComplement) {
  AnalysisResult result;
  Table kern;
  kern.add_text("kern_code", {"A"});
  kern.add_integer("n_units_with_status", {30});
  kern.add_real("vacant_floor_m2", {1000.0});
  kern.add_real("floor_m2_frictional", {300.0});
  kern.add_real("floor_m2_long_term", {200.0});
  kern.add_real("floor_m2_structural", {400.0});
  kern.add_real("floor_m2_duration_unknown", {100.0});
  CellRisk risk;
  risk.units = {30};
  risk.magnitudes.push_back({"floor_m2_structural", {1}, {400.0}, {}});  // one contributor
  const std::string_view keep[] = {"kern_code"};
  suppress_cells(kern, risk, DisclosureSettings{}, keep, "units");
  result.tables.push_back({"kern", std::move(kern), std::nullopt, "kern", {"kern_code"}});
  protect_tables(result, DisclosureSettings{});
  const Table& t = result.kern_indicators();
  EXPECT_EQ(t.at("magnitude_suppressed").texts[0],
            "floor_m2_structural:primary;floor_m2_duration_unknown:secondary");
  EXPECT_TRUE(std::isnan(t.at("floor_m2_duration_unknown").reals[0]));
  EXPECT_EQ(t.at("vacant_floor_m2").reals[0], 1000.0);
  EXPECT_EQ(t.at("floor_m2_long_term").reals[0], 200.0);
}

TEST(DisclosurePass, InternalOutputIsLeftAlone) {
  AnalysisResult result;
  result.tables.push_back({"kern", vacancy_rows({{3, 1, 10, 300}, {8, 2, 100, 800}}), std::nullopt, "kern", {}});
  result.tables.front().table.add_text("kern_code", {"A", "B"});
  DisclosureSettings internal;
  internal.internal = true;
  protect_tables(result, internal);
  EXPECT_EQ(result.kern_indicators().at("suppressed").integers, (std::vector<int64_t>{1, 0}));
}

}  // namespace
}  // namespace kk
