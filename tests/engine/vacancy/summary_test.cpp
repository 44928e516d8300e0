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

}  // namespace
}  // namespace kk
