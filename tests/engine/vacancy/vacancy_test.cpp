// Tests for kernkompas/vacancy/vacancy.hpp: rates, floor area, duration classes, benchmark,
// minimum-n flags and disclosure control — each figure counted by hand.
#include "kernkompas/vacancy/vacancy.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "kernkompas/core/error.hpp"
#include "testing/vacancy_builders.hpp"

namespace kk::vacancy {
namespace {

// date, kOcc/kVac/kUnk, kNoFloor, Register, kernen, real, integer.
using namespace testing;

// --- Duration classes -------------------------------------------------------------------

TEST(VacancyDuration, OneYearIsTheCalendarAnniversaryAcrossALeapDay) {
  // Vacant since 2023-03-01; 2024 is a leap year.
  const Days since = date("2023-03-01");
  EXPECT_EQ(duration_class(since, since), DurationClass::kFrictional);
  // 2024-02-29 is 365 days later but not yet a year.
  EXPECT_EQ(date("2024-02-29") - since, 365);
  EXPECT_EQ(duration_class(since, date("2024-02-29")), DurationClass::kFrictional);
  // 2024-03-01 is the anniversary (366 days).
  EXPECT_EQ(duration_class(since, date("2024-03-01")), DurationClass::kLongTerm);
}

TEST(VacancyDuration, ExactlyThreeSixtyFiveDaysInACommonYear) {
  // 2022-06-15 → 2023-06-15 is 365 days and exactly one year.
  const Days since = date("2022-06-15");
  EXPECT_EQ(date("2023-06-15") - since, 365);
  EXPECT_EQ(duration_class(since, date("2023-06-14")), DurationClass::kFrictional);
  EXPECT_EQ(duration_class(since, date("2023-06-15")), DurationClass::kLongTerm);
}

TEST(VacancyDuration, ThreeYearBoundary) {
  // 2021-03-10 → 2024-03-10: three calendar years, 1096 days (with 2024-02-29), so
  // 3 × 365 = 1095 days is not yet structural.
  const Days since = date("2021-03-10");
  EXPECT_EQ(date("2024-03-10") - since, 1096);
  EXPECT_EQ(duration_class(since, since + 1095), DurationClass::kLongTerm);
  EXPECT_EQ(duration_class(since, date("2024-03-10")), DurationClass::kStructural);
  EXPECT_EQ(duration_class(since, date("2030-01-01")), DurationClass::kStructural);
  // Without a leap day in between, three years are 1095 days (2016-03-01 → 2019-03-01).
  const Days plain = date("2016-03-01");
  EXPECT_EQ(date("2019-03-01") - plain, 1095);
  EXPECT_EQ(duration_class(plain, plain + 1094), DurationClass::kLongTerm);
  EXPECT_EQ(duration_class(plain, plain + 1095), DurationClass::kStructural);
}

// INDICATORS.md: "+k years" keeps the month and clamps the day, so 29 Feb + 1 y = 28 Feb.
TEST(VacancyDuration, LeapDayStartAnniversaryIsTwentyEighthOfFebruary) {
  const Days since = date("2020-02-29");
  EXPECT_EQ(duration_class(since, date("2021-02-27")), DurationClass::kFrictional);
  EXPECT_EQ(duration_class(since, date("2021-02-28")), DurationClass::kLongTerm);
  EXPECT_EQ(duration_class(since, date("2023-02-27")), DurationClass::kLongTerm);
  EXPECT_EQ(duration_class(since, date("2023-02-28")), DurationClass::kStructural);
}

// The example of INDICATORS.md: vacant since 2024-02-29 is structural from 2027-02-28 on.
TEST(VacancyDuration, LeapDayPlusThreeYearsIsStructuralOnTwentyEighthOfFebruary) {
  const Days since = date("2024-02-29");
  EXPECT_EQ(duration_class(since, date("2025-02-28")), DurationClass::kLongTerm);
  EXPECT_EQ(duration_class(since, date("2027-02-27")), DurationClass::kLongTerm);
  EXPECT_EQ(duration_class(since, date("2027-02-28")), DurationClass::kStructural);
  // A leap-year anniversary exists and is kept: 2028-02-29 is the 4th.
  EXPECT_EQ(duration_class(since, date("2028-02-28")), DurationClass::kStructural);
}

TEST(VacancyDuration, UnknownWithoutDatesOrWithADateAfterTheReference) {
  EXPECT_EQ(duration_class(kNoDate, date("2024-01-01")), DurationClass::kUnknown);
  EXPECT_EQ(duration_class(date("2024-01-01"), kNoDate), DurationClass::kUnknown);
  EXPECT_EQ(duration_class(date("2024-01-02"), date("2024-01-01")), DurationClass::kUnknown);
}

// --- Rates per kern -------------------------------------------------------------------------

// Snapshot 2024-06-30. Kern A (0):
//   a1 occupied 100 m², a2 occupied (no floor), a3 vacant 50 m² since 2024-06-20 (frictional),
//   a4 vacant (no floor, no date: duration unknown), a5 status unknown 1000 m² (excluded),
//   a6 vacant 0 m² (a 0 floor area is unknown) since 2023-06-30 (exactly 1 year: long-term).
// Kern B (1): no locations.
// Buitengebied: b1 occupied 200 m², b2 vacant 300 m² since 2021-06-30 (3 years: structural).
testing::Register sample() {
  testing::Register reg(date("2024-06-30"));
  reg.add("a1", 0, kOcc, 100.0)
      .add("a2", 0, kOcc, kNoFloor)
      .add("a3", 0, kVac, 50.0, date("2024-06-20"))
      .add("a4", 0, kVac, kNoFloor)
      .add("a5", 0, kUnk, 1000.0)
      .add("a6", 0, kVac, 0.0, date("2023-06-30"))
      .add("b1", assign::kBuitengebied, kOcc, 200.0)
      .add("b2", assign::kBuitengebied, kVac, 300.0, date("2021-06-30"));
  return reg;
}

TEST(VacancyRates, CountsAndRatesPerKernByHand) {
  const auto kernen = testing::kernen({"A", "B"});
  const auto reg = sample();
  Options options;
  options.benchmark_rate = 0.10;
  options.disclosure.internal = true;  // the arithmetic; disclosure control: KernRowsAreControlled
  const Table t = vacancy_per_kern(kernen, reg.layer, reg.assignment, options);
  ASSERT_EQ(t.row_count(), 3u);  // A, B, buitengebied

  // Kern A: 5 units with a status (a5 left out), 3 vacant → 3/5.
  EXPECT_EQ(integer(t, "n_status_unknown", 0), 1);
  EXPECT_EQ(integer(t, "n_units_with_status", 0), 5);
  EXPECT_EQ(integer(t, "n_occupied", 0), 2);
  EXPECT_EQ(integer(t, "n_vacant", 0), 3);
  EXPECT_DOUBLE_EQ(real(t, "vacancy_rate_units", 0), 0.6);
  // Wilson 3 of 5 (see proportions_and_fdr_test.cpp): [.230724281276013, .882379225767352].
  EXPECT_NEAR(real(t, "vacancy_rate_units_ci_low", 0), 0.230724281276013, 1e-12);
  EXPECT_NEAR(real(t, "vacancy_rate_units_ci_high", 0), 0.882379225767352, 1e-12);
  // Floor: known for a1 (100) and a3 (50) only; a5's 1000 m² has no status.
  EXPECT_EQ(integer(t, "n_units_with_floor_area", 0), 2);
  EXPECT_DOUBLE_EQ(real(t, "total_floor_m2", 0), 150.0);
  EXPECT_DOUBLE_EQ(real(t, "vacant_floor_m2", 0), 50.0);
  EXPECT_DOUBLE_EQ(real(t, "vacancy_rate_floor", 0), 50.0 / 150.0);
  EXPECT_DOUBLE_EQ(real(t, "floor_area_coverage", 0), 2.0 / 5.0);
  // Durations: a3 frictional, a6 long-term, a4 unknown.
  EXPECT_EQ(integer(t, "n_frictional", 0), 1);
  EXPECT_EQ(integer(t, "n_long_term", 0), 1);
  EXPECT_EQ(integer(t, "n_structural", 0), 0);
  EXPECT_EQ(integer(t, "n_duration_unknown", 0), 1);
  EXPECT_EQ(integer(t, "n_vacant_1y_plus", 0), 1);
  EXPECT_DOUBLE_EQ(real(t, "floor_m2_frictional", 0), 50.0);
  EXPECT_DOUBLE_EQ(real(t, "floor_m2_long_term", 0), 0.0);  // a6 has no known floor area
  EXPECT_DOUBLE_EQ(real(t, "floor_m2_structural", 0), 0.0);
  EXPECT_DOUBLE_EQ(real(t, "floor_m2_duration_unknown", 0), 0.0);
  // Benchmark 10 %: 60 % − 10 % = 50 percentage points.
  EXPECT_DOUBLE_EQ(real(t, "benchmark_rate", 0), 0.10);
  EXPECT_NEAR(real(t, "diff_pp", 0), 50.0, 1e-12);
  EXPECT_EQ(integer(t, "below_min_units", 0), 1);  // 5 < 10

  // Kern B: nothing, so every rate and floor sum is empty, not 0.
  EXPECT_EQ(integer(t, "n_units_with_status", 1), 0);
  EXPECT_TRUE(std::isnan(real(t, "vacancy_rate_units", 1)));
  EXPECT_TRUE(std::isnan(real(t, "vacancy_rate_units_ci_low", 1)));
  EXPECT_TRUE(std::isnan(real(t, "total_floor_m2", 1)));
  EXPECT_TRUE(std::isnan(real(t, "vacant_floor_m2", 1)));
  EXPECT_TRUE(std::isnan(real(t, "floor_area_coverage", 1)));
  EXPECT_TRUE(std::isnan(real(t, "diff_pp", 1)));
  EXPECT_EQ(integer(t, "below_min_units", 1), 1);

  // Buitengebied: 1 of 2 vacant, 300 of 500 m², the vacant unit structural.
  EXPECT_DOUBLE_EQ(real(t, "vacancy_rate_units", 2), 0.5);
  EXPECT_DOUBLE_EQ(real(t, "vacancy_rate_floor", 2), 300.0 / 500.0);
  EXPECT_DOUBLE_EQ(real(t, "floor_area_coverage", 2), 1.0);
  EXPECT_EQ(integer(t, "n_structural", 2), 1);
  EXPECT_DOUBLE_EQ(real(t, "floor_m2_structural", 2), 300.0);
}

TEST(VacancyRates, MunicipalityTotalHasTheSameColumns) {
  const auto kernen = testing::kernen({"A", "B"});
  const auto reg = sample();
  Options internal;
  internal.disclosure.internal = true;  // the arithmetic on 7 units
  const Table per_kern = vacancy_per_kern(kernen, reg.layer, reg.assignment, internal);
  const Table total = vacancy_total(reg.layer, internal);
  ASSERT_EQ(total.row_count(), 1u);
  ASSERT_EQ(total.columns().size(), per_kern.columns().size());
  for (size_t c = 0; c < total.columns().size(); ++c) {
    EXPECT_EQ(total.columns()[c].name, per_kern.columns()[c].name);
  }
  // 7 units, 4 vacant; floor 150 + 500 = 650 m², vacant 50 + 300 = 350 m².
  EXPECT_EQ(integer(total, "n_units_with_status", 0), 7);
  EXPECT_EQ(integer(total, "n_vacant", 0), 4);
  EXPECT_DOUBLE_EQ(real(total, "vacancy_rate_units", 0), 4.0 / 7.0);
  EXPECT_DOUBLE_EQ(real(total, "vacancy_rate_floor", 0), 350.0 / 650.0);
  EXPECT_DOUBLE_EQ(real(total, "floor_area_coverage", 0), 4.0 / 7.0);
  EXPECT_TRUE(std::isnan(real(total, "benchmark_rate", 0)));
  EXPECT_TRUE(std::isnan(real(total, "diff_pp", 0)));
}

TEST(VacancyRates, MinUnitsFlagAndReferenceDateOption) {
  const auto kernen = testing::kernen({"A", "B"});
  const auto reg = sample();
  Options options;
  options.disclosure.min_units = 5;  // kern A has exactly 5: not below
  options.disclosure.internal = true;
  // A reference date a day before the snapshot: a6 (since 2023-06-30) is then frictional.
  options.reference_date = date("2024-06-29");
  const Table t = vacancy_per_kern(kernen, reg.layer, reg.assignment, options);
  EXPECT_EQ(integer(t, "below_min_units", 0), 0);
  EXPECT_EQ(integer(t, "below_min_units", 2), 1);  // 2 < 5
  EXPECT_EQ(integer(t, "n_frictional", 0), 2);
  EXPECT_EQ(integer(t, "n_long_term", 0), 0);
  // And b2 (since 2021-06-30) is then long-term, not structural.
  EXPECT_EQ(integer(t, "n_long_term", 2), 1);
}

TEST(VacancyRates, MissingReferenceDateIsAnErrorOnlyWhenADateNeedsIt) {
  const auto kernen = testing::kernen({"A"});
  testing::Register undated;  // no snapshot date
  undated.add("x", 0, kVac, 10.0, date("2020-01-01"));
  try {
    vacancy_per_kern(kernen, undated.layer, undated.assignment);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kMissingField);
    EXPECT_NE(std::string(e.what()).find("'x'"), std::string::npos);
  }
  testing::Register no_dates;
  no_dates.add("y", 0, kVac).add("z", 0, kOcc);
  Options internal;
  internal.disclosure.internal = true;
  const Table t = vacancy_per_kern(kernen, no_dates.layer, no_dates.assignment, internal);
  EXPECT_EQ(integer(t, "n_duration_unknown", 0), 1);
}

TEST(VacancyRates, RegisterWithoutStatusOrFloorColumns) {
  const auto kernen = testing::kernen({"A"});
  LocationLayer layer;
  layer.id = {"1", "2"};
  layer.x = {0, 0};
  layer.y = {0, 0};
  assign::Assignment a;
  a.kern = {0, 0};
  const Table t = vacancy_per_kern(kernen, layer, a);
  EXPECT_EQ(integer(t, "n_status_unknown", 0), 2);
  EXPECT_EQ(integer(t, "n_units_with_status", 0), 0);
  EXPECT_TRUE(std::isnan(real(t, "vacancy_rate_units", 0)));
}

TEST(VacancyRates, RejectsMismatchedInput) {
  const auto kernen = testing::kernen({"A"});
  auto reg = sample();  // names kern 0 and buitengebied only — fine for one kern
  reg.assignment.kern.pop_back();
  EXPECT_THROW(vacancy_per_kern(kernen, reg.layer, reg.assignment), Error);
  auto bad_kern = sample();
  bad_kern.assignment.kern[0] = 3;
  EXPECT_THROW(vacancy_per_kern(kernen, bad_kern.layer, bad_kern.assignment), Error);
  auto short_column = sample();
  short_column.layer.floor_area_m2.pop_back();
  EXPECT_THROW(vacancy_per_kern(kernen, short_column.layer, short_column.assignment), Error);
  Options options;
  options.disclosure.k = 0;
  EXPECT_THROW(vacancy_total(sample().layer, options), Error);
  options = {};
  options.benchmark_rate = 7.0;  // a percentage, not a fraction
  EXPECT_THROW(vacancy_total(sample().layer, options), Error);
}

// The messages name the computation ("vacancy"), the column or location, and the sizes.
std::string error_of(auto&& call) {
  try {
    call();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    return e.what();
  }
  return "";
}

TEST(VacancyRates, MismatchedInputMessagesNameTheProblem) {
  const auto kernen = testing::kernen({"A"});
  auto short_column = sample();  // 8 locations
  short_column.layer.floor_area_m2.pop_back();
  EXPECT_EQ(error_of([&] { vacancy_total(short_column.layer); }),
            "vacancy: column 'floor_area_m2' has 7 values for 8 locations");
  EXPECT_EQ(error_of([&] { vacancy_per_kern(kernen, short_column.layer, short_column.assignment); }),
            "vacancy: column 'floor_area_m2' has 7 values for 8 locations");
  auto bad_kern = sample();
  bad_kern.assignment.kern[1] = 3;
  EXPECT_EQ(error_of([&] { vacancy_per_kern(kernen, bad_kern.layer, bad_kern.assignment); }),
            "vacancy: location 1 is assigned to kern 3 of 1");
}

// vacancy.benchmark_rate is a fraction in [0, 1]: both ends are accepted, anything outside
// (a percentage, a negative rate) is refused naming the option.
TEST(VacancyRates, BenchmarkRateIsAFractionFromZeroToOne) {
  const auto reg = sample();
  Options options;
  options.disclosure.internal = true;
  options.benchmark_rate = 0.0;
  const Table zero = vacancy_total(reg.layer, options);
  EXPECT_NEAR(real(zero, "diff_pp", 0), 100.0 * 4.0 / 7.0, 1e-12);  // 4 of 7 vacant, minus 0
  options.benchmark_rate = 1.0;
  EXPECT_NEAR(real(vacancy_total(reg.layer, options), "diff_pp", 0), 100.0 * (4.0 / 7.0 - 1.0), 1e-12);
  for (double refused : {-0.01, -1.0, 1.01}) {
    options.benchmark_rate = refused;
    const std::string message = error_of([&] { vacancy_total(reg.layer, options); });
    EXPECT_NE(message.find("option 'vacancy.benchmark_rate' must be"), std::string::npos)
        << refused << ": " << message;
  }
}

// The magnitude rule counts the units that contribute to a floor area: 2 vacant units with a
// floor area are too few (magnitude_min_contributors = 3), 3 are enough. Floors are chosen so
// no unit dominates (largest share 60 % and 40 %, below 85 %).
TEST(VacancyRates, VacantFloorAreaNeedsThreeContributingUnits) {
  const auto kernen = testing::kernen({"A"});
  testing::Register two(date("2024-06-30"));
  two.add("v1", 0, kVac, 40.0).add("v2", 0, kVac, 60.0);
  for (int i = 0; i < 3; ++i) two.add("o" + std::to_string(i), 0, kOcc, 100.0);
  const Table t = vacancy_per_kern(kernen, two.layer, two.assignment);
  EXPECT_EQ(integer(t, "suppressed", 0), 0);  // 5 units = k
  EXPECT_TRUE(std::isnan(real(t, "vacant_floor_m2", 0)));
  EXPECT_TRUE(std::isnan(real(t, "vacancy_rate_floor", 0)));
  EXPECT_DOUBLE_EQ(real(t, "total_floor_m2", 0), 400.0);  // 5 contributors, largest 25 %
  EXPECT_EQ(t.at("magnitude_suppressed").texts[0],
            "vacant_floor_m2:primary;vacancy_rate_floor:primary;floor_m2_duration_unknown:primary");
  EXPECT_EQ(t.at("magnitude_suppressed").texts[1], "");  // buitengebied: no unit, nothing withheld

  testing::Register three(date("2024-06-30"));
  three.add("v1", 0, kVac, 30.0).add("v2", 0, kVac, 30.0).add("v3", 0, kVac, 40.0);
  for (int i = 0; i < 2; ++i) three.add("o" + std::to_string(i), 0, kOcc, 100.0);
  const Table u = vacancy_per_kern(kernen, three.layer, three.assignment);
  EXPECT_DOUBLE_EQ(real(u, "vacant_floor_m2", 0), 100.0);
  EXPECT_DOUBLE_EQ(real(u, "vacancy_rate_floor", 0), 100.0 / 300.0);
  EXPECT_DOUBLE_EQ(real(u, "floor_m2_duration_unknown", 0), 100.0);
  EXPECT_EQ(u.at("magnitude_suppressed").texts[0], "");
}

// --- Plausibility of vacant_since (issue 9) -------------------------------------------------

// The refusal of a register, or "" when it is accepted.
std::string refusal(const Register& reg, const Options& options = {}) {
  try {
    vacancy_total(reg.layer, options);
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadValue);
    return e.what();
  }
  return "";
}

