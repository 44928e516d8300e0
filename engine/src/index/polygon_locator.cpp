// Point-in-polygon index in two levels.
//
// 1. A uniform grid over the extent of all parts, each cell with the answer for the whole
//    cell or a short list of candidate parts.
// 2. Per part, a y-slab index of its edges, for the points whose cell has candidates: a ray
//    cast that scans only the few edges crossing the point's slab.
//
// Two grids. The coarse one, built with the locator, has about two cells per part and lists
// every part whose box overlaps a cell: cheap to build. The fine one has about one cell per
// edge, and classifies each (cell, part) pair: if no edge of the part can reach the cell,
// every point of the cell is inside the part or every point is outside it, and one exact test
// at a point of the cell says which; cells wholly inside a polygon are answered by one array
// read. The fine grid costs more to build than a small batch gains from it, so the first
// batch large enough to repay it builds it, once, for all later queries. Large batches are
// also located in tile order rather than input order (see Impl::locate_batch), so the index
// data a query needs is in cache.
//
// Every decision is exact (see orientation()), so the answer is the exact one for the double
// coordinates given whatever the grid, the order or the thread count; neighbouring polygons
// that share an edge never leave a gap between them.
#include "kernkompas/index/polygon_locator.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "kernkompas_internal/orientation.hpp"

