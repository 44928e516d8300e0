// Runs the installed engine on the installed Wijdemeren data and checks every location is
// accounted for.
#include <iostream>

#include "kernkompas/analysis.hpp"
#include "kernkompas/layers/config.hpp"
#include "kernkompas/layers/read.hpp"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const kk::layers::ProjectConfig config = kk::layers::load_config(argv[1]);
  kk::layers::Notes notes;
  const kk::AnalysisInput input = kk::layers::read_project(config, notes);
  const kk::AnalysisResult result = kk::run_analysis(input);
  int64_t total = 0;
  for (int64_t n : result.kern_indicators().at("n_locations").integers) total += n;
  std::cout << total << " of " << input.locations.size() << " locations assigned\n";
  return total == static_cast<int64_t>(input.locations.size()) ? 0 : 1;
}