TEST(VacancySince, AfterTheSnapshotDateIsRefusedNamingTheRecord) {
  Register reg(date("2025-01-01"));
  reg.add("A1", 0, kOcc).add("A2", 0, kVac, kNoFloor, date("2026-06-01"));
  EXPECT_EQ(refusal(reg), "vacancy duration: location 'A2' (record 2): vacant_since 2026-06-01 lies after the "
                          "reference date 2025-01-01 (the register's snapshot date)");
  // The snapshot date itself is fine (frictional).
  Register same_day(date("2025-01-01"));
  same_day.add("A1", 0, kVac, kNoFloor, date("2025-01-01"));
  EXPECT_EQ(refusal(same_day), "");
}

TEST(VacancySince, AfterTheConfiguredReferenceDateIsRefused) {
  Register reg(date("2025-01-01"));
  reg.add("A1", 0, kVac, kNoFloor, date("2024-07-01"));
  Options options;
  options.reference_date = date("2024-06-30");
  EXPECT_NE(refusal(reg, options).find("lies after the reference date 2024-06-30 (vacancy.reference_date)"),
            std::string::npos);
}

TEST(VacancySince, BeforeTheFloorIsRefusedAndTheFloorIsAnOption) {
  Register reg(date("2025-01-01"));
  reg.add("A1", 0, kVac, kNoFloor, date("1899-12-31"));
  EXPECT_NE(refusal(reg).find("location 'A1' (record 1): vacant_since 1899-12-31 lies before 1900-01-01 "
                              "(vacancy.vacant_since_floor)"),
            std::string::npos);
  Register on_floor(date("2025-01-01"));
  on_floor.add("A1", 0, kVac, kNoFloor, kDefaultVacantSinceFloor);
  EXPECT_EQ(refusal(on_floor), "");
  Options options;
  options.vacant_since_floor = date("1800-01-01");
  EXPECT_EQ(refusal(reg, options), "");
}

