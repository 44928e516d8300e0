// The road reader: line features streamed into the engine's RoadNetworkBuilder, with a class
// (speed) and a direction per line as OpenStreetMap, the NWB or a generic layer define them.
#include "kernkompas/layers/roads.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <span>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "kernkompas/core/error.hpp"
#include "ogr_source.hpp"

namespace kk::layers {
namespace {

using detail::OgrSource;
using network::Direction;

constexpr long kProgressEvery = 16384;
// Vertices transformed to the working CRS at once: bounds the reader's memory whatever the
// layer's size, and amortises the CRS look-up.
constexpr size_t kBatchVertices = 1 << 16;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// One quoted string of an hstore text at `pos` (which must hold '"'), with \" and \\ escapes
// as GDAL's OSM driver writes them; advances `pos` past the closing quote.
bool read_quoted(std::string_view text, size_t& pos, std::string& out) {
  if (pos >= text.size() || text[pos] != '"') return false;
  ++pos;
  out.clear();
  while (pos < text.size()) {
    const char c = text[pos++];
    if (c == '\\' && pos < text.size()) {
      out += text[pos++];
    } else if (c == '"') {
      return true;
    } else {
      out += c;
    }
  }
  return false;
}

// The value of `key` in an hstore text such as GDAL's OSM other_tags
// ("oneway"=>"yes","junction"=>"roundabout"); empty when absent or the text is malformed.
std::string hstore_value(std::string_view tags, std::string_view key) {
  size_t pos = 0;
  std::string k, v;
  auto skip = [&](std::string_view chars) {
    while (pos < tags.size() && chars.find(tags[pos]) != std::string_view::npos) ++pos;
  };
  while (true) {
    skip(" ,");
    if (pos >= tags.size() || !read_quoted(tags, pos, k)) return {};
    skip(" ");
    if (tags.compare(pos, 2, "=>") != 0) return {};
    pos += 2;
    skip(" ");
    if (tags.compare(pos, 4, "NULL") == 0) {
      pos += 4;
      v.clear();
    } else if (!read_quoted(tags, pos, v)) {
      return {};
    }
    if (k == key) return v;
  }
}

// Class values -> class indexes of the network: one per value with a speed > 0, and the last
// for values not listed (the default speed).
struct ClassTable {
  std::unordered_map<std::string, uint16_t> index;
  std::unordered_set<std::string> not_roads;  // speed 0
  std::vector<double> speed_kmh;
  uint16_t unlisted = 0;

  ClassTable(const RoadSource& source, const std::string& label) {
    if (!(source.default_speed_kmh > 0) || !std::isfinite(source.default_speed_kmh)) {
      throw InputError(ErrorCode::kConfig, label + ": default_speed_kmh must be a speed in km/h > 0");
    }
    for (const auto& [value, kmh] : source.speed_kmh) {
      if (!std::isfinite(kmh) || kmh < 0) {
        throw InputError(ErrorCode::kConfig,
                         label + ": the speed of road class '" + value + "' must be a speed in km/h >= 0");
      }
      if (kmh == 0) {
        not_roads.insert(value);
        continue;
      }
      if (speed_kmh.size() >= 65534) throw InputError(ErrorCode::kConfig, label + ": more than 65,534 road classes");
      index.emplace(value, static_cast<uint16_t>(speed_kmh.size()));
      speed_kmh.push_back(kmh);
    }
    unlisted = static_cast<uint16_t>(speed_kmh.size());
    speed_kmh.push_back(source.default_speed_kmh);
  }
  // The table names the value: a road with a speed, or not a road (speed 0).
  bool lists(const std::string& value) const { return index.contains(value) || not_roads.contains(value); }
};

// What one record is: a road of a class with a direction, or something left out.
struct LineKind {
  bool road = true;
  uint16_t road_class = 0;
  Direction direction = Direction::kBoth;
};

// Counters for the notes, by class value where that says something.
struct Tally {
  long records = 0, roads = 0, lines = 0;
  long no_class = 0;                                // roads without a class value
  std::map<std::string, long> left_out;             // class value (speed 0) -> records
  std::map<std::string, long> unlisted;             // class value without a speed -> records
  long not_highway = 0;                             // OSM lines without highway=*
  long reversible = 0;                              // OSM oneway=reversible, left out
  std::map<std::string, long> unknown_oneway;       // OSM oneway values not understood
};

// "'footway' 12, 'path' 3": the ten most frequent values (then by name), and how many more.
std::string count_list(const std::map<std::string, long>& counts) {
  constexpr size_t kShown = 10;
  std::vector<std::pair<std::string, long>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string text;
  for (size_t i = 0; i < sorted.size() && i < kShown; ++i) {
    text += (i == 0 ? "'" : ", '") + sorted[i].first + "' " + std::to_string(sorted[i].second);
  }
  if (sorted.size() > kShown) text += " and " + std::to_string(sorted.size() - kShown) + " more";
  return text;
}

long total(const std::map<std::string, long>& counts) {
  long sum = 0;
  for (const auto& [value, count] : counts) sum += count;
  return sum;
}

// Reads classes and directions record by record, as the format says.
class RecordReader {
 public:
  RecordReader(const OgrSource& src, const RoadSource& source, RoadFormat format, const ClassTable& classes)
      : src_(src), source_(source), format_(format), classes_(classes) {
    switch (format) {
      case RoadFormat::kOsm:
        class_field_ = mapped_or("road_class", "highway");
        if (!class_field_) src.required_field("road_class");  // the error naming the columns
        oneway_field_ = mapped_or("oneway", "oneway");
        junction_field_ = src.column("junction");
        tags_field_ = src.column("other_tags");
        if (!tags_field_) tags_field_ = src.column("all_tags");
        id_field_ = mapped_or("id", "osm_id");
        break;
      case RoadFormat::kNwb:
        class_field_ = mapped_or("road_class", "WEGBEHSRT");
        subclass_field_ = src.column("BST_CODE");
        oneway_field_ = mapped_or("oneway", "RIJRICHTNG");
        id_field_ = mapped_or("id", "WVK_ID");
        break;
      case RoadFormat::kGeneric:
        class_field_ = mapped_or("road_class", "road_class");
        oneway_field_ = mapped_or("oneway", "oneway");
        id_field_ = mapped_or("id", "id");
        break;
    }
  }

