// Record checks shared by the file readers and the bindings.
#include "kernkompas/layers/validate.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <sstream>

#include "kernkompas/core/error.hpp"
#include "kernkompas/geometry/repair.hpp"
#include "kernkompas/layers/crs.hpp"

namespace kk::layers {
namespace {

[[noreturn]] void fail(ErrorCode code, const RecordLabel& label, size_t index, const std::string& problem) {
  throw InputError(code, label(index) + ": " + problem);
}

}  // namespace

void check_not_negative(double value, std::string_view field, const RecordLabel& label, size_t index) {
  if (!(value < 0.0)) return;  // NaN: not known
  std::ostringstream text;
  text << value;
  throw InputError(ErrorCode::kBadValue, label(index) + ": " + std::string(field) + " is negative (" + text.str() + ")");
}

std::string_view trim_blanks(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::string record_label(std::string_view layer, size_t index, std::string_view id) {
  std::string text = std::string(layer) + ", record " + std::to_string(index + 1);
  if (!id.empty()) text += " (id '" + std::string(id) + "')";
  return text;
}

RecordLabel record_labels(std::string layer, const std::vector<std::string>& ids) {
  return [layer = std::move(layer), &ids](size_t index) {
    return record_label(layer, index, index < ids.size() ? std::string_view(ids[index]) : std::string_view());
  };
}

RecordLabel vertex_labels(const geometry::MultiPolygonArray& polygons, RecordLabel feature_label) {
  return [&polygons, feature_label = std::move(feature_label)](size_t vertex) {
    // The first feature whose vertices end after `vertex` (ends never decrease).
    size_t low = 0, high = polygons.size();
    while (low < high) {
      const size_t mid = low + (high - low) / 2;
      const uint32_t end = polygons.vertex_offsets[polygons.ring_offsets[polygons.part_offsets[mid + 1]]];
      if (vertex < end) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return feature_label(std::min(low, polygons.size() - 1));
  };
}

namespace {

// Setting up a PROJ transformation takes about 0.1 s (database look-ups, areas of use), and
// the readers and bindings ask for the same few pairs again and again: each thread keeps the
// last few (a PROJ context serves one thread at a time).
const CrsTransform& cached_transform(const std::string& source, const std::string& target) {
  struct Entry {
    std::string source, target;
    std::unique_ptr<const CrsTransform> transform;
  };
  constexpr size_t kCacheSize = 4;
  thread_local std::vector<Entry> cache;  // least recently used first
  for (auto it = cache.begin(); it != cache.end(); ++it) {
    if (it->source == source && it->target == target) {
      std::rotate(it, it + 1, cache.end());
      return *cache.back().transform;
    }
  }
  auto transform = std::make_unique<const CrsTransform>(source, target);  // throws before caching
  if (cache.size() == kCacheSize) cache.erase(cache.begin());
  cache.push_back({source, target, std::move(transform)});
  return *cache.back().transform;
}

}  // namespace

void to_working_crs(const std::string& source_crs, const std::string& working_crs, std::span<double> x,
                    std::span<double> y, const RecordLabel& label, std::string_view crs_hint) {
  const CrsTransform& transform = cached_transform(source_crs, working_crs);
  const CrsTransform::Checked checked = transform.transform_checked(x, y);
  if (checked.implausible >= 0) {
    const auto i = static_cast<size_t>(checked.implausible);
    fail(ErrorCode::kCrsImplausible, label, i,
         "coordinates (" + std::to_string(x[i]) + ", " + std::to_string(y[i]) + ") are implausible for " +
             transform.source_name() +
             " (outside the area where it is used; lon/lat given as projected metres, or the wrong " +
             std::string(crs_hint) + "?)");
  }
  if (checked.failed >= 0) {
    fail(ErrorCode::kCrsTransform, label, static_cast<size_t>(checked.failed),
         "cannot transform to " + transform.target_name());
  }
}

OccupancyStatus parse_status(std::string_view text, const RecordLabel& label, size_t index) {
  std::string s(text);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s.empty()) return OccupancyStatus::kUnknown;
  if (s == "occupied" || s == "bezet" || s == "in gebruik" || s == "in_gebruik" || s == "active") {
    return OccupancyStatus::kOccupied;
  }
  if (s == "vacant" || s == "leeg" || s == "leegstaand" || s == "leegstand" || s == "empty") {
    return OccupancyStatus::kVacant;
  }
  fail(ErrorCode::kBadValue, label, index,
       "status '" + std::string(text) + "' is not one of occupied/bezet/in gebruik or vacant/leeg/leegstaand");
}

Days parse_date(std::string_view text, std::string_view field, const RecordLabel& label, size_t index) {
  if (text.empty()) return kNoDate;
  const auto days = parse_iso_date(text);
  if (!days) {
    fail(ErrorCode::kBadValue, label, index,
         std::string(field) + " '" + std::string(text) + "' is not a date YYYY-MM-DD");
  }
  return *days;
}

std::vector<std::string> split_aliases(std::string_view text, std::string_view separators) {
  std::vector<std::string> aliases;
  while (true) {
    const size_t end = text.find_first_of(separators);
    if (const std::string_view part = trim_blanks(text.substr(0, end)); !part.empty()) aliases.emplace_back(part);
    if (end == std::string_view::npos) return aliases;
    text.remove_prefix(end + 1);
  }
}

geometry::MultiPolygonArray repair_polygons(const geometry::MultiPolygonArray& polygons, const RecordLabel& label,
                                            Notes& notes) {
  std::vector<geometry::RepairReport> repairs;
  geometry::MultiPolygonArray repaired;
  try {
    repaired = geometry::make_valid(polygons, repairs);
  } catch (const InputError& e) {
    fail(e.code(), label, repairs.empty() ? 0 : repairs.back().feature, e.what());
  }
  for (const auto& repair : repairs) {
    notes.push_back(label(repair.feature) + ": invalid polygon (" + repair.reason + ") repaired with GEOS MakeValid");
  }
  return repaired;
}

UniqueIds::UniqueIds(std::string layer, std::string what) : layer_(std::move(layer)), what_(std::move(what)) {}

void UniqueIds::add(size_t index, const std::string& id) {
  if (id.empty()) throw InputError(ErrorCode::kBadValue, record_label(layer_, index) + ": empty " + what_);
  if (auto [it, fresh] = first_use_.emplace(id, index); !fresh) {
    throw InputError(ErrorCode::kDuplicateId, record_label(layer_, index, id) + ": " + what_ +
                                                  " already used by record " + std::to_string(it->second + 1));
  }
}

void SnapshotDate::add(size_t index, std::string_view id, Days date) {
  if (date == kNoDate) return;
  if (date_ != kNoDate && date != date_) {
    throw InputError(ErrorCode::kBadValue, record_label(layer_, index, id) + ": snapshot_date " +
                                               format_iso_date(date) + " differs from " + format_iso_date(date_) +
                                               " at record " + std::to_string(record_ + 1) +
                                               "; one layer holds one snapshot");
  }
  date_ = date;
  record_ = index;
}

}  // namespace kk::layers
