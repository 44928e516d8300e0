// The CRS plausibility check on 1,000,000 points, the step every layer goes through on its
// way into the working CRS (EPSG:28992, RD New), single thread:
//   BM_PlausibilityCheck/rd      CrsTransform::first_implausible on RD points bound for RD
//                                (the common case: no transformation at all)
//   BM_PlausibilityCheck/lonlat  the same on lon/lat points (OGC:CRS84) bound for RD
//   BM_ToWorkingCrs/rd, /lonlat  layers::to_working_crs end to end: check + transformation
// The points are uniform over a 30 km square around Wijdemeren, all plausible, so every check
// runs to the end.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "kernkompas/layers/crs.hpp"
#include "kernkompas/layers/validate.hpp"

namespace {

constexpr size_t kPoints = 1'000'000;

struct Points {
  std::string crs;
  std::vector<double> x, y;
};

Points make_points(bool lonlat) {
  // South-west corner and side of the square, in metres or degrees.
  const double west = lonlat ? 4.95 : 125000.0, south = lonlat ? 52.1 : 455000.0;
  const double width = lonlat ? 0.45 : 30000.0, height = lonlat ? 0.27 : 30000.0;
  Points p{lonlat ? "OGC:CRS84" : "EPSG:28992", {}, {}};
  std::mt19937_64 rng(2024);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (size_t i = 0; i < kPoints; ++i) {
    p.x.push_back(west + width * unit(rng));
    p.y.push_back(south + height * unit(rng));
  }
  return p;
}

void BM_PlausibilityCheck(benchmark::State& state, bool lonlat) {
  const Points p = make_points(lonlat);
  const kk::layers::CrsTransform transform(p.crs, "EPSG:28992");
  for (auto _ : state) {
    const long bad = transform.first_implausible(p.x, p.y);
    if (bad >= 0) state.SkipWithError("a synthetic point is implausible");
    benchmark::DoNotOptimize(bad);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kPoints));
}

void BM_ToWorkingCrs(benchmark::State& state, bool lonlat) {
  const Points p = make_points(lonlat);
  const kk::layers::RecordLabel label = [](size_t i) { return "point " + std::to_string(i); };
  for (auto _ : state) {
    state.PauseTiming();
    Points q = p;
    state.ResumeTiming();
    kk::layers::to_working_crs(q.crs, "EPSG:28992", q.x, q.y, label, "crs");
    benchmark::DoNotOptimize(q.x.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kPoints));
}

}  // namespace

BENCHMARK_CAPTURE(BM_PlausibilityCheck, rd, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PlausibilityCheck, lonlat, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ToWorkingCrs, rd, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ToWorkingCrs, lonlat, true)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
