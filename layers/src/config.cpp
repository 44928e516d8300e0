// TOML configuration loading with strict key checking.
#include "kernkompas/layers/config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/crs.hpp"
#include "kernkompas/layers/facilities.hpp"

#ifndef KK_SOURCE_DATASETS_DIR
#define KK_SOURCE_DATASETS_DIR ""
#endif
#ifndef KK_INSTALL_DATASETS_DIR
#define KK_INSTALL_DATASETS_DIR ""
#endif

namespace kk::layers {

const std::vector<std::string>& kern_field_names() {
  static const std::vector<std::string> names = {"code", "name", "aliases", "population"};
  return names;
}

const std::vector<std::string>& location_field_names() {
  static const std::vector<std::string> names = {
      "id",        "name",      "sbi",      "floor_area_m2", "status",       "vacant_since",
      "employees", "function",  "snapshot_date"};
  return names;
}

const std::vector<std::string>& road_field_names() {
  static const std::vector<std::string> names = {"road_class", "oneway", "id"};
  return names;
}

const std::vector<std::string>& facility_field_names() {
  static const std::vector<std::string> names = {"type", "id", "name"};
  return names;
}

std::map<std::string, double> default_road_speeds() {
  std::map<std::string, double> speeds;
  for (const RoadSpeed& entry : kDefaultRoadSpeeds) speeds.emplace(entry.road_class, entry.kmh);
  return speeds;
}

namespace {

std::string where(const std::filesystem::path& file, const std::string& key) {
  return "config '" + file.string() + "', key '" + key + "'";
}

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& key,
                       const std::string& problem) {
  throw InputError(ErrorCode::kConfig, where(file, key) + ": " + problem);
}

void check_keys(const toml::table& table, const std::set<std::string>& allowed,
                const std::filesystem::path& file, const std::string& prefix) {
  for (const auto& [key, value] : table) {
    const std::string name(key.str());
    if (!allowed.contains(name)) {
      std::string list;
      for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
      fail(file, prefix + name, "unknown key (expected one of: " + list + ")");
    }
  }
}

std::string string_value(const toml::table& table, const std::string& key,
                         const std::filesystem::path& file, const std::string& prefix) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return {};
  if (!node->is_string()) fail(file, prefix + key, "must be a string");
  return node->value<std::string>().value_or("");
}

// `extra_keys`: keys of the section that its caller reads (accepted here, not read).
LayerSource read_source(const toml::table& table, const std::filesystem::path& file,
                        const std::string& section, const std::vector<std::string>& field_names,
                        const std::set<std::string>& extra_keys = {}) {
  const std::string prefix = section + ".";
  if (section == "kernen" || section == "roads") {
    // Kernen and roads come from the layer's own geometry: a coordinate or WKT column would be
    // accepted and then ignored, so it is refused here.
    const std::string what = section == "kernen" ? "kernen are polygons" : "roads are lines";
    const std::string example = section == "kernen" ? "polygon" : "line";
    for (const char* key : {"x", "y", "lon", "lat", "wkt"}) {
      if (table.contains(key)) {
        fail(file, prefix + key,
             what + " read from the layer's own geometry; x/y, lon/lat and wkt columns are "
             "for point layers ([locations], [population], [facilities]); give " + section +
             " as a GeoPackage, GeoJSON, Shapefile or other file with " + example + " geometry");
      }
    }
  }
  std::set<std::string> allowed = {"path", "layer", "crs", "x", "y", "lon", "lat", "wkt", "encoding", "fields"};
  allowed.insert(extra_keys.begin(), extra_keys.end());
  check_keys(table, allowed, file, prefix);
  LayerSource source;
  const std::string path = string_value(table, "path", file, prefix);
  if (path.empty()) fail(file, prefix + "path", "missing: say which file holds this layer");
  source.path = std::filesystem::path(path);
  if (source.path.is_relative()) source.path = file.parent_path() / source.path;
  source.path = source.path.lexically_normal();
  source.layer = string_value(table, "layer", file, prefix);
  source.crs = string_value(table, "crs", file, prefix);
  source.x_column = string_value(table, "x", file, prefix);
  source.y_column = string_value(table, "y", file, prefix);
  source.wkt_column = string_value(table, "wkt", file, prefix);
  source.encoding = string_value(table, "encoding", file, prefix);
  const std::string lon = string_value(table, "lon", file, prefix);
  const std::string lat = string_value(table, "lat", file, prefix);
  if (!lon.empty() || !lat.empty()) {
    if (!source.x_column.empty()) fail(file, prefix + "lon", "give either x/y or lon/lat, not both");
    source.x_column = lon;
    source.y_column = lat;
    // Longitude/latitude columns are WGS84 unless the config says otherwise.
    if (source.crs.empty()) source.crs = "OGC:CRS84";
  }
  if (source.x_column.empty() != source.y_column.empty()) {
    fail(file, prefix + (source.x_column.empty() ? "x" : "y"), "x and y (or lon and lat) come together");
  }
  if (const toml::node* fields = table.get("fields")) {
    if (!fields->is_table()) fail(file, prefix + "fields", "must be a table");
    for (const auto& [key, value] : *fields->as_table()) {
      const std::string name(key.str());
      if (std::find(field_names.begin(), field_names.end(), name) == field_names.end()) {
        std::string list;
        for (const std::string& f : field_names) list += (list.empty() ? "" : ", ") + f;
        fail(file, prefix + "fields." + name, "unknown field (expected one of: " + list + ")");
      }
      if (!value.is_string()) fail(file, prefix + "fields." + name, "must be a column name (string)");
      source.fields[name] = value.value<std::string>().value_or("");
    }
  }
  return source;
}

