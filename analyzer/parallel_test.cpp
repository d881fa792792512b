#include "analyzer/parallel.h"

#include <gtest/gtest.h>
#include <sched.h>

#include <atomic>
#include <mutex>
#include <set>
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

// Workers start on chosen cores but must not stay tied to them.
bool may_run_anywhere_allowed(const cpu_set_t& allowed) {
  cpu_set_t mine;
  CPU_ZERO(&mine);
  return sched_getaffinity(0, sizeof(mine), &mine) == 0 && CPU_EQUAL(&mine, &allowed);
}

TEST(ParallelFor, WorkersAreNotLeftTiedToTheCoreTheyStartedOn) {
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  ASSERT_EQ(sched_getaffinity(0, sizeof(allowed), &allowed), 0);
  std::atomic<int> tied{0};
  parallel_for(8, 4, [&](size_t) { tied += may_run_anywhere_allowed(allowed) ? 0 : 1; });
  EXPECT_EQ(tied, 0);
}

TEST(RunHereAndOnThreads, IndexZeroHereTheOthersEachOnAThreadOfItsOwn) {
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  ASSERT_EQ(sched_getaffinity(0, sizeof(allowed), &allowed), 0);
  for (size_t workers : {size_t(1), size_t(2), size_t(5)}) {
    std::mutex lock;
    std::vector<std::thread::id> ran_on(workers);
    std::vector<int> calls(workers, 0);
    bool all_free = true;
    size_t ran = run_here_and_on_threads(workers, [&](size_t w) {
      bool free = may_run_anywhere_allowed(allowed);
      std::lock_guard hold(lock);
      ran_on[w] = std::this_thread::get_id();
      ++calls[w];
      all_free = all_free && free;
    });
    EXPECT_EQ(ran, workers);
    EXPECT_EQ(std::vector<int>(workers, 1), calls);
    EXPECT_EQ(ran_on[0], std::this_thread::get_id());
    EXPECT_EQ(std::set<std::thread::id>(ran_on.begin(), ran_on.end()).size(), workers);
    EXPECT_TRUE(all_free) << workers << " workers";
  }
  EXPECT_EQ(run_here_and_on_threads(0, [](size_t) { FAIL(); }), 0u);
}

}  // namespace
}  // namespace ecslint
