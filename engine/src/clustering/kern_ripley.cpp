// Ripley's K per kern.
#include "kern_ripley.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "kern_points.hpp"

#include "kernkompas/core/disclosure.hpp"
#include "kernkompas/stats/ripley.hpp"

namespace kk::clustering {

void add_kern_ripley(const RunContext& context, const RipleySettings& settings, AnalysisResult& result) {
  const KernLayer& kernen = context.input.kernen;
  const KernPoints points = points_per_kern(context);
  const auto& xs = points.x;
  const auto& ys = points.y;
  stats::RipleyOptions options;
  for (uint32_t s = 1; s <= settings.steps; ++s) {
    options.distances.push_back(settings.max_distance_m * s / settings.steps);
  }
  options.simulations = settings.simulations;
  options.seed = context.execution.seed;
  options.threads = context.execution.threads;

  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::string> code, name;
  std::vector<int64_t> n;
  std::vector<double> r, k, lv, h, lo, hi;
  for (size_t kern = 0; kern < kernen.size(); ++kern) {
    report_progress(context.execution.progress, "Ripley's K per kern",
                    static_cast<double>(kern) / static_cast<double>(kernen.size()));
    stats::RipleyResult ripley;
    const bool computed = xs[kern].size() >= 2 && kernen.geometry.part_offsets[kern] != kernen.geometry.part_offsets[kern + 1];
    if (computed) ripley = stats::ripley(xs[kern], ys[kern], stats::PatternWindow(kernen.geometry, kern), options);
    for (size_t j = 0; j < options.distances.size(); ++j) {
      code.push_back(kernen.code[kern]);
      name.push_back(kernen.name[kern]);
      n.push_back(static_cast<int64_t>(xs[kern].size()));
      r.push_back(options.distances[j]);
      k.push_back(computed ? ripley.k[j] : nan);
      lv.push_back(computed ? ripley.l[j] : nan);
      h.push_back(computed ? ripley.h[j] : nan);
      lo.push_back(computed ? ripley.l_lo[j] : nan);
      hi.push_back(computed ? ripley.l_hi[j] : nan);
    }
  }
  Table t;
  t.add_text("kern_code", code);
  t.add_text("kern_name", name);
  t.add_real("distance_m", r, "m");
  t.add_integer("n_locations", n);
  t.add_real("k", k, "m2", "Ripley's K, isotropic edge correction against the kern polygon");
  t.add_real("l", lv, "m", "L = sqrt(K / pi); L = r for complete spatial randomness");
  t.add_real("h", h, "m", "H = L - r: above 0 clustered at this distance, below 0 dispersed");
  t.add_real("l_lo", lo, "m", "lowest simulated L (uniform points in the kern)");
  t.add_real("l_hi", hi, "m", "highest simulated L (uniform points in the kern)");
  CellRisk risk;
  risk.units = n;
  const std::string_view keep[] = {"kern_code", "kern_name", "distance_m", "n_locations"};
  suppress_cells(t, risk, context.disclosure, keep, "locations");
  result.tables.push_back({"kern_ripley", std::move(t), std::nullopt, "kern_distance", {"kern_code", "distance_m"}});
}

}  // namespace kk::clustering
