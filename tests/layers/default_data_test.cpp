// The embedded Wijdemeren data: every location lands in the kern the generator placed it in.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "kernkompas/analysis.hpp"
#include "kernkompas/layers/config.hpp"
#include "kernkompas/layers/read.hpp"

namespace kk::layers {
namespace {

TEST(DefaultData, AssignmentMatchesTheGeneratorsIntendedKern) {
  const ProjectConfig config = load_config(default_config_path());
  Notes notes;
  const AnalysisInput input = read_project(config, notes);
  EXPECT_TRUE(notes.empty());
  ASSERT_EQ(input.kernen.size(), 6u);
  const AnalysisResult result = run_analysis(input);

  // datasets/truth holds the generator's intent: id -> kern code ("" = outside every kern).
  std::ifstream truth(std::string(KK_SOURCE_DATASETS_DIR) + "/truth/wijdemeren_generator_truth.csv");
  ASSERT_TRUE(truth);
  std::string line;
  std::getline(truth, line);
  std::map<std::string, std::string> intended;
  while (std::getline(truth, line)) {
    const auto comma = line.find(','), second = line.find(',', comma + 1);
    intended[line.substr(0, comma)] = line.substr(comma + 1, second - comma - 1);
  }
  size_t checked = 0, outside = 0;
  for (size_t i = 0; i < input.locations.size(); ++i) {
    const int32_t k = result.assignment.kern[i];
    const std::string got = k == assign::kBuitengebied ? "" : input.kernen.code[k];
    ASSERT_TRUE(intended.contains(input.locations.id[i])) << input.locations.id[i];
    EXPECT_EQ(got, intended[input.locations.id[i]]) << input.locations.id[i];
    ++checked;
    outside += got.empty();
  }
  EXPECT_EQ(checked, input.locations.size());
  EXPECT_EQ(outside, result.assignment.outside.size());
  EXPECT_GT(outside, 0u);
}

TEST(DefaultData, AliasesFindTheirKern) {
  Notes notes;
  const KernLayer kernen = read_kernen(load_config(default_config_path()).kernen, "EPSG:28992", notes);
  EXPECT_EQ(kernen.name[*kernen.find("Breukelveen")], "Breukeleveen");
  EXPECT_EQ(kernen.name[*kernen.find("Korthoef")], "Kortenhoef");
  EXPECT_EQ(kernen.name[*kernen.find("s-Graveland")], "'s-Graveland");
  EXPECT_EQ(kernen.name[*kernen.find("nederhorst den berg")], "Nederhorst den Berg");
  EXPECT_FALSE(kernen.find("Hilversum").has_value());
}

TEST(DefaultData, PopulationAndAreaMatchCbs) {
  Notes notes;
  const KernLayer kernen = read_kernen(load_config(default_config_path()).kernen, "EPSG:28992", notes);
  double population = 0, area = 0;
  for (size_t k = 0; k < kernen.size(); ++k) {
    population += kernen.population[k];
    area += geometry::feature_area(kernen.geometry, k);
  }
  EXPECT_DOUBLE_EQ(population, 24605.0);  // CBS 2024 buurt population of GM1696
  EXPECT_NEAR(area / 1e6, 77.05, 0.01);   // CBS wijken of Wijdemeren
}

}  // namespace
}  // namespace kk::layers
