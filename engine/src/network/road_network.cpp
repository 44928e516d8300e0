// Road network construction: node identification, splitting lines into links, CSR layout and
// weakly connected components.
#include "kernkompas/network/road_network.hpp"

#include <bit>
#include <cmath>
#include <numeric>
#include <string>
#include <utility>

#include "kernkompas/core/error.hpp"

namespace kk::network {
namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
// Indices are uint32_t with kNone reserved.
constexpr size_t kMaxCount = std::numeric_limits<uint32_t>::max() - 1;

struct NodeKey {
  int64_t a;
  int64_t b;
  bool operator==(const NodeKey&) const = default;
};

struct NodeKeyHash {
  size_t operator()(const NodeKey& k) const noexcept {
    // splitmix64-style mixing of both halves: coordinates on a regular grid hash well.
    uint64_t h = static_cast<uint64_t>(k.a) * 0x9E3779B97F4A7C15ull;
    h ^= static_cast<uint64_t>(k.b) + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    return static_cast<size_t>(h);
  }
};

// The key deciding which vertices are the same node: the exact bits of the coordinates
// (-0 folded onto +0), or the grid cell of size `tolerance`.
class KeyMaker {
 public:
  explicit KeyMaker(double tolerance) : tolerance_(tolerance) {}
  NodeKey operator()(double x, double y) const {
    if (tolerance_ == 0.0) return {std::bit_cast<int64_t>(x + 0.0), std::bit_cast<int64_t>(y + 0.0)};
    return {cell(x), cell(y)};
  }

 private:
  int64_t cell(double v) const {
    const double c = std::floor(v / tolerance_);
    if (!(std::fabs(c) < 9.0e18)) {
      throw Error(ErrorCode::kInvalidArgument,
                  "road network: node_tolerance_m " + std::to_string(tolerance_) +
                      " is too small for coordinate " + std::to_string(v));
    }
    return static_cast<int64_t>(c);
  }
  double tolerance_;
};

// The nodes met so far, by key: an open-addressing hash table with linear probing, doubled
// when half full. Much cheaper than std::unordered_map's node per entry on millions of line
// ends, and smaller: 24 B per slot.
class NodeTable {
 public:
  struct Entry {
    NodeKey key{0, 0};
    uint32_t count = 0;    // occurrences among all vertices (split_at_shared_vertices only)
    uint32_t node = kNone;  // the node's id once it has one
    bool empty() const { return count == 0 && node == kNone; }
  };

  explicit NodeTable(size_t expected) { rehash(std::bit_ceil(std::max<size_t>(16, expected))); }

  // The entry of `key`, inserted if new: the caller must then set its count or node at once
  // (an entry with neither reads as a free slot). The reference lives until the next at().
  Entry& at(const NodeKey& key) {
    if (2 * (used_ + 1) > entries_.size()) rehash(2 * entries_.size());
    size_t i = NodeKeyHash{}(key) & mask_;
    while (!entries_[i].empty()) {
      if (entries_[i].key == key) return entries_[i];
      i = (i + 1) & mask_;
    }
    ++used_;
    entries_[i].key = key;
    return entries_[i];
  }

 private:
  void rehash(size_t capacity) {
    std::vector<Entry> old = std::exchange(entries_, std::vector<Entry>(capacity));
    mask_ = capacity - 1;
    for (const Entry& e : old) {
      if (e.empty()) continue;
      size_t i = NodeKeyHash{}(e.key) & mask_;
      while (!entries_[i].empty()) i = (i + 1) & mask_;
      entries_[i] = e;
    }
  }

