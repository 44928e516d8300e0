// Tests for kernkompas/pattern/hotspots.hpp: the grid, cell values, Gi* and suppression.
#include "kernkompas/pattern/hotspots.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "kernkompas/core/error.hpp"
#include "kernkompas/stats/fdr.hpp"
#include "kernkompas/stats/random.hpp"
#include "testing/vacancy_builders.hpp"

namespace kk::pattern {
namespace {

using testing::kNoFloor;
using testing::kOcc;
using testing::kUnk;
using testing::kVac;

// Cells that Benjamini–Hochberg (alpha 0.05) flags on the planted register of
// FdrFlagsFollowThePermutationPOrTheNormalP (seed 99, 999 permutations), on each p. Pinned
// from a run; stats::benjamini_hochberg itself is checked by hand and against scipy.
constexpr size_t kFlaggedOnPSim = 19;
constexpr size_t kFlaggedOnPNorm = 27;

// The 3 × 3 grid of getis_ord_test.cpp as a register: cell size 100 m, grid origin snapped
// to (−300, 1200) from a lower-left unit at (−287.5, 1234). Vacant counts per cell
//   row 2:  0  0  0
//   row 1:  2  1  0
//   row 0:  4  2  0
// and 5 units in every cell (vacant ones plus occupied fillers), so no cell is suppressed
// at k = 5. With value = count the corner (0,0) has z = 3 sqrt(10) / 4.
testing::Register grid_register() {
  const int vacant[3][3] = {{4, 2, 0}, {2, 1, 0}, {0, 0, 0}};  // [row][col]
  testing::Register reg(*parse_iso_date("2024-01-01"));
  int id = 0;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      for (int u = 0; u < 5; ++u) {
        const double x = -300.0 + 100.0 * c + 12.5 + 10.0 * u;
        const double y = 1200.0 + 100.0 * r + 34.0 + 10.0 * u;
        reg.add(std::to_string(id++), 0, u < vacant[r][c] ? kVac : kOcc, kNoFloor, kNoDate,
                "47.11", "", x, y);
      }
    }
  }
  // A unit with an unknown status far away must not stretch the grid.
  reg.add("far", 0, kUnk, kNoFloor, kNoDate, "47.11", "", 1e6, 1e6);
  return reg;
}

TEST(VacancyHotspots, GridCellsCountsAndHandComputedZ) {
  const auto reg = grid_register();
  HotspotOptions options;
  options.cell_size_m = 100.0;
  options.value = HotspotValue::kCount;
  const HotspotResult r = vacancy_hotspots(reg.layer, options);
  EXPECT_EQ(r.grid.origin_x_m, -300.0);
  EXPECT_EQ(r.grid.origin_y_m, 1200.0);
  EXPECT_EQ(r.grid.cell_size_m, 100.0);
  EXPECT_EQ(r.grid.columns, 3);
  EXPECT_EQ(r.grid.rows, 3);
  const Table& t = r.cells;
  ASSERT_EQ(t.row_count(), 9u);
  EXPECT_EQ(t.at("cell_x").reals[0], -300.0);
  EXPECT_EQ(t.at("cell_y").reals[0], 1200.0);
  EXPECT_EQ(t.at("cell_x").reals[5], -100.0);  // row 1, column 2
  EXPECT_EQ(t.at("cell_y").reals[5], 1300.0);
  EXPECT_EQ(t.at("n_units").integers[0], 5);
  EXPECT_EQ(t.at("n_vacant").integers[0], 4);
  EXPECT_EQ(t.at("value").reals[0], 4.0);
  EXPECT_NEAR(t.at("gi_z").reals[0], 3.0 * std::sqrt(10.0) / 4.0, 1e-12);
  EXPECT_NEAR(t.at("gi_z").reals[1], 1.5, 1e-12);
  EXPECT_NEAR(t.at("gi_z").reals[8], -1.4230249470757705, 1e-12);
  EXPECT_TRUE(t.at("gi_z").is_null(4));
  for (size_t k = 0; k < 9; ++k) EXPECT_EQ(t.at("suppressed").integers[k], 0);
  EXPECT_EQ(t.at("below_min_units").integers[0], 1);  // 5 < 10
}

