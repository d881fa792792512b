// Recursive-descent parsing needs about a kilobyte of stack per nesting
// level; deeply nested input (10,000 levels and more) would overflow the
// 8 MiB default. Parsing therefore runs on threads made with a large stack.
#pragma once

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

}  // namespace ecslint
