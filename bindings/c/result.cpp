// C API: running an analysis and reading its result tables by name.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "capi_internal.hpp"
#include "wkb.hpp"
#include "kernkompas/layers/write.hpp"

namespace kk::capi {
namespace {

[[noreturn]] void fail(ErrorCode code, const std::string& message) { throw Error(code, message); }

const char* type_name(ColumnType type) {
  switch (type) {
    case ColumnType::kInteger: return "integer";
    case ColumnType::kReal: return "real";
    case ColumnType::kText: return "text";
  }
  return "unknown";
}

const Table& table_of(const kk_result& result, const char* table) {
  require(table, "table");
  if (const Table* found = result.result.find_table(table)) return *found;
  std::string list;
  for (const NamedTable& named : result.result.tables) list += (list.empty() ? "" : ", ") + named.name;
  fail(ErrorCode::kInvalidArgument, std::string("no result table named '") + table +
                                        "' (tables: " + list + ")");
}

const NamedTable& named_of(const kk_result& result, const char* table) {
  table_of(result, table);  // the error message with the list of tables
  return *result.result.find_named(table);
}

const Raster& raster_of(const kk_result& result, const char* raster) {
  require(raster, "raster");
  if (const Raster* found = result.result.find_raster(raster)) return *found;
  std::string list;
  for (const Raster& r : result.result.rasters) list += (list.empty() ? "" : ", ") + r.name;
  fail(ErrorCode::kInvalidArgument, std::string("no raster named '") + raster + "' (rasters: " +
                                        (list.empty() ? "none" : list) + ")");
}

const Column& column_of(const kk_result& result, const char* table, const char* column) {
  const Table& found = table_of(result, table);
  require(column, "column");
  if (const Column* c = found.find(column)) return *c;
  fail(ErrorCode::kInvalidArgument,
       std::string("table '") + table + "' has no column named '" + column + "'");
}

void require_type(const Column& column, ColumnType wanted, const char* alternative) {
  if (column.type != wanted) {
    fail(ErrorCode::kInvalidArgument, "column '" + column.name + "' is " + type_name(column.type) +
                                          ", not " + type_name(wanted) + alternative);
  }
}

void check_capacity(size_t needed, size_t capacity, const char* unit = "values") {
  if (capacity < needed) {
    fail(ErrorCode::kInvalidArgument, "buffer holds " + std::to_string(capacity) + " " + unit +
                                          " but " + std::to_string(needed) + " are needed");
  }
}

void check_index(const char* what, size_t index, size_t size) {
  if (index >= size) {
    fail(ErrorCode::kInvalidArgument, std::string(what) + " " + std::to_string(index) +
                                          " out of range (size " + std::to_string(size) + ")");
  }
}

const NamedTable& named_table_of(const kk_result& result, const char* table) {
  const Table& found = table_of(result, table);
  for (const NamedTable& named : result.result.tables) {
    if (&named.table == &found) return named;
  }
  fail(ErrorCode::kInternal, std::string("table '") + table + "' vanished");
}

// Geometry of one row of a table that has geometry.
const geometry::MultiPolygonArray& geometry_of(const kk_result& result, const char* table, size_t row) {
  const NamedTable& named = named_table_of(result, table);
  if (!named.geometry) {
    fail(ErrorCode::kInvalidArgument, std::string("table '") + table + "' has no geometry");
  }
  check_index("row", row, named.geometry->size());
  return *named.geometry;
}

// A C string for the engine's name of the area outside every kern.
constexpr char kBuitengebiedText[] = "buitengebied";
static_assert(kBuitengebiedName == kBuitengebiedText);

// Name or code of kern `kern`, where kern == kernen.size() is buitengebied.
const char* kern_text(const kk_result& result, size_t kern, bool code) {
  const KernLayer& kernen = result.input->kernen;
  check_index("kern", kern, kernen.size() + 1);
  if (kern == kernen.size()) return kBuitengebiedText;
  return (code ? kernen.code[kern] : kernen.name[kern]).c_str();
}

// Zero-copy view of a numeric column: *out points into the result (NULL when empty).
template <typename T>
kk_status column_data(kk_context* ctx, const char* function, const kk_result* result, const char* table,
                      const char* column, ColumnType type, std::vector<T> Column::*values,
                      const char* type_hint, const T** out, size_t* count) {
  if (out != nullptr) *out = nullptr;
  if (count != nullptr) *count = 0;
  return guard(ctx, function, [&] {
    require(result, "result");
    require(out, "out");
    require(count, "count");
    const Column& found = column_of(*result, table, column);
    require_type(found, type, type_hint);
    const std::vector<T>& data = found.*values;
    *out = data.empty() ? nullptr : data.data();
    *count = data.size();
  });
}

}  // namespace
}  // namespace kk::capi

