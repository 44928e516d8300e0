// kernkompas._core point-pattern and concentration statistics on numpy arrays: Ripley's K
// with envelopes, location quotients, diversity and the colocation quotient (kk::stats
// without a project). kernkompas/_pattern_stats.py is the public face; this file only moves
// arrays, with the GIL released for the work and results handed over without copies.
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <vector>

#include "arrays.hpp"
#include "binding.hpp"
#include "kernkompas/stats/concentration.hpp"
#include "kernkompas/stats/pattern_window.hpp"
#include "kernkompas/stats/ripley.hpp"

namespace kk::python {
namespace {

// Runs `work` with the GIL released and the Python progress callable adapted; a Python
// exception raised by the callable is re-raised here.
template <class Work>
auto with_progress(nb::object progress, Work&& work) {
  PythonProgress adapter(std::move(progress));
  try {
    nb::gil_scoped_release release;
    return work(adapter.callback());
  } catch (const Cancelled&) {
    adapter.rethrow_if_failed();
    throw;
  }
}

nb::dict ripley(const Input<double>& x, const Input<double>& y, const Input<double>& vertex_x,
                const Input<double>& vertex_y, const Input<int64_t>& vertex_offsets,
                const Input<int64_t>& ring_offsets, const Input<int64_t>& part_offsets,
                const Input<double>& distances, uint32_t simulations, uint32_t envelope_rank,
                uint64_t seed, unsigned threads, nb::object progress) {
  if (x.shape(0) != y.shape(0)) invalid("Ripley's K: x and y differ in length");
  const geometry::MultiPolygonArray polygons =
      multipolygons_from_ragged(vertex_x, vertex_y, vertex_offsets, ring_offsets, part_offsets);
  if (polygons.size() != 1) invalid("Ripley's K: the window must be one polygon");
  stats::RipleyOptions options;
  options.distances = to_vector(distances);
  options.simulations = simulations;
  options.envelope_rank = envelope_rank;
  options.seed = seed;
  options.threads = threads;
  stats::RipleyResult result = with_progress(std::move(progress), [&](ProgressCallback callback) {
    options.progress = std::move(callback);
    const stats::PatternWindow window(polygons, 0);
    return stats::ripley(span_of(x), span_of(y), window, options);
  });
  auto [held, owner] = owned(std::move(result));
  nb::dict out;
  out["points"] = held->points;
  out["area"] = held->area;
  out["distance"] = output(held->distance, owner);
  out["k"] = output(held->k, owner);
  out["l"] = output(held->l, owner);
  out["h"] = output(held->h, owner);
  out["k_uncorrected"] = output(held->k_uncorrected, owner);
  out["l_lo"] = output(held->l_lo, owner);
  out["l_hi"] = output(held->l_hi, owner);
  return out;
}

stats::CategoryTable table_of(const Input<double>& counts, size_t areas, size_t categories) {
  return {span_of(counts), areas, categories};
}

Output<double> location_quotients(const Input<double>& counts, size_t areas, size_t categories,
                                  const Input<double>& reference) {
  std::vector<double> lq;
  {
    nb::gil_scoped_release release;
    lq = stats::location_quotients(table_of(counts, areas, categories), span_of(reference));
  }
  auto [held, owner] = owned(std::move(lq));
  return output(*held, owner);
}

nb::dict diversity(const Input<double>& counts, size_t areas, size_t categories) {
  stats::Diversity d;
  {
    nb::gil_scoped_release release;
    d = stats::diversity(table_of(counts, areas, categories));
  }
  auto [held, owner] = owned(std::move(d));
  nb::dict out;
  out["shannon"] = output(held->shannon, owner);
  out["evenness"] = output(held->evenness, owner);
  out["evenness_all"] = output(held->evenness_all, owner);
  out["hhi"] = output(held->hhi, owner);
  out["categories_present"] = output(held->categories_present, owner);
  return out;
}

nb::dict colocation_quotient(const Input<double>& x, const Input<double>& y,
                             const Input<int32_t>& category, int32_t a, int32_t b,
                             uint32_t permutations, uint64_t seed, unsigned threads,
                             nb::object progress) {
  stats::ColocationOptions options;
  options.permutations = permutations;
  options.seed = seed;
  options.threads = threads;
  const stats::ColocationResult r = with_progress(std::move(progress), [&](ProgressCallback callback) {
    options.progress = std::move(callback);
    return stats::colocation_quotient(span_of(x), span_of(y), span_of(category), a, b, options);
  });
  nb::dict out;
  out["clq"] = r.clq;
  out["count_ab"] = r.count_ab;
  out["count_a"] = r.count_a;
  out["count_b"] = r.count_b;
  out["count"] = r.count;
  out["p_sim"] = r.p_sim;
  out["at_least"] = r.at_least;
  out["at_most"] = r.at_most;
  return out;
}

}  // namespace

void bind_pattern_stats(nb::module_& m) {
  m.def("ripley", &ripley, nb::arg("x"), nb::arg("y"), nb::arg("vertex_x"), nb::arg("vertex_y"),
        nb::arg("vertex_offsets"), nb::arg("ring_offsets"), nb::arg("part_offsets"),
        nb::arg("distances"), nb::arg("simulations"), nb::arg("envelope_rank"), nb::arg("seed"),
        nb::arg("threads"), nb::arg("progress").none(),
        "Ripley's K, L, H with edge correction and envelopes, as a dict of arrays.");
  m.def("location_quotients", &location_quotients, nb::arg("counts"), nb::arg("areas"),
        nb::arg("categories"), nb::arg("reference"),
        "Location quotients of a row-major areas x categories table (reference empty: the total).");
  m.def("diversity", &diversity, nb::arg("counts"), nb::arg("areas"), nb::arg("categories"),
        "Shannon H, evenness, evenness over all categories, HHI and categories present per row.");
  m.def("colocation_quotient", &colocation_quotient, nb::arg("x"), nb::arg("y"),
        nb::arg("category"), nb::arg("a"), nb::arg("b"), nb::arg("permutations"), nb::arg("seed"),
        nb::arg("threads"), nb::arg("progress").none(),
        "Colocation quotient CLQ(a -> b) with its permutation pseudo p, as a dict.");
}

}  // namespace kk::python
