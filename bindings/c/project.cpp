// C API: projects — read from a configuration, or built from the caller's arrays.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_map>

#include "capi_internal.hpp"
#include "kernkompas/core/date.hpp"
#include "kernkompas/layers/config.hpp"
#include "kernkompas/layers/crs.hpp"
#include "kernkompas/layers/validate.hpp"
#include "wkb.hpp"

namespace kk::capi {
namespace {

[[noreturn]] void fail(ErrorCode code, const std::string& message) { throw Error(code, message); }

// Element i of a strided array (stride 0 = packed); memcpy because a stride need not keep
// the element aligned.
template <class T>
T strided(const void* base, size_t stride_bytes, size_t i) {
  const size_t stride = stride_bytes == 0 ? sizeof(T) : stride_bytes;
  T value;
  std::memcpy(&value, static_cast<const unsigned char*>(base) + i * stride, sizeof(T));
  return value;
}

std::string text_or_empty(const char* const* values, size_t i) {
  return values == nullptr || values[i] == nullptr ? std::string() : std::string(values[i]);
}

std::string known_list(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
  return list;
}

[[noreturn]] void unknown_field(const char* layer, const std::string& field,
                                const std::vector<std::string>& known) {
  fail(ErrorCode::kInvalidArgument, std::string("unknown ") + layer + " field '" + field +
                                        "' here (expected one of: " + known_list(known) + ")");
}

void check_count(const char* layer, size_t expected, size_t count) {
  if (count != expected) {
    fail(ErrorCode::kInvalidArgument, "count is " + std::to_string(count) + " but the project has " +
                                          std::to_string(expected) + " " + layer);
  }
}

std::string kern_label(size_t index, const std::string& name) {
  return "kern at index " + std::to_string(index) + (name.empty() ? "" : " ('" + name + "')");
}

layers::RecordLabel kern_labels(const KernLayer& kernen) {
  return [&kernen](size_t index) {
    return kern_label(index, index < kernen.name.size() ? kernen.name[index] : std::string());
  };
}

std::string location_label(const LocationLayer& locations, size_t index) {
  std::string label = "location at index " + std::to_string(index);
  if (index < locations.id.size()) label += " (id '" + locations.id[index] + "')";
  return label;
}

// Where a wrong CRS of the caller's arrays comes from, for kCrsImplausible messages.
constexpr std::string_view kCrsHint = "crs";

// The `crs` argument of the layer setters: NULL or "" means the working CRS.
std::string source_crs(const char* crs, const std::string& working_crs) {
  return crs == nullptr || *crs == '\0' ? working_crs : std::string(crs);
}

std::unique_ptr<kk_project> read_config(const std::filesystem::path& path,
                                        const kk_options* options) {
  const layers::ProjectConfig config = layers::load_config(path);
  auto project = std::make_unique<kk_project>();
  *project->input = layers::read_project(config, project->notes, progress_of(options));
  project->working_crs = config.working_crs;
  project->settings = config.settings;
  project->has_kernen = true;
  project->has_locations = true;
  return project;
}

void require_kernen(const kk_project& project) {
  if (!project.has_kernen) {
    fail(ErrorCode::kApiMisuse, "the project has no kernen yet: call kk_project_set_kernen_wkb first");
  }
}

void require_locations(const kk_project& project) {
  if (!project.has_locations) {
    fail(ErrorCode::kApiMisuse,
         "the project has no locations yet: call kk_project_set_locations_xy first");
  }
}

}  // namespace
}  // namespace kk::capi

using kk::ErrorCode;
using kk::capi::fail;
using kk::capi::guard;
using kk::capi::read_value;
using kk::capi::require;

extern "C" {

kk_status kk_project_open_default(kk_context* ctx, const kk_options* options, kk_project** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(out, "out");
    *out = kk::capi::read_config(kk::layers::default_config_path(), options).release();
  });
}

kk_status kk_project_open_config(kk_context* ctx, const char* config_path,
                                 const kk_options* options, kk_project** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(config_path, "config_path");
    require(out, "out");
    *out = kk::capi::read_config(std::filesystem::path(config_path), options).release();
  });
}

