#include "analyzer/eval/node_pool.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <set>
#include <thread>
#include <vector>

namespace ecslint::eval::detail {
namespace {

TEST(NodePool, BlocksAreAlignedAndDistinct) {
  std::vector<std::pair<void*, size_t>> blocks;
  std::set<void*> seen;
  for (size_t bytes : {1, 15, 16, 17, 40, 48, 200, 1000, 1024, 1025, 5000}) {
    for (int i = 0; i < 50; ++i) {
      void* b = allocate_node(bytes);
      EXPECT_EQ(reinterpret_cast<uintptr_t>(b) % 16, 0u) << bytes;
      EXPECT_TRUE(seen.insert(b).second) << "handed out twice: " << bytes;
      std::memset(b, 0xab, bytes);  // the whole block is usable (ASan checks the bounds)
      blocks.emplace_back(b, bytes);
    }
  }
  for (auto [b, bytes] : blocks) free_node(b, bytes);
}

TEST(NodePool, FreedBlockIsReusedForItsSizeClass) {
  if (!kNodePooling) GTEST_SKIP() << "pooling is off under AddressSanitizer";
  void* a = allocate_node(40);
  free_node(a, 40);
  EXPECT_EQ(allocate_node(48), a);  // 40 and 48 bytes share a class
  void* b = allocate_node(64);
  EXPECT_NE(b, a);
  free_node(a, 48);
  free_node(b, 64);
}

TEST(NodePool, LargeBlocksAreMallocs) {
  void* big = allocate_node(kLargestPooled + 1);
  std::memset(big, 0, kLargestPooled + 1);
  free_node(big, kLargestPooled + 1);  // ASan would report a mismatch if this were not malloc's
}

TEST(NodePool, BlockFreedOnAnotherThreadServesThatThread) {
  if (!kNodePooling) GTEST_SKIP() << "pooling is off under AddressSanitizer";
  void* made = nullptr;
  std::thread([&] { made = allocate_node(96); }).join();
  void* again = nullptr;
  std::thread([&] {
    free_node(made, 96);
    again = allocate_node(96);
  }).join();
  EXPECT_EQ(again, made);
  free_node(again, 96);
}

TEST(NodePool, EndedThreadsPoolPassesToTheNextThread) {
  if (!kNodePooling) GTEST_SKIP() << "pooling is off under AddressSanitizer";
  void* freed = nullptr;
  std::thread([&] {
    freed = allocate_node(160);
    free_node(freed, 160);
  }).join();
  void* taken = nullptr;
  std::thread([&] { taken = allocate_node(160); }).join();
  EXPECT_EQ(taken, freed);
  free_node(taken, 160);
}

// A thread-local made before the thread's first value is destroyed after
// the pool was passed on; what it frees then must not reach the pool that
// another thread may already have taken.
struct FreedAtThreadExit {
  void* block = nullptr;
  ~FreedAtThreadExit() {
    if (block) free_node(block, 64);
  }
};
thread_local FreedAtThreadExit freed_at_exit;

TEST(NodePool, BlockFreedAfterThePoolWasPassedOnStaysOutOfIt) {
  if (!kNodePooling) GTEST_SKIP() << "pooling is off under AddressSanitizer";
  void* late = nullptr;
  void* freed = nullptr;
  std::thread([&] {
    freed_at_exit.block = nullptr;  // made first, so destroyed last
    late = freed_at_exit.block = allocate_node(64);
    freed = allocate_node(64);
    free_node(freed, 64);
  }).join();
  void* next = nullptr;
  std::thread([&] { next = allocate_node(64); }).join();
  EXPECT_EQ(next, freed);  // the pool was passed on, with what the thread had freed
  EXPECT_NE(next, late);
  free_node(next, 64);
}

}  // namespace
}  // namespace ecslint::eval::detail
