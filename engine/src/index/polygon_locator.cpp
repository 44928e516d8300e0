// Point-in-polygon index in two levels.
//
// 1. A uniform grid over all parts, a few cells per polygon edge. At build time each
//    (cell, part) pair whose part bounding box overlaps the cell is classified: if no edge of
//    the part can reach the cell, every point of the cell is inside the part or every point is
//    outside it, and one exact test at a point of the cell says which. Most cells end up
//    "full" (answered by one array read) or empty; only cells that edges pass through keep a
//    short list of candidate parts.
// 2. Per part, a y-slab index of its edges, used for the points in such boundary cells.
//
// Large batches of points are located in tile order rather than input order (see
// Impl::locate_batch), which keeps the index data a query needs in cache.
//
// Both levels decide with exact arithmetic (see orientation()), so the answer is the exact
// one for the double coordinates given, and neighbouring polygons that share an edge never
// leave a gap between them or disagree about which side a point is on.
#include "kernkompas/index/polygon_locator.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <thread>
#include <vector>

#include "kernkompas/core/error.hpp"

namespace kk::index {
namespace {

struct Edge {
  double x1, y1, x2, y2;
};

enum class Where : uint8_t { kOutside, kBoundary, kInside };

// --- exact orientation ------------------------------------------------------------------

// Shewchuk's error bound for orient2d evaluated plainly in doubles ("ccwerrboundA" in his
// predicates.c): when |det| exceeds it times (|left| + |right|), det has the exact sign.
constexpr double kEpsilon = 0x1p-53;
constexpr double kOrientBound = (3.0 + 16.0 * kEpsilon) * kEpsilon;

// a + b = s + e exactly (Knuth's TwoSum).
inline void two_sum(double a, double b, double& s, double& e) {
  s = a + b;
  const double bv = s - a, av = s - bv;
  e = (a - av) + (b - bv);
}

// a - b = d + e exactly.
inline void two_diff(double a, double b, double& d, double& e) {
  d = a - b;
  const double bv = a - d, av = d + bv;
  e = (a - av) + (bv - b);
}

// Sign of (x2 - x1)(py - y1) - (y2 - y1)(px - x1) in exact arithmetic: each difference split
// into two doubles, the products into 16 exact terms (std::fma is exactly rounded), summed
// into a nonoverlapping expansion (Shewchuk's Grow-Expansion), whose largest nonzero
// component carries the sign. Slow, and only reached when the filter cannot decide.
[[gnu::noinline]] int orientation_exact(const Edge& e, double px, double py) {
  double a[2], b[2], c[2], d[2];
  two_diff(e.x2, e.x1, a[0], a[1]);
  two_diff(py, e.y1, b[0], b[1]);
  two_diff(e.y2, e.y1, c[0], c[1]);
  two_diff(px, e.x1, d[0], d[1]);
  double terms[16];
  int n = 0;
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 2; ++j) {
      const double p = a[i] * b[j];
      terms[n++] = p;
      terms[n++] = std::fma(a[i], b[j], -p);
      const double q = c[i] * d[j];
      terms[n++] = -q;
      terms[n++] = -std::fma(c[i], d[j], -q);
    }
  }
  double expansion[16];
  int m = 0;
  for (const double term : terms) {
    double q = term;
    for (int k = 0; k < m; ++k) {
      double sum, err;
      two_sum(q, expansion[k], sum, err);
      expansion[k] = err;
      q = sum;
    }
    expansion[m++] = q;
  }
  for (int k = m - 1; k >= 0; --k) {
    if (expansion[k] != 0.0) return expansion[k] > 0.0 ? 1 : -1;
  }
  return 0;
}

// +1 when (px, py) is left of the directed edge, -1 right of it, 0 on its line; exact.
inline int orientation(const Edge& e, double px, double py) {
  const double left = (e.x2 - e.x1) * (py - e.y1);
  const double right = (e.y2 - e.y1) * (px - e.x1);
  const double det = left - right;
  const double bound = kOrientBound * (std::abs(left) + std::abs(right));
  if (det > bound) return 1;
  if (-det > bound) return -1;
  return orientation_exact(e, px, py);
}

// --- bucketing helpers ------------------------------------------------------------------

