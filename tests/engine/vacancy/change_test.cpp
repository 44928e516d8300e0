// Tests for kernkompas/vacancy/change.hpp: snapshot matching by id.
#include "kernkompas/vacancy/change.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "kernkompas/core/error.hpp"
#include "testing/vacancy_builders.hpp"

namespace kk::vacancy {
namespace {

// date, kOcc/kVac/kUnk, kNoFloor, Register, kernen, real, integer.
using namespace testing;

// t0 (2023-01-01)                    t1 (2024-01-01)
//   a occupied  kern 0                 a vacant    kern 0   → newly vacant (kern 0)
//   b vacant    kern 0                 b occupied  kern 0   → re-occupied  (kern 0)
//   c vacant    kern 0                 c vacant    kern 0   → still vacant (kern 0)
//   d occupied  kern 1                 —                    → closed       (kern 1)
//   e unknown   kern 0                 e vacant    kern 0   → no transition
//   —                                  f occupied  kern 1   → opened       (kern 1)
//   g occupied  kern 0                 g vacant    kern 1   → newly vacant (kern 1: moved)
// Rates: kern 0 t0 = b, c of a, b, c, g = 2/4; t1 = a, c, e of a, b, c, e = 3/4 → +25 pp.
//        kern 1 t0 = 0/1 (d); t1 = g of f, g = 1/2 → +50 pp. Buitengebied: empty.
struct Pair {
  testing::Register t0{date("2023-01-01")}, t1{date("2024-01-01")};
  Pair() {
    t0.add("a", 0, kOcc).add("b", 0, kVac).add("c", 0, kVac).add("d", 1, kOcc).add("e", 0, kUnk)
        .add("g", 0, kOcc);
    t1.add("a", 0, kVac).add("b", 0, kOcc).add("c", 0, kVac).add("e", 0, kVac).add("f", 1, kOcc)
        .add("g", 1, kVac);
  }
};

TEST(VacancyChange, OpenedClosedNewlyVacantReoccupied) {
  const auto kernen = testing::kernen({"K0", "K1"});
  const Pair p;
  const Table t = vacancy_change(kernen, p.t0.layer, p.t0.assignment, p.t1.layer, p.t1.assignment);
  ASSERT_EQ(t.row_count(), 3u);
  EXPECT_EQ(integer(t, "newly_vacant", 0), 1);
  EXPECT_EQ(integer(t, "re_occupied", 0), 1);
  EXPECT_EQ(integer(t, "still_vacant", 0), 1);
  EXPECT_EQ(integer(t, "opened", 0), 0);
  EXPECT_EQ(integer(t, "closed", 0), 0);
  EXPECT_EQ(integer(t, "closed", 1), 1);
  EXPECT_EQ(integer(t, "opened", 1), 1);
  EXPECT_EQ(integer(t, "newly_vacant", 1), 1);
  EXPECT_EQ(integer(t, "n_units_t0", 0), 4);
  EXPECT_EQ(integer(t, "n_vacant_t0", 0), 2);
  EXPECT_EQ(integer(t, "n_units_t1", 0), 4);
  EXPECT_EQ(integer(t, "n_vacant_t1", 0), 3);
  EXPECT_DOUBLE_EQ(real(t, "rate_t0", 0), 0.5);
  EXPECT_DOUBLE_EQ(real(t, "rate_t1", 0), 0.75);
  EXPECT_NEAR(real(t, "rate_change_pp", 0), 25.0, 1e-12);
  EXPECT_DOUBLE_EQ(real(t, "rate_t0", 1), 0.0);
  EXPECT_DOUBLE_EQ(real(t, "rate_t1", 1), 0.5);
  EXPECT_NEAR(real(t, "rate_change_pp", 1), 50.0, 1e-12);
  EXPECT_TRUE(std::isnan(real(t, "rate_change_pp", 2)));
}

TEST(VacancyChange, WholeArea) {
  const Pair p;
  const Table t = vacancy_change_total(p.t0.layer, p.t1.layer);
  ASSERT_EQ(t.row_count(), 1u);
  EXPECT_EQ(integer(t, "opened", 0), 1);
  EXPECT_EQ(integer(t, "closed", 0), 1);
  EXPECT_EQ(integer(t, "newly_vacant", 0), 2);
  EXPECT_EQ(integer(t, "re_occupied", 0), 1);
  // t0: 2 of 5 vacant; t1: 4 of 6 → 66.67 − 40 = 26.67 pp.
  EXPECT_NEAR(real(t, "rate_change_pp", 0), 100.0 * (4.0 / 6.0 - 2.0 / 5.0), 1e-12);
}

TEST(VacancyChange, DuplicateIdThrows) {
  const auto kernen = testing::kernen({"K0", "K1"});
  Pair p;
  p.t1.add("c", 1, kOcc);  // c appears twice in t1
  try {
    vacancy_change(kernen, p.t0.layer, p.t0.assignment, p.t1.layer, p.t1.assignment);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDuplicateId);
    const std::string message = e.what();
    EXPECT_NE(message.find("'c'"), std::string::npos) << message;
    EXPECT_NE(message.find("snapshot t1 (2024-01-01)"), std::string::npos) << message;
    EXPECT_NE(message.find("records 3 and 7"), std::string::npos) << message;
  }
  // The message says which snapshot holds the duplicate.
  Pair q;
  q.t0.add("a", 0, kVac);
  try {
    vacancy_change_total(q.t0.layer, q.t1.layer);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("snapshot t0"), std::string::npos) << message;
    EXPECT_NE(message.find("id 'a' occurs twice"), std::string::npos) << message;
  }
}

