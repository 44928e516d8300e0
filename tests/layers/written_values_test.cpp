// Written values at full precision: the CSV writes reals with "%.10g" (docs/output.md), the
// GeoPackage and the GeoTIFF keep every double (and the GeoPackage every integer and text)
// exactly. Guards the writer's number
// formatting, which a total or a row count never notices.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <fstream>
#include <memory>
#include <limits>
#include <string>
#include <vector>

#include "kernkompas/analysis.hpp"
#include "kernkompas/core/raster.hpp"
#include "kernkompas/layers/write.hpp"
#include "layer_fixture.hpp"

namespace kk::testing {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Values whose "%.10g" text is known by hand (ten significant digits, trailing zeros cut).
const std::vector<double> kReals = {0.1234567890123, 1.0 / 3.0, -2.5e-7, 123456789.123, 1e15 + 2.0,
                                    kNaN, 0.0, 2.0 / 3.0};
const std::vector<std::string> kRealTexts = {"0.123456789", "0.3333333333", "-2.5e-07",
                                             "123456789.1", "1e+15", "", "0", "0.6666666667"};
const std::vector<int64_t> kIntegers = {9007199254740993, -1, kNullInteger, 0, 42, 7, 1234567890123, -5};
const std::vector<std::string> kTexts = {"plain", "a,b", "say \"hi\"", "", "=1+1", "-3", "Loosdrecht", "x"};
// The CSV cells of kTexts: RFC 4180 quoting, a leading "'" before formula characters.
const std::vector<std::string> kTextCells = {"plain", "\"a,b\"", "\"say \"\"hi\"\"\"", "",
                                             "\"'=1+1\"", "\"'-3\"", "Loosdrecht", "x"};

Table precision_table() {
  Table table;
  table.add_real("value", kReals);
  table.add_integer("count", kIntegers);
  table.add_text("label", kTexts);
  return table;
}

std::vector<std::string> read_lines(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class WrittenValuesTest : public LayerTest {};

TEST_F(WrittenValuesTest, CsvWritesTenSignificantDigits) {
  layers::write_csv(precision_table(), dir_ / "precision.csv");
  const std::vector<std::string> lines = read_lines(dir_ / "precision.csv");
  ASSERT_EQ(lines.size(), kReals.size() + 1);
  EXPECT_EQ(lines[0], "value,count,label");
  for (size_t i = 0; i < kReals.size(); ++i) {
    const std::string count = kIntegers[i] == kNullInteger ? "" : std::to_string(kIntegers[i]);
    EXPECT_EQ(lines[i + 1], kRealTexts[i] + "," + count + "," + kTextCells[i]) << "row " << i;
    // Read back, each real is within half a unit of the tenth significant digit.
    if (!std::isnan(kReals[i]) && kReals[i] != 0.0) {
      const double back = std::stod(lines[i + 1].substr(0, lines[i + 1].find(',')));
      EXPECT_LE(std::abs(back - kReals[i]), 5e-10 * std::abs(kReals[i])) << "row " << i;
    }
  }
}

TEST_F(WrittenValuesTest, GeoPackageAndCsvOfARunKeepTheValues) {
  AnalysisResult result;
  result.tables.push_back({"precision", precision_table()});
  layers::write_outputs(AnalysisInput{}, result, dir_ / "out");

  const std::vector<std::string> lines = read_lines(dir_ / "out" / "precision.csv");
  ASSERT_EQ(lines.size(), kReals.size() + 1);
  EXPECT_EQ(lines[1], "0.123456789,9007199254740993,plain");
  EXPECT_EQ(lines[2], "0.3333333333,-1,\"a,b\"");

  GDALDatasetUniquePtr ds(GDALDataset::Open((dir_ / "out" / "kernkompas.gpkg").c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(ds);
  OGRLayer* layer = ds->GetLayerByName("precision");
  ASSERT_NE(layer, nullptr);
  ASSERT_EQ(layer->GetFeatureCount(), static_cast<GIntBig>(kReals.size()));
  const OGRFeatureDefn* defn = layer->GetLayerDefn();
  EXPECT_EQ(defn->GetFieldDefn(defn->GetFieldIndex("value"))->GetType(), OFTReal);
  EXPECT_EQ(defn->GetFieldDefn(defn->GetFieldIndex("count"))->GetType(), OFTInteger64);
  size_t row = 0;
  for (auto& feature : *layer) {
    ASSERT_LT(row, kReals.size());
    if (std::isnan(kReals[row])) {
      EXPECT_TRUE(feature->IsFieldNull(feature->GetFieldIndex("value"))) << "row " << row;
    } else {
      EXPECT_EQ(feature->GetFieldAsDouble("value"), kReals[row]) << "row " << row;  // bit for bit
    }
    if (kIntegers[row] == kNullInteger) {
      EXPECT_TRUE(feature->IsFieldNull(feature->GetFieldIndex("count"))) << "row " << row;
    } else {
      EXPECT_EQ(feature->GetFieldAsInteger64("count"), kIntegers[row]) << "row " << row;
    }
    EXPECT_EQ(std::string(feature->GetFieldAsString("label")), kTexts[row]) << "row " << row;
    ++row;
  }
  EXPECT_EQ(row, kReals.size());
}

// A raster comes back from its GeoTIFF with every value (NaN as no data), the geotransform,
// the working CRS, the band's description and unit, and DEFLATE compression.
TEST_F(WrittenValuesTest, GeoTiffKeepsValuesGridAndCrs) {
  Raster raster = Raster::grid("density", 130000.0, 465000.0, 250.0, 3, 2);
  raster.unit = "per_km2";
  raster.description = "locations per km2";
  raster.values = {0.1234567890123, 1.0 / 3.0, kNaN, -2.5e-7, 0.0, 123456789.123};
  AnalysisResult result;
  result.tables.push_back({"precision", precision_table()});
  result.rasters.push_back(raster);
  layers::write_outputs(AnalysisInput{}, result, dir_ / "out");

  GDALDatasetUniquePtr ds(GDALDataset::Open((dir_ / "out" / "density.tif").c_str(), GDAL_OF_RASTER));
  ASSERT_TRUE(ds);
  ASSERT_EQ(ds->GetRasterXSize(), 3);
  ASSERT_EQ(ds->GetRasterYSize(), 2);
  ASSERT_EQ(ds->GetRasterCount(), 1);
  double gt[6];
  ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
  for (int k = 0; k < 6; ++k) EXPECT_EQ(gt[k], raster.geotransform[k]) << k;
  EXPECT_EQ(gt[0], 130000.0);
  EXPECT_EQ(gt[3], 465000.0 + 2 * 250.0);  // the northern edge
  const OGRSpatialReference* srs = ds->GetSpatialRef();
  ASSERT_NE(srs, nullptr);
  EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "28992");
  EXPECT_STREQ(ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE"), "DEFLATE");
  GDALRasterBand* band = ds->GetRasterBand(1);
  EXPECT_EQ(band->GetRasterDataType(), GDT_Float64);
  int has_nodata = 0;
  EXPECT_TRUE(std::isnan(band->GetNoDataValue(&has_nodata)));
  EXPECT_TRUE(has_nodata);
  EXPECT_STREQ(band->GetDescription(), "locations per km2");
  EXPECT_STREQ(band->GetUnitType(), "per_km2");
  std::vector<double> back(6);
  ASSERT_EQ(band->RasterIO(GF_Read, 0, 0, 3, 2, back.data(), 3, 2, GDT_Float64, 0, 0, nullptr), CE_None);
  for (size_t i = 0; i < back.size(); ++i) {
    if (std::isnan(raster.values[i])) {
      EXPECT_TRUE(std::isnan(back[i])) << i;
    } else {
      EXPECT_EQ(back[i], raster.values[i]) << i;  // bit for bit
    }
  }
}

// Polygons come back from the GeoPackage vertex for vertex: a two-part multipolygon whose
// first part has a hole, a plain square, and a row without geometry (as buitengebied).
TEST_F(WrittenValuesTest, GeoPackageKeepsEveryPartRingAndVertex) {
  geometry::MultiPolygonArray shapes;
  const double outer_x[] = {0, 2000, 2000, 0, 0}, outer_y[] = {0, 0, 2000, 2000, 0};
  const double hole_x[] = {500, 1500, 1500, 500, 500}, hole_y[] = {500, 500, 1500, 1500, 500};
  const double far_x[] = {3000, 3000.125, 3000.125, 3000}, far_y[] = {0, 0, 0.25, 0.25};  // closed by add_ring
  shapes.begin_feature();
  shapes.begin_part();
  shapes.add_ring(outer_x, outer_y);
  shapes.add_ring(hole_x, hole_y);
  shapes.begin_part();
  shapes.add_ring(far_x, far_y);
  shapes.begin_feature();
  shapes.begin_part();
  shapes.add_ring(hole_x, hole_y);
  shapes.begin_feature();  // no parts: no geometry
  Table table;
  table.add_text("name", {"two parts", "square", "none"});
  AnalysisResult result;
  result.tables.push_back({"shapes", std::move(table), shapes});
  layers::write_outputs(AnalysisInput{}, result, dir_ / "out");

  GDALDatasetUniquePtr ds(GDALDataset::Open((dir_ / "out" / "kernkompas.gpkg").c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(ds);
  OGRLayer* layer = ds->GetLayerByName("shapes");
  ASSERT_NE(layer, nullptr);
  EXPECT_EQ(wkbFlatten(layer->GetGeomType()), wkbMultiPolygon);
  EXPECT_STREQ(layer->GetSpatialRef()->GetAuthorityCode(nullptr), "28992");
  std::vector<std::unique_ptr<OGRFeature>> rows;
  for (auto& f : *layer) rows.emplace_back(f.release());
  ASSERT_EQ(rows.size(), 3u);
  const auto* first = rows[0]->GetGeometryRef()->toMultiPolygon();
  ASSERT_EQ(first->getNumGeometries(), 2);
  const OGRPolygon* holed = first->getGeometryRef(0);
  ASSERT_EQ(holed->getNumInteriorRings(), 1);
  EXPECT_EQ(holed->getExteriorRing()->getNumPoints(), 5);
  EXPECT_EQ(holed->getExteriorRing()->getX(1), 2000.0);
  EXPECT_EQ(holed->getInteriorRing(0)->getY(2), 1500.0);
  const OGRLinearRing* far = first->getGeometryRef(1)->getExteriorRing();
  ASSERT_EQ(far->getNumPoints(), 5);
  EXPECT_EQ(far->getX(1), 3000.125);
  EXPECT_EQ(far->getY(2), 0.25);
  EXPECT_EQ(far->getX(4), 3000.0);  // closed
  // 2000² − 1000² + 0.125 · 0.25, exactly.
  EXPECT_EQ(first->get_Area(), 3000000.0 + 0.03125);
  EXPECT_EQ(rows[1]->GetGeometryRef()->toMultiPolygon()->get_Area(), 1000000.0);
  EXPECT_EQ(rows[2]->GetGeometryRef(), nullptr);
}

}  // namespace
}  // namespace kk::testing