TEST(VacancySince, OccupiedUnitsAreNotJudgedOnVacantSince) {
  Register reg(date("2025-01-01"));
  reg.add("A1", 0, kOcc, kNoFloor, date("2026-06-01"));
  EXPECT_EQ(refusal(reg), "");
}

// --- Breakdowns and disclosure control -----------------------------------------------------

// Kern A: section G (47.x) with 4 units (k − 1), section C (10.x) with 5 units (k),
// section I (56.x) with 5 locations of which one has no status (4 units), and one location
// with an unknown SBI code. Kern B: one unit in section G.
testing::Register sector_sample() {
  testing::Register reg(date("2024-01-01"));
  for (int k = 0; k < 4; ++k) reg.add("g" + std::to_string(k), 0, k == 0 ? kVac : kOcc, 10.0, kNoDate, "47.11", "winkel");
  for (int k = 0; k < 5; ++k) reg.add("c" + std::to_string(k), 0, k < 2 ? kVac : kOcc, 20.0, kNoDate, "10.71", "industrie");
  for (int k = 0; k < 5; ++k) reg.add("i" + std::to_string(k), 0, k == 4 ? kUnk : kOcc, 30.0, kNoDate, "5610", "winkel");
  reg.add("u", 0, kOcc, 5.0, kNoDate, "zz", "");
  reg.add("bg", 1, kVac, 15.0, kNoDate, "47.19", "winkel");
  return reg;
}

