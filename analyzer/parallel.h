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

}  // namespace ecslint
