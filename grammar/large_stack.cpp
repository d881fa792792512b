#include "grammar/large_stack.h"

#include <pthread.h>
#include <sys/mman.h>

#include <exception>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace ecslint {

namespace {
// The stack size of this thread when it was started with a large one.
thread_local size_t large_stack_of_this_thread = 0;

struct Job {
  const std::function<void()>* fn;
  size_t stack_bytes;
  std::exception_ptr error;
};

void* run_job(void* arg) {
  auto* job = static_cast<Job*>(arg);
  large_stack_of_this_thread = job->stack_bytes;
  try {
    (*job->fn)();
  } catch (...) {
    job->error = std::current_exception();
  }
  return nullptr;
}

// Below each kept stack: an inaccessible guard, so that an overflow faults
// as it does on glibc's stacks.
constexpr size_t kGuardBytes = size_t(64) << 10;

std::mutex kept_stacks_mutex;
std::vector<void*> idle_stacks;  // never unmapped: the process's exit frees them

void* map_large_stack() {
  size_t total = kGuardBytes + kParserStackBytes;
  void* region = mmap(nullptr, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (region == MAP_FAILED) return nullptr;
  char* stack = static_cast<char*>(region) + kGuardBytes;
  if (mprotect(stack, kParserStackBytes, PROT_READ | PROT_WRITE) != 0) {
    munmap(region, total);
    return nullptr;
  }
  return stack;
}

}  // namespace

void mark_large_stack(size_t stack_bytes) { large_stack_of_this_thread = stack_bytes; }

void* use_large_stack(pthread_attr_t& attr) {
  void* stack = nullptr;
  {
    std::lock_guard hold(kept_stacks_mutex);
    if (!idle_stacks.empty()) {
      stack = idle_stacks.back();
      idle_stacks.pop_back();
    }
  }
  if (!stack) stack = map_large_stack();
  if (stack && pthread_attr_setstack(&attr, stack, kParserStackBytes) == 0) return stack;
  if (stack) give_back_large_stack(stack);
  pthread_attr_setstacksize(&attr, kParserStackBytes);
  return nullptr;
}

void give_back_large_stack(void* stack) {
  if (!stack) return;
  std::lock_guard hold(kept_stacks_mutex);
  idle_stacks.push_back(stack);
}

void run_with_large_stack(const std::function<void()>& fn, size_t stack_bytes) {
  // A worker already on a stack this large runs it in place: a thread per
  // call costs more than small jobs (one project's parse, one rule) do.
  if (large_stack_of_this_thread >= stack_bytes) {
    fn();
    return;
  }
  Job job{&fn, stack_bytes, nullptr};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  void* stack = nullptr;
  if (stack_bytes == kParserStackBytes) stack = use_large_stack(attr);
  else pthread_attr_setstacksize(&attr, stack_bytes);
  pthread_t thread;
  int rc = pthread_create(&thread, &attr, run_job, &job);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    give_back_large_stack(stack);
    fn();  // no thread to be had: run here rather than fail
    return;
  }
  pthread_join(thread, nullptr);
  give_back_large_stack(stack);
  if (job.error) std::rethrow_exception(job.error);
}

}  // namespace ecslint
