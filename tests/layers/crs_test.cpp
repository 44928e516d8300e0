// PROJ transformations: known control points and the plausibility check.
#include <gtest/gtest.h>

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