// A kern with units at t1 only (all opened) has a rate at t1 but none at t0, so no change;
// one with units at t0 only (all closed) has a rate at t0 but none at t1.
//   t0 (2023-01-01): a occupied kern 0, d vacant kern 1, e occupied kern 1
//   t1 (2024-01-01): a occupied kern 0, f vacant kern 2, h occupied kern 2, i occupied kern 2
// Kern 1: t0 1 of 2 → 0.5, t1 nothing → empty. Kern 2: t0 nothing → empty, t1 1 of 3.
TEST(VacancyChange, KernWithUnitsOnOneSideOnlyHasTheRateOfThatSide) {
  const auto kernen = testing::kernen({"K0", "K1", "K2"});
  testing::Register t0{date("2023-01-01")}, t1{date("2024-01-01")};
  t0.add("a", 0, kOcc).add("d", 1, kVac).add("e", 1, kOcc);
  t1.add("a", 0, kOcc).add("f", 2, kVac).add("h", 2, kOcc).add("i", 2, kOcc);
  const Table t = vacancy_change(kernen, t0.layer, t0.assignment, t1.layer, t1.assignment);
  ASSERT_EQ(t.row_count(), 4u);
  EXPECT_EQ(integer(t, "n_units_t0", 1), 2);
  EXPECT_EQ(integer(t, "n_units_t1", 1), 0);
  EXPECT_DOUBLE_EQ(real(t, "rate_t0", 1), 0.5);
  EXPECT_TRUE(std::isnan(real(t, "rate_t1", 1)));
  EXPECT_TRUE(std::isnan(real(t, "rate_change_pp", 1)));
  EXPECT_EQ(integer(t, "n_units_t0", 2), 0);
  EXPECT_EQ(integer(t, "n_units_t1", 2), 3);
  EXPECT_EQ(integer(t, "opened", 2), 3);
  EXPECT_TRUE(std::isnan(real(t, "rate_t0", 2)));
  EXPECT_DOUBLE_EQ(real(t, "rate_t1", 2), 1.0 / 3.0);
  EXPECT_TRUE(std::isnan(real(t, "rate_change_pp", 2)));
}

// The message names the snapshot, its date and the record (1-based, as in the file).
TEST(VacancyChange, EmptyIdNamesTheSnapshotAndTheRecord) {
  Pair p;
  p.t0.add("", 0, kOcc);  // record 7 of t0
  try {
    vacancy_change_total(p.t0.layer, p.t1.layer);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadValue);
    EXPECT_EQ(std::string(e.what()),
              "snapshot t0 (2023-01-01): record 7 has no id, so it cannot be matched between snapshots");
  }
}

TEST(VacancyChange, EmptyIdAndMismatchedAssignment) {
  const auto kernen = testing::kernen({"K0", "K1"});
  Pair p;
  p.t0.add("", 0, kOcc);
  EXPECT_THROW(vacancy_change_total(p.t0.layer, p.t1.layer), InputError);
  Pair q;
  q.t1.assignment.kern.pop_back();
  EXPECT_THROW(
      vacancy_change(kernen, q.t0.layer, q.t0.assignment, q.t1.layer, q.t1.assignment), Error);
}

}  // namespace
}  // namespace kk::vacancy