// Index of a cell or slab along one axis: a monotone function of `value`, so any coordinate
// between two others falls in a cell between theirs. NaN goes to 0.
inline uint32_t clamp_cell(double value, uint32_t count) {
  if (!(value > 0.0)) return 0;
  const double last = static_cast<double>(count - 1);
  return static_cast<uint32_t>(std::min(value, last));
}

// Edges of one polygon part (exterior and holes) bucketed by horizontal slab.
struct PartIndex {
  geometry::Box box;
  double slab_scale;    // slabs per unit of y
  uint32_t slab_count;
  uint32_t slab_begin;  // into Impl::slab_offsets
  int32_t feature;
};

// A candidate part in a boundary cell. kFullCell: the part covers the whole cell;
// kEndOfCell closes a cell's list that does not end with a full part.
struct CellEntry {
  uint32_t part;
  int32_t feature;
};
constexpr uint32_t kFullCell = std::numeric_limits<uint32_t>::max();
constexpr uint32_t kEndOfCell = kFullCell - 1;

// Cell answers: a feature index (the whole cell belongs to it), kNoPolygon (no part comes
// near), or kMixedBase - k for a boundary cell whose candidates start at entries[k].
constexpr int32_t kMixedBase = -2;

// What a part is to one grid cell.
enum class CellStatus : uint8_t { kOutside, kBoundary, kFull };

// About this many grid cells per polygon edge: enough that most cells lie wholly inside
// one polygon, few enough that the index builds fast and stays small.
constexpr double kCellsPerEdge = 1.0;
constexpr double kMaxCells = double{1 << 24};

// Above this index size (bytes) batches are first sorted by grid tile: in input order each
// query would touch a random part of an index larger than the CPU's L2 cache.
constexpr size_t kSortAboveBytes = size_t{1} << 19;
// Batches smaller than this are not worth sorting.
constexpr size_t kSortMinPoints = 4096;
// Points per tile aimed at when sorting: enough for a tile's index data, loaded once, to
// serve several queries.
constexpr size_t kPointsPerTile = 32;

// An array left uninitialised on allocation (std::vector would first zero megabytes that
// are overwritten anyway).
template <typename T>
struct Buffer {
  std::unique_ptr<T[]> data;
  size_t size = 0;
  void allocate(size_t n) {
    if (n > size) data.reset(new T[n]);
    size = std::max(size, n);
  }
  T& operator[](size_t i) { return data[i]; }
  const T& operator[](size_t i) const { return data[i]; }
};

}  // namespace

// Per-thread working memory of locate_batch, kept across blocks of one locate() call.
struct BatchScratch {
  std::vector<uint32_t> tile_start;
  Buffer<uint32_t> order;
  Buffer<double> x, y;
};

struct PolygonLocator::Impl {
  std::vector<PartIndex> parts;
  std::vector<double> vertices;        // x, y interleaved; every part's rings, closed
  std::vector<uint32_t> slab_offsets;  // per slab of every part, into slab_items
  std::vector<uint32_t> slab_items;    // edge k runs from vertex k to vertex k + 1
  geometry::Box extent{0, 0, -1, -1};  // contains nothing until built
  uint32_t grid_nx = 1, grid_ny = 1;
  double scale_x = 0, scale_y = 0;     // cells per unit
  std::vector<int32_t> cell_answer;    // per cell
  std::vector<CellEntry> entries;      // candidate lists of boundary cells

  uint32_t cell_x(double x) const { return clamp_cell((x - extent.min_x) * scale_x, grid_nx); }
  uint32_t cell_y(double y) const { return clamp_cell((y - extent.min_y) * scale_y, grid_ny); }

