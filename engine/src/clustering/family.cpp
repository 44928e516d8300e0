// The clustering family: options ([clustering]), when it applies, and its results.
#include "kernkompas/clustering/family.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "kernkompas/core/sbi.hpp"
#include "kernkompas/core/text_table.hpp"
#include "kernkompas/stats/kernel_density.hpp"
#include "cluster_layer.hpp"
#include "kern_nearest_neighbour.hpp"
#include "kern_ripley.hpp"
#include "lisa_grid.hpp"
#include "sector_concentration.hpp"

namespace kk::clustering {
namespace {

const std::vector<OptionSpec>& specs() {
  static const std::vector<OptionSpec> kSpecs = {
      {.name = "dbscan_eps_m", .type = OptionType::kReal, .default_value = 75.0, .min = 0, .max = 1e5,
       .min_exclusive = true, .unit = "m", .doc = "DBSCAN: neighbours lie within this distance (d <= eps)"},
      {.name = "dbscan_min_samples", .type = OptionType::kInteger, .default_value = int64_t{5}, .min = 1,
       .max = 1e6, .doc = "DBSCAN: locations within eps, itself included, that make a core location"},
      {.name = "cluster_hull_ratio", .type = OptionType::kReal, .default_value = 0.3, .min = 0, .max = 1,
       .unit = "fraction", .doc = "concave hull of a cluster's outline: 1 = convex hull, towards 0 tighter"},
      {.name = "cluster_publish_grid_m", .type = OptionType::kReal, .default_value = 50.0, .min = 0, .max = 1e4,
       .min_exclusive = true, .unit = "m", .doc = "published cluster outlines are snapped to this grid"},
      {.name = "ripley_max_distance_m", .type = OptionType::kReal, .default_value = 500.0, .min = 0,
       .max = 1e5, .min_exclusive = true, .unit = "m", .doc = "Ripley's K per kern up to this distance"},
      {.name = "ripley_steps", .type = OptionType::kInteger, .default_value = int64_t{10}, .min = 1, .max = 1000,
       .doc = "Ripley's K at this many distances, evenly spaced up to ripley_max_distance_m"},
      {.name = "ripley_simulations", .type = OptionType::kInteger, .default_value = int64_t{99}, .min = 0,
       .max = 100000, .doc = "uniform patterns per kern for the envelope L_lo, L_hi"},
      {.name = "lq_reference", .type = OptionType::kText, .default_value = std::string(""), .none_allowed = true,
       .doc = "reference of the location quotients, e.g. \"G:0.18,I:0.09\" (shares or counts per SBI section); none: the whole area"},
      {.name = "colocation_sections", .type = OptionType::kText, .default_value = std::string(""),
       .none_allowed = true, .doc = "two SBI sections, e.g. \"G,I\": their colocation quotient (none: no table)"},
      {.name = "colocation_permutations", .type = OptionType::kInteger, .default_value = int64_t{999}, .min = 0,
       .max = 100000, .doc = "relabellings for the colocation quotient's pseudo p"},
      {.name = "lisa_cell_size_m", .type = OptionType::kReal, .default_value = 250.0, .min = 0, .max = 1e5,
       .min_exclusive = true, .unit = "m", .doc = "grid cell side of the local Moran (LISA) layer"},
      {.name = "lisa_permutations", .type = OptionType::kInteger, .default_value = int64_t{999}, .min = 1,
       .max = 100000, .doc = "conditional permutations of the LISA pseudo p"},
      {.name = "lisa_fdr_alpha", .type = OptionType::kReal, .default_value = 0.05, .min = 0, .max = 1,
       .min_exclusive = true, .max_exclusive = true, .doc = "Benjamini-Hochberg level of the LISA classes"},
      {.name = "density_kernel", .type = OptionType::kText, .default_value = std::string("quartic"),
       .choices = {"quartic", "epanechnikov", "gaussian"}, .doc = "kernel of the density rasters"},
      {.name = "density_bandwidth_m", .type = OptionType::kReal, .default_value = 500.0, .min = 0,
       .max = 1e5, .min_exclusive = true, .unit = "m", .doc = "bandwidth h of the density rasters"},
      {.name = "density_cell_size_m", .type = OptionType::kReal, .default_value = 100.0, .min = 0,
       .max = 1e5, .min_exclusive = true, .unit = "m", .doc = "cell side of the density rasters"},
      {.name = "density_weight", .type = OptionType::kText, .default_value = std::string("none"),
       .choices = {"none", "floor_area", "employees"},
       .doc = "weight per location in the density: none (count), floor area or employees"},
      {.name = "density_per_section", .type = OptionType::kBoolean, .default_value = false,
       .doc = "also one density raster per SBI section (density_sbi_<letter>)"},
  };
  return kSpecs;
}

bool has_locations(const RunContext& context, const OptionView&) { return context.input.locations.size() > 0; }

// The kernen's bounding box; the locations' when the kernen have no geometry.
void extent(const RunContext& context, double& min_x, double& min_y, double& max_x, double& max_y) {
  min_x = min_y = std::numeric_limits<double>::infinity();
  max_x = max_y = -min_x;
  auto widen = [&](double x, double y) {
    if (!std::isfinite(x) || !std::isfinite(y)) return;
    min_x = std::min(min_x, x);
    min_y = std::min(min_y, y);
    max_x = std::max(max_x, x);
    max_y = std::max(max_y, y);
  };
  const geometry::MultiPolygonArray& kernen = context.input.kernen.geometry;
  for (size_t i = 0; i < kernen.x.size(); ++i) widen(kernen.x[i], kernen.y[i]);
  if (min_x > max_x) {
    const LocationLayer& l = context.input.locations;
    for (size_t i = 0; i < l.size(); ++i) widen(l.x[i], l.y[i]);
  }
}

// Weight per location: 1, or a magnitude; a location without the magnitude counts 0 (it is
// still a unit in the disclosure count, as in the tables).
std::vector<double> density_weights(const LocationLayer& l, const std::string& weight) {
  if (weight == "none") return {};
  const std::vector<double>& source = weight == "floor_area" ? l.floor_area_m2 : l.employees;
  std::vector<double> out(l.size(), 0.0);
  for (size_t i = 0; i < source.size(); ++i) {
    if (std::isfinite(source[i]) && source[i] > 0.0) out[i] = source[i];
  }
  return out;
}

void add_density(const RunContext& context, const OptionView& options, AnalysisResult& result) {
  const LocationLayer& l = context.input.locations;
  stats::KernelDensityOptions density;
  density.kernel = stats::parse_density_kernel(options.text("density_kernel"));
  density.bandwidth = options.real("density_bandwidth_m");
  density.threads = context.execution.threads;
  density.disclosure = context.disclosure;
  density.progress = context.execution.progress;
  const std::vector<double> weights = density_weights(l, options.text("density_weight"));
  double min_x, min_y, max_x, max_y;
  extent(context, min_x, min_y, max_x, max_y);
  if (min_x > max_x) return;  // nothing has coordinates
  const stats::DensityGrid grid = stats::DensityGrid::covering(
      min_x, min_y, max_x, max_y, options.real("density_cell_size_m"), stats::kernel_reach(density.kernel, density.bandwidth));

  report_progress(context.execution.progress, "kernel density", 0.0);
  stats::KernelDensity all = stats::kernel_density(l.x, l.y, weights, grid, density);
  const std::string what = options.text("density_weight") == "none" ? "locations" : options.text("density_weight");
  all.density.name = "density";
  all.density.description += ", " + what + " per km2";

  if (options.boolean("density_per_section")) {
    // Every section's surface, and one for the locations without a section, so that the total
    // minus the published sections never gives a withheld one (protect_density_breakdown).
    std::map<char, std::vector<size_t>> members;  // '?' = no section
    for (size_t i = 0; i < l.size(); ++i) {
      const std::optional<char> section = i < l.sbi.size() ? sbi_section(l.sbi[i]) : std::nullopt;
      members[section.value_or('?')].push_back(i);
    }
    std::vector<stats::KernelDensity> parts;
    std::vector<char> sections;
    for (const auto& [section, rows] : members) {
      std::vector<double> x, y, w;
      for (size_t i : rows) {
        x.push_back(l.x[i]);
        y.push_back(l.y[i]);
        if (!weights.empty()) w.push_back(weights[i]);
      }
      parts.push_back(stats::kernel_density(x, y, w, grid, density));
      sections.push_back(section);
    }
    stats::protect_density_breakdown(parts, context.disclosure);
    result.rasters.push_back(std::move(all.density));
    for (size_t p = 0; p < parts.size(); ++p) {
      if (sections[p] == '?') continue;  // protects the others; not a layer of its own
      Raster& raster = parts[p].density;
      raster.name = std::string("density_sbi_") + sections[p];
      raster.description += ", SBI section " + std::string(1, sections[p]) + ", " + what + " per km2";
      result.rasters.push_back(std::move(raster));
    }
    return;
  }
  result.rasters.push_back(std::move(all.density));
}

void run(const RunContext& context, const OptionView& options, AnalysisResult& result) {
  report_progress(context.execution.progress, "nearest neighbours per kern", 0.0);
  add_kern_nearest_neighbour(context, result);
  report_progress(context.execution.progress, "DBSCAN clusters", 0.0);
  add_clusters(context,
               {options.real("dbscan_eps_m"), static_cast<uint32_t>(options.integer("dbscan_min_samples")),
                options.real("cluster_hull_ratio"), options.real("cluster_publish_grid_m")},
               result);
  report_progress(context.execution.progress, "sector concentration", 0.0);
  add_sector_concentration(context, options.text("lq_reference"), result);
  const std::string& pair = options.text("colocation_sections");
  if (!pair.empty()) {
    auto is_section = [](char c) { return std::find(kSbiSections.begin(), kSbiSections.end(), c) != kSbiSections.end(); };
    if (pair.size() != 3 || pair[1] != ',' || !is_section(pair[0]) || !is_section(pair[2])) {
      // The configuration's fault (exit 1 on the command line), not a bug.
      throw InputError(ErrorCode::kBadValue,
                       "clustering.colocation_sections: two SBI section letters separated by a comma, e.g. \"G,I\"; "
                       "got '" + pair + "'");
    }
    add_colocation(context, pair[0], pair[2], static_cast<uint32_t>(options.integer("colocation_permutations")),
                   result);
  }
  add_kern_ripley(context,
                  {options.real("ripley_max_distance_m"), static_cast<uint32_t>(options.integer("ripley_steps")),
                   static_cast<uint32_t>(options.integer("ripley_simulations"))},
                  result);
  report_progress(context.execution.progress, "local Moran (LISA) per grid cell", 0.0);
  add_lisa_grid(context,
                {options.real("lisa_cell_size_m"), static_cast<uint32_t>(options.integer("lisa_permutations")),
                 options.real("lisa_fdr_alpha")},
                result);
  add_density(context, options, result);
}

// One line per raster: size, withheld cells, peak.
void summarize(const AnalysisResult& result, const Settings& settings, std::ostream& out) {
  const Raster* density = result.find_raster("density");
  if (density == nullptr) return;
  const OptionView options = settings.section("clustering");
  size_t withheld = 0;
  double peak = 0.0;
  for (double v : density->values) {
    if (std::isnan(v)) {
      ++withheld;
    } else {
      peak = std::max(peak, v);
    }
  }
  out << "\nKernel density (" << options.text("density_kernel") << ", bandwidth "
      << fixed(options.real("density_bandwidth_m"), 0) << " m, " << fixed(options.real("density_cell_size_m"), 0)
      << " m cells): " << density->columns << " x " << density->rows << " cells, peak " << fixed(peak, 1) << " "
      << density->unit << "; " << withheld << " cells withheld (fewer than "
      << settings.section("disclosure").integer("k") << " units in reach)\n";
}

}  // namespace

const Family& clustering_family() {
  static const Family kFamily{"clustering", "clustering and concentration of the locations", specs(),
                              has_locations, run, summarize};
  return kFamily;
}

}  // namespace kk::clustering