  std::string id(const OGRFeature& feature) const { return src_.text(feature, id_field_); }

  LineKind read(const OGRFeature& feature, long record, const std::string& id, Tally& tally) const {
    LineKind kind;
    std::string value = src_.text(feature, class_field_);
    if (format_ == RoadFormat::kOsm && value.empty()) {
      ++tally.not_highway;  // a waterway, railway, barrier, ... among the OSM lines
      kind.road = false;
      return kind;
    }
    if (format_ == RoadFormat::kNwb) {
      const std::string subclass = src_.text(feature, subclass_field_);
      if (!subclass.empty() && classes_.lists(subclass)) value = subclass;
    }
    if (value.empty()) {
      ++tally.no_class;
      kind.road_class = classes_.unlisted;
    } else if (const auto found = classes_.index.find(value); found != classes_.index.end()) {
      kind.road_class = found->second;
    } else if (classes_.not_roads.contains(value)) {
      ++tally.left_out[value];
      kind.road = false;
      return kind;
    } else {
      ++tally.unlisted[value];
      kind.road_class = classes_.unlisted;
    }
    switch (format_) {
      case RoadFormat::kOsm:
        return osm_direction(feature, value, kind, tally);
      case RoadFormat::kNwb:
        kind.direction = nwb_direction(src_.text(feature, oneway_field_), record, id);
        return kind;
      case RoadFormat::kGeneric:
        kind.direction = generic_direction(src_.text(feature, oneway_field_), record, id);
        return kind;
    }
    return kind;
  }

 private:
  // The mapped column of `engine_name` (an error when mapped but absent), else the format's own.
  std::optional<int> mapped_or(const std::string& engine_name, const std::string& column) const {
    if (source_.source.fields.contains(engine_name)) return src_.field(engine_name);
    return src_.column(column);
  }

  std::string tag(const OGRFeature& feature, std::optional<int> field, std::string_view key) const {
    if (field) return src_.text(feature, field);
    if (tags_field_) return hstore_value(src_.text(feature, tags_field_), key);
    return {};
  }