  // Ray casting to +x over the edges of the point's slab. Exact: a point on an edge (vertex
  // included) is kBoundary; a crossing is counted for an edge that straddles py half-open, so
  // a vertex on the ray counts once.
  Where locate_in_part(const PartIndex& part, double px, double py) const {
    if (!part.box.contains(px, py)) return Where::kOutside;
    const uint32_t slab =
        part.slab_begin + clamp_cell((py - part.box.min_y) * part.slab_scale, part.slab_count);
    bool inside = false;
    for (uint32_t k = slab_offsets[slab]; k < slab_offsets[slab + 1]; ++k) {
      const double* v = vertices.data() + 2 * size_t{slab_items[k]};
      const Edge e{v[0], v[1], v[2], v[3]};
      if (py < std::min(e.y1, e.y2) || py > std::max(e.y1, e.y2)) continue;  // cannot meet it
      if (px > std::max(e.x1, e.x2)) continue;  // the ray starts right of it
      const bool straddles = (e.y1 > py) != (e.y2 > py);
      if (px < std::min(e.x1, e.x2)) {  // left of the whole edge: a straddling edge is crossed
        inside ^= straddles;
        continue;
      }
      const int side = orientation(e, px, py);
      if (side == 0) return Where::kBoundary;  // on its line and within its box
      if (straddles && (side > 0) == (e.y2 > e.y1)) inside = !inside;
    }
    return inside ? Where::kInside : Where::kOutside;
  }

  int32_t locate(double px, double py) const {
    if (!extent.contains(px, py)) return kNoPolygon;  // also NaN
    const int32_t answer = cell_answer[size_t{cell_y(py)} * grid_nx + cell_x(px)];
    if (answer > kMixedBase) return answer;
    // Candidates come in ascending feature order, so the first that covers the point wins.
    for (auto k = static_cast<size_t>(kMixedBase - answer);; ++k) {
      const CellEntry& entry = entries[k];
      if (entry.part == kEndOfCell) return kNoPolygon;
      if (entry.part == kFullCell || locate_in_part(parts[entry.part], px, py) != Where::kOutside) {
        return entry.feature;
      }
    }
  }

  size_t memory_bytes() const {
    return parts.size() * sizeof(PartIndex) + vertices.size() * sizeof(double) +
           (slab_offsets.size() + slab_items.size()) * sizeof(uint32_t) +
           cell_answer.size() * sizeof(int32_t) + entries.size() * sizeof(CellEntry);
  }

  // Locates points [begin, end). For a large index the points are first bucketed by tile of
  // the grid (a counting sort) and located tile by tile, so the index data of a tile is
  // fetched from memory once for all its points instead of once per point. The answers do
  // not depend on the order.
  void locate_batch(std::span<const double> x, std::span<const double> y, std::span<int32_t> out,
                    size_t begin, size_t end, BatchScratch& scratch) const {
    const size_t n = end - begin;
    if (n < kSortMinPoints || memory_bytes() < kSortAboveBytes) {
      for (size_t i = begin; i < end; ++i) out[i] = locate(x[i], y[i]);
      return;
    }
    const size_t cells = size_t{grid_nx} * grid_ny;
    const double wanted_tiles = std::max(1.0, static_cast<double>(n) / kPointsPerTile);
    const auto side = static_cast<uint32_t>(
        std::max(1.0, std::ceil(std::sqrt(static_cast<double>(cells) / wanted_tiles))));
    const uint32_t tiles_x = (grid_nx + side - 1) / side, tiles_y = (grid_ny + side - 1) / side;
    const uint32_t tile_count = tiles_x * tiles_y;
    auto tile_of = [&](double px, double py) { return (cell_y(py) / side) * tiles_x + cell_x(px) / side; };

    std::vector<uint32_t>& start = scratch.tile_start;
    start.assign(size_t{tile_count} + 1, 0);
    for (size_t i = begin; i < end; ++i) {
      if (extent.contains(x[i], y[i])) {
        ++start[tile_of(x[i], y[i]) + 1];
      } else {
        out[i] = kNoPolygon;
      }
    }
    for (uint32_t t = 0; t < tile_count; ++t) start[t + 1] += start[t];
    const uint32_t inside = start[tile_count];
    scratch.order.allocate(inside);
    scratch.x.allocate(inside);
    scratch.y.allocate(inside);
    for (size_t i = begin; i < end; ++i) {
      if (!extent.contains(x[i], y[i])) continue;
      const uint32_t slot = start[tile_of(x[i], y[i])]++;
      scratch.order[slot] = static_cast<uint32_t>(i);
      scratch.x[slot] = x[i];
      scratch.y[slot] = y[i];
    }
    for (uint32_t k = 0; k < inside; ++k) out[scratch.order[k]] = locate(scratch.x[k], scratch.y[k]);
  }

  size_t build_parts(const geometry::MultiPolygonArray& polygons);
  void build_grid(const geometry::MultiPolygonArray& polygons, size_t edge_count);

