// Recursive-descent parsing needs about a kilobyte of stack per nesting
// level; deeply nested input (10,000 levels and more) would overflow the
// 8 MiB default. Parsing therefore runs on threads made with a large stack.
#pragma once

#include <pthread.h>

#include <cstddef>
#include <functional>

namespace ecslint {

inline constexpr size_t kParserStackBytes = size_t(512) << 20;  // reserved, not committed

// Runs `fn` on a new thread whose stack is `stack_bytes` and waits for it;
// in place when this thread already has such a stack.
void run_with_large_stack(const std::function<void()>& fn, size_t stack_bytes = kParserStackBytes);

// Tells run_with_large_stack that this thread was started with a stack of
// `stack_bytes` (for threads made elsewhere, e.g. parallel_for's workers).
void mark_large_stack(size_t stack_bytes);

// Stacks of kParserStackBytes are mapped once and kept for the next thread.
// glibc maps each thread's stack anew, tells the kernel to drop its pages
// when the thread ends and unmaps it at the join (a stack this large is
// beyond its cache): system calls whose TLB flushes reach every core the
// process runs on, on the path of every parallel_for.
//
// Sets `attr` to a kept stack and returns it, for give_back_large_stack()
// once the thread is joined; when none can be mapped, sets only the size
// (glibc's own stack) and returns nullptr.
void* use_large_stack(pthread_attr_t& attr);
void give_back_large_stack(void* stack);

}  // namespace ecslint