  // OSM: oneway=yes/true/1 and -1/reverse; implied by junction=roundabout/circular and
  // highway=motorway (as OSRM's car profile: motorway_link does not imply it); oneway=no, false,
  // 0 and alternating are two-way; reversible (direction by time of day) is left out. OSM is
  // edited by hand: a value not understood is noted and read as two-way.
  LineKind osm_direction(const OGRFeature& feature, const std::string& highway, LineKind kind, Tally& tally) const {
    const std::string oneway = lower(tag(feature, oneway_field_, "oneway"));
    if (oneway == "yes" || oneway == "true" || oneway == "1") {
      kind.direction = Direction::kForward;
    } else if (oneway == "-1" || oneway == "reverse") {
      kind.direction = Direction::kBackward;
    } else if (oneway == "no" || oneway == "false" || oneway == "0" || oneway == "alternating") {
      kind.direction = Direction::kBoth;
    } else if (oneway == "reversible") {
      ++tally.reversible;
      kind.road = false;
    } else if (oneway.empty()) {
      const std::string junction = lower(tag(feature, junction_field_, "junction"));
      const bool implied = junction == "roundabout" || junction == "circular" || highway == "motorway";
      kind.direction = implied ? Direction::kForward : Direction::kBoth;
    } else {
      ++tally.unknown_oneway[oneway];
      kind.direction = Direction::kBoth;
    }
    return kind;
  }

  Direction nwb_direction(const std::string& value, long record, const std::string& id) const {
    const std::string v = lower(value);
    if (v == "h") return Direction::kForward;
    if (v == "t") return Direction::kBackward;
    if (v.empty() || v == "b" || v == "o") return Direction::kBoth;
    src_.fail(ErrorCode::kBadValue, record, id,
              "RIJRICHTNG '" + value + "' is not a direction (H = with the line, T = against it, B or O = both ways)");
  }

  Direction generic_direction(const std::string& value, long record, const std::string& id) const {
    const std::string v = lower(value);
    if (v == "yes" || v == "true" || v == "1" || v == "h") return Direction::kForward;
    if (v == "-1" || v == "t") return Direction::kBackward;
    if (v.empty() || v == "no" || v == "false" || v == "0" || v == "b" || v == "o") return Direction::kBoth;
    src_.fail(ErrorCode::kBadValue, record, id,
              "oneway '" + value + "' is not a direction (yes/true/1/H = one-way along the line, -1/T = against it, "
              "no/false/0/B or empty = both ways)");
  }

  const OgrSource& src_;
  const RoadSource& source_;
  RoadFormat format_;
  const ClassTable& classes_;
  std::optional<int> class_field_, subclass_field_, oneway_field_, junction_field_, tags_field_, id_field_;
};

// Lines waiting for their transformation into the working CRS, then for the builder.
class LineBatch {
 public:
  LineBatch(const OgrSource& src, std::string source_crs, const std::string& working_crs,
            network::RoadNetworkBuilder& builder)
      : src_(src), source_crs_(std::move(source_crs)), working_crs_(working_crs), builder_(builder) {}

  void add(const OGRLineString& line, long record, const std::string& id, const LineKind& kind) {
    const int n = line.getNumPoints();
    if (n < 2) {
      src_.fail(ErrorCode::kInvalidGeometry, record, id, "a line needs two vertices or more, found " + std::to_string(n));
    }
    for (int i = 0; i < n; ++i) {
      const double x = line.getX(i), y = line.getY(i);
      if (!std::isfinite(x) || !std::isfinite(y)) {
        src_.fail(ErrorCode::kBadValue, record, id, "vertex " + std::to_string(i + 1) + " is NaN or infinite");
      }
      x_.push_back(x);
      y_.push_back(y);
    }
    offsets_.push_back(x_.size());
    records_.push_back(record);
    ids_.push_back(id);
    kinds_.push_back(kind);
    if (x_.size() >= kBatchVertices) flush();
  }

  void flush() {
    if (records_.empty()) return;
    const RecordLabel label = [this](size_t vertex) {
      const auto after = std::upper_bound(offsets_.begin(), offsets_.end(), vertex);
      const auto line = static_cast<size_t>(after - offsets_.begin()) - 1;
      return src_.record_label(records_[line], ids_[line]);
    };
    to_working_crs(source_crs_, working_crs_, x_, y_, label, "crs in the config");
    for (size_t i = 0; i < records_.size(); ++i) {
      const std::span<const double> xs(x_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]);
      const std::span<const double> ys(y_.data() + offsets_[i], xs.size());
      try {
        builder_.add_line(xs, ys, kinds_[i].road_class, kinds_[i].direction);
      } catch (const InputError& e) {
        throw InputError(e.code(), src_.record_label(records_[i], ids_[i]) + ": " + e.what());
      }
    }
    x_.clear();
    y_.clear();
    offsets_.assign(1, 0);
    records_.clear();
    ids_.clear();
    kinds_.clear();
  }