using kk::ErrorCode;
using kk::capi::fail;
using kk::capi::guard;
using kk::capi::read_value;
using kk::capi::require;

extern "C" {

kk_status kk_analysis_run(kk_context* ctx, const kk_project* project, const kk_options* options,
                          kk_result** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(project, "project");
    require(out, "out");
    if (!project->has_kernen) {
      fail(ErrorCode::kApiMisuse,
           "the project has no kernen: call kk_project_set_kernen_wkb before running");
    }
    if (!project->has_locations) {
      fail(ErrorCode::kApiMisuse,
           "the project has no locations: call kk_project_set_locations_xy before running");
    }
    const kk::AnalysisOptions analysis_options = kk::capi::analysis_options(*project, options);
    auto result = std::make_unique<kk_result>();
    result->input = project->input;
    result->working_crs = project->working_crs;
    result->result = kk::run_analysis(*result->input, analysis_options);
    *out = result.release();
  });
}

void kk_result_destroy(kk_result* result) { delete result; }

kk_status kk_result_location_count(kk_context* ctx, const kk_result* result, size_t* out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    return result->result.assignment.kern.size();
  });
}

kk_status kk_result_location_id(kk_context* ctx, const kk_result* result, size_t index,
                                const char** out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    const std::vector<std::string>& ids = result->input->locations.id;
    kk::capi::check_index("location", index, ids.size());
    return ids[index].c_str();
  });
}

kk_status kk_result_kern_count(kk_context* ctx, const kk_result* result, size_t* out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    return result->input->kernen.size();
  });
}

kk_status kk_result_kern_name(kk_context* ctx, const kk_result* result, size_t kern,
                              const char** out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    return kk::capi::kern_text(*result, kern, false);
  });
}

kk_status kk_result_kern_code(kk_context* ctx, const kk_result* result, size_t kern,
                              const char** out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    return kk::capi::kern_text(*result, kern, true);
  });
}

kk_status kk_result_location_kern_index(kk_context* ctx, const kk_result* result, int32_t* out,
                                        size_t capacity) {
  return guard(ctx, __func__, [&] {
    require(result, "result");
    const std::vector<int32_t>& kern = result->result.assignment.kern;
    if (!kern.empty()) require(out, "out");
    kk::capi::check_capacity(kern.size(), capacity);
    std::copy(kern.begin(), kern.end(), out);
  });
}

kk_status kk_result_location_kern_index_data(kk_context* ctx, const kk_result* result,
                                             const int32_t** out, size_t* count) {
  if (out != nullptr) *out = nullptr;
  if (count != nullptr) *count = 0;
  return guard(ctx, __func__, [&] {
    require(result, "result");
    require(out, "out");
    require(count, "count");
    const std::vector<int32_t>& kern = result->result.assignment.kern;
    *out = kern.empty() ? nullptr : kern.data();
    *count = kern.size();
  });
}

kk_status kk_result_table_count(kk_context* ctx, const kk_result* result, size_t* out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    return result->result.tables.size();
  });
}

kk_status kk_result_table_name(kk_context* ctx, const kk_result* result, size_t index,
                               const char** out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    kk::capi::check_index("table", index, result->result.tables.size());
    return result->result.tables[index].name.c_str();
  });
}