kk_status kk_project_create(kk_context* ctx, const char* area_name, const char* working_crs,
                            kk_project** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(out, "out");
    auto project = std::make_unique<kk_project>();
    if (working_crs != nullptr && *working_crs != '\0') project->working_crs = working_crs;
    // Fails now, naming the CRS, rather than at the first layer: PROJ must understand it, and
    // it must be projected in metres.
    kk::layers::check_working_crs(project->working_crs, "working_crs");
    project->input->area_name = area_name == nullptr ? "" : area_name;
    *out = project.release();
  });
}

kk_status kk_project_set_kernen_wkb(kk_context* ctx, kk_project* project, size_t count,
                                    const unsigned char* const* wkb, const size_t* wkb_size_bytes,
                                    const char* const* names, const char* const* codes,
                                    const char* crs) {
  return guard(ctx, __func__, [&] {
    require(project, "project");
    if (count > 0) {
      require(wkb, "wkb");
      require(wkb_size_bytes, "wkb_size_bytes");
      require(names, "names");
    }
    kk::KernLayer kernen;
    kk::geometry::MultiPolygonArray raw;
    std::unordered_map<std::string, size_t> seen;
    for (size_t i = 0; i < count; ++i) {
      std::string name = kk::capi::text_or_empty(names, i);
      std::string code = kk::capi::text_or_empty(codes, i);
      if (name.empty()) fail(ErrorCode::kBadValue, kk::capi::kern_label(i, code) + ": empty name");
      if (code.empty()) code = name;
      if (auto [it, fresh] = seen.emplace(code, i); !fresh) {
        fail(ErrorCode::kDuplicateId, kk::capi::kern_label(i, name) + ": code '" + code +
                                          "' already used by the kern at index " +
                                          std::to_string(it->second));
      }
      if (wkb[i] == nullptr) {
        fail(ErrorCode::kApiMisuse, kk::capi::kern_label(i, name) + ": wkb pointer is NULL");
      }
      try {
        kk::capi::append_wkb_polygonal(wkb[i], wkb_size_bytes[i], raw);
      } catch (const kk::Error& e) {
        fail(e.code(), kk::capi::kern_label(i, name) + ": " + e.what());
      }
      kernen.code.push_back(std::move(code));
      kernen.name.push_back(std::move(name));
    }
    kernen.aliases.assign(count, {});
    kernen.population.assign(count, std::numeric_limits<double>::quiet_NaN());
    const kk::layers::RecordLabel label = kk::capi::kern_labels(kernen);
    kk::layers::to_working_crs(kk::capi::source_crs(crs, project->working_crs), project->working_crs, raw.x,
                               raw.y, kk::layers::vertex_labels(raw, label), kk::capi::kCrsHint);
    kk::layers::Notes notes = project->notes;
    kernen.geometry = kk::layers::repair_polygons(raw, label, notes);
    kk::AnalysisInput& input = project->mutable_input();
    input.kernen = std::move(kernen);
    project->notes = std::move(notes);
    project->has_kernen = true;
  });
}

kk_status kk_project_set_kern_real(kk_context* ctx, kk_project* project, const char* field,
                                   const double* values, size_t stride_bytes, size_t count) {
  return guard(ctx, __func__, [&] {
    require(project, "project");
    require(field, "field");
    if (count > 0) require(values, "values");
    kk::capi::require_kernen(*project);
    if (std::strcmp(field, "population") != 0) kk::capi::unknown_field("kern real", field, {"population"});
    const kk::KernLayer& kernen = project->input->kernen;
    kk::capi::check_count("kernen", kernen.size(), count);
    std::vector<double> population(count);
    for (size_t i = 0; i < count; ++i) {
      population[i] = kk::capi::strided<double>(values, stride_bytes, i);
      kk::layers::check_not_negative(population[i], "population",
                                     [&](size_t k) { return kk::capi::kern_label(k, kernen.name[k]); }, i);
    }
    project->mutable_input().kernen.population = std::move(population);
  });
}

