// kk_gi_star_cli: a small driver so Python tests can run the engine's Gi* on the same input
// as esda (tests/python/test_gi_star_esda.py). Not installed; not a user tool.
//
//   kk_gi_star_cli weights  [options] [FILE]   input: n, n values, m, then m "i j w" rows
//                                               (w_ij for i's neighbour j, self excluded)
//   kk_gi_star_cli hotspots [options] [FILE]   input: one unit per line, "x y status"
//                                               (status 0 unknown, 1 occupied, 2 vacant)
// Options: --permutations R (default 0 for weights, 999 for hotspots), --seed S,
//          --threads T, --cell M, --band M, --value rate|count, --internal.
// Output on stdout, CSV with a header, full double precision.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "kernkompas/stats/getis_ord.hpp"
#include "kernkompas/pattern/hotspots.hpp"
#include "testing/unit_stream.hpp"

namespace {

struct Args {
  std::string mode;
  std::string file;
  long permutations = -1;
  unsigned long long seed = kk::stats::kDefaultSeed;
  unsigned threads = 1;
  double cell = 250.0;
  double band = std::numeric_limits<double>::quiet_NaN();
  std::string value = "rate";
  bool internal = false;
};

Args parse(int argc, char** argv) {
  Args a;
  if (argc < 2) throw std::runtime_error("usage: kk_gi_star_cli weights|hotspots [options] [FILE]");
  a.mode = argv[1];
  for (int k = 2; k < argc; ++k) {
    const std::string arg = argv[k];
    auto next = [&]() -> std::string {
      if (k + 1 >= argc) throw std::runtime_error(arg + " needs a value");
      return argv[++k];
    };
    if (arg == "--permutations") a.permutations = std::stol(next());
    else if (arg == "--seed") a.seed = std::stoull(next());
    else if (arg == "--threads") a.threads = static_cast<unsigned>(std::stoul(next()));
    else if (arg == "--cell") a.cell = std::stod(next());
    else if (arg == "--band") a.band = std::stod(next());
    else if (arg == "--value") a.value = next();
    else if (arg == "--internal") a.internal = true;
    else a.file = arg;
  }
  return a;
}

void print(double v) {
  if (std::isnan(v)) std::printf("nan");
  else std::printf("%.17g", v);
}

int run_weights(const Args& a, std::istream& in) {
  size_t n = 0, m = 0;
  in >> n;
  std::vector<double> values(n);
  for (double& v : values) in >> v;
  in >> m;
  std::vector<std::vector<std::pair<uint32_t, double>>> rows(n);
  for (size_t e = 0; e < m; ++e) {
    size_t i = 0, j = 0;
    double w = 0.0;
    in >> i >> j >> w;
    if (!in || i >= n) throw std::runtime_error("bad weights row " + std::to_string(e + 1));
    rows[i].emplace_back(static_cast<uint32_t>(j), w);
  }
  if (!in) throw std::runtime_error("input ended early");
  std::vector<uint64_t> offsets{0};
  std::vector<uint32_t> neighbours;
  std::vector<double> weights;
  for (const auto& row : rows) {
    for (const auto& [j, w] : row) {
      neighbours.push_back(j);
      weights.push_back(w);
    }
    offsets.push_back(neighbours.size());
  }
  const auto sw = kk::stats::SpatialWeights::from_csr(std::move(offsets), std::move(neighbours),
                                                      std::move(weights));
  kk::stats::GiStarOptions options;
  options.permutation.permutations = static_cast<uint32_t>(a.permutations < 0 ? 0 : a.permutations);
  options.permutation.seed = a.seed;
  options.permutation.threads = a.threads;
  const auto r = kk::stats::gi_star(sw, values, options);
  std::printf("z,p_norm,p_sim,fdr_significant\n");
  for (size_t i = 0; i < n; ++i) {
    print(r.z[i]);
    std::printf(",");
    print(r.p_norm[i]);
    std::printf(",");
    print(r.p_sim[i]);
    std::printf(",%d\n", r.fdr_significant[i]);
  }
  return 0;
}

int run_hotspots(const Args& a, std::istream& in) {
  kk::LocationLayer layer = kk::testing::read_units(in);
  if (!in.eof()) {
    throw std::runtime_error("unit " + std::to_string(layer.id.size() + 1) +
                             " is not 'x y status'");
  }
  kk::pattern::HotspotOptions options;
  options.cell_size_m = a.cell;
  options.distance_band_m = a.band;
  options.value =
      a.value == "count" ? kk::pattern::HotspotValue::kCount : kk::pattern::HotspotValue::kRate;
  options.permutations = static_cast<uint32_t>(a.permutations < 0 ? 999 : a.permutations);
  options.execution.seed = a.seed;
  options.execution.threads = a.threads;
  options.disclosure.internal = a.internal;
  const kk::pattern::HotspotResult r = kk::pattern::vacancy_hotspots(layer, options);
  const kk::Table& t = r.cells;
  const auto& cols = t.columns();
  for (size_t c = 0; c < cols.size(); ++c) std::printf("%s%s", c ? "," : "", cols[c].name.c_str());
  std::printf("\n");
  for (size_t row = 0; row < t.row_count(); ++row) {
    for (size_t c = 0; c < cols.size(); ++c) {
      if (c) std::printf(",");
      const kk::Column& col = cols[c];
      if (col.is_null(row)) continue;
      switch (col.type) {
        case kk::ColumnType::kInteger: std::printf("%lld", static_cast<long long>(col.integers[row])); break;
        case kk::ColumnType::kReal: print(col.reals[row]); break;
        case kk::ColumnType::kText: std::printf("%s", col.texts[row].c_str()); break;
      }
    }
    std::printf("\n");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args a = parse(argc, argv);
    std::ifstream file;
    if (!a.file.empty()) {
      file.open(a.file);
      if (!file) throw std::runtime_error("cannot open " + a.file);
    }
    std::istream& in = a.file.empty() ? std::cin : file;
    if (a.mode == "weights") return run_weights(a, in);
    if (a.mode == "hotspots") return run_hotspots(a, in);
    throw std::runtime_error("unknown mode '" + a.mode + "' (weights or hotspots)");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kk_gi_star_cli: %s\n", e.what());
    return 2;
  }
}
