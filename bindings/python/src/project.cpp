// kernkompas._core.Project: the input layers of one analysis, read from a configuration
// through the layers library or built from arrays that Python hands over (coordinates plus
// offsets in shapely's ragged layout, numeric columns as numpy arrays, text as lists).
// In-memory records are checked like the file readers check theirs, with messages naming
// the layer, the record and the problem.
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <cmath>
#include <cstring>
#include <optional>

#include "binding.hpp"
#include "kernkompas/core/date.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/core/sbi.hpp"
#include "kernkompas/layers/config.hpp"
#include "kernkompas/layers/read.hpp"
#include "kernkompas/layers/crs.hpp"
#include "kernkompas/layers/validate.hpp"

namespace kk::python {
namespace {

using DoubleArray = nb::ndarray<const double, nb::ndim<1>, nb::c_contig, nb::device::cpu>;
using OffsetArray = nb::ndarray<const int64_t, nb::ndim<1>, nb::c_contig, nb::device::cpu>;
using TextColumn = std::optional<std::vector<std::string>>;
using RealColumn = std::optional<DoubleArray>;

std::string trim(const std::string& text) { return std::string(layers::trim_blanks(text)); }

std::vector<double> to_vector(const DoubleArray& array) {
  return std::vector<double>(array.data(), array.data() + array.shape(0));
}

// Names a layer handed over from Python ("locations GeoDataFrame") and its records (1-based,
// as in the file readers' messages).
struct Records {
  std::string label;