kk_status kk_project_set_kern_text(kk_context* ctx, kk_project* project, const char* field,
                                   const char* const* values, size_t count) {
  return guard(ctx, __func__, [&] {
    require(project, "project");
    require(field, "field");
    if (count > 0) require(values, "values");
    kk::capi::require_kernen(*project);
    if (std::strcmp(field, "aliases") != 0) kk::capi::unknown_field("kern text", field, {"aliases"});
    kk::capi::check_count("kernen", project->input->kernen.size(), count);
    std::vector<std::vector<std::string>> aliases(count);
    for (size_t i = 0; i < count; ++i) {
      // Only ';' separates here (the header promises it): names may hold ',' and '|'.
      aliases[i] = kk::layers::split_aliases(kk::capi::text_or_empty(values, i), ";");
    }
    project->mutable_input().kernen.aliases = std::move(aliases);
  });
}

kk_status kk_project_set_locations_xy(kk_context* ctx, kk_project* project, size_t count,
                                      const double* x, size_t x_stride_bytes, const double* y,
                                      size_t y_stride_bytes, const char* crs) {
  return guard(ctx, __func__, [&] {
    require(project, "project");
    if (count > 0) {
      require(x, "x");
      require(y, "y");
    }
    kk::LocationLayer locations;
    locations.snapshot_date = project->input->locations.snapshot_date;
    locations.x.resize(count);
    locations.y.resize(count);
    locations.id.resize(count);
    for (size_t i = 0; i < count; ++i) {
      locations.x[i] = kk::capi::strided<double>(x, x_stride_bytes, i);
      locations.y[i] = kk::capi::strided<double>(y, y_stride_bytes, i);
      locations.id[i] = std::to_string(i + 1);
      if (!std::isfinite(locations.x[i]) || !std::isfinite(locations.y[i])) {
        fail(ErrorCode::kBadValue,
             kk::capi::location_label(locations, i) + ": coordinate is NaN or infinite");
      }
    }
    kk::layers::to_working_crs(kk::capi::source_crs(crs, project->working_crs), project->working_crs,
                               locations.x, locations.y,
                               [&](size_t i) { return kk::capi::location_label(locations, i); },
                               kk::capi::kCrsHint);
    project->mutable_input().locations = std::move(locations);
    project->has_locations = true;
  });
}

kk_status kk_project_set_location_real(kk_context* ctx, kk_project* project, const char* field,
                                       const double* values, size_t stride_bytes, size_t count) {
  return guard(ctx, __func__, [&] {
    require(project, "project");
    require(field, "field");
    if (count > 0) require(values, "values");
    kk::capi::require_locations(*project);
    const std::string name(field);
    if (name != "floor_area_m2" && name != "employees") {
      kk::capi::unknown_field("location real", name, {"floor_area_m2", "employees"});
    }
    const kk::LocationLayer& locations = project->input->locations;
    kk::capi::check_count("locations", locations.size(), count);
    std::vector<double> column(count);
    for (size_t i = 0; i < count; ++i) {
      column[i] = kk::capi::strided<double>(values, stride_bytes, i);
      kk::layers::check_not_negative(column[i], name,
                                     [&](size_t k) { return kk::capi::location_label(locations, k); }, i);
    }
    kk::LocationLayer& target = project->mutable_input().locations;
    (name == "floor_area_m2" ? target.floor_area_m2 : target.employees) = std::move(column);
  });
}

kk_status kk_project_set_location_integer(kk_context* ctx, kk_project* project, const char* field,
                                          const int32_t* values, size_t stride_bytes, size_t count) {
  return guard(ctx, __func__, [&] {
    require(project, "project");
    require(field, "field");
    if (count > 0) require(values, "values");
    kk::capi::require_locations(*project);
    if (std::strcmp(field, "status") != 0) kk::capi::unknown_field("location integer", field, {"status"});
    const kk::LocationLayer& locations = project->input->locations;
    kk::capi::check_count("locations", locations.size(), count);
    std::vector<kk::OccupancyStatus> status(count);
    for (size_t i = 0; i < count; ++i) {
      const int32_t code = kk::capi::strided<int32_t>(values, stride_bytes, i);
      if (code < KK_OCCUPANCY_UNKNOWN || code > KK_OCCUPANCY_VACANT) {
        fail(ErrorCode::kBadValue, kk::capi::location_label(locations, i) + ": status " +
                                       std::to_string(code) +
                                       " is not KK_OCCUPANCY_UNKNOWN (0), _OCCUPIED (1) or _VACANT (2)");
      }
      status[i] = static_cast<kk::OccupancyStatus>(code);
    }
    project->mutable_input().locations.status = std::move(status);
  });
}

