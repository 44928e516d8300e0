// PROJ transformations: known control points and the plausibility check.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/crs.hpp"

namespace kk::layers {
namespace {

TEST(CrsTransform, AmersfoortOriginLandsOnRdOrigin) {
  // The RD New origin (Onze Lieve Vrouwetoren, Amersfoort): x 155000, y 463000 by definition.
  // Its ETRS89/WGS84 position 52.15517440 N, 5.38720621 E (RDNAPTRANS reference value).
  CrsTransform transform("EPSG:4326", "EPSG:28992");
  std::vector<double> x{5.38720621}, y{52.15517440};  // GIS order: lon, lat
  ASSERT_EQ(transform.transform(x, y), -1);
  EXPECT_NEAR(x[0], 155000.0, 1.0);
  EXPECT_NEAR(y[0], 463000.0, 1.0);
}

TEST(CrsTransform, RoundTripIsWithinAMillimetre) {
  CrsTransform to_rd("OGC:CRS84", "EPSG:28992"), to_wgs("EPSG:28992", "OGC:CRS84");
  std::vector<double> x{5.1}, y{52.2};
  to_rd.transform(x, y);
  to_wgs.transform(x, y);
  EXPECT_NEAR(x[0], 5.1, 1e-8);
  EXPECT_NEAR(y[0], 52.2, 1e-8);
}

TEST(CrsTransform, SameCrsIsIdentity) {
  CrsTransform transform("EPSG:28992", "EPSG:28992");
  EXPECT_TRUE(transform.is_identity());
}

TEST(CrsTransform, LonLatDeclaredAsRdIsImplausible) {
  CrsTransform transform("EPSG:28992", "EPSG:28992");
  std::vector<double> x{140000, 5.1}, y{470000, 52.2};
  EXPECT_EQ(transform.first_implausible(x, y), 1);
}

TEST(CrsTransform, RdPointsAreNotImplausible) {
  CrsTransform transform("EPSG:28992", "EPSG:28992");
  std::vector<double> x{130036, 138270}, y{464252, 477511};
  EXPECT_EQ(transform.first_implausible(x, y), -1);
}

TEST(CrsTransform, DataFarFromTheWorkingCrsAreaIsImplausible) {
  // Sydney in lon/lat is valid WGS84, but not data RD New can describe.
  CrsTransform transform("OGC:CRS84", "EPSG:28992");
  std::vector<double> x{151.2}, y{-33.9};
  EXPECT_EQ(transform.first_implausible(x, y), 0);
}

// CrsTransform(source, target).first_implausible of the points (lon[i], lat[i]) given in
// `source` (transformed there from lon/lat first when `source` is not OGC:CRS84).
long first_implausible_lonlat(const std::string& source, const std::string& target, std::vector<double> lon,
                              std::vector<double> lat) {
  if (source != "OGC:CRS84") CrsTransform("OGC:CRS84", source).transform(lon, lat);
  return CrsTransform(source, target).first_implausible(lon, lat);
}

TEST(CrsTransform, ProjectedDataOutsideTheTargetAreaIsImplausible) {
  // In UTM zone 31N: Amsterdam, and a point on the equator (in the zone, far from RD).
  EXPECT_EQ(first_implausible_lonlat("EPSG:32631", "EPSG:28992", {4.9, 3.0}, {52.4, 1.0}), 1);
}

TEST(CrsTransform, GeographicAreaAcrossTheAntimeridian) {
  // NZGD2000's area runs from 160.6°E across 180° to 171.2°W: Wellington, the Chatham Islands;
  // not Null Island.
  EXPECT_EQ(first_implausible_lonlat("EPSG:4167", "EPSG:4167", {174.8, -176.5, 0.0}, {-41.3, -44.0, 0.0}), 2);
}

TEST(CrsTransform, ProjectedAreaAcrossTheAntimeridian) {
  // PDC Mercator covers the Pacific: Fiji and Tahiti are plausible, Europe is not.
  EXPECT_EQ(first_implausible_lonlat("EPSG:3832", "EPSG:3832", {178.0, -149.5, 5.0}, {-18.0, -17.5, 52.0}), 2);
}

TEST(CrsTransform, TransformCheckedTransformsPlausiblePoints) {
  CrsTransform transform("OGC:CRS84", "EPSG:28992");
  std::vector<double> x{5.38720621}, y{52.15517440};
  const CrsTransform::Checked checked = transform.transform_checked(x, y);
  EXPECT_EQ(checked.implausible, -1);
  EXPECT_EQ(checked.failed, -1);
  EXPECT_NEAR(x[0], 155000.0, 1.0);
  EXPECT_NEAR(y[0], 463000.0, 1.0);
}

TEST(CrsTransform, TransformCheckedLeavesTheInputOnAProblem) {
  CrsTransform transform("OGC:CRS84", "EPSG:28992");
  std::vector<double> x{5.1, 151.2}, y{52.2, -33.9};
  EXPECT_EQ(transform.transform_checked(x, y).implausible, 1);
  EXPECT_EQ(x, (std::vector<double>{5.1, 151.2}));
  EXPECT_EQ(y, (std::vector<double>{52.2, -33.9}));
}

TEST(CrsTransform, UnknownCrsThrowsWithItsName) {
  try {
    CrsTransform transform("EPSG:999999", "EPSG:28992");
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kCrsTransform);
    EXPECT_NE(std::string(e.what()).find("EPSG:999999"), std::string::npos);
  }
}

}  // namespace
}  // namespace kk::layers
