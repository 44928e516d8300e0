// Progress reporting and cancellation for long work.
#pragma once

#include <functional>
#include <string_view>

namespace kk {

// Called with the name of the current step and the fraction done in [0, 1].
// Return false to cancel: the running operation then throws kk::Cancelled.
using ProgressCallback = std::function<bool(std::string_view step, double fraction)>;

// Reports progress if a callback is set; throws kk::Cancelled when it asks to stop.
void report_progress(const ProgressCallback& callback, std::string_view step, double fraction);

}  // namespace kk
