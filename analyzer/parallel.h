// Runs work on all cores. Workers are threads with large stacks because
// they run the recursive-descent parsers (see grammar/large_stack.h).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

namespace ecslint {

// Number of workers for a requested count: 0 means one per core.
int worker_count(int requested);

// Calls fn(i) for every i in [0, count) on `threads` workers; each index is
// handled exactly once, in no particular order.
void parallel_for(size_t count, int threads, const std::function<void(size_t)>& fn);

// Threads that help the caller with a job it has already begun: each runs
// body(i), for i from 1, and starts on a core other than the caller's (as
// parallel_for's workers do). The destructor joins them.
class Helpers {
 public:
  explicit Helpers(std::function<void(size_t)> body);
  ~Helpers();
  Helpers(const Helpers&) = delete;
  Helpers& operator=(const Helpers&) = delete;

  // Starts `count` more helpers; returns how many could be started.
  size_t start(size_t count);
  void join();

 private:
  struct Started;
  std::function<void(size_t)> body_;
  std::unique_ptr<Started> started_;
};

}  // namespace ecslint
