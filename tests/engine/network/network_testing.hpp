// Builders shared by the network tests: a network from a short list of lines, snapping of
// a few points, and a square lattice.
#pragma once

#include <initializer_list>
#include <utility>
#include <vector>

#include "kernkompas/network/road_network.hpp"
#include "kernkompas/network/snap.hpp"

namespace kk::network::testing {

struct Line {
  std::vector<std::pair<double, double>> points;
  uint16_t road_class = 0;
  Direction direction = Direction::kBoth;
};

inline RoadNetwork make_network(const std::vector<Line>& lines, RoadNetworkOptions options = {}) {
  RoadNetworkBuilder builder(std::move(options));
  for (const Line& line : lines) {
    std::vector<double> x, y;
    for (const auto& [px, py] : line.points) {
      x.push_back(px);
      y.push_back(py);
    }
    builder.add_line(x, y, line.road_class, line.direction);
  }
  return builder.build();
}

inline SnappedPoints snap_points(const RoadNetwork& network, std::initializer_list<std::pair<double, double>> points,
                                 const SnapOptions& options = {}) {
  std::vector<double> x, y;
  for (const auto& [px, py] : points) {
    x.push_back(px);
    y.push_back(py);
  }
  return LinkIndex(network).snap(x, y, options);
}

// A (2k + 1) × (2k + 1) lattice of two-way streets with the given spacing, centred on (0, 0):
// one line per lattice edge, so every lattice point is a node.
inline RoadNetwork make_lattice(int k, double spacing, RoadNetworkOptions options = {}) {
  std::vector<Line> lines;
  for (int a = -k; a <= k; ++a) {
    for (int b = -k; b < k; ++b) {
      lines.push_back({{{a * spacing, b * spacing}, {a * spacing, (b + 1) * spacing}}});
      lines.push_back({{{b * spacing, a * spacing}, {(b + 1) * spacing, a * spacing}}});
    }
  }
  return make_network(lines, std::move(options));
}

}  // namespace kk::network::testing
