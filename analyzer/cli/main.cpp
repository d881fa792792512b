#include "analyzer/cli/app.h"
#include "analyzer/timing.h"
#include "grammar/huge_pages.h"

int main(int argc, char** argv) {
  // glibc's malloc only: jemalloc and the sanitizers bring their own.
#if !defined(ECSLINT_WITH_JEMALLOC) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
  ecslint::prepare_process_heap();
#endif
  int status = ecslint::cli::run(argc, argv);
  ecslint::print_timings();
  return status;
}
