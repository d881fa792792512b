#include "analyzer/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace ecslint {
namespace {

TEST(ParallelFor, CallsEveryIndexOnceOnAnyNumberOfWorkers) {
  for (int threads : {1, 2, 4}) {
    for (size_t count : {size_t(0), size_t(1), size_t(7), size_t(1000)}) {
      std::vector<std::atomic<int>> calls(count);
      parallel_for(count, threads, [&](size_t i) {
        // Nested loops run too (in place on a worker, with one thread).
        std::atomic<int> inner{0};
        parallel_for(3, 1, [&](size_t) { ++inner; });
        calls[i] += inner == 3 ? 1 : 100;
      });
      for (size_t i = 0; i < count; ++i) EXPECT_EQ(calls[i], 1) << "threads=" << threads << " count=" << count;
    }
  }
}

// The VmFlags of the mapping holding `address`, from /proc/self/smaps.
std::string vm_flags_of(const void* address) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  auto at = reinterpret_cast<uintptr_t>(address);
  bool inside = false;
  while (std::getline(smaps, line)) {
    unsigned long begin = 0, end = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &begin, &end) == 2 && line.find(':') > line.find(' ')) {
      inside = at >= begin && at < end;
      continue;
    }
    if (inside && line.starts_with("VmFlags:")) return line;
  }
  return "";
}

TEST(ParallelFor, WorkersAskForHugePagesInTheirHeap) {
  if (!std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled") || !std::ifstream("/proc/self/smaps"))
    GTEST_SKIP() << "no transparent huge pages or no /proc/self/smaps here";
  // (The thread may take over the heap of a worker of an earlier test, already asked for.)
  std::string flags;
  std::thread worker([&] {
    prefer_huge_pages_for_this_thread();
    prefer_huge_pages_for_this_thread();  // once is enough; twice is harmless
    void* block = std::malloc(64);
    flags = vm_flags_of(block);
    std::free(block);
  });
  worker.join();
  ASSERT_FALSE(flags.empty()) << "the heap's mapping was not found in /proc/self/smaps";
  EXPECT_NE(flags.find(" hg"), std::string::npos) << flags;
}

}  // namespace
}  // namespace ecslint