TEST(VacancyHotspots, RateValueAndSuppressionAtKMinusOneAndK) {
  auto reg = grid_register();
  // Remove one occupied unit from cell (2, 2) (ids 40..44; 44 is occupied): 4 units there.
  reg.layer.status[44] = kUnk;
  HotspotOptions options;
  options.cell_size_m = 100.0;
  const HotspotResult r = vacancy_hotspots(reg.layer, options);
  const Table& t = r.cells;
  EXPECT_DOUBLE_EQ(t.at("value").reals[0], 4.0 / 5.0);
  // Cell (2, 2) with k − 1 = 4 units: published empty.
  EXPECT_EQ(t.at("suppressed").integers[8], 1);
  EXPECT_TRUE(t.at("n_units").is_null(8));
  EXPECT_TRUE(t.at("n_vacant").is_null(8));
  EXPECT_TRUE(t.at("value").is_null(8));
  EXPECT_TRUE(t.at("gi_z").is_null(8));
  EXPECT_TRUE(t.at("p_sim").is_null(8));
  EXPECT_TRUE(t.at("fdr_significant").is_null(8));
  // Cells with exactly k = 5 units are published.
  EXPECT_EQ(t.at("suppressed").integers[7], 0);
  EXPECT_FALSE(t.at("gi_z").is_null(7));
  // Internal output shows it.
  options.disclosure.internal = true;
  const Table internal = vacancy_hotspots(reg.layer, options).cells;
  EXPECT_EQ(internal.at("suppressed").integers[8], 0);
  EXPECT_EQ(internal.at("n_units").integers[8], 4);
  EXPECT_DOUBLE_EQ(internal.at("value").reals[8], 0.0);
  // Published: the withheld cell is no data, so Gi* runs over the other 8 cells only. Rates
  // 0.8 0.4 0 / 0.4 0.2 0 / 0 0: mean 0.225, S^2 = 1.0 / 8 - 0.225^2 = 0.074375; cell (0, 0)
  // takes in itself and 3 neighbours (sum 1.8, W = S1 = 4):
  // z = (1.8 - 0.225 * 4) / (S sqrt((8 * 4 - 16) / 7)).
  EXPECT_NEAR(t.at("gi_z").reals[0], 0.9 / (std::sqrt(0.074375) * std::sqrt(16.0 / 7.0)), 1e-12);
  // Internal takes in all 9 cells, so the z of the same cell differs.
  EXPECT_GT(std::abs(internal.at("gi_z").reals[0] - t.at("gi_z").reals[0]), 0.01);
}

// 3000 units over 5 x 5 km, with a planted cluster of vacancy (40 % against 8 %) in the
// south-west.
testing::Register planted_register() {
  testing::Register reg(*parse_iso_date("2024-01-01"));
  stats::RandomStream rng(5, 0);
  for (int i = 0; i < 3000; ++i) {
    const double x = 155000.0 + 5000.0 * rng.uniform();
    const double y = 465000.0 + 5000.0 * rng.uniform();
    const bool hot = x < 156500.0 && y < 466500.0;
    const bool vacant = rng.uniform() < (hot ? 0.4 : 0.08);
    reg.add(std::to_string(i), 0, vacant ? kVac : kOcc, kNoFloor, kNoDate, "47.11", "", x, y);
  }
  return reg;
}


TEST(VacancyHotspots, ThreadCountDoesNotChangeTheResult) {
  const testing::Register reg = planted_register();
  HotspotOptions options;
  options.disclosure.internal = true;
  options.execution.seed = 99;
  const Table one = vacancy_hotspots(reg.layer, options).cells;
  options.execution.threads = 2;
  const Table two = vacancy_hotspots(reg.layer, options).cells;
  EXPECT_EQ(one.at("p_sim").reals, two.at("p_sim").reals);
  EXPECT_EQ(one.at("gi_z").reals, two.at("gi_z").reals);
  EXPECT_EQ(one.at("hotspot").texts, two.at("hotspot").texts);
  // The planted cluster in the south-west shows up as hot spots.
  size_t hot = 0;
  for (const std::string& h : one.at("hotspot").texts) hot += h == "hot" ? 1 : 0;
  EXPECT_GT(hot, 0u);
}

// Which p fdr_significant (and so hotspot) uses: the permutation p when permutations run,
// the normal p when permutations = 0. On the planted register the two flag sets differ, so
// a flag computed on the wrong p cannot pass.
std::vector<uint8_t> flags_of(const Table& t) {
  std::vector<uint8_t> flags;
  for (int64_t f : t.at("fdr_significant").integers) flags.push_back(static_cast<uint8_t>(f));
  return flags;
}

