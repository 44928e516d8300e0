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

// Built-in travel speeds (km/h) per road class value, for OpenStreetMap `highway` values (lower
// case) and the NWB's WEGBEHSRT (one capital) and BST_CODE (two or three capitals) values; the
// names never collide. A speed of 0 marks a value that is not a road for cars: lines of that
// class are left out (and counted in the notes). Sources and reasons: docs/configuration.md,
// "Road speeds".
struct RoadSpeed {
  std::string_view road_class;
  double kmh;
};
inline constexpr RoadSpeed kDefaultRoadSpeeds[] = {
    // OpenStreetMap highway=*: roads for cars
    {"motorway", 100},
    {"motorway_link", 60},
    {"trunk", 80},
    {"trunk_link", 50},
    {"primary", 70},
    {"primary_link", 50},
    {"secondary", 60},
    {"secondary_link", 50},
    {"tertiary", 50},
    {"tertiary_link", 40},
    {"unclassified", 50},
    {"residential", 30},
    {"living_street", 15},
    {"service", 20},
    {"road", 40},
    // OpenStreetMap highway=*: not for cars (0 = left out)
    {"footway", 0},
    {"cycleway", 0},
    {"path", 0},
    {"steps", 0},
    {"pedestrian", 0},
    {"track", 0},
    {"bridleway", 0},
    {"construction", 0},
    {"proposed", 0},
    {"corridor", 0},
    {"elevator", 0},
    {"platform", 0},
    {"bus_stop", 0},
    {"busway", 0},
    {"bus_guideway", 0},
    {"raceway", 0},
    {"abandoned", 0},
    {"disused", 0},
    {"razed", 0},
    {"via_ferrata", 0},
    {"escape", 0},
    // NWB WEGBEHSRT (road authority): Rijk, Provincie, Waterschap, Gemeente, other
    {"R", 100},
    {"P", 80},
    {"W", 60},
    {"G", 50},
    {"T", 30},
    // NWB BST_CODE (carriageway subtype), where it says more than the authority
    {"OPR", 60},  // oprit, on-ramp
    {"AFR", 60},  // afrit, off-ramp
    {"VBD", 60},  // verbindingsweg direct (interchange connector)
    {"FP", 0},    // fietspad
    {"VP", 0},    // voetpad
    {"BU", 0},    // busbaan
};

// kDefaultRoadSpeeds as a map: class value -> km/h.
std::map<std::string, double> default_road_speeds();

// The road network: any line layer GDAL reads, and how its records become links.
struct RoadSource {
  // fields: "road_class" (text or number), "oneway" (see `format`), "id" (named in messages).
  // Unmapped, each format has its own columns: osm highway / oneway (or other_tags) / osm_id;
  // nwb WEGBEHSRT (and BST_CODE) / RIJRICHTNG / WVK_ID; generic road_class / oneway / id.
  LayerSource source;
  // How classes and directions are read:
  //   "osm"     GDAL's OSM driver (.osm.pbf, .osm): layer "lines", highway=* ways only; class
  //             from `highway`, direction from oneway=yes/1/true / -1 (other_tags or a field);
  //             junction=roundabout/circular and highway=motorway are one-way unless oneway=no;
  //   "nwb"     the Dutch Nationaal Wegenbestand: class from BST_CODE when it has a speed in
  //             `speed_kmh`, else WEGBEHSRT; direction from RIJRICHTNG (H = with the digitising
  //             direction, T = against, B/O/empty = both);
  //   "generic" the mapped fields: road_class, and oneway as yes/true/1/H (forward),
  //             -1/T (backward), no/false/0/B/empty (both);
  //   ""        chosen from the file: the OSM driver, or a highway column with other_tags or
  //             osm_id (OSM lines converted by ogr2ogr) -> osm; a RIJRICHTNG column -> nwb;
  //             else generic.
  std::string format;
  // Speed in km/h per road class value (text as in the file); 0 = not a road, left out. The
  // TOML's [roads.speeds] change or add entries of the built-in table. A class not listed
  // travels at default_speed_kmh, and the notes count those lines. DEFAULT: kDefaultRoadSpeeds.
  std::map<std::string, double> speed_kmh = default_road_speeds();
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
  // Types are lower case [a-z0-9_] (they name output columns); the file's values are lowered.
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
const std::vector<std::string>& road_field_names();      // road_class, oneway, id
const std::vector<std::string>& facility_field_names();  // type, id, name

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
