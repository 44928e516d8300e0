// Service areas: one bounded Dijkstra per origin over the forward graph, then per limit the
// reachable stretches of every link near a reached node, cut at the exact offset the remaining
// budget reaches, buffered and unioned by GEOS.
#include "kernkompas/network/service_area.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "kernkompas_internal/geos_context.hpp"
#include "search.hpp"

namespace kk::network {
namespace {

using detail::Label;
using internal::GeosContext;
using internal::GeosGeometryPtr;

// GEOS's default: 8 segments per quarter circle for round caps and joins.
constexpr int kQuadrantSegments = 8;

struct Interval {
  double from, to;  // offsets along the link from link_from(), from <= to
};

void check_options(const ServiceAreaOptions& options) {
  const std::vector<double>& limits = options.limits;
  if (limits.empty()) throw Error(ErrorCode::kInvalidArgument, "service areas: no limits given");
  for (size_t k = 0; k < limits.size(); ++k) {
    if (!std::isfinite(limits[k]) || limits[k] <= 0.0 || (k > 0 && limits[k] <= limits[k - 1])) {
      throw Error(ErrorCode::kInvalidArgument, "service areas: limits must be finite, > 0 and ascending (limit " +
                                                   std::to_string(k) + " is " + std::to_string(limits[k]) + ")");
    }
  }
  if (!std::isfinite(options.band_m) || options.band_m <= 0.0) {
    throw Error(ErrorCode::kInvalidArgument,
                "service areas: band_m must be finite and > 0, got " + std::to_string(options.band_m));
  }
}

// Metres of `link` that a remaining budget (in the metric) pays for.
double reach_m(const RoadNetwork& net, uint32_t link, Metric metric, double budget) {
  if (metric == Metric::kDistance) return budget;
  return budget * net.link_length_m(link) / net.link_time_s(link);
}

GeosGeometryPtr owned(const GeosContext& geos, GEOSGeometry* g) {
  if (g == nullptr) throw Error(ErrorCode::kInternal, "GEOS: " + geos.last_message());
  return GeosGeometryPtr(g, {geos.get()});
}

// The stretch of a link's polyline between two offsets, as a GEOS line string.
GeosGeometryPtr cut_link(const GeosContext& geos, const RoadNetwork& net, uint32_t link, const Interval& piece) {
  const auto xs = net.link_x(link), ys = net.link_y(link);
  std::vector<double> px, py;
  double walked = 0.0;  // offset of vertex v
  for (size_t v = 0; v + 1 < xs.size(); ++v) {
    const double segment = std::hypot(xs[v + 1] - xs[v], ys[v + 1] - ys[v]);
    const double next = walked + segment;
    const auto at = [&](double offset) {
      const double t = segment > 0.0 ? std::clamp((offset - walked) / segment, 0.0, 1.0) : 0.0;
      px.push_back(xs[v] + t * (xs[v + 1] - xs[v]));
      py.push_back(ys[v] + t * (ys[v + 1] - ys[v]));
    };
    const bool last = v + 2 == xs.size();
    if (px.empty() && (piece.from < next || last)) at(piece.from);
    if (!px.empty()) {
      if (piece.to <= next || last) {
        at(piece.to);
        break;
      }
      px.push_back(xs[v + 1]);
      py.push_back(ys[v + 1]);
    }
    walked = next;
  }
  GEOSContextHandle_t h = geos.get();
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(px.size()), 2);
  for (size_t i = 0; i < px.size(); ++i) GEOSCoordSeq_setXY_r(h, seq, static_cast<unsigned>(i), px[i], py[i]);
  return owned(geos, GEOSGeom_createLineString_r(h, seq));
}

// Sorts and merges overlapping or touching intervals in place; drops empty ones.
void merge(std::vector<Interval>& pieces) {
  std::sort(pieces.begin(), pieces.end(), [](const Interval& a, const Interval& b) { return a.from < b.from; });
  size_t kept = 0;
  for (const Interval& p : pieces) {
    if (kept > 0 && p.from <= pieces[kept - 1].to) {
      pieces[kept - 1].to = std::max(pieces[kept - 1].to, p.to);
    } else {
      pieces[kept++] = p;
    }
  }
  pieces.resize(kept);
  std::erase_if(pieces, [](const Interval& p) { return !(p.to > p.from); });
}

// What one search from one origin reached: the node labels, the origin's own link and the
// links leaving any node the search touched.
struct Reached {
  const detail::Search& search;
  uint32_t own_link;
  double own_offset;
  Label start;  // the cost of standing at the origin's snapped position
  std::span<const uint32_t> links;
};

// The reachable stretches of `link` within `limit`.
void reachable_pieces(const RoadNetwork& net, Metric metric, const Reached& r, uint32_t link, double limit,
                      std::vector<Interval>& pieces) {
  const detail::LabelOrder& order = r.search.order();
  const double length = net.link_length_m(link);
  pieces.clear();
  if (net.forward_allowed(link)) {
    const double cost = order.primary(r.search.label(net.link_from(link)));
    if (cost <= limit) pieces.push_back({0.0, std::min(length, reach_m(net, link, metric, limit - cost))});
  }
  if (net.backward_allowed(link)) {
    const double cost = order.primary(r.search.label(net.link_to(link)));
    if (cost <= limit) pieces.push_back({length - std::min(length, reach_m(net, link, metric, limit - cost)), length});
  }
  if (link == r.own_link) {
    const double budget = limit - order.primary(r.start);
    if (budget >= 0.0) {
      const double reach = reach_m(net, link, metric, budget);
      if (net.forward_allowed(link)) pieces.push_back({r.own_offset, std::min(length, r.own_offset + reach)});
      if (net.backward_allowed(link)) pieces.push_back({std::max(0.0, r.own_offset - reach), r.own_offset});
    }
  }
  merge(pieces);
}

// The band around every reachable piece of road within `limit`, appended as one feature.
// Each stretch is buffered on its own and the bands joined by one cascaded union: about 4×
// cheaper than buffering all stretches as one MultiLineString, whose noding meets every
// overlap of every band at once (measured on the benchmark grid).
void append_area(const GeosContext& geos, const RoadNetwork& net, Metric metric, const Reached& r, double limit,
                 std::span<const uint32_t> nodes, double band_m, geometry::MultiPolygonArray& out) {
  GEOSContextHandle_t h = geos.get();
  std::vector<GeosGeometryPtr> bands;
  std::vector<Interval> pieces;
  for (const uint32_t link : r.links) {
    reachable_pieces(net, metric, r, link, limit, pieces);
    for (const Interval& piece : pieces) {
      const GeosGeometryPtr line = cut_link(geos, net, link, piece);
      bands.push_back(owned(geos, GEOSBuffer_r(h, line.get(), band_m, kQuadrantSegments)));
    }
  }
  // A node reached with nothing left to drive on (an origin standing on it, its snap distance
  // using up the whole budget) still lies inside, as every other reached node does.
  if (bands.empty()) {
    for (const uint32_t node : nodes) {
      const GeosGeometryPtr point = owned(geos, GEOSGeom_createPointFromXY_r(h, net.node_x(node), net.node_y(node)));
      bands.push_back(owned(geos, GEOSBuffer_r(h, point.get(), band_m, kQuadrantSegments)));
    }
  }
  if (bands.empty()) {
    out.begin_feature();
    return;
  }
  std::vector<GEOSGeometry*> raw;
  raw.reserve(bands.size());
  for (GeosGeometryPtr& b : bands) raw.push_back(b.release());
  // GEOS owns the bands from here on, also when it fails.
  const GeosGeometryPtr all = owned(
      geos, GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, raw.data(), static_cast<unsigned>(raw.size())));
  const GeosGeometryPtr area = owned(geos, GEOSUnaryUnion_r(h, all.get()));
  internal::append_from_geos(geos, area.get(), out);
}

}  // namespace

