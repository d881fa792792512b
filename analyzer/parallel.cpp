#include "analyzer/parallel.h"

#include <pthread.h>

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
  drain(*static_cast<SharedWork*>(arg));
  return nullptr;
}
}  // namespace

void parallel_for(size_t count, int threads, const std::function<void(size_t)>& fn) {
  if (count == 0) return;  // not even a thread to start for nothing
  SharedWork work{count, &fn};
  size_t workers = std::min<size_t>(size_t(worker_count(threads)), count);
  if (workers <= 1) {
    run_with_large_stack([&] { drain(work); });
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
