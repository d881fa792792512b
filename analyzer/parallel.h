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

// Asks the kernel for transparent huge pages in this thread's malloc heap
// (once per thread; every worker the analyzer starts calls it first). A
// worker fills megabytes of fresh memory with trees and values, and on a VM
// each 4 KiB page costs a fault of about 2 us to map: 2,700 faults on the
// 1 MB bench input, a fifth of the run, against 1,100 with the hint (the
// first 2 MiB of each heap, touched when glibc made it, keep small pages).
// glibc asks for itself under GLIBC_TUNABLES=glibc.malloc.hugetlb=1, which a
// program cannot set for its own process. A hint only: where THP is off, or
// the heap is not laid out as glibc lays out a thread's, nothing changes.
void prefer_huge_pages_for_this_thread();

}  // namespace ecslint
