// kernkompas._core.Result: the tables of one analysis read column by column. Numeric
// columns and the per-location kern index are numpy views of the result's own memory (no
// copies); the view keeps the Result alive.
#include <nanobind/stl/filesystem.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include "binding.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/write.hpp"

namespace kk::python {
namespace {

const Table& table_of(const Result& r, const std::string& name) {
  if (const Table* table = r.result.find_table(name)) return *table;
  std::string names;
  for (const NamedTable& t : r.result.tables) names += (names.empty() ? "" : ", ") + t.name;
  throw nb::key_error(("no table '" + name + "' (tables: " + names + ")").c_str());
}

const Column& column_of(const Result& r, const std::string& table, const std::string& column) {
  const Table& t = table_of(r, table);
  if (const Column* c = t.find(column)) return *c;
  throw nb::key_error(("table '" + table + "' has no column '" + column + "'").c_str());
}

const char* type_name(ColumnType type) {
  switch (type) {
    case ColumnType::kInteger: return "integer";
    case ColumnType::kReal: return "real";
    case ColumnType::kText: return "text";
  }
  return "text";
}

}  // namespace

void bind_result(nb::module_& m) {
  nb::class_<Result>(m, "Result", "Every table of one analysis (private; see kernkompas.Result).")
      .def_prop_ro("table_names",
                   [](const Result& r) {
                     std::vector<std::string> names;
                     for (const NamedTable& t : r.result.tables) names.push_back(t.name);
                     return names;
                   })
      .def("row_count", [](const Result& r, const std::string& table) { return table_of(r, table).row_count(); },
           nb::arg("table"))
      .def(
          "column_info",
          [](const Result& r, const std::string& table) {
            std::vector<std::tuple<std::string, std::string, std::string, std::string>> info;
            for (const Column& c : table_of(r, table).columns()) {
              info.emplace_back(c.name, type_name(c.type), c.unit, c.description);
            }
            return info;
          },
          nb::arg("table"), "(name, type, unit, description) of every column, in order.")
      .def(
          "column",
          [](const Result& r, const std::string& table, const std::string& name) -> nb::object {
            const Column& c = column_of(r, table, name);
            nb::handle owner = nb::find(&r);
            switch (c.type) {
              case ColumnType::kInteger: return nb::cast(view(c.integers, owner));
              case ColumnType::kReal: return nb::cast(view(c.reals, owner));
              case ColumnType::kText: return nb::cast(c.texts);
            }
            return nb::none();
          },
          nb::arg("table"), nb::arg("name"),
          "A column: numpy view for integers (int64, INT64_MIN = missing) and reals (NaN = "
          "missing), a list of str for text (\"\" = missing).")
      .def(
          "table_geometry",
          [](const Result& r, const std::string& table) -> nb::object {
            table_of(r, table);
            for (const NamedTable& t : r.result.tables) {
              if (t.name != table || !t.geometry) continue;
              const geometry::MultiPolygonArray& g = *t.geometry;
              nb::handle owner = nb::find(&r);
              return nb::make_tuple(view(g.x, owner), view(g.y, owner), view(g.vertex_offsets, owner),
                                    view(g.ring_offsets, owner), view(g.part_offsets, owner));
            }
            return nb::none();
          },
          nb::arg("table"),
          "(x, y, vertex_offsets, ring_offsets, part_offsets) of a table's polygons, one feature "
          "per row (no parts = no geometry), without copies; None for a plain table.")
      .def(
          "table_grain",
          [](const Result& r, const std::string& table) {
            table_of(r, table);
            const NamedTable& named = *r.result.find_named(table);
            return std::make_pair(named.grain, named.keys);
          },
          nb::arg("table"), "(grain, key columns) of a table.")
      .def_prop_ro("location_column_names",
                   [](const Result& r) {
                     std::vector<std::string> names;
                     for (const Column& c : r.result.location_columns.columns()) names.push_back(c.name);
                     return names;
                   })
      .def(
          "location_column",
          [](const Result& r, const std::string& name) -> nb::object {
            const Column* c = r.result.location_columns.find(name);
            if (c == nullptr) throw nb::key_error(("no location column '" + name + "'").c_str());
            nb::handle owner = nb::find(&r);
            switch (c->type) {
              case ColumnType::kInteger: return nb::cast(view(c->integers, owner));
              case ColumnType::kReal: return nb::cast(view(c->reals, owner));
              case ColumnType::kText: return nb::cast(c->texts);
            }
            return nb::none();
          },
          nb::arg("name"), "A column families added to the location layer (as column()).")
      .def_prop_ro("raster_names",
                   [](const Result& r) {
                     std::vector<std::string> names;
                     for (const Raster& raster : r.result.rasters) names.push_back(raster.name);
                     return names;
                   })
      .def(
          "raster",
          [](const Result& r, const std::string& name) {
            const Raster* raster = r.result.find_raster(name);
            if (raster == nullptr) throw nb::key_error(("no raster '" + name + "'").c_str());
            const size_t shape[2] = {raster->rows, raster->columns};
            nb::ndarray<nb::numpy, const double, nb::ndim<2>, nb::c_contig> values(
                raster->values.data(), 2, shape, nb::find(&r));
            const auto& gt = raster->geotransform;
            return nb::make_tuple(values, nb::make_tuple(gt[0], gt[1], gt[2], gt[3], gt[4], gt[5]), raster->unit,
                                  raster->description);
          },
          nb::arg("name"),
          "(values, geotransform, unit, description): a read-only rows x columns numpy view (northern row "
          "first, NaN = no data, no copy) and GDAL's geotransform tuple.")
      .def_prop_ro("internal", [](const Result& r) { return r.result.internal; })
      .def_prop_ro("location_kern",
                   [](const Result& r) { return view(r.result.assignment.kern, nb::find(&r)); })
      .def_prop_ro("outside",
                   [](const Result& r) { return view(r.result.assignment.outside, nb::find(&r)); })
      .def_prop_ro("count_per_kern",
                   [](const Result& r) { return view(r.result.assignment.count_per_kern, nb::find(&r)); })
      .def(
          "write",
          [](const Result& r, const std::filesystem::path& out_dir) {
            nb::gil_scoped_release release;
            layers::write_outputs(*r.input, r.result, out_dir, {r.working_crs});
          },
          nb::arg("out_dir"), "Writes kernkompas.gpkg and kern_indicators.csv (GIL released).");
}

}  // namespace kk::python
