// The project configuration (TOML): where the layers are and how their fields map.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernkompas/core/date.hpp"
#include "kernkompas/core/options.hpp"

namespace kk::layers {

// One input layer and how to read it.
struct LayerSource {
  std::filesystem::path path;  // absolute, resolved against the config file's folder
  std::string layer;           // layer name inside the file; empty = the first layer
  // CRS of the data when the file carries none (CSV, GeoJSON without crs member, ...).
  // Anything PROJ understands: "EPSG:28992", WKT, PROJ string.
  std::string crs;
  // CSV and other tables without geometry: coordinate columns or a WKT column (point
  // layers only: kernen are polygons read from the layer's geometry).
  std::string x_column, y_column, wkt_column;
  // Encoding of the file's text ("cp1252", "ISO-8859-1", ... anything iconv knows), recoded
  // to UTF-8 when read. DEFAULT: empty: text must be UTF-8, except that a Shapefile's text
  // follows its .cpg file (or the code page in its .dbf header), as GDAL reads it.
  std::string encoding;
  // engine field name -> column in the file, e.g. "id" -> "kvk_vestigingsnummer".
  std::map<std::string, std::string> fields;
};

// The road network: any line layer GDAL reads, and how its records become links.
struct RoadSource {
  LayerSource source;  // fields: "road_class" (text or number), "oneway" (see `format`)
  // How classes and directions are read:
  //   "osm"     GDAL's OSM driver (.osm.pbf, .osm): layer "lines", highway=* ways only; class
  //             from `highway`, direction from oneway=yes/1/true / -1 (other_tags or a field);
  //   "nwb"     the Dutch Nationaal Wegenbestand: class from BST_CODE (or WEGBEHSRT),
  //             direction from RIJRICHTNG (H = with the digitising direction, T = against,
  //             B/O/empty = both);
  //   "generic" the mapped fields: road_class, and oneway as yes/no/-1 or H/T/B;
  //   ""        chosen from the file: the OSM driver -> osm, a RIJRICHTNG field -> nwb, else
  //             generic.
  std::string format;
  // Speed in km/h per road class value (text as in the file). A class not listed travels at
  // default_speed_kmh, and the run notes how many links did. DEFAULT: kDefaultRoadSpeeds.
  std::map<std::string, double> speed_kmh;
  double default_speed_kmh = 50.0;
  // Also make nodes of vertices shared mid-way by several lines. DEFAULT: true for "osm"
  // (ways share nodes mid-way), false otherwise.
  std::optional<bool> split_at_shared_vertices;
  double node_tolerance_m = 0.0;  // see kk::network::RoadNetworkOptions
};

// The facilities: a point layer with a type field (fields: "type", optional "id", "name").
struct FacilitySource {
  LayerSource source;
  // Value in the file -> facility type, e.g. "treinstation" -> "station". Empty: the file's
  // values are the types. When set, a value that is not mapped is an error naming the record.
  std::map<std::string, std::string> types;
};

struct Snapshot {
  LayerSource source;
  Days date = kNoDate;  // overrides the snapshot_date field when set
};

struct ProjectConfig {
  std::filesystem::path config_path;       // the file read (empty when built in code)
  std::string area_name = "Wijdemeren";
  std::string working_crs = "EPSG:28992";  // metric CRS every computation runs in
  LayerSource kernen;
  LayerSource locations;
  std::optional<LayerSource> population;   // points with an inhabitants field
  std::vector<Snapshot> snapshots;         // earlier registers of the same area
  std::optional<RoadSource> roads;         // the road network (accessibility)
  std::optional<FacilitySource> facilities;  // destinations (accessibility)
  // Every option section ([execution], [disclosure], and one per indicator family):
  // the values the config sets, engine defaults elsewhere.
  Settings settings;
};

// Engine field names each layer understands, for validation and --help.
const std::vector<std::string>& kern_field_names();
const std::vector<std::string>& location_field_names();

// Reads a TOML config. Option sections are those of kk::option_sections(); a key may also
// be an option's older name (an alias, such as a setting that moved to [execution]). Unknown sections or keys are errors (a typo must not be silently
// ignored). Throws kk::InputError naming the file, the key and the problem.
ProjectConfig load_config(const std::filesystem::path& path);

// As load_config, for TOML text already in memory; `path` is where it came from (messages
// name it, relative layer paths resolve against its folder). load_config reads the file and
// calls this; tests and the fuzz harness call it directly.
ProjectConfig parse_config(std::string_view toml_text, const std::filesystem::path& path);

// The embedded Wijdemeren configuration: $KERNKOMPAS_DATA/wijdemeren/kernkompas.toml if set,
// else the installed share/kernkompas/datasets, else the source tree's datasets/.
std::filesystem::path default_config_path();

}  // namespace kk::layers
