// Reading a road network from a line layer as a user's run does (layers::read_roads: GDAL reads
// the GeoPackage feature by feature, the builder takes each line, the graph is laid out), on a
// generated street grid of about 1M one-segment lines (708 x 708 nodes, 100 m apart, every 7th
// street one-way, every 10th a secondary road), written once to a GeoPackage in the temporary
// folder (kept between runs; delete it to regenerate).
//
// Counters: links; network_B_per_link, the bytes the finished graph holds per link;
// peak_B_per_link, how far the process's peak resident memory rose above its size before the
// first read, per link — the "memory within ~200 bytes per edge", streaming included.
// The peak is only meaningful when this benchmark runs alone in a fresh process:
//   build/benchmarks/kk_bench_road_read --benchmark_filter=BM_ReadRoads
#include <benchmark/benchmark.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include "kernkompas/layers/config.hpp"
#include "kernkompas/layers/roads.hpp"

namespace {

constexpr int kSide = 708;  // nodes per row and column: 2 * 708 * 707 = 1,001,112 lines
constexpr double kSpacing = 100.0;

std::filesystem::path grid_file() {
  return std::filesystem::temp_directory_path() / ("kk_bench_roads_" + std::to_string(kSide) + ".gpkg");
}

void write_grid(const std::filesystem::path& path) {
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  const std::filesystem::path partial = path.string() + ".partial";
  std::filesystem::remove(partial);
  std::unique_ptr<GDALDataset> ds(driver->Create(partial.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  OGRSpatialReference rd;
  rd.importFromEPSG(28992);
  OGRLayer* layer = ds->CreateLayer("roads", &rd, wkbLineString, nullptr);
  OGRFieldDefn road_class("road_class", OFTString), oneway("oneway", OFTString);
  layer->CreateField(&road_class);
  layer->CreateField(&oneway);
  const double x0 = 130000.0, y0 = 460000.0;
  if (layer->StartTransaction() != OGRERR_NONE) throw std::runtime_error("cannot start a transaction");
  auto add = [&](double ax, double ay, double bx, double by, int street) {
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField("road_class", street % 10 == 0 ? "secondary" : "residential");
    feature.SetField("oneway", street % 7 == 0 ? "yes" : "no");
    OGRLineString line;
    line.addPoint(ax, ay);
    line.addPoint(bx, by);
    feature.SetGeometry(&line);
    if (layer->CreateFeature(&feature) != OGRERR_NONE) throw std::runtime_error("cannot write the grid");
  };
  for (int row = 0; row < kSide; ++row) {
    for (int col = 0; col + 1 < kSide; ++col) {
      add(x0 + col * kSpacing, y0 + row * kSpacing, x0 + (col + 1) * kSpacing, y0 + row * kSpacing, row);
      add(x0 + row * kSpacing, y0 + col * kSpacing, x0 + row * kSpacing, y0 + (col + 1) * kSpacing, row + 3);
    }
  }
  if (layer->CommitTransaction() != OGRERR_NONE) throw std::runtime_error("cannot commit the grid");
  ds.reset();
  std::filesystem::rename(partial, path);
}

// Resident memory now, in bytes (Linux /proc/self/statm: pages).
double resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  double pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return pages_resident * 4096.0;
}

double peak_resident_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0;  // kilobytes on Linux
}

void BM_ReadRoads(benchmark::State& state) {
  const std::filesystem::path path = grid_file();
  if (!std::filesystem::exists(path)) write_grid(path);
  kk::layers::RoadSource source;
  source.source.path = path;
  source.source.fields = {{"road_class", "road_class"}, {"oneway", "oneway"}};
  source.format = "generic";
  const double before = resident_bytes();
  size_t links = 0, network_bytes = 0;
  for (auto _ : state) {
    kk::layers::Notes notes;
    const kk::network::RoadNetwork network = kk::layers::read_roads(source, "EPSG:28992", notes);
    links = network.link_count();
    network_bytes = network.memory_bytes();
    benchmark::DoNotOptimize(links);
  }
  state.counters["links"] = static_cast<double>(links);
  state.counters["network_B_per_link"] = static_cast<double>(network_bytes) / static_cast<double>(links);
  state.counters["peak_B_per_link"] = (peak_resident_bytes() - before) / static_cast<double>(links);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * links));
}
BENCHMARK(BM_ReadRoads)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
