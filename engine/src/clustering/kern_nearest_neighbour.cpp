// Nearest-neighbour statistics per kern.
#include "kern_nearest_neighbour.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "kern_points.hpp"

#include "kernkompas/stats/nearest_neighbour.hpp"

namespace kk::clustering {

void add_kern_nearest_neighbour(const RunContext& context, AnalysisResult& result) {
  const KernLayer& kernen = context.input.kernen;
  const size_t rows = kernen.size() + 1;  // then buitengebied
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const KernPoints points = points_per_kern(context);
  const auto& xs = points.x;
  const auto& ys = points.y;
  std::vector<double> mean(rows, nan), r(rows, nan), z(rows, nan), p(rows, nan);
  std::vector<double> r_edge(rows, nan), z_edge(rows, nan), p_edge(rows, nan);
  const stats::NearestNeighbourOptions options{context.execution.threads};
  for (size_t k = 0; k < kernen.size(); ++k) {
    const auto n = static_cast<int64_t>(xs[k].size());
    if (n < 2 || context.disclosure.withholds(n)) continue;
    const double area = geometry::feature_area(kernen.geometry, k);
    const double perimeter = geometry::feature_perimeter(kernen.geometry, k);
    if (!(area > 0.0)) continue;
    const stats::ClarkEvansResult ce = stats::clark_evans(xs[k], ys[k], area, perimeter, options);
    mean[k] = ce.mean_distance;
    r[k] = ce.plain.r;
    z[k] = ce.plain.z;
    p[k] = ce.plain.p;
    r_edge[k] = ce.donnelly.r;
    z_edge[k] = ce.donnelly.z;
    p_edge[k] = ce.donnelly.p;
  }
  Table& t = result.kern_table();
  t.add_real("nn_mean_m", std::move(mean), "m", "mean distance from a location to its nearest other one in the kern");
  t.add_real("clark_evans_r", std::move(r), "", "Clark-Evans R: below 1 clustered, 1 random, above 1 regular");
  t.add_real("clark_evans_z", std::move(z), "", "z of Clark-Evans R");
  t.add_real("clark_evans_p", std::move(p), "", "two-sided p of Clark-Evans R");
  t.add_real("clark_evans_r_donnelly", std::move(r_edge), "",
             "Clark-Evans R with Donnelly's edge correction for the kern's area and perimeter");
  t.add_real("clark_evans_z_donnelly", std::move(z_edge), "", "z of the edge-corrected R");
  t.add_real("clark_evans_p_donnelly", std::move(p_edge), "", "two-sided p of the edge-corrected R");
}

}  // namespace kk::clustering
