// Text input is UTF-8, or its encoding is named per layer (`encoding = "cp1252"`); invalid
// UTF-8 is refused naming the file, the record and the column; a Shapefile's .cpg is honoured.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/read.hpp"
#include "layer_fixture.hpp"

namespace kk::testing {
namespace {

// The names as UTF-8, and as a Dutch Windows (cp1252) program writes them: é is E9, the
// left single quotation mark ‘ (U+2018) is 91.
const std::string kCafeUtf8 = "Caf\xC3\xA9 De Kwakel";
const std::string kHoekjeUtf8 = "Loosdrecht \xE2\x80\x98t Hoekje";
const std::string kCafeCp1252 = "Caf\xE9 De Kwakel";
const std::string kHoekjeCp1252 = "Loosdrecht \x91t Hoekje";

class EncodingTest : public LayerTest {
 protected:
  // Excel's "CSV (puntkomma)" on a Dutch Windows: semicolons, decimal commas, CRLF, cp1252.
  layers::LayerSource excel_csv(const std::string& encoding = {}) {
    layers::LayerSource source;
    source.path = write("register.csv", "vestigingsnummer;handelsnaam;x;y\r\n"
                                        "P1;" + kCafeCp1252 + ";130100,5;465100\r\n"
                                        "P2;" + kHoekjeCp1252 + ";131500;465200,25\r\n");
    source.x_column = "x";
    source.y_column = "y";
    source.crs = "EPSG:28992";
    source.fields = {{"id", "vestigingsnummer"}, {"name", "handelsnaam"}};
    source.encoding = encoding;
    return source;
  }

  // A point Shapefile whose .dbf holds the names' cp1252 bytes, as an old GIS writes them:
  // no .cpg, code page byte 0 in the .dbf header.
  fs::path cp1252_shapefile() {
    GDALAllRegister();
    const fs::path path = dir_ / "winkels.shp";
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    EXPECT_TRUE(ds);
    OGRSpatialReference srs;
    srs.importFromEPSG(28992);
    char** options = CSLSetNameValue(nullptr, "ENCODING", "");  // write the bytes as given
    OGRLayer* layer = ds->CreateLayer("winkels", &srs, wkbPoint, options);
    CSLDestroy(options);
    OGRFieldDefn id("id", OFTString), name("naam", OFTString);
    layer->CreateField(&id);
    layer->CreateField(&name);
    int n = 0;
    for (const std::string& text : {kCafeCp1252, kHoekjeCp1252}) {
      OGRFeature feature(layer->GetLayerDefn());
      feature.SetField(0, ("P" + std::to_string(++n)).c_str());
      feature.SetField(1, text.c_str());
      OGRPoint point(130000 + 100 * n, 465100);
      feature.SetGeometry(&point);
      EXPECT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
    }
    ds.reset();
    // As an old GIS leaves it: no .cpg (GDAL writes one) and no code page (the language
    // driver byte 29 of the .dbf header, 0 = none).
    fs::remove(dir_ / "winkels.cpg");
    std::fstream dbf(dir_ / "winkels.dbf", std::ios::in | std::ios::out | std::ios::binary);
    dbf.seekp(29);
    dbf.put('\0');
    return path;
  }

  layers::LayerSource shapefile_source(const std::string& encoding = {}) {
    layers::LayerSource source;
    source.path = cp1252_shapefile();
    source.fields = {{"name", "naam"}};
    source.encoding = encoding;
    return source;
  }

