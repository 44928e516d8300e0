// Ripley's K, L, H with Ripley's isotropic edge correction and Monte Carlo envelopes.
//
// Pairs within the largest distance come from a uniform grid of cells (a counting sort of
// the points; quicker to build for every simulated pattern than an R-tree). A pair needs
// the exact circle share only when the circle reaches past the nearest boundary edge.
// Sums are kept per block of points and added in block order, so the result is the same
// bit for bit whatever the number of threads.
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
  std::vector<double> x, y;
};

// Σ_i Σ_{j≠i} w_ij and Σ 1 per distance bin (bin k: r_{k−1} < d <= r_k).
struct PairSums {
  std::vector<double> corrected, plain;
};

PairSums pair_sums(std::span<const double> x, std::span<const double> y, const PatternWindow& window,
                   std::span<const double> distances, unsigned threads, const ProgressCallback& progress,
                   std::vector<Worker>& workers) {
  const size_t n = x.size(), m = distances.size();
  const double reach = distances.back();
  CellGrid& grid = workers[0].grid;
  grid.build(x, y, window.bounds(), reach);
  const size_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<PairSums> partial(blocks);
  const size_t span = static_cast<size_t>(std::ceil(reach / grid.cell));
  detail::parallel_blocks(n, kBlock, threads, progress, "ripley", [&](size_t begin, size_t end, unsigned w) {
    PairSums& sums = partial[begin / kBlock];
    sums.corrected.assign(m, 0.0);
    sums.plain.assign(m, 0.0);
    PatternWindow::Centre& centre = workers[w].centre;
    const double reach2 = reach * reach;
    for (size_t i = begin; i < end; ++i) {
      window.prepare(x[i], y[i], reach, centre);
      const double clear = centre.boundary_distance();
      const size_t c = grid.column(x[i]), r = grid.row(y[i]);
      const size_t c0 = c >= span ? c - span : 0, c1 = std::min(grid.columns - 1, c + span);
      const size_t r0 = r >= span ? r - span : 0, r1 = std::min(grid.rows - 1, r + span);
      for (size_t rr = r0; rr <= r1; ++rr) {
        for (size_t k = grid.start[rr * grid.columns + c0]; k < grid.start[rr * grid.columns + c1 + 1]; ++k) {
          const uint32_t j = grid.order[k];
          if (j == i) continue;
          const double dx = x[j] - x[i], dy = y[j] - y[i];
          const double d2 = dx * dx + dy * dy;
          if (d2 > reach2) continue;
          const double d = std::sqrt(d2);
          const size_t bin = static_cast<size_t>(std::lower_bound(distances.begin(), distances.end(), d) -
                                                 distances.begin());
          if (bin == m) continue;  // rounding put d a hair past the last distance
          double weight = 1.0;
          if (d > clear) {
            const double share = centre.share(d);
            if (share > 0.0) weight = 1.0 / share;
          }
          sums.corrected[bin] += weight;
          sums.plain[bin] += 1.0;
        }
      }
    }
  });
  PairSums total{std::vector<double>(m, 0.0), std::vector<double>(m, 0.0)};
  for (const PairSums& p : partial) {
    for (size_t k = 0; k < m; ++k) {
      total.corrected[k] += p.corrected[k];
      total.plain[k] += p.plain[k];
    }
  }
  return total;
}

// Cumulative sums scaled to K.
std::vector<double> to_k(const std::vector<double>& bins, double area, size_t n) {
  const double scale = area / (static_cast<double>(n) * static_cast<double>(n - 1));
  std::vector<double> k(bins.size());
  double running = 0.0;
  for (size_t i = 0; i < bins.size(); ++i) {
    running += bins[i];
    k[i] = scale * running;
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
  std::vector<Worker> workers(options.threads);
  const PairSums observed = pair_sums(x, y, window, r, options.threads, options.progress, workers);
  result.k = to_k(observed.corrected, result.area, n);
  result.k_uncorrected = to_k(observed.plain, result.area, n);
  for (size_t k = 0; k < m; ++k) {
    result.l[k] = l_of(result.k[k]);
    result.h[k] = result.l[k] - r[k];
  }

  const uint32_t s = options.simulations;
  if (s == 0) return result;
  std::vector<double> simulated(static_cast<size_t>(s) * m);  // L of simulation i at r_k: [i * m + k]
  detail::parallel_blocks(s, 1, options.threads, options.progress, "ripley", [&](size_t begin, size_t end, unsigned w) {
    Worker& worker = workers[w];
    std::vector<Worker> single(1);
    for (size_t i = begin; i < end; ++i) {
      RandomStream stream(options.seed, i);
      window.uniform_points(n, stream, worker.x, worker.y);
      const PairSums sums = pair_sums(worker.x, worker.y, window, r, 1, {}, single);
      const std::vector<double> k = to_k(sums.corrected, result.area, n);
      for (size_t j = 0; j < m; ++j) simulated[i * m + j] = l_of(k[j]);
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
