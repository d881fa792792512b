#include "analyzer/eval/node_pool.h"

#include <mutex>
#include <new>
#include <vector>

namespace ecslint::eval::detail {

namespace {

constexpr size_t kGranule = 16;                          // every block is a multiple, and aligned to it
constexpr size_t kClasses = kLargestPooled / kGranule;  // class c: blocks of c * kGranule bytes
constexpr size_t kChunkBytes = 64 * 1024;

struct FreeBlock {
  FreeBlock* next;
};

struct Pool {
  char* next = nullptr;  // the untouched rest of the current chunk
  char* end = nullptr;
  FreeBlock* free[kClasses + 1] = {};

  void push(void* block, size_t size_class) {
    auto* b = static_cast<FreeBlock*>(block);
    b->next = free[size_class];
    free[size_class] = b;
  }

  // A new chunk; what was left of the old one joins the list of its size.
  void* carve_from_new_chunk(size_t bytes) {
    if (size_t rest = size_t(end - next); rest >= kGranule) push(next, rest / kGranule);
    next = static_cast<char*>(::operator new(kChunkBytes));
    end = next + kChunkBytes;
    void* block = next;
    next += bytes;
    return block;
  }
};

thread_local Pool* this_thread_pool = nullptr;
thread_local bool pool_handed_on = false;  // this thread has ended and passed its pool on

// Pools of threads that have ended, for the next threads to take over.
std::mutex idle_lock;
std::vector<Pool*>& idle_pools() {
  static auto* pools = new std::vector<Pool*>;  // never destroyed: threads may end after static destructors ran
  return *pools;
}

struct ReturnAtThreadExit {
  bool armed = false;
  ~ReturnAtThreadExit() {
    if (!armed || !this_thread_pool) return;
    std::lock_guard hold(idle_lock);
    idle_pools().push_back(this_thread_pool);
    this_thread_pool = nullptr;
    pool_handed_on = true;
  }
};
thread_local ReturnAtThreadExit return_at_exit;

Pool& attach_pool() {
  // A value freed by a thread-local destructor that runs after the pool was
  // passed on: a pool of its own, which no one takes over (a few blocks at most).
  if (pool_handed_on) return *(this_thread_pool = new Pool);
  {
    std::lock_guard hold(idle_lock);
    if (!idle_pools().empty()) {
      this_thread_pool = idle_pools().back();
      idle_pools().pop_back();
    }
  }
  if (!this_thread_pool) this_thread_pool = new Pool;
  return_at_exit.armed = true;
  return *this_thread_pool;
}

Pool& pool() { return this_thread_pool ? *this_thread_pool : attach_pool(); }

size_t size_class(size_t bytes) { return (bytes + kGranule - 1) / kGranule; }

}  // namespace

void* allocate_node(size_t bytes) {
  if (!kNodePooling || bytes > kLargestPooled || bytes == 0) return ::operator new(bytes);
  size_t c = size_class(bytes);
  Pool& p = pool();
  if (FreeBlock* block = p.free[c]) {
    p.free[c] = block->next;
    return block;
  }
  size_t rounded = c * kGranule;
  if (size_t(p.end - p.next) < rounded) return p.carve_from_new_chunk(rounded);
  void* block = p.next;
  p.next += rounded;
  return block;
}

void free_node(void* block, size_t bytes) {
  if (!kNodePooling || bytes > kLargestPooled || bytes == 0) {
    ::operator delete(block);
    return;
  }
  pool().push(block, size_class(bytes));
}

}  // namespace ecslint::eval::detail
