// Runs work on all cores. Workers are threads with large stacks because
// they run the recursive-descent parsers (see grammar/large_stack.h).
#pragma once

#include <cstddef>
#include <functional>

namespace ecslint {

// Number of workers for a requested count: 0 means one per core.
int worker_count(int requested);

// Calls fn(i) for every i in [0, count) on `threads` workers; each index is
// handled exactly once, in no particular order.
void parallel_for(size_t count, int threads, const std::function<void(size_t)>& fn);

// Runs body(w) for every w in [0, workers): body(0) on this thread, the
// others each on a new thread (large stack) started on another core, and
// waits for all. Returns how many ran; when threads cannot be started,
// body(w) for the last ones is never called (those that ran are 0 ..
// returned-1).
size_t run_here_and_on_threads(size_t workers, const std::function<void(size_t)>& body);

}  // namespace ecslint
