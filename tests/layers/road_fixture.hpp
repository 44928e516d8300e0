// Road and facility files the reader tests write themselves: a hand-written OpenStreetMap XML
// file (read by GDAL's OSM driver, the code path of .osm.pbf), NWB-like layers written with
// GDAL (GeoPackage, Shapefile) and generic GeoJSON.
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "kernkompas/network/road_network.hpp"
#include "layer_fixture.hpp"

namespace kk::testing {

// Six nodes around Hilversum (WGS84):
//   n4 (52.201, 5.171)
//   n1 (52.200, 5.170) - n2 (52.200, 5.171) - n3 (52.200, 5.172) - n6 (52.200, 5.173)
//   n5 (52.199, 5.171)
// way 10 primary n1-n2-n3 (two-way); way 11 residential n4-n2-n5 with oneway=-1, crossing way
// 10 at its middle node n2; way 12 footway n1-n4 (not a road); way 13 motorway n3-n6 without
// a oneway tag (implied one-way); way 14 waterway n5-n6 (no highway tag).
inline const char* kOsmXml = R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="kernkompas tests">
  <node id="1" lat="52.200" lon="5.170" version="1"/>
  <node id="2" lat="52.200" lon="5.171" version="1"/>
  <node id="3" lat="52.200" lon="5.172" version="1"/>
  <node id="4" lat="52.201" lon="5.171" version="1"/>
  <node id="5" lat="52.199" lon="5.171" version="1"/>
  <node id="6" lat="52.200" lon="5.173" version="1"/>
  <way id="10" version="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="primary"/><tag k="name" v="Hoofdweg"/></way>
  <way id="11" version="1"><nd ref="4"/><nd ref="2"/><nd ref="5"/><tag k="highway" v="residential"/><tag k="oneway" v="-1"/></way>
  <way id="12" version="1"><nd ref="1"/><nd ref="4"/><tag k="highway" v="footway"/></way>
  <way id="13" version="1"><nd ref="3"/><nd ref="6"/><tag k="highway" v="motorway"/></way>
  <way id="14" version="1"><nd ref="5"/><nd ref="6"/><tag k="waterway" v="canal"/></way>
</osm>
)";

// 0.001 degree of longitude and of latitude at 52.2 N on the WGS84 ellipsoid, as RD New
// metres. By hand: a = 6378137, e2 = 0.00669438; a cos(phi) / sqrt(1 - e2 sin^2(phi)) * pi/180
// = 68,372 m per degree of longitude; a (1 - e2) / (1 - e2 sin^2(phi))^1.5 * pi/180 = 111,270 m
// per degree of latitude; times RD's scale near Hilversum (0.99991, 15 km from Amersfoort).
inline constexpr double kOsmLonStepM = 68.366;
inline constexpr double kOsmLatStepM = 111.260;

// One NWB wegvak: id, authority (WEGBEHSRT), subtype (BST_CODE), direction (RIJRICHTNG),
// vertices in RD New.
struct NwbRoad {
  int id;
  const char* authority;
  const char* subtype;
  const char* direction;
  std::vector<std::pair<double, double>> vertices;
};

// Four roads that make a network of 4 nodes and 4 links, and a cycle path (BST_CODE FP):
//   600001 R/HR/H  (130000 465000) -> (131000 465000)          1000 m, forward, 100 km/h
//   600002 R/AFR/T (131000 465000) -> (131000 465500)           500 m, backward, 60 km/h (the ramp)
//   600003 G/-/B   (131000 465500) -> (130000 465000)   1118.034 m, both, 50 km/h
//   600004 G/FP/-  (130000 465000) -> (130500 465250)           a cycle path: left out
//   600005 P/RB/O  (130000 465000) -> (130000 464000)          1000 m, both, 80 km/h (RB has no speed)
inline const std::vector<NwbRoad> kNwbRoads = {
    {600001, "R", "HR", "H", {{130000, 465000}, {131000, 465000}}},
    {600002, "R", "AFR", "T", {{131000, 465000}, {131000, 465500}}},
    {600003, "G", "", "B", {{131000, 465500}, {130000, 465000}}},
    {600004, "G", "FP", "", {{130000, 465000}, {130500, 465250}}},
    {600005, "P", "RB", "O", {{130000, 465000}, {130000, 464000}}},
};

// Writes `roads` as an NWB-like line layer (WVK_ID, WEGBEHSRT, BST_CODE, RIJRICHTNG) in RD New.
inline void write_nwb(const fs::path& path, const char* driver_name, const std::vector<NwbRoad>& roads) {
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
  ASSERT_NE(driver, nullptr);
  GDALDatasetUniquePtr dataset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  ASSERT_NE(dataset, nullptr);
  OGRSpatialReference rd;
  rd.importFromEPSG(28992);
  OGRLayer* layer = dataset->CreateLayer("wegvakken", &rd, wkbLineString, nullptr);
  ASSERT_NE(layer, nullptr);
  OGRFieldDefn id("WVK_ID", OFTInteger);
  layer->CreateField(&id);
  for (const char* name : {"WEGBEHSRT", "BST_CODE", "RIJRICHTNG"}) {
    OGRFieldDefn field(name, OFTString);
    field.SetWidth(3);
    layer->CreateField(&field);
  }
  for (const NwbRoad& road : roads) {
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField("WVK_ID", road.id);
    feature.SetField("WEGBEHSRT", road.authority);
    if (*road.subtype != '\0') feature.SetField("BST_CODE", road.subtype);
    if (*road.direction != '\0') feature.SetField("RIJRICHTNG", road.direction);
    OGRLineString line;
    for (const auto& [x, y] : road.vertices) line.addPoint(x, y);
    feature.SetGeometry(&line);
    ASSERT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
  }
}

// A GeoJSON FeatureCollection in RD New from "Feature" objects.
inline std::string rd_geojson(const std::vector<std::string>& features) {
  std::string text = R"({"type":"FeatureCollection",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[)";
  for (size_t i = 0; i < features.size(); ++i) text += (i == 0 ? "" : ",\n") + features[i];
  return text + "]}";
}

// One GeoJSON line feature with its properties (JSON text without braces) and coordinates.
inline std::string line_feature(const std::string& properties, const std::string& coordinates,
                                const std::string& type = "LineString") {
  return R"({"type":"Feature","properties":{)" + properties + R"(},"geometry":{"type":")" + type +
         R"(","coordinates":)" + coordinates + "}}";
}

// The link whose end nodes lie at (x0, y0) and (x1, y1) in either order (within 1 mm).
inline std::optional<uint32_t> find_link(const network::RoadNetwork& net, double x0, double y0, double x1, double y1) {
  auto at = [&](uint32_t node, double x, double y) {
    return std::abs(net.node_x(node) - x) < 1e-3 && std::abs(net.node_y(node) - y) < 1e-3;
  };
  for (uint32_t link = 0; link < net.link_count(); ++link) {
    const uint32_t a = net.link_from(link), b = net.link_to(link);
    if ((at(a, x0, y0) && at(b, x1, y1)) || (at(a, x1, y1) && at(b, x0, y0))) return link;
  }
  return std::nullopt;
}

// True when one of `notes` holds every one of `parts`.
inline bool has_note(const std::vector<std::string>& notes, const std::vector<std::string>& parts) {
  for (const std::string& note : notes) {
    bool all = true;
    for (const std::string& part : parts) all = all && note.find(part) != std::string::npos;
    if (all) return true;
  }
  return false;
}

}  // namespace kk::testing