  // Polygon part of each PartIndex, during the build.
  std::vector<uint32_t> source;
};

namespace {

// Calls visit(i) for every edge (i, i + 1) of polygon part `part`.
template <typename Visit>
void for_each_edge(const geometry::MultiPolygonArray& polygons, uint32_t part, Visit&& visit) {
  for (uint32_t ring = polygons.ring_offsets[part]; ring < polygons.ring_offsets[part + 1]; ++ring) {
    for (uint32_t i = polygons.vertex_offsets[ring]; i + 1 < polygons.vertex_offsets[ring + 1]; ++i) {
      visit(i);
    }
  }
}

}  // namespace

// Per part: its box, its vertices, and its edges bucketed into slabs of about four edges
// each. Returns the number of edges.
size_t PolygonLocator::Impl::build_parts(const geometry::MultiPolygonArray& polygons) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  extent = {kInf, kInf, -kInf, -kInf};
  size_t edge_count = 0;
  uint32_t slab_total = 0;
  parts.reserve(polygons.part_count());
  source.reserve(polygons.part_count());
  for (size_t feature = 0; feature < polygons.size(); ++feature) {
    for (uint32_t part = polygons.part_offsets[feature]; part < polygons.part_offsets[feature + 1];
         ++part) {
      const geometry::Box box = geometry::part_bounds(polygons, part);
      if (!(box.min_x <= box.max_x)) continue;  // empty part
      uint32_t edges = 0;
      for_each_edge(polygons, part, [&](uint32_t) { ++edges; });
      edge_count += edges;
      // About four edges per slab keeps the scan short without a large index.
      const uint32_t slab_count = std::clamp<uint32_t>(edges / 4, 1, 4096);
      const double height = box.max_y - box.min_y;
      parts.push_back({box, height > 0.0 ? slab_count / height : 0.0, slab_count, slab_total,
                       static_cast<int32_t>(feature)});
      source.push_back(part);
      slab_total += slab_count;
      extent.min_x = std::min(extent.min_x, box.min_x);
      extent.min_y = std::min(extent.min_y, box.min_y);
      extent.max_x = std::max(extent.max_x, box.max_x);
      extent.max_y = std::max(extent.max_y, box.max_y);
    }
  }
  // The parts' vertices, in part order; vertex i of the input lands at base_of(part) + i.
  std::vector<uint32_t> vertex_base(parts.size());
  size_t vertex_total = 0;
  for (size_t p = 0; p < parts.size(); ++p) {
    const uint32_t first = polygons.vertex_offsets[polygons.ring_offsets[source[p]]];
    const uint32_t last = polygons.vertex_offsets[polygons.ring_offsets[source[p] + 1]];
    vertex_base[p] = static_cast<uint32_t>(vertex_total - first);
    vertex_total += last - first;
  }
  vertices.resize(2 * vertex_total);
  for (size_t p = 0; p < parts.size(); ++p) {
    const uint32_t first = polygons.vertex_offsets[polygons.ring_offsets[source[p]]];
    const uint32_t last = polygons.vertex_offsets[polygons.ring_offsets[source[p] + 1]];
    double* v = vertices.data() + 2 * size_t{vertex_base[p] + first};
    for (uint32_t i = first; i < last; ++i) {
      *v++ = polygons.x[i];
      *v++ = polygons.y[i];
    }
  }
  // Counting sort of every edge into each slab its y-range reaches, by the same monotone
  // slab function the query uses.
  auto slab_range = [&](const PartIndex& part, uint32_t i, uint32_t& lo, uint32_t& hi) {
    const double y1 = polygons.y[i], y2 = polygons.y[i + 1];
    lo = clamp_cell((std::min(y1, y2) - part.box.min_y) * part.slab_scale, part.slab_count);
    hi = clamp_cell((std::max(y1, y2) - part.box.min_y) * part.slab_scale, part.slab_count);
  };
  slab_offsets.assign(size_t{slab_total} + 1, 0);
  for (size_t p = 0; p < parts.size(); ++p) {
    for_each_edge(polygons, source[p], [&](uint32_t i) {
      uint32_t lo, hi;
      slab_range(parts[p], i, lo, hi);
      for (uint32_t s = lo; s <= hi; ++s) ++slab_offsets[parts[p].slab_begin + s + 1];
    });
  }
  for (uint32_t s = 0; s < slab_total; ++s) slab_offsets[s + 1] += slab_offsets[s];
  slab_items.resize(slab_offsets.back());
  std::vector<uint32_t> fill(slab_offsets.begin(), slab_offsets.end() - 1);
  for (size_t p = 0; p < parts.size(); ++p) {
    for_each_edge(polygons, source[p], [&](uint32_t i) {
      uint32_t lo, hi;
      slab_range(parts[p], i, lo, hi);
      for (uint32_t s = lo; s <= hi; ++s) slab_items[fill[parts[p].slab_begin + s]++] = vertex_base[p] + i;
    });
  }
  return edge_count;
}

