#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "analyzer/cli/app.h"
#include "analyzer/timing.h"

int main(int argc, char** argv) {
  // A lint run allocates its trees and values in many small pieces on every
  // worker thread; glibc grows a thread's heap one mprotect call at a time
  // unless asked to keep a margin, and those calls and their page faults
  // were a fifth of the run's CPU time on large workspaces.
#ifndef ECSLINT_WITH_JEMALLOC
  mallopt(M_TOP_PAD, 64 << 20);
#endif
  int status = ecslint::cli::run(argc, argv);
  ecslint::print_timings();
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return status;  // LeakSanitizer's check runs at exit
#else
  // All output is written; what exit() would add is the destructors of
  // objects whose memory the kernel frees anyway, and their code pages
  // fault in one by one: 0.1 ms of an empty lint on the bench VM.
  _exit(status);
#endif
}
