// Memory for the payloads of values (strings, tuples, objects): blocks of up
// to kLargestPooled bytes, recycled per thread by size class.
//
// An evaluation makes and drops tens of thousands of such blocks, most of
// them kept until the project is linted. glibc's per-thread cache holds only
// seven freed blocks of a size, so nearly every payload went through
// malloc's general path (its bins and their consolidation: about 200
// instructions a block, a sixth of a lint's instructions with free). Here a
// block is carved from the thread's current chunk or taken from the free
// list of its size class: a few instructions either way.
//
// A block may be freed on any thread; it joins that thread's lists. A
// thread's pool outlives the thread: it is handed to the next thread that
// starts, so memory freed on workers of one phase serves the next phase's.
// Chunks are never returned: a lint is one process, and its values live
// about as long as it does.
#pragma once

#include <cstddef>

namespace ecslint::eval::detail {

inline constexpr size_t kLargestPooled = 1024;

// AddressSanitizer can only watch blocks that malloc handed out one by one:
// under it every block is malloc's.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kNodePooling = false;
#else
inline constexpr bool kNodePooling = true;
#endif

void* allocate_node(size_t bytes);
// `bytes` as passed to allocate_node().
void free_node(void* block, size_t bytes);

}  // namespace ecslint::eval::detail
