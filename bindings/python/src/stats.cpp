// kernkompas._core statistics on numpy arrays: spatial weights, Gi*, Benjamini-Hochberg and
// Wilson intervals, the engine's kk::stats without a project. kernkompas/stats.py is the
// public face (conversion from libpysal / scipy, docstrings); this file only moves arrays.
// Results are handed to numpy without copies (a capsule owns the engine's vectors) and every
// computation runs with the GIL released.
#include <nanobind/ndarray.h>
#include <nanobind/stl/string.h>

#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "arrays.hpp"
#include "binding.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/stats/fdr.hpp"
#include "kernkompas/stats/getis_ord.hpp"
#include "kernkompas/stats/random.hpp"
#include "kernkompas/stats/spatial_weights.hpp"
#include "kernkompas/stats/wilson.hpp"

namespace kk::python {
namespace {

[[noreturn]] void invalid(const std::string& message) {
  throw Error(ErrorCode::kInvalidArgument, message);
}

stats::SpatialWeights weights_from_csr(const Input<uint64_t>& offsets,
                                       const Input<uint32_t>& neighbours,
                                       const Input<double>& weights) {
  nb::gil_scoped_release release;
  return stats::SpatialWeights::from_csr(
      std::vector<uint64_t>(offsets.data(), offsets.data() + offsets.shape(0)),
      std::vector<uint32_t>(neighbours.data(), neighbours.data() + neighbours.shape(0)),
      std::vector<double>(weights.data(), weights.data() + weights.shape(0)));
}

stats::SpatialWeights weights_from_distance_band(const Input<double>& x, const Input<double>& y,
                                                 double threshold) {
  if (x.shape(0) != y.shape(0)) invalid("spatial weights: x and y differ in length");
  nb::gil_scoped_release release;
  return stats::SpatialWeights::distance_band(span_of(x), span_of(y), threshold);
}

nb::tuple gi_star(const stats::SpatialWeights& weights, const Input<double>& values,
                  double self_weight, uint32_t permutations, uint64_t seed, unsigned threads,
                  double fdr_alpha, nb::object progress) {
  stats::GiStarOptions options;
  options.self_weight = self_weight;
  options.permutation.permutations = permutations;
  options.permutation.seed = seed;
  options.permutation.threads = threads;
  options.fdr_alpha = fdr_alpha;
  PythonProgress adapter(std::move(progress));
  options.permutation.progress = adapter.callback();
  stats::GiStarResult result;
  try {
    nb::gil_scoped_release release;
    result = stats::gi_star(weights, span_of(values), options);
  } catch (const Cancelled&) {
    adapter.rethrow_if_failed();
    throw;
  }
  // The engine leaves p_sim empty when it does not permute; numpy gets NaN either way.
  if (result.p_sim.size() != result.z.size()) {
    result.p_sim.assign(result.z.size(), std::numeric_limits<double>::quiet_NaN());
  }
  auto [held, owner] = owned(std::move(result));
  return nb::make_tuple(output(held->z, owner), output(held->p_norm, owner),
                        output(held->p_sim, owner), output(held->fdr_significant, owner));
}

Output<uint8_t> benjamini_hochberg(const Input<double>& p_values, double alpha) {
  std::vector<uint8_t> flags;
  {
    nb::gil_scoped_release release;
    flags = stats::benjamini_hochberg(span_of(p_values), alpha);
  }
  auto [held, owner] = owned(std::move(flags));
  return output(*held, owner);
}

nb::tuple wilson_intervals(const Input<int64_t>& successes, const Input<int64_t>& trials,
                           double confidence) {
  const size_t n = successes.shape(0);
  if (trials.shape(0) != n) invalid("Wilson interval: successes and trials differ in length");
  struct Bounds {
    std::vector<double> low, high;
  } bounds;
  {
    nb::gil_scoped_release release;
    if (!(confidence > 0.0 && confidence < 1.0)) {
      invalid("Wilson interval: confidence must lie strictly between 0 and 1, got " +
              std::to_string(confidence));
    }
    bounds.low.resize(n);
    bounds.high.resize(n);
    for (size_t i = 0; i < n; ++i) {
      try {
        const auto interval = stats::wilson_interval(successes.data()[i], trials.data()[i], confidence);
        bounds.low[i] = interval.low;
        bounds.high[i] = interval.high;
      } catch (const Error& e) {
        throw Error(e.code(), "element " + std::to_string(i) + ": " + e.what());
      }
    }
  }
  auto [held, owner] = owned(std::move(bounds));
  return nb::make_tuple(output(held->low, owner), output(held->high, owner));
}

}  // namespace

void bind_stats(nb::module_& m) {
  m.attr("DEFAULT_SEED") = stats::kDefaultSeed;

  nb::class_<stats::SpatialWeights>(
      m, "SpatialWeights",
      "Spatial weights in CSR form, the diagonal excluded (private; see kernkompas.stats).")
      .def_static("from_csr", &weights_from_csr, nb::arg("offsets"), nb::arg("neighbours"),
                  nb::arg("weights"), "Weights from CSR arrays (uint64, uint32, float64; copied).")
      .def_static("distance_band", &weights_from_distance_band, nb::arg("x"), nb::arg("y"),
                  nb::arg("threshold"), "Binary distance band on points (libpysal's DistanceBand).")
      .def("__len__", &stats::SpatialWeights::size)
      .def_prop_ro("size", &stats::SpatialWeights::size)
      .def_prop_ro("nonzero_count", &stats::SpatialWeights::nonzero_count)
      .def_prop_ro("island_count", &stats::SpatialWeights::island_count)
      .def_prop_ro("offsets",
                   [](const stats::SpatialWeights& w) { return view(w.offsets(), nb::find(&w)); })
      .def_prop_ro("neighbours",
                   [](const stats::SpatialWeights& w) { return view(w.neighbour_indices(), nb::find(&w)); })
      .def_prop_ro("weights",
                   [](const stats::SpatialWeights& w) { return view(w.weight_values(), nb::find(&w)); })
      .def("__repr__", [](const stats::SpatialWeights& w) {
        return "<kernkompas.stats.SpatialWeights: " + std::to_string(w.size()) + " observations, " +
               std::to_string(w.nonzero_count()) + " neighbour pairs, " +
               std::to_string(w.island_count()) + " islands>";
      });

  m.def("gi_star", &gi_star, nb::arg("weights"), nb::arg("values"), nb::arg("self_weight"),
        nb::arg("permutations"), nb::arg("seed"), nb::arg("threads"), nb::arg("fdr_alpha"),
        nb::arg("progress").none(),
        "(z, p_norm, p_sim, fdr_significant as uint8) of Gi*; GIL released, no copies out.");
  m.def("benjamini_hochberg", &benjamini_hochberg, nb::arg("p_values"), nb::arg("alpha"),
        "Benjamini-Hochberg flags (uint8) of p-values; NaN is no test.");
  m.def("wilson_intervals", &wilson_intervals, nb::arg("successes"), nb::arg("trials"),
        nb::arg("confidence"), "(low, high) Wilson score intervals of int64 counts.");
}

}  // namespace kk::python
