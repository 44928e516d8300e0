// Assignment of locations to kernen through the polygon locator.
#include "kernkompas/assign/assign.hpp"

#include "kernkompas/core/error.hpp"
#include "kernkompas/index/polygon_locator.hpp"

namespace kk::assign {

Assignment assign_to_kernen(const KernLayer& kernen, std::span<const double> x,
                            std::span<const double> y, const AssignOptions& options) {
  if (x.size() != y.size()) {
    throw Error(ErrorCode::kInvalidArgument, "assign_to_kernen: x and y differ in length");
  }
  return assign_with_locator(index::PolygonLocator(kernen.geometry), kernen.size(), x, y, options);
}

Assignment assign_with_locator(const index::PolygonLocator& locator, size_t kern_count,
                               std::span<const double> x, std::span<const double> y,
                               const AssignOptions& options) {
  if (x.size() != y.size()) {
    throw Error(ErrorCode::kInvalidArgument, "assign_to_kernen: x and y differ in length");
  }
  Assignment result;
  result.kern.resize(x.size());
  locator.locate(x, y, result.kern, {options.threads, options.progress});

  result.count_per_kern.assign(kern_count + 1, 0);
  for (size_t i = 0; i < result.kern.size(); ++i) {
    const int32_t k = result.kern[i];
    if (k == kBuitengebied) {
      result.outside.push_back(static_cast<uint32_t>(i));
      ++result.count_per_kern.back();
    } else {
      ++result.count_per_kern[static_cast<size_t>(k)];
    }
  }
  return result;
}

}  // namespace kk::assign
