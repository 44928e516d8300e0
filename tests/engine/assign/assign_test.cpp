// Tests for assigning locations to kernen (kernkompas/assign/assign.hpp).
#include "kernkompas/assign/assign.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "kernkompas/core/error.hpp"
#include "testing/builders.hpp"

namespace kk::assign {
namespace {

using kk::testing::add_square;
using kk::testing::add_square_with_hole;
using kk::testing::make_kern_layer;

// Kern 0: [0,10]² with hole [3,7]²; kern 1: [10,20]×[0,10]; kern 2: [100,110]².
KernLayer three_kernen() {
  geometry::MultiPolygonArray a;
  add_square_with_hole(a, 0, 0, 10, 3, 3, 4);
  add_square(a, 10, 0, 10);
  add_square(a, 100, 100, 10);
  return make_kern_layer(std::move(a));
}

TEST(AssignToKernen, HandCountedExample) {
  const KernLayer kernen = three_kernen();
  //                             k0  hole  k1  edge k2   far    k1   NaN  k0
  const std::vector<double> x = {1,  5,    15, 10,  105, -50,   19,  std::nan(""), 9};
  const std::vector<double> y = {1,  5,    5,  5,   105, -50,   9,   1,            9};
  const Assignment a = assign_to_kernen(kernen, x, y);
  EXPECT_EQ(a.kern, (std::vector<int32_t>{0, kBuitengebied, 1, 0, 2, kBuitengebied, 1,
                                          kBuitengebied, 0}));
  EXPECT_EQ(a.count_per_kern, (std::vector<int64_t>{3, 2, 1, 3}));
  EXPECT_EQ(a.outside, (std::vector<uint32_t>{1, 5, 7}));
}

TEST(AssignToKernen, CountsSumToNAndOutsideIsAscending) {
  const KernLayer kernen = three_kernen();
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> u(-5.0, 115.0);
  const size_t n = 200000;
  std::vector<double> x(n), y(n);
  for (size_t i = 0; i < n; ++i) {
    x[i] = u(rng);
    y[i] = u(rng) / 4.0 + (i % 3 == 0 ? 95.0 : 0.0);  // put some near kern 2
  }
  const Assignment a = assign_to_kernen(kernen, x, y);
  ASSERT_EQ(a.kern.size(), n);
  ASSERT_EQ(a.count_per_kern.size(), kernen.size() + 1);
  EXPECT_EQ(std::accumulate(a.count_per_kern.begin(), a.count_per_kern.end(), int64_t{0}),
            static_cast<int64_t>(n));
  for (size_t k = 0; k < kernen.size(); ++k) {
    EXPECT_EQ(a.count_per_kern[k], std::count(a.kern.begin(), a.kern.end(), static_cast<int32_t>(k)));
    EXPECT_GT(a.count_per_kern[k], 0) << "kern " << k;
  }
  EXPECT_EQ(static_cast<size_t>(a.count_per_kern.back()), a.outside.size());
  EXPECT_TRUE(std::is_sorted(a.outside.begin(), a.outside.end()));
  EXPECT_EQ(std::adjacent_find(a.outside.begin(), a.outside.end()), a.outside.end());
  for (const uint32_t i : a.outside) ASSERT_EQ(a.kern[i], kBuitengebied);

  AssignOptions two_threads;
  two_threads.threads = 2;
  const Assignment b = assign_to_kernen(kernen, x, y, two_threads);
  EXPECT_EQ(a.kern, b.kern);
  EXPECT_EQ(a.outside, b.outside);
  EXPECT_EQ(a.count_per_kern, b.count_per_kern);
}

TEST(AssignToKernen, NoKernenPutsEverythingOutside) {
  const KernLayer empty = make_kern_layer({});
  const std::vector<double> x = {1, 2, 3}, y = {1, 2, 3};
  const Assignment a = assign_to_kernen(empty, x, y);
  EXPECT_EQ(a.count_per_kern, (std::vector<int64_t>{3}));
  EXPECT_EQ(a.outside, (std::vector<uint32_t>{0, 1, 2}));
}

TEST(AssignToKernen, NoLocations) {
  const Assignment a = assign_to_kernen(three_kernen(), {}, {});
  EXPECT_TRUE(a.kern.empty());
  EXPECT_TRUE(a.outside.empty());
  EXPECT_EQ(a.count_per_kern, (std::vector<int64_t>{0, 0, 0, 0}));
}

TEST(AssignToKernen, LengthMismatchThrows) {
  const std::vector<double> x = {1, 2, 3}, y = {1, 2};
  try {
    (void)assign_to_kernen(three_kernen(), x, y);
    FAIL() << "x and y of different length must be refused";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
  }
}

TEST(AssignToKernen, CancelThrows) {
  AssignOptions options;
  options.progress = [](std::string_view, double) { return false; };
  const std::vector<double> x = {1}, y = {1};
  EXPECT_THROW((void)assign_to_kernen(three_kernen(), x, y, options), Cancelled);
}

}  // namespace
}  // namespace kk::assign