namespace kk::index {
namespace {

struct Edge {
  double x1, y1, x2, y2;
};

enum class Where : uint8_t { kOutside, kBoundary, kInside };

// Exact orientation of a point against an edge (kernkompas_internal/orientation.hpp).
inline int orientation(const Edge& e, double px, double py) {
  return internal::orientation(e.x1, e.y1, e.x2, e.y2, px, py);
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
  geometry::Box box;    // of the exterior ring; nothing outside it is covered
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

// Grid resolutions: the coarse grid has about two cells per part and registers parts by
// their boxes only (cheap to build); the fine one about one cell per edge, classified.
constexpr double kCoarseCellsPerPart = 2.0;
constexpr double kFineCellsPerEdge = 1.0;
constexpr double kFineGridPointsPerEdge = 2.0;  // batch size, per edge, that triggers it
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
// are overwritten anyway); grows, never shrinks.
template <typename T>
struct Buffer {
  std::unique_ptr<T[]> data;
  size_t size = 0;
  void allocate(size_t n) {
    if (n > size) {
      data.reset(new T[n]);
      size = n;
    }
  }
  T& operator[](size_t i) { return data[i]; }
  const T& operator[](size_t i) const { return data[i]; }
};

// The cell lattice over the extent of all parts. cell_x/cell_y are monotone in the
// coordinate, which every exactness argument below relies on.
struct Grid {
  geometry::Box extent{0, 0, -1, -1};
  uint32_t nx = 1, ny = 1;
  double scale_x = 0, scale_y = 0;  // cells per unit
  std::vector<int32_t> answer;      // per cell
  std::vector<CellEntry> entries;   // candidate lists of boundary cells

  uint32_t cell_x(double x) const { return clamp_cell((x - extent.min_x) * scale_x, nx); }
  uint32_t cell_y(double y) const { return clamp_cell((y - extent.min_y) * scale_y, ny); }
  size_t memory_bytes() const {
    return answer.size() * sizeof(int32_t) + entries.size() * sizeof(CellEntry);
  }
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
  std::vector<uint32_t> part_vertices; // part p owns vertices [part_vertices[p], [p + 1])
  geometry::Box extent{0, 0, -1, -1};  // contains nothing until built
  size_t edge_count = 0;
  Grid coarse;
  // Built by the first large batch; read through `fine` once published.
  mutable std::once_flag fine_once;
  mutable std::unique_ptr<Grid> fine_grid;
  mutable std::atomic<const Grid*> fine{nullptr};

  const Grid& grid() const {
    const Grid* g = fine.load(std::memory_order_acquire);
    return g != nullptr ? *g : coarse;
  }

  // Crossing parity of a ray to +x over the edges of the point's slab, exactly: a point on
  // an edge (vertex included) is kBoundary; an edge that straddles py half-open counts, so a
  // vertex on the ray counts once. Ignores the part's box, so also right outside it.
  Where parity_in_part(const PartIndex& part, double px, double py) const {
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

  Where locate_in_part(const PartIndex& part, double px, double py) const {
    if (!part.box.contains(px, py)) return Where::kOutside;
    return parity_in_part(part, px, py);
  }

  int32_t locate(const Grid& g, double px, double py) const {
    if (!extent.contains(px, py)) return kNoPolygon;  // also NaN
    const int32_t answer = g.answer[size_t{g.cell_y(py)} * g.nx + g.cell_x(px)];
    if (answer > kMixedBase) return answer;
    // Candidates come in ascending feature order, so the first that covers the point wins.
    for (auto k = static_cast<size_t>(kMixedBase - answer);; ++k) {
      const CellEntry& entry = g.entries[k];
      if (entry.part == kEndOfCell) return kNoPolygon;
      if (entry.part == kFullCell || locate_in_part(parts[entry.part], px, py) != Where::kOutside) {
        return entry.feature;
      }
    }
  }

  size_t memory_bytes(const Grid& g) const {
    return parts.size() * sizeof(PartIndex) + vertices.size() * sizeof(double) +
           (slab_offsets.size() + slab_items.size()) * sizeof(uint32_t) + g.memory_bytes();
  }

  // Locates points [begin, end). For a large index the points are first bucketed by tile of
  // the grid (a counting sort) and located tile by tile, so the index data of a tile is
  // fetched from memory once for all its points instead of once per point.
  void locate_batch(const Grid& g, std::span<const double> x, std::span<const double> y,
                    std::span<int32_t> out, size_t begin, size_t end, BatchScratch& scratch) const {
    const size_t n = end - begin;
    if (n < kSortMinPoints || memory_bytes(g) < kSortAboveBytes) {
      for (size_t i = begin; i < end; ++i) out[i] = locate(g, x[i], y[i]);
      return;
    }
    const size_t cells = size_t{g.nx} * g.ny;
    const double wanted_tiles = std::max(1.0, static_cast<double>(n) / kPointsPerTile);
    const auto side = static_cast<uint32_t>(
        std::max(1.0, std::ceil(std::sqrt(static_cast<double>(cells) / wanted_tiles))));
    const uint32_t tiles_x = (g.nx + side - 1) / side, tiles_y = (g.ny + side - 1) / side;
    const uint32_t tile_count = tiles_x * tiles_y;
    auto tile_of = [&](double px, double py) {
      return (g.cell_y(py) / side) * tiles_x + g.cell_x(px) / side;
    };

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
      scratch.order[slot] = static_cast<uint32_t>(i - begin);
      scratch.x[slot] = x[i];
      scratch.y[slot] = y[i];
    }
    for (uint32_t k = 0; k < inside; ++k) {
      out[begin + scratch.order[k]] = locate(g, scratch.x[k], scratch.y[k]);
    }
  }

  void build_parts(const geometry::MultiPolygonArray& polygons);
  Grid build_grid(double cells, bool classify) const;

  // The fine grid, built on first use by the first caller; concurrent callers wait.
  const Grid& fine_grid_for(size_t batch) const {
    if (static_cast<double>(batch) < kFineGridPointsPerEdge * static_cast<double>(edge_count)) {
      return grid();
    }
    std::call_once(fine_once, [&] {
      fine_grid = std::make_unique<Grid>(
          build_grid(kFineCellsPerEdge * static_cast<double>(edge_count), true));
      fine.store(fine_grid.get(), std::memory_order_release);
    });
    return *fine_grid;
  }
};

// Per part: its box, its vertices, and its edges bucketed into slabs of about four edges
// each, by the same monotone slab function the query uses (an edge goes into every slab its
// y-range reaches).
void PolygonLocator::Impl::build_parts(const geometry::MultiPolygonArray& polygons) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  extent = {kInf, kInf, -kInf, -kInf};
  parts.reserve(polygons.part_count());
  part_vertices.reserve(polygons.part_count() + 1);
  part_vertices.push_back(0);
  vertices.resize(2 * polygons.x.size());  // an upper bound; trimmed at the end
  slab_offsets.reserve(polygons.x.size() / 4 + polygons.part_count() + 1);
  slab_items.reserve(polygons.x.size() + polygons.x.size() / 2);
  slab_offsets.push_back(0);
  struct Span {
    uint32_t edge, lo, hi;
  };
  std::vector<Span> spans;
  std::vector<uint32_t> fill;
  uint32_t used = 0;  // vertices copied so far
  for (size_t feature = 0; feature < polygons.size(); ++feature) {
    for (uint32_t part = polygons.part_offsets[feature]; part < polygons.part_offsets[feature + 1];
         ++part) {
      const uint32_t first_ring = polygons.ring_offsets[part], end_ring = polygons.ring_offsets[part + 1];
      const uint32_t first = polygons.vertex_offsets[first_ring];
      const uint32_t exterior_end = polygons.vertex_offsets[first_ring + 1];
      const uint32_t last = polygons.vertex_offsets[end_ring];
      if (exterior_end == first) continue;  // empty part
      // Copy the part's vertices; the box is the exterior ring's (holes lie inside it).
      geometry::Box box{kInf, kInf, -kInf, -kInf};
      double* out = vertices.data() + 2 * size_t{used};
      for (uint32_t i = first; i < last; ++i) {
        const double x = polygons.x[i], y = polygons.y[i];
        *out++ = x;
        *out++ = y;
        if (i < exterior_end) {
          box.min_x = std::min(box.min_x, x);
          box.min_y = std::min(box.min_y, y);
          box.max_x = std::max(box.max_x, x);
          box.max_y = std::max(box.max_y, y);
        }
      }
      uint32_t edges = 0;  // a closed ring of k vertices has k - 1 edges
      for (uint32_t ring = first_ring; ring < end_ring; ++ring) {
        const uint32_t k = polygons.vertex_offsets[ring + 1] - polygons.vertex_offsets[ring];
        edges += k > 0 ? k - 1 : 0;
      }
      // About four edges per slab keeps the scan short without a large index.
      const uint32_t slab_count = std::clamp<uint32_t>(edges / 4, 1, 4096);
      const double height = box.max_y - box.min_y;
      const PartIndex index{box, height > 0.0 ? slab_count / height : 0.0, slab_count,
                            static_cast<uint32_t>(slab_offsets.size() - 1),
                            static_cast<int32_t>(feature)};
      spans.clear();
      fill.assign(slab_count + 1, 0);
      for (uint32_t ring = first_ring; ring < end_ring; ++ring) {
        const uint32_t b = polygons.vertex_offsets[ring], e = polygons.vertex_offsets[ring + 1];
        if (e == b) continue;
        const double* v = vertices.data() + 2 * size_t{used + (b - first)};
        uint32_t previous = clamp_cell((v[1] - box.min_y) * index.slab_scale, slab_count);
        for (uint32_t i = b; i + 1 < e; ++i, v += 2) {
          const uint32_t next = clamp_cell((v[3] - box.min_y) * index.slab_scale, slab_count);
          const uint32_t lo = std::min(previous, next), hi = std::max(previous, next);
          spans.push_back({used + (i - first), lo, hi});
          for (uint32_t s = lo; s <= hi; ++s) ++fill[s + 1];
          previous = next;
        }
      }
      const size_t items = slab_items.size();
      for (uint32_t s = 0; s < slab_count; ++s) {
        fill[s + 1] += fill[s];
        slab_offsets.push_back(static_cast<uint32_t>(items + fill[s + 1]));
      }
      slab_items.resize(items + fill[slab_count]);
      for (const Span& span : spans) {
        for (uint32_t s = span.lo; s <= span.hi; ++s) slab_items[items + fill[s]++] = span.edge;
      }
      used += last - first;
      parts.push_back(index);
      part_vertices.push_back(used);
      edge_count += edges;
      extent.min_x = std::min(extent.min_x, box.min_x);
      extent.min_y = std::min(extent.min_y, box.min_y);
      extent.max_x = std::max(extent.max_x, box.max_x);
      extent.max_y = std::max(extent.max_y, box.max_y);
    }
  }
  vertices.resize(2 * size_t{used});
}

// A grid of about `cells` cells. With `classify`, every (cell, part) pair of overlapping
// boxes is classified as full, outside or boundary; without, every such pair is a boundary
// candidate. Two passes over the parts: the first counts each cell's candidates, the second
// writes them.
Grid PolygonLocator::Impl::build_grid(double cells, bool classify) const {
  Grid g;
  g.extent = extent;
  const double width = extent.max_x - extent.min_x, height = extent.max_y - extent.min_y;
  cells = std::clamp(cells, 1.0, kMaxCells);
  if (width > 0.0 && height > 0.0) {
    g.nx = static_cast<uint32_t>(std::clamp(std::sqrt(cells * width / height), 1.0, 16384.0));
    g.ny = static_cast<uint32_t>(std::clamp(std::sqrt(cells * height / width), 1.0, 16384.0));
  }
  g.scale_x = width > 0.0 ? g.nx / width : 0.0;
  g.scale_y = height > 0.0 ? g.ny / height : 0.0;
  const size_t cell_count = size_t{g.nx} * g.ny;
  struct Range {
    uint32_t x0, x1, y0, y1;
  };
  auto range_of = [&](const PartIndex& part) {
    return Range{g.cell_x(part.box.min_x), g.cell_x(part.box.max_x), g.cell_y(part.box.min_y),
                 g.cell_y(part.box.max_y)};
  };

  // Pass 1: the status of every cell of every part's box, in part order.
  std::vector<CellStatus> status;
  if (classify) {
    size_t total = 0;
    for (const PartIndex& part : parts) {
      const Range r = range_of(part);
      total += size_t{r.x1 - r.x0 + 1} * (r.y1 - r.y0 + 1);
    }
    status.reserve(total);
  }
  std::vector<uint8_t> touched;  // per cell of the current part's box
  for (uint32_t p = 0; classify && p < parts.size(); ++p) {
    const PartIndex& part = parts[p];
    const Range r = range_of(part);
    const uint32_t w = r.x1 - r.x0 + 1;
    touched.assign(size_t{w} * (r.y1 - r.y0 + 1), 0);
    // A cell that no edge's box reaches holds no boundary point, since an edge point maps into
    // the cells between its endpoints' cells. (Clamped to the part's box: a hole of invalid
    // input may reach beyond it, and nothing beyond it is covered anyway.) The loop also
    // joins the last vertex of a ring to the first of the next, a segment that is no edge:
    // that can only mark extra cells, which is always safe.
    const double* v = vertices.data() + 2 * size_t{part_vertices[p]};
    const double* v_end = vertices.data() + 2 * size_t{part_vertices[p + 1]};
    auto clamp_x = [&](double x) { return std::clamp(g.cell_x(x), r.x0, r.x1); };
    auto clamp_y = [&](double y) { return std::clamp(g.cell_y(y), r.y0, r.y1); };
    uint32_t ax = clamp_x(v[0]), ay = clamp_y(v[1]);
    touched[size_t{ay - r.y0} * w + (ax - r.x0)] = 1;
    for (v += 2; v < v_end; v += 2) {
      const uint32_t bx = clamp_x(v[0]), by = clamp_y(v[1]);
      if (bx != ax || by != ay) {
        for (uint32_t cy = std::min(ay, by); cy <= std::max(ay, by); ++cy) {
          for (uint32_t cx = std::min(ax, bx); cx <= std::max(ax, bx); ++cx) {
            touched[size_t{cy - r.y0} * w + (cx - r.x0)] = 1;
          }
        }
      }
      ax = bx;
      ay = by;
    }
    for (uint32_t cy = r.y0; cy <= r.y1; ++cy) {
      // Along a row, untouched neighbours share one parity: their union is a box no edge
      // reaches either. So one exact test per run of untouched cells.
      Where run = Where::kBoundary;  // kBoundary = not known
      for (uint32_t cx = r.x0; cx <= r.x1; ++cx) {
        if (touched[size_t{cy - r.y0} * w + (cx - r.x0)]) {
          status.push_back(CellStatus::kBoundary);
          run = Where::kBoundary;
          continue;
        }
        if (run == Where::kBoundary && g.scale_x > 0.0 && g.scale_y > 0.0) {
          // A point that maps into this cell; rounding could put a computed centre next door.
          const double rx = extent.min_x + (cx + 0.5) / g.scale_x;
          const double ry = extent.min_y + (cy + 0.5) / g.scale_y;
          if (g.cell_x(rx) == cx && g.cell_y(ry) == cy) run = parity_in_part(part, rx, ry);
        }
        // Inside needs the whole cell within the part's box too: only cells strictly between
        // the box's first and last cells are.
        const bool within_box = cx > r.x0 && cx < r.x1 && cy > r.y0 && cy < r.y1;
        status.push_back(run == Where::kOutside                 ? CellStatus::kOutside
                         : run == Where::kInside && within_box ? CellStatus::kFull
                                                                : CellStatus::kBoundary);
      }
    }
  }

  // Visits (cell, part, status) in part order for the cells a part does not leave alone.
  auto for_each_status = [&](auto&& visit) {
    size_t k = 0;
    for (uint32_t p = 0; p < parts.size(); ++p) {
      const Range r = range_of(parts[p]);
      for (uint32_t cy = r.y0; cy <= r.y1; ++cy) {
        for (uint32_t cx = r.x0; cx <= r.x1; ++cx, ++k) {
          const CellStatus s = classify ? status[k] : CellStatus::kBoundary;
          if (s != CellStatus::kOutside) visit(size_t{cy} * g.nx + cx, p, s);
        }
      }
    }
  };

  // Count each cell's candidates up to and including the first full one (later ones can
  // never win); a cell whose first candidate is full gets its answer directly.
  constexpr uint32_t kClosed = uint32_t{1} << 31;  // the list ends with a full part
  g.answer.assign(cell_count, kNoPolygon);
  std::vector<uint32_t> count(cell_count, 0);
  for_each_status([&](size_t cell, uint32_t p, CellStatus s) {
    if ((count[cell] & kClosed) || g.answer[cell] != kNoPolygon) return;
    if (s == CellStatus::kFull && count[cell] == 0) {
      g.answer[cell] = parts[p].feature;
      return;
    }
    ++count[cell];
    if (s == CellStatus::kFull) count[cell] |= kClosed;
  });
  // Lay the lists out in cell order; an open list gets a closing kEndOfCell entry. From here
  // on count[c] is the cell's write position.
  size_t total = 0;
  for (size_t c = 0; c < cell_count; ++c) {
    const uint32_t n = count[c] & ~kClosed;
    if (n != 0) total += n + ((count[c] & kClosed) ? 0 : 1);
  }
  constexpr CellEntry kVacant{kEndOfCell - 1, kNoPolygon};
  g.entries.assign(total, kVacant);
  total = 0;
  for (size_t c = 0; c < cell_count; ++c) {
    const uint32_t n = count[c] & ~kClosed;
    if (n == 0) continue;
    g.answer[c] = kMixedBase - static_cast<int32_t>(total);
    const bool closed = (count[c] & kClosed) != 0;
    count[c] = static_cast<uint32_t>(total);
    if (!closed) g.entries[total + n] = {kEndOfCell, kNoPolygon};
    total += n + (closed ? 0 : 1);
  }
  // Pass 2: the same visits as in counting, so the same candidates land in the slots. A
  // list is complete at its kEndOfCell entry, or right after its full entry.
  for_each_status([&](size_t cell, uint32_t p, CellStatus s) {
    if (g.answer[cell] > kMixedBase) return;  // answered directly, or no candidates
    const auto start = static_cast<size_t>(kMixedBase - g.answer[cell]);
    const size_t at = count[cell];
    if (at > start && g.entries[at - 1].part == kFullCell) return;
    if (g.entries[at].part == kEndOfCell) return;
    g.entries[at] = {s == CellStatus::kFull ? kFullCell : p, parts[p].feature};
    ++count[cell];
  });
  return g;
}

PolygonLocator::PolygonLocator(const geometry::MultiPolygonArray& polygons)
    : impl_(std::make_unique<Impl>()) {
  impl_->build_parts(polygons);
  if (impl_->parts.empty()) {
    impl_->extent = {0, 0, -1, -1};  // contains nothing
    impl_->coarse.answer.assign(1, kNoPolygon);
    return;
  }
  impl_->coarse =
      impl_->build_grid(kCoarseCellsPerPart * static_cast<double>(impl_->parts.size()), false);
}

PolygonLocator::~PolygonLocator() = default;
PolygonLocator::PolygonLocator(PolygonLocator&&) noexcept = default;
PolygonLocator& PolygonLocator::operator=(PolygonLocator&&) noexcept = default;

int32_t PolygonLocator::locate(double x, double y) const { return impl_->locate(impl_->grid(), x, y); }

void PolygonLocator::locate(std::span<const double> x, std::span<const double> y,
                            std::span<int32_t> out, const LocateOptions& options) const {
  if (x.size() != y.size() || x.size() != out.size()) {
    throw Error(ErrorCode::kInvalidArgument, "locate: x, y and out differ in length");
  }
  if (options.threads < 1) throw Error(ErrorCode::kInvalidArgument, "locate: threads must be >= 1");
  // Blocks let the caller see progress and cancel; each block is split over the threads.
  constexpr size_t kBlock = size_t{1} << 17;
  const size_t n = x.size();
  const Grid& grid = impl_->fine_grid_for(n);
  std::vector<BatchScratch> scratch(options.threads);
  for (size_t block = 0; block < n; block += kBlock) {
    report_progress(options.progress, "locate", static_cast<double>(block) / static_cast<double>(n));
    const size_t end = std::min(n, block + kBlock);
    auto run = [&](size_t begin, size_t stop, BatchScratch& s) {
      impl_->locate_batch(grid, x, y, out, begin, stop, s);
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
