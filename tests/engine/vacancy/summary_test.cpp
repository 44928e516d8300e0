// The vacancy family's console summary (what `kernkompas run` prints): every kern gets its
// row, a withheld kern says so and hides its figures, the figures are the table's.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "kernkompas/analysis.hpp"
#include "kernkompas/families.hpp"
#include "testing/builders.hpp"

namespace kk {
namespace {

// Three 1 km squares. Kern 0: 2 units (below k = 5, withheld); kern 1: 6 units (withheld
// too, as the smallest complement that keeps kern 0 from the total); kern 2: 7 units, 1 vacant.
AnalysisInput withheld_then_published() {
  AnalysisInput input;
  geometry::MultiPolygonArray squares;
  for (double x0 : {0.0, 1000.0, 2000.0}) testing::add_square(squares, x0, 0, 1000);
  input.kernen = testing::make_kern_layer(std::move(squares));
  LocationLayer& l = input.locations;
  auto unit = [&l](double x, OccupancyStatus status) {
    l.id.push_back("u" + std::to_string(l.id.size()));
    l.x.push_back(x);
    l.y.push_back(500);
    l.status.push_back(status);
    l.sbi.push_back("47.11");
    l.vacant_since.push_back(kNoDate);
  };
  using enum OccupancyStatus;
  unit(100, kVacant);
  unit(200, kOccupied);
  for (double x : {1100, 1200}) unit(x, kVacant);
  for (double x : {1300, 1400, 1500, 1600}) unit(x, kOccupied);
  unit(2100, kVacant);
  for (double x : {2200, 2300, 2400, 2500, 2600, 2700}) unit(x, kOccupied);
  return input;
}

std::vector<std::string> lines_starting_with(const std::string& text, const std::string& prefix) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0) out.push_back(line);
  }
  return out;
}

TEST(VacancySummary, EveryKernHasItsRowAfterAWithheldOne) {
  const AnalysisOptions options;  // published output
  const AnalysisResult result = run_analysis(withheld_then_published(), options);
  std::ostringstream out;
  summarize(result, options.settings, out);
  // The vacancy block only (other families print their own tables of kernen before it).
  const std::string all = out.str();
  const size_t start = all.find("Vacancy (leegstand) per kern");
  ASSERT_NE(start, std::string::npos) << all;
  const std::string text = all.substr(start, all.find("\n\n", all.find("kern ", start)) + 2 - start);

  const auto a = lines_starting_with(text, "Kern 0");
  ASSERT_EQ(a.size(), 1u) << text;
  EXPECT_NE(a[0].find("(withheld: disclosure control)"), std::string::npos) << a[0];
  EXPECT_EQ(a[0].find("50.0"), std::string::npos) << a[0];  // A's rate (1 of 2) stays hidden

  const auto b = lines_starting_with(text, "Kern 1");
  ASSERT_EQ(b.size(), 1u) << text;
  EXPECT_NE(b[0].find("(withheld: disclosure control)"), std::string::npos) << b[0];

  // Kern 2: 7 units, 1 vacant, 14.3 %, Wilson 95 % interval 2.6-51.3 % (by hand: centre
  // (1/7 + z²/14) / (1 + z²/7) = 0.2694, half-width 0.2437; scipy's binomtest agrees),
  // its duration unknown (no vacant_since), below min_units = 10.
  const auto c = lines_starting_with(text, "Kern 2");
  ASSERT_EQ(c.size(), 1u) << text;
  for (const char* figure : {" 7 ", " 1 ", "14.3", "2.6-51.3", "0/0/0/1", "(fewer than 10 units: not firm)"}) {
    EXPECT_NE(c[0].find(figure), std::string::npos) << figure << " not in: " << c[0];
  }
  EXPECT_EQ(c[0].find("withheld"), std::string::npos) << c[0];
  EXPECT_EQ(lines_starting_with(text, "buitengebied").size(), 1u) << text;
}

// The vacancy block of the console summary.
std::string vacancy_block(const AnalysisResult& result, const Settings& settings) {
  std::ostringstream out;
  summarize(result, settings, out);
  const std::string all = out.str();
  const size_t start = all.find("Vacancy (leegstand) per kern");
  if (start == std::string::npos) return all;
  return all.substr(start, all.find("\n\n", all.find("kern ", start)) + 2 - start);
}

// With earlier registers the summary gets a change column: the last period's rate change.
// The current register (2025-01-01) is the one above. Kern 2 had 7 units in every register:
// 0 vacant on 2023-01-01, 2 on 2024-01-01 (u9, u10), 1 now (u9). The last period's change is
// 100 · (1/7 − 2/7) = −14.3 pp (the first period's, +28.6 pp, is not the one shown).
TEST(VacancySummary, ChangeColumnShowsTheLastPeriod) {
  AnalysisInput input = withheld_then_published();
  input.locations.snapshot_date = *parse_iso_date("2025-01-01");
  LocationLayer r2024 = input.locations, r2023 = input.locations;
  r2024.snapshot_date = *parse_iso_date("2024-01-01");
  r2023.snapshot_date = *parse_iso_date("2023-01-01");
  using enum OccupancyStatus;
  ASSERT_EQ(r2024.id[10], "u10");
  r2024.status[10] = kVacant;
  r2023.status[9] = kOccupied;  // u9
  input.earlier_snapshots = {r2024, r2023};  // any order: the family sorts them by date
  const AnalysisOptions options;
  const AnalysisResult result = run_analysis(input, options);
  const std::string text = vacancy_block(result, options.settings);

  // Column widths 22, 6, 6, 7, 13, 7, 16, 9, each followed by two spaces; right-aligned
  // but for the kern name; trailing blanks cut.
  const auto header = lines_starting_with(text, "kern ");
  ASSERT_EQ(header.size(), 1u) << text;
  EXPECT_EQ(header[0],
            "kern                     units  vacant   rate %         95% CI  floor %          duration  change pp")
      << text;
  const auto c = lines_starting_with(text, "Kern 2");
  ASSERT_EQ(c.size(), 1u) << text;
  EXPECT_EQ(c[0],
            "Kern 2                       7       1     14.3       2.6-51.3        -           0/0/0/1      -14.3  "
            "(fewer than 10 units: not firm)")
      << text;
  // Every kern keeps its row; the withheld ones show no figures of their own.
  for (const char* kern : {"Kern 0", "Kern 1", "buitengebied"}) {
    EXPECT_EQ(lines_starting_with(text, kern).size(), 1u) << kern << " in:\n" << text;
  }
  const auto a = lines_starting_with(text, "Kern 0");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_NE(a[0].find("(withheld: disclosure control)"), std::string::npos) << a[0];
}

}  // namespace
}  // namespace kk