// A number (integer or real) of `table`, or nullopt when the key is absent.
std::optional<double> number_value(const toml::table& table, const std::string& key,
                                   const std::filesystem::path& file, const std::string& prefix) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_number()) fail(file, prefix + key, "must be a number");
  const double value = node->value<double>().value_or(std::nan(""));
  if (!std::isfinite(value)) fail(file, prefix + key, "must be a finite number");
  return value;
}

const toml::table* sub_table(const toml::table& table, const std::string& key,
                             const std::filesystem::path& file, const std::string& prefix) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return nullptr;
  if (!node->is_table()) fail(file, prefix + key, "must be a table [" + prefix + key + "]");
  return node->as_table();
}

RoadSource read_roads_section(const toml::table& table, const std::filesystem::path& file) {
  const std::string prefix = "roads.";
  RoadSource roads;
  roads.source = read_source(table, file, "roads", road_field_names(),
                             {"format", "split_at_shared_vertices", "node_tolerance_m", "default_speed_kmh", "speeds"});
  roads.format = string_value(table, "format", file, prefix);
  if (roads.format != "" && roads.format != "osm" && roads.format != "nwb" && roads.format != "generic") {
    fail(file, prefix + "format",
         "'" + roads.format + "' is not a road format (expected one of: osm, nwb, generic; or leave it out to "
         "choose from the file)");
  }
  if (const toml::node* split = table.get("split_at_shared_vertices")) {
    if (!split->is_boolean()) fail(file, prefix + "split_at_shared_vertices", "must be true or false");
    roads.split_at_shared_vertices = split->value<bool>().value_or(false);
  }
  if (auto tolerance = number_value(table, "node_tolerance_m", file, prefix)) {
    if (*tolerance < 0) fail(file, prefix + "node_tolerance_m", "must be a distance in metres >= 0");
    roads.node_tolerance_m = *tolerance;
  }
  if (auto speed = number_value(table, "default_speed_kmh", file, prefix)) {
    if (!(*speed > 0)) fail(file, prefix + "default_speed_kmh", "must be a speed in km/h > 0");
    roads.default_speed_kmh = *speed;
  }
  if (const toml::table* speeds = sub_table(table, "speeds", file, prefix)) {
    for (const auto& [key, value] : *speeds) {
      const std::string name(key.str());
      const std::string where = prefix + "speeds." + name;
      if (!value.is_number()) fail(file, where, "must be a speed in km/h (a number; 0 = not a road)");
      const double speed = value.value<double>().value_or(std::nan(""));
      if (!std::isfinite(speed) || speed < 0) fail(file, where, "must be a speed in km/h >= 0 (0 = not a road)");
      roads.speed_kmh[name] = speed;
    }
  }
  return roads;
}

