#include "grammar/large_stack.h"

#include <pthread.h>

#include <exception>
#include <stdexcept>

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
}  // namespace

void mark_large_stack(size_t stack_bytes) { large_stack_of_this_thread = stack_bytes; }

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
  pthread_attr_setstacksize(&attr, stack_bytes);
  pthread_t thread;
  int rc = pthread_create(&thread, &attr, run_job, &job);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    fn();  // no thread to be had: run here rather than fail
    return;
  }
  pthread_join(thread, nullptr);
  if (job.error) std::rethrow_exception(job.error);
}

}  // namespace ecslint
