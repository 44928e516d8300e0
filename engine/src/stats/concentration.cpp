// Location quotients, Shannon diversity, HHI and the colocation quotient.
#include "kernkompas/stats/concentration.hpp"

#include <atomic>
#include <cmath>
#include <limits>
#include <string>

#include "kernkompas/core/error.hpp"
#include "kernkompas/index/point_index.hpp"
#include "kernkompas/stats/permutation.hpp"
#include "parallel.hpp"

namespace kk::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

[[noreturn]] void invalid(const std::string& message) {
  throw Error(ErrorCode::kInvalidArgument, message);
}

void check_table(const CategoryTable& t, const char* what) {
  if (t.counts.size() != t.areas * t.categories) {
    invalid(std::string(what) + ": " + std::to_string(t.counts.size()) + " counts for " +
            std::to_string(t.areas) + " areas × " + std::to_string(t.categories) + " categories");
  }
  for (size_t i = 0; i < t.counts.size(); ++i) {
    if (!std::isfinite(t.counts[i]) || t.counts[i] < 0.0) {
      invalid(std::string(what) + ": the count of area " + std::to_string(i / t.categories) +
              ", category " + std::to_string(i % t.categories) + " is not a finite number >= 0");
    }
  }
}

double row_total(const CategoryTable& t, size_t area) {
  double total = 0.0;
  for (size_t s = 0; s < t.categories; ++s) total += t.counts[area * t.categories + s];
  return total;
}

}  // namespace

std::vector<double> location_quotients(const CategoryTable& table, std::span<const double> reference) {
  check_table(table, "location quotient");
  const size_t c = table.categories;
  std::vector<double> share(c, 0.0);
  if (reference.empty()) {
    for (size_t a = 0; a < table.areas; ++a) {
      for (size_t s = 0; s < c; ++s) share[s] += table.counts[a * c + s];
    }
  } else {
    if (reference.size() != c) {
      invalid("location quotient: the reference has " + std::to_string(reference.size()) +
              " values for " + std::to_string(c) + " categories");
    }
    for (size_t s = 0; s < c; ++s) {
      if (!std::isfinite(reference[s]) || reference[s] < 0.0) {
        invalid("location quotient: reference value " + std::to_string(s) + " is not a finite number >= 0");
      }
      share[s] = reference[s];
    }
  }
  double grand = 0.0;
  for (double v : share) grand += v;
  if (!reference.empty() && !(grand > 0.0)) invalid("location quotient: the reference sums to 0");
  for (double& v : share) v = grand > 0.0 ? v / grand : 0.0;

  std::vector<double> lq(table.counts.size(), kNaN);
  for (size_t a = 0; a < table.areas; ++a) {
    const double total = row_total(table, a);
    if (!(total > 0.0)) continue;
    for (size_t s = 0; s < c; ++s) {
      if (share[s] > 0.0) lq[a * c + s] = (table.counts[a * c + s] / total) / share[s];
    }
  }
  return lq;
}

Diversity diversity(const CategoryTable& table) {
  check_table(table, "diversity");
  const size_t c = table.categories;
  Diversity d;
  d.shannon.assign(table.areas, kNaN);
  d.evenness.assign(table.areas, kNaN);
  d.evenness_all.assign(table.areas, kNaN);
  d.hhi.assign(table.areas, kNaN);
  d.categories_present.assign(table.areas, 0);
  for (size_t a = 0; a < table.areas; ++a) {
    const double total = row_total(table, a);
    if (!(total > 0.0)) continue;
    double h = 0.0, hhi = 0.0;
    uint32_t present = 0;
    for (size_t s = 0; s < c; ++s) {
      const double p = table.counts[a * c + s] / total;
      if (!(p > 0.0)) continue;
      ++present;
      h -= p * std::log(p);
      hhi += p * p;
    }
    // A single category gives h = 0 − 1·ln 1 = +0 exactly (0 − (+0) is +0).
    d.shannon[a] = h;
    d.hhi[a] = hhi;
    d.categories_present[a] = present;
    if (present >= 2) d.evenness[a] = d.shannon[a] / std::log(static_cast<double>(present));
    if (c >= 2) d.evenness_all[a] = d.shannon[a] / std::log(static_cast<double>(c));
  }
  return d;
}

