// Shared test data for the layers tests: small kernen and locations written to a temp folder.
#pragma once

#include <gdal_utils.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kernkompas/layers/config.hpp"

namespace kk::testing {

namespace fs = std::filesystem;

// Three kernen in RD New: A and B share the edge x = 131000; C is a multipolygon whose
// first part has a hole.
inline const char* kKernenGeoJson = R"({"type":"FeatureCollection",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},
"features":[
{"type":"Feature","properties":{"code":"A","name":"Alpha","aliases":"Alfa","population":1000},
 "geometry":{"type":"Polygon","coordinates":[[[130000,465000],[131000,465000],[131000,466000],[130000,466000],[130000,465000]]]}},
{"type":"Feature","properties":{"code":"B","name":"Beta","aliases":"","population":500},
 "geometry":{"type":"Polygon","coordinates":[[[131000,465000],[132000,465000],[132000,466000],[131000,466000],[131000,465000]]]}},
{"type":"Feature","properties":{"code":"C","name":"Gamma","aliases":"Gama;Gammma","population":null},
 "geometry":{"type":"MultiPolygon","coordinates":[
   [[[133000,465000],[135000,465000],[135000,467000],[133000,467000],[133000,465000]],
    [[133500,465500],[134500,465500],[134500,466500],[133500,466500],[133500,465500]]],
   [[[136000,465000],[137000,465000],[137000,466000],[136000,466000],[136000,465000]]]]}}
]})";

// Locations: id, expected kern code ("" = buitengebied).
struct ExpectedLocation {
  const char* id;
  double x, y;
  const char* kern;
};
inline const std::vector<ExpectedLocation> kLocations = {
    {"L1", 130500, 465500, "A"},  // inside A
    {"L2", 131000, 465500, "A"},  // on the A|B shared edge: A comes first
    {"L3", 131500, 465200, "B"},  // inside B
    {"L4", 134000, 466000, ""},   // inside the hole of C: outside every kern
    {"L5", 133200, 466800, "C"},  // in C's first part, outside the hole
    {"L6", 136500, 465500, "C"},  // in C's second part
    {"L7", 140000, 470000, ""},   // outside everything
    {"L8", 133500, 466000, "C"},  // on the hole's boundary: covered by C
};

inline const char* kLocationsCsvHeader = "id,name,sbi,x,y,floor_area_m2,status,vacant_since,employees\n";

inline std::string locations_csv() {
  std::string csv = kLocationsCsvHeader;
  const char* sbi[] = {"47.11", "4711", "56.10", "62.01", "01.13", "", "68.20", "86.21"};
  for (size_t i = 0; i < kLocations.size(); ++i) {
    const auto& l = kLocations[i];
    csv += std::string(l.id) + ",Shop " + std::to_string(i) + "," + sbi[i] + "," +
           std::to_string(l.x) + "," + std::to_string(l.y) + "," +
           (i % 3 == 0 ? "" : std::to_string(50 * (i + 1))) + "," +
           (i % 4 == 1 ? "vacant,2023-06-01" : "occupied,") + "," + std::to_string(i) + "\n";
  }
  return csv;
}

class LayerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kk-layers-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    write("kernen.geojson", kKernenGeoJson);
    write("locations.csv", locations_csv());
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }

  // Translates `from` to `to` with ogr2ogr-style arguments (GDAL's library, not the tool).
  // `open_options` open the source (e.g. X_POSSIBLE_NAMES=x for a CSV).
  void translate(const fs::path& from, const fs::path& to, std::vector<std::string> args,
                 std::vector<std::string> open_options = {}) const {
    std::vector<char*> argv, oo;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& o : open_options) oo.push_back(o.data());
    oo.push_back(nullptr);
    GDALAllRegister();
    GDALDatasetH source = GDALOpenEx(from.c_str(), GDAL_OF_VECTOR, nullptr, oo.data(), nullptr);
    ASSERT_NE(source, nullptr) << from;
    GDALVectorTranslateOptions* options = GDALVectorTranslateOptionsNew(argv.data(), nullptr);
    int error = 0;
    GDALDatasetH out = GDALVectorTranslate(to.c_str(), nullptr, 1, &source, options, &error);
    GDALVectorTranslateOptionsFree(options);
    ASSERT_NE(out, nullptr) << to;
    GDALClose(out);
    GDALClose(source);
  }

  layers::LayerSource csv_locations(const fs::path& path) const {
    layers::LayerSource s;
    s.path = path;
    s.x_column = "x";
    s.y_column = "y";
    s.crs = "EPSG:28992";
    return s;
  }
  layers::LayerSource kernen_source() const {
    layers::LayerSource s;
    s.path = dir_ / "kernen.geojson";
    return s;
  }

  fs::path dir_;
};

}  // namespace kk::testing
