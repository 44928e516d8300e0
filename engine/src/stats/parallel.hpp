// Private: a block-parallel loop for per-observation work whose results do not depend on
// which thread runs which block. Progress goes to the caller's callback from the caller's
// thread only, so a callback never has to be thread-safe.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "kernkompas/core/progress.hpp"

namespace kk::stats::detail {

// Calls body(begin, end, worker) for consecutive blocks of [0, n) on `threads` threads (the
// caller's thread is worker 0). Blocks are handed out dynamically; the body must write only
// to outputs owned by its block (and to per-worker scratch indexed by `worker`).
// An exception thrown by a body or by the progress callback stops all workers and is
// rethrown on the caller's thread.
template <class Body>
void parallel_blocks(size_t n, size_t block, unsigned threads, const ProgressCallback& progress,
                     std::string_view step, Body&& body) {
  if (threads < 1) throw Error(ErrorCode::kInvalidArgument, "threads must be >= 1");
  block = std::max<size_t>(block, 1);
  const size_t block_count = (n + block - 1) / block;
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::mutex failure_mutex;

  auto run = [&](unsigned worker) {
    try {
      while (!stop.load(std::memory_order_relaxed)) {
        const size_t b = next.fetch_add(1, std::memory_order_relaxed);
        if (b >= block_count) break;
        const size_t begin = b * block;
        body(begin, std::min(n, begin + block), worker);
        done.fetch_add(1, std::memory_order_relaxed);
        if (worker == 0 && progress) {
          report_progress(progress, step,
                          static_cast<double>(done.load(std::memory_order_relaxed)) /
                              static_cast<double>(block_count));
        }
      }
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      stop.store(true);
    }
  };

  const unsigned helpers =
      static_cast<unsigned>(std::min<size_t>(threads - 1, block_count > 0 ? block_count - 1 : 0));
  std::vector<std::thread> pool;
  pool.reserve(helpers);
  for (unsigned w = 1; w <= helpers; ++w) pool.emplace_back(run, w);
  run(0);
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  if (progress) report_progress(progress, step, 1.0);
}

}  // namespace kk::stats::detail