ServiceAreas service_areas(const RoadNetwork& network, const SnappedPoints& origins,
                           const ServiceAreaOptions& options) {
  check_options(options);
  detail::check_snapped(network, origins, "origin");
  const std::vector<double>& limits = options.limits;
  ServiceAreas out;
  const size_t rows = origins.size() * limits.size();
  out.origin.reserve(rows);
  out.limit.reserve(rows);
  out.reachable_nodes.reserve(rows);

  GeosContext geos;
  detail::Search search(network, options.metric, /*reversed=*/false);
  const detail::LabelOrder& order = search.order();
  std::vector<uint32_t> listed_for(network.link_count(), detail::kNone);
  std::vector<uint32_t> links;
  const double total = static_cast<double>(std::max<size_t>(origins.size(), 1));

  for (uint32_t i = 0; i < origins.size(); ++i) {
    report_progress(options.progress, "service area", static_cast<double>(i) / total);
    const uint32_t own_link = origins.link[i];
    if (own_link == kNoLink) {
      for (const double limit : limits) {
        out.origin.push_back(i);
        out.limit.push_back(limit);
        out.polygons.begin_feature();
        out.reachable_nodes.emplace_back();
      }
      continue;
    }
    const Label start = options.add_snap_distance ? detail::along_link(network, own_link, origins.distance_m[i])
                                                  : Label{0.0, 0.0, i};
    const detail::Steps steps = detail::leave_point(network, own_link, origins.offset_m[i]);
    for (int k = 0; k < steps.count; ++k) {
      const detail::Step& st = steps.step[k];
      search.seed(st.node, {start.length_m + st.length_m, start.time_s + st.time_s, i});
    }
    search.run(limits.back());

    links.clear();
    const auto list = [&](uint32_t link) {
      if (listed_for[link] == i) return;
      listed_for[link] = i;
      links.push_back(link);
    };
    list(own_link);
    for (const uint32_t node : search.touched()) {
      for (const Arc& arc : network.out_arcs(node)) list(arc.link);
    }
    const Reached reached{search, own_link, origins.offset_m[i], start, links};
    std::vector<uint32_t> touched(search.touched().begin(), search.touched().end());
    std::sort(touched.begin(), touched.end());

    for (const double limit : limits) {
      out.origin.push_back(i);
      out.limit.push_back(limit);
      auto& nodes = out.reachable_nodes.emplace_back();
      for (const uint32_t node : touched) {
        if (order.primary(search.label(node)) <= limit) nodes.push_back(node);
      }
      append_area(geos, network, options.metric, reached, limit, nodes, options.band_m, out.polygons);
    }
    search.reset();
  }
  report_progress(options.progress, "service area", 1.0);
  return out;
}

}  // namespace kk::network
