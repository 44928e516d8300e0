// Gi* vacancy hot spots with 999 conditional permutations, 1 and 2 threads (wall time).
//   BM_GiStar/threads:T      stats::gi_star on prebuilt cell values and weights — the part
//                            esda.G_Local does (compare_gi_star.py times esda the same way)
//   BM_Hotspots/threads:T    pattern::vacancy_hotspots end to end: grid + weights + Gi*
// Data: --data=FILE with one unit per line "x y status" (0 unknown, 1 occupied, 2 vacant),
// as compare_gi_star.py writes it; without it, 100,000 synthetic units on a 25 km square
// (10,000 cells of 250 m) with a planted cluster. --dump=FILE writes the cells' values, z
// and p_sim of one single-threaded run, so the comparison can check both sides agree.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernkompas/stats/getis_ord.hpp"
#include "kernkompas/stats/random.hpp"
#include "kernkompas/stats/spatial_weights.hpp"
#include "kernkompas/pattern/hotspots.hpp"
#include "testing/unit_stream.hpp"

namespace {

kk::LocationLayer g_units;

kk::LocationLayer synthetic_units(size_t n) {
  kk::LocationLayer layer;
  kk::stats::RandomStream rng(2024, 0);
  for (size_t i = 0; i < n; ++i) {
    const double x = 130000.0 + 25000.0 * rng.uniform();
    const double y = 450000.0 + 25000.0 * rng.uniform();
    const bool cluster = (x - 140000.0) * (x - 140000.0) + (y - 460000.0) * (y - 460000.0) < 4.0e6;  // within 2 km
    const bool vacant = rng.uniform() < (cluster ? 0.25 : 0.07);
    layer.id.push_back(std::to_string(i));
    layer.x.push_back(x);
    layer.y.push_back(y);
    layer.status.push_back(vacant ? kk::OccupancyStatus::kVacant : kk::OccupancyStatus::kOccupied);
  }
  return layer;
}

kk::LocationLayer read_units(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  return kk::testing::read_units(in);
}

kk::pattern::HotspotOptions options(unsigned threads) {
  kk::pattern::HotspotOptions o;
  o.disclosure.internal = true;
  o.permutations = 999;
  o.execution.threads = threads;
  return o;
}

// Cell values and weights as vacancy_hotspots builds them (from its published table).
struct Cells {
  kk::stats::SpatialWeights weights;
  std::vector<double> values;
};

const Cells& cells() {
  static const Cells c = [] {
    kk::pattern::HotspotOptions o = options(1);
    o.permutations = 0;
    const kk::pattern::HotspotResult r = kk::pattern::vacancy_hotspots(g_units, o);
    Cells out;
    out.values = r.cells.at("value").reals;
    out.weights = kk::stats::SpatialWeights::grid_distance_band(
        r.cells.at("cell_col").integers, r.cells.at("cell_row").integers, r.grid.cell_size_m,
        1.5 * r.grid.cell_size_m);
    return out;
  }();
  return c;
}

void BM_GiStar(benchmark::State& state) {
  const Cells& c = cells();
  kk::stats::GiStarOptions o;
  o.permutation.permutations = 999;
  o.permutation.threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(kk::stats::gi_star(c.weights, c.values, o));
  state.counters["cells"] = static_cast<double>(c.values.size());
  state.counters["units"] = static_cast<double>(g_units.size());
}

void BM_Hotspots(benchmark::State& state) {
  const kk::pattern::HotspotOptions o = options(static_cast<unsigned>(state.range(0)));
  size_t rows = 0;
  for (auto _ : state) {
    const kk::pattern::HotspotResult r = kk::pattern::vacancy_hotspots(g_units, o);
    rows = r.cells.row_count();
    benchmark::DoNotOptimize(rows);
  }
  state.counters["cells"] = static_cast<double>(rows);
  state.counters["units"] = static_cast<double>(g_units.size());
}

BENCHMARK(BM_GiStar)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Hotspots)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void dump(const std::string& path) {
  const kk::pattern::HotspotResult r = kk::pattern::vacancy_hotspots(g_units, options(1));
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) throw std::runtime_error("cannot write " + path);
  const kk::Table& t = r.cells;
  std::fprintf(f, "cell_x,cell_y,value,gi_z,p_sim\n");
  for (size_t k = 0; k < t.row_count(); ++k) {
    std::fprintf(f, "%.17g,%.17g,%.17g,%.17g,%.17g\n", t.at("cell_x").reals[k],
                 t.at("cell_y").reals[k], t.at("value").reals[k], t.at("gi_z").reals[k],
                 t.at("p_sim").reals[k]);
  }
  std::fclose(f);
}

}  // namespace

int main(int argc, char** argv) {
  // Take our own flags out before Google Benchmark sees the rest.
  std::string data, dump_path;
  std::vector<char*> rest;
  for (int k = 0; k < argc; ++k) {
    if (std::strncmp(argv[k], "--data=", 7) == 0) data = argv[k] + 7;
    else if (std::strncmp(argv[k], "--dump=", 7) == 0) dump_path = argv[k] + 7;
    else rest.push_back(argv[k]);
  }
  g_units = data.empty() ? synthetic_units(100000) : read_units(data);
  if (!dump_path.empty()) dump(dump_path);
  int rest_count = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_count, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_count, rest.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
