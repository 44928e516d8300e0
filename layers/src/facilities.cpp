// The facility reader: points with a type, mapped and checked record by record.
#include "kernkompas/layers/facilities.hpp"

#include <map>

#include "kernkompas/core/error.hpp"
#include "ogr_source.hpp"

namespace kk::layers {

std::optional<std::string> facility_type_name(std::string_view text) {
  std::string name(trim_blanks(text));
  if (name.empty()) return std::nullopt;
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!allowed) return std::nullopt;
  }
  return name;
}

FacilityLayer read_facilities(const FacilitySource& source, const std::string& working_crs, Notes& notes) {
  detail::OgrSource src(source.source, "facilities");
  src.expect_geometry(wkbPoint);
  const int type_field = src.required_field("type");
  const auto id_field = src.field("id");
  const auto name_field = src.field("name");

  std::string mapped_values;  // for messages: the values the config maps
  for (const auto& [value, type] : source.types) mapped_values += (mapped_values.empty() ? "'" : ", '") + value + "'";

  FacilityLayer out;
  UniqueIds ids(src.label(), "id");
  const RecordLabel label = record_labels(src.label(), out.id);
  long record = 0;
  while (const auto feature = src.next()) {
    ++record;
    const auto index = static_cast<size_t>(record - 1);
    std::string id = src.text(*feature, id_field);
    if (id_field) ids.add(index, id);
    const std::string value = src.text(*feature, type_field);
    if (value.empty()) src.fail(ErrorCode::kBadValue, record, id, "no facility type (the type field is empty)");
    std::string type = value;
    if (!source.types.empty()) {
      const auto mapped = source.types.find(value);
      if (mapped == source.types.end()) {
        src.fail(ErrorCode::kBadValue, record, id,
                 "facility type '" + value + "' is not mapped in [facilities.types] (mapped: " + mapped_values + ")");
      }
      type = mapped->second;
    }
    const std::optional<std::string> normal = facility_type_name(type);
    if (!normal) {
      src.fail(ErrorCode::kBadValue, record, id,
               "facility type '" + type + "' is not a valid type: " + std::string(kFacilityTypeRule) +
                   "; map it under [facilities.types]");
    }
    double x = 0, y = 0;
    src.point(*feature, record, id, x, y);
    out.id.push_back(std::move(id));
    out.x.push_back(x);
    out.y.push_back(y);
    out.type.push_back(*normal);
    out.name.push_back(src.text(*feature, name_field));
  }
  // Drivers that cannot count ahead (OSM) reach here with nothing read.
  if (out.size() == 0) throw InputError(ErrorCode::kEmptyLayer, src.label() + ": the layer is empty");
  to_working_crs(src.crs_definition(), working_crs, out.x, out.y, label, "crs in the config");
  src.take_warnings(notes);
  return out;
}

}  // namespace kk::layers
