// kernkompas._core point-pattern statistics on numpy arrays: nearest neighbours, Clark–Evans
// and DBSCAN (kk::stats without a project). kernkompas/_points.py is the public face; this
// file only moves arrays, with the GIL released during the work.
#include <nanobind/stl/string.h>

#include <string>
#include <utility>
#include <vector>

#include "binding.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/stats/dbscan.hpp"
#include "kernkompas/stats/nearest_neighbour.hpp"
#include "arrays.hpp"

namespace kk::python {
namespace {

void same_length(const Input<double>& x, const Input<double>& y) {
  if (x.shape(0) != y.shape(0)) {
    throw Error(ErrorCode::kInvalidArgument, "x has " + std::to_string(x.shape(0)) +
                                                 " points, y " + std::to_string(y.shape(0)));
  }
}

nb::tuple nearest_neighbours(const Input<double>& x, const Input<double>& y, unsigned threads) {
  same_length(x, y);
  stats::NearestNeighbourResult result;
  {
    nb::gil_scoped_release release;
    result = stats::nearest_neighbours(span_of(x), span_of(y), {.threads = threads});
  }
  const double mean = result.mean_distance;
  auto [held, owner] = owned(std::move(result));
  return nb::make_tuple(output(held->distance, owner), output(held->neighbour, owner), mean);
}

nb::dict test_dict(const stats::ClarkEvansTest& t) {
  nb::dict d;
  d["expected"] = t.expected;
  d["standard_error"] = t.standard_error;
  d["r"] = t.r;
  d["z"] = t.z;
  d["p"] = t.p;
  return d;
}

nb::tuple clark_evans(const Input<double>& x, const Input<double>& y, double area,
                      double perimeter, unsigned threads) {
  same_length(x, y);
  stats::ClarkEvansResult result;
  {
    nb::gil_scoped_release release;
    result = stats::clark_evans(span_of(x), span_of(y), area, perimeter, {.threads = threads});
  }
  return nb::make_tuple(result.n, result.mean_distance, test_dict(result.plain),
                        test_dict(result.donnelly));
}

nb::tuple dbscan(const Input<double>& x, const Input<double>& y, double eps, uint32_t min_samples,
                 unsigned threads, nb::object progress) {
  same_length(x, y);
  stats::DbscanOptions options{.eps = eps, .min_samples = min_samples, .threads = threads};
  PythonProgress adapter(std::move(progress));
  options.progress = adapter.callback();
  stats::DbscanResult result;
  try {
    nb::gil_scoped_release release;
    result = stats::dbscan(span_of(x), span_of(y), options);
  } catch (const Cancelled&) {
    adapter.rethrow_if_failed();
    throw;
  }
  const int32_t clusters = result.cluster_count;
  auto [held, owner] = owned(std::move(result));
  return nb::make_tuple(output(held->labels, owner), output(held->core, owner), clusters);
}

}  // namespace

void bind_points(nb::module_& m) {
  m.def("nearest_neighbours", &nearest_neighbours, nb::arg("x"), nb::arg("y"), nb::arg("threads"),
        "(distance, neighbour as uint32, mean distance) of each point's nearest other point.");
  m.def("clark_evans", &clark_evans, nb::arg("x"), nb::arg("y"), nb::arg("area"),
        nb::arg("perimeter"), nb::arg("threads"),
        "(n, mean distance, plain test dict, Donnelly test dict) of Clark-Evans R.");
  m.def("dbscan", &dbscan, nb::arg("x"), nb::arg("y"), nb::arg("eps"), nb::arg("min_samples"),
        nb::arg("threads"), nb::arg("progress").none(),
        "(labels as int32, core as uint8, cluster count) of DBSCAN, numbered as scikit-learn.");
}

}  // namespace kk::python
