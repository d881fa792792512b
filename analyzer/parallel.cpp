#include "analyzer/parallel.h"

#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "grammar/large_stack.h"

namespace ecslint {

int worker_count(int requested) {
  if (requested > 0) return requested;
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : int(cores);
}

void prefer_huge_pages_for_this_thread() {
  thread_local bool asked = false;
  if (asked) return;
  asked = true;
  // A thread's arena lives in a heap of HEAP_MAX_SIZE (64 MiB on 64-bit)
  // aligned to its size, found from any pointer in it (glibc's heap_for_ptr).
  // The main arena is the program break's heap, below it and laid out
  // otherwise: left alone.
  constexpr uintptr_t kHeapBytes = uintptr_t(64) << 20;
  void* probe = std::malloc(1);
  if (!probe) return;
  auto at = reinterpret_cast<uintptr_t>(probe);
  std::free(probe);
  if (at < reinterpret_cast<uintptr_t>(sbrk(0))) return;
  madvise(reinterpret_cast<void*>(at & ~(kHeapBytes - 1)), kHeapBytes, MADV_HUGEPAGE);
}

namespace {
struct SharedWork {
  size_t count;
  const std::function<void(size_t)>* fn;
  std::atomic<size_t> next{0};
};

void drain(SharedWork& work) {
  for (size_t i = work.next++; i < work.count; i = work.next++) (*work.fn)(i);
}

void* drain_thread(void* arg) {
  mark_large_stack(kParserStackBytes);
  prefer_huge_pages_for_this_thread();
  drain(*static_cast<SharedWork*>(arg));
  return nullptr;
}
}  // namespace

void parallel_for(size_t count, int threads, const std::function<void(size_t)>& fn) {
  SharedWork work{count, &fn};
  size_t workers = std::min<size_t>(size_t(worker_count(threads)), count);
  if (workers <= 1) {
    run_with_large_stack([&] {
      prefer_huge_pages_for_this_thread();
      drain(work);
    });
    return;
  }
  std::vector<pthread_t> started;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kParserStackBytes);
  for (size_t i = 0; i < workers; ++i) {
    pthread_t thread;
    if (pthread_create(&thread, &attr, drain_thread, &work) == 0) started.push_back(thread);
  }
  pthread_attr_destroy(&attr);
  if (started.empty()) run_with_large_stack([&] { drain(work); });
  for (pthread_t thread : started) pthread_join(thread, nullptr);
}

}  // namespace ecslint
