// Private to layers/: GDAL's error messages, captured instead of printed.
#pragma once

#include <cpl_error.h>

#include <string>
#include <utility>
#include <vector>

namespace kk::layers::detail {

// While one lives, GDAL errors and warnings raised on this thread are collected here instead
// of being printed to stderr (GDAL's handler stack is per thread, so the collection is too).
// Guards nest: the innermost one collects. Not copyable or movable: GDAL holds its address.
class GdalErrorCapture {
 public:
  GdalErrorCapture() { CPLPushErrorHandlerEx(&GdalErrorCapture::handle, this); }
  ~GdalErrorCapture() { CPLPopErrorHandler(); }
  GdalErrorCapture(const GdalErrorCapture&) = delete;
  GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

  // CE_Failure or CE_Fatal messages since construction or the last take_errors().
  bool has_error() const { return !errors_.empty(); }
  // The errors as one text ("a; b"), and forgets them.
  std::string take_errors() {
    std::string text;
    for (const std::string& e : errors_) text += (text.empty() ? "" : "; ") + e;
    errors_.clear();
    return text;
  }
  // The warnings (CE_Warning), and forgets them.
  std::vector<std::string> take_warnings() { return std::exchange(warnings_, {}); }

 private:
  static void CPL_STDCALL handle(CPLErr level, CPLErrorNum, const char* message) {
    auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
    if (self == nullptr) return;
    std::string text = message != nullptr ? message : "";
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    if (level == CE_Failure || level == CE_Fatal) {
      self->errors_.push_back(std::move(text));
    } else if (level == CE_Warning) {
      self->warnings_.push_back(std::move(text));
    }  // CE_Debug, CE_None: dropped
  }

  std::vector<std::string> errors_, warnings_;
};

}  // namespace kk::layers::detail
