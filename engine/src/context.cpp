// The run context: shared derived data, built once per run.
#include "kernkompas/context.hpp"

namespace kk {

ExecutionSettings execution_settings(const Settings& settings, ProgressCallback progress) {
  const OptionView execution = settings.section("execution");
  return {static_cast<unsigned>(execution.integer("threads")), execution.unsigned_integer("seed"),
          std::move(progress)};
}

DisclosureSettings disclosure_settings(const Settings& settings) {
  const OptionView disclosure = settings.section("disclosure");
  return {disclosure.integer("k"), disclosure.integer("min_units"), disclosure.boolean("internal"),
          disclosure.integer("magnitude_min_contributors"), disclosure.real("dominance_share")};
}

std::unique_ptr<RunContext> build_run_context(const AnalysisInput& input, const Settings& settings,
                                              const ProgressCallback& progress) {
  ExecutionSettings execution = execution_settings(settings, progress);
  const assign::AssignOptions assign_options{execution.threads, progress};
  report_progress(progress, "assign locations to kernen", 0.0);
  index::PolygonLocator locator(input.kernen.geometry);
  const size_t kern_count = input.kernen.size();
  assign::Assignment assignment =
      assign::assign_with_locator(locator, kern_count, input.locations.x, input.locations.y, assign_options);
  std::vector<assign::Assignment> snapshots;
  for (const LocationLayer& snapshot : input.earlier_snapshots) {
    snapshots.push_back(assign::assign_with_locator(locator, kern_count, snapshot.x, snapshot.y, assign_options));
  }
  std::optional<assign::Assignment> population;
  if (input.population) {
    population = assign::assign_with_locator(locator, kern_count, input.population->x, input.population->y,
                                             assign_options);
  }
  return std::unique_ptr<RunContext>(new RunContext{input, std::move(execution),
                                                    disclosure_settings(settings), std::move(locator),
                                                    std::move(assignment), std::move(snapshots),
                                                    std::move(population), LocationIndex(input.locations),
                                                    RoadIndex(input.roads)});
}

}  // namespace kk
