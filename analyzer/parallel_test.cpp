#include "analyzer/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
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

}  // namespace
}  // namespace ecslint
