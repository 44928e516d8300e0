// Readers for kernen, locations and population, and read_project over every layer the config names.
#include "kernkompas/layers/read.hpp"

#include <cmath>

#include "kernkompas/layers/facilities.hpp"
#include "kernkompas/layers/roads.hpp"
#include "kernkompas/layers/validate.hpp"
#include "ogr_source.hpp"

namespace kk::layers {
namespace {

using detail::OgrSource;

// Where a wrong CRS of a file comes from, for kCrsImplausible messages.
constexpr std::string_view kCrsHint = "crs in the config";

void append_polygon(const OGRPolygon& polygon, geometry::MultiPolygonArray& out) {
  out.begin_part();
  for (const OGRLinearRing* ring : polygon) {
    std::vector<double> xs(static_cast<size_t>(ring->getNumPoints())), ys(xs.size());
    for (int i = 0; i < ring->getNumPoints(); ++i) {
      xs[static_cast<size_t>(i)] = ring->getX(i);
      ys[static_cast<size_t>(i)] = ring->getY(i);
    }
    out.add_ring(xs, ys);
  }
}

}  // namespace

KernLayer read_kernen(const LayerSource& source, const std::string& working_crs, Notes& notes) {
  OgrSource src(source, "kernen");
  src.expect_geometry(wkbPolygon);
  const auto code_field = src.field("code");
  const int name_field = src.required_field("name");
  const auto alias_field = src.field("aliases");
  const auto population_field = src.field("population");

  KernLayer kernen;
  const RecordLabel kern_label = record_labels(src.label(), kernen.code);
  geometry::MultiPolygonArray raw;
  UniqueIds codes(src.label(), "kern code");
  long record = 0;
  while (const auto feature = src.next()) {
    ++record;
    std::string name = src.text(*feature, name_field);
    std::string code = src.text(*feature, code_field);
    if (code.empty()) code = name;
    if (name.empty()) src.fail(ErrorCode::kBadValue, record, code, "kern without a name");
    codes.add(static_cast<size_t>(record - 1), code);
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (geometry == nullptr || geometry->IsEmpty()) {
      src.fail(ErrorCode::kEmptyGeometry, record, code, "kern '" + name + "' has no geometry");
    }
    std::unique_ptr<OGRGeometry> linear(geometry->getLinearGeometry());
    const OGRwkbGeometryType type = wkbFlatten(linear->getGeometryType());
    raw.begin_feature();
    if (type == wkbPolygon) {
      append_polygon(*linear->toPolygon(), raw);
    } else if (type == wkbMultiPolygon) {
      for (const OGRPolygon* part : *linear->toMultiPolygon()) append_polygon(*part, raw);
    } else {
      src.fail(ErrorCode::kWrongGeometryType, record, code,
               std::string("expected a polygon, found ") + OGRGeometryTypeToName(type));
    }
    for (size_t i = raw.vertex_offsets[raw.ring_offsets[raw.part_offsets[raw.size() - 1]]]; i < raw.x.size(); ++i) {
      if (!std::isfinite(raw.x[i]) || !std::isfinite(raw.y[i])) {
        src.fail(ErrorCode::kBadValue, record, code, "polygon vertex is NaN or infinite");
      }
    }
    kernen.code.push_back(code);
    kernen.name.push_back(name);
    kernen.aliases.push_back(split_aliases(src.text(*feature, alias_field)));
    const double population = src.number(*feature, population_field, record, code, "population");
    check_not_negative(population, "population", kern_label, static_cast<size_t>(record - 1));
    kernen.population.push_back(population);
  }
  to_working_crs(src.crs_definition(), working_crs, raw.x, raw.y, vertex_labels(raw, kern_label), kCrsHint);
  kernen.geometry = repair_polygons(raw, kern_label, notes);
  src.take_warnings(notes);
  return kernen;
}

LocationLayer read_locations(const LayerSource& source, const std::string& working_crs, Notes& notes) {
  OgrSource src(source, "locations");
  src.expect_geometry(wkbPoint);
  const auto id_field = src.field("id");
  const auto name_field = src.field("name");
  const auto sbi_field = src.field("sbi");
  const auto area_field = src.field("floor_area_m2");
  const auto status_field = src.field("status");
  const auto since_field = src.field("vacant_since");
  const auto employees_field = src.field("employees");
  const auto function_field = src.field("function");
  const auto snapshot_field = src.field("snapshot_date");
  if (!id_field) notes.push_back(src.label() + ": no id column; records are numbered 1, 2, ... instead");

  LocationLayer out;
  const RecordLabel label = record_labels(src.label(), out.id);
  UniqueIds ids(src.label(), "id");
  SnapshotDate snapshot(src.label());
  long record = 0;
  while (const auto feature = src.next()) {
    ++record;
    const auto index = static_cast<size_t>(record - 1);
    std::string id = id_field ? src.text(*feature, id_field) : std::to_string(record);
    ids.add(index, id);
    double x = 0, y = 0;
    src.point(*feature, record, id, x, y);
    const double area = src.number(*feature, area_field, record, id, "floor_area_m2");
    const double employees = src.number(*feature, employees_field, record, id, "employees");
    out.id.push_back(std::move(id));  // from here on label(index) names the record with its id
    check_not_negative(area, "floor_area_m2", label, index);
    check_not_negative(employees, "employees", label, index);
    snapshot.add(index, out.id.back(),
                 parse_date(src.text(*feature, snapshot_field), "snapshot_date", label, index));
    out.x.push_back(x);
    out.y.push_back(y);
    if (name_field) out.name.push_back(src.text(*feature, name_field));
    if (sbi_field) out.sbi.push_back(src.text(*feature, sbi_field));
    if (area_field) out.floor_area_m2.push_back(area);
    if (status_field) out.status.push_back(parse_status(src.text(*feature, status_field), label, index));
    if (since_field) {
      out.vacant_since.push_back(parse_date(src.text(*feature, since_field), "vacant_since", label, index));
    }
    if (employees_field) out.employees.push_back(employees);
    if (function_field) out.function.push_back(src.text(*feature, function_field));
  }
  out.snapshot_date = snapshot.date();
  to_working_crs(src.crs_definition(), working_crs, out.x, out.y, label, kCrsHint);
  src.take_warnings(notes);
  return out;
}

PopulationLayer read_population(const LayerSource& source, const std::string& working_crs, Notes& notes) {
  OgrSource src(source, "population");
  src.expect_points_or_polygons();
  const int inhabitants_field = src.required_field("inhabitants");
  PopulationLayer out;
  const std::vector<std::string> no_ids;
  const RecordLabel population_label = record_labels(src.label(), no_ids);
  long record = 0;
  while (const auto feature = src.next()) {
    ++record;
    double x = 0, y = 0;
    src.representative_point(*feature, record, "", x, y);
    const double inhabitants = src.number(*feature, inhabitants_field, record, "", "inhabitants");
    check_not_negative(inhabitants, "inhabitants", population_label, static_cast<size_t>(record - 1));
    out.x.push_back(x);
    out.y.push_back(y);
    out.inhabitants.push_back(inhabitants);
  }
  to_working_crs(src.crs_definition(), working_crs, out.x, out.y, population_label, kCrsHint);
  src.take_warnings(notes);
  return out;
}

AnalysisInput read_project(const ProjectConfig& config, Notes& notes, const ProgressCallback& progress) {
  AnalysisInput input;
  input.area_name = config.area_name;
  report_progress(progress, "read kernen", 0.0);
  input.kernen = read_kernen(config.kernen, config.working_crs, notes);
  report_progress(progress, "read locations", 0.0);
  input.locations = read_locations(config.locations, config.working_crs, notes);
  if (config.population) {
    report_progress(progress, "read population", 0.0);
    input.population = read_population(*config.population, config.working_crs, notes);
  }
  for (const Snapshot& snapshot : config.snapshots) {
    report_progress(progress, "read snapshot", 0.0);
    LocationLayer layer = read_locations(snapshot.source, config.working_crs, notes);
    if (snapshot.date != kNoDate) layer.snapshot_date = snapshot.date;
    input.earlier_snapshots.push_back(std::move(layer));
  }
  if (config.roads) input.roads = read_roads(*config.roads, config.working_crs, notes, progress);
  if (config.facilities) {
    report_progress(progress, "read facilities", 0.0);
    input.facilities = read_facilities(*config.facilities, config.working_crs, notes);
  }
  return input;
}

}  // namespace kk::layers
