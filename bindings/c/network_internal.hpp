// Private to bindings/c: the structs behind kk_network and kk_network_options.
#pragma once

#include <memory>
#include <vector>

#include "kernkompas.h"
#include "kernkompas/network/road_network.hpp"
#include "kernkompas/network/snap.hpp"

struct kk_network_options {
  kk::network::RoadNetworkOptions build;
};

// The link index points into the graph, so the graph lives on the heap and never moves.
struct kk_network {
  std::unique_ptr<kk::network::RoadNetwork> graph;
  std::unique_ptr<kk::network::LinkIndex> index;
};
