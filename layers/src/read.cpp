// Readers for kernen, locations and population.
#include "kernkompas/layers/read.hpp"

#include <cmath>
#include <unordered_map>

#include "kernkompas/geometry/repair.hpp"
#include "kernkompas/layers/crs.hpp"
#include "ogr_source.hpp"

namespace kk::layers {
namespace {

using detail::OgrSource;

std::vector<std::string> split_aliases(const std::string& text) {
  std::vector<std::string> aliases;
  std::string current;
  for (char c : text + ";") {
    if (c == ';' || c == ',' || c == '|') {
      const auto first = current.find_first_not_of(' ');
      if (first != std::string::npos) aliases.push_back(current.substr(first, current.find_last_not_of(' ') - first + 1));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  return aliases;
}

OccupancyStatus parse_status(const std::string& raw, const OgrSource& src, long record, const std::string& id) {
  std::string s;
  for (char c : raw) s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (s.empty()) return OccupancyStatus::kUnknown;
  if (s == "occupied" || s == "bezet" || s == "in gebruik" || s == "in_gebruik" || s == "active") {
    return OccupancyStatus::kOccupied;
  }
  if (s == "vacant" || s == "leeg" || s == "leegstaand" || s == "leegstand" || s == "empty") {
    return OccupancyStatus::kVacant;
  }
  src.fail(ErrorCode::kBadValue, record, id,
           "status '" + raw + "' is not one of occupied/bezet/in gebruik or vacant/leeg/leegstaand");
}

// Transforms points to the working CRS after checking they are plausible for their CRS.
void to_working_crs(const OgrSource& src, const std::vector<std::string>& ids, std::vector<double>& x,
                    std::vector<double>& y, const std::string& working_crs) {
  const std::string definition = src.crs_definition();
  const CrsTransform transform(definition, working_crs);
  if (const long bad = transform.first_implausible(x, y); bad >= 0) {
    src.fail(ErrorCode::kCrsImplausible, bad + 1, ids.empty() ? "" : ids[bad],
             "coordinates (" + std::to_string(x[bad]) + ", " + std::to_string(y[bad]) +
                 ") are implausible for " + transform.source_name() +
                 " (outside the area where it is used; lon/lat given as projected metres, or the "
                 "wrong crs in the config?)");
  }
  if (const long bad = transform.transform(x, y); bad >= 0) {
    src.fail(ErrorCode::kCrsTransform, bad + 1, ids.empty() ? "" : ids[bad],
             "cannot transform to " + transform.target_name());
  }
}

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
  geometry::MultiPolygonArray raw;
  std::unordered_map<std::string, long> seen;
  long record = 0;
  for (auto& feature : src.layer()) {
    ++record;
    std::string name = OgrSource::text(*feature, name_field);
    std::string code = OgrSource::text(*feature, code_field);
    if (code.empty()) code = name;
    if (name.empty()) src.fail(ErrorCode::kBadValue, record, code, "kern without a name");
    if (auto [it, fresh] = seen.emplace(code, record); !fresh) {
      src.fail(ErrorCode::kDuplicateId, record, code,
               "kern code already used by record " + std::to_string(it->second));
    }
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
    kernen.aliases.push_back(split_aliases(OgrSource::text(*feature, alias_field)));
    kernen.population.push_back(src.number(*feature, population_field, record, code, "population"));
  }
  to_working_crs(src, kernen.code, raw.x, raw.y, working_crs);
  std::vector<geometry::RepairReport> repairs;
  try {
    kernen.geometry = geometry::make_valid(raw, repairs);
  } catch (const InputError& e) {
    const size_t bad = repairs.empty() ? 0 : repairs.back().feature;
    src.fail(ErrorCode::kInvalidGeometry, static_cast<long>(bad) + 1, kernen.code[bad], e.what());
  }
  for (const auto& repair : repairs) {
    notes.push_back(src.record_label(static_cast<long>(repair.feature) + 1, kernen.code[repair.feature]) +
                    ": invalid polygon (" + repair.reason + ") repaired with GEOS MakeValid");
  }
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
  std::unordered_map<std::string, long> seen;
  long record = 0;
  long snapshot_record = 0;
  for (auto& feature : src.layer()) {
    ++record;
    std::string id = id_field ? OgrSource::text(*feature, id_field) : std::to_string(record);
    if (id.empty()) src.fail(ErrorCode::kBadValue, record, "", "empty id");
    if (auto [it, fresh] = seen.emplace(id, record); !fresh) {
      src.fail(ErrorCode::kDuplicateId, record, id, "id already used by record " + std::to_string(it->second));
    }
    double x = 0, y = 0;
    src.point(*feature, record, id, x, y);
    const double area = src.number(*feature, area_field, record, id, "floor_area_m2");
    if (area < 0.0) src.fail(ErrorCode::kBadValue, record, id, "floor_area_m2 is negative");
    const double employees = src.number(*feature, employees_field, record, id, "employees");
    if (employees < 0.0) src.fail(ErrorCode::kBadValue, record, id, "employees is negative");
    const Days snapshot = src.date(*feature, snapshot_field, record, id, "snapshot_date");
    if (snapshot != kNoDate) {
      if (out.snapshot_date != kNoDate && snapshot != out.snapshot_date) {
        src.fail(ErrorCode::kBadValue, record, id,
                 "snapshot_date " + format_iso_date(snapshot) + " differs from " +
                     format_iso_date(out.snapshot_date) + " at record " + std::to_string(snapshot_record) +
                     "; one file holds one snapshot");
      }
      out.snapshot_date = snapshot;
      snapshot_record = record;
    }
    out.id.push_back(std::move(id));
    out.x.push_back(x);
    out.y.push_back(y);
    if (name_field) out.name.push_back(OgrSource::text(*feature, name_field));
    if (sbi_field) out.sbi.push_back(OgrSource::text(*feature, sbi_field));
    if (area_field) out.floor_area_m2.push_back(area);
    if (status_field) out.status.push_back(parse_status(OgrSource::text(*feature, status_field), src, record, out.id.back()));
    if (since_field) out.vacant_since.push_back(src.date(*feature, since_field, record, out.id.back(), "vacant_since"));
    if (employees_field) out.employees.push_back(employees);
    if (function_field) out.function.push_back(OgrSource::text(*feature, function_field));
  }
  to_working_crs(src, out.id, out.x, out.y, working_crs);
  return out;
}

PopulationLayer read_population(const LayerSource& source, const std::string& working_crs, Notes&) {
  OgrSource src(source, "population");
  src.expect_geometry(wkbPoint);
  const int inhabitants_field = src.required_field("inhabitants");
  PopulationLayer out;
  long record = 0;
  for (auto& feature : src.layer()) {
    ++record;
    double x = 0, y = 0;
    src.point(*feature, record, "", x, y);
    const double inhabitants = src.number(*feature, inhabitants_field, record, "", "inhabitants");
    if (inhabitants < 0.0) src.fail(ErrorCode::kBadValue, record, "", "inhabitants is negative");
    out.x.push_back(x);
    out.y.push_back(y);
    out.inhabitants.push_back(inhabitants);
  }
  to_working_crs(src, {}, out.x, out.y, working_crs);
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
  return input;
}

}  // namespace kk::layers
