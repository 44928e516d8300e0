// Progress reporting helper.
#include "kernkompas/core/progress.hpp"

#include "kernkompas/core/error.hpp"

namespace kk {

void report_progress(const ProgressCallback& callback, std::string_view step, double fraction) {
  if (callback && !callback(step, fraction)) throw Cancelled();
}

}  // namespace kk
