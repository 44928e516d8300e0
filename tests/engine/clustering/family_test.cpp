// The clustering family in the pipeline: the tables it adds, with figures by hand, and its
// disclosure rules.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "kernkompas/analysis.hpp"
#include "kernkompas/core/error.hpp"
#include "testing/builders.hpp"

namespace kk {
namespace {

// Kern A (0-1000 m square): six locations 5 m apart on a line, sections G G G G I I, two
// vacant. Kern B (1000-2000 m): three locations 300 m apart, all G, occupied.
AnalysisInput two_kernen() {
  AnalysisInput input;
  input.kernen = testing::two_square_kernen();
  LocationLayer& l = input.locations;
  auto unit = [&l](double x, double y, const char* sbi, OccupancyStatus status) {
    l.id.push_back("u" + std::to_string(l.id.size()));
    l.x.push_back(x);
    l.y.push_back(y);
    l.sbi.push_back(sbi);
    l.status.push_back(status);
    l.vacant_since.push_back(kNoDate);
  };
  using enum OccupancyStatus;
  const char* sections[] = {"47.11", "47.11", "46.90", "45.20", "56.10", "55.10"};
  for (int i = 0; i < 6; ++i) unit(500 + 5 * i, 500, sections[i], i < 2 ? kVacant : kOccupied);
  for (int i = 0; i < 3; ++i) unit(1200 + 300 * i, 500, "47.11", kOccupied);
  return input;
}

AnalysisOptions internal() {
  AnalysisOptions options;
  options.settings.set("disclosure.internal", true);
  return options;
}

TEST(ClusteringFamily, SectorConcentrationByHand) {
  const AnalysisResult r = run_analysis(two_kernen(), internal());
  const Table& kern = r.kern_indicators();
  // A: shares 4/6 G, 2/6 I. H = -(2/3 ln 2/3 + 1/3 ln 1/3), HHI = 4/9 + 1/9.
  const double h = -(2.0 / 3 * std::log(2.0 / 3) + 1.0 / 3 * std::log(1.0 / 3));
  EXPECT_NEAR(kern.at("sbi_shannon").reals[0], h, 1e-12);
  EXPECT_NEAR(kern.at("sbi_evenness").reals[0], h / std::log(2.0), 1e-12);
  EXPECT_NEAR(kern.at("sbi_evenness_21").reals[0], h / std::log(21.0), 1e-12);
  EXPECT_NEAR(kern.at("sbi_hhi").reals[0], 5.0 / 9, 1e-12);
  EXPECT_EQ(kern.at("sbi_sections_present").integers[0], 2);
  // B: one section: H = 0, HHI = 1, evenness undefined.
  EXPECT_EQ(kern.at("sbi_shannon").reals[1], 0.0);
  EXPECT_EQ(kern.at("sbi_hhi").reals[1], 1.0);
  EXPECT_TRUE(std::isnan(kern.at("sbi_evenness").reals[1]));
  // LQ against the area (G: 7 of 9, I: 2 of 9): A-G (4/6)/(7/9), A-I (2/6)/(2/9), B-G (3/3)/(7/9).
  const Table& lq = *r.find_table("sector_lq");
  ASSERT_EQ(lq.row_count(), 6u);  // A, B, buitengebied × the two sections present
  EXPECT_EQ(lq.at("kern_code").texts[0], "A");
  EXPECT_EQ(lq.at("sbi_section").texts[0], "G");
  EXPECT_NEAR(lq.at("lq").reals[0], (4.0 / 6) / (7.0 / 9), 1e-12);
  EXPECT_NEAR(lq.at("lq").reals[1], (2.0 / 6) / (2.0 / 9), 1e-12);
  EXPECT_NEAR(lq.at("lq").reals[2], (3.0 / 3) / (7.0 / 9), 1e-12);
  EXPECT_EQ(lq.at("lq").reals[3], 0.0);  // B has no I
  EXPECT_TRUE(std::isnan(lq.at("lq").reals[4]));  // buitengebied has no locations
}

TEST(ClusteringFamily, LocationQuotientsAgainstAConfiguredReference) {
  AnalysisOptions options = internal();
  // Reference shares G 50 %, I 25 %, C 25 % (counts work as well: they are normalised).
  options.settings.set("clustering.lq_reference", std::string("G:2,I:1,C:1"));
  const AnalysisResult r = run_analysis(two_kernen(), options);
  const Table& lq = *r.find_table("sector_lq");
  EXPECT_NEAR(lq.at("lq").reals[0], (4.0 / 6) / 0.5, 1e-12);   // A-G
  EXPECT_NEAR(lq.at("lq").reals[1], (2.0 / 6) / 0.25, 1e-12);  // A-I
  EXPECT_NEAR(lq.at("lq").reals[2], 1.0 / 0.5, 1e-12);         // B-G
  for (const char* bad : {"G:2,X:1", "G:-1", "G:abc", "G:0", "G2"}) {
    options.settings.set("clustering.lq_reference", std::string(bad));
    try {
      run_analysis(two_kernen(), options);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("clustering.lq_reference"), std::string::npos) << e.what();
    }
  }
}

TEST(ClusteringFamily, OneDbscanClusterInKernA) {
  const AnalysisResult r = run_analysis(two_kernen(), internal());
  // eps 75 m, min_samples 5: the six in A are all core (each has the other five within
  // 25 m); B's three are 300 m apart: noise.
  EXPECT_EQ(r.location_columns.at("cluster_id").integers,
            (std::vector<int64_t>{0, 0, 0, 0, 0, 0, -1, -1, -1}));
  const NamedTable& clusters = *r.find_named("cluster");
  ASSERT_EQ(clusters.table.row_count(), 1u);
  EXPECT_EQ(clusters.table.at("kern_code").texts[0], "A");
  EXPECT_EQ(clusters.table.at("n_locations").integers[0], 6);
  EXPECT_EQ(clusters.table.at("n_core").integers[0], 6);
  EXPECT_EQ(clusters.table.at("sbi_mix").texts[0], "G:4;I:2");
  EXPECT_EQ(clusters.table.at("n_vacant").integers[0], 2);
  EXPECT_NEAR(clusters.table.at("share_vacant").reals[0], 2.0 / 6, 1e-15);
  // The outline: the 25 m line widened by 5 m on every side, so about 35 × 10 m.
  ASSERT_TRUE(clusters.geometry.has_value());
  const double area = geometry::feature_area(*clusters.geometry, 0);
  EXPECT_GT(area, 25.0 * 10.0);
  EXPECT_LT(area, 35.0 * 10.0);
}

TEST(ClusteringFamily, PublishedOutputWithholdsSmallKernenAndClusterDetail) {
  const AnalysisResult r = run_analysis(two_kernen());  // published, k = 5
  const Table& kern = r.kern_indicators();
  EXPECT_FALSE(std::isnan(kern.at("nn_mean_m").reals[0]));  // A: 6 locations
  EXPECT_NEAR(kern.at("nn_mean_m").reals[0], 5.0, 1e-12);
  EXPECT_TRUE(std::isnan(kern.at("nn_mean_m").reals[1]));   // B: 3 locations
  const Table& ripley = *r.find_table("kern_ripley");
  ASSERT_EQ(ripley.row_count(), 20u);  // 2 kernen × 10 distances
  EXPECT_EQ(ripley.at("suppressed").integers[0], 0);
  EXPECT_EQ(ripley.at("suppressed").integers[10], 1);
  EXPECT_TRUE(std::isnan(ripley.at("k").reals[10]));
  EXPECT_EQ(ripley.at("n_locations").integers[10], 3);  // a count, kept as in every table
  // The cluster: 6 locations pass the count rule; no section has k locations, so none is
  // named. Its vacancy is published: kern A has no unit outside the cluster (the remainder
  // is 0), and B (3 units, no cluster) does not touch it.
  const Table& clusters = r.find_named("cluster")->table;
  EXPECT_EQ(clusters.at("sbi_mix").texts[0], "");  // G:4 and I:2 both below k = 5
  EXPECT_EQ(clusters.at("suppressed").integers[0], 0);
  EXPECT_EQ(clusters.at("n_vacant").integers[0], 2);
  // A density raster is there; every cell with 1 … 4 locations in reach is withheld.
  ASSERT_NE(r.find_raster("density"), nullptr);
}

TEST(ClusteringFamily, ClusterVacancyIsWithheldWhenTheKernRemainderIsSmall) {
  AnalysisInput input = two_kernen();
  // Two more units in A, far from the cluster: the kern row minus the cluster = 2 units.
  for (double x : {100.0, 900.0}) {
    input.locations.id.push_back("far" + std::to_string(static_cast<int>(x)));
    input.locations.x.push_back(x);
    input.locations.y.push_back(900);
    input.locations.sbi.push_back("47.11");
    input.locations.status.push_back(OccupancyStatus::kVacant);
    input.locations.vacant_since.push_back(kNoDate);
  }
  const AnalysisResult r = run_analysis(input);
  const Table& clusters = r.find_named("cluster")->table;
  ASSERT_EQ(clusters.row_count(), 1u);
  EXPECT_EQ(clusters.at("suppression_kind").texts[0], "secondary");
  EXPECT_EQ(clusters.at("n_vacant").integers[0], kNullInteger);
  EXPECT_TRUE(std::isnan(clusters.at("share_vacant").reals[0]));
  EXPECT_EQ(clusters.at("n_locations").integers[0], 6);  // counts of locations stay
}

TEST(ClusteringFamily, ColocationNeedsTwoSectionLetters) {
  AnalysisOptions options = internal();
  options.settings.set("clustering.colocation_sections", std::string("G;I"));
  try {
    run_analysis(two_kernen(), options);
    FAIL() << "accepted 'G;I'";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("clustering.colocation_sections"), std::string::npos) << e.what();
  }
  options.settings.set("clustering.colocation_sections", std::string("G,I"));
  const AnalysisResult r = run_analysis(two_kernen(), options);
  const Table& clq = *r.find_table("colocation");
  EXPECT_EQ(clq.at("n_a").integers[0], 7);
  EXPECT_EQ(clq.at("n_b").integers[0], 2);
  // G → I: only the G point at x = 515 has an I point (520) among its nearest neighbours,
  // tied with 510 (G), so it counts 1/2 (ties shared). C = 0.5, CLQ = (0.5/7) / (2/8).
  EXPECT_NEAR(clq.at("clq").reals[0], (0.5 / 7) / (2.0 / 8), 1e-12);
}

}  // namespace
}  // namespace kk
