// The record checks and conversions shared by everything that turns columns into engine
// layers: the file readers (read.hpp) and the C and Python bindings, which build layers from
// the caller's arrays. Errors are kk::InputError whose message starts with the record's name,
// as a RecordLabel gives it, followed by the problem.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kernkompas/core/date.hpp"
#include "kernkompas/data/location_layer.hpp"
#include "kernkompas/geometry/multipolygon_array.hpp"

namespace kk::layers {

// Things worth telling the user that are not errors (a repaired polygon, a guessed CRS).
using Notes = std::vector<std::string>;

// Names record `index` (0-based) of a layer in messages: "locations file 'x.csv', record 13
// (id 'A12')" in the readers, "location at index 12 (id 'A12')" in the C API.
using RecordLabel = std::function<std::string(size_t index)>;

// "<layer>, record <index + 1>", plus " (id '<id>')" when `id` is not empty: how the file
// readers and the Python binding name records (counted from 1, as a spreadsheet shows them).
std::string record_label(std::string_view layer, size_t index, std::string_view id = {});

// A RecordLabel of the record_label() form for a layer whose records have the ids `ids`
// (records past its end have none). Refers to `ids`, which must outlive it and may grow.
RecordLabel record_labels(std::string layer, const std::vector<std::string>& ids);

// A RecordLabel for vertex indexes of `polygons` (as in its x/y): names the feature owning
// the vertex with `feature_label`. Refers to `polygons`, which must outlive it.
RecordLabel vertex_labels(const geometry::MultiPolygonArray& polygons, RecordLabel feature_label);

// Checks the points x/y are plausible for `source_crs` and `working_crs` and transforms them
// in place into `working_crs` (CrsTransform::transform_checked). On an error x and y are
// unchanged and it throws kk::InputError:
//   kCrsImplausible  "<label(i)>: coordinates (x, y) are implausible for <source CRS name>
//                    (outside the area where it is used; lon/lat given as projected metres,
//                    or the wrong <crs_hint>?)" for the first implausible point i;
//   kCrsTransform    "<label(i)>: cannot transform to <working CRS name>", or without a label
//                    when PROJ does not understand either CRS.
// `crs_hint` says where a wrong CRS would have come from: "crs in the config", "CRS on the data".
// REQUIRES: source_crs not empty. A missing CRS is the caller's to report: each kind of source
// has its own remedy (or, in the C API, a default).
void to_working_crs(const std::string& source_crs, const std::string& working_crs, std::span<double> x,
                    std::span<double> y, const RecordLabel& label, std::string_view crs_hint);

// Occupancy status from text, in any case: occupied/bezet/in gebruik/in_gebruik/active,
// vacant/leeg/leegstaand/leegstand/empty; empty text is kUnknown. Throws kk::InputError
// (kBadValue) "<label(index)>: status '<text>' is not one of ...". Does not trim: the
// callers pass cells already trimmed.
OccupancyStatus parse_status(std::string_view text, const RecordLabel& label, size_t index);

// A date YYYY-MM-DD (kk::parse_iso_date); empty text is kNoDate. Throws kk::InputError
// (kBadValue) "<label(index)>: <field> '<text>' is not a date YYYY-MM-DD". Does not trim.
Days parse_date(std::string_view text, std::string_view field, const RecordLabel& label, size_t index);

// A count or size that may not be negative (population, inhabitants, floor_area_m2,
// employees): NaN (not known) passes; a value < 0 throws kk::InputError (kBadValue)
// "<label(index)>: <field> is negative (<value>)". The one check the file readers, the C API
// and the Python binding share.
void check_not_negative(double value, std::string_view field, const RecordLabel& label, size_t index);

// `text` without leading and trailing blanks (space, tab, CR, LF), as the readers keep cells.
std::string_view trim_blanks(std::string_view text);

// Where the aliases field of the file readers and the Python binding splits.
inline constexpr std::string_view kAliasSeparators = ";,|";

// Other spellings of a kern name from one text: "Alfa; Alpha|Alfadorp" -> {"Alfa", "Alpha",
// "Alfadorp"}. Splits at any of `separators`, trims blanks (space, tab, CR, LF) and drops
// empty parts.
std::vector<std::string> split_aliases(std::string_view text, std::string_view separators = kAliasSeparators);

// Repairs invalid polygons with GEOS MakeValid (geometry::make_valid) and adds a note
// "<label(f)>: invalid polygon (<GEOS reason>) repaired with GEOS MakeValid" for each repaired
// feature f. Throws kk::InputError (kInvalidGeometry) "<label(f)>: <problem>" for a feature
// whose repair leaves no area.
geometry::MultiPolygonArray repair_polygons(const geometry::MultiPolygonArray& polygons, const RecordLabel& label,
                                            Notes& notes);

// Checks ids one record at a time, in the order a reader meets them, and names records the
// record_label() way. add() throws kk::InputError: kBadValue "<record_label(layer, index)>:
// empty id" for an empty id; kDuplicateId "<record_label(layer, index, id)>: <what> already
// used by record <n>" for an id an earlier record n used.
class UniqueIds {
 public:
  // `layer` as for record_label(); `what` names the ids in messages: "id", "kern code".
  UniqueIds(std::string layer, std::string what);

  void reserve(size_t records) { first_use_.reserve(records); }
  void add(size_t index, const std::string& id);

 private:
  std::string layer_, what_;
  std::unordered_map<std::string, size_t> first_use_;
};

// The one snapshot date of a layer whose records may each carry one (its snapshot_date
// field), named the record_label() way.
class SnapshotDate {
 public:
  explicit SnapshotDate(std::string layer) : layer_(std::move(layer)) {}

  // Records `date` of record `index` (kNoDate: none). Throws kk::InputError (kBadValue)
  // "<record_label(layer, index, id)>: snapshot_date <date> differs from <date> at record
  // <n>; one layer holds one snapshot" when it differs from an earlier record's.
  void add(size_t index, std::string_view id, Days date);

  // kNoDate when no record had one.
  Days date() const { return date_; }

 private:
  std::string layer_;
  Days date_ = kNoDate;
  size_t record_ = 0;  // index of the last record that had one
};

}  // namespace kk::layers
