// The accessibility family in the pipeline: per-location and per-kern proximity over a small
// lattice of roads and as the crow flies, the population in reach with Hansen and 2SFCA,
// service areas, disclosure and option errors. Every figure is worked out by hand below.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <numeric>
#include <string>
#include <tuple>
#include <vector>

#include "kernkompas/analysis.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/families.hpp"
#include "testing/builders.hpp"

namespace kk {
namespace {

constexpr double kMetresPerMinute50 = 50000.0 / 60.0;  // the default road speed, 50 km/h
constexpr double kMetresPerMinute40 = 40000.0 / 60.0;  // the straight-line speed, 40 km/h

// Streets every 500 m over [0, 3000] x [0, 1000], one line per lattice edge (every crossing a
// node), and a loose stretch (2600, 2000)-(2900, 2000) that joins nothing: another component.
// On the lattice the road distance between two points on streets is their Manhattan distance.
network::RoadNetwork lattice_roads() {
  std::vector<double> x, y;
  std::vector<uint64_t> offsets{0};
  auto line = [&](double x0, double y0, double x1, double y1) {
    x.insert(x.end(), {x0, x1});
    y.insert(y.end(), {y0, y1});
    offsets.push_back(x.size());
  };
  for (double row : {0.0, 500.0, 1000.0}) {
    for (double a = 0; a < 3000; a += 500) line(a, row, a + 500, row);
  }
  for (double col = 0; col <= 3000; col += 500) {
    for (double b = 0; b < 1000; b += 500) line(col, b, col, b + 500);
  }
  line(2600, 2000, 2900, 2000);
  return network::build_road_network({x, y, offsets, {}, {}});
}

// Kern A = [0, 1000]², B = [1000, 2000] x [0, 1000]; every location stands on a street.
//   A: a1 (250, 500), a2 (400, 500), a3 (750, 500), a4 (500, 250), a5 (500, 750), a6 (100, 500)
//   B: b1 (1500, 500), b2 (1250, 500), b3 (1500, 250)
//   buitengebied: c1 (3000, 500), c2 (2750, 2000) on the loose stretch
// Stations S1 (0, 0) and S2 (3000, 1000); one shop at (2000, 500).
AnalysisInput lattice_input(bool with_roads = true) {
  AnalysisInput input;
  input.kernen = testing::two_square_kernen();
  LocationLayer& l = input.locations;
  const std::vector<std::pair<double, double>> at = {{250, 500},  {400, 500},  {750, 500},  {500, 250},
                                                     {500, 750},  {100, 500},  {1500, 500}, {1250, 500},
                                                     {1500, 250}, {3000, 500}, {2750, 2000}};
  for (const auto& [x, y] : at) {
    l.id.push_back("u" + std::to_string(l.id.size()));
    l.x.push_back(x);
    l.y.push_back(y);
  }
  FacilityLayer f;
  f.id = {"s1", "s2", "w1"};
  f.x = {0, 3000, 2000};
  f.y = {0, 1000, 500};
  f.type = {"station", "station", "shop"};
  f.name = {"Station West", "Station Oost", "Winkel"};
  input.facilities = f;
  if (with_roads) input.roads = lattice_roads();
  return input;
}

AnalysisOptions internal(const std::vector<std::pair<std::string, std::string>>& set = {}) {
  AnalysisOptions options;
  options.settings.set("disclosure.internal", true);
  options.settings.set_text("accessibility.radii_km", "1,3");
  options.settings.set_text("accessibility.service_area_minutes", "none");
  for (const auto& [name, value] : set) options.settings.set_text(name, value);
  return options;
}

const std::vector<double>& reals(const Table& t, const std::string& name) { return t.at(name).reals; }

TEST(AccessibilityFamily, KernMeanAndMedianOverTheRoadsByHand) {
  const AnalysisResult r = run_analysis(lattice_input(), internal());
  const Table& kern = r.kern_indicators();
  ASSERT_EQ(kern.row_count(), 3u);  // A, B, buitengebied
  EXPECT_EQ(kern.at("access_method").texts, (std::vector<std::string>{"network", "network", "network"}));
  // A to S1 (Manhattan): 750, 900, 1250, 750, 1250, 600 m (S2 is 2750 m or more away).
  EXPECT_NEAR(reals(kern, "access_station_mean_km")[0], 5.5 / 6, 1e-9);
  EXPECT_NEAR(reals(kern, "access_station_median_km")[0], (0.75 + 0.9) / 2, 1e-9);
  EXPECT_NEAR(reals(kern, "access_station_mean_min")[0], 5500.0 / 6 / kMetresPerMinute50, 1e-9);
  EXPECT_EQ(kern.at("access_station_unreachable").integers[0], 0);
  // B: 2000 (S1 and S2 tie), 1750, 1750.
  EXPECT_NEAR(reals(kern, "access_station_mean_km")[1], 5.5 / 3, 1e-9);
  EXPECT_NEAR(reals(kern, "access_station_median_km")[1], 1.75, 1e-9);
  // Buitengebied: c1 is 500 m from S2; c2's stretch reaches no station.
  EXPECT_NEAR(reals(kern, "access_station_mean_km")[2], 0.5, 1e-9);
  EXPECT_NEAR(reals(kern, "access_station_median_km")[2], 0.5, 1e-9);
  EXPECT_EQ(kern.at("access_station_unreachable").integers[2], 1);
  // The shop (2000, 500): A 1750, 1600, 1250, 1750, 1750, 1900 (Manhattan again).
  const double shop_a = (1750 + 1600 + 1250 + 1750 + 1750 + 1900) / 6.0;
  EXPECT_NEAR(reals(kern, "access_shop_mean_km")[0], shop_a / 1000, 1e-9);
  // Types are sorted when every type is measured.
  EXPECT_LT(kern.find("access_shop_mean_km") - &kern.columns()[0], kern.find("access_station_mean_km") - &kern.columns()[0]);
}

TEST(AccessibilityFamily, LocationColumnsAndUnreachableOrigins) {
  const AnalysisResult r = run_analysis(lattice_input(), internal());
  const Table& loc = r.location_columns;
  const std::vector<double> expected_km = {0.75, 0.9, 1.25, 0.75, 1.25, 0.6, 2.0, 1.75, 1.75, 0.5};
  for (size_t i = 0; i < expected_km.size(); ++i) {
    EXPECT_NEAR(reals(loc, "access_station_km")[i], expected_km[i], 1e-9) << i;
    EXPECT_NEAR(reals(loc, "access_station_min")[i], expected_km[i] * 1000 / kMetresPerMinute50, 1e-9) << i;
    EXPECT_EQ(reals(loc, "access_snap_m")[i], 0.0) << i;
  }
  // c2 stands on a street that reaches nothing: empty distance and time, never a made-up one,
  // and no station within any radius.
  EXPECT_TRUE(std::isnan(reals(loc, "access_station_km")[10]));
  EXPECT_TRUE(std::isnan(reals(loc, "access_station_min")[10]));
  EXPECT_EQ(reals(loc, "access_station_within_3km")[10], 0.0);
  EXPECT_EQ(loc.at("access_snap_beyond_limit").integers, std::vector<int64_t>(11, 0));
}

TEST(AccessibilityFamily, CountsWithinRadiiOverTheRoads) {
  const AnalysisResult r = run_analysis(lattice_input(), internal());
  const Table& loc = r.location_columns;
  // Within 1 km: S1 for a1, a2, a4, a6 and S2 for c1. Within 3 km: S2 too for a3, a5 (2750)
  // and for all of B (2000, 2250, 2250).
  EXPECT_EQ(reals(loc, "access_station_within_1km"),
            (std::vector<double>{1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 0}));
  EXPECT_EQ(reals(loc, "access_station_within_3km"),
            (std::vector<double>{1, 1, 2, 1, 2, 1, 2, 2, 2, 1, 0}));
  const Table& kern = r.kern_indicators();
  EXPECT_NEAR(reals(kern, "access_station_within_1km")[0], 4.0 / 6, 1e-12);
  EXPECT_NEAR(reals(kern, "access_station_within_3km")[0], 8.0 / 6, 1e-12);
  EXPECT_EQ(reals(kern, "access_station_within_3km")[1], 2.0);
  EXPECT_EQ(reals(kern, "access_station_within_1km")[2], 0.5);
}

TEST(AccessibilityFamily, SnapBeyondTheLimitIsFlaggedAndStillUsed) {
  AnalysisInput input = lattice_input();
  input.locations.y[0] = 560;  // a1 60 m off the street y = 500
  const AnalysisResult r = run_analysis(input, internal({{"accessibility.snap_limit_m", "50"}}));
  const Table& loc = r.location_columns;
  EXPECT_NEAR(reals(loc, "access_snap_m")[0], 60.0, 1e-9);
  EXPECT_EQ(loc.at("access_snap_beyond_limit").integers[0], 1);
  EXPECT_EQ(loc.at("access_snap_beyond_limit").integers[1], 0);
  EXPECT_NEAR(reals(loc, "access_station_km")[0], 0.81, 1e-9);  // 60 + 750 m
}

TEST(AccessibilityFamily, NearestByTimeTakesTheFasterRoad) {
  // From (10, 0): a slow street east to F1 (990 m at 50 km/h, 1.19 min) and a fast road north
  // to F2 (10 + 1500 m, 10 m slow then 1500 m at 100 km/h, 0.912 min).
  AnalysisInput input = lattice_input();
  const std::vector<double> x = {0, 1000, 0, 0}, y = {0, 0, 0, 1500};
  const std::vector<uint64_t> offsets = {0, 2, 4};
  const std::vector<uint16_t> road_class = {0, 1};
  network::RoadNetworkOptions speeds;
  speeds.speed_kmh = {50, 100};
  input.roads = network::build_road_network({x, y, offsets, road_class, {}}, speeds);
  input.locations.x = {10};
  input.locations.y = {0};
  input.locations.id = {"u0"};
  input.facilities->x = {1000, 0};
  input.facilities->y = {0, 1500};
  input.facilities->type = {"station", "station"};
  input.facilities->id = {"f1", "f2"};
  input.facilities->name = {"", ""};
  AnalysisResult r = run_analysis(input, internal());
  EXPECT_NEAR(reals(r.location_columns, "access_station_km")[0], 0.99, 1e-9);
  EXPECT_NEAR(reals(r.location_columns, "access_station_min")[0], 990 / kMetresPerMinute50, 1e-9);
  r = run_analysis(input, internal({{"accessibility.metric", "time"}}));
  EXPECT_NEAR(reals(r.location_columns, "access_station_km")[0], 1.51, 1e-9);
  EXPECT_NEAR(reals(r.location_columns, "access_station_min")[0], 10 / kMetresPerMinute50 + 1.5 / 100 * 60, 1e-9);
}

TEST(AccessibilityFamily, AnEmptyRoadNetworkReachesNothing) {
  AnalysisInput input = lattice_input();
  input.roads = network::RoadNetwork{};
  const AnalysisResult r = run_analysis(input, internal({{"accessibility.service_area_minutes", "5"}}));
  const Table& kern = r.kern_indicators();
  EXPECT_EQ(kern.at("access_method").texts[0], "network");
  EXPECT_EQ(kern.at("access_station_unreachable").integers, (std::vector<int64_t>{6, 3, 2}));
  EXPECT_TRUE(std::isnan(reals(kern, "access_station_mean_km")[0]));
  EXPECT_TRUE(std::isnan(reals(kern, "access_station_within_1km")[0]));  // no road: no count either
  EXPECT_EQ(r.location_columns.at("access_snap_beyond_limit").integers[0], kNullInteger);
  const Table& areas = r.find_named("service_area")->table;
  EXPECT_EQ(areas.at("area_km2").reals, (std::vector<double>{0, 0}));
}

TEST(AccessibilityFamily, AFacilityWithoutCoordinatesTakesNoPart) {
  for (bool roads : {true, false}) {
    AnalysisInput input = lattice_input(roads);
    input.facilities->x[2] = std::nan("");  // the only shop
    const AnalysisResult r = run_analysis(input, internal());
    const Table& kern = r.kern_indicators();
    EXPECT_EQ(kern.at("access_shop_unreachable").integers, (std::vector<int64_t>{6, 3, 2})) << roads;
    EXPECT_TRUE(std::isnan(reals(kern, "access_shop_mean_km")[0])) << roads;
    EXPECT_EQ(reals(kern, "access_shop_within_3km")[0], 0.0) << roads;
  }
}

TEST(AccessibilityFamily, EuclideanFallbackArithmetic) {
  const AnalysisResult r = run_analysis(lattice_input(false), internal());
  const Table& kern = r.kern_indicators();
  EXPECT_EQ(kern.at("access_method").texts[0], "euclidean");
  EXPECT_NE(kern.at("access_station_mean_km").description.find("euclidean"), std::string::npos);
  const Table& loc = r.location_columns;
  EXPECT_EQ(loc.find("access_snap_m"), nullptr);  // nothing is snapped without roads
  // A's nearest station is S1: distance = 1.3 x straight line, time at 40 km/h.
  const double ax[] = {250, 400, 750, 500, 500, 100}, ay[] = {500, 500, 500, 250, 750, 500};
  double sum = 0;
  for (int i = 0; i < 6; ++i) {
    const double d = 1.3 * std::hypot(ax[i], ay[i]);
    EXPECT_NEAR(reals(loc, "access_station_km")[i], d / 1000, 1e-9) << i;
    EXPECT_NEAR(reals(loc, "access_station_min")[i], d / kMetresPerMinute40, 1e-9) << i;
    sum += d;
  }
  EXPECT_NEAR(reals(kern, "access_station_mean_km")[0], sum / 6 / 1000, 1e-9);
  // Within 1 km: straight line <= 769 m (a1, a2, a4, a6); within 3 km: <= 2308 m, which
  // brings S2 in for a3 only (2305 m).
  EXPECT_EQ(reals(loc, "access_station_within_1km")[2], 0.0);
  EXPECT_NEAR(reals(kern, "access_station_within_1km")[0], 4.0 / 6, 1e-12);
  EXPECT_NEAR(reals(kern, "access_station_within_3km")[0], 7.0 / 6, 1e-12);
  // Everything is reachable as the crow flies, c2 too.
  EXPECT_EQ(kern.at("access_station_unreachable").integers[2], 0);
}

TEST(AccessibilityFamily, TheMethodFollowsTheOption) {
  // Roads given, method euclidean: the roads are not used.
  const AnalysisResult r = run_analysis(lattice_input(), internal({{"accessibility.method", "euclidean"}}));
  EXPECT_EQ(r.kern_indicators().at("access_method").texts[1], "euclidean");
  EXPECT_NEAR(reals(r.location_columns, "access_station_km")[10], 1.3 * std::hypot(250, 1000) / 1000, 1e-9);
  // The nearest by time on the lattice is the nearest by distance (one speed).
  const AnalysisResult t = run_analysis(lattice_input(), internal({{"accessibility.metric", "time"}}));
  EXPECT_NEAR(reals(t.kern_indicators(), "access_station_mean_km")[0], 5.5 / 6, 1e-9);
}

// Population: P1 (500, 500) 100 inhabitants, P2 (1500, 500) 50, P3 (2750, 2000) 7 on the loose
// stretch. Catchment 1 min = 833 m at 50 km/h.
//   P1 reaches a1..a6 (100-400 m) and b2 (750 m): 7 locations.
//   P2 reaches b1 (0), b2, b3 (250 m) and a3 (750 m): 4 locations.
//   P3 reaches c2 (0 m).
AnalysisInput with_population() {
  AnalysisInput input = lattice_input();
  input.population = PopulationLayer{{500, 1500, 2750}, {500, 500, 2000}, {100, 50, 7}};
  return input;
}

TEST(AccessibilityFamily, PopulationWithinTheCatchment) {
  const AnalysisResult r = run_analysis(with_population(), internal({{"accessibility.catchment_min", "1"}}));
  const Table& loc = r.location_columns;
  EXPECT_EQ(reals(loc, "access_population_within_1min"),
            (std::vector<double>{100, 100, 150, 100, 100, 100, 50, 150, 50, 0, 7}));
  const Table& kern = r.kern_indicators();
  EXPECT_NEAR(reals(kern, "access_population_within_1min")[0], 650.0 / 6, 1e-9);
  EXPECT_NEAR(reals(kern, "access_population_within_1min")[1], 250.0 / 3, 1e-9);
  EXPECT_NEAR(reals(kern, "access_population_within_1min")[2], 3.5, 1e-9);
}

TEST(AccessibilityFamily, TwoStepSharesOutTheWholePopulationWhenAllIsCovered) {
  const AnalysisResult r = run_analysis(with_population(), internal({{"accessibility.catchment_min", "1"}}));
  const Table& loc = r.location_columns;
  // Step 1 per demand point: P1 100 / 7, P2 50 / 4, P3 7 / 1; step 2 per location: the sum
  // of the shares of the demand points in reach.
  const double p1 = 100.0 / 7, p2 = 12.5;
  const std::vector<double> expected = {p1, p1, p1 + p2, p1, p1, p1, p2, p1 + p2, p2, 0.0, 7.0};
  const std::vector<double>& two = reals(loc, "access_2sfca");
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(two[i], expected[i], 1e-9) << i;
  // Every inhabitant has a location in reach: the shares add up to the population.
  EXPECT_NEAR(std::accumulate(two.begin(), two.end(), 0.0), 157.0, 1e-9);
  // Hansen with a step decay is the population in reach.
  EXPECT_EQ(reals(loc, "access_hansen"), reals(loc, "access_population_within_1min"));
  const Table& kern = r.kern_indicators();
  EXPECT_NEAR(reals(kern, "access_2sfca_mean")[0], (6 * p1 + p2) / 6, 1e-9);
  EXPECT_NEAR(reals(kern, "access_hansen_mean")[1], 250.0 / 3, 1e-9);
}

TEST(AccessibilityFamily, SupplySectionsAndDecay) {
  AnalysisInput input = with_population();
  // Kern A's six are shops (section G), the rest restaurants (I).
  input.locations.sbi = {"47.11", "47.11", "47.11", "47.11", "47.11", "47.11",
                         "56.10", "56.10", "56.10", "56.10", "56.10"};
  AnalysisResult r = run_analysis(input, internal({{"accessibility.catchment_min", "1"},
                                                   {"accessibility.supply_sections", "G"}}));
  const Table& loc = r.location_columns;
  // P1 shared by a1..a6, P2 by a3 alone, P3 by none: 100 + 50 shared out, 7 not.
  const std::vector<double>& two = reals(loc, "access_2sfca");
  EXPECT_NEAR(two[0], 100.0 / 6, 1e-9);
  EXPECT_NEAR(two[2], 100.0 / 6 + 50, 1e-9);
  for (size_t i = 6; i < 11; ++i) EXPECT_TRUE(std::isnan(two[i])) << i;  // not supplying
  EXPECT_NEAR(two[0] * 5 + two[2], 150.0, 1e-9);
  // The population in reach is every location's, supplying or not.
  EXPECT_EQ(reals(loc, "access_population_within_1min")[7], 150.0);
  const Table& kern = r.kern_indicators();
  EXPECT_TRUE(std::isnan(reals(kern, "access_2sfca_mean")[1]));  // B has no supplier
  // Exponential decay exp(-0.5 t), t in minutes: a2 is 100 m from P1.
  r = run_analysis(input, internal({{"accessibility.catchment_min", "1"},
                                    {"accessibility.decay", "exponential"},
                                    {"accessibility.decay_beta", "0.5"}}));
  EXPECT_NEAR(reals(r.location_columns, "access_hansen")[1], 100 * std::exp(-0.5 * 100 / kMetresPerMinute50), 1e-9);
  // Zones 0-1 min (weight 1) and 1-2 min (0.5): the search reaches the last zone, beyond
  // catchment_min. b1 has P2 at 0 min and P1 at 1000 m = 1.2 min.
  r = run_analysis(input, internal({{"accessibility.catchment_min", "1"},
                                    {"accessibility.decay", "zones"},
                                    {"accessibility.zone_minutes", "1,2"},
                                    {"accessibility.zone_weights", "1,0.5"}}));
  EXPECT_NEAR(reals(r.location_columns, "access_hansen")[6], 50 + 100 * 0.5, 1e-9);
  EXPECT_EQ(reals(r.location_columns, "access_population_within_1min")[6], 50.0);
}

TEST(AccessibilityFamily, KernPopulationStandsInForAPopulationLayer) {
  AnalysisInput input = lattice_input();
  input.kernen.population = {100, 50};  // at the kernen's centres (500, 500) and (1500, 500)
  const AnalysisResult r = run_analysis(input, internal({{"accessibility.catchment_min", "1"}}));
  EXPECT_EQ(reals(r.location_columns, "access_population_within_1min"),
            (std::vector<double>{100, 100, 150, 100, 100, 100, 50, 150, 50, 0, 0}));
  EXPECT_NE(r.location_columns.at("access_hansen").description.find("kern centres"), std::string::npos);
}

TEST(AccessibilityFamily, PublishedOutputWithholdsKernenWithFewLocations) {
  AnalysisOptions options;  // published, k = 5
  options.settings.set_text("accessibility.service_area_minutes", "none");
  const AnalysisResult r = run_analysis(with_population(), options);
  const Table& kern = r.kern_indicators();
  // A has 6 locations: published; B (3) and buitengebied (2) withheld, and flagged.
  EXPECT_EQ(kern.at("access_suppressed").integers, (std::vector<int64_t>{0, 1, 1}));
  EXPECT_NEAR(reals(kern, "access_station_mean_km")[0], 5.5 / 6, 1e-9);
  for (const char* column : {"access_station_mean_km", "access_station_median_km", "access_station_mean_min",
                             "access_station_within_5km", "access_population_within_10min"}) {
    EXPECT_TRUE(std::isnan(reals(kern, column)[1])) << column;
    EXPECT_TRUE(std::isnan(reals(kern, column)[2])) << column;
  }
  EXPECT_EQ(kern.at("access_station_unreachable").integers[2], kNullInteger);
  EXPECT_EQ(kern.at("access_supply_suppressed").integers, (std::vector<int64_t>{0, 1, 1}));
  EXPECT_TRUE(std::isnan(reals(kern, "access_2sfca_mean")[1]));
  EXPECT_EQ(kern.at("access_method").texts[1], "network");  // says how, reveals nothing
}

TEST(AccessibilityFamily, VacancySuppressionLeavesTheAccessColumnsAlone) {
  AnalysisInput input = with_population();
  // With a status the vacancy family runs and owns the kern table's `suppressed`: B (3 units)
  // and buitengebied (2) are withheld, and since both hide 0 vacant units (the area total 1 is
  // A's), A's vacancy goes too (secondary). A's accessibility columns stay: they add up to no
  // published margin.
  input.locations.status.assign(input.locations.size(), OccupancyStatus::kOccupied);
  input.locations.status[0] = OccupancyStatus::kVacant;
  AnalysisOptions options;
  options.settings.set_text("accessibility.service_area_minutes", "none");
  const AnalysisResult r = run_analysis(input, options);
  const Table& kern = r.kern_indicators();
  EXPECT_EQ(kern.at("suppression_kind").texts, (std::vector<std::string>{"secondary", "primary", "primary"}));
  EXPECT_TRUE(std::isnan(reals(kern, "vacancy_rate_units")[0]));
  EXPECT_EQ(kern.at("access_suppressed").integers, (std::vector<int64_t>{0, 1, 1}));
  EXPECT_NEAR(reals(kern, "access_station_mean_km")[0], 5.5 / 6, 1e-9);
}

TEST(AccessibilityFamily, ServiceAreasFromTheKernCentres) {
  const AnalysisResult r = run_analysis(lattice_input(), internal({{"accessibility.service_area_minutes", "1,2"}}));
  const NamedTable* areas = r.find_named("service_area");
  ASSERT_NE(areas, nullptr);
  EXPECT_EQ(areas->grain, "service_area");
  EXPECT_EQ(areas->keys, (std::vector<std::string>{"origin_code", "minutes"}));
  const Table& t = areas->table;
  ASSERT_EQ(t.row_count(), 4u);  // A and B, 1 and 2 minutes
  EXPECT_EQ(t.at("origin_kind").texts, (std::vector<std::string>{"kern", "kern", "kern", "kern"}));
  EXPECT_EQ(t.at("origin_code").texts, (std::vector<std::string>{"A", "A", "B", "B"}));
  EXPECT_EQ(t.at("minutes").integers, (std::vector<int64_t>{1, 2, 1, 2}));
  EXPECT_EQ(t.at("method").texts[0], "network");
  ASSERT_TRUE(areas->geometry.has_value());
  ASSERT_EQ(areas->geometry->size(), 4u);
  // From A's centre (500, 500): 833 m of street in each of four directions within a minute,
  // widened by 50 m on each side: more than the bare street crosses cover, less than the box.
  const double one = t.at("area_km2").reals[0];
  EXPECT_GT(one, 4 * 0.8 * 0.1 * 0.9);
  EXPECT_LT(one, 1.0);
  EXPECT_GT(t.at("area_km2").reals[1], one);  // two minutes reach farther
}

TEST(AccessibilityFamily, ServiceAreasAroundFacilitiesAndNoneWithoutRoads) {
  AnalysisResult r = run_analysis(lattice_input(), internal({{"accessibility.service_area_minutes", "5"},
                                                             {"accessibility.service_area_origins", "station"}}));
  const Table& t = r.find_named("service_area")->table;
  EXPECT_EQ(t.at("origin_kind").texts, (std::vector<std::string>{"station", "station"}));
  EXPECT_EQ(t.at("origin_code").texts, (std::vector<std::string>{"s1", "s2"}));
  EXPECT_EQ(t.at("origin_name").texts[1], "Station Oost");
  r = run_analysis(lattice_input(false), internal({{"accessibility.service_area_minutes", "5"}}));
  EXPECT_EQ(r.find_named("service_area"), nullptr);
  ASSERT_FALSE(r.notes.empty());
  EXPECT_NE(r.notes.back().find("no service areas"), std::string::npos);
}

TEST(AccessibilityFamily, AppliesOnlyWithFacilitiesAndLocations) {
  AnalysisInput input = lattice_input();
  input.facilities.reset();
  EXPECT_EQ(run_analysis(input, internal()).kern_indicators().find("access_method"), nullptr);
  input = lattice_input();
  input.facilities = FacilityLayer{};
  EXPECT_EQ(run_analysis(input, internal()).kern_indicators().find("access_method"), nullptr);
}

TEST(AccessibilityFamily, OptionErrorsNameTheOption) {
  const std::vector<std::tuple<bool, std::string, std::string, std::string>> cases = {
      {false, "accessibility.method", "network", "accessibility.method"},
      {true, "accessibility.radii_km", "1.5", "accessibility.radii_km"},
      {true, "accessibility.radii_km", "1,x", "accessibility.radii_km"},
      {true, "accessibility.facility_types", "airport", "accessibility.facility_types"},
      {true, "accessibility.service_area_origins", "moon", "accessibility.service_area_origins"},
      {true, "accessibility.supply_sections", "G,X", "accessibility.supply_sections"},
      {true, "accessibility.service_area_minutes", "0", "accessibility.service_area_minutes"},
  };
  for (const auto& [roads, option, value, expected] : cases) {
    try {
      run_analysis(lattice_input(roads), internal({{option, value}}));
      ADD_FAILURE() << option << " = " << value << " accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kBadValue);  // the configuration's fault, not a bug
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  }
  // Zones and weights must pair up.
  try {
    run_analysis(lattice_input(), internal({{"accessibility.decay", "zones"}, {"accessibility.zone_weights", "1,0.5"}}));
    ADD_FAILURE() << "two weights for three zones accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("accessibility.zone_weights"), std::string::npos) << e.what();
  }
  // A type that cannot name a column.
  AnalysisInput input = lattice_input();
  input.facilities->type[2] = "Bus stop";
  EXPECT_THROW(run_analysis(input, internal()), Error);
  // Out of range values are refused by the option table itself.
  Settings settings;
  EXPECT_THROW(settings.set("accessibility.detour_factor", 0.5), Error);
  EXPECT_THROW(settings.set_text("accessibility.decay", "linear"), Error);
}

TEST(AccessibilityFamily, SummaryNamesTheKernWorstOffPerType) {
  AnalysisOptions options = internal({{"accessibility.service_area_minutes", "1"}});
  std::vector<std::string> steps;
  options.progress = [&steps](std::string_view step, double) {
    if (steps.empty() || steps.back() != step) steps.emplace_back(step);
    return true;
  };
  const AnalysisResult r = run_analysis(lattice_input(), options);
  for (const char* step : {"accessibility: snapping to the roads", "accessibility: nearest shop",
                           "accessibility: nearest station", "accessibility: service areas"}) {
    EXPECT_NE(std::find(steps.begin(), steps.end(), step), steps.end()) << step;
  }
  std::ostringstream out;
  summarize(r, options.settings, out);
  const std::string text = out.str();
  EXPECT_NE(text.find("Accessibility (network)"), std::string::npos) << text;
  // Stations: B (1.83 km) is worse off than A (0.92 km); buitengebied is not a kern.
  const size_t station = text.find("station");
  ASSERT_NE(station, std::string::npos) << text;
  const std::string line = text.substr(station, text.find('\n', station) - station);
  EXPECT_NE(line.find("Kern 1"), std::string::npos) << line;
  EXPECT_NE(line.find("1.83"), std::string::npos) << line;
  EXPECT_NE(text.find("Service areas: 2 polygons"), std::string::npos) << text;
}

TEST(AccessibilityFamily, IsRegisteredAfterClusteringWithItsOptions) {
  const auto list = families();
  size_t clustering = list.size(), access = list.size();
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].name == "clustering") clustering = i;
    if (list[i].name == "accessibility") access = i;
  }
  ASSERT_LT(access, list.size());
  EXPECT_EQ(access, clustering + 1);
  const FoundOption found = find_option("accessibility.detour_factor");
  ASSERT_NE(found.spec, nullptr);
  EXPECT_EQ(std::get<double>(found.spec->default_value), 1.3);
}

}  // namespace
}  // namespace kk