 private:
  const OgrSource& src_;
  std::string source_crs_;
  const std::string& working_crs_;
  network::RoadNetworkBuilder& builder_;
  std::vector<double> x_, y_;
  std::vector<size_t> offsets_{0};
  std::vector<long> records_;
  std::vector<std::string> ids_;
  std::vector<LineKind> kinds_;
};

// The lines of one feature's geometry: a LineString, or each part of a MultiLineString (curves
// are approximated by GDAL first).
void add_geometry(const OGRFeature& feature, const OgrSource& src, long record, const std::string& id,
                  const LineKind& kind, LineBatch& batch, Tally& tally) {
  const OGRGeometry* geometry = feature.GetGeometryRef();
  if (geometry == nullptr || geometry->IsEmpty()) src.fail(ErrorCode::kEmptyGeometry, record, id, "no geometry");
  std::unique_ptr<OGRGeometry> linear;
  if (geometry->hasCurveGeometry()) {
    linear.reset(geometry->getLinearGeometry());
    geometry = linear.get();
  }
  const OGRwkbGeometryType type = wkbFlatten(geometry->getGeometryType());
  if (type == wkbLineString) {
    batch.add(*geometry->toLineString(), record, id, kind);
    ++tally.lines;
  } else if (type == wkbMultiLineString) {
    for (const OGRLineString* part : *geometry->toMultiLineString()) {
      if (part->IsEmpty()) continue;
      batch.add(*part, record, id, kind);
      ++tally.lines;
    }
  } else {
    src.fail(ErrorCode::kWrongGeometryType, record, id,
             std::string("expected a line, found ") + OGRGeometryTypeToName(type));
  }
}

RoadFormat chosen_format(const RoadSource& source, const OgrSource& src) {
  if (source.format == "osm") return RoadFormat::kOsm;
  if (source.format == "nwb") return RoadFormat::kNwb;
  if (source.format == "generic") return RoadFormat::kGeneric;
  if (!source.format.empty()) {
    throw InputError(ErrorCode::kConfig, src.label() + ": road format '" + source.format +
                                             "' is not one of osm, nwb, generic");
  }
  if (src.driver_name() == "OSM") return RoadFormat::kOsm;
  // OSM lines converted to another format (ogr2ogr roads.osm.pbf lines -> roads.gpkg).
  if (src.column("highway") && (src.column("other_tags") || src.column("osm_id"))) return RoadFormat::kOsm;
  if (src.column("RIJRICHTNG")) return RoadFormat::kNwb;
  return RoadFormat::kGeneric;
}

// The layer to open: GDAL's OSM driver puts ways in "lines" (its first layer is "points").
LayerSource layer_to_open(const RoadSource& source) {
  LayerSource layer = source.source;
  if (layer.layer.empty() && detail::identify_vector_driver(layer.path) == "OSM") layer.layer = "lines";
  return layer;
}

const char* format_name(RoadFormat format) {
  switch (format) {
    case RoadFormat::kOsm: return "osm";
    case RoadFormat::kNwb: return "nwb";
    case RoadFormat::kGeneric: return "generic";
  }
  return "";
}

// "1 record", "2 records".
std::string counted(size_t n, const std::string& singular, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

void add_notes(const OgrSource& src, RoadFormat format, const Tally& tally, const network::RoadNetwork& network,
               const RoadSource& source, Notes& notes) {
  std::ostringstream speed_text;
  speed_text << source.default_speed_kmh;
  const std::string speed = speed_text.str() + " km/h";
  const std::string& label = src.label();
  const auto n = [](long count) { return static_cast<size_t>(count); };
  // A clean read of one connected network is silent; otherwise the network's figures come
  // first, as context for what follows.
  const size_t before = notes.size();
  if (tally.not_highway > 0) {
    notes.push_back(label + ": " + counted(n(tally.not_highway), "line", "lines") +
                    " without highway=* (waterways, railways, ...) left out");
  }
  if (!tally.left_out.empty()) {
    notes.push_back(label + ": " + counted(n(total(tally.left_out)), "record", "records") +
                    " of classes that are not roads for cars (speed 0) left out: " + count_list(tally.left_out));
  }
  if (tally.reversible > 0) {
    notes.push_back(label + ": " + counted(n(tally.reversible), "way", "ways") +
                    " with oneway=reversible (direction by time of day) left out");
  }
  if (!tally.unlisted.empty()) {
    notes.push_back(label + ": " + counted(tally.unlisted.size(), "road class", "road classes") + " without a speed (" +
                    counted(n(total(tally.unlisted)), "record", "records") + ")" +
                    (tally.unlisted.size() == 1 ? " travels" : " travel") + " at the default " + speed + ": " +
                    count_list(tally.unlisted) + "; give their speeds under [roads.speeds]");
  }
  if (tally.no_class > 0 && tally.no_class == tally.roads) {
    notes.push_back(label + ": no road class (no column, or every value empty): every road travels at the default " +
                    speed);
  } else if (tally.no_class > 0) {
    notes.push_back(label + ": " + counted(n(tally.no_class), "road", "roads") + " without a road class" +
                    (tally.no_class == 1 ? " travels" : " travel") + " at the default " + speed);
  }
  if (!tally.unknown_oneway.empty()) {
    notes.push_back(label + ": " + counted(n(total(tally.unknown_oneway)), "way", "ways") +
                    " with a oneway value not understood, read as two-way: " + count_list(tally.unknown_oneway));
  }
  if (network.skipped_lines() > 0) {
    notes.push_back(label + ": " + counted(network.skipped_lines(), "line", "lines") +
                    " without length (all vertices equal) left out");
  }
  if (notes.size() == before && network.component_count() <= 1) return;
  const std::string figures =
      label + ": roads read as " + format_name(format) + ": " + counted(n(tally.records), "record", "records") + ", " +
      counted(n(tally.roads), "road", "roads") + " (" + counted(n(tally.lines), "line", "lines") + ") -> " +
      counted(network.link_count(), "link", "links") + ", " + counted(network.node_count(), "node", "nodes") + ", " +
      counted(network.component_count(), "component", "components");
  notes.insert(notes.begin() + static_cast<std::ptrdiff_t>(before), figures);
}

}  // namespace

RoadFormat road_format(const RoadSource& source) {
  const OgrSource src(layer_to_open(source), "roads");
  return chosen_format(source, src);
}

network::RoadNetwork read_roads(const RoadSource& source, const std::string& working_crs, Notes& notes,
                                const ProgressCallback& progress) {
  OgrSource src(layer_to_open(source), "roads");
  src.expect_geometry(wkbLineString);
  const RoadFormat format = chosen_format(source, src);
  const ClassTable classes(source, src.label());
  const RecordReader reader(src, source, format, classes);

  network::RoadNetworkOptions options;
  options.speed_kmh = classes.speed_kmh;
  options.node_tolerance_m = source.node_tolerance_m;
  options.split_at_shared_vertices = source.split_at_shared_vertices.value_or(format == RoadFormat::kOsm);
  if (!std::isfinite(options.node_tolerance_m) || options.node_tolerance_m < 0) {
    throw InputError(ErrorCode::kConfig, src.label() + ": node_tolerance_m must be a distance in metres >= 0");
  }
  network::RoadNetworkBuilder builder(options);
  LineBatch batch(src, src.crs_definition(), working_crs, builder);

  const long declared = src.declared_count();
  report_progress(progress, "read roads", 0.0);
  Tally tally;
  while (const auto feature = src.next()) {
    const long record = ++tally.records;
    if (record % kProgressEvery == 0) {
      report_progress(progress, "read roads", declared > 0 ? std::min(1.0, double(record) / double(declared)) : 0.0);
    }
    const std::string id = reader.id(*feature);
    const LineKind kind = reader.read(*feature, record, id, tally);
    if (!kind.road) continue;
    ++tally.roads;
    add_geometry(*feature, src, record, id, kind, batch, tally);
  }
  batch.flush();
  if (tally.roads == 0) {
    std::string why = std::to_string(tally.records) + " records read, none of them a road";
    if (tally.not_highway > 0) why += "; " + std::to_string(tally.not_highway) + " without highway=*";
    if (!tally.left_out.empty()) why += "; not roads for cars: " + count_list(tally.left_out);
    throw InputError(ErrorCode::kEmptyLayer, src.label() + ": no roads (" + why + ")");
  }
  network::RoadNetwork network = builder.build();
  if (network.link_count() == 0) {
    throw InputError(ErrorCode::kEmptyLayer, src.label() + ": no roads: every line has no length (all its vertices equal)");
  }
  add_notes(src, format, tally, network, source, notes);
  src.take_warnings(notes);
  report_progress(progress, "read roads", 1.0);
  return network;
}

}  // namespace kk::layers