  static std::string error_of(const layers::LayerSource& source) {
    layers::Notes notes;
    try {
      layers::read_locations(source, "EPSG:28992", notes);
    } catch (const InputError& e) {
      EXPECT_EQ(e.code(), ErrorCode::kBadValue);
      return e.what();
    }
    ADD_FAILURE() << "no error for " << source.path;
    return {};
  }
};

TEST_F(EncodingTest, Cp1252CsvWithoutEncodingIsRefusedNamingRecordColumnAndKey) {
  const layers::LayerSource source = excel_csv();
  EXPECT_EQ(error_of(source), "locations file '" + source.path.string() +
                                  "', record 1, column 'handelsnaam': 'Caf\\xE9 De Kwakel' is not UTF-8 text; "
                                  "if the file is Windows-1252 (e.g. an Excel \"CSV (puntkomma)\" export, or a "
                                  "Shapefile without its .cpg), put encoding = \"cp1252\" in the [locations] "
                                  "section of the config");
}

TEST_F(EncodingTest, Cp1252CsvWithEncodingIsReadAsUtf8) {
  layers::Notes notes;
  const LocationLayer l = layers::read_locations(excel_csv("cp1252"), "EPSG:28992", notes);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l.name[0], kCafeUtf8);
  EXPECT_EQ(l.name[1], kHoekjeUtf8);
  EXPECT_EQ(l.id[1], "P2");
  EXPECT_DOUBLE_EQ(l.x[0], 130100.5);  // the decimal comma of the export
  EXPECT_DOUBLE_EQ(l.y[1], 465200.25);
  EXPECT_TRUE(notes.empty()) << notes.front();
}

TEST_F(EncodingTest, Utf8CsvNeedsNoKey) {
  layers::LayerSource source = excel_csv();
  write("register.csv", "vestigingsnummer;handelsnaam;x;y\nP1;" + kCafeUtf8 + ";130100;465100\n");
  layers::Notes notes;
  EXPECT_EQ(layers::read_locations(source, "EPSG:28992", notes).name[0], kCafeUtf8);
  source.encoding = "UTF-8";  // naming UTF-8 is allowed, and still checked
  EXPECT_EQ(layers::read_locations(source, "EPSG:28992", notes).name[0], kCafeUtf8);
}

TEST_F(EncodingTest, UnknownEncodingIsRefused) {
  layers::Notes notes;
  try {
    layers::read_locations(excel_csv("klingon-1"), "EPSG:28992", notes);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConfig);
    EXPECT_NE(std::string(e.what()).find("encoding 'klingon-1' is not an encoding iconv knows"), std::string::npos)
        << e.what();
  }
}

TEST_F(EncodingTest, Cp1252ShapefileWithoutCpgIsRefusedAndReadWithTheKey) {
  const std::string message = error_of(shapefile_source());
  EXPECT_NE(message.find("winkels.shp', record 1, column 'naam': 'Caf\\xE9 De Kwakel' is not UTF-8 text"),
            std::string::npos) << message;
  EXPECT_NE(message.find("put encoding = \"cp1252\" in the [locations] section"), std::string::npos) << message;
  layers::Notes notes;
  const LocationLayer l = layers::read_locations(shapefile_source("cp1252"), "EPSG:28992", notes);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l.name[0], kCafeUtf8);
  EXPECT_EQ(l.name[1], kHoekjeUtf8);
}

// GDAL recodes a Shapefile by its .cpg ("1252" = Windows-1252): nothing in kernkompas overrides it.
TEST_F(EncodingTest, ShapefileCpgIsHonoured) {
  const layers::LayerSource source = shapefile_source();
  write("winkels.cpg", "1252");
  layers::Notes notes;
  const LocationLayer l = layers::read_locations(source, "EPSG:28992", notes);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l.name[0], kCafeUtf8);
  EXPECT_EQ(l.name[1], kHoekjeUtf8);
}

TEST_F(EncodingTest, InvalidUtf8InAGeoJsonIsRefused) {
  layers::LayerSource source;
  source.path = write("k.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                                   "\"properties\":{\"id\":\"P1\",\"name\":\"" + kCafeCp1252 + "\"},"
                                   "\"geometry\":{\"type\":\"Point\",\"coordinates\":[5.1,52.2]}}]}");
  const std::string message = error_of(source);
  EXPECT_NE(message.find("record 1, column 'name'"), std::string::npos) << message;
  EXPECT_NE(message.find("encoding = \"cp1252\""), std::string::npos) << message;
}

}  // namespace
}  // namespace kk::testing