TEST(VacancyBreakdown, SectorRowsAreOrderedAndSuppressedBelowK) {
  const auto kernen = testing::kernen({"A", "B"});
  const auto reg = sector_sample();
  const Table t = vacancy_by_sector(kernen, reg.layer, reg.assignment);
  ASSERT_EQ(t.row_count(), 5u);  // A·C, A·G, A·I, A·unknown, B·G
  const auto& section = t.at("sbi_section").texts;
  EXPECT_EQ(section, (std::vector<std::string>{"C", "G", "I", "unknown", "G"}));
  EXPECT_EQ(t.at("kern_code").texts, (std::vector<std::string>{"A", "A", "A", "A", "B"}));
  // A·C: exactly k = 5 units → published: 2 of 5 vacant.
  EXPECT_EQ(integer(t, "suppressed", 0), 0);
  EXPECT_EQ(integer(t, "n_locations", 0), 5);
  EXPECT_EQ(integer(t, "n_vacant", 0), 2);
  EXPECT_DOUBLE_EQ(real(t, "vacancy_rate_units", 0), 0.4);
  // A·G: k − 1 = 4 units → every value empty, flag set.
  EXPECT_EQ(integer(t, "suppressed", 1), 1);
  EXPECT_EQ(integer(t, "n_locations", 1), 4);  // establishment counts stay (docs/disclosure.md)
  EXPECT_EQ(t.at("suppression_kind").texts[1], "primary");
  EXPECT_EQ(integer(t, "n_vacant", 1), kNullInteger);
  EXPECT_EQ(integer(t, "n_units_with_status", 1), kNullInteger);
  EXPECT_TRUE(std::isnan(real(t, "vacancy_rate_units", 1)));
  EXPECT_TRUE(std::isnan(real(t, "vacancy_rate_units_ci_high", 1)));
  EXPECT_TRUE(std::isnan(real(t, "vacant_floor_m2", 1)));
  // A·I: 5 locations but one without status: 4 units → suppressed.
  EXPECT_EQ(integer(t, "suppressed", 2), 1);
  // A·unknown and B·G: 1 unit each → suppressed.
  EXPECT_EQ(integer(t, "suppressed", 3), 1);
  EXPECT_EQ(integer(t, "suppressed", 4), 1);
}