  std::vector<Entry> entries_;
  size_t mask_ = 0;
  size_t used_ = 0;
};

// Union-find with path halving, for the weakly connected components.
class DisjointSets {
 public:
  explicit DisjointSets(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0u); }
  uint32_t find(uint32_t v) {
    while (parent_[v] != v) {
      parent_[v] = parent_[parent_[v]];
      v = parent_[v];
    }
    return v;
  }
  void join(uint32_t a, uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<uint32_t> parent_;
};

template <class T>
size_t bytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

size_t RoadNetwork::memory_bytes() const {
  return bytes(node_x_) + bytes(node_y_) + bytes(component_) + bytes(link_from_) + bytes(link_to_) +
         bytes(link_cost_) + bytes(link_direction_) + bytes(link_first_vertex_) +
         bytes(link_last_vertex_) + bytes(vertex_x_) + bytes(vertex_y_) + bytes(out_offset_) +
         bytes(in_offset_) + bytes(out_arcs_) + bytes(in_arcs_);
}

RoadNetworkBuilder::RoadNetworkBuilder(RoadNetworkOptions options) : options_(std::move(options)) {
  if (options_.speed_kmh.empty()) {
    throw Error(ErrorCode::kInvalidArgument, "road network: no speed per road class given");
  }
  for (size_t c = 0; c < options_.speed_kmh.size(); ++c) {
    const double s = options_.speed_kmh[c];
    if (!std::isfinite(s) || s <= 0.0) {
      throw Error(ErrorCode::kInvalidArgument, "road network: speed of road class " + std::to_string(c) +
                                                   " must be finite and > 0 km/h, got " + std::to_string(s));
    }
  }
  if (!std::isfinite(options_.node_tolerance_m) || options_.node_tolerance_m < 0.0) {
    throw Error(ErrorCode::kInvalidArgument, "road network: node_tolerance_m must be finite and >= 0");
  }
}

void RoadNetworkBuilder::add_line(std::span<const double> x, std::span<const double> y, uint16_t road_class,
                                  Direction direction) {
  // Built only for a message: a string per line would cost more than the line itself.
  const auto where = [this] { return "road line " + std::to_string(lines_added()) + ": "; };
  if (x.size() != y.size()) {
    throw InputError(ErrorCode::kBadValue, where() + std::to_string(x.size()) + " x but " +
                                               std::to_string(y.size()) + " y coordinates");
  }
  if (x.size() < 2) throw InputError(ErrorCode::kBadValue, where() + "fewer than two vertices");
  if (road_class >= options_.speed_kmh.size()) {
    throw InputError(ErrorCode::kBadValue, where() + "road class " + std::to_string(road_class) +
                                               " has no speed (" + std::to_string(options_.speed_kmh.size()) +
                                               " classes configured)");
  }
  if (static_cast<uint8_t>(direction) > static_cast<uint8_t>(Direction::kBackward)) {
    throw InputError(ErrorCode::kBadValue, where() + "unknown direction code " +
                                               std::to_string(static_cast<int>(direction)));
  }
  for (size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) {
      throw InputError(ErrorCode::kBadValue, where() + "vertex " + std::to_string(i) + " is not finite");
    }
  }
  const size_t start = x_.size();
  for (size_t i = 0; i < x.size(); ++i) {
    if (x_.size() > start && x_.back() == x[i] && y_.back() == y[i]) continue;
    x_.push_back(x[i]);
    y_.push_back(y[i]);
  }
  if (x_.size() - start < 2) {  // every vertex the same: no length, nothing to travel
    x_.resize(start);
    y_.resize(start);
    ++skipped_;
    return;
  }
  if (x_.size() > kMaxCount) throw Error(ErrorCode::kInvalidArgument, "road network: more than 2^32 - 2 vertices");
  line_offset_.push_back(static_cast<uint32_t>(x_.size()));
  line_class_.push_back(road_class);
  line_direction_.push_back(direction);
}

