// Ripley's K, L, H with Ripley's isotropic edge correction and Monte Carlo envelopes.
//
// Pairs within the largest distance come from a uniform grid of cells (a counting sort of
// the points; quicker to build for every simulated pattern than an R-tree). Each unordered
// pair is measured once for the plain count; a pair needs the exact circle share only from
// the side of a point whose circle reaches past its nearest boundary edge. Pair counts are
// integers; the edge weights' sums are kept per block of points and added in block order,
// so the result is the same bit for bit whatever the number of threads.
#include "kernkompas/stats/ripley.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "kernkompas/core/error.hpp"
#include "parallel.hpp"

namespace kk::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr size_t kBlock = 256;

[[noreturn]] void invalid(const std::string& message) {
  throw Error(ErrorCode::kInvalidArgument, "Ripley's K: " + message);
}

// Points sorted into square cells: cell c holds order[start[c] .. start[c + 1]).
struct CellGrid {
  double min_x = 0.0, min_y = 0.0, cell = 1.0;
  size_t columns = 1, rows = 1;
  std::vector<uint32_t> start, order;

  void build(std::span<const double> x, std::span<const double> y, const geometry::Box& box,
             double reach) {
    const size_t n = x.size();
    min_x = box.min_x;
    min_y = box.min_y;
    const double width = std::max(box.max_x - box.min_x, 0.0);
    const double height = std::max(box.max_y - box.min_y, 0.0);
    // Cells of the reach, but no more than about 2 per point.
    const double fine = std::sqrt(std::max(width * height, 1e-300) / (2.0 * static_cast<double>(std::max<size_t>(n, 1))));
    cell = std::max({reach, fine, 1e-300});
    columns = std::min<size_t>(static_cast<size_t>(width / cell) + 1, 1u << 15);
    rows = std::min<size_t>(static_cast<size_t>(height / cell) + 1, 1u << 15);
    start.assign(columns * rows + 1, 0);
    std::vector<uint32_t> cell_of(n);
    for (size_t i = 0; i < n; ++i) {
      cell_of[i] = static_cast<uint32_t>(row(y[i]) * columns + column(x[i]));
      ++start[cell_of[i] + 1];
    }
    for (size_t c = 1; c < start.size(); ++c) start[c] += start[c - 1];
    order.resize(n);
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    for (size_t i = 0; i < n; ++i) order[fill[cell_of[i]]++] = static_cast<uint32_t>(i);
  }
  size_t column(double x) const {
    return std::min(static_cast<size_t>(std::max((x - min_x) / cell, 0.0)), columns - 1);
  }
  size_t row(double y) const {
    return std::min(static_cast<size_t>(std::max((y - min_y) / cell, 0.0)), rows - 1);
  }
};

// Per-thread scratch.
struct Worker {
  PatternWindow::Centre centre;
  CellGrid grid;
  std::vector<double> x, y, sorted_x, sorted_y;
};

// The distance bin of a squared distance: the first k with d² <= r_k². A table over
// [0, r_max²] gives the first candidate, so the search is a step or two, not a bisection.
class Bins {
 public:
  explicit Bins(std::span<const double> distances) {
    for (double r : distances) squared_.push_back(r * r);
    const double top = squared_.back();
    scale_ = top > 0.0 ? static_cast<double>(kSlots) / top : 0.0;
    first_.resize(kSlots + 1);
    size_t k = 0;
    for (size_t s = 0; s <= kSlots; ++s) {
      const double low = static_cast<double>(s) / scale_;
      while (k + 1 < squared_.size() && squared_[k] < low) ++k;
      first_[s] = static_cast<uint32_t>(scale_ > 0.0 ? k : 0);
    }
  }
  double reach2() const { return squared_.back(); }
  size_t size() const { return squared_.size(); }
  // REQUIRES: d2 <= reach2().
  size_t of(double d2) const {
    const auto slot = static_cast<size_t>(std::min(d2 * scale_, static_cast<double>(kSlots)));
    size_t k = first_[slot];
    while (k > 0 && squared_[k - 1] >= d2) --k;  // rounding in the slot's lower bound
    while (squared_[k] < d2) ++k;
    return k;
  }

 private:
  static constexpr size_t kSlots = 4096;
  std::vector<double> squared_;
  std::vector<uint32_t> first_;
  double scale_;
};