// Classifies every (cell, part) pair of overlapping boxes as full, outside or boundary, in
// two passes over the parts: the first counts each cell's candidates, the second writes them.
void PolygonLocator::Impl::build_grid(const geometry::MultiPolygonArray& polygons, size_t edge_count) {
  const double width = extent.max_x - extent.min_x, height = extent.max_y - extent.min_y;
  const double cells = std::clamp(kCellsPerEdge * static_cast<double>(edge_count), 1.0, kMaxCells);
  if (width > 0.0 && height > 0.0) {
    grid_nx = static_cast<uint32_t>(std::clamp(std::sqrt(cells * width / height), 1.0, 16384.0));
    grid_ny = static_cast<uint32_t>(std::clamp(std::sqrt(cells * height / width), 1.0, 16384.0));
  }
  scale_x = width > 0.0 ? grid_nx / width : 0.0;
  scale_y = height > 0.0 ? grid_ny / height : 0.0;
  const size_t cell_count = size_t{grid_nx} * grid_ny;

  // Pass 1: the status of every cell of every part's box, in part order.
  std::vector<CellStatus> status;
  size_t status_count = 0;
  for (const PartIndex& part : parts) {
    status_count += size_t{cell_x(part.box.max_x) - cell_x(part.box.min_x) + 1} *
                    (cell_y(part.box.max_y) - cell_y(part.box.min_y) + 1);
  }
  status.reserve(status_count);
  std::vector<uint8_t> touched;  // per cell of the current part's box
  for (uint32_t p = 0; p < parts.size(); ++p) {
    const PartIndex& part = parts[p];
    const uint32_t x0 = cell_x(part.box.min_x), x1 = cell_x(part.box.max_x);
    const uint32_t y0 = cell_y(part.box.min_y), y1 = cell_y(part.box.max_y);
    const uint32_t w = x1 - x0 + 1;
    touched.assign(size_t{w} * (y1 - y0 + 1), 0);
    // A cell no edge's box reaches holds no boundary point: cell_x/cell_y are monotone, so an
    // edge point maps into the range of cells between its endpoints' cells.
    for_each_edge(polygons, source[p], [&](uint32_t i) {
      const double ax = polygons.x[i], ay = polygons.y[i], bx = polygons.x[i + 1], by = polygons.y[i + 1];
      const uint32_t ex0 = cell_x(std::min(ax, bx)), ex1 = cell_x(std::max(ax, bx));
      const uint32_t ey0 = cell_y(std::min(ay, by)), ey1 = cell_y(std::max(ay, by));
      for (uint32_t cy = ey0; cy <= ey1; ++cy) {
        for (uint32_t cx = ex0; cx <= ex1; ++cx) touched[size_t{cy - y0} * w + (cx - x0)] = 1;
      }
    });
    for (uint32_t cy = y0; cy <= y1; ++cy) {
      // Along a row, untouched neighbours share one status: their union is a box no edge
      // reaches either. So one exact test per run of untouched cells.
      Where run = Where::kBoundary;  // kBoundary = not yet known
      for (uint32_t cx = x0; cx <= x1; ++cx) {
        if (touched[size_t{cy - y0} * w + (cx - x0)]) {
          status.push_back(CellStatus::kBoundary);
          run = Where::kBoundary;
          continue;
        }
        if (run == Where::kBoundary && scale_x > 0.0 && scale_y > 0.0) {
          // A point that maps into this cell; rounding could put a computed centre next door.
          const double rx = extent.min_x + (cx + 0.5) / scale_x;
          const double ry = extent.min_y + (cy + 0.5) / scale_y;
          if (cell_x(rx) == cx && cell_y(ry) == cy) run = locate_in_part(part, rx, ry);
        }
        // Unclassified cells keep the exact test for their queries.
        status.push_back(run == Where::kInside    ? CellStatus::kFull
                         : run == Where::kOutside ? CellStatus::kOutside
                                                  : CellStatus::kBoundary);
      }
    }
  }

  // Visits (cell, part, status) in part order for the cells a part does not leave alone.
  auto for_each_status = [&](auto&& visit) {
    size_t k = 0;
    for (uint32_t p = 0; p < parts.size(); ++p) {
      const PartIndex& part = parts[p];
      const uint32_t x0 = cell_x(part.box.min_x), x1 = cell_x(part.box.max_x);
      const uint32_t y0 = cell_y(part.box.min_y), y1 = cell_y(part.box.max_y);
      for (uint32_t cy = y0; cy <= y1; ++cy) {
        for (uint32_t cx = x0; cx <= x1; ++cx, ++k) {
          if (status[k] != CellStatus::kOutside) visit(size_t{cy} * grid_nx + cx, p, status[k]);
        }
      }
    }
  };

  // Count each cell's candidates up to and including the first full one (later ones can
  // never win); a cell whose first candidate is full gets its answer directly.
  constexpr uint32_t kClosed = uint32_t{1} << 31;  // the list ended with a full part
  cell_answer.assign(cell_count, kNoPolygon);
  std::vector<uint32_t> count(cell_count + 1, 0);
  for_each_status([&](size_t cell, uint32_t p, CellStatus s) {
    if ((count[cell] & kClosed) || cell_answer[cell] != kNoPolygon) return;
    if (s == CellStatus::kFull && count[cell] == 0) {
      cell_answer[cell] = parts[p].feature;
      return;
    }
    ++count[cell];
    if (s == CellStatus::kFull) count[cell] |= kClosed;
  });
  // Lay the lists out: an open list gets a closing kEndOfCell entry.
  std::vector<uint32_t> cursor(cell_count, 0);
  size_t total = 0;
  for (size_t c = 0; c < cell_count; ++c) {
    const uint32_t n = count[c] & ~kClosed;
    if (n == 0) continue;
    cursor[c] = static_cast<uint32_t>(total);
    cell_answer[c] = kMixedBase - static_cast<int32_t>(total);
    total += n + ((count[c] & kClosed) ? 0 : 1);
    count[c] = n;
  }
  entries.assign(total, {kEndOfCell, kNoPolygon});
  for_each_status([&](size_t cell, uint32_t p, CellStatus s) {
    if (count[cell] == 0) return;  // direct answer, or no list
    --count[cell];
    entries[cursor[cell]++] = {s == CellStatus::kFull ? kFullCell : p, parts[p].feature};
  });
}