RoadNetwork RoadNetworkBuilder::build() {
  RoadNetwork net;
  const size_t lines = line_class_.size();
  const KeyMaker key_of(options_.node_tolerance_m);
  const bool split = options_.split_at_shared_vertices;

  NodeTable slots(split ? x_.size() : lines);
  if (split) {
    for (size_t v = 0; v < x_.size(); ++v) {
      NodeTable::Entry& entry = slots.at(key_of(x_[v], y_[v]));
      ++entry.count;
    }
  }
  auto node_of = [&](size_t v) {
    NodeTable::Entry& slot = slots.at(key_of(x_[v], y_[v]));
    if (slot.node == kNone) {
      if (net.node_x_.size() >= kMaxCount) throw Error(ErrorCode::kInvalidArgument, "road network: more than 2^32 - 2 nodes");
      slot.node = static_cast<uint32_t>(net.node_x_.size());
      net.node_x_.push_back(x_[v]);
      net.node_y_.push_back(y_[v]);
    }
    return slot.node;
  };
  auto shared = [&](size_t v) { return split && slots.at(key_of(x_[v], y_[v])).count >= 2; };

  for (size_t line = 0; line < lines; ++line) {
    const uint32_t first = line_offset_[line];
    const uint32_t last = line_offset_[line + 1] - 1;
    const double speed_ms = options_.speed_kmh[line_class_[line]] / 3.6;
    uint32_t start = first;
    uint32_t start_node = node_of(first);
    double length = 0.0;
    for (uint32_t v = first + 1; v <= last; ++v) {
      length += std::hypot(x_[v] - x_[v - 1], y_[v] - y_[v - 1]);
      if (v != last && !shared(v)) continue;
      const uint32_t end_node = node_of(v);
      if (net.link_from_.size() >= kMaxCount) throw Error(ErrorCode::kInvalidArgument, "road network: more than 2^32 - 2 links");
      net.link_from_.push_back(start_node);
      net.link_to_.push_back(end_node);
      net.link_cost_.push_back({length, length / speed_ms});
      net.link_direction_.push_back(line_direction_[line]);
      net.link_first_vertex_.push_back(start);
      net.link_last_vertex_.push_back(v);
      start = v;
      start_node = end_node;
      length = 0.0;
    }
  }
  slots = NodeTable(0);
  const size_t n = net.node_x_.size();
  const size_t links = net.link_from_.size();

  // CSR, filled in link order so the layout depends on the input order only.
  net.out_offset_.assign(n + 1, 0);
  net.in_offset_.assign(n + 1, 0);
  auto each_arc = [&](auto&& visit) {
    for (uint32_t e = 0; e < links; ++e) {
      if (net.forward_allowed(e)) visit(net.link_from_[e], net.link_to_[e], e);
      if (net.backward_allowed(e)) visit(net.link_to_[e], net.link_from_[e], e);
    }
  };
  each_arc([&](uint32_t tail, uint32_t head, uint32_t) {
    ++net.out_offset_[tail + 1];
    ++net.in_offset_[head + 1];
  });
  std::partial_sum(net.out_offset_.begin(), net.out_offset_.end(), net.out_offset_.begin());
  std::partial_sum(net.in_offset_.begin(), net.in_offset_.end(), net.in_offset_.begin());
  net.out_arcs_.resize(net.out_offset_[n]);
  net.in_arcs_.resize(net.in_offset_[n]);
  {
    std::vector<uint32_t> out_fill(net.out_offset_.begin(), net.out_offset_.end() - 1);
    std::vector<uint32_t> in_fill(net.in_offset_.begin(), net.in_offset_.end() - 1);
    each_arc([&](uint32_t tail, uint32_t head, uint32_t e) {
      net.out_arcs_[out_fill[tail]++] = {head, e};
      net.in_arcs_[in_fill[head]++] = {tail, e};
    });
  }

  DisjointSets sets(n);
  for (uint32_t e = 0; e < links; ++e) sets.join(net.link_from_[e], net.link_to_[e]);
  net.component_.assign(n, kNone);
  std::vector<uint32_t> id_of_root(n, kNone);
  for (uint32_t v = 0; v < n; ++v) {
    uint32_t& id = id_of_root[sets.find(v)];
    if (id == kNone) id = static_cast<uint32_t>(net.component_count_++);
    net.component_[v] = id;
  }

  x_.shrink_to_fit();
  y_.shrink_to_fit();
  net.vertex_x_ = std::move(x_);
  net.vertex_y_ = std::move(y_);
  net.skipped_lines_ = skipped_;
  for (auto* v : {&net.link_from_, &net.link_to_, &net.link_first_vertex_, &net.link_last_vertex_}) v->shrink_to_fit();
  net.link_cost_.shrink_to_fit();
  net.link_direction_.shrink_to_fit();
  net.node_x_.shrink_to_fit();
  net.node_y_.shrink_to_fit();

  x_.clear();
  y_.clear();
  line_offset_.assign(1, 0);
  line_class_.clear();
  line_direction_.clear();
  skipped_ = 0;
  return net;
}

RoadNetwork build_road_network(const PolylineArrays& lines, const RoadNetworkOptions& options) {
  if (lines.x.size() != lines.y.size()) {
    throw Error(ErrorCode::kInvalidArgument, "road network: x and y differ in length");
  }
  if (lines.offsets.empty()) throw Error(ErrorCode::kInvalidArgument, "road network: offsets must hold at least one value");
  const size_t count = lines.offsets.size() - 1;
  if (lines.offsets.front() != 0 || lines.offsets.back() != lines.x.size()) {
    throw Error(ErrorCode::kInvalidArgument, "road network: offsets must start at 0 and end at the vertex count");
  }
  if (!lines.road_class.empty() && lines.road_class.size() != count) {
    throw Error(ErrorCode::kInvalidArgument, "road network: road_class needs one value per line");
  }
  if (!lines.direction.empty() && lines.direction.size() != count) {
    throw Error(ErrorCode::kInvalidArgument, "road network: direction needs one value per line");
  }
  RoadNetworkBuilder builder(options);
  for (size_t i = 0; i < count; ++i) {
    const uint64_t b = lines.offsets[i];
    const uint64_t e = lines.offsets[i + 1];
    if (e < b) throw Error(ErrorCode::kInvalidArgument, "road network: offsets decrease at line " + std::to_string(i));
    builder.add_line(lines.x.subspan(b, e - b), lines.y.subspan(b, e - b),
                     lines.road_class.empty() ? uint16_t{0} : lines.road_class[i],
                     lines.direction.empty() ? Direction::kBoth : lines.direction[i]);
  }
  return builder.build();
}

}  // namespace kk::network