// Kern rows and the total follow the same rules (published by default): kern A has 5 units
// (published), buitengebied 2 (primary). Kern A's vacant floor area is 50 m2 from one unit
// (a3; a4 and a6 have no floor area): fewer than 3 contributors, withheld with the floor rate;
// its total floor area (a1 100 + a3 50) has 2 contributors: withheld too.
TEST(VacancyRates, KernRowsAreControlled) {
  const auto kernen = testing::kernen({"A", "B"});
  const auto reg = sample();
  const Table t = vacancy_per_kern(kernen, reg.layer, reg.assignment);
  EXPECT_EQ(t.at("suppressed").integers, (std::vector<int64_t>{0, 0, 1}));  // B: no units
  EXPECT_EQ(t.at("suppression_kind").texts, (std::vector<std::string>{"", "", "primary"}));
  EXPECT_EQ(integer(t, "n_vacant", 0), 3);
  EXPECT_EQ(integer(t, "n_vacant", 2), kNullInteger);
  EXPECT_EQ(integer(t, "below_min_units", 2), 1);  // kept
  EXPECT_TRUE(std::isnan(real(t, "vacant_floor_m2", 0)));
  EXPECT_TRUE(std::isnan(real(t, "total_floor_m2", 0)));
  EXPECT_TRUE(std::isnan(real(t, "vacancy_rate_floor", 0)));
  EXPECT_EQ(t.at("magnitude_suppressed").texts[0],
            "vacant_floor_m2:primary;vacancy_rate_floor:primary;total_floor_m2:primary;floor_m2_frictional:primary");
  // Looser magnitude rules publish them: 1 contributor allowed, dominance off.
  Options loose;
  loose.disclosure.magnitude_min_contributors = 1;
  loose.disclosure.dominance_share = 1.0;
  const Table l = vacancy_per_kern(kernen, reg.layer, reg.assignment, loose);
  EXPECT_DOUBLE_EQ(real(l, "vacant_floor_m2", 0), 50.0);
  EXPECT_DOUBLE_EQ(real(l, "total_floor_m2", 0), 150.0);
  EXPECT_EQ(l.at("magnitude_suppressed").texts[0], "");
  // Dominance alone: 3 contributors allowed down to 1, share 0.6: a1's 100 of 150 (67 %) dominates.
  Options dominance;
  dominance.disclosure.magnitude_min_contributors = 1;
  dominance.disclosure.dominance_share = 0.6;
  const Table d = vacancy_per_kern(kernen, reg.layer, reg.assignment, dominance);
  EXPECT_TRUE(std::isnan(real(d, "total_floor_m2", 0)));
  EXPECT_TRUE(std::isnan(real(d, "vacant_floor_m2", 0)));  // one unit is 100 % of it
}