PolygonLocator::PolygonLocator(const geometry::MultiPolygonArray& polygons)
    : impl_(std::make_unique<Impl>()) {
  const size_t edge_count = impl_->build_parts(polygons);
  if (impl_->parts.empty()) {
    impl_->extent = {0, 0, -1, -1};  // contains nothing
  } else {
    impl_->build_grid(polygons, edge_count);
  }
  impl_->source = {};
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
  std::vector<BatchScratch> scratch(options.threads);
  for (size_t block = 0; block < n; block += kBlock) {
    report_progress(options.progress, "locate", static_cast<double>(block) / static_cast<double>(n));
    const size_t end = std::min(n, block + kBlock);
    auto run = [&](size_t begin, size_t stop, BatchScratch& s) {
      impl_->locate_batch(x, y, out, begin, stop, s);
    };
    const unsigned threads = static_cast<unsigned>(
        std::min<size_t>(options.threads, std::max<size_t>(1, (end - block) / 4096)));
    if (threads == 1) {
      run(block, end, scratch[0]);
      continue;
    }
    std::vector<std::jthread> workers;
    const size_t share = (end - block + threads - 1) / threads;
    for (unsigned t = 0; t < threads; ++t) {
      const size_t begin = block + t * share;
      workers.emplace_back(run, begin, std::min(end, begin + share), std::ref(scratch[t]));
    }
  }
  report_progress(options.progress, "locate", 1.0);
}

}  // namespace kk::index
