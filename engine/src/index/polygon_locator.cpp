// Point-in-polygon index: a uniform grid over part bounding boxes, and per part a y-slab
// list of edges, so a query tests only the edges that cross the point's horizontal band.
#include "kernkompas/index/polygon_locator.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include "kernkompas/core/error.hpp"

namespace kk::index {
namespace {

struct Edge {
  double x1, y1, x2, y2;
};

enum class Where : uint8_t { kOutside, kBoundary, kInside };

// Edges of one polygon part (exterior and holes) bucketed by horizontal slab.
struct PartIndex {
  geometry::Box box;
  int32_t feature;
  double slab_height;
  uint32_t slab_count;
  uint32_t slab_begin;  // into Impl::slab_offsets
};

// CSR lists: `offsets` has one entry per bucket plus one.
struct Buckets {
  std::vector<uint32_t> offsets;
  std::vector<uint32_t> items;
};

// Fills a CSR bucket list from (bucket, item) pairs produced by `emit`.
template <typename Emit>
Buckets build_buckets(size_t bucket_count, Emit emit) {
  Buckets b;
  b.offsets.assign(bucket_count + 1, 0);
  emit([&](uint32_t bucket, uint32_t) { ++b.offsets[bucket + 1]; });
  for (size_t i = 0; i < bucket_count; ++i) b.offsets[i + 1] += b.offsets[i];
  b.items.resize(b.offsets.back());
  std::vector<uint32_t> fill(b.offsets.begin(), b.offsets.end() - 1);
  emit([&](uint32_t bucket, uint32_t item) { b.items[fill[bucket]++] = item; });
  return b;
}

uint32_t clamp_cell(double value, uint32_t count) {
  if (!(value > 0.0)) return 0;  // also catches NaN
  const double last = static_cast<double>(count - 1);
  return static_cast<uint32_t>(std::min(value, last));
}

}  // namespace

struct PolygonLocator::Impl {
  std::vector<Edge> edges;
  std::vector<PartIndex> parts;
  Buckets slabs;  // per (part, slab): edge indices; slab ids are PartIndex::slab_begin + s
  Buckets grid;   // per grid cell: part indices
  geometry::Box extent{0, 0, 0, 0};
  uint32_t grid_nx = 1, grid_ny = 1;
  double cell_w = 1, cell_h = 1;

  Where locate_in_part(const PartIndex& part, double px, double py) const {
    if (!part.box.contains(px, py)) return Where::kOutside;
    const uint32_t slab =
        part.slab_begin + clamp_cell((py - part.box.min_y) / part.slab_height, part.slab_count);
    bool inside = false;
    for (uint32_t k = slabs.offsets[slab]; k < slabs.offsets[slab + 1]; ++k) {
      const Edge& e = edges[slabs.items[k]];
      const double cross = (e.x2 - e.x1) * (py - e.y1) - (e.y2 - e.y1) * (px - e.x1);
      if (cross == 0.0 && px >= std::min(e.x1, e.x2) && px <= std::max(e.x1, e.x2) &&
          py >= std::min(e.y1, e.y2) && py <= std::max(e.y1, e.y2)) {
        return Where::kBoundary;
      }
      // Ray to +x crosses the edge: the edge straddles py (half-open, so a vertex on the
      // ray counts once) and the point lies on the side the ray leaves through.
      if ((e.y1 > py) != (e.y2 > py) && ((cross > 0.0) == (e.y2 > e.y1))) inside = !inside;
    }
    return inside ? Where::kInside : Where::kOutside;
  }

  int32_t locate(double px, double py) const {
    if (parts.empty() || !extent.contains(px, py)) return kNoPolygon;
    const uint32_t cx = clamp_cell((px - extent.min_x) / cell_w, grid_nx);
    const uint32_t cy = clamp_cell((py - extent.min_y) / cell_h, grid_ny);
    const uint32_t cell = cy * grid_nx + cx;
    int32_t best = kNoPolygon;
    for (uint32_t k = grid.offsets[cell]; k < grid.offsets[cell + 1]; ++k) {
      const PartIndex& part = parts[grid.items[k]];
      if (best != kNoPolygon && part.feature >= best) continue;
      if (locate_in_part(part, px, py) != Where::kOutside) best = part.feature;
    }
    return best;
  }
};

PolygonLocator::PolygonLocator(const geometry::MultiPolygonArray& polygons)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  m.extent = {kInf, kInf, -kInf, -kInf};
  std::vector<uint32_t> part_edge_begin;
  uint32_t slab_total = 0;
  for (size_t feature = 0; feature < polygons.size(); ++feature) {
    for (uint32_t part = polygons.part_offsets[feature]; part < polygons.part_offsets[feature + 1];
         ++part) {
      const geometry::Box box = geometry::part_bounds(polygons, part);
      if (!(box.min_x <= box.max_x)) continue;  // empty part
      part_edge_begin.push_back(static_cast<uint32_t>(m.edges.size()));
      for (uint32_t ring = polygons.ring_offsets[part]; ring < polygons.ring_offsets[part + 1];
           ++ring) {
        for (uint32_t i = polygons.vertex_offsets[ring]; i + 1 < polygons.vertex_offsets[ring + 1];
             ++i) {
          m.edges.push_back({polygons.x[i], polygons.y[i], polygons.x[i + 1], polygons.y[i + 1]});
        }
      }
      const uint32_t edge_count = static_cast<uint32_t>(m.edges.size()) - part_edge_begin.back();
      // About four edges per slab keeps the scan short without a large index.
      const uint32_t slab_count = std::clamp<uint32_t>(edge_count / 4, 1, 4096);
      const double height = std::max(box.max_y - box.min_y, 1e-300) / slab_count;
      m.parts.push_back({box, static_cast<int32_t>(feature), height, slab_count, slab_total});
      slab_total += slab_count;
      m.extent.min_x = std::min(m.extent.min_x, box.min_x);
      m.extent.min_y = std::min(m.extent.min_y, box.min_y);
      m.extent.max_x = std::max(m.extent.max_x, box.max_x);
      m.extent.max_y = std::max(m.extent.max_y, box.max_y);
    }
  }
  part_edge_begin.push_back(static_cast<uint32_t>(m.edges.size()));
  if (m.parts.empty()) return;

