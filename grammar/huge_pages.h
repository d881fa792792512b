// Asks the kernel for transparent huge pages under glibc malloc's heaps.
//
// A lint builds its syntax trees and values in many small allocations, and
// on small inputs the kernel's work of faulting in 4 KiB pages one at a time
// (about 1,800 faults for a 600 KB project) was a third of the run's CPU
// time. Where transparent huge pages are enabled in `madvise` mode (Debian's
// default), a heap marked MADV_HUGEPAGE is faulted in 2 MiB at a time. This
// is what glibc's `glibc.malloc.hugetlb=1` tunable does, which only an
// environment variable set before the process starts can turn on.
#pragma once

namespace ecslint {

// Keeps a 64 MiB margin on top of every heap (glibc otherwise grows a heap
// one brk or mprotect call at a time), grows the main heap by that margin
// now and marks it for huge pages. Call once at the start of main(), before
// any thread is started; with another allocator than glibc's (jemalloc, a
// sanitizer's) do not call it.
void prepare_process_heap();

// Marks the heap of the calling thread's malloc arena for huge pages, once
// per arena. Thread entry points call it; it does nothing unless
// prepare_process_heap() ran.
void prepare_thread_heap();

}  // namespace ecslint
