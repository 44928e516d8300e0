// Maps the engine's exceptions to the typed Python exceptions of kernkompas._errors, and
// adapts Python progress callables for work done with the GIL released.
#include <nanobind/stl/string.h>

#include <string_view>

#include "binding.hpp"
#include "kernkompas/core/error.hpp"

namespace kk::python {
namespace {

// Sets the pending Python exception to kernkompas._errors.<class_name>(message, code).
void raise_typed(const char* class_name, const Error& error) {
  try {
    nb::object cls = nb::module_::import_("kernkompas._errors").attr(class_name);
    nb::object value = cls(nb::str(error.what()), static_cast<int>(error.code()));
    PyErr_SetObject(cls.ptr(), value.ptr());
  } catch (nb::python_error& e) {
    // The package is broken or half-imported: still report the engine's message.
    e.restore();
    PyErr_SetString(PyExc_RuntimeError, error.what());
  }
}

}  // namespace

void register_errors(nb::module_&) {
  nb::register_exception_translator([](const std::exception_ptr& p, void*) {
    try {
      std::rethrow_exception(p);
    } catch (const Cancelled& e) {
      raise_typed("Cancelled", e);
    } catch (const InputError& e) {
      raise_typed("InputError", e);
    } catch (const Error& e) {
      raise_typed(e.code() == ErrorCode::kInvalidArgument ? "ArgumentError" : "KernkompasError", e);
    }
    // Anything else propagates to nanobind's default translators (MemoryError, RuntimeError).
  });
}

ProgressCallback PythonProgress::callback() {
  return [this](std::string_view step, double fraction) -> bool {
    nb::gil_scoped_acquire gil;
    try {
      if (PyErr_CheckSignals() != 0) throw nb::python_error();  // Ctrl-C
      if (!callable_.is_valid() || callable_.is_none()) return true;
      nb::object answer = callable_(nb::str(step.data(), step.size()), fraction);
      if (answer.is_none()) return true;
      const int truth = PyObject_IsTrue(answer.ptr());
      if (truth < 0) throw nb::python_error();
      return truth == 1;
    } catch (nb::python_error&) {
      std::lock_guard lock(mutex_);
      if (!error_) error_ = std::current_exception();
      return false;
    }
  };
}

void PythonProgress::rethrow_if_failed() {
  std::exception_ptr error;
  {
    std::lock_guard lock(mutex_);
    std::swap(error, error_);
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace kk::python