  m.slabs = build_buckets(slab_total, [&](auto&& add) {
    for (size_t p = 0; p < m.parts.size(); ++p) {
      const PartIndex& part = m.parts[p];
      for (uint32_t e = part_edge_begin[p]; e < part_edge_begin[p + 1]; ++e) {
        const Edge& edge = m.edges[e];
        const uint32_t lo = clamp_cell((std::min(edge.y1, edge.y2) - part.box.min_y) / part.slab_height,
                                       part.slab_count);
        const uint32_t hi = clamp_cell((std::max(edge.y1, edge.y2) - part.box.min_y) / part.slab_height,
                                       part.slab_count);
        for (uint32_t s = lo; s <= hi; ++s) add(part.slab_begin + s, e);
      }
    }
  });

  // About two grid cells per part: most cells then hold one or two candidate parts.
  const double width = std::max(m.extent.max_x - m.extent.min_x, 1e-9);
  const double height = std::max(m.extent.max_y - m.extent.min_y, 1e-9);
  const double cells = 2.0 * static_cast<double>(m.parts.size());
  m.grid_nx = static_cast<uint32_t>(std::clamp(std::sqrt(cells * width / height), 1.0, 8192.0));
  m.grid_ny = static_cast<uint32_t>(std::clamp(std::sqrt(cells * height / width), 1.0, 8192.0));
  m.cell_w = width / m.grid_nx;
  m.cell_h = height / m.grid_ny;
  m.grid = build_buckets(size_t{m.grid_nx} * m.grid_ny, [&](auto&& add) {
    for (uint32_t p = 0; p < m.parts.size(); ++p) {
      const geometry::Box& b = m.parts[p].box;
      const uint32_t x0 = clamp_cell((b.min_x - m.extent.min_x) / m.cell_w, m.grid_nx);
      const uint32_t x1 = clamp_cell((b.max_x - m.extent.min_x) / m.cell_w, m.grid_nx);
      const uint32_t y0 = clamp_cell((b.min_y - m.extent.min_y) / m.cell_h, m.grid_ny);
      const uint32_t y1 = clamp_cell((b.max_y - m.extent.min_y) / m.cell_h, m.grid_ny);
      for (uint32_t cy = y0; cy <= y1; ++cy) {
        for (uint32_t cx = x0; cx <= x1; ++cx) add(cy * m.grid_nx + cx, p);
      }
    }
  });
}

PolygonLocator::~PolygonLocator() = default;
PolygonLocator::PolygonLocator(PolygonLocator&&) noexcept = default;
PolygonLocator& PolygonLocator::operator=(PolygonLocator&&) noexcept = default;

int32_t PolygonLocator::locate(double x, double y) const { return impl_->locate(x, y); }

void PolygonLocator::locate(std::span<const double> x, std::span<const double> y,
                            std::span<int32_t> out, const LocateOptions& options) const {
  if (x.size() != y.size() || x.size() != out.size()) {
    throw Error(ErrorCode::kInvalidArgument, "locate: x, y and out differ in length");
  }
  if (options.threads < 1) throw Error(ErrorCode::kInvalidArgument, "locate: threads must be >= 1");
  // Blocks let the caller see progress and cancel; each block is split over the threads.
  constexpr size_t kBlock = size_t{1} << 17;
  const size_t n = x.size();
  for (size_t block = 0; block < n; block += kBlock) {
    report_progress(options.progress, "locate", static_cast<double>(block) / static_cast<double>(n));
    const size_t end = std::min(n, block + kBlock);
    auto run = [&](size_t begin, size_t stop) {
      for (size_t i = begin; i < stop; ++i) out[i] = impl_->locate(x[i], y[i]);
    };
    const unsigned threads = static_cast<unsigned>(
        std::min<size_t>(options.threads, std::max<size_t>(1, (end - block) / 4096)));
    if (threads == 1) {
      run(block, end);
      continue;
    }
    std::vector<std::jthread> workers;
    const size_t share = (end - block + threads - 1) / threads;
    for (unsigned t = 0; t < threads; ++t) {
      const size_t begin = block + t * share;
      workers.emplace_back(run, begin, std::min(end, begin + share));
    }
  }
  report_progress(options.progress, "locate", 1.0);
}

}  // namespace kk::index