size_t count_of(const std::vector<uint8_t>& flags) {
  size_t n = 0;
  for (uint8_t f : flags) n += f;
  return n;
}

TEST(VacancyHotspots, FdrFlagsFollowThePermutationPOrTheNormalP) {
  const auto reg = planted_register();
  HotspotOptions options;
  options.disclosure.internal = true;
  options.execution.seed = 99;
  const Table sim = vacancy_hotspots(reg.layer, options).cells;
  const auto on_sim = stats::benjamini_hochberg(sim.at("p_sim").reals, 0.05);
  const auto on_norm = stats::benjamini_hochberg(sim.at("p_norm").reals, 0.05);
  EXPECT_EQ(flags_of(sim), on_sim);
  EXPECT_EQ(count_of(on_sim), kFlaggedOnPSim);
  EXPECT_EQ(count_of(on_norm), kFlaggedOnPNorm);  // the normal p would flag more cells
  for (size_t i = 0; i < on_sim.size(); ++i) {
    const bool hot = sim.at("hotspot").texts[i] == "hot", cold = sim.at("hotspot").texts[i] == "cold";
    EXPECT_EQ(hot || cold, on_sim[i] == 1) << "cell " << i;
    if (hot) {
      EXPECT_GT(sim.at("gi_z").reals[i], 0.0);
    }
    if (cold) {
      EXPECT_LT(sim.at("gi_z").reals[i], 0.0);
    }
  }

  options.permutations = 0;
  const Table norm = vacancy_hotspots(reg.layer, options).cells;
  EXPECT_EQ(flags_of(norm), on_norm);
  EXPECT_EQ(norm.at("gi_z").reals, sim.at("gi_z").reals);
}

TEST(VacancyHotspots, DistanceBandOption) {
  const auto reg = grid_register();
  HotspotOptions options;
  options.cell_size_m = 100.0;
  options.value = HotspotValue::kCount;
  options.distance_band_m = 100.0;  // rook: corner (0,0) sees (1,0) and (0,1)
  options.permutations = 0;
  const Table t = vacancy_hotspots(reg.layer, options).cells;
  // Corner: Σ w x = 4 + 2 + 2 = 8, W = S1 = 3, x̄ = 1, S = 4/3:
  // z = (8 − 3) / (4/3 · sqrt((27 − 9)/8)) = 5 / (4/3 · 1.5) = 2.5.
  EXPECT_NEAR(t.at("gi_z").reals[0], 2.5, 1e-12);
  EXPECT_TRUE(t.at("p_sim").is_null(0));
}

// A cell size tiny against the data's extent is refused before the cell index is cast (it
// would overflow int64) or the raster allocated: the grid is checked in doubles first.
TEST(VacancyHotspots, GridLargerThanTheLimitIsRefusedNamingTheOption) {
  const auto reg = grid_register();
  HotspotOptions options;
  options.cell_size_m = 1e-12;
  try {
    vacancy_hotspots(reg.layer, options);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(std::string(e.what()).rfind("option 'hotspots.cell_size_m' 1e-12 m gives a grid of ", 0), 0u) << e.what();
    EXPECT_NE(std::string(e.what()).find("(at most 10000000); choose a larger cell size"), std::string::npos) << e.what();
  }
  // Found by fuzzing: cells of 1e-300 m numbered the grid past what int64 holds (UBSan
  // float-cast-overflow). An input error, so the command exits 1.
  options.cell_size_m = 1e-300;
  EXPECT_THROW(vacancy_hotspots(reg.layer, options), InputError);
  options.cell_size_m = 0.1;  // about 2401 x 2401 cells: within the limit
  options.permutations = 0;
  EXPECT_NEAR(static_cast<double>(vacancy_hotspots(reg.layer, options).grid.columns), 2401.0, 1.0);  // 240 m / 0.1 m
}

TEST(VacancyHotspots, NoUnitsGivesAnEmptyTableWithColumns) {
  LocationLayer empty;
  const HotspotResult r = vacancy_hotspots(empty);
  EXPECT_EQ(r.cells.row_count(), 0u);
  EXPECT_NE(r.cells.find("gi_z"), nullptr);
  EXPECT_EQ(r.grid.columns, 0);
  HotspotOptions bad;
  bad.cell_size_m = 0.0;
  EXPECT_THROW(vacancy_hotspots(empty, bad), Error);
}

}  // namespace
}  // namespace kk::pattern