TEST(VacancyBreakdown, InternalOutputIsNotSuppressed) {
  const auto kernen = testing::kernen({"A", "B"});
  const auto reg = sector_sample();
  Options options;
  options.disclosure.internal = true;
  const Table t = vacancy_by_sector(kernen, reg.layer, reg.assignment, options);
  for (size_t r = 0; r < t.row_count(); ++r) EXPECT_EQ(integer(t, "suppressed", r), 0);
  EXPECT_EQ(integer(t, "n_vacant", 1), 1);  // A·G: 1 of 4
  EXPECT_DOUBLE_EQ(real(t, "vacancy_rate_units", 1), 0.25);
  EXPECT_EQ(integer(t, "n_status_unknown", 2), 1);
}

TEST(VacancyBreakdown, DisclosureThresholdIsConfigurable) {
  const auto kernen = testing::kernen({"A", "B"});
  const auto reg = sector_sample();
  Options options;
  options.disclosure.k = 4;  // now A·G (4 units) and A·I (4 units) are published
  const Table t = vacancy_by_sector(kernen, reg.layer, reg.assignment, options);
  EXPECT_EQ(integer(t, "suppressed", 1), 0);
  EXPECT_EQ(integer(t, "suppressed", 2), 0);
  EXPECT_EQ(integer(t, "suppressed", 3), 1);
}

TEST(VacancyBreakdown, FunctionRows) {
  const auto kernen = testing::kernen({"A", "B"});
  const auto reg = sector_sample();
  Options options;
  options.disclosure.internal = true;
  const Table t = vacancy_by_function(kernen, reg.layer, reg.assignment, options);
  // A·industrie (5), A·winkel (4 + 5), A·unknown (1), B·winkel (1).
  EXPECT_EQ(t.at("function").texts,
            (std::vector<std::string>{"industrie", "winkel", "unknown", "winkel"}));
  EXPECT_EQ(integer(t, "n_locations", 1), 9);
  EXPECT_EQ(integer(t, "n_units_with_status", 1), 8);
  EXPECT_EQ(integer(t, "n_vacant", 1), 1);

  LocationLayer no_function = reg.layer;
  no_function.function.clear();
  const Table empty = vacancy_by_function(kernen, no_function, reg.assignment, options);
  EXPECT_EQ(empty.row_count(), 0u);
  EXPECT_NE(empty.find("suppressed"), nullptr);
}

}  // namespace
}  // namespace kk::vacancy
