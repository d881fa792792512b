#include "grammar/huge_pages.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace ecslint {
namespace {

// Whether the mapping holding `p` is marked MADV_HUGEPAGE ("hg" among its
// VmFlags in /proc/self/smaps).
bool marked_for_huge_pages(const void* p) {
  auto at = reinterpret_cast<uintptr_t>(p);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> begin >> dash >> end && dash == '-') {
      inside = at >= begin && at < end;
      continue;
    }
    if (inside && line.starts_with("VmFlags:")) return (line + " ").find(" hg ") != std::string::npos;
  }
  return false;
}

// Runs `body` in a child process (the heap settings are the process's own)
// and returns its exit status: 0 when every check held.
int in_child(int (*body)()) {
  pid_t pid = fork();
  if (pid == 0) _exit(body());
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

int main_and_thread_heaps_are_marked() {
  prepare_process_heap();
  // The heap's margin, where its next allocations come from (the process's
  // earlier ones, below the first 2 MiB boundary, stay as they were).
  if (!marked_for_huge_pages(static_cast<char*>(sbrk(0)) - 1)) return 1;
  int thread_result = 0;
  std::thread worker([&] {
    prepare_thread_heap();
    void* on_thread = malloc(1000);
    // A thread gets an arena of its own while there are cores to spare;
    // with one core it may share the main heap, which is marked too.
    thread_result = marked_for_huge_pages(on_thread) ? 0 : 2;
    free(on_thread);
  });
  worker.join();
  return thread_result;
}

int nothing_is_marked_unprepared() {
  int thread_result = 0;
  std::thread worker([&] {
    prepare_thread_heap();
    void* on_thread = malloc(1000);
    thread_result = marked_for_huge_pages(on_thread) ? 4 : 0;
    free(on_thread);
  });
  worker.join();
  if (thread_result != 0) return thread_result;
  return marked_for_huge_pages(static_cast<char*>(sbrk(0)) - 1) ? 3 : 0;
}

bool transparent_huge_pages_available() {
  std::ifstream mode("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string text;
  std::getline(mode, text);
  return text.find("[never]") == std::string::npos && !text.empty();
}

TEST(HugePages, MainAndThreadHeapsAreMarked) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "the sanitizer's allocator is not glibc's malloc";
#endif
  if (!transparent_huge_pages_available()) GTEST_SKIP() << "transparent huge pages are off on this kernel";
  EXPECT_EQ(in_child(main_and_thread_heaps_are_marked), 0);
}

TEST(HugePages, ThreadsMarkNothingUnlessTheProcessWasPrepared) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "the sanitizer's allocator is not glibc's malloc";
#endif
  EXPECT_EQ(in_child(nothing_is_marked_unprepared), 0);
}

}  // namespace
}  // namespace ecslint
