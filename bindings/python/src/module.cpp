// kernkompas._core: the private compiled module behind the kernkompas package.
// The curated API lives in kernkompas/__init__.py; this module only moves data across.
#include <nanobind/stl/string.h>

#include "binding.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/config.hpp"

NB_MODULE(_core, m) {
  namespace nb = nanobind;
  using namespace kk::python;
  m.doc() = "Private compiled core of kernkompas; use the kernkompas package instead.";
  m.attr("__version__") = KK_VERSION_STRING;

  register_errors(m);
  bind_project(m);
  bind_result(m);
  bind_assign(m);
  bind_stats(m);
  bind_density(m);
  bind_points(m);
  bind_pattern_stats(m);
  bind_autocorrelation(m);
  bind_access(m);

  m.def("default_config_path", [] { return kk::layers::default_config_path().string(); },
        "The C++ search for the embedded Wijdemeren config: $KERNKOMPAS_DATA, install, source tree.");
  m.def("error_code_name", [](int code) { return std::string(kk::error_code_name(static_cast<kk::ErrorCode>(code))); },
        nb::arg("code"), "Fixed English text for an error code.");
}
