// kernkompas._core spatial autocorrelation on numpy arrays: the weights builders
// (contiguity from ragged polygons, k nearest neighbours, inverse-distance band, row
// standardisation) and global / local Moran's I. kernkompas/_autocorrelation.py is the
// public face; this file only moves arrays, with the GIL released while the engine works.
#include <nanobind/ndarray.h>
#include <nanobind/stl/string.h>

#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "arrays.hpp"
#include "binding.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/stats/moran.hpp"
#include "kernkompas/stats/weights_builders.hpp"

namespace kk::python {
namespace {

[[noreturn]] void invalid(const std::string& message) {
  throw Error(ErrorCode::kInvalidArgument, message);
}

// Offsets of one level of shapely's ragged layout: start at 0, never decrease, end at
// `total` (the number of entries of the next level).
std::vector<uint32_t> checked_offsets(const Input<int64_t>& offsets, size_t total,
                                      const char* level) {
  const size_t n = offsets.shape(0);
  if (n == 0 || offsets.data()[0] != 0 || static_cast<size_t>(offsets.data()[n - 1]) != total) {
    invalid(std::string("polygons: the ") + level + " offsets do not match the arrays they index");
  }
  std::vector<uint32_t> out(n);
  for (size_t k = 0; k < n; ++k) {
    if (k > 0 && offsets.data()[k] < offsets.data()[k - 1]) {
      invalid(std::string("polygons: the ") + level + " offsets decrease at " + std::to_string(k));
    }
    out[k] = static_cast<uint32_t>(offsets.data()[k]);
  }
  return out;
}

stats::SpatialWeights contiguity(const Input<double>& x, const Input<double>& y,
                                 const Input<int64_t>& vertex_offsets,
                                 const Input<int64_t>& ring_offsets,
                                 const Input<int64_t>& part_offsets, bool rook) {
  if (x.shape(0) != y.shape(0)) invalid("polygons: x and y differ in length");
  if (x.shape(0) > std::numeric_limits<uint32_t>::max()) invalid("polygons: too many vertices");
  geometry::MultiPolygonArray polygons;
  polygons.x.assign(x.data(), x.data() + x.shape(0));
  polygons.y.assign(y.data(), y.data() + y.shape(0));
  polygons.vertex_offsets = checked_offsets(vertex_offsets, x.shape(0), "vertex");
  polygons.ring_offsets = checked_offsets(ring_offsets, polygons.vertex_offsets.size() - 1, "ring");
  polygons.part_offsets = checked_offsets(part_offsets, polygons.ring_offsets.size() - 1, "part");
  nb::gil_scoped_release release;
  return stats::contiguity_weights(polygons,
                                   rook ? stats::Contiguity::kRook : stats::Contiguity::kQueen);
}

stats::SpatialWeights knn(const Input<double>& x, const Input<double>& y, uint32_t k) {
  nb::gil_scoped_release release;
  return stats::knn_weights(span_of(x), span_of(y), k);
}

stats::SpatialWeights inverse_distance_band(const Input<double>& x, const Input<double>& y,
                                            double threshold, double power) {
  nb::gil_scoped_release release;
  return stats::inverse_distance_band(span_of(x), span_of(y), threshold, power);
}

stats::SpatialWeights row_standardised(const stats::SpatialWeights& weights) {
  nb::gil_scoped_release release;
  return weights.row_standardised();
}

stats::PermutationOptions permutation_options(uint32_t permutations, uint64_t seed,
                                              unsigned threads) {
  stats::PermutationOptions options;
  options.permutations = permutations;
  options.seed = seed;
  options.threads = threads;
  return options;
}

// Runs `compute` with the GIL released and the Python progress callback attached.
template <typename Result, typename Compute>
Result with_progress(nb::object progress, stats::PermutationOptions& options, Compute&& compute) {
  PythonProgress adapter(std::move(progress));
  options.progress = adapter.callback();
  try {
    nb::gil_scoped_release release;
    return compute();
  } catch (const Cancelled&) {
    adapter.rethrow_if_failed();
    throw;
  }
}

nb::dict moran(const stats::SpatialWeights& weights, const Input<double>& values,
               uint32_t permutations, uint64_t seed, unsigned threads, nb::object progress) {
  stats::MoranOptions options;
  options.permutation = permutation_options(permutations, seed, threads);
  const auto r = with_progress<stats::MoranResult>(std::move(progress), options.permutation, [&] {
    return stats::moran(weights, span_of(values), options);
  });
  nb::dict out;
  out["n"] = r.n;
  out["I"] = r.i;
  out["EI"] = r.expected;
  out["VI_norm"] = r.variance_normal;
  out["VI_rand"] = r.variance_randomised;
  out["z_norm"] = r.z_normal;
  out["p_norm"] = r.p_normal;
  out["z_rand"] = r.z_randomised;
  out["p_rand"] = r.p_randomised;
  out["p_sim"] = r.p_sim;
  out["EI_sim"] = r.mean_sim;
  out["seI_sim"] = r.sd_sim;
  out["z_sim"] = r.z_sim;
  out["p_z_sim"] = r.p_z_sim;
  out["s0"] = r.s0;
  out["s1"] = r.s1;
  out["s2"] = r.s2;
  return out;
}

nb::tuple local_moran(const stats::SpatialWeights& weights, const Input<double>& values,
                      uint32_t permutations, uint64_t seed, unsigned threads, double fdr_alpha,
                      nb::object progress) {
  stats::LocalMoranOptions options;
  options.permutation = permutation_options(permutations, seed, threads);
  options.fdr_alpha = fdr_alpha;
  auto result = with_progress<stats::LocalMoranResult>(
      std::move(progress), options.permutation,
      [&] { return stats::local_moran(weights, span_of(values), options); });
  auto [held, owner] = owned(std::move(result));
  return nb::make_tuple(output(held->i, owner), output(held->lag, owner),
                        output(held->quadrant, owner), output(held->p_sim, owner),
                        output(held->fdr_significant, owner));
}

}  // namespace

void bind_autocorrelation(nb::module_& m) {
  m.def("contiguity_weights", &contiguity, nb::arg("x"), nb::arg("y"), nb::arg("vertex_offsets"),
        nb::arg("ring_offsets"), nb::arg("part_offsets"), nb::arg("rook"),
        "Queen or rook contiguity of polygons in shapely's ragged layout (exact vertices).");
  m.def("knn_weights", &knn, nb::arg("x"), nb::arg("y"), nb::arg("k"),
        "k nearest neighbours, ties by index.");
  m.def("inverse_distance_band", &inverse_distance_band, nb::arg("x"), nb::arg("y"),
        nb::arg("threshold"), nb::arg("power"), "Distance band with weights d**power.");
  m.def("row_standardised", &row_standardised, nb::arg("weights"),
        "A copy whose rows sum to 1 (rows without neighbours stay empty).");
  m.def("moran", &moran, nb::arg("weights"), nb::arg("values"), nb::arg("permutations"),
        nb::arg("seed"), nb::arg("threads"), nb::arg("progress").none(),
        "Global Moran's I as a dict with esda.Moran's attribute names.");
  m.def("local_moran", &local_moran, nb::arg("weights"), nb::arg("values"),
        nb::arg("permutations"), nb::arg("seed"), nb::arg("threads"), nb::arg("fdr_alpha"),
        nb::arg("progress").none(),
        "(Is, lag, q, p_sim, fdr_significant as uint8) of local Moran; no copies out.");
}

}  // namespace kk::python