kk_status kk_result_row_count(kk_context* ctx, const kk_result* result, const char* table,
                              size_t* out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    return kk::capi::table_of(*result, table).row_count();
  });
}

kk_status kk_result_column_count(kk_context* ctx, const kk_result* result, const char* table,
                                 size_t* out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    return kk::capi::table_of(*result, table).columns().size();
  });
}

kk_status kk_result_column_name(kk_context* ctx, const kk_result* result, const char* table,
                                size_t index, const char** out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    const kk::Table& found = kk::capi::table_of(*result, table);
    kk::capi::check_index("column", index, found.columns().size());
    return found.columns()[index].name.c_str();
  });
}

kk_status kk_result_column_type(kk_context* ctx, const kk_result* result, const char* table,
                                const char* column, kk_column_type* out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    return static_cast<kk_column_type>(kk::capi::column_of(*result, table, column).type);
  });
}

kk_status kk_result_column_unit(kk_context* ctx, const kk_result* result, const char* table,
                                const char* column, const char** out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    return kk::capi::column_of(*result, table, column).unit.c_str();
  });
}

kk_status kk_result_column_description(kk_context* ctx, const kk_result* result,
                                       const char* table, const char* column, const char** out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    return kk::capi::column_of(*result, table, column).description.c_str();
  });
}

kk_status kk_result_real_column(kk_context* ctx, const kk_result* result, const char* table,
                                const char* column, double* out, size_t capacity) {
  return guard(ctx, __func__, [&] {
    require(result, "result");
    const kk::Column& found = kk::capi::column_of(*result, table, column);
    if (found.type == kk::ColumnType::kText) {
      fail(ErrorCode::kInvalidArgument, "column '" + found.name + "' is text, not numeric; use kk_result_text_cell");
    }
    if (found.size() > 0) require(out, "out");
    kk::capi::check_capacity(found.size(), capacity);
    if (found.type == kk::ColumnType::kReal) {
      std::copy(found.reals.begin(), found.reals.end(), out);
      return;
    }
    std::transform(found.integers.begin(), found.integers.end(), out, [](int64_t v) {
      return v == kk::kNullInteger ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(v);
    });
  });
}

kk_status kk_result_integer_column(kk_context* ctx, const kk_result* result, const char* table,
                                   const char* column, int64_t* out, size_t capacity) {
  return guard(ctx, __func__, [&] {
    require(result, "result");
    const kk::Column& found = kk::capi::column_of(*result, table, column);
    kk::capi::require_type(found, kk::ColumnType::kInteger, "; use kk_result_real_column");
    if (found.size() > 0) require(out, "out");
    kk::capi::check_capacity(found.size(), capacity);
    std::copy(found.integers.begin(), found.integers.end(), out);
  });
}

kk_status kk_result_real_column_data(kk_context* ctx, const kk_result* result, const char* table,
                                     const char* column, const double** out, size_t* count) {
  return kk::capi::column_data(ctx, __func__, result, table, column, kk::ColumnType::kReal,
                               &kk::Column::reals, "; kk_result_real_column converts integers", out, count);
}

kk_status kk_result_integer_column_data(kk_context* ctx, const kk_result* result,
                                        const char* table, const char* column,
                                        const int64_t** out, size_t* count) {
  return kk::capi::column_data(ctx, __func__, result, table, column, kk::ColumnType::kInteger,
                               &kk::Column::integers, "", out, count);
}

kk_status kk_result_text_cell(kk_context* ctx, const kk_result* result, const char* table,
                              const char* column, size_t row, const char** out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    const kk::Column& found = kk::capi::column_of(*result, table, column);
    kk::capi::require_type(found, kk::ColumnType::kText, "; use kk_result_real_column");
    kk::capi::check_index("row", row, found.texts.size());
    return found.texts[row].c_str();
  });
}

kk_status kk_result_is_internal(kk_context* ctx, const kk_result* result, int* out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    return result->result.internal ? 1 : 0;
  });
}

