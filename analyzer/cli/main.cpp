#include <malloc.h>

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
  return status;
}