  // Names the records by their ids (it refers to `ids`, which may still grow).
  layers::RecordLabel labels(const std::vector<std::string>& ids) const { return layers::record_labels(label, ids); }
  [[noreturn]] void fail(ErrorCode code, size_t index, const std::string& id,
                         const std::string& problem) const {
    throw InputError(code, layers::record_label(label, index, id) + ": " + problem);
  }
  [[noreturn]] void fail(ErrorCode code, const std::string& problem) const {
    throw InputError(code, label + ": " + problem);
  }
  void check_length(const char* field, size_t size, size_t expected) const {
    if (size != expected) {
      fail(ErrorCode::kInvalidArgument, std::string("field '") + field + "' has " + std::to_string(size) +
                                            " values, the layer has " + std::to_string(expected));
    }
  }
};

// Checks plausibility for the source CRS and transforms in place to the working CRS.
void to_working_crs(const Records& records, const std::string& crs, const std::string& working_crs,
                    const layers::RecordLabel& label, std::vector<double>& x, std::vector<double>& y) {
  if (crs.empty()) {
    records.fail(ErrorCode::kCrsMissing, "the data has no CRS; set one (e.g. gdf.set_crs(\"EPSG:28992\")) or pass crs=");
  }
  layers::to_working_crs(crs, working_crs, x, y, label, "CRS on the data");
}

// Kernen from ragged arrays: feature f has parts part_offsets[f]..[f+1], part p rings
// ring_offsets[p]..[p+1], ring r vertices vertex_offsets[r]..[r+1] (shapely's layout).
struct KernArrays {
  std::vector<std::string> code, name, aliases;
  std::vector<double> population, x, y;
  std::vector<int64_t> vertex_offsets, ring_offsets, part_offsets;
};

KernLayer build_kernen(const Records& records, KernArrays in, const std::string& crs,
                       const std::string& working_crs, std::vector<std::string>& notes) {
  const size_t n = in.name.size();
  if (n == 0) records.fail(ErrorCode::kEmptyLayer, "the layer is empty");
  records.check_length("code", in.code.size(), n);
  records.check_length("aliases", in.aliases.size(), n);
  records.check_length("population", in.population.size(), n);
  records.check_length("part offsets", in.part_offsets.size(), n + 1);
  auto check_offsets = [&](const std::vector<int64_t>& offsets, size_t target, const char* what) {
    if (offsets.empty() || offsets.front() != 0 || static_cast<size_t>(offsets.back()) != target) {
      records.fail(ErrorCode::kInvalidArgument, std::string(what) + " offsets do not span their array");
    }
    for (size_t i = 1; i < offsets.size(); ++i) {
      if (offsets[i] < offsets[i - 1]) records.fail(ErrorCode::kInvalidArgument, std::string(what) + " offsets decrease");
    }
  };
  if (in.x.size() != in.y.size()) records.fail(ErrorCode::kInvalidArgument, "x and y differ in length");
  check_offsets(in.vertex_offsets, in.x.size(), "vertex");
  check_offsets(in.ring_offsets, in.vertex_offsets.size() - 1, "ring");
  check_offsets(in.part_offsets, in.ring_offsets.size() - 1, "part");

  KernLayer kernen;
  geometry::MultiPolygonArray raw;
  layers::UniqueIds codes(records.label, "kern code");
  for (size_t f = 0; f < n; ++f) {
    std::string name = trim(in.name[f]);
    std::string code = trim(in.code[f]);
    if (code.empty()) code = name;
    if (name.empty()) records.fail(ErrorCode::kBadValue, f, code, "kern without a name");
    codes.add(f, code);
    const auto part_begin = static_cast<size_t>(in.part_offsets[f]);
    const auto part_end = static_cast<size_t>(in.part_offsets[f + 1]);
    if (part_begin == part_end) records.fail(ErrorCode::kEmptyGeometry, f, code, "kern '" + name + "' has no geometry");
    raw.begin_feature();
    for (size_t p = part_begin; p < part_end; ++p) {
      raw.begin_part();
      for (auto r = static_cast<size_t>(in.ring_offsets[p]); r < static_cast<size_t>(in.ring_offsets[p + 1]); ++r) {
        const auto begin = static_cast<size_t>(in.vertex_offsets[r]);
        const auto end = static_cast<size_t>(in.vertex_offsets[r + 1]);
        for (size_t v = begin; v < end; ++v) {
          if (!std::isfinite(in.x[v]) || !std::isfinite(in.y[v])) {
            records.fail(ErrorCode::kBadValue, f, code, "polygon vertex is NaN or infinite");
          }
        }
        raw.add_ring(std::span<const double>(in.x.data() + begin, end - begin),
                     std::span<const double>(in.y.data() + begin, end - begin));
      }
    }
    kernen.code.push_back(code);
    kernen.name.push_back(std::move(name));
    kernen.aliases.push_back(layers::split_aliases(in.aliases[f]));
    layers::check_not_negative(in.population[f], "population", records.labels(kernen.code), f);
    kernen.population.push_back(in.population[f]);
  }
  const layers::RecordLabel label = records.labels(kernen.code);
  to_working_crs(records, crs, working_crs, layers::vertex_labels(raw, label), raw.x, raw.y);
  kernen.geometry = layers::repair_polygons(raw, label, notes);
  return kernen;
}

struct LocationArrays {
  TextColumn id, name, sbi, function, status, vacant_since, snapshot_date;
  std::vector<double> x, y;
  std::optional<std::vector<double>> floor_area_m2, employees;
};

LocationLayer build_locations(const Records& records, LocationArrays in, const std::string& crs,
                              const std::string& working_crs, std::vector<std::string>& notes) {
  const size_t n = in.x.size();
  if (n == 0) records.fail(ErrorCode::kEmptyLayer, "the layer is empty");
  records.check_length("y", in.y.size(), n);
  for (const auto* column : {&in.id, &in.name, &in.sbi, &in.function, &in.status, &in.vacant_since, &in.snapshot_date}) {
    if (*column) records.check_length("text", (*column)->size(), n);
  }
  if (in.floor_area_m2) records.check_length("floor_area_m2", in.floor_area_m2->size(), n);
  if (in.employees) records.check_length("employees", in.employees->size(), n);

  LocationLayer out;
  if (in.id) {
    out.id.reserve(n);
    for (const std::string& id : *in.id) out.id.push_back(trim(id));
  } else {
    notes.push_back(records.label + ": no id column; records are numbered 1, 2, ... instead");
    for (size_t i = 0; i < n; ++i) out.id.push_back(std::to_string(i + 1));
  }
  const layers::RecordLabel label = records.labels(out.id);
  layers::UniqueIds ids(records.label, "id");
  ids.reserve(n);
  layers::SnapshotDate snapshot(records.label);
  for (size_t i = 0; i < n; ++i) {
    const std::string& id = out.id[i];
    ids.add(i, id);
    if (!std::isfinite(in.x[i]) || !std::isfinite(in.y[i])) {
      records.fail(ErrorCode::kBadValue, i, id, "coordinate is NaN or infinite");
    }
    if (in.floor_area_m2) layers::check_not_negative((*in.floor_area_m2)[i], "floor_area_m2", label, i);
    if (in.employees) layers::check_not_negative((*in.employees)[i], "employees", label, i);
    if (in.snapshot_date) {
      snapshot.add(i, id, layers::parse_date(trim((*in.snapshot_date)[i]), "snapshot_date", label, i));
    }
  }
  out.snapshot_date = snapshot.date();
  auto trimmed = [](std::vector<std::string>& column) {
    for (std::string& value : column) value = trim(value);
    return std::move(column);
  };
  if (in.name) out.name = trimmed(*in.name);
  if (in.sbi) out.sbi = trimmed(*in.sbi);
  if (in.function) out.function = trimmed(*in.function);
  if (in.floor_area_m2) out.floor_area_m2 = std::move(*in.floor_area_m2);
  if (in.employees) out.employees = std::move(*in.employees);
  if (in.status) {
    out.status.reserve(n);
    for (size_t i = 0; i < n; ++i) out.status.push_back(layers::parse_status(trim((*in.status)[i]), label, i));
  }
  if (in.vacant_since) {
    out.vacant_since.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      out.vacant_since.push_back(layers::parse_date(trim((*in.vacant_since)[i]), "vacant_since", label, i));
    }
  }
  out.x = std::move(in.x);
  out.y = std::move(in.y);
  to_working_crs(records, crs, working_crs, label, out.x, out.y);
  return out;
}

Project load(const std::string& config_path, nb::object progress) {
  PythonProgress adapter(std::move(progress));
  Project project;
  try {
    nb::gil_scoped_release release;
    const layers::ProjectConfig config = layers::load_config(config_path);
    layers::Notes notes;
    auto input = std::make_shared<AnalysisInput>(layers::read_project(config, notes, adapter.callback()));
    project.input = std::move(input);
    project.working_crs = config.working_crs;
    project.source = config.config_path.string();
    project.notes = std::move(notes);
    project.settings = config.settings;
  } catch (const Cancelled&) {
    adapter.rethrow_if_failed();
    throw;
  }
  return project;
}

Project from_arrays(const std::string& area_name, const std::string& working_crs,
                    // kernen
                    const std::string& kern_label, const std::string& kern_crs,
                    std::vector<std::string> kern_code, std::vector<std::string> kern_name,
                    std::vector<std::string> kern_aliases, const DoubleArray& kern_population,
                    const DoubleArray& kern_x, const DoubleArray& kern_y,
                    const OffsetArray& vertex_offsets, const OffsetArray& ring_offsets,
                    const OffsetArray& part_offsets,
                    // locations
                    const std::string& location_label, const std::string& location_crs,
                    const DoubleArray& x, const DoubleArray& y, TextColumn id, TextColumn name,
                    TextColumn sbi, TextColumn function, TextColumn status, TextColumn vacant_since,
                    TextColumn snapshot_date, const RealColumn& floor_area_m2, const RealColumn& employees) {
  // Copy everything out of Python objects while the GIL is held; then check, transform and
  // repair without it.
  KernArrays kernen{std::move(kern_code), std::move(kern_name), std::move(kern_aliases),
                    to_vector(kern_population), to_vector(kern_x), to_vector(kern_y),
                    std::vector<int64_t>(vertex_offsets.data(), vertex_offsets.data() + vertex_offsets.shape(0)),
                    std::vector<int64_t>(ring_offsets.data(), ring_offsets.data() + ring_offsets.shape(0)),
                    std::vector<int64_t>(part_offsets.data(), part_offsets.data() + part_offsets.shape(0))};
  LocationArrays locations{std::move(id), std::move(name), std::move(sbi), std::move(function),
                           std::move(status), std::move(vacant_since), std::move(snapshot_date),
                           to_vector(x), to_vector(y), std::nullopt, std::nullopt};
  if (floor_area_m2) locations.floor_area_m2 = to_vector(*floor_area_m2);
  if (employees) locations.employees = to_vector(*employees);

  Project project;
  project.working_crs = working_crs;
  {
    nb::gil_scoped_release release;
    auto input = std::make_shared<AnalysisInput>();
    layers::check_working_crs(working_crs, "working_crs");
    input->area_name = area_name;
    input->kernen = build_kernen(Records{kern_label}, std::move(kernen), kern_crs, working_crs, project.notes);
    input->locations = build_locations(Records{location_label}, std::move(locations), location_crs,
                                       working_crs, project.notes);
    project.input = std::move(input);
  }
  return project;
}

// An option value as a plain Python value: None for "none" (NaN, no date).
nb::object to_python(const OptionValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return text->empty() ? nb::none() : nb::cast(*text);
  if (const auto* flag = std::get_if<bool>(&value)) return nb::cast(*flag);
  if (const auto* whole = std::get_if<int64_t>(&value)) return nb::cast(*whole);
  if (const auto* wide = std::get_if<uint64_t>(&value)) return nb::cast(*wide);
  const double number = std::get<double>(value);
  return std::isnan(number) ? nb::none() : nb::cast(number);
}

// Every option, qualified name -> value.
nb::dict settings_to_dict(const Settings& settings) {
  nb::dict d;
  for (const OptionSection& section : option_sections()) {
    for (const OptionSpec& spec : section.options) {
      const std::string name = std::string(section.name) + "." + std::string(spec.name);
      d[name.c_str()] = to_python(settings.get(name));
    }
  }
  return d;
}

// A Python value for option `name`, checked by the engine (kk::Error -> ArgumentError).
void set_from_python(Settings& settings, const std::string& name, nb::handle given) {
  // numpy scalars (np.int64, np.bool_, ...) as the Python values they hold.
  nb::object value = nb::borrow(given);
  if (!nb::isinstance<nb::str>(value) && nb::hasattr(value, "item") && nb::hasattr(value, "dtype")) {
    value = value.attr("item")();
  }
  if (value.is_none()) {
    settings.set_text(name, "none");
  } else if (nb::isinstance<nb::bool_>(value)) {
    settings.set(name, nb::cast<bool>(value));
  } else if (nb::isinstance<nb::int_>(value)) {
    int64_t whole = 0;
    uint64_t wide = 0;
    // Past int64 an unsigned 64-bit value (the seed's range), past that the decimal text, for
    // the range check to judge and quote.
    if (nb::try_cast(value, whole)) settings.set(name, whole);
    else if (nb::try_cast(value, wide)) settings.set(name, wide);
    else settings.set_text(name, nb::cast<std::string>(nb::str(value)));
  } else if (nb::isinstance<nb::float_>(value)) {
    settings.set(name, nb::cast<double>(value));
  } else if (nb::isinstance<nb::str>(value)) {
    const FoundOption found = find_option(name);
    const bool text = found.spec != nullptr && (found.spec->type == OptionType::kText || found.spec->type == OptionType::kDate);
    if (text) settings.set(name, nb::cast<std::string>(value));
    else settings.set_text(name, nb::cast<std::string>(value));
  } else if (nb::hasattr(value, "isoformat")) {  // datetime.date
    settings.set(name, nb::cast<std::string>(value.attr("isoformat")()));
  } else {
    settings.set(name, nb::cast<std::string>(nb::str(value)));
  }
}

Result run(const Project& project, nb::object progress, const nb::dict& overrides) {
  AnalysisOptions options{project.settings, {}};
  for (auto [name, value] : overrides) set_from_python(options.settings, nb::cast<std::string>(name), value);
  PythonProgress adapter(std::move(progress));
  options.progress = adapter.callback();
  Result result;
  result.input = project.input;
  result.working_crs = project.working_crs;
  try {
    nb::gil_scoped_release release;
    result.result = run_analysis(*project.input, options);
  } catch (const Cancelled&) {
    adapter.rethrow_if_failed();
    throw;
  }
  return result;
}

// The option list: one dict per option, for dialogs and docs.
nb::list option_list() {
  nb::list list;
  for (const OptionSection& section : option_sections()) {
    for (const OptionSpec& spec : section.options) {
      nb::dict d;
      d["name"] = std::string(section.name) + "." + std::string(spec.name);
      d["section"] = std::string(section.name);
      d["key"] = std::string(spec.name);
      d["type"] = std::string(option_type_name(spec.type));
      d["default"] = to_python(spec.default_value);
      d["allowed"] = option_range_text(spec);
      d["min"] = spec.min;
      d["max"] = spec.max;
      nb::list choices;
      for (std::string_view choice : spec.choices) choices.append(std::string(choice));
      d["choices"] = choices;
      d["unit"] = std::string(spec.unit);
      d["doc"] = std::string(spec.doc);
      d["alias"] = spec.alias.empty() ? nb::none() : nb::cast(std::string(spec.alias));
      list.append(d);
    }
  }
  return list;
}

const LocationLayer& locations_of(const Project& p) { return p.input->locations; }

std::optional<std::vector<std::string>> optional_text(const std::vector<std::string>& column) {
  if (column.empty()) return std::nullopt;
  return column;
}

}  // namespace

