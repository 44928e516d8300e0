// Ripley's K with the isotropic edge correction and 99 simulated patterns, 1 and 2 threads
// (wall time), on 10,000 uniform points in a 2 x 2 km window with a 500 m square cut from
// one corner (the window of compare_ripley.py), distances 10 .. 100 m.
#include <benchmark/benchmark.h>

#include <vector>

#include "kernkompas/stats/ripley.hpp"

namespace {

kk::geometry::MultiPolygonArray cut_square() {
  kk::geometry::MultiPolygonArray g;
  g.begin_feature();
  g.begin_part();
  const std::vector<double> x{0, 2000, 2000, 1500, 1500, 0}, y{0, 0, 1500, 1500, 2000, 2000};
  g.add_ring(x, y);
  return g;
}

void BM_Ripley(benchmark::State& state) {
  const kk::stats::PatternWindow window(cut_square(), 0);
  kk::stats::RandomStream stream(1, 0);
  std::vector<double> x, y;
  window.uniform_points(10000, stream, x, y);
  kk::stats::RipleyOptions options;
  for (int k = 1; k <= 10; ++k) options.distances.push_back(10.0 * k);
  options.simulations = 99;
  options.threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(kk::stats::ripley(x, y, window, options));
}
BENCHMARK(BM_Ripley)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
