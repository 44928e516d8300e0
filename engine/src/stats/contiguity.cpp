// Queen and rook contiguity of polygons, exactly on shared vertices and edges (libpysal's rule).
#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "kernkompas/stats/weights_builders.hpp"

namespace kk::stats {
namespace {

// A vertex (queen) or an edge with its endpoints in (x, y) order (rook), tagged with its
// feature. Sorting brings equal keys together; every pair of distinct features inside one
// run of equal keys is a neighbour pair.
struct Key {
  double a_x, a_y, b_x, b_y;
  uint32_t feature;
  auto position() const { return std::tie(a_x, a_y, b_x, b_y); }
};

std::vector<Key> boundary_keys(const geometry::MultiPolygonArray& polygons, Contiguity kind) {
  std::vector<Key> keys;
  keys.reserve(polygons.x.size());
  for (size_t f = 0; f < polygons.size(); ++f) {
    const auto feature = static_cast<uint32_t>(f);
    for (uint32_t part = polygons.part_offsets[f]; part < polygons.part_offsets[f + 1]; ++part) {
      for (uint32_t ring = polygons.ring_offsets[part]; ring < polygons.ring_offsets[part + 1];
           ++ring) {
        const uint32_t begin = polygons.vertex_offsets[ring], end = polygons.vertex_offsets[ring + 1];
        for (uint32_t v = begin; v < end; ++v) {
          if (!std::isfinite(polygons.x[v]) || !std::isfinite(polygons.y[v])) {
            throw Error(ErrorCode::kInvalidArgument,
                        "contiguity: feature " + std::to_string(f) + " has a non-finite vertex");
          }
          if (kind == Contiguity::kQueen) {
            keys.push_back({polygons.x[v], polygons.y[v], 0.0, 0.0, feature});
          } else if (v + 1 < end) {  // rings are closed: the last edge ends at the first vertex
            std::pair a(polygons.x[v], polygons.y[v]), b(polygons.x[v + 1], polygons.y[v + 1]);
            if (b < a) std::swap(a, b);
            keys.push_back({a.first, a.second, b.first, b.second, feature});
          }
        }
      }
    }
  }
  return keys;
}

}  // namespace

SpatialWeights contiguity_weights(const geometry::MultiPolygonArray& polygons, Contiguity kind) {
  const size_t n = polygons.size();
  if (n > 0xffffffffu) {
    throw Error(ErrorCode::kInvalidArgument, "contiguity: more than 2^32 - 1 features");
  }
  std::vector<Key> keys = boundary_keys(polygons, kind);
  std::sort(keys.begin(), keys.end(), [](const Key& p, const Key& q) {
    return std::tuple(p.a_x, p.a_y, p.b_x, p.b_y, p.feature) <
           std::tuple(q.a_x, q.a_y, q.b_x, q.b_y, q.feature);
  });
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  std::vector<uint32_t> run;
  for (size_t begin = 0; begin < keys.size();) {
    size_t end = begin + 1;
    while (end < keys.size() && keys[end].position() == keys[begin].position()) ++end;
    run.clear();
    for (size_t k = begin; k < end; ++k) {
      if (run.empty() || run.back() != keys[k].feature) run.push_back(keys[k].feature);
    }
    for (size_t s = 0; s < run.size(); ++s) {
      for (size_t t = s + 1; t < run.size(); ++t) {
        pairs.emplace_back(run[s], run[t]);
        pairs.emplace_back(run[t], run[s]);
      }
    }
    begin = end;
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());

  std::vector<uint64_t> offsets(n + 1, 0);
  std::vector<uint32_t> neighbours;
  neighbours.reserve(pairs.size());
  for (const auto& [i, j] : pairs) {
    ++offsets[i + 1];
    neighbours.push_back(j);
  }
  for (size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
  std::vector<double> weights(neighbours.size(), 1.0);
  return SpatialWeights::from_csr(std::move(offsets), std::move(neighbours), std::move(weights),
                                  WeightsTransform::kBinary);
}

std::vector<uint32_t> islands(const SpatialWeights& weights) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (weights.cardinality(i) == 0) out.push_back(static_cast<uint32_t>(i));
  }
  return out;
}

}  // namespace kk::stats
