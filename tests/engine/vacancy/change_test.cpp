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
