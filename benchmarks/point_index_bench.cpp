// The point index (kk::index::PointIndex, a bulk-loaded Boost.Geometry R-tree) against
// nanoflann's k-d tree, and DBSCAN end to end in C++, on 100,000 and 1,000,000 points.
//   BM_Build/<index>/n          building the index
//   BM_Nearest/<index>/n        the 10 nearest of every point, one thread
//   BM_Within/<index>/n         every point within 75 m of every point, one thread
//   BM_Dbscan/n/threads         stats::dbscan(eps 75, min_samples 5)
// Data: n points on a 40 km square, half uniform and half in 200 Gaussian clumps (sd 300 m),
// from a fixed seed, so a 75 m neighbourhood holds from a few points to a few hundred.
// nanoflann is a benchmark-only comparison (Debian libnanoflann-dev); without its header the
// nanoflann cases are left out. Its radius search keeps d² < r² (strict), ours d² <= r²: on
// these random doubles no pair lies exactly on the circle, so both do the same work.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "kernkompas/index/point_index.hpp"
#include "kernkompas/stats/dbscan.hpp"
#include "kernkompas/stats/random.hpp"

#if __has_include(<nanoflann.hpp>)
#include <nanoflann.hpp>
#define KK_HAVE_NANOFLANN 1
#endif

namespace {

constexpr double kRadius = 75.0;
constexpr size_t kNeighbours = 10;

struct Points {
  std::vector<double> x, y;
};

const Points& points(size_t n) {
  static Points small, large;
  Points& p = n <= 100000 ? small : large;
  if (p.x.size() == n) return p;
  kk::stats::RandomStream rng(20261201, 0);
  const double side = 40000.0;
  std::vector<double> cx(200), cy(200);
  for (size_t c = 0; c < cx.size(); ++c) cx[c] = side * rng.uniform(), cy[c] = side * rng.uniform();
  p.x.resize(n);
  p.y.resize(n);
  for (size_t i = 0; i < n; ++i) {
    if (i % 2 == 0) {
      p.x[i] = side * rng.uniform();
      p.y[i] = side * rng.uniform();
    } else {  // Box–Muller around a clump centre
      const size_t c = static_cast<size_t>(rng.uniform() * static_cast<double>(cx.size()));
      const double r = 300.0 * std::sqrt(-2.0 * std::log(1.0 - rng.uniform()));
      const double a = 2.0 * 3.141592653589793 * rng.uniform();
      p.x[i] = cx[c] + r * std::cos(a);
      p.y[i] = cy[c] + r * std::sin(a);
    }
  }
  return p;
}

void BM_Build_PointIndex(benchmark::State& state) {
  const Points& p = points(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    kk::index::PointIndex index(p.x, p.y);
    benchmark::DoNotOptimize(index.size());
  }
}

void BM_Nearest_PointIndex(benchmark::State& state) {
  const Points& p = points(static_cast<size_t>(state.range(0)));
  const kk::index::PointIndex index(p.x, p.y);
  std::vector<kk::index::Neighbour> found;
  for (auto _ : state) {
    size_t total = 0;
    for (size_t i = 0; i < p.x.size(); ++i) {
      index.nearest(p.x[i], p.y[i], kNeighbours, found);
      total += found.back().index;
    }
    benchmark::DoNotOptimize(total);
  }
}

void BM_Within_PointIndex(benchmark::State& state) {
  const Points& p = points(static_cast<size_t>(state.range(0)));
  const kk::index::PointIndex index(p.x, p.y);
  std::vector<kk::index::Neighbour> found;
  for (auto _ : state) {
    size_t total = 0;
    for (size_t i = 0; i < p.x.size(); ++i) {
      index.within(p.x[i], p.y[i], kRadius, found);
      total += found.size();
    }
    state.counters["mean_neighbours"] = static_cast<double>(total) / static_cast<double>(p.x.size());
  }
}

#ifdef KK_HAVE_NANOFLANN
// nanoflann's dataset adaptor over the two coordinate arrays.
struct Cloud {
  const Points* p;
  size_t kdtree_get_point_count() const { return p->x.size(); }
  double kdtree_get_pt(size_t i, size_t dim) const { return dim == 0 ? p->x[i] : p->y[i]; }
  template <class Box>
  bool kdtree_get_bbox(Box&) const { return false; }
};
using KdTree = nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<double, Cloud>, Cloud, 2, uint32_t>;

void BM_Build_Nanoflann(benchmark::State& state) {
  const Cloud cloud{&points(static_cast<size_t>(state.range(0)))};
  for (auto _ : state) {
    KdTree tree(2, cloud, nanoflann::KDTreeSingleIndexAdaptorParams(10));
    benchmark::DoNotOptimize(&tree);
  }
}

void BM_Nearest_Nanoflann(benchmark::State& state) {
  const Points& p = points(static_cast<size_t>(state.range(0)));
  const Cloud cloud{&p};
  const KdTree tree(2, cloud, nanoflann::KDTreeSingleIndexAdaptorParams(10));
  std::vector<uint32_t> index(kNeighbours);
  std::vector<double> squared(kNeighbours);
  for (auto _ : state) {
    size_t total = 0;
    for (size_t i = 0; i < p.x.size(); ++i) {
      const double q[2] = {p.x[i], p.y[i]};
      tree.knnSearch(q, kNeighbours, index.data(), squared.data());
      total += index.back();
    }
    benchmark::DoNotOptimize(total);
  }
}

void BM_Within_Nanoflann(benchmark::State& state) {
  const Points& p = points(static_cast<size_t>(state.range(0)));
  const Cloud cloud{&p};
  const KdTree tree(2, cloud, nanoflann::KDTreeSingleIndexAdaptorParams(10));
  std::vector<std::pair<uint32_t, double>> found;
  // Sorted by index afterwards, as PointIndex::within() returns them.
  const nanoflann::SearchParams unsorted(32, 0.0F, false);
  for (auto _ : state) {
    size_t total = 0;
    for (size_t i = 0; i < p.x.size(); ++i) {
      const double q[2] = {p.x[i], p.y[i]};
      tree.radiusSearch(q, kRadius * kRadius, found, unsorted);
      std::sort(found.begin(), found.end());
      total += found.size();
    }
    state.counters["mean_neighbours"] = static_cast<double>(total) / static_cast<double>(p.x.size());
  }
}
#endif

void BM_Dbscan(benchmark::State& state) {
  const Points& p = points(static_cast<size_t>(state.range(0)));
  const kk::stats::DbscanOptions options{.eps = kRadius, .min_samples = 5,
                                         .threads = static_cast<unsigned>(state.range(1))};
  for (auto _ : state) {
    const kk::stats::DbscanResult r = kk::stats::dbscan(p.x, p.y, options);
    state.counters["clusters"] = r.cluster_count;
  }
}

void sizes(benchmark::internal::Benchmark* b) {
  b->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime();
}

}  // namespace

BENCHMARK(BM_Build_PointIndex)->Apply(sizes);
BENCHMARK(BM_Nearest_PointIndex)->Apply(sizes);
BENCHMARK(BM_Within_PointIndex)->Apply(sizes);
#ifdef KK_HAVE_NANOFLANN
BENCHMARK(BM_Build_Nanoflann)->Apply(sizes);
BENCHMARK(BM_Nearest_Nanoflann)->Apply(sizes);
BENCHMARK(BM_Within_Nanoflann)->Apply(sizes);
#endif
BENCHMARK(BM_Dbscan)
    ->ArgsProduct({{100000, 1000000}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK_MAIN();
