// A directed road graph in compact CSR form, built from polylines in a projected CRS (metres).
//
// Vocabulary: a *link* is a stretch of road between two nodes, with its polyline geometry;
// it gives one or two *arcs* (directed edges), depending on its direction of travel. Nodes
// are where line ends meet (equal coordinates, or the same cell of a snapping grid) and,
// optionally, where lines share an interior vertex. Disconnected parts are kept; every node
// carries the id of its weakly connected component. See docs/accessibility.md.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace kk::network {

inline constexpr uint32_t kNoLink = std::numeric_limits<uint32_t>::max();

// Direction of travel of a line relative to the order of its vertices.
enum class Direction : uint8_t {
  kBoth = 0,      // two-way
  kForward = 1,   // one-way, first vertex to last (OSM oneway=yes, NWB RIJRICHTNG H)
  kBackward = 2,  // one-way, last vertex to first (OSM oneway=-1, NWB RIJRICHTNG T)
};

struct RoadNetworkOptions {
  // Speed per road class in km/h; a line's class indexes this list.
  // DEFAULT: {50}. REQUIRES: non-empty, every speed finite and > 0.
  std::vector<double> speed_kmh{50.0};
  // Line ends are the same node when their coordinates fall in the same cell of a square grid
  // of this size (metres), anchored at (0, 0). DEFAULT: 0 = only exactly equal coordinates.
  // REQUIRES: finite, >= 0. Two ends closer than this across a cell border stay apart.
  double node_tolerance_m = 0.0;
  // Also make a node of every vertex that occurs more than once among all lines (OSM ways
  // share nodes mid-way; a crossing without a shared vertex stays a bridge). DEFAULT: false.
  bool split_at_shared_vertices = false;
};

// An arc of the CSR: the node at the other end and the link it runs along.
struct Arc {
  uint32_t node;  // head for out_arcs(), tail for in_arcs()
  uint32_t link;
};

class RoadNetworkBuilder;

// Read-only after construction: any number of threads may read it at once.
class RoadNetwork {
 public:
  RoadNetwork() = default;

  size_t node_count() const { return node_x_.size(); }
  size_t link_count() const { return link_from_.size(); }
  // Arcs (directed edges): two per two-way link, one per one-way link.
  size_t arc_count() const { return out_arcs_.size(); }

  double node_x(uint32_t node) const { return node_x_[node]; }
  double node_y(uint32_t node) const { return node_y_[node]; }
  // Weakly connected component, numbered 0, 1, ... in order of each component's first node.
  uint32_t component(uint32_t node) const { return component_[node]; }
  size_t component_count() const { return component_count_; }

  // A link runs from node link_from() (its first vertex) to link_to() (its last vertex).
  uint32_t link_from(uint32_t link) const { return link_from_[link]; }
  uint32_t link_to(uint32_t link) const { return link_to_[link]; }
  double link_length_m(uint32_t link) const { return link_cost_[link].length_m; }
  double link_time_s(uint32_t link) const { return link_cost_[link].time_s; }
  Direction link_direction(uint32_t link) const { return link_direction_[link]; }
  // Travel allowed from link_from() towards link_to() / the other way.
  bool forward_allowed(uint32_t link) const { return link_direction_[link] != Direction::kBackward; }
  bool backward_allowed(uint32_t link) const { return link_direction_[link] != Direction::kForward; }
  // The link's polyline, first vertex at link_from(), last at link_to().
  std::span<const double> link_x(uint32_t link) const { return vertex_span(vertex_x_, link); }
  std::span<const double> link_y(uint32_t link) const { return vertex_span(vertex_y_, link); }

  // Arcs leaving / entering a node, in link order.
  std::span<const Arc> out_arcs(uint32_t node) const {
    return {out_arcs_.data() + out_offset_[node], out_arcs_.data() + out_offset_[node + 1]};
  }
  std::span<const Arc> in_arcs(uint32_t node) const {
    return {in_arcs_.data() + in_offset_[node], in_arcs_.data() + in_offset_[node + 1]};
  }

  // Lines added to the builder that had no length (all vertices equal) and were left out.
  size_t skipped_lines() const { return skipped_lines_; }
  // Bytes held by the network's arrays (capacity, not counting the allocator's overhead).
  size_t memory_bytes() const;

 private:
  friend class RoadNetworkBuilder;
  struct LinkCost {
    double length_m;
    double time_s;
  };
  std::span<const double> vertex_span(const std::vector<double>& v, uint32_t link) const {
    return {v.data() + link_first_vertex_[link], v.data() + link_last_vertex_[link] + 1};
  }

  std::vector<double> node_x_, node_y_;
  std::vector<uint32_t> component_;
  size_t component_count_ = 0;
  std::vector<uint32_t> link_from_, link_to_;
  std::vector<LinkCost> link_cost_;
  std::vector<Direction> link_direction_;
  std::vector<uint32_t> link_first_vertex_, link_last_vertex_;  // inclusive range
  std::vector<double> vertex_x_, vertex_y_;
  std::vector<uint32_t> out_offset_, in_offset_;  // node_count + 1
  std::vector<Arc> out_arcs_, in_arcs_;
  size_t skipped_lines_ = 0;
};

// Builds a RoadNetwork from lines added one at a time (a reader can stream features).
class RoadNetworkBuilder {
 public:
  // Throws kk::Error (kInvalidArgument) for invalid options.
  explicit RoadNetworkBuilder(RoadNetworkOptions options = {});

  // Adds one polyline. Consecutive repeated vertices are dropped; a line without length is
  // counted in skipped_lines() and left out. Throws kk::InputError (kBadValue) naming the
  // line's position among the lines added for x/y of different lengths, fewer than two
  // vertices, a non-finite coordinate or a road class without a speed.
  void add_line(std::span<const double> x, std::span<const double> y, uint16_t road_class,
                Direction direction = Direction::kBoth);

  size_t lines_added() const { return line_class_.size() + skipped_; }

  // Finds the nodes, splits lines into links and lays out the CSR. The builder is left empty.
  // Throws kk::Error (kInvalidArgument) beyond 2^32 - 2 nodes, links or vertices.
  RoadNetwork build();

 private:
  RoadNetworkOptions options_;
  std::vector<double> x_, y_;
  std::vector<uint32_t> line_offset_{0};  // vertex ranges of the lines kept
  std::vector<uint16_t> line_class_;
  std::vector<Direction> line_direction_;
  size_t skipped_ = 0;
};

// Lines as coordinates + offsets (shapely's ragged layout): line i has the vertices
// offsets[i] .. offsets[i + 1] - 1. road_class and direction hold one value per line, or are
// empty for class 0 and two-way everywhere.
struct PolylineArrays {
  std::span<const double> x, y;
  std::span<const uint64_t> offsets;
  std::span<const uint16_t> road_class;
  std::span<const Direction> direction;
};

// Builds a network from whole arrays (RoadNetworkBuilder underneath; same errors, plus
// kInvalidArgument for inconsistent array sizes or offsets).
RoadNetwork build_road_network(const PolylineArrays& lines, const RoadNetworkOptions& options = {});

}  // namespace kk::network
