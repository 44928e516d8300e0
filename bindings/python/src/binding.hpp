// Shared declarations of the kernkompas._core module: the Python-side handles and helpers.
// The module wraps the C++ engine and layers; it never includes engine/internal headers.
#pragma once

#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>

#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kernkompas/analysis.hpp"
#include "kernkompas/core/progress.hpp"
#include "kernkompas/core/options.hpp"

namespace kk::python {

namespace nb = nanobind;

// The input of one analysis. Immutable once built, so a Project may be shared between
// Python threads and read while the GIL is released.
struct Project {
  std::shared_ptr<const AnalysisInput> input;
  std::string working_crs;
  std::string source;               // the config file read, "" for in-memory data
  std::vector<std::string> notes;   // repaired polygons, missing id columns, ...
  Settings settings;                // the config's option sections, else the defaults
};

// Every table of one analysis plus the assignment; keeps its input alive for write().
struct Result {
  std::shared_ptr<const AnalysisInput> input;
  std::string working_crs;
  AnalysisResult result;
};

// Read-only 1-D numpy view of memory owned by `owner` (a Python object kept alive by the
// array): no copy is made.
template <typename T>
using View = nb::ndarray<nb::numpy, const T, nb::ndim<1>, nb::c_contig>;

template <typename T>
View<T> view(const T* data, size_t size, nb::handle owner) {
  static const T kEmpty{};
  const size_t shape[1] = {size};
  return View<T>(size == 0 ? &kEmpty : data, 1, shape, owner);
}

template <typename T>
View<T> view(const std::vector<T>& values, nb::handle owner) {
  return view(values.data(), values.size(), owner);
}

// Adapts an optional Python callable `progress(step: str, fraction: float) -> bool | None` to
// kk::ProgressCallback for work run with the GIL released. The callback is called with the
// GIL re-acquired; a false result cancels. Ctrl-C (a pending signal) cancels too. A Python
// exception raised by the callback cancels the work and is re-raised by rethrow_if_failed().
class PythonProgress {
 public:
  explicit PythonProgress(nb::object callable) : callable_(std::move(callable)) {}
  PythonProgress(const PythonProgress&) = delete;
  PythonProgress& operator=(const PythonProgress&) = delete;

  // Valid while this object lives.
  ProgressCallback callback();

  // Call with the GIL held, after the work stopped with kk::Cancelled.
  void rethrow_if_failed();

 private:
  nb::object callable_;  // touched only with the GIL held
  std::mutex mutex_;
  std::exception_ptr error_;
};

void register_errors(nb::module_& m);
void bind_project(nb::module_& m);
void bind_result(nb::module_& m);
void bind_assign(nb::module_& m);
void bind_stats(nb::module_& m);
void bind_density(nb::module_& m);
void bind_points(nb::module_& m);
void bind_pattern_stats(nb::module_& m);
void bind_autocorrelation(nb::module_& m);
void bind_access(nb::module_& m);

}  // namespace kk::python
