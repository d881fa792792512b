#include "analyzer/parallel.h"

#include <gtest/gtest.h>
#include <sched.h>

#include <algorithm>
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

TEST(Helpers, EachIndexFromOneOnAThreadOfItsOwnThenJoined) {
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  ASSERT_EQ(sched_getaffinity(0, sizeof(allowed), &allowed), 0);
  std::mutex lock;
  std::vector<size_t> indexes;
  std::set<std::thread::id> threads;
  bool all_free = true;
  {
    Helpers helpers([&](size_t i) {
      bool free = may_run_anywhere_allowed(allowed);
      std::lock_guard hold(lock);
      indexes.push_back(i);
      threads.insert(std::this_thread::get_id());
      all_free = all_free && free;
    });
    EXPECT_EQ(helpers.start(2), 2u);
    EXPECT_EQ(helpers.start(1), 1u);  // numbering goes on
    helpers.join();
    std::sort(indexes.begin(), indexes.end());
    EXPECT_EQ(indexes, (std::vector<size_t>{1, 2, 3}));
    EXPECT_EQ(threads.size(), 3u);
    EXPECT_FALSE(threads.contains(std::this_thread::get_id()));
    EXPECT_TRUE(all_free);
    EXPECT_EQ(helpers.start(1), 1u);  // the destructor joins it
  }
  EXPECT_EQ(indexes.size(), 4u);
}

}  // namespace
}  // namespace ecslint
