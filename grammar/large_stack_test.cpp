#include "grammar/large_stack.h"

#include <gtest/gtest.h>
#include <pthread.h>

#include <cstdint>
#include <vector>

namespace ecslint {
namespace {

// Where a thread's stack is: the address of one of its locals.
uintptr_t stack_address() {
  volatile char here = 0;
  return reinterpret_cast<uintptr_t>(&here);
}

bool within(uintptr_t address, const void* stack) {
  auto base = reinterpret_cast<uintptr_t>(stack);
  return address >= base && address < base + kParserStackBytes;
}

thread_local int set_by_the_previous_thread = 0;

struct Seen {
  uintptr_t address = 0;
  int thread_local_at_start = -1;
};

void* record(void* arg) {
  auto* seen = static_cast<Seen*>(arg);
  seen->address = stack_address();
  seen->thread_local_at_start = set_by_the_previous_thread;
  set_by_the_previous_thread = 7;
  return nullptr;
}

// Runs a thread on a kept stack, then gives the stack back.
struct KeptStackRun {
  void* stack = nullptr;
  Seen seen;
};

KeptStackRun run_on_kept_stack() {
  KeptStackRun run;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  run.stack = use_large_stack(attr);
  if (run.stack) {
    pthread_t thread;
    EXPECT_EQ(pthread_create(&thread, &attr, record, &run.seen), 0);
    pthread_join(thread, nullptr);
  }
  pthread_attr_destroy(&attr);
  give_back_large_stack(run.stack);
  return run;
}

// A stack given back is the next one handed out, and a thread on it starts
// with fresh thread-locals, as on a stack of glibc's.
TEST(LargeStack, KeptStackIsReusedWithFreshThreadLocals) {
  KeptStackRun one = run_on_kept_stack();
  ASSERT_NE(one.stack, nullptr);
  KeptStackRun two = run_on_kept_stack();
  EXPECT_EQ(two.stack, one.stack);
  for (const KeptStackRun& run : {one, two}) {
    EXPECT_TRUE(within(run.seen.address, run.stack));
    EXPECT_EQ(run.seen.thread_local_at_start, 0);
  }
}

// Stacks in use at once are distinct; run_with_large_stack uses kept ones.
TEST(LargeStack, StacksInUseAtOnceAreDistinctAndRunWithLargeStackKeepsItsOwn) {
  std::vector<void*> stacks;
  std::vector<pthread_attr_t> attrs(3);
  for (pthread_attr_t& attr : attrs) {
    pthread_attr_init(&attr);
    stacks.push_back(use_large_stack(attr));
    ASSERT_NE(stacks.back(), nullptr);
  }
  EXPECT_NE(stacks[0], stacks[1]);
  EXPECT_NE(stacks[1], stacks[2]);
  EXPECT_NE(stacks[0], stacks[2]);
  for (size_t i = 0; i < attrs.size(); ++i) {
    pthread_attr_destroy(&attrs[i]);
    give_back_large_stack(stacks[i]);
  }
  uintptr_t address = 0;
  run_with_large_stack([&] { address = stack_address(); });
  bool on_a_kept_stack = false;
  for (void* stack : stacks) on_a_kept_stack = on_a_kept_stack || within(address, stack);
  EXPECT_TRUE(on_a_kept_stack);
}

}  // namespace
}  // namespace ecslint