void bind_project(nb::module_& m) {
  m.def("option_list", &option_list, "Every option: name, section, key, type, default, allowed, min, max, "
                                     "choices, unit, doc, alias.");
  nb::class_<Project>(m, "Project", "The input layers of one analysis (private; see kernkompas.Project).")
      .def_static("load", &load, nb::arg("config_path"), nb::arg("progress") = nb::none(),
                  "Reads the TOML configuration and every layer it names (GIL released).")
      .def_static("from_arrays", &from_arrays, nb::kw_only(), nb::arg("area_name"), nb::arg("working_crs"),
                  nb::arg("kern_label"), nb::arg("kern_crs"), nb::arg("kern_code"), nb::arg("kern_name"),
                  nb::arg("kern_aliases"), nb::arg("kern_population"), nb::arg("kern_x"), nb::arg("kern_y"),
                  nb::arg("vertex_offsets"), nb::arg("ring_offsets"), nb::arg("part_offsets"),
                  nb::arg("location_label"), nb::arg("location_crs"), nb::arg("x"), nb::arg("y"),
                  nb::arg("id").none() = nb::none(), nb::arg("name").none() = nb::none(),
                  nb::arg("sbi").none() = nb::none(), nb::arg("function").none() = nb::none(),
                  nb::arg("status").none() = nb::none(), nb::arg("vacant_since").none() = nb::none(),
                  nb::arg("snapshot_date").none() = nb::none(), nb::arg("floor_area_m2").none() = nb::none(),
                  nb::arg("employees").none() = nb::none(),
                  "Builds a project from arrays: kernen as ragged coordinates, locations as x/y.")
      .def("run", &run, nb::arg("progress") = nb::none(), nb::arg("options") = nb::dict(),
           "Runs every family with the options {qualified name: value} (GIL released).")
      .def_prop_ro("settings", [](const Project& p) { return settings_to_dict(p.settings); })
      .def_prop_ro("area_name", [](const Project& p) { return p.input->area_name; })
      .def_prop_ro("working_crs", [](const Project& p) { return p.working_crs; })
      .def_prop_ro("source", [](const Project& p) { return p.source; })
      .def_prop_ro("notes", [](const Project& p) { return p.notes; })
      .def_prop_ro("kern_count", [](const Project& p) { return p.input->kernen.size(); })
      .def_prop_ro("location_count", [](const Project& p) { return p.input->locations.size(); })
      .def_prop_ro("snapshot_count", [](const Project& p) { return p.input->earlier_snapshots.size(); })
      .def_prop_ro("snapshot_date", [](const Project& p) -> std::optional<std::string> {
        if (p.input->locations.snapshot_date == kNoDate) return std::nullopt;
        return format_iso_date(p.input->locations.snapshot_date);
      })
      .def_prop_ro("kern_codes", [](const Project& p) { return p.input->kernen.code; })
      .def_prop_ro("kern_names", [](const Project& p) { return p.input->kernen.name; })
      .def_prop_ro("kern_aliases", [](const Project& p) { return p.input->kernen.aliases; })
      .def_prop_ro("kern_population", [](const Project& p) { return view(p.input->kernen.population, nb::find(&p)); })
      .def("kern_geometry",
           [](const Project& p) {
             const geometry::MultiPolygonArray& g = p.input->kernen.geometry;
             nb::handle owner = nb::find(&p);
             return nb::make_tuple(view(g.x, owner), view(g.y, owner), view(g.vertex_offsets, owner),
                                   view(g.ring_offsets, owner), view(g.part_offsets, owner));
           },
           "(x, y, vertex_offsets, ring_offsets, part_offsets) of the kern polygons, without copies.")
      .def_prop_ro("location_ids", [](const Project& p) { return locations_of(p).id; })
      .def_prop_ro("location_x", [](const Project& p) { return view(locations_of(p).x, nb::find(&p)); })
      .def_prop_ro("location_y", [](const Project& p) { return view(locations_of(p).y, nb::find(&p)); })
      .def(
          "location_text",
          [](const Project& p, const std::string& field) -> std::optional<std::vector<std::string>> {
            const LocationLayer& loc = locations_of(p);
            if (field == "name") return optional_text(loc.name);
            if (field == "sbi") return optional_text(loc.sbi);
            if (field == "function") return optional_text(loc.function);
            if (field == "sbi_section") {
              if (loc.sbi.empty()) return std::nullopt;
              std::vector<std::string> sections;
              sections.reserve(loc.sbi.size());
              for (const std::string& code : loc.sbi) {
                const auto section = sbi_section(code);
                sections.push_back(section ? std::string(1, *section) : std::string());
              }
              return sections;
            }
            throw nb::key_error(("no text field '" + field + "' (name, sbi, sbi_section, function)").c_str());
          },
          nb::arg("field"), "A text field of the locations, or None when the input had none.")
      .def(
          "location_real",
          [](const Project& p, const std::string& field) -> std::optional<View<double>> {
            const LocationLayer& loc = locations_of(p);
            const std::vector<double>* column = nullptr;
            if (field == "floor_area_m2") column = &loc.floor_area_m2;
            else if (field == "employees") column = &loc.employees;
            else throw nb::key_error(("no numeric field '" + field + "' (floor_area_m2, employees)").c_str());
            if (column->empty()) return std::nullopt;
            return view(*column, nb::find(&p));
          },
          nb::arg("field"), "A numeric field of the locations (NaN = missing), or None.")
      .def_prop_ro("location_status",
                   [](const Project& p) -> std::optional<View<uint8_t>> {
                     const LocationLayer& loc = locations_of(p);
                     if (loc.status.empty()) return std::nullopt;
                     static_assert(sizeof(OccupancyStatus) == sizeof(uint8_t));
                     return view(reinterpret_cast<const uint8_t*>(loc.status.data()), loc.status.size(), nb::find(&p));
                   })
      .def_prop_ro("location_vacant_since",
                   [](const Project& p) -> std::optional<View<int32_t>> {
                     const LocationLayer& loc = locations_of(p);
                     if (loc.vacant_since.empty()) return std::nullopt;
                     return view(loc.vacant_since, nb::find(&p));
                   });
}

}  // namespace kk::python