// Per distance bin (bin k: r_{k−1}² < d² <= r_k²): ordered pairs, and Σ (w_ij − 1) over them.
struct PairSums {
  std::vector<uint64_t> pairs;
  std::vector<double> extra;
};

// Every ordered pair counts once in `pairs` (each unordered pair is measured once and counts
// twice). Only a point nearer to the boundary than the largest distance needs its own scan:
// there the pairs whose circle leaves the window add w_ij − 1 = 1/share − 1 to `extra`.
PairSums pair_sums(std::span<const double> x, std::span<const double> y, const PatternWindow& window,
                   const Bins& bins, unsigned threads, const ProgressCallback& progress,
                   std::vector<Worker>& workers) {
  const size_t n = x.size();
  const double reach2 = bins.reach2();
  const double reach = std::sqrt(reach2);
  Worker& main = workers[0];
  CellGrid& grid = main.grid;
  grid.build(x, y, window.bounds(), reach);
  // Coordinates in cell order, so neighbours sit close together in memory.
  std::vector<double>& sx = main.sorted_x;
  std::vector<double>& sy = main.sorted_y;
  sx.resize(n);
  sy.resize(n);
  for (size_t k = 0; k < n; ++k) {
    sx[k] = x[grid.order[k]];
    sy[k] = y[grid.order[k]];
  }
  const size_t m = bins.size();
  const size_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<PairSums> partial(blocks);
  const size_t span = static_cast<size_t>(std::ceil(reach / grid.cell));
  detail::parallel_blocks(n, kBlock, threads, progress, "ripley", [&](size_t begin, size_t end, unsigned w) {
    PairSums& sums = partial[begin / kBlock];
    sums.pairs.assign(m, 0);
    sums.extra.assign(m, 0.0);
    PatternWindow::Centre& centre = workers[w].centre;
    for (size_t p = begin; p < end; ++p) {
      const double px = sx[p], py = sy[p];
      const size_t c = grid.column(px), r = grid.row(py);
      const size_t c0 = c >= span ? c - span : 0, c1 = std::min(grid.columns - 1, c + span);
      const size_t r0 = r >= span ? r - span : 0, r1 = std::min(grid.rows - 1, r + span);
      // Unordered pairs: the rest of this row's cells after p, then the rows above.
      for (size_t rr = r; rr <= r1; ++rr) {
        const size_t from = rr == r ? p + 1 : grid.start[rr * grid.columns + c0];
        const size_t to = grid.start[rr * grid.columns + c1 + 1];
        for (size_t q = from; q < to; ++q) {
          const double dx = sx[q] - px, dy = sy[q] - py;
          const double d2 = dx * dx + dy * dy;
          if (d2 <= reach2) sums.pairs[bins.of(d2)] += 2;
        }
      }
      // Edge correction from p's side.
      window.prepare(px, py, reach, centre);
      const double clear = centre.boundary_distance();
      if (clear >= reach) continue;
      const double clear2 = clear * clear;
      for (size_t rr = r0; rr <= r1; ++rr) {
        const size_t to = grid.start[rr * grid.columns + c1 + 1];
        for (size_t q = grid.start[rr * grid.columns + c0]; q < to; ++q) {
          const double dx = sx[q] - px, dy = sy[q] - py;
          const double d2 = dx * dx + dy * dy;
          if (d2 > reach2 || d2 <= clear2 || q == p) continue;
          const double share = centre.share(std::sqrt(d2));
          if (share > 0.0) sums.extra[bins.of(d2)] += 1.0 / share - 1.0;
        }
      }
    }
  });
  PairSums total{std::vector<uint64_t>(m, 0), std::vector<double>(m, 0.0)};
  for (const PairSums& part : partial) {  // in block order: the same sum for any thread count
    for (size_t k = 0; k < m; ++k) {
      total.pairs[k] += part.pairs[k];
      total.extra[k] += part.extra[k];
    }
  }
  return total;
}

// K from the bins: cumulative ordered-pair counts (plus the edge weights' excess), scaled.
struct KPair {
  std::vector<double> corrected, uncorrected;
};