FacilitySource read_facilities_section(const toml::table& table, const std::filesystem::path& file) {
  const std::string prefix = "facilities.";
  FacilitySource facilities;
  facilities.source = read_source(table, file, "facilities", facility_field_names(), {"types"});
  if (const toml::table* types = sub_table(table, "types", file, prefix)) {
    for (const auto& [key, value] : *types) {
      const std::string name(key.str());
      const std::string where = prefix + "types." + name;
      if (!value.is_string()) fail(file, where, "must be a facility type (a string, e.g. \"station\")");
      const std::string type = value.value<std::string>().value_or("");
      const std::optional<std::string> normal = facility_type_name(type);
      if (!normal) fail(file, where, "'" + type + "' is not a facility type: " + std::string(kFacilityTypeRule));
      facilities.types[name] = *normal;
    }
  }
  return facilities;
}

std::optional<Days> date_value(const toml::node& node) {
  if (node.is_string()) return parse_iso_date(node.value<std::string>().value_or(""));
  if (node.is_date()) {
    const toml::date d = *node.value<toml::date>();
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", d.year, d.month, d.day);
    return parse_iso_date(text);
  }
  return std::nullopt;
}

// The TOML node as an option value: integers stay integers, so that the range check sees
// 4294967296 and 1e10 as they are written.
std::optional<OptionValue> option_value(const toml::node& node) {
  if (node.is_integer()) return OptionValue(node.value<int64_t>().value_or(0));
  if (node.is_floating_point()) return OptionValue(node.value<double>().value_or(0.0));
  if (node.is_boolean()) return OptionValue(node.value<bool>().value_or(false));
  if (node.is_string()) return OptionValue(node.value<std::string>().value_or(""));
  if (node.is_date()) {
    const std::optional<Days> days = date_value(node);
    if (days) return OptionValue(format_iso_date(*days));
  }
  return std::nullopt;
}

// One option section: each key is an option of the section or an older
// name of another section's option.
void read_option_section(const toml::table& table, const std::string& section,
                         const std::filesystem::path& file, Settings& settings) {
  for (const auto& [key, node] : table) {
    const std::string name = section + "." + std::string(key.str());
    const FoundOption found = find_option(name);
    if (found.spec == nullptr) {
      std::string list;
      for (const OptionSection& known : option_sections()) {
        if (known.name != section) continue;
        for (const OptionSpec& spec : known.options) list += (list.empty() ? "" : ", ") + std::string(spec.name);
      }
      fail(file, name, "unknown key (expected one of: " + list + ")");
    }
    const std::optional<OptionValue> value = option_value(node);
    try {
      if (!value) throw Error(ErrorCode::kInvalidArgument, "must be " + option_range_text(*found.spec));
      settings.set(found.qualified_name, checked_option_value(*found.spec, *value));
    } catch (const Error& e) {
      fail(file, name, e.what());
    }
  }
}

const toml::table& required_table(const toml::table& root, const std::string& key,
                                  const std::filesystem::path& file) {
  const toml::node* node = root.get(key);
  if (node == nullptr) fail(file, key, "missing section [" + key + "]");
  if (!node->is_table()) fail(file, key, "must be a section [" + key + "]");
  return *node->as_table();
}

}  // namespace

ProjectConfig load_config(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw InputError(ErrorCode::kIo, "config '" + path.string() + "': is a folder, not a config file");
  }
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw InputError(ErrorCode::kIo, "config '" + path.string() + "': no such file");
  }
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  if (!file) throw InputError(ErrorCode::kIo, "config '" + path.string() + "': cannot be read");
  return parse_config(text.str(), path);
}