namespace {

// Each point's nearest neighbours (all of them when several share the smallest distance),
// in CSR form.
struct NearestNeighbours {
  std::vector<uint32_t> offsets{0}, members;
};

NearestNeighbours nearest_neighbours(std::span<const double> x, std::span<const double> y) {
  const index::PointIndex points(x, y);
  NearestNeighbours nn;
  nn.offsets.reserve(x.size() + 1);
  std::vector<index::Neighbour> found;
  for (size_t i = 0; i < x.size(); ++i) {
    // Widen the query until it holds a neighbour farther than the nearest (or everyone).
    size_t k = 4;
    for (;;) {
      points.nearest_to(static_cast<uint32_t>(i), k, found);
      if (found.size() < k || found.back().distance > found.front().distance) break;
      k *= 2;
    }
    for (const index::Neighbour& f : found) {
      if (f.distance != found.front().distance) break;
      nn.members.push_back(f.index);
    }
    nn.offsets.push_back(static_cast<uint32_t>(nn.members.size()));
  }
  return nn;
}

// C(A → B) under the labels `label`.
double colocation_count(const NearestNeighbours& nn, std::span<const int32_t> label, int32_t a, int32_t b) {
  double count = 0.0;
  for (size_t i = 0; i + 1 < nn.offsets.size(); ++i) {
    if (label[i] != a) continue;
    const uint32_t begin = nn.offsets[i], end = nn.offsets[i + 1];
    if (begin == end) continue;
    uint32_t hits = 0;
    for (uint32_t k = begin; k < end; ++k) hits += label[nn.members[k]] == b ? 1u : 0u;
    count += static_cast<double>(hits) / static_cast<double>(end - begin);
  }
  return count;
}

}  // namespace

ColocationResult colocation_quotient(std::span<const double> x, std::span<const double> y,
                                     std::span<const int32_t> category, int32_t a, int32_t b,
                                     const ColocationOptions& options) {
  const size_t n = x.size();
  if (y.size() != n || category.size() != n) {
    invalid("colocation quotient: x, y and category differ in length (" + std::to_string(n) + ", " +
            std::to_string(y.size()) + ", " + std::to_string(category.size()) + ")");
  }
  if (n >= std::numeric_limits<uint32_t>::max()) invalid("colocation quotient: more than 2^32 - 2 points");
  if (options.threads < 1) invalid("colocation quotient: threads must be >= 1");
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) {
      invalid("colocation quotient: point " + std::to_string(i) + " has a non-finite coordinate");
    }
  }
  ColocationResult result;
  result.count = n;
  for (int32_t c : category) {
    result.count_a += c == a ? 1 : 0;
    result.count_b += c == b ? 1 : 0;
  }
  result.clq = kNaN;
  result.p_sim = kNaN;
  const size_t others_b = result.count_b - (a == b && result.count_b > 0 ? 1 : 0);
  if (n < 2 || result.count_a == 0 || others_b == 0) return result;

  const NearestNeighbours nn = nearest_neighbours(x, y);
  result.count_ab = colocation_count(nn, category, a, b);
  const double expected_share = static_cast<double>(others_b) / static_cast<double>(n - 1);
  result.clq = (result.count_ab / static_cast<double>(result.count_a)) / expected_share;

  const uint32_t r = options.permutations;
  if (r == 0) return result;
  constexpr size_t kBlock = 16;
  const double tolerance = 1e-9 * std::max(1.0, result.count_ab);
  std::atomic<uint32_t> at_least{0}, at_most{0};  // integer counts: order does not matter
  std::vector<std::vector<int32_t>> labels(options.threads);
  detail::parallel_blocks(r, kBlock, options.threads, options.progress, "colocation",
                          [&](size_t begin, size_t end, unsigned w) {
                            std::vector<int32_t>& label = labels[w];
                            uint32_t ge = 0, le = 0;
                            for (size_t p = begin; p < end; ++p) {
                              label.assign(category.begin(), category.end());
                              RandomStream stream(options.seed, p);
                              for (size_t i = n - 1; i > 0; --i) {  // Fisher–Yates
                                std::swap(label[i], label[stream.below(static_cast<uint32_t>(i + 1))]);
                              }
                              const double c = colocation_count(nn, label, a, b);
                              ge += c >= result.count_ab - tolerance ? 1u : 0u;
                              le += c <= result.count_ab + tolerance ? 1u : 0u;
                            }
                            at_least += ge;
                            at_most += le;
                          });
  result.at_least = at_least.load();
  result.at_most = at_most.load();
  result.p_sim = folded_pseudo_p(result.at_least, result.at_most, r);
  return result;
}

}  // namespace kk::stats
