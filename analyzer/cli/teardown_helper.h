// The kernel frees a process's memory as part of its exit, before the shell
// (or pre-commit, or CI) learns that it has ended: on the 2-core bench VM,
// 1.1-1.3 ms for a 1 MB lint's 11 MB, a tenth of the run. mold hands this
// to a forked child; a fork's copy-on-write faults cost what they saved
// (bench/README.md). A helper process that shares the address space
// (clone(CLONE_VM), no copy) holds the memory instead: the lint exits at
// once, and the helper, woken by the lint's end, exits and frees it. The
// helper runs as SCHED_IDLE: the teardown waits for a free core rather than
// delaying the process that waited for the lint (on the bench VM the
// harness was woken 0.9 ms later when the helper shared its core).
#pragma once

#include <sys/types.h>

namespace ecslint::cli {

// Starts the helper and returns its process id, if the platform allows
// (x86-64 Linux, no sanitizer, not under Valgrind); otherwise does nothing
// and returns 0. Call once, before any other thread starts.
pid_t hand_teardown_to_helper();

}  // namespace ecslint::cli
