// DBSCAN clusters: labels, outlines (GEOS) and the cluster table with its disclosure rules.
#include "cluster_layer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "kernkompas/core/disclosure.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/core/sbi.hpp"
#include "kernkompas/stats/dbscan.hpp"
#include "kernkompas_internal/geos_context.hpp"

namespace kk::clustering {
namespace {

using internal::GeosContext;
using internal::GeosGeometryPtr;

constexpr double kInternalWidening = 5.0;  // metres: a line of points still gets an area

GeosGeometryPtr owned(const GeosContext& geos, GEOSGeometry* g) {
  if (g == nullptr) throw Error(ErrorCode::kInternal, "GEOS: " + geos.last_message());
  return GeosGeometryPtr(g, {geos.get()});
}

// The outline of the points (x, y): concave hull, widened; published: widened by eps/2 and
// snapped to the grid.
GeosGeometryPtr outline(const GeosContext& geos, const std::vector<double>& x, const std::vector<double>& y,
                        const ClusterSettings& settings, bool published) {
  GEOSContextHandle_t h = geos.get();
  std::vector<GEOSGeometry*> points;
  points.reserve(x.size());
  for (size_t i = 0; i < x.size(); ++i) points.push_back(GEOSGeom_createPointFromXY_r(h, x[i], y[i]));
  GeosGeometryPtr multipoint = owned(
      geos, GEOSGeom_createCollection_r(h, GEOS_MULTIPOINT, points.data(), static_cast<unsigned>(points.size())));
  GeosGeometryPtr hull = owned(geos, GEOSConcaveHull_r(h, multipoint.get(), settings.hull_ratio, 0));
  const double widening = published ? std::max(settings.eps_m / 2.0, kInternalWidening) : kInternalWidening;
  GeosGeometryPtr widened = owned(geos, GEOSBuffer_r(h, hull.get(), widening, 8));
  if (!published) return widened;
  return owned(geos, GEOSGeom_setPrecision_r(h, widened.get(), settings.publish_grid_m, 0));
}

// The three largest sections with their counts; published output names only sections of at
// least k locations (a section of one or two in a small cluster would point at a premise).
std::string sbi_mix(const std::map<char, int64_t>& counts, const DisclosureSettings& disclosure) {
  std::vector<std::pair<char, int64_t>> sorted;
  for (const auto& [section, count] : counts) {
    if (!disclosure.withholds(count)) sorted.emplace_back(section, count);
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](auto& a, auto& b) { return a.second > b.second; });
  std::string out;
  for (size_t i = 0; i < sorted.size() && i < 3; ++i) {
    if (!out.empty()) out += ';';
    out += std::string(1, sorted[i].first) + ":" + std::to_string(sorted[i].second);
  }
  return out;
}

// Union-find over kern rows (kernen, then buitengebied).
struct Components {
  std::vector<size_t> parent;
  explicit Components(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), size_t{0}); }
  size_t find(size_t a) { return parent[a] == a ? a : parent[a] = find(parent[a]); }
  void join(size_t a, size_t b) { parent[find(a)] = find(b); }
};

}  // namespace

