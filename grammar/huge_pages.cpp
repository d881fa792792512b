#include "grammar/huge_pages.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25  // Linux 6.1; older kernels refuse it, which costs nothing
#endif

namespace ecslint {

namespace {

constexpr uintptr_t kHugePage = uintptr_t(2) << 20;
// glibc reserves each non-main arena's heap as one mapping of HEAP_MAX_SIZE
// (2 * DEFAULT_MMAP_THRESHOLD_MAX: 64 MiB on 64-bit) aligned to its size, so
// any chunk of the arena lies inside the aligned 64 MiB around it. Should a
// future glibc differ, the hint lands on other anonymous memory of ours: a
// cost in memory at worst, never in correctness.
constexpr uintptr_t kArenaHeapBytes = uintptr_t(64) << 20;

std::atomic<bool> prepared{false};
uintptr_t main_heap_start = 0;

// Heaps already marked (the main heap is marked by prepare_process_heap()).
// Arenas are few (eight per core at most) and are reused when threads end.
constexpr int kMaxMarked = 64;
std::atomic<uintptr_t> marked[kMaxMarked];

void mark(uintptr_t begin, uintptr_t end) {
  begin = (begin + kHugePage - 1) & ~(kHugePage - 1);
  if (begin < end) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

}  // namespace

void prepare_process_heap() {
  mallopt(M_TOP_PAD, 64 << 20);
  // Grow the main heap now, by the margin, so that it can be marked whole:
  // allocate until brk moves, then give the blocks back (the heap keeps the
  // margin).
  void* first_break = sbrk(0);
  void* held[64];
  int count = 0;
  while (sbrk(0) == first_break && count < 64) held[count++] = malloc(64 << 10);
  for (int i = 0; i < count; ++i) free(held[i]);
  uintptr_t top = reinterpret_cast<uintptr_t>(sbrk(0));
  size_t main_heap_bytes = mallinfo2().arena;
  if (main_heap_bytes == 0 || main_heap_bytes > top) return;
  main_heap_start = top - main_heap_bytes;
  mark(main_heap_start, top);
  prepared.store(true, std::memory_order_release);
}

void prepare_thread_heap() {
  if (!prepared.load(std::memory_order_acquire)) return;
  void* probe = malloc(1);
  uintptr_t at = reinterpret_cast<uintptr_t>(probe);
  free(probe);
  // The main arena (a thread that found no arena of its own to use).
  if (at >= main_heap_start && at < reinterpret_cast<uintptr_t>(sbrk(0))) return;
  uintptr_t heap = at & ~(kArenaHeapBytes - 1);
  for (std::atomic<uintptr_t>& slot : marked) {
    uintptr_t seen = slot.load(std::memory_order_acquire);
    if (seen == heap) return;
    if (seen == 0 && slot.compare_exchange_strong(seen, heap)) {
      mark(heap, heap + kArenaHeapBytes);
      // The arena's first pages (its header, the probe) are in already, as
      // 4 KiB pages, and a range with a small page in it is never faulted
      // in as a huge page: have the kernel make it one now.
      madvise(reinterpret_cast<void*>(heap), kHugePage, MADV_COLLAPSE);
      return;
    }
    if (seen == heap) return;  // another thread of the same arena marked it meanwhile
  }
}

}  // namespace ecslint