KPair to_k(const PairSums& sums, double area, size_t n) {
  const double scale = area / (static_cast<double>(n) * static_cast<double>(n - 1));
  KPair k{std::vector<double>(sums.pairs.size()), std::vector<double>(sums.pairs.size())};
  uint64_t pairs = 0;
  double extra = 0.0;
  for (size_t i = 0; i < sums.pairs.size(); ++i) {
    pairs += sums.pairs[i];
    extra += sums.extra[i];
    k.uncorrected[i] = scale * static_cast<double>(pairs);
    k.corrected[i] = scale * (static_cast<double>(pairs) + extra);
  }
  return k;
}

double l_of(double k) { return std::sqrt(k / std::numbers::pi); }

void check(std::span<const double> x, std::span<const double> y, const PatternWindow& window,
           const RipleyOptions& options) {
  if (x.size() != y.size()) invalid("x and y differ in length");
  if (x.size() >= std::numeric_limits<uint32_t>::max()) invalid("more than 2^32 - 2 points");
  const auto& r = options.distances;
  if (r.empty()) invalid("no distances given");
  for (size_t k = 0; k < r.size(); ++k) {
    if (!std::isfinite(r[k]) || r[k] < 0.0) invalid("distance " + std::to_string(k) + " is not a finite number >= 0");
    if (k > 0 && !(r[k] > r[k - 1])) invalid("distances must be strictly ascending (distance " + std::to_string(k) + ")");
  }
  if (options.threads < 1) invalid("threads must be >= 1");
  const uint32_t s = options.simulations;
  const uint32_t max_rank = s >= 2 ? s / 2 : s;
  if (s > 0 && (options.envelope_rank < 1 || options.envelope_rank > max_rank)) {
    invalid("envelope_rank must lie between 1 and " + std::to_string(max_rank) + " for " +
            std::to_string(s) + " simulations, got " + std::to_string(options.envelope_rank));
  }
  for (size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) invalid("point " + std::to_string(i) + " has a non-finite coordinate");
    if (!window.contains(x[i], y[i])) {
      invalid("point " + std::to_string(i) + " (" + std::to_string(x[i]) + ", " + std::to_string(y[i]) +
              ") lies outside the window");
    }
  }
}

}  // namespace

RipleyResult ripley(std::span<const double> x, std::span<const double> y, const PatternWindow& window,
                    const RipleyOptions& options) {
  check(x, y, window, options);
  const size_t n = x.size(), m = options.distances.size();
  RipleyResult result;
  result.points = n;
  result.area = window.area();
  result.distance = options.distances;
  result.k.assign(m, kNaN);
  result.l.assign(m, kNaN);
  result.h.assign(m, kNaN);
  result.k_uncorrected.assign(m, kNaN);
  result.l_lo.assign(m, kNaN);
  result.l_hi.assign(m, kNaN);
  if (n < 2) return result;

  const std::span<const double> r(options.distances);
  const Bins bins(r);
  std::vector<Worker> workers(options.threads);
  const KPair observed = to_k(pair_sums(x, y, window, bins, options.threads, options.progress, workers),
                              result.area, n);
  result.k = observed.corrected;
  result.k_uncorrected = observed.uncorrected;
  for (size_t k = 0; k < m; ++k) {
    result.l[k] = l_of(result.k[k]);
    result.h[k] = result.l[k] - r[k];
  }

  const uint32_t s = options.simulations;
  if (s == 0) return result;
  std::vector<double> simulated(static_cast<size_t>(s) * m);  // L of simulation i at r_k: [i * m + k]
  std::vector<std::vector<Worker>> scratch(options.threads, std::vector<Worker>(1));
  detail::parallel_blocks(s, 1, options.threads, options.progress, "ripley", [&](size_t begin, size_t end, unsigned w) {
    Worker& worker = scratch[w][0];
    for (size_t i = begin; i < end; ++i) {
      RandomStream stream(options.seed, i);
      window.uniform_points(n, stream, worker.x, worker.y);
      const KPair k = to_k(pair_sums(worker.x, worker.y, window, bins, 1, {}, scratch[w]), result.area, n);
      for (size_t j = 0; j < m; ++j) simulated[i * m + j] = l_of(k.corrected[j]);
    }
  });
  std::vector<double> column(s);
  const uint32_t rank = options.envelope_rank;
  for (size_t k = 0; k < m; ++k) {
    for (size_t i = 0; i < s; ++i) column[i] = simulated[i * m + k];
    std::sort(column.begin(), column.end());
    result.l_lo[k] = column[rank - 1];
    result.l_hi[k] = column[s - rank];
  }
  return result;
}

}  // namespace kk::stats