ProjectConfig parse_config(std::string_view toml_text, const std::filesystem::path& path) {
  toml::table root;
  try {
    root = toml::parse(toml_text, path.string());
  } catch (const toml::parse_error& e) {
    std::ostringstream message;
    message << "config '" << path.string() << "', line " << e.source().begin.line << ": "
            << e.description();
    throw InputError(ErrorCode::kConfig, message.str());
  }
  std::set<std::string> sections = {"analysis", "kernen", "locations", "population", "snapshots", "roads",
                                    "facilities"};
  for (const OptionSection& section : option_sections()) sections.emplace(section.name);
  check_keys(root, sections, path, "");

  ProjectConfig config;
  config.config_path = std::filesystem::absolute(path);
  if (const toml::node* analysis = root.get("analysis")) {
    if (!analysis->is_table()) fail(path, "analysis", "must be a section [analysis]");
    check_keys(*analysis->as_table(), {"working_crs", "name"}, path, "analysis.");
    if (auto crs = string_value(*analysis->as_table(), "working_crs", path, "analysis."); !crs.empty()) {
      config.working_crs = crs;
    }
    try {
      check_working_crs(config.working_crs, "key 'analysis.working_crs'");
    } catch (const InputError& e) {
      throw InputError(ErrorCode::kConfig, "config '" + path.string() + "', " + e.what());
    }
    if (auto name = string_value(*analysis->as_table(), "name", path, "analysis."); !name.empty()) {
      config.area_name = name;
    }
  }
  for (const OptionSection& section : option_sections()) {
    const std::string name(section.name);
    if (const toml::node* node = root.get(name)) {
      if (!node->is_table()) fail(path, name, "must be a section [" + name + "]");
      read_option_section(*node->as_table(), name, path, config.settings);
    }
  }
  config.kernen = read_source(required_table(root, "kernen", path), path, "kernen", kern_field_names());
  config.locations =
      read_source(required_table(root, "locations", path), path, "locations", location_field_names());
  if (root.get("population") != nullptr) {
    config.population = read_source(required_table(root, "population", path), path, "population",
                                    {"inhabitants"});
  }
  if (root.get("roads") != nullptr) config.roads = read_roads_section(required_table(root, "roads", path), path);
  if (root.get("facilities") != nullptr) {
    config.facilities = read_facilities_section(required_table(root, "facilities", path), path);
  }
  if (const toml::node* snapshots = root.get("snapshots")) {
    const toml::array* list = snapshots->as_array();
    if (list == nullptr) fail(path, "snapshots", "must be an array of tables [[snapshots]]");
    for (size_t i = 0; i < list->size(); ++i) {
      const toml::table* entry = list->get(i)->as_table();
      const std::string key = "snapshots[" + std::to_string(i) + "]";
      if (entry == nullptr) fail(path, key, "must be a table");
      toml::table copy = *entry;
      Snapshot snapshot;
      if (const toml::node* date = copy.get("date")) {
        const std::optional<Days> days = date_value(*date);
        if (!days) fail(path, key + ".date", "must be a date YYYY-MM-DD");
        snapshot.date = *days;
        copy.erase("date");
      }
      // Snapshots share the locations' mapping unless they give their own.
      snapshot.source = read_source(copy, path, key, location_field_names());
      if (copy.get("fields") == nullptr) snapshot.source.fields = config.locations.fields;
      if (snapshot.source.x_column.empty() && snapshot.source.wkt_column.empty()) {
        snapshot.source.x_column = config.locations.x_column;
        snapshot.source.y_column = config.locations.y_column;
        snapshot.source.wkt_column = config.locations.wkt_column;
      }
      if (snapshot.source.crs.empty()) snapshot.source.crs = config.locations.crs;
      if (snapshot.source.encoding.empty()) snapshot.source.encoding = config.locations.encoding;
      config.snapshots.push_back(std::move(snapshot));
    }
  }
  return config;
}

std::filesystem::path default_config_path() {
  const std::filesystem::path relative = std::filesystem::path("wijdemeren") / "kernkompas.toml";
  std::vector<std::filesystem::path> candidates;
  if (const char* env = std::getenv("KERNKOMPAS_DATA"); env != nullptr && *env != '\0') {
    candidates.emplace_back(std::filesystem::path(env) / relative);
  }
  if (*KK_INSTALL_DATASETS_DIR != '\0') candidates.emplace_back(std::filesystem::path(KK_INSTALL_DATASETS_DIR) / relative);
  if (*KK_SOURCE_DATASETS_DIR != '\0') candidates.emplace_back(std::filesystem::path(KK_SOURCE_DATASETS_DIR) / relative);
  std::error_code ec;
  for (const auto& candidate : candidates) {
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
  }
  std::string tried;
  for (const auto& c : candidates) tried += " '" + c.string() + "'";
  throw InputError(ErrorCode::kIo, "the embedded Wijdemeren data was not found (tried" + tried +
                                       "); set KERNKOMPAS_DATA to the datasets folder");
}

}  // namespace kk::layers