kk_status kk_result_table_has_geometry(kk_context* ctx, const kk_result* result, const char* table,
                                       int* out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    return kk::capi::named_table_of(*result, table).geometry.has_value() ? 1 : 0;
  });
}

kk_status kk_result_geometry_wkb_size(kk_context* ctx, const kk_result* result, const char* table,
                                      size_t row, size_t* out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    return kk::capi::multipolygon_wkb(kk::capi::geometry_of(*result, table, row), row, nullptr);
  });
}

kk_status kk_result_geometry_wkb(kk_context* ctx, const kk_result* result, const char* table,
                                 size_t row, unsigned char* out, size_t capacity_bytes) {
  return guard(ctx, __func__, [&] {
    require(result, "result");
    const kk::geometry::MultiPolygonArray& geometry = kk::capi::geometry_of(*result, table, row);
    require(out, "out");
    kk::capi::check_capacity(kk::capi::multipolygon_wkb(geometry, row, nullptr), capacity_bytes,
                             "bytes");
    kk::capi::multipolygon_wkb(geometry, row, out);
  });
}

kk_status kk_result_write(kk_context* ctx, const kk_result* result, const char* out_dir) {
  return guard(ctx, __func__, [&] {
    require(result, "result");
    require(out_dir, "out_dir");
    kk::layers::write_outputs(*result->input, result->result, std::filesystem::path(out_dir),
                              {result->working_crs});
  });
}

kk_status kk_result_write_table_csv(kk_context* ctx, const kk_result* result, const char* table,
                                    const char* path) {
  return guard(ctx, __func__, [&] {
    require(result, "result");
    require(path, "path");
    kk::layers::write_csv(kk::capi::table_of(*result, table), std::filesystem::path(path));
  });
}

kk_status kk_result_table_grain(kk_context* ctx, const kk_result* result, const char* table,
                                const char** out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    return kk::capi::named_of(*result, table).grain.c_str();
  });
}

kk_status kk_result_table_key_count(kk_context* ctx, const kk_result* result, const char* table,
                                    size_t* out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    return kk::capi::named_of(*result, table).keys.size();
  });
}

kk_status kk_result_table_key(kk_context* ctx, const kk_result* result, const char* table, size_t index,
                              const char** out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    const auto& keys = kk::capi::named_of(*result, table).keys;
    kk::capi::check_index("key", index, keys.size());
    return keys[index].c_str();
  });
}

kk_status kk_result_raster_count(kk_context* ctx, const kk_result* result, size_t* out) {
  return read_value(ctx, __func__, result, "result", out, [&] { return result->result.rasters.size(); });
}

kk_status kk_result_raster_name(kk_context* ctx, const kk_result* result, size_t index, const char** out) {
  return read_value(ctx, __func__, result, "result", out, [&] {
    kk::capi::check_index("raster", index, result->result.rasters.size());
    return result->result.rasters[index].name.c_str();
  });
}

kk_status kk_result_raster_size(kk_context* ctx, const kk_result* result, const char* raster,
                                size_t* columns, size_t* rows) {
  if (rows != nullptr) *rows = 0;
  return read_value(ctx, __func__, result, "result", columns, [&] {
    require(rows, "rows");
    const kk::Raster& found = kk::capi::raster_of(*result, raster);
    *rows = found.rows;
    return found.columns;
  });
}

kk_status kk_result_raster_geotransform(kk_context* ctx, const kk_result* result, const char* raster,
                                        double* out) {
  return guard(ctx, __func__, [&] {
    require(result, "result");
    require(out, "out");
    const kk::Raster& found = kk::capi::raster_of(*result, raster);
    std::copy(found.geotransform.begin(), found.geotransform.end(), out);
  });
}

kk_status kk_result_raster_data(kk_context* ctx, const kk_result* result, const char* raster,
                                const double** out, size_t* count) {
  if (count != nullptr) *count = 0;
  return read_value(ctx, __func__, result, "result", out, [&] {
    require(count, "count");
    const kk::Raster& found = kk::capi::raster_of(*result, raster);
    *count = found.values.size();
    return found.values.data();
  });
}

}  // extern "C"
