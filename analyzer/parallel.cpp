#include "analyzer/parallel.h"

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <deque>
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

// The cores this process may run on, read once.
struct AllowedCores {
  cpu_set_t mask;
  std::vector<int> cores;
  bool known = false;
};

const AllowedCores& allowed_cores() {
  static const AllowedCores allowed = [] {
    AllowedCores a;
    CPU_ZERO(&a.mask);
    if (sched_getaffinity(0, sizeof(a.mask), &a.mask) != 0) return a;
    for (int c = 0; c < CPU_SETSIZE; ++c)
      if (CPU_ISSET(c, &a.mask)) a.cores.push_back(c);
    a.known = a.cores.size() > 1;
    return a;
  }();
  return allowed;
}

// The core each of `threads` new threads starts on (-1: wherever the kernel
// puts it). Linux tends to start a new thread on its parent's core even
// when another core is idle; it then waits there, or preempts the parent
// before the parent has started the rest, until the load balancer moves one:
// 1-5 ms on the 2-core bench VM, a third of a 1 MB lint (bench/README.md).
// So threads start on the other cores first, and the caller's own core,
// where the caller will work or wait, comes last.
std::vector<int> start_cores(size_t threads) {
  std::vector<int> out(threads, -1);
  const AllowedCores& allowed = allowed_cores();
  if (!allowed.known) return out;
  int here = sched_getcpu();
  std::vector<int> order;
  for (int c : allowed.cores)
    if (c != here) order.push_back(c);
  if (std::find(allowed.cores.begin(), allowed.cores.end(), here) != allowed.cores.end()) order.push_back(here);
  for (size_t t = 0; t < threads && t < order.size(); ++t) out[t] = order[t];
  return out;
}

struct ThreadStart {
  const std::function<void(size_t)>* body;
  size_t index;
  bool placed;
};

void* run_thread(void* arg) {
  auto* start = static_cast<ThreadStart*>(arg);
  // Placed only to start: from here on it may move like any thread.
  if (start->placed) {
    const cpu_set_t& mask = allowed_cores().mask;
    pthread_setaffinity_np(pthread_self(), sizeof(mask), &mask);
  }
  mark_large_stack(kParserStackBytes);
  (*start->body)(start->index);
  return nullptr;
}

struct SharedWork {
  size_t count;
  const std::function<void(size_t)>* fn;
  std::atomic<size_t> next{0};
};

void drain(SharedWork& work) {
  for (size_t i = work.next++; i < work.count; i = work.next++) (*work.fn)(i);
}

// A started thread and the kept stack it runs on (nullptr: glibc's own).
struct Worker {
  pthread_t thread;
  void* stack;
};

void join_all(std::vector<Worker>& workers) {
  for (Worker& w : workers) {
    pthread_join(w.thread, nullptr);
    give_back_large_stack(w.stack);
  }
  workers.clear();
}

// Starts body(first) .. body(first + count - 1) on new threads, appending
// what each reads to `starts`; returns the threads (fewer when one cannot be
// started: the rest are not run).
std::vector<Worker> start_threads(size_t first, size_t count, const std::function<void(size_t)>& body,
                                  std::deque<ThreadStart>& starts) {
  std::vector<int> cores = start_cores(count);
  std::vector<Worker> started;
  auto start = [&](size_t t, bool placed) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    void* stack = use_large_stack(attr);
    if (placed) {
      cpu_set_t one;
      CPU_ZERO(&one);
      CPU_SET(cores[t], &one);
      placed = pthread_attr_setaffinity_np(&attr, sizeof(one), &one) == 0;
    }
    ThreadStart& what = starts.emplace_back(ThreadStart{&body, first + t, placed});
    pthread_t thread;
    bool ok = pthread_create(&thread, &attr, run_thread, &what) == 0;
    pthread_attr_destroy(&attr);
    if (ok) started.push_back({thread, stack});
    else give_back_large_stack(stack);
    return ok;
  };
  for (size_t t = 0; t < count; ++t) {
    // A core that cannot be had (the process was moved meanwhile): anywhere.
    if (!start(t, cores[t] >= 0) && (cores[t] < 0 || !start(t, false))) break;
  }
  return started;
}

}  // namespace

struct Helpers::Started {
  std::deque<ThreadStart> starts;  // stable: each thread reads its own
  std::vector<Worker> threads;
  size_t next_index = 1;
};

Helpers::Helpers(std::function<void(size_t)> body) : body_(std::move(body)), started_(std::make_unique<Started>()) {}

Helpers::~Helpers() { join(); }

size_t Helpers::start(size_t count) {
  std::vector<Worker> threads = start_threads(started_->next_index, count, body_, started_->starts);
  started_->next_index += threads.size();
  started_->threads.insert(started_->threads.end(), threads.begin(), threads.end());
  return threads.size();
}

void Helpers::join() { join_all(started_->threads); }

void parallel_for(size_t count, int threads, const std::function<void(size_t)>& fn) {
  if (count == 0) return;  // not even a thread to start for nothing
  SharedWork work{count, &fn};
  size_t workers = std::min<size_t>(size_t(worker_count(threads)), count);
  if (workers <= 1) {
    run_with_large_stack([&] { drain(work); });
    return;
  }
  // Parsers need the workers' large stacks, so the caller only waits.
  std::deque<ThreadStart> starts;
  std::function<void(size_t)> body = [&](size_t) { drain(work); };
  std::vector<Worker> started = start_threads(0, workers, body, starts);
  if (started.empty()) run_with_large_stack([&] { drain(work); });
  join_all(started);
}

}  // namespace ecslint
