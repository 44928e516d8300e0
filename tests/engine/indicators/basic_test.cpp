// Tests for the basic per-kern indicators (kernkompas/indicators/basic.hpp), with every
// expected value counted by hand from the small layers below.
#include "kernkompas/indicators/basic.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "kernkompas/core/error.hpp"
#include "kernkompas/core/sbi.hpp"
#include "testing/builders.hpp"

namespace kk::indicators {
namespace {

using kk::testing::add_multipolygon;
using kk::testing::add_rectangle;
using kk::testing::add_square_with_hole;
using kk::testing::make_kern_layer;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// K0: 2 km × 1 km = 2 km², population 500.
// K1: 1 km² with a 0.5 km × 0.5 km hole = 0.75 km², population unknown.
KernLayer two_kernen() {
  geometry::MultiPolygonArray a;
  add_rectangle(a, 0, 0, 2000, 1000);
  add_square_with_hole(a, 10000, 0, 1000, 10250, 250, 500);
  return make_kern_layer(std::move(a), {500.0, kNaN});
}

// Four locations in K0 (G, G, A, no code), three in K1 (I, unassigned 04, Q), one in K1's
// hole (G) and one far away (J): the last two are buitengebied.
LocationLayer nine_locations() {
  LocationLayer l;
  l.id = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
  l.x = {100, 1999, 1000, 500, 10100, 10900, 10500, 10500, 50000};
  l.y = {100, 999, 0, 500, 100, 900, 100, 500, 50000};
  l.sbi = {"47.11", "4711", "01.13", "", "56.10", "04", "8610", "47", "62.01"};
  return l;
}

const Column& column(const Table& table, std::string_view name) { return table.at(name); }

TEST(BasicIndicators, HandComputedCountsAndSections) {
  const KernLayer kernen = two_kernen();
  const LocationLayer locations = nine_locations();
  const assign::Assignment assignment = assign::assign_to_kernen(kernen, locations.x, locations.y);
  const Table t = basic_indicators(kernen, locations, assignment);

  ASSERT_EQ(t.row_count(), 3u);
  EXPECT_EQ(column(t, "kern_code").texts, (std::vector<std::string>{"K0", "K1", "buitengebied"}));
  EXPECT_EQ(column(t, "kern_name").texts,
            (std::vector<std::string>{"Kern 0", "Kern 1", "buitengebied"}));
  EXPECT_EQ(column(t, "n_locations").integers, (std::vector<int64_t>{4, 3, 2}));
  EXPECT_EQ(column(t, "n_sbi_A").integers, (std::vector<int64_t>{1, 0, 0}));
  EXPECT_EQ(column(t, "n_sbi_G").integers, (std::vector<int64_t>{2, 0, 1}));
  EXPECT_EQ(column(t, "n_sbi_I").integers, (std::vector<int64_t>{0, 1, 0}));
  EXPECT_EQ(column(t, "n_sbi_J").integers, (std::vector<int64_t>{0, 0, 1}));
  EXPECT_EQ(column(t, "n_sbi_Q").integers, (std::vector<int64_t>{0, 1, 0}));
  EXPECT_EQ(column(t, "n_sbi_unknown").integers, (std::vector<int64_t>{1, 1, 0}));

  // Sections plus unknown add up to n in every row; all 21 section columns exist.
  for (size_t row = 0; row < 3; ++row) {
    int64_t sum = column(t, "n_sbi_unknown").integers[row];
    for (const char s : kk::kSbiSections) sum += column(t, std::string("n_sbi_") + s).integers[row];
    EXPECT_EQ(sum, column(t, "n_locations").integers[row]) << "row " << row;
  }
  EXPECT_EQ(t.columns().size(), 3u + 21u + 1u + 4u);
}

TEST(BasicIndicators, AreaDensityAndPopulation) {
  const KernLayer kernen = two_kernen();
  const LocationLayer locations = nine_locations();
  const assign::Assignment assignment = assign::assign_to_kernen(kernen, locations.x, locations.y);
  const Table t = basic_indicators(kernen, locations, assignment);

  const Column& area = column(t, "area_km2");
  EXPECT_EQ(area.unit, "km2");
  EXPECT_DOUBLE_EQ(area.reals[0], 2.0);
  EXPECT_DOUBLE_EQ(area.reals[1], 0.75);
  EXPECT_TRUE(area.is_null(2));  // buitengebied has no area

  const Column& density = column(t, "density_per_km2");
  EXPECT_DOUBLE_EQ(density.reals[0], 4.0 / 2.0);
  EXPECT_DOUBLE_EQ(density.reals[1], 3.0 / 0.75);
  EXPECT_TRUE(density.is_null(2));

  const Column& population = column(t, "population");
  EXPECT_DOUBLE_EQ(population.reals[0], 500.0);
  EXPECT_TRUE(population.is_null(1));  // NaN in the kern layer stays unknown
  EXPECT_TRUE(population.is_null(2));

  const Column& per_1000 = column(t, "locations_per_1000_inhabitants");
  EXPECT_DOUBLE_EQ(per_1000.reals[0], 1000.0 * 4.0 / 500.0);
  EXPECT_TRUE(per_1000.is_null(1));
  EXPECT_TRUE(per_1000.is_null(2));
}

TEST(BasicIndicators, PopulationOverride) {
  const KernLayer kernen = two_kernen();
  const LocationLayer locations = nine_locations();
  const assign::Assignment assignment = assign::assign_to_kernen(kernen, locations.x, locations.y);
  const Table t = basic_indicators(kernen, locations, assignment,
                                   std::vector<double>{1000.0, 300.0, 20.0});
  EXPECT_EQ(column(t, "population").reals, (std::vector<double>{1000.0, 300.0, 20.0}));
  const Column& per_1000 = column(t, "locations_per_1000_inhabitants");
  EXPECT_DOUBLE_EQ(per_1000.reals[0], 1000.0 * 4.0 / 1000.0);
  EXPECT_DOUBLE_EQ(per_1000.reals[1], 1000.0 * 3.0 / 300.0);
  EXPECT_DOUBLE_EQ(per_1000.reals[2], 1000.0 * 2.0 / 20.0);
  // Area and density do not depend on population.
  EXPECT_DOUBLE_EQ(column(t, "density_per_km2").reals[1], 4.0);
  EXPECT_TRUE(column(t, "area_km2").is_null(2));
}

TEST(BasicIndicators, NaNOrZeroPopulationGivesNoRate) {
  const KernLayer kernen = two_kernen();
  const LocationLayer locations = nine_locations();
  const assign::Assignment assignment = assign::assign_to_kernen(kernen, locations.x, locations.y);
  // The override wins even where the kern layer knows better: NaN there means "unknown".
  const Table t = basic_indicators(kernen, locations, assignment, std::vector<double>{kNaN, 0.0, kNaN});
  EXPECT_TRUE(column(t, "population").is_null(0));
  EXPECT_DOUBLE_EQ(column(t, "population").reals[1], 0.0);
  const Column& per_1000 = column(t, "locations_per_1000_inhabitants");
  EXPECT_TRUE(per_1000.is_null(0));
  EXPECT_TRUE(per_1000.is_null(1));  // no division by zero inhabitants
  EXPECT_TRUE(per_1000.is_null(2));
}

TEST(BasicIndicators, WrongOverrideLengthThrows) {
  const KernLayer kernen = two_kernen();
  const LocationLayer locations = nine_locations();
  const assign::Assignment assignment = assign::assign_to_kernen(kernen, locations.x, locations.y);
  // One per kern is one short: buitengebied needs its own entry.
  EXPECT_THROW((void)basic_indicators(kernen, locations, assignment, std::vector<double>{1.0, 2.0}),
               Error);
}

TEST(BasicIndicators, AssignmentOfOtherLocationsThrows) {
  const KernLayer kernen = two_kernen();
  const LocationLayer locations = nine_locations();
  const std::vector<double> x = {1.0}, y = {1.0};
  const assign::Assignment other = assign::assign_to_kernen(kernen, x, y);
  EXPECT_THROW((void)basic_indicators(kernen, locations, other), Error);
}

TEST(BasicIndicators, WithoutSbiColumnAllUnknown) {
  const KernLayer kernen = two_kernen();
  LocationLayer locations = nine_locations();
  locations.sbi.clear();
  const assign::Assignment assignment = assign::assign_to_kernen(kernen, locations.x, locations.y);
  const Table t = basic_indicators(kernen, locations, assignment);
  EXPECT_EQ(column(t, "n_sbi_unknown").integers, (std::vector<int64_t>{4, 3, 2}));
  EXPECT_EQ(column(t, "n_sbi_G").integers, (std::vector<int64_t>{0, 0, 0}));
}

TEST(BasicIndicators, KernWithoutGeometryHasZeroAreaAndNoDensity) {
  geometry::MultiPolygonArray a;
  add_rectangle(a, 0, 0, 1000, 1000);
  add_multipolygon(a, {});
  const KernLayer kernen = make_kern_layer(std::move(a));
  LocationLayer locations;
  locations.id = {"a"};
  locations.x = {10};
  locations.y = {10};
  const assign::Assignment assignment = assign::assign_to_kernen(kernen, locations.x, locations.y);
  const Table t = basic_indicators(kernen, locations, assignment);
  EXPECT_DOUBLE_EQ(column(t, "area_km2").reals[0], 1.0);
  EXPECT_DOUBLE_EQ(column(t, "density_per_km2").reals[0], 1.0);
  EXPECT_DOUBLE_EQ(column(t, "area_km2").reals[1], 0.0);
  EXPECT_TRUE(column(t, "density_per_km2").is_null(1));
}

TEST(PopulationPerKern, SumsInhabitantsSkippingNaN) {
  const KernLayer kernen = two_kernen();
  //                            K0     K0    K1      hole    far    K0 (NaN)
  const std::vector<double> x = {50,   1500, 10050,  10500,  -900,  60};
  const std::vector<double> y = {50,   500,  50,     500,    -900,  60};
  const std::vector<double> inhabitants = {120, 35, 7, 4, 10, kNaN};
  const std::vector<double> totals = population_per_kern(kernen, x, y, inhabitants);
  EXPECT_EQ(totals, (std::vector<double>{155.0, 7.0, 14.0}));
}

TEST(PopulationPerKern, LengthMismatchThrows) {
  const KernLayer kernen = two_kernen();
  const std::vector<double> x = {50, 60}, y = {50, 60}, inhabitants = {1};
  EXPECT_THROW((void)population_per_kern(kernen, x, y, inhabitants), Error);
}

}  // namespace
}  // namespace kk::indicators