kk_status kk_project_set_location_text(kk_context* ctx, kk_project* project, const char* field,
                                       const char* const* values, size_t count) {
  return guard(ctx, __func__, [&] {
    require(project, "project");
    require(field, "field");
    if (count > 0) require(values, "values");
    kk::capi::require_locations(*project);
    const std::string name(field);
    const kk::LocationLayer& locations = project->input->locations;
    static const std::vector<std::string> kFields = {"id", "name", "sbi", "function", "vacant_since"};
    if (std::find(kFields.begin(), kFields.end(), name) == kFields.end()) {
      kk::capi::unknown_field("location text", name, kFields);
    }
    kk::capi::check_count("locations", locations.size(), count);
    std::vector<std::string> texts(count);
    for (size_t i = 0; i < count; ++i) texts[i] = kk::capi::text_or_empty(values, i);

    if (name == "vacant_since") {
      const kk::layers::RecordLabel label = [&](size_t i) { return kk::capi::location_label(locations, i); };
      std::vector<kk::Days> dates(count);
      for (size_t i = 0; i < count; ++i) dates[i] = kk::layers::parse_date(texts[i], "vacant_since", label, i);
      project->mutable_input().locations.vacant_since = std::move(dates);
      return;
    }
    if (name == "id") {
      std::unordered_map<std::string, size_t> seen;
      for (size_t i = 0; i < count; ++i) {
        if (texts[i].empty()) {
          fail(ErrorCode::kBadValue, "location at index " + std::to_string(i) + ": empty id");
        }
        if (auto [it, fresh] = seen.emplace(texts[i], i); !fresh) {
          fail(ErrorCode::kDuplicateId, "location at index " + std::to_string(i) + ": id '" +
                                            texts[i] + "' already used at index " +
                                            std::to_string(it->second));
        }
      }
    }
    kk::LocationLayer& target = project->mutable_input().locations;
    if (name == "id") target.id = std::move(texts);
    if (name == "name") target.name = std::move(texts);
    if (name == "sbi") target.sbi = std::move(texts);
    if (name == "function") target.function = std::move(texts);
  });
}

kk_status kk_project_set_snapshot_date(kk_context* ctx, kk_project* project, const char* iso_date) {
  return guard(ctx, __func__, [&] {
    require(project, "project");
    kk::Days date = kk::kNoDate;
    if (iso_date != nullptr && *iso_date != '\0') {
      const auto parsed = kk::parse_iso_date(iso_date);
      if (!parsed) {
        fail(ErrorCode::kBadValue,
             std::string("snapshot date '") + iso_date + "' is not a date YYYY-MM-DD");
      }
      date = *parsed;
    }
    project->mutable_input().locations.snapshot_date = date;
  });
}

kk_status kk_project_kern_count(kk_context* ctx, const kk_project* project, size_t* out) {
  return read_value(ctx, __func__, project, "project", out, [&] {
    return project->input->kernen.size();
  });
}

kk_status kk_project_location_count(kk_context* ctx, const kk_project* project, size_t* out) {
  return read_value(ctx, __func__, project, "project", out, [&] {
    return project->input->locations.size();
  });
}

kk_status kk_project_area_name(kk_context* ctx, const kk_project* project, const char** out) {
  return read_value(ctx, __func__, project, "project", out, [&] {
    return project->input->area_name.c_str();
  });
}

kk_status kk_project_working_crs(kk_context* ctx, const kk_project* project, const char** out) {
  return read_value(ctx, __func__, project, "project", out, [&] {
    return project->working_crs.c_str();
  });
}

kk_status kk_project_note_count(kk_context* ctx, const kk_project* project, size_t* out) {
  return read_value(ctx, __func__, project, "project", out, [&] {
    return project->notes.size();
  });
}

kk_status kk_project_note(kk_context* ctx, const kk_project* project, size_t index,
                          const char** out) {
  return read_value(ctx, __func__, project, "project", out, [&] {
    if (index >= project->notes.size()) {
      fail(ErrorCode::kInvalidArgument, "note index " + std::to_string(index) + " out of range (" +
                                            std::to_string(project->notes.size()) + " notes)");
    }
    return project->notes[index].c_str();
  });
}

void kk_project_destroy(kk_project* project) { delete project; }

}  // extern "C"