void add_clusters(const RunContext& context, const ClusterSettings& settings, AnalysisResult& result) {
  const LocationLayer& l = context.input.locations;
  const size_t kern_count = context.input.kernen.size();
  const bool published = !context.disclosure.internal;

  // DBSCAN over the locations with coordinates; labels back in register order.
  std::vector<size_t> rows;
  std::vector<double> x, y;
  for (size_t i = 0; i < l.size(); ++i) {
    if (!std::isfinite(l.x[i]) || !std::isfinite(l.y[i])) continue;
    rows.push_back(i);
    x.push_back(l.x[i]);
    y.push_back(l.y[i]);
  }
  stats::DbscanOptions options;
  options.eps = settings.eps_m;
  options.min_samples = settings.min_samples;
  options.threads = context.execution.threads;
  options.progress = context.execution.progress;
  const stats::DbscanResult db = stats::dbscan(x, y, options);
  std::vector<int64_t> label(l.size(), -1);
  for (size_t j = 0; j < rows.size(); ++j) label[rows[j]] = db.labels[j];
  result.location_columns.add_integer("cluster_id", label, "", "DBSCAN cluster of the location; -1 = noise");

  // Per cluster: members, and units per kern row (for its kern and the differencing rule).
  const auto clusters = static_cast<size_t>(db.cluster_count);
  std::vector<std::vector<size_t>> members(clusters);
  for (size_t i = 0; i < l.size(); ++i) {
    if (label[i] >= 0) members[static_cast<size_t>(label[i])].push_back(i);
  }
  std::vector<int64_t> kern_units_with_status(kern_count + 1, 0), clustered_with_status(kern_count + 1, 0);
  for (size_t i = 0; i < l.size(); ++i) {
    if (l.status_of(i) == OccupancyStatus::kUnknown) continue;
    const size_t row = assign::kern_row(context.assignment.kern[i], kern_count);
    ++kern_units_with_status[row];
    if (label[i] >= 0) ++clustered_with_status[row];
  }
  Components components(kern_count + 1);
  // Core locations per cluster, in one pass (a scan per cluster would cost clusters × n).
  std::vector<int64_t> core_count(clusters, 0);
  for (size_t j = 0; j < rows.size(); ++j) {
    if (db.labels[j] >= 0 && db.core[j]) ++core_count[static_cast<size_t>(db.labels[j])];
  }

  Table t;
  std::vector<int64_t> id, n_locations, n_core, n_status, n_vacant;
  std::vector<std::string> kern_code, mix;
  std::vector<double> share;
  std::vector<size_t> home_row;
  for (size_t c = 0; c < clusters; ++c) {
    std::vector<int64_t> per_kern(kern_count + 1, 0);
    std::map<char, int64_t> sections;
    int64_t status = 0, vacant = 0, core = 0;
    for (size_t i : members[c]) {
      const size_t row = assign::kern_row(context.assignment.kern[i], kern_count);
      ++per_kern[row];
      const std::optional<char> section = i < l.sbi.size() ? sbi_section(l.sbi[i]) : std::nullopt;
      if (section) ++sections[*section];
      status += l.status_of(i) != OccupancyStatus::kUnknown;
      vacant += l.status_of(i) == OccupancyStatus::kVacant;
    }
    core = core_count[c];
    const size_t home = static_cast<size_t>(std::max_element(per_kern.begin(), per_kern.end()) - per_kern.begin());
    for (size_t row = 0; row <= kern_count; ++row) {
      if (per_kern[row] > 0 && row != home) components.join(row, home);
    }
    id.push_back(static_cast<int64_t>(c));
    kern_code.push_back(home < kern_count ? context.input.kernen.code[home] : "buitengebied");
    home_row.push_back(home);
    n_locations.push_back(static_cast<int64_t>(members[c].size()));
    n_core.push_back(core);
    mix.push_back(sbi_mix(sections, context.disclosure));
    n_status.push_back(status);
    n_vacant.push_back(vacant);
    share.push_back(status > 0 ? static_cast<double>(vacant) / static_cast<double>(status)
                               : std::numeric_limits<double>::quiet_NaN());
  }
  t.add_integer("cluster_id", id);
  t.add_text("kern_code", kern_code);
  t.add_integer("n_locations", n_locations);
  t.add_integer("n_core", n_core, "", "core locations: at least min_samples locations within eps");
  t.add_text("sbi_mix", mix, "the three largest SBI sections of the cluster with their counts");
  t.add_integer("n_units_with_status", n_status);
  t.add_integer("n_vacant", n_vacant);
  t.add_real("share_vacant", share, "fraction");

  // The shared count rule on the cluster's locations; the outline goes with a withheld row.
  CellRisk risk;
  risk.units = n_locations;
  const std::string_view keep[] = {"cluster_id"};
  suppress_cells(t, risk, context.disclosure, keep, "locations");
  // Differencing: kern table minus the clusters gives the units outside every cluster.
  if (published) {
    std::map<size_t, int64_t> outside;  // per component
    for (size_t row = 0; row <= kern_count; ++row) {
      outside[components.find(row)] += kern_units_with_status[row] - clustered_with_status[row];
    }
    std::vector<std::string> keep_secondary = {"cluster_id", "kern_code", "n_locations", "n_core", "sbi_mix"};
    auto& kind = t.mutable_at("suppression_kind").texts;
    auto& flag = t.mutable_at("suppressed").integers;
    for (size_t c = 0; c < clusters; ++c) {
      if (flag[c] != 0 || !context.disclosure.withholds(outside[components.find(home_row[c])])) continue;
      withhold_row(t, c, keep_secondary);
      flag[c] = 1;
      kind[c] = "secondary";
    }
  }

  GeosContext geos;
  geometry::MultiPolygonArray outlines;
  for (size_t c = 0; c < clusters; ++c) {
    if (published && t.at("suppression_kind").texts[c] == "primary") {
      outlines.begin_feature();  // no outline for a withheld cluster
      continue;
    }
    std::vector<double> cx, cy;
    for (size_t i : members[c]) {
      cx.push_back(l.x[i]);
      cy.push_back(l.y[i]);
    }
    GeosGeometryPtr shape = outline(geos, cx, cy, settings, published);
    internal::append_from_geos(geos, shape.get(), outlines);
  }
  result.tables.push_back({"cluster", std::move(t), std::move(outlines), std::string(grain::kCluster), {"cluster_id"}});
}

}  // namespace kk::clustering
